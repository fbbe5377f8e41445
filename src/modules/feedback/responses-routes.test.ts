import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant } from "../../../tests/support/factories";
import { API, expectProblem, send } from "../../../tests/support/routes";
import { encryptBytes } from "../../kernel/crypto";
import { insertResponse, insertSurvey } from "./responses.testkit";

let ctx: TestContext;
let tenant: TestTenant;
let admin: Record<string, string>;
let surveyId: string;
const ids = { promoter: "", detractor: "", open: "", passive: "" };
type Json = Record<string, unknown> & { items: Record<string, unknown>[] };

const get = async (path: string, headers = admin) => {
  const res = await ctx.app.request(`${API}${path}`, { headers });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as Json;
};

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
  surveyId = await insertSurvey(ctx.deps.db, tenant.id);
  const [b1, b2] = tenant.branches;
  const day = (d: number) => new Date(Date.UTC(2026, 2, d, 10));
  ids.promoter = await insertResponse(ctx.deps.db, tenant.id, surveyId, { answers: { nps: 10, csat: 5, pick: "a", why: "=HYPERLINK(\"x\")", who: { name: "Dana", email: "Dana@Example.test" } }, language: "ar", channel: "qr", regionId: b1?.regionId, branchId: b1?.id, startedAt: day(1), hidden: { segment: "gold" }, tags: ["vip"] });
  ids.detractor = await insertResponse(ctx.deps.db, tenant.id, surveyId, { answers: { nps: 2, pick: "b", why: "ممتاز جداً", many: ["x", "y"] }, regionId: b2?.regionId, branchId: b2?.id, startedAt: day(2), hidden: { customerId: "cust-7" } });
  ids.open = await insertResponse(ctx.deps.db, tenant.id, surveyId, { status: "in_progress", answers: { nps: 8 }, regionId: b1?.regionId, branchId: b1?.id, startedAt: day(3) });
  ids.passive = await insertResponse(ctx.deps.db, tenant.id, surveyId, { status: "partial", answers: { nps: 7, ok: true }, regionId: b2?.regionId, branchId: b2?.id, startedAt: day(4), hidden: { email: "dana@example.test" } });
});

describe("responses list and filters", () => {
  it("lists newest first with previews and actions, paginated", async () => {
    const page = await get(`/surveys/${surveyId}/responses?limit=3`);
    expect(page.items.map((r) => r.id)).toEqual([ids.passive, ids.open, ids.detractor]);
    expect(page.items[2]).toMatchObject({ status: "completed", durationSeconds: 90, preview: { nps: 2, csat: null }, actions: ["tag", "note", "erase"] });
    const next = await get(`/surveys/${surveyId}/responses?limit=3&cursor=${page.nextCursor}`);
    expect(next.items.map((r) => r.id)).toEqual([ids.promoter]);
    expect(next.nextCursor).toBeNull();
  });

  it.each([
    ["completion=completed", ["detractor", "promoter"]],
    ["completion=in_progress", ["open"]],
    ["language=ar&channel=qr", ["promoter"]],
    ["from=2026-03-02&to=2026-03-03", ["open", "detractor"]],
    ["tag=vip", ["promoter"]],
    ["hidden.segment=gold", ["promoter"]],
    ["answer.pick=b", ["detractor"]],
    ["answer.nps=7", ["passive"]],
    ["answer.many=y", ["detractor"]],
    ["answer.why=%D9%85%D9%85%D8%AA%D8%A7%D8%B2", ["detractor"]],
    ["answer.ok=true", ["passive"]],
  ])("%s", async (query, expected) => {
    const page = await get(`/surveys/${surveyId}/responses?${query}`);
    expect(page.items.map((r) => r.id)).toEqual(expected.map((k) => ids[k as keyof typeof ids]));
  });

  it("refuses unknown hidden fields and questions, naming the parameter", async () => {
    const p = await expectProblem(await ctx.app.request(`${API}/surveys/${surveyId}/responses?hidden.nope=1`, { headers: admin }), 400, "validation_failed");
    expect(p.errors?.[0]?.path).toBe("query.hidden.nope");
    const q = await expectProblem(await ctx.app.request(`${API}/surveys/${surveyId}/responses?answer.q9=1`, { headers: admin }), 400, "validation_failed");
    expect(q.errors?.[0]?.path).toBe("query.answer.q9");
  });

  it("a branch manager sees only their branch, in lists, summaries and exports", async () => {
    const b1 = tenant.branches[0];
    const manager = await makeUser(ctx, tenant, { role: "branch_manager", branchId: b1?.id, regionId: b1?.regionId });
    const s = await signIn(ctx, tenant, manager.email);
    const headers = { cookie: s.cookie };
    const page = await get(`/surveys/${surveyId}/responses`, headers);
    expect(page.items.map((r) => r.id)).toEqual([ids.open, ids.promoter]);
    const summary = await get(`/surveys/${surveyId}/summary`, headers);
    expect(summary).toMatchObject({ responses: 1, inProgress: 1, questions: { nps: { n: 1, promoters: 1, score: 100 } } });
    await expectProblem(await ctx.app.request(`${API}/responses/${ids.detractor}`, { headers }), 404, "not_found");
  });
});

