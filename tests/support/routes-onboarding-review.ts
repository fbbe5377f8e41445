import type { RouteSpec } from "./routes";

/**
 * Onboarding operations (review), spread into ROUTES (see routes.ts for the meaning of each entry).
 * The customer's /public/applications/me* operations need the Bearer token of a customer session:
 * without one they answer 401 unauthenticated (never forbidden).
 */
export const ONBOARDING_REVIEW_ROUTES: Record<string, RouteSpec> = {
  // Staff (review-routes.ts).
  "GET /applications": { need: "applications:read" },
  "POST /applications/{id}/assign": { need: "applications:review", body: () => ({ assigneeId: null }) },
  "POST /applications/{id}/decision": { need: "applications:decide", body: () => ({ decision: "approve" }) },
  "POST /applications/{id}/funded": { need: "applications:fund", body: () => ({}) },
  "GET /applications/{id}/documents/{documentId}": { need: "applications:read" },
  "POST /applications/{id}/documents/{documentId}/accept": { need: "applications:review" },
  "POST /applications/{id}/documents/{documentId}/reject": { need: "applications:review", body: () => ({ reason: "Matrix check" }) },
  // Customer (public-documents-routes.ts): the upload is a raw body, so none is given here.
  "POST /public/applications/me/documents": { need: "public" },
  "DELETE /public/applications/me/documents/{documentId}": { need: "public" },
  "POST /public/applications/me/payments": { need: "public", body: () => ({ step: "deposit", card: { number: "4242424242424242", expiry: "12/39", cvc: "123", name: "Matrix Customer" } }) },
  "POST /public/applications/me/welcome/{itemId}": { need: "public", body: () => ({ done: true }) },
};
