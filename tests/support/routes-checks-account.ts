import type { RouteSpec } from "./routes";

/** Compliance operations: account and contact checks (checks/account-routes.ts), spread into ROUTES (see routes.ts). */
export const CHECKS_ACCOUNT_ROUTES: Record<string, RouteSpec> = {};
