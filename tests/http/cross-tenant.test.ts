import { beforeAll, describe, expect, it } from "vitest";
import { insertResponse, insertSurvey } from "../../src/modules/feedback/responses.testkit";
import { makeApplication } from "../../src/modules/onboarding/review.testkit";
import { createTestContext } from "../support/context";
import { apiKeyHeaders, makeTenant, makeUser, type Session, signIn, type TestTenant } from "../support/factories";
import { type BIds, TARGETS } from "../support/cross-tenant-targets";
import { API, expectProblem, liveOperations, send } from "../support/routes";

/**
 * Tenant A must not read or touch tenant B's rows through any route: B's ids read as "not found",
 * and B's rows (and B's audit chain) are unchanged afterwards.
 */
const ctx = await createTestContext();
const byIdOps = (await liveOperations(ctx)).filter((o) => o.path.includes("{id}"));

type Headers = Record<string, string>;
type Item = { id: string } & Record<string, unknown>;

let A: TestTenant;
let B: TestTenant;
let aKey: Headers;
let bKey: Headers;
let aSession: Session;
let aAdminId: string;
/** A's compliance officer: compliance decisions are theirs alone (admins may not decide). */
let aComplianceSession: Session;
let bCompliance: Headers;
let b: BIds;

const get = async (path: string, headers: Headers) => {
  const res = await ctx.app.request(`${API}${path}`, { headers });
  const text = await res.text();
  expect(res.status, `GET ${path}: ${text}`).toBe(200);
  return { text, body: JSON.parse(text) as Record<string, unknown> };
};
const items = async (path: string, headers: Headers) => (await get(path, headers)).body.items as Item[];
const post = async (path: string, body: unknown, headers: Headers) => {
  const res = await ctx.app.request(`${API}${path}`, send("POST", body, headers));
  const text = await res.text();
  expect(res.status, `POST ${path}: ${text}`).toBe(201);
  return JSON.parse(text) as Record<string, unknown>;
};

/** What B sees of every row A will aim at: compared before and after. */
async function snapshotB() {
  const [user, org, invitations, apiKeys, jobs, message, audit, verify, response] = await Promise.all([
    get(`/users/${b.user}`, bKey),
    get("/org", bKey),
    items("/invitations?limit=200", bKey),
    items("/api-keys?limit=200", bKey),
    items("/jobs?limit=200", bKey),
    get(`/outbox/messages/${b.message}`, bKey),
    items("/audit?limit=200", bKey),
    get("/audit/verify", bKey),
    get(`/responses/${b.response}`, bKey),
  ]);
  const apiKey = apiKeys.find((k) => k.id === b.apiKey);
  const survey = (await get(`/surveys/${b.survey}`, bKey)).body;
  const contact = (await get(`/contacts/${b.contact}`, bKey)).body;
  const campaign = (await get(`/campaigns/${b.campaign}`, bKey)).body;
  const trigger = (await items("/triggers?limit=200", bKey)).find((t) => t.id === b.trigger);
  const application = (await get(`/applications/${b.application}`, bKey)).body;
  const review = (await get(`/compliance/reviews/${b.review}`, bCompliance)).body;
  const envelope = (await get(`/envelopes/${b.envelope}`, bKey)).body;
  const source = (await items("/sources", bKey)).find((x) => x.id === b.source);
  return {
    user: user.body,
    org: org.body,
    invitation: invitations.find((i) => i.id === b.invitation),
    apiKey: apiKey ? ({ ...apiKey, lastUsedAt: null } as Item) : undefined,
    job: jobs.find((j) => j.id === b.job),
    // Stable fields only: a worker may deliver the message meanwhile (status, sentAt).
    message: { id: message.body.id, channel: message.body.channel, recipient: message.body.recipient, subject: message.body.subject, template: message.body.template },
    auditIds: audit.map((e) => e.id),
    verify: verify.body,
    survey,
    response: response.body,
    contact,
    campaign,
    trigger,
    application,
    review,
    envelope,
    source,
  };
}

