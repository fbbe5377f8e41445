import type { RouteSpec } from "./routes";

/** Onboarding operations (review), spread into ROUTES (see routes.ts for the meaning of each entry). */
export const ONBOARDING_REVIEW_ROUTES: Record<string, RouteSpec> = {};
