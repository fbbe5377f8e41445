import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths, send } from "../../../tests/support/routes";

const ctx = await createTestContext();
const API = "/api/v1";
let tenant: TestTenant;
let admin: Record<string, string>;
let viewer: Record<string, string>;

const MINIMAL = { title: { en: "Relationship check" }, questions: [{ id: "q1", type: "nps", text: { en: "How likely are you to recommend us?" } }] };
type Json = Record<string, unknown> & { id: string };
const req = async (method: string, path: string, body?: unknown, headers = admin) =>
  ctx.app.request(`${API}${path}`, body === undefined ? { method, headers } : send(method, body, headers));
const ok = async (res: Response, status = 200) => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as Json;
};

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
  viewer = await apiKeyHeaders(ctx, tenant, "viewer");
});

describe("surveys API", () => {
  it("accepts the smallest definition as is, wrapped or bare, and fills defaults", async () => {
    const wrapped = await ok(await req("POST", "/surveys", { definition: MINIMAL }), 201);
    expect(wrapped).toMatchObject({ name: "Relationship check", status: "draft", publishedVersion: null, draftChanged: true, links: { public: `/c/${tenant.slug}/s/${wrapped.id}` } });
    const draft = wrapped.draft as { pages: unknown[]; endings: { id: string; title: Record<string, string> }[]; languages: string[] };
    expect(draft.pages).toEqual([{ id: "q1", questionIds: ["q1"], randomize: false }]);
    expect(Object.keys(draft.endings[0]?.title ?? {})).toHaveLength(5);
    expect(draft.languages).toEqual(["en"]);
    expect(wrapped.actions).toEqual(["edit", "publish", "delete"]);
    const bare = await ok(await req("POST", "/surveys", MINIMAL), 201);
    expect(bare.draft).toEqual(wrapped.draft);
    // The normalised draft is itself a valid input (GET → PUT round trip).
    await ok(await req("PUT", `/surveys/${bare.id}/draft`, { definition: bare.draft }));
  });

  it("names the field of a bad definition with bracketed paths", async () => {
    const bad = { definition: { title: "x", questions: [{ id: "q1", type: "slider", text: "a" }] } };
    const p = await expectProblem(await req("POST", "/surveys", bad), 400, "validation_failed");
    expect(issuePaths(p)).toContain("body.definition.questions[0].type");
    const bare = await expectProblem(await req("POST", "/surveys", { title: "x", questions: [{ id: "q1", type: "nps", text: "a", extra: 1 }] }), 400, "unknown_field");
    expect(issuePaths(bare)).toContain("body.questions[0].extra");
    const url = await expectProblem(await req("POST", "/surveys", { definition: { ...MINIMAL, endings: [{ id: "e", title: "Bye", redirectUrl: "javascript:alert(1)" }] } }), 400, "validation_failed");
    expect(issuePaths(url)).toEqual(["body.definition.endings[0].redirectUrl"]);
    await expectProblem(await req("POST", "/surveys", {}), 400, "validation_failed");
  });

  it("lists with status and text filters, paginated", async () => {
    const a = await ok(await req("POST", "/surveys", { name: "Zebra branch visit", definition: MINIMAL }), 201);
    await ok(await req("POST", `/surveys/${a.id}/publish`));
    const page = await ok(await req("GET", "/surveys?status=published&q=zebra"));
    expect((page.items as Json[]).map((s) => s.id)).toEqual([a.id]);
    const first = await ok(await req("GET", "/surveys?limit=1"));
    expect(first.nextCursor).toBeTruthy();
    const second = await ok(await req("GET", `/surveys?limit=1&cursor=${first.nextCursor}`));
    expect((second.items as Json[])[0]?.id).not.toBe((first.items as Json[])[0]?.id);
  });

  it("refuses to publish logic errors with 422 naming them; publishes versions that never change", async () => {
    // biome-ignore lint/suspicious/noThenProperty: a rule's actions are called `then` in the definition format
    const broken = { ...MINIMAL, rules: [{ page: "q1", when: { left: { question: "q1" }, op: "isPromoter" }, then: [{ type: "end", endingId: "nowhere" }] }] };
    const s = await ok(await req("POST", "/surveys", { definition: broken }), 201);
    expect((s.problems as { severity: string }[]).some((p) => p.severity === "error")).toBe(true);
    const p = await expectProblem(await req("POST", `/surveys/${s.id}/publish`), 422, "definition_invalid");
    expect(issuePaths(p)).toContain("body.definition.rules[0].then[0].endingId");
    expect((await ok(await req("GET", `/surveys/${s.id}`))).status).toBe("draft");

    await ok(await req("PUT", `/surveys/${s.id}/draft`, { definition: MINIMAL }));
    const v1 = await ok(await req("POST", `/surveys/${s.id}/publish`));
    expect(v1).toMatchObject({ status: "published", publishedVersion: 1, draftChanged: false });
    const again = await ok(await req("POST", `/surveys/${s.id}/publish`));
    expect(again.publishedVersion).toBe(1);
    const edited = { ...MINIMAL, questions: [...MINIMAL.questions, { id: "q2", type: "text", text: "Why?" }] };
    expect((await ok(await req("PUT", `/surveys/${s.id}/draft`, { definition: edited }))).draftChanged).toBe(true);
    expect((await ok(await req("POST", `/surveys/${s.id}/publish`))).publishedVersion).toBe(2);
    const versions = await ok(await req("GET", `/surveys/${s.id}/versions`));
    expect((versions.items as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
    const old = await ok(await req("GET", `/surveys/${s.id}/versions/1`));
    expect((old.definition as { questions: unknown[] }).questions).toHaveLength(1);
    await expectProblem(await req("GET", `/surveys/${s.id}/versions/3`), 404, "not_found");
    await expectProblem(await req("GET", `/surveys/${s.id}/versions/x`), 404, "not_found");
    const audit = await ctx.deps.db.selectFrom("audit_log").select("action").where("tenant_id", "=", tenant.id).where("subject_id", "=", s.id).execute();
    expect(audit.filter((a) => a.action === "survey.published")).toHaveLength(2);
    const events = await ctx.deps.db.selectFrom("events").select("payload").where("tenant_id", "=", tenant.id).where("type", "=", "survey.published").where("subject_id", "=", s.id).execute();
    expect(events.map((e) => (e.payload as { version: number }).version).sort()).toEqual([1, 2]);
  });

  it("closes, reopens, and deletes only surveys without responses", async () => {
    const s = await ok(await req("POST", "/surveys", { definition: MINIMAL }), 201);
    await expectProblem(await req("POST", `/surveys/${s.id}/close`), 409, "conflict");
    await ok(await req("POST", `/surveys/${s.id}/publish`));
    expect((await ok(await req("POST", `/surveys/${s.id}/close`))).status).toBe("closed");
    expect((await ok(await req("POST", `/surveys/${s.id}/reopen`))).status).toBe("published");
    const r = await ctx.app.request(`${API}/public/surveys/${s.id}/responses`, send("POST", { answers: { q1: 9 }, finished: true }, {}));
    expect(r.status).toBe(201);
    await expectProblem(await req("DELETE", `/surveys/${s.id}`), 409, "conflict");
    const empty = await ok(await req("POST", "/surveys", { definition: MINIMAL }), 201);
    expect((await req("DELETE", `/surveys/${empty.id}`)).status).toBe(204);
    await expectProblem(await req("GET", `/surveys/${empty.id}`), 404, "not_found");
  });

  it("offers templates and creates a survey from one; viewers read but cannot write", async () => {
    const list = await ok(await req("GET", "/survey-templates", undefined, viewer));
    const items = list.items as { id: string; name: Record<string, string> }[];
    expect(items.length).toBeGreaterThanOrEqual(7);
    for (const t of items) expect(Object.keys(t.name).sort()).toEqual(["ar", "en", "he", "zh-Hans", "zh-Hant"]);
    const s = await ok(await req("POST", "/surveys", { template: items[0]?.id }), 201);
    expect(s.template).toBe(items[0]?.id);
    expect((s.problems as { severity: string }[]).filter((p) => p.severity === "error")).toEqual([]);
    await expectProblem(await req("POST", "/surveys", { template: "no-such-template" }), 400, "validation_failed");
    expect((await ok(await req("GET", `/surveys/${s.id}`, undefined, viewer))).actions).toEqual([]);
    await expectProblem(await req("POST", "/surveys", { definition: MINIMAL }, viewer), 403, "forbidden");
  });
});
