import type { RouteSpec } from "./routes";

/**
 * The identity step's customer operations (identity/routes.ts), spread into ROUTES (see routes.ts).
 * They need the Bearer token of a customer session, not a staff credential: "public" here, and
 * identity.test.ts checks the 401 without a session.
 */
export const IDENTITY_ROUTES: Record<string, RouteSpec> = {
  "GET /public/applications/me/identity": { need: "public" },
  "POST /public/applications/me/identity": { need: "public" },
  "POST /public/applications/me/identity/selfie": { need: "public" },
};
