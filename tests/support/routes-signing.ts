import type { RouteSpec } from "./routes";

/** E-signature: the bank's seal and its public verification (signing/routes.ts), spread into ROUTES (see routes.ts). */
export const SIGNING_ROUTES: Record<string, RouteSpec> = {
  // A raw PDF body: none is given here (an allowed role then gets 400 empty, never 401/403).
  "POST /signing/seal": { need: "documents:seal" },
  "POST /signing/verify": { need: "public" },
};
