import type { RouteSpec } from "./routes";

/** Onboarding operations (flows), spread into ROUTES (see routes.ts for the meaning of each entry). */
export const ONBOARDING_FLOWS_ROUTES: Record<string, RouteSpec> = {};
