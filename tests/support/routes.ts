import { randomBytes, randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Permission } from "../../src/kernel/access";
import type { TestContext } from "./context";
import type { TestTenant } from "./factories";
import { CHECKS_MRZ_ROUTES } from "./routes-checks-mrz";
import { CHECKS_ACCOUNT_ROUTES } from "./routes-checks-account";
import { IDENTITY_ROUTES } from "./routes-identity";
import { LISTS_ROUTES } from "./routes-lists";
import { SCREENING_ROUTES } from "./routes-screening";
import { COMPLIANCE_ROUTES } from "./routes-compliance";
import { RISK_ROUTES } from "./routes-risk";
import { ONBOARDING_APPLICATIONS_ROUTES } from "./routes-onboarding-applications";
import { ONBOARDING_FLOWS_ROUTES } from "./routes-onboarding-flows";
import { ONBOARDING_REVIEW_ROUTES } from "./routes-onboarding-review";
import { SIGNING_ROUTES } from "./routes-signing";
import { JOURNEYS_ROUTES } from "./routes-journeys";

export const API = "/api/v1";

/**
 * What an operation needs: a permission from PERMISSIONS, nothing ("public"), or any signed-in
 * actor ("any-user"). `sessionOnly` marks routes that refuse API keys (403): only people have a profile.
 */
export type Requirement = Permission | "public" | "any-user";

export interface Fixture {
  tenant: TestTenant;
  /** A fresh suffix, so bodies that create rows never collide. */
  uniq: () => string;
}

export interface RouteSpec {
  need: Requirement;
  sessionOnly?: boolean;
  /** A valid, harmless body: validation runs before authorization, so it must pass to show the decision. */
  body?: (f: Fixture) => unknown;
}

const uniq = () => randomBytes(4).toString("hex");
const PASSWORD = "a perfectly long passphrase 42";
const token = () => randomBytes(32).toString("base64url");
const MINIMAL_SURVEY = { title: { en: "Matrix survey" }, questions: [{ id: "q1", type: "nps", text: { en: "How likely?" } }] };

/**
 * Every operation of the API, keyed "METHOD /path" as in the OpenAPI document (without /api/v1).
 * The matrix test fails when the document has an operation this table does not classify.
 */