beforeAll(async () => {
  A = await makeTenant(ctx);
  B = await makeTenant(ctx);
  aKey = await apiKeyHeaders(ctx, A, "admin");
  bKey = await apiKeyHeaders(ctx, B, "admin");
  const aAdmin = await makeUser(ctx, A, { role: "admin" });
  aSession = await signIn(ctx, A, aAdmin.email);
  aAdminId = aAdmin.id;
  const aOfficer = await makeUser(ctx, A, { role: "compliance_officer" });
  aComplianceSession = await signIn(ctx, A, aOfficer.email);
  bCompliance = await apiKeyHeaders(ctx, B, "compliance_officer");

  const s = Math.random().toString(36).slice(2, 8);
  const region = await post("/regions", { code: `xr-${s}`, name: "B secret region" }, bKey);
  const branch = await post("/branches", { regionId: region.id, code: `xb-${s}`, name: "B secret branch" }, bKey);
  const user = await post("/users", { email: `b-user-${s}@example.test`, name: "B person", password: "a perfectly long passphrase 42", role: "agent", scope: "branch", branchId: branch.id }, bKey);
  const invitation = await post("/invitations", { email: `b-invite-${s}@example.test`, name: "B invitee", role: "viewer", scope: "tenant" }, bKey);
  const apiKey = (await post("/api-keys", { name: `b-key-${s}`, role: "viewer" }, bKey)).apiKey as Item;

  const jobs = await items("/jobs?limit=200", bKey);
  const messages = await items("/outbox/messages?limit=200", bKey);
  const audit = await items("/audit?limit=200", bKey);
  expect(jobs.length, "B has at least one job (the invitation email)").toBeGreaterThan(0);
  expect(messages.length, "B has at least one outbox message").toBeGreaterThan(0);
  expect(audit.length).toBeGreaterThanOrEqual(5);
  const job = jobs[0] as Item;

  // Make the strongest targets: a dead job (retryable in B) and a locked user (unlockable in B).
  const now = ctx.clock.now();
  await ctx.deps.db.updateTable("jobs").set({ status: "dead", finished_at: now, last_error: "test" }).where("tenant_id", "=", B.id).where("id", "=", job.id).execute();
  await ctx.deps.db.updateTable("users").set({ locked_until: new Date(now.getTime() + 3_600_000), failed_logins: 10 }).where("tenant_id", "=", B.id).where("id", "=", user.id as string).execute();

  b = {
    region: region.id as string,
    branch: branch.id as string,
    user: user.id as string,
    invitation: invitation.id as string,
    apiKey: apiKey.id,
    job: job.id,
    message: (messages[0] as Item).id,
    audit: audit.map((e) => e.id),
    jobs: jobs.map((j) => j.id),
    messages: messages.map((m) => m.id),
    survey: await bSurvey(),
    ...(await bResponse()),
    contact: "",
    campaign: "",
    trigger: "",
    ...(await bApplication()),
    envelope: "",
    review: "",
    source: ((await post("/sources", { name: "B secret source" }, bKey)).source as Item).id,
    import: "",
  };
  b.review = await bReview(b.application);
  b.envelope = await bEnvelope(b.application);
  Object.assign(b, await bDistribution(b.survey));
  b.import = await bImport();
});

/** A file B uploaded (journeys/imports), made after B's job list was read above. */
async function bImport() {
  const res = await ctx.app.request(`${API}/imports?kind=requests`, { method: "POST", headers: { ...bKey, "content-type": "text/csv" }, body: "request_id,type,channel,customer_id,requested_at,fulfilled_at\nb-req-1,card,web,b-cust,2026-01-05T10:00:00Z,\n" });
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { import: Item }).import.id;
}

/** A response of B's (inserted directly) with a file, for the responses routes. */
async function bResponse() {
  const surveyId = await insertSurvey(ctx.deps.db, B.id);
  const response = await insertResponse(ctx.deps.db, B.id, surveyId, { answers: { nps: 9 }, tags: ["b-tag"] });
  const file = crypto.randomUUID();
  await ctx.deps.db.insertInto("survey_files").values({ tenant_id: B.id, id: file, survey_id: surveyId, response_id: response, question_key: "doc", content_type: "application/pdf", size: 4, sha256: "0".repeat(64), data: Buffer.from("%PDF"), created_at: ctx.clock.now() }).execute();
  return { response, file };
}

