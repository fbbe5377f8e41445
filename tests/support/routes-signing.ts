import type { RouteSpec } from "./routes";

const PDF_FIELD = { id: "sig1", kind: "signature", role: "applicant", page: 0, x: 50, y: 50, width: 150, height: 40, required: true };

/**
 * E-signature, spread into ROUTES (see routes.ts): the bank's seal and its public verification
 * (signing/routes.ts), document templates (template-routes.ts), envelopes (envelope-routes.ts) and
 * the signer's own calls (public-routes.ts: the link token is the credential, so "public" here;
 * public-routes.test.ts checks the 401 without one).
 */
export const SIGNING_ROUTES: Record<string, RouteSpec> = {
  // A raw PDF body: none is given here (an allowed role then gets 400 empty, never 401/403).
  "POST /signing/seal": { need: "documents:seal" },
  "POST /signing/verify": { need: "public" },
  // Templates.
  "GET /signing/templates": { need: "flows:read" },
  "GET /signing/templates/{key}": { need: "flows:read" },
  "GET /signing/templates/{key}/preview": { need: "flows:read" },
  "GET /signing/templates/{key}/pdf": { need: "flows:read" },
  // The query is required (name, language); without a body an allowed role gets 400 empty.
  "POST /signing/templates": { need: "signing:templates" },
  "PUT /signing/templates/{key}": { need: "signing:templates", body: () => ({ fields: [PDF_FIELD] }) },
  // Envelopes (a random application / envelope id: allowed roles get 404).
  "GET /applications/{id}/envelopes": { need: "applications:read" },
  "POST /applications/{id}/envelopes": { need: "signing:send", body: () => ({ documents: ["builtin-account_agreement"], signers: [{ role: "applicant", name: "Matrix Signer", email: "signer@example.test" }] }) },
  "GET /envelopes/{id}": { need: "applications:read" },
  "POST /envelopes/{id}/void": { need: "signing:send", body: () => ({ reason: "Matrix" }) },
  "POST /envelopes/{id}/remind": { need: "signing:send" },
  "POST /envelopes/{id}/seal": { need: "signing:send" },
  "GET /envelopes/{id}/documents/{documentId}": { need: "applications:read" },
  "GET /envelopes/{id}/audit-trail": { need: "applications:read" },
  // The signer (Bearer link token) and the flow's signature step (Bearer customer session).
  "GET /public/signing": { need: "public" },
  "POST /public/signing/consent": { need: "public", body: () => ({ version: "esign-2026-11-1", accept: true }) },
  "GET /public/signing/documents/{documentId}": { need: "public" },
  "POST /public/signing/otp": { need: "public", body: () => ({}) },
  "POST /public/signing/otp/verify": { need: "public", body: () => ({ code: "123456" }) },
  "POST /public/signing/sign": { need: "public", body: () => ({ signature: { kind: "typed", text: "Matrix Signer" } }) },
  "POST /public/signing/decline": { need: "public", body: () => ({ reason: "Matrix" }) },
  "POST /public/applications/me/signing": { need: "public" },
  // The signer's signed copies (Bearer copy link token).
  "GET /public/signing/copy": { need: "public" },
  "POST /public/signing/copy/otp": { need: "public", body: () => ({}) },
  "POST /public/signing/copy/otp/verify": { need: "public", body: () => ({ code: "123456" }) },
  "GET /public/signing/copy/documents/{documentId}": { need: "public" },
};