export const ROUTES: Record<string, RouteSpec> = {
  // Public: no credentials needed.
  "POST /auth/login": { need: "public", body: (f) => ({ tenant: f.tenant.slug, email: `nobody-${f.uniq()}@example.test`, password: PASSWORD }) },
  "POST /auth/login/totp": { need: "public", body: () => ({ code: "123456" }) },
  "POST /auth/password/forgot": { need: "public", body: (f) => ({ tenant: f.tenant.slug, email: `nobody-${f.uniq()}@example.test` }) },
  "POST /auth/password/reset": { need: "public", body: () => ({ token: token(), password: PASSWORD }) },
  "GET /auth/invitations/{token}": { need: "public" },
  "POST /auth/invitations/accept": { need: "public", body: () => ({ token: token(), name: "Nobody", password: PASSWORD }) },
  "GET /public/tenants/{slug}": { need: "public" },
  "GET /public/login-options": { need: "public" },
  // Any signed-in user or key; /me* only people.
  "GET /auth/session": { need: "any-user", sessionOnly: true },
  "POST /auth/logout": { need: "any-user" },
  "PATCH /me": { need: "any-user", sessionOnly: true, body: () => ({ locale: "en" }) },
  "POST /me/password": { need: "any-user", sessionOnly: true, body: () => ({ currentPassword: "not the current password", newPassword: PASSWORD }) },
  "POST /me/totp/setup": { need: "any-user", sessionOnly: true },
  "POST /me/totp/enable": { need: "any-user", sessionOnly: true, body: () => ({ code: "123456" }) },
  "POST /me/totp/disable": { need: "any-user", sessionOnly: true, body: () => ({ password: PASSWORD, code: "123456" }) },
  // Organisation.
  "GET /org": { need: "org:read" },
  "POST /regions": { need: "org:write", body: (f) => ({ code: `r-${f.uniq()}`, name: "Matrix region" }) },
  "PATCH /regions/{id}": { need: "org:write", body: () => ({ name: "Renamed" }) },
  "POST /branches": { need: "org:write", body: (f) => ({ regionId: f.tenant.regions[0]?.id, code: `b-${f.uniq()}`, name: "Matrix branch" }) },
  "PATCH /branches/{id}": { need: "org:write", body: () => ({ name: "Renamed" }) },
  // Users and invitations.
  "GET /users": { need: "users:read" },
  "POST /users": { need: "users:write", body: (f) => ({ email: `u-${f.uniq()}@example.test`, name: "Matrix user", password: PASSWORD, role: "viewer", scope: "tenant" }) },
  "GET /users/{id}": { need: "users:read" },
  "PATCH /users/{id}": { need: "users:write", body: () => ({ name: "Renamed" }) },
  "POST /users/{id}/unlock": { need: "users:write" },
  "POST /users/{id}/totp/reset": { need: "users:write" },
  "GET /invitations": { need: "users:write" },
  "POST /invitations": { need: "users:write", body: (f) => ({ email: `i-${f.uniq()}@example.test`, name: "Invitee", role: "viewer", scope: "tenant" }) },
  "DELETE /invitations/{id}": { need: "users:write" },
  // API keys.
  "GET /api-keys": { need: "apikeys:manage" },
  "POST /api-keys": { need: "apikeys:manage", body: (f) => ({ name: `k-${f.uniq()}`, role: "viewer" }) },
  "DELETE /api-keys/{id}": { need: "apikeys:manage" },
  // Audit, jobs, outbox.
  "GET /audit": { need: "audit:read" },
  "GET /audit/verify": { need: "audit:read" },
  "GET /jobs": { need: "jobs:read" },
  "POST /jobs/{id}/retry": { need: "jobs:retry" },
  "GET /outbox/messages": { need: "outbox:read" },
  "GET /outbox/messages/{id}": { need: "outbox:read" },
  // Feedback — surveys and templates (surveys-routes.ts).
  "GET /surveys": { need: "surveys:read" },
  "POST /surveys": { need: "surveys:write", body: (f) => ({ name: `s-${f.uniq()}`, definition: MINIMAL_SURVEY }) },
  "GET /surveys/{id}": { need: "surveys:read" },
  "PUT /surveys/{id}/draft": { need: "surveys:write", body: () => ({ definition: MINIMAL_SURVEY }) },
  "POST /surveys/{id}/publish": { need: "surveys:write" },
  "POST /surveys/{id}/close": { need: "surveys:write" },
  "POST /surveys/{id}/reopen": { need: "surveys:write" },
  "DELETE /surveys/{id}": { need: "surveys:write" },
  "GET /surveys/{id}/versions": { need: "surveys:read" },
  "GET /surveys/{id}/versions/{version}": { need: "surveys:read" },
  "GET /survey-templates": { need: "surveys:read" },
  // Feedback — public respondent API (public-routes.ts).
  "GET /public/surveys/{surveyId}": { need: "public" },
  "POST /public/surveys/{surveyId}/responses": { need: "public", body: () => ({ answers: { q1: 9 }, finished: true }) },
  "GET /public/responses/{responseId}": { need: "public" },
  "POST /public/responses/{responseId}/answers": { need: "public", body: () => ({ answers: { q1: 9 } }) },
  "POST /public/responses/{responseId}/files": { need: "public" },
  // Feedback — responses, summaries, exports (responses-routes.ts).
  "GET /surveys/{surveyId}/responses": { need: "responses:read" },
  "GET /surveys/{surveyId}/summary": { need: "responses:read" },
  "GET /surveys/{surveyId}/export": { need: "responses:export" },
  "GET /responses/{id}": { need: "responses:read" },
  "PATCH /responses/{id}": { need: "responses:manage", body: () => ({ tags: ["matrix"] }) },
  "POST /responses/{id}/notes": { need: "responses:manage", body: () => ({ body: "Matrix note" }) },
  "GET /responses/{id}/files/{fileId}": { need: "responses:read" },
  "POST /responses/erasure": { need: "responses:erase", body: (f) => ({ customerId: `nobody-${f.uniq()}` }) },
  // Feedback — contacts, invitations, campaigns, triggers (distribution-routes.ts).
  "POST /surveys/{id}/invitations": { need: "surveys:distribute", body: () => ({ contactIds: [randomUUID()] }) },
  "GET /surveys/{id}/invitations": { need: "surveys:distribute" },
  "GET /surveys/{id}/qr": { need: "surveys:read" },
  "GET /surveys/{id}/embed": { need: "surveys:read" },
  "POST /public/unsubscribe/{token}": { need: "public" },
  "POST /public/invitations/{token}/responses": { need: "public", body: () => ({}) },
  "POST /events": { need: "events:write", body: (f) => ({ type: "matrix.checked", contact: { customerId: `m-${f.uniq()}` } }) },
  "GET /contacts": { need: "contacts:read" },
  "POST /contacts": { need: "contacts:write", body: (f) => ({ email: `c-${f.uniq()}@example.test`, name: "Matrix contact" }) },
  "GET /contacts/{id}": { need: "contacts:read" },
  "PATCH /contacts/{id}": { need: "contacts:write", body: () => ({ name: "Renamed" }) },
  "DELETE /contacts/{id}": { need: "contacts:write" },
  "POST /contacts/import": { need: "contacts:write", body: (f) => ({ csv: `email,name\nimp-${f.uniq()}@example.test,Imported` }) },
  "GET /feedback/settings": { need: "surveys:distribute" },
  "PUT /feedback/settings": { need: "org:write", body: () => ({ frequencyDays: 30 }) },
  "GET /campaigns": { need: "surveys:distribute" },
  "POST /campaigns": { need: "surveys:distribute", body: () => ({ name: "Matrix campaign", surveyId: randomUUID(), channel: "email", lists: ["matrix"] }) },
  "GET /campaigns/{id}": { need: "surveys:distribute" },
  "POST /campaigns/{id}/cancel": { need: "surveys:distribute" },
  "GET /triggers": { need: "surveys:distribute" },
  "POST /triggers": { need: "surveys:distribute", body: () => ({ eventType: "matrix.checked", delayMinutes: 5, surveyId: randomUUID(), channel: "email" }) },
  "PATCH /triggers/{id}": { need: "surveys:distribute", body: () => ({ active: false }) },
  "DELETE /triggers/{id}": { need: "surveys:distribute" },
  // Onboarding, one file per part.
  ...ONBOARDING_FLOWS_ROUTES,
  ...ONBOARDING_APPLICATIONS_ROUTES,
  ...ONBOARDING_REVIEW_ROUTES,
  ...CHECKS_MRZ_ROUTES,
  ...CHECKS_ACCOUNT_ROUTES,
  ...IDENTITY_ROUTES,
  ...LISTS_ROUTES,
  ...SCREENING_ROUTES,
  ...COMPLIANCE_ROUTES,
  ...RISK_ROUTES,
  ...SIGNING_ROUTES,
  ...JOURNEYS_ROUTES,
};

