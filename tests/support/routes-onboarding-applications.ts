import type { RouteSpec } from "./routes";

/** Onboarding operations (applications), spread into ROUTES (see routes.ts for the meaning of each entry). */
export const ONBOARDING_APPLICATIONS_ROUTES: Record<string, RouteSpec> = {};
