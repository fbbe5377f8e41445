import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths, send } from "../../../tests/support/routes";

const ctx = await createTestContext();
const API = "/api/v1";
let tenant: TestTenant;
let admin: Record<string, string>;

const DEF = {
  title: { en: "Your products", ar: "منتجاتك" },
  hiddenFields: ["branch", "agent"],
  questions: [
    { id: "nps", type: "nps", text: { en: "Recommend us?", ar: "هل توصي بنا؟" }, required: true },
    { id: "why", type: "text", text: { en: "What went wrong?", ar: "ما الخطأ؟" }, showIf: { left: { question: "nps" }, op: "isDetractor" } },
    { id: "products", type: "multi", text: { en: "Which products?", ar: "أي منتجات؟" }, choices: [{ en: "Cards", ar: "بطاقات" }, { en: "Loans", ar: "قروض" }, { en: "Savings", ar: "ادخار" }], required: true },
    { id: "sat", type: "csat", text: { en: "How satisfied with {{loop.item}}?", ar: "ما مدى رضاك عن {{loop.item}}؟" } },
    { id: "doc", type: "file", text: { en: "A screenshot?", ar: "لقطة شاشة؟" }, maxBytes: 1000, accept: ["image/png"] },
  ],
  pages: [
    { id: "p1", questionIds: ["nps", "why"] },
    { id: "p2", questionIds: ["products"] },
    { id: "p3", questionIds: ["sat"] },
    { id: "p4", questionIds: ["doc"] },
  ],
  loops: [{ id: "each", source: "products", pages: ["p3"] }],
  endings: [
    { id: "done", title: { en: "Thanks, {{nps}}!", ar: "شكرًا" } },
    { id: "full", title: { en: "We have enough answers like yours", ar: "لدينا ما يكفي" } },
  ],
  quotas: [{ id: "detractors", limit: 1, when: { left: { question: "nps" }, op: "isDetractor" }, endingId: "full" }],
};

type Json = Record<string, unknown> & { id: string };
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.request(`${API}${path}`, body === undefined ? { method, headers } : send(method, body, headers));
const ok = async (res: Response, status = 200) => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("set-cookie")).toBeNull();
  return JSON.parse(text) as Json;
};
const bearer = (t: unknown) => ({ authorization: `Bearer ${t as string}` });
const PNG = (size: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 1)]);

async function publishedSurvey(def: unknown = DEF) {
  const s = await ok(await call("POST", "/surveys", { definition: def }, admin), 201);
  await ok(await call("POST", `/surveys/${s.id}/publish`, undefined, admin));
  return s.id;
}
const stored = (id: string) => ctx.deps.db.selectFrom("survey_responses").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
});