export interface Operation {
  /** "METHOD /path" without the /api/v1 prefix, the key of ROUTES. */
  key: string;
  method: string;
  /** The document's path, with the prefix and {params}. */
  path: string;
  secured: boolean;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

interface OpenApiDoc {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

/** Every operation in the live OpenAPI document. */
export async function liveOperations(ctx: TestContext): Promise<Operation[]> {
  const res = await ctx.app.request(`${API}/openapi.json`);
  if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}`);
  const doc = (await res.json()) as OpenApiDoc;
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const method = m.toUpperCase();
      const short = path.startsWith(API) ? path.slice(API.length) : path;
      ops.push({ key: `${method} ${short}`, method, path, secured: Array.isArray(op.security) && op.security.length > 0 });
    }
  }
  return ops;
}

/** Fills {params}: ids get a random UUID v4 unless given, tokens a random token, slugs the tenant's. */
export function fillPath(path: string, f: Fixture, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name]) return encodeURIComponent(params[name]);
    if (name === "slug") return f.tenant.slug;
    if (name === "token") return token();
    return randomUUID();
  });
}

/** The request for an operation with harmless, valid inputs. */
export function requestFor(op: Operation, f: Fixture, headers: Record<string, string> = {}, params: Record<string, string> = {}): [string, RequestInit] {
  const spec = ROUTES[op.key];
  const init: RequestInit = { method: op.method, headers: { ...headers } };
  if (spec?.body) {
    init.body = JSON.stringify(spec.body(f));
    init.headers = { ...headers, "content-type": "application/json" };
  }
  return [fillPath(op.path, f, params), init];
}

export const fixture = (tenant: TestTenant): Fixture => ({ tenant, uniq });

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  requestId: string;
  errors?: { path: string; message: string; code?: string }[];
}

const STACK_FRAME = /\n\s*at\s|\bat\s+[\w.$<>]+\s+\(|\bat\s+(?:file|node):/;

/** Asserts a precise problem+json answer that leaks nothing, and returns its body. */
export async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type") ?? "").toMatch(/^application\/problem\+json/);
  expect(text).not.toMatch(STACK_FRAME);
  expect(text).not.toMatch(/SELECT|\bselect\s/);
  expect(text).not.toContain("node_modules");
  const body = JSON.parse(text) as Problem;
  expect(body).toMatchObject({ status, code });
  expect(typeof body.type).toBe("string");
  expect(body.type.length).toBeGreaterThan(0);
  expect(typeof body.title).toBe("string");
  expect(body.title.length).toBeGreaterThan(0);
  expect(typeof body.requestId).toBe("string");
  expect(body.requestId.length).toBeGreaterThan(0);
  // The header is checked on its own in headers.test.ts (problem answers currently lack it).
  const header = res.headers.get("x-request-id");
  if (header !== null) expect(body.requestId).toBe(header);
  return body;
}

/** The problem's field paths, for `toContain` checks. */
export const issuePaths = (p: Problem) => (p.errors ?? []).map((e) => e.path);

/** A JSON request with an API key or session headers. */
export function send(method: string, body: unknown, headers: Record<string, string>): RequestInit {
  return { method, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) };
}
