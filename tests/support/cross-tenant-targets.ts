/** Another bank's (B's) rows, and the by-id routes aimed at them, for tests/http/cross-tenant.test.ts. */
export interface BIds {
  review: string;
  region: string;
  branch: string;
  user: string;
  invitation: string;
  apiKey: string;
  job: string;
  message: string;
  audit: string[];
  jobs: string[];
  messages: string[];
  survey: string;
  response: string;
  file: string;
  contact: string;
  campaign: string;
  trigger: string;
  application: string;
  document: string;
  envelope: string;
  source: string;
  import: string;
}

/** Every by-id route of the document, aimed at one of B's rows. */
/** `officer`: aimed with A's compliance officer (a person: decisions refuse keys) instead of A's admin. */
export const TARGETS: Record<string, { id: (b: BIds) => string; body?: unknown; officer?: boolean }> = {
  "GET /users/{id}": { id: (x) => x.user },
  "PATCH /users/{id}": { id: (x) => x.user, body: { name: "Hijacked", status: "disabled" } },
  "POST /users/{id}/unlock": { id: (x) => x.user },
  "POST /users/{id}/totp/reset": { id: (x) => x.user },
  "PATCH /regions/{id}": { id: (x) => x.region, body: { name: "Hijacked" } },
  "PATCH /branches/{id}": { id: (x) => x.branch, body: { name: "Hijacked" } },
  "DELETE /invitations/{id}": { id: (x) => x.invitation },
  "DELETE /api-keys/{id}": { id: (x) => x.apiKey },
  "POST /jobs/{id}/retry": { id: (x) => x.job },
  "GET /outbox/messages/{id}": { id: (x) => x.message },
  "GET /surveys/{id}": { id: (x) => x.survey },
  "PUT /surveys/{id}/draft": { id: (x) => x.survey, body: { definition: { title: "Hijacked", questions: [{ id: "q1", type: "nps", text: "Hijacked" }] } } },
  "POST /surveys/{id}/publish": { id: (x) => x.survey },
  "POST /surveys/{id}/close": { id: (x) => x.survey },
  "POST /surveys/{id}/reopen": { id: (x) => x.survey },
  "DELETE /surveys/{id}": { id: (x) => x.survey },
  "GET /surveys/{id}/versions": { id: (x) => x.survey },
  // Version 1 of B's survey: the "?" turns the rest of the path template into a query string.
  "GET /surveys/{id}/versions/{version}": { id: (x) => `${x.survey}/versions/1?` },
  "GET /responses/{id}": { id: (x) => x.response },
  "PATCH /responses/{id}": { id: (x) => x.response, body: { tags: ["hijacked"] } },
  "POST /responses/{id}/notes": { id: (x) => x.response, body: { body: "Hijacked" } },
  "GET /responses/{id}/files/{fileId}": { id: (x) => x.response },
  "POST /surveys/{id}/invitations": { id: (x) => x.survey, body: { contactIds: [crypto.randomUUID()], channel: "email" } },
  "GET /surveys/{id}/invitations": { id: (x) => x.survey },
  "GET /surveys/{id}/qr": { id: (x) => x.survey },
  "GET /surveys/{id}/embed": { id: (x) => x.survey },
  "GET /contacts/{id}": { id: (x) => x.contact },
  "PATCH /contacts/{id}": { id: (x) => x.contact, body: { name: "Hijacked", lists: [] } },
  "DELETE /contacts/{id}": { id: (x) => x.contact },
  "GET /campaigns/{id}": { id: (x) => x.campaign },
  "POST /campaigns/{id}/cancel": { id: (x) => x.campaign },
  "PATCH /triggers/{id}": { id: (x) => x.trigger, body: { active: false } },
  "DELETE /triggers/{id}": { id: (x) => x.trigger },
  "GET /applications/{id}": { id: (x) => x.application },
  "GET /applications/{id}/progress": { id: (x) => x.application },
  "POST /applications/{id}/link": { id: (x) => x.application, body: { via: "sms" } },
  "POST /applications/{id}/revoke": { id: (x) => x.application },
  "POST /applications/{id}/cancel": { id: (x) => x.application, body: { reason: "Hijacked" } },
  "POST /applications/{id}/assign": { id: (x) => x.application, body: { assigneeId: null } },
  "POST /applications/{id}/decision": { id: (x) => x.application, body: { decision: "approve", reason: "Hijacked" } },
  "POST /applications/{id}/funded": { id: (x) => x.application, body: {} },
  "GET /applications/{id}/documents/{documentId}": { id: (x) => x.application },
  "POST /applications/{id}/documents/{documentId}/accept": { id: (x) => x.application },
  "POST /applications/{id}/documents/{documentId}/reject": { id: (x) => x.application, body: { reason: "Hijacked" } },
  "GET /applications/{id}/envelopes": { id: (x) => x.application },
  "POST /applications/{id}/envelopes": { id: (x) => x.application, body: { documents: ["builtin-loan_contract"], signers: [{ role: "applicant", name: "Hijacked", email: "hijack@example.test" }] } },
  "GET /envelopes/{id}": { id: (x) => x.envelope },
  "POST /envelopes/{id}/void": { id: (x) => x.envelope, body: { reason: "Hijacked" } },
  "POST /envelopes/{id}/remind": { id: (x) => x.envelope },
  "POST /envelopes/{id}/seal": { id: (x) => x.envelope },
  "GET /envelopes/{id}/documents/{documentId}": { id: (x) => x.envelope },
  "GET /envelopes/{id}/audit-trail": { id: (x) => x.envelope },
  "GET /compliance/reviews/{id}": { id: (x) => x.review },
  "POST /sources/{id}/rotate": { id: (x) => x.source },
  "POST /sources/{id}/disable": { id: (x) => x.source },
  "POST /sources/{id}/enable": { id: (x) => x.source },
  "GET /imports/{id}": { id: (x) => x.import },
  "GET /imports/{id}/report.csv": { id: (x) => x.import },
  "POST /compliance/reviews/{id}/decision": { id: (x) => x.review, body: { decision: "false_positive", reason: "Hijacked" }, officer: true },
};
