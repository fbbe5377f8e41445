import type { RouteSpec } from "./routes";

/**
 * Onboarding operations (applications), spread into ROUTES (see routes.ts for the meaning of each entry).
 * The customer's /public/applications/me* operations need the Bearer token of a customer session:
 * without one they answer 401 unauthenticated (never forbidden).
 */
export const ONBOARDING_APPLICATIONS_ROUTES: Record<string, RouteSpec> = {
  // Staff (applications-routes.ts).
  "POST /applications": { need: "applications:create", body: (f) => ({ product: "checking", customer: { name: "Matrix Customer", phone: "+972501234567", email: `m-${f.uniq()}@example.test` } }) },
  "GET /applications/{id}": { need: "applications:read" },
  "GET /applications/{id}/progress": { need: "applications:read" },
  "POST /applications/{id}/link": { need: "applications:create", body: () => ({ via: "sms" }) },
  "POST /applications/{id}/revoke": { need: "applications:create" },
  "POST /applications/{id}/cancel": { need: "applications:create", body: () => ({ reason: "Matrix check" }) },
  // Customer (public-routes.ts).
  "GET /public/applications/link/{token}": { need: "public" },
  "POST /public/applications/link/{token}/otp": { need: "public", body: () => ({}) },
  "POST /public/applications/link/{token}/session": { need: "public", body: () => ({ code: "123456" }) },
  "GET /public/applications/me": { need: "public" },
  "PATCH /public/applications/me/answers": { need: "public", body: () => ({ answers: {} }) },
  "POST /public/applications/me/steps/{stepId}/view": { need: "public" },
  "POST /public/applications/me/steps/{stepId}/complete": { need: "public" },
  "POST /public/applications/me/submit": { need: "public" },
  "POST /public/applications/me/logout": { need: "public" },
  "POST /public/banks/{slug}/applications": { need: "public", body: (f) => ({ product: "checking", name: "Matrix Customer", email: `p-${f.uniq()}@example.test` }) },
};