describe("public answering API", () => {
  let surveyId: string;
  beforeAll(async () => {
    surveyId = await publishedSurvey();
  });

  it("shows the published definition without quotas; drafts and unknown ids are 404", async () => {
    const s = await ok(await call("GET", `/public/surveys/${surveyId}`));
    expect(s).toMatchObject({ id: surveyId, bank: { slug: tenant.slug, name: tenant.name }, status: "published", version: 1 });
    expect(s.definition).not.toHaveProperty("quotas");
    const draft = await ok(await call("POST", "/surveys", { definition: DEF }, admin), 201);
    await expectProblem(await call("GET", `/public/surveys/${draft.id}`), 404, "not_found");
    await expectProblem(await call("POST", `/public/surveys/${draft.id}/responses`, { answers: { nps: 9 }, finished: true }), 404, "not_found");
    await expectProblem(await call("GET", "/public/surveys/0190b7a0-0000-7000-8000-000000000000"), 404, "not_found");
  });

  it("answers page by page through a loop, refuses bad input precisely and loses nothing", async () => {
    const branch = tenant.branches[1];
    const start = await ok(await call("POST", `/public/surveys/${surveyId}/responses`, { language: "ar", channel: "qr", hiddenFields: { branch: branch?.code ?? "", agent: "a7", evil: "x" } }, { cookie: "atrium_session=whatever" }), 201);
    expect(start).toMatchObject({ status: "in_progress", current: "p1", finished: false, ending: null });
    const token = start.resumeToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const id = start.id;
    let row = await stored(id);
    expect(row).toMatchObject({ language: "ar", channel: "qr", branch_id: branch?.id, region_id: branch?.regionId, hidden: { branch: branch?.code, agent: "a7" } });
    expect(row.resume_token_hash).not.toContain(token);
    const save = (body: unknown, t = token) => call("POST", `/public/responses/${id}/answers`, body, bearer(t));

    await ok(await save({ answers: { nps: 9 }, timings: { nps: 1200 } }));
    expect(issuePaths(await expectProblem(await save({ answers: { products: ["c1"] } }), 400, "validation_failed"))).toEqual(["body.answers.products"]);
    const wrongType = await expectProblem(await save({ answers: { nps: "ten" } }), 400, "validation_failed");
    expect(wrongType.errors?.[0]).toMatchObject({ path: "body.answers.nps", code: "invalid_type" });
    expect((await expectProblem(await save({ answers: { nps: 11 } }), 400, "validation_failed")).errors?.[0]).toMatchObject({ path: "body.answers.nps", code: "out_of_range" });
    expect((await expectProblem(await save({ answers: { why: "nothing" } }), 400, "validation_failed")).errors?.[0]).toMatchObject({ path: "body.answers.why", code: "hidden_by_logic" });
    await expectProblem(await save({ answers: { nps: 10 } }, "not-the-token"), 404, "not_found");
    row = await stored(id);
    expect(row.answers).toEqual({ nps: 9 });

    expect((await ok(await save({ submit: "p1", timings: { nps: 300 } }))).current).toBe("p2");
    expect((await expectProblem(await save({ submit: "p2" }), 400, "validation_failed")).errors?.[0]).toMatchObject({ path: "body.answers.products", code: "required" });
    expect((await ok(await save({ answers: { products: ["c3", "c1"] }, submit: "p2" }))).current).toBe("p3#c1");
    expect((await ok(await save({ answers: { "sat#c1": 4 }, submit: "p3#c1" }))).current).toBe("p3#c3");
    expect((await ok(await save({ answers: { "sat#c3": 2 }, submit: "p3#c3" }))).current).toBe("p4");

    const resumed = await ok(await call("GET", `/public/responses/${id}`, undefined, bearer(token)));
    expect(resumed).toMatchObject({ id, surveyId, version: 1, status: "in_progress", language: "ar", current: "p4", submitted: ["p1", "p2", "p3#c1", "p3#c3"], answers: { nps: 9, products: ["c3", "c1"], "sat#c1": 4, "sat#c3": 2 } });
    await expectProblem(await call("GET", `/public/responses/${id}`), 404, "not_found");
    await expectProblem(await call("GET", `/public/responses/${id}`, undefined, bearer("x".repeat(43))), 404, "not_found");

    // Uploads: checked by content and size.
    const upload = (bytes: Buffer, type: string, key = "doc") => ctx.app.request(`${API}/public/responses/${id}/files?question=${key}`, { method: "POST", headers: { ...bearer(token), "content-type": type }, body: new Uint8Array(bytes) });
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(100)]);
    expect((await expectProblem(await upload(exe, "image/png"), 415, "unsupported_media_type")).detail).toMatch(/Windows executable/);
    await expectProblem(await upload(PNG(2000), "image/png"), 413, "payload_too_large");
    await expectProblem(await upload(PNG(100), "image/png", "nps"), 400, "validation_failed");
    const file = await ok(await upload(PNG(500), "image/png"), 201);
    expect(file).toMatchObject({ size: 500, contentType: "image/png" });
    const f = await ctx.deps.db.selectFrom("survey_files").selectAll().where("id", "=", file.fileId as string).executeTakeFirstOrThrow();
    expect(f.data.includes(PNG(500).subarray(8, 60))).toBe(false);
    expect((await expectProblem(await save({ answers: { doc: { fileId: "0190b7a0-0000-7000-8000-000000000000" } } }), 400, "validation_failed")).errors?.[0]?.code).toBe("unknown_file");

    const done = await ok(await save({ answers: { doc: { fileId: file.fileId } }, submit: "p4" }));
    expect(done).toMatchObject({ status: "completed", finished: true, resumeToken: null, current: null, ending: { id: "done" } });
    row = await stored(id);
    expect(row).toMatchObject({ status: "completed", ending_id: "done", timings: { nps: 1500 } });
    expect(row.resume_token_hash?.startsWith("spent:")).toBe(true);
    expect(row.completed_at).not.toBeNull();
    await expectProblem(await save({ answers: { nps: 1 } }), 409, "conflict");
    const events = await ctx.deps.db.selectFrom("events").select(["type", "payload"]).where("tenant_id", "=", tenant.id).where("subject_id", "=", id).execute();
    expect(events.map((e) => e.type).sort()).toEqual(["survey.response_completed", "survey.response_started"]);
    expect(events.find((e) => e.type === "survey.response_completed")?.payload).toMatchObject({ surveyId, responseId: id, version: 1, channel: "qr", language: "ar", answers: { nps: 9, sat: null } });
  });

  it("records a whole response (the contract), and refuses every bad case with nothing saved", async () => {
    const before = await ctx.deps.db.selectFrom("survey_responses").select("id").where("survey_id", "=", surveyId).execute();
    const post = (body: unknown) => call("POST", `/public/surveys/${surveyId}/responses`, body);
    const r = await ok(await post({ answers: { nps: 10, products: ["c2"], "sat#c2": 5 }, finished: true, language: "he" }), 201);
    expect(r).toMatchObject({ status: "completed", finished: true, resumeToken: null, ending: { id: "done", title: "Thanks, 10!" } });
    expect((await stored(r.id)).language).toBe("en");

    const cases: [unknown, string, string][] = [
      [{ answers: { nps: "9", products: ["c1"] }, finished: true }, "body.answers.nps", "invalid_type"],
      [{ answers: { nps: 12, products: ["c1"] }, finished: true }, "body.answers.nps", "out_of_range"],
      [{ answers: { nps: 9, products: ["c9"] }, finished: true }, "body.answers.products", "unknown_choice"],
      [{ answers: { nps: 9, why: "hidden", products: ["c1"] }, finished: true }, "body.answers.why", "hidden_by_logic"],
      [{ answers: { nps: 9, products: ["c1"], "sat#c2": 3 }, finished: true }, "body.answers.sat#c2", "hidden_by_logic"],
      [{ answers: { products: ["c1"] }, finished: true }, "body.answers.nps", "required"],
      [{ answers: { nps: 9, nope: 1 }, finished: true }, "body.answers.nope", "unknown_question"],
    ];
    for (const [body, path, code] of cases) {
      const p = await expectProblem(await post(body), 400, "validation_failed");
      expect(p.errors?.find((e) => e.path === path), JSON.stringify(p.errors)).toMatchObject({ code });
    }
    await expectProblem(await post({ answers: { nps: 9 }, finished: true, extra: 1 }), 400, "unknown_field");
    const after = await ctx.deps.db.selectFrom("survey_responses").select("id").where("survey_id", "=", surveyId).execute();
    expect(after.length).toBe(before.length + 1);
  });

  it("whole responses place the branch, and never slip into a survey another process closed (stale cache)", async () => {
    const id = await publishedSurvey({ ...DEF, quotas: [] });
    const branch = tenant.branches[2];
    const post = (body: unknown) => call("POST", `/public/surveys/${id}/responses`, body);
    const r = await ok(await post({ answers: { nps: 9, products: ["c1"] }, finished: true, hiddenFields: { branch: branch?.code, agent: "a1", junk: "x" }, timings: { nps: 1234 } }), 201);
    expect(await stored(r.id)).toMatchObject({ branch_id: branch?.id, region_id: branch?.regionId, hidden: { branch: branch?.code, agent: "a1" }, timings: { nps: 1234 }, status: "completed", ending_id: "done" });
    const events = await ctx.deps.db.selectFrom("events").select("payload").where("type", "=", "survey.response_completed").where("subject_id", "=", r.id).execute();
    expect(events.map((e) => e.payload)).toEqual([{ surveyId: id, responseId: r.id, version: 1, contactId: null, invitationId: null, channel: "link", language: "en", answers: { nps: 9, sat: null }, scores: { nps: 9 } }]);
    // Closed behind this process's back: the write re-checks the survey's state itself.
    await ctx.deps.db.updateTable("surveys").set({ status: "closed" }).where("id", "=", id).execute();
    await expectProblem(await post({ answers: { nps: 9, products: ["c1"] }, finished: true }), 410, "survey_closed");
    const rows = await ctx.deps.db.selectFrom("survey_responses").select("id").where("survey_id", "=", id).execute();
    expect(rows).toHaveLength(1);
  });

  it("takes uploads larger than the JSON body limit, up to the question's maxBytes and the 20 MiB cap", async () => {
    const id = await publishedSurvey({ title: "Docs", questions: [{ id: "doc", type: "file", text: "Your statement", maxBytes: 5 * 1024 * 1024, accept: ["application/pdf"] }] });
    const open = await ok(await call("POST", `/public/surveys/${id}/responses`, {}), 201);
    const up = (bytes: Buffer, type = "application/pdf") => ctx.app.request(`${API}/public/responses/${open.id}/files?question=doc`, { method: "POST", headers: { ...bearer(open.resumeToken), "content-type": type }, body: new Uint8Array(bytes) });
    const pdf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(size - 9, 32)]);
    expect(await ok(await up(pdf(2 * 1024 * 1024)), 201)).toMatchObject({ size: 2 * 1024 * 1024, contentType: "application/pdf" });
    await expectProblem(await up(pdf(6 * 1024 * 1024)), 413, "payload_too_large");
    await expectProblem(await up(pdf(21 * 1024 * 1024)), 413, "payload_too_large");
    await expectProblem(await up(PNG(100), "image/png"), 415, "unsupported_media_type");
    // The JSON routes keep their own (1 MiB) limit.
    const big = await call("POST", `/public/responses/${open.id}/answers`, { answers: { doc: "x".repeat(1_100_000) } }, bearer(open.resumeToken));
    await expectProblem(big, 413, "payload_too_large");
  });

  it("fills a quota, then refuses the contract caller (409) and screens out a page-by-page respondent", async () => {
    const id = await publishedSurvey();
    const post = (body: unknown) => call("POST", `/public/surveys/${id}/responses`, body);
    const whole = { answers: { nps: 3, why: "fees", products: ["c1"] }, finished: true };
    expect((await ok(await post(whole), 201)).status).toBe("completed");
    await expectProblem(await post(whole), 409, "quota_full");
    // A promoter is not in the quota.
    expect((await ok(await post({ answers: { nps: 9, products: ["c1"] }, finished: true }), 201)).status).toBe("completed");
    const count = await ctx.deps.db.selectFrom("survey_quota_counts").select("count").where("survey_id", "=", id).executeTakeFirstOrThrow();
    expect(count.count).toBe(1);
    const open = await ok(await post({}), 201);
    const res = await ok(await call("POST", `/public/responses/${open.id}/answers`, { answers: { nps: 2 } }, bearer(open.resumeToken)));
    expect(res).toMatchObject({ status: "screened_out", finished: true, resumeToken: null, ending: { id: "full" } });
    expect(await stored(open.id)).toMatchObject({ status: "screened_out", quota_id: "detractors", ending_id: "full" });
    const rows = await ctx.deps.db.selectFrom("survey_responses").select("status").where("survey_id", "=", id).execute();
    expect(rows.map((r) => r.status).sort()).toEqual(["completed", "completed", "screened_out"]);
  });

  it("keeps each response on the version it answered; closed surveys refuse with 410", async () => {
    const id = await publishedSurvey();
    const open = await ok(await call("POST", `/public/surveys/${id}/responses`, {}), 201);
    const edited = { ...DEF, questions: DEF.questions.map((q) => (q.id === "nps" ? { ...q, text: { en: "Would you recommend us?", ar: "هل توصي بنا؟" } } : q)) };
    await ok(await call("PUT", `/surveys/${id}/draft`, { definition: edited }, admin));
    expect((await ok(await call("POST", `/surveys/${id}/publish`, undefined, admin))).publishedVersion).toBe(2);
    const fresh = await ok(await call("POST", `/public/surveys/${id}/responses`, { answers: { nps: 8, products: ["c1"] }, finished: true }), 201);
    expect((await stored(fresh.id)).version).toBe(2);
    await ok(await call("POST", `/public/responses/${open.id}/answers`, { answers: { nps: 8 }, submit: "p1" }, bearer(open.resumeToken)));
    expect((await stored(open.id)).version).toBe(1);

    await ok(await call("POST", `/surveys/${id}/close`, undefined, admin));
    expect((await ok(await call("GET", `/public/surveys/${id}`))).status).toBe("closed");
    await expectProblem(await call("POST", `/public/surveys/${id}/responses`, { answers: { nps: 9 }, finished: true }), 410, "survey_closed");
    await expectProblem(await call("POST", `/public/responses/${open.id}/answers`, { answers: { products: ["c1"] } }, bearer(open.resumeToken)), 410, "survey_closed");
    expect((await stored(open.id)).answers).toEqual({ nps: 8 });
  });
});
