import type { RouteSpec } from "./routes";

/** Compliance operations: compliance reviews and alerts (compliance/routes.ts), spread into ROUTES (see routes.ts). */
export const COMPLIANCE_ROUTES: Record<string, RouteSpec> = {};