/** A submitted application of B's with an uploaded document, for the onboarding routes. */
async function bApplication() {
  const app = await makeApplication(ctx, B, { status: "submitted", submittedAt: ctx.clock.now(), name: "B secret applicant" });
  const document = crypto.randomUUID();
  const key = `onboarding/${B.id}/${app.id}/${document}`;
  await ctx.deps.blobs.put(key, Buffer.from("%PDF-1.4 B secret"));
  await ctx.deps.db
    .insertInto("application_documents")
    .values({ tenant_id: B.id, id: document, application_id: app.id, field_id: "idDocument", kind: "id_document", file_name: "b.pdf", content_type: "application/pdf", size: 17, sha256: "0".repeat(64), blob_key: key, uploaded_at: ctx.clock.now() })
    .execute();
  return { application: app.id, document };
}

/** An envelope of B's out for signature (inserted directly), for the envelope routes. */
async function bEnvelope(applicationId: string): Promise<string> {
  const id = crypto.randomUUID();
  const now = ctx.clock.now();
  await ctx.deps.db
    .insertInto("envelopes")
    .values({ tenant_id: B.id, id, application_id: applicationId, step_id: null, status: "sent", routing: "sequential", language: "en", answers_digest: null, expires_at: new Date(now.getTime() + 86_400_000), reminder_every_hours: null, next_reminder_at: null, created_by: null, created_at: now, completed_at: null, closed_at: null, close_reason: null, seal_error: null })
    .execute();
  return id;
}

/** An open compliance review of B's applicant (a block-band hit), inserted directly. */
async function bReview(applicationId: string): Promise<string> {
  const now = ctx.clock.now();
  const [subject, result, review] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const db = ctx.deps.db;
  await db.insertInto("screening_subjects").values({ tenant_id: B.id, id: subject, subject_key: `app:${applicationId}`, application_id: applicationId, name: "B secret applicant", status: "blocked", created_at: now }).execute();
  await db
    .insertInto("screening_results")
    .values({ tenant_id: B.id, id: result, subject_id: subject, application_id: applicationId, reason: "onboarding", input_digest: "0".repeat(64), provider: "local", list_version: "b-list:1", actor: "system", screened_at: now, top_score: 0.97, band: "block", matches: "[]" })
    .execute();
  await db
    .insertInto("compliance_reviews")
    .values({ tenant_id: B.id, id: review, subject_id: subject, application_id: applicationId, result_id: result, list_id: "b-list", entry_id: "b-entry", entry_name: "B secret listed person", score: 0.97, band: "block", origin: "onboarding", created_at: now })
    .execute();
  return review;
}

/** A contact, a campaign and a trigger of B's, for the distribution routes. */
async function bDistribution(survey: string) {
  const contact = await post("/contacts", { email: `b-contact-${crypto.randomUUID()}@example.test`, name: "B secret contact", lists: ["b-list"] }, bKey);
  const campaign = await post("/campaigns", { name: "B secret campaign", surveyId: survey, channel: "email", lists: ["b-list"], sendAt: new Date(ctx.clock.now().getTime() + 86_400_000).toISOString() }, bKey);
  const trigger = await post("/triggers", { eventType: "b.secret", delayMinutes: 5, surveyId: survey, channel: "email" }, bKey);
  return { contact: contact.id as string, campaign: campaign.id as string, trigger: trigger.id as string };
}

/** A published survey of B's, for the surveys routes. */
async function bSurvey(): Promise<string> {
  const s = await post("/surveys", { title: { en: "B secret survey" }, questions: [{ id: "q1", type: "nps", text: { en: "B secret question" } }] }, bKey);
  const res = await ctx.app.request(`${API}/surveys/${s.id}/publish`, { method: "POST", headers: bKey });
  expect(res.status, await res.text()).toBe(200);
  return s.id as string;
}

const allBIds = () => [B.id, b.review, b.envelope, b.region, b.branch, b.user, b.invitation, b.apiKey, b.survey, b.contact, b.campaign, b.trigger, b.application, b.document, b.source, b.import, ...b.audit, ...b.jobs, ...b.messages];
const LISTS = [
  "/users?limit=200",
  "/invitations?limit=200",
  "/api-keys?limit=200",
  "/audit?limit=200",
  "/jobs?limit=200",
  "/outbox/messages?limit=200",
  "/org",
  "/surveys?limit=200",
  "/contacts?limit=200",
  "/campaigns?limit=200",
  "/triggers?limit=200",
  "/applications?limit=200",
  "/applications?status=submitted&limit=200",
  "/compliance/reviews?limit=200",
  "/compliance/alerts",
  "/sources",
  "/journeys?limit=200",
  "/journey-definitions",
  "/imports",
  "/kpis?from=2024-01-01&to=2026-12-31&groupBy=branch",
];

