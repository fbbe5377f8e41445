import type { RouteSpec } from "./routes";

/** Compliance operations: risk rules, compliance settings, retention (risk/routes.ts), spread into ROUTES (see routes.ts). */
export const RISK_ROUTES: Record<string, RouteSpec> = {};
