import type { RouteSpec } from "./routes";

/** Compliance operations: identity documents and the identity step (identity/routes.ts), spread into ROUTES (see routes.ts). */
export const IDENTITY_ROUTES: Record<string, RouteSpec> = {};