/** An id of A's own that each list must show. */
const OWN: Record<string, () => string> = {
  "/users": () => aAdminId,
  "/audit": () => A.id,
  "/org": () => A.regions[0]?.id ?? "missing",
  "/auth/session": () => A.id,
};

describe.each([
  { who: "A's admin API key", headers: () => aKey, paths: LISTS },
  { who: "A's admin session", headers: () => aSession.headers, paths: [...LISTS, "/auth/session"] },
])("lists seen by $who", ({ headers, paths }) => {
  it.each(paths.map((path) => ({ path })))("GET $path shows none of B's ids", async ({ path }) => {
    const { text } = await get(path, headers());
    const leaked = allBIds().filter((id) => text.includes(id));
    expect(leaked).toEqual([]);
    // And the list is A's own, not an empty answer that would pass anything.
    const own = OWN[path.split("?")[0] as string]?.();
    if (own) expect(text).toContain(own);
  });
});


const cases = byIdOps.map((op) => ({ key: `${op.method} ${op.path.slice(API.length)}`, op }));

describe("by-id routes with B's ids", () => {
  it("exercises every by-id route in the OpenAPI document", () => {
    expect(cases.length).toBeGreaterThanOrEqual(9);
    expect(cases.map((c) => c.key).filter((k) => !TARGETS[k]), "add these to TARGETS").toEqual([]);
  });

  let before: Awaited<ReturnType<typeof snapshotB>>;
  beforeAll(async () => {
    before = await snapshotB();
    expect(before.user).toMatchObject({ id: b.user, name: "B person", status: "active" });
    expect((before.user as { lockedUntil: string | null }).lockedUntil).not.toBeNull();
    expect(before.invitation?.revokedAt).toBeNull();
    expect(before.apiKey?.revokedAt).toBeNull();
    expect(before.job?.status).toBe("dead");
    expect(before.verify).toMatchObject({ ok: true });
    expect(before.source).toMatchObject({ name: "B secret source", disabledAt: null });
  });

  it.each(cases)("$key with B's id → 404 for A's key and A's session", async ({ key, op }) => {
    const target = TARGETS[key];
    expect(target, `add ${key} to TARGETS`).toBeDefined();
    if (!target) return;
    const url = op.path.replace("{id}", target.id(b)).replace("{fileId}", b.file).replace("{documentId}", b.document);
    for (const headers of target.officer ? [aComplianceSession.headers] : [aKey, aSession.headers]) {
      const init: RequestInit = target.body !== undefined ? send(op.method, target.body, headers) : { method: op.method, headers };
      await expectProblem(await ctx.app.request(url, init), 404, "not_found");
    }
  });

  it("B's rows and audit chain are unchanged afterwards", async () => {
    const after = await snapshotB();
    expect(after).toEqual(before);
    // The B key A tried to revoke still works.
    const created = (await items("/api-keys?limit=200", bKey)).find((k) => k.id === b.apiKey);
    expect(created?.revokedAt).toBeNull();
  });

  it("ids in bodies: A cannot try its risk rules on B's application", async () => {
    for (const headers of [aKey, aSession.headers]) {
      await expectProblem(await ctx.app.request(`${API}/risk/rules/test`, send("POST", { applicationId: b.application }, headers)), 404, "not_found");
    }
  });

  it("B still reaches its own rows (the 404s were not for everyone)", async () => {
    const res = await ctx.app.request(`${API}/users/${b.user}`, send("PATCH", { name: "B renamed" }, bKey));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe("B renamed");
    const org = (await get("/org", bKey)).body as { regions: { id: string; branches: { id: string }[] }[] };
    const region = org.regions.find((r) => r.id === b.region);
    expect(region?.branches.map((x) => x.id)).toContain(b.branch);
  });
});
