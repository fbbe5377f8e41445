import type { RouteSpec } from "./routes";

/** Compliance operations: POST /checks/mrz (checks/mrz-routes.ts), spread into ROUTES (see routes.ts). */
export const CHECKS_MRZ_ROUTES: Record<string, RouteSpec> = {};