describe("summary", () => {
  it("follows the contract: NPS over answered, partial counted, in-progress excluded", async () => {
    const s = await get(`/surveys/${surveyId}/summary`);
    expect(s).toMatchObject({ responses: 3, started: 4, completed: 2, partial: 1, screenedOut: 0, inProgress: 1, completionRate: 66.67, medianSecondsToComplete: 92 });
    expect((s.questions as Record<string, unknown>).nps).toMatchObject({ type: "nps", n: 3, promoters: 1, passives: 1, detractors: 1, score: 0 });
    expect((s.questions as Record<string, unknown>).csat).toMatchObject({ type: "csat", n: 1, score: 100, scale: "1-5" });
    const filtered = await get(`/surveys/${surveyId}/summary?answer.pick=a`);
    expect(filtered).toMatchObject({ responses: 1, questions: { nps: { n: 1, score: 100 } } });
  });
});

describe("one response", () => {
  it("renders answers with question texts, and takes tags and notes (audited)", async () => {
    const r = await get(`/responses/${ids.detractor}`);
    const answers = r.answers as { key: string; question: string; display: string }[];
    expect(answers.find((a) => a.key === "many")).toMatchObject({ question: "Pick many", display: "Choice X, Choice Y" });
    expect(answers.find((a) => a.key === "pick")?.display).toBe("Choice B");
    const patched = await ctx.app.request(`${API}/responses/${ids.detractor}`, send("PATCH", { tags: ["follow-up", "follow-up", "churn"] }, admin));
    expect(((await patched.json()) as { tags: string[] }).tags).toEqual(["follow-up", "churn"]);
    const tooMany = await ctx.app.request(`${API}/responses/${ids.detractor}`, send("PATCH", { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, admin));
    await expectProblem(tooMany, 400, "validation_failed");
    const note = await ctx.app.request(`${API}/responses/${ids.detractor}/notes`, send("POST", { body: "Called back" }, admin));
    expect(note.status).toBe(201);
    await expectProblem(await ctx.app.request(`${API}/responses/${ids.detractor}/notes`, send("POST", { body: "x".repeat(4001) }, admin)), 400, "validation_failed");
    expect(((await get(`/responses/${ids.detractor}`)).notes as { body: string }[]).map((n) => n.body)).toEqual(["Called back"]);
    const audit = await get("/audit?limit=20");
    expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(["response.tagged", "response.note_added"]));
  });

  it("sends a stored file decrypted, as an attachment, nosniff", async () => {
    const fileId = crypto.randomUUID();
    const bytes = Buffer.from("%PDF-1.4 test");
    const boxed = encryptBytes(ctx.config.secretKey, bytes);
    await ctx.deps.db.insertInto("survey_files").values({ tenant_id: tenant.id, id: fileId, survey_id: surveyId, response_id: ids.promoter, question_key: "doc", content_type: "application/pdf", size: bytes.length, sha256: "0".repeat(64), filename: "statement.pdf", data: boxed, created_at: ctx.clock.now() }).execute();
    const res = await ctx.app.request(`${API}/responses/${ids.promoter}/files/${fileId}`, { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="statement.pdf"');
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    await expectProblem(await ctx.app.request(`${API}/responses/${ids.detractor}/files/${fileId}`, { headers: admin }), 404, "not_found");
  });
});

describe("export", () => {
  it("CSV: UTF-8 BOM, one column per question, formula guard", async () => {
    const res = await ctx.app.request(`${API}/surveys/${surveyId}/export?format=csv&completion=completed`, { headers: admin });
    expect(res.status).toBe(200);
    const buf = Buffer.from(await res.arrayBuffer());
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.subarray(3).toString("utf8");
    const [header, ...lines] = text.trim().split(/\r?\n/);
    expect(header?.split(",").slice(10, 13)).toEqual(["nps", "csat", "pick"]);
    expect(header).toContain("hidden.customerId");
    expect(lines).toHaveLength(2);
    expect(text).toContain("ممتاز جداً");
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("XLSX parses back with exceljs; the export is audited", async () => {
    const res = await ctx.app.request(`${API}/surveys/${surveyId}/export?format=xlsx`, { headers: admin });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet("Responses");
    if (!ws) throw new Error("no Responses sheet");
    expect(ws.rowCount).toBe(5);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf("nps") + 1;
    const npsValues = [2, 3, 4, 5].map((i) => ws.getRow(i).getCell(col).value);
    expect(npsValues.sort()).toEqual(["10", "2", "7", "8"]);
    const audit = await get("/audit?limit=5");
    expect(audit.items[0]).toMatchObject({ action: "responses.exported" });
  });
});

describe("erasure", () => {
  it("deletes a customer's responses by email (contact answer or hidden field), audit without PII", async () => {
    const res = await ctx.app.request(`${API}/responses/erasure`, send("POST", { email: "DANA@example.test" }, admin));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: 2 });
    await expectProblem(await ctx.app.request(`${API}/responses/${ids.promoter}`, { headers: admin }), 404, "not_found");
    const s = await get(`/surveys/${surveyId}/summary`);
    expect(s).toMatchObject({ responses: 1, questions: { nps: { n: 1, detractors: 1 } } });
    const audit = await get("/audit?limit=5");
    const entry = audit.items.find((e) => e.action === "responses.erased");
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).not.toMatch(/dana/i);
    await expectProblem(await ctx.app.request(`${API}/responses/erasure`, send("POST", {}, admin)), 400, "validation_failed");
  });

  it("another tenant's survey reads as not found", async () => {
    const other = await makeTenant(ctx);
    const theirs = await insertSurvey(ctx.deps.db, other.id);
    for (const p of ["responses", "summary", "export"]) {
      await expectProblem(await ctx.app.request(`${API}/surveys/${theirs}/${p}`, { headers: admin }), 404, "not_found");
    }
  });
});
