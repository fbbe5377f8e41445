import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant } from "../../../../tests/support/factories";
import { API, expectProblem, issuePaths, send } from "../../../../tests/support/routes";
import { DEFAULT_DEFINITION } from "../model/definition";

const ctx = await createTestContext();
const db = ctx.deps.db;
let A: TestTenant;
let B: TestTenant;
let analyst: Record<string, string>;
let viewer: Record<string, string>;
let bAdmin: Record<string, string>;

type Stored = { product: string; version: number; updatedAt: string; updatedBy: string | null; definition: Record<string, unknown> };
type List = { items: Stored[]; effectiveDefault: { builtIn: boolean; definition: Record<string, unknown> } };

const BODY = {
  name: "Auto loan",
  milestones: { "loan.started": "started", "loan.submitted": "submitted", "loan.funded": "funded", "loan.valued": "valuation" },
  touchpoints: [{ event: "loan.started", label: "Applied" }, { event: "call.*", channel: "call" }, { event: "page" }],
  stages: ["started", "valuation", "submitted", "funded"],
  steps: ["vehicle", "income"],
  inactivityDays: 14,
  conversionWindowDays: 45,
  slaHours: { application: 24, valuation: 72 },
};

beforeAll(async () => {
  [A, B] = [await makeTenant(ctx), await makeTenant(ctx)];
  analyst = await apiKeyHeaders(ctx, A, "cx_analyst");
  viewer = await apiKeyHeaders(ctx, A, "viewer");
  bAdmin = await apiKeyHeaders(ctx, B, "admin");
});

const put = (product: string, body: unknown, headers = analyst) => ctx.app.request(`${API}/journey-definitions/${product}`, send("PUT", body, headers));
const list = async (headers = viewer) => {
  const res = await ctx.app.request(`${API}/journey-definitions`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as List;
};
const audit = (tenant: TestTenant, action: string) => db.selectFrom("audit_log").selectAll().where("tenant_id", "=", tenant.id).where("action", "=", action).orderBy("seq").execute();

describe("journey definitions", () => {
  it("round trip: saved, listed, version + 1 on each save, audited with the person", async () => {
    const user = await makeUser(ctx, A, { role: "cx_analyst" });
    const session = await signIn(ctx, A, user.email);
    const first = await put("auto_loan", BODY, session.headers);
    expect(first.status, await first.clone().text()).toBe(200);
    expect((await first.json()) as Stored).toMatchObject({ product: "auto_loan", version: 1, updatedBy: user.id, definition: { ...BODY, product: "auto_loan" } });
    const second = await put("auto_loan", { ...BODY, name: "Auto loan v2", steps: [] });
    expect(((await second.json()) as Stored).version).toBe(2);
    const listed = (await list()).items.find((d) => d.product === "auto_loan");
    expect(listed).toMatchObject({ version: 2, definition: { name: "Auto loan v2", steps: [], stages: BODY.stages, slaHours: BODY.slaHours } });
    const entries = (await audit(A, "journey_definition.saved")).filter((e) => e.subject_id === "auto_loan");
    expect(entries.map((e) => (e.data as { version: number }).version)).toEqual([1, 2]);
    expect(entries[0]?.actor_id).toBe(user.id);
    // Another bank sees none of it.
    expect((await list(bAdmin)).items).toEqual([]);
  });

  it("defaults the optional fields; the effective default is built in until the bank stores *", async () => {
    const before = await list();
    expect(before.effectiveDefault).toEqual({ builtIn: true, definition: DEFAULT_DEFINITION });
    const res = await put("*", { name: "Every product", milestones: { "x.started": "started" }, touchpoints: [], stages: ["started"] });
    expect(res.status, await res.clone().text()).toBe(200);
    const star = (await res.json()) as Stored;
    expect(star.definition).toMatchObject({ product: "*", steps: [], inactivityDays: 7, conversionWindowDays: 30, slaHours: DEFAULT_DEFINITION.slaHours });
    const after = await list();
    expect(after.effectiveDefault).toEqual({ builtIn: false, definition: star.definition });
    // Deleting it goes back to the built-in one, audited.
    expect((await ctx.app.request(`${API}/journey-definitions/*`, { method: "DELETE", headers: analyst })).status).toBe(204);
    expect((await list()).effectiveDefault.builtIn).toBe(true);
    expect((await audit(A, "journey_definition.deleted")).map((e) => e.subject_id)).toContain("*");
  });

  it("delete: back to default, audited; a product without its own definition is 404; another bank's is untouched", async () => {
    await put("cards", BODY, bAdmin);
    await expectProblem(await ctx.app.request(`${API}/journey-definitions/cards`, { method: "DELETE", headers: analyst }), 404, "not_found");
    expect((await list(bAdmin)).items.map((d) => d.product)).toEqual(["cards"]);
    expect((await put("cards", BODY)).status).toBe(200);
    expect((await ctx.app.request(`${API}/journey-definitions/cards`, { method: "DELETE", headers: analyst })).status).toBe(204);
    expect((await list()).items.map((d) => d.product)).not.toContain("cards");
    const [entry] = (await audit(A, "journey_definition.deleted")).filter((e) => e.subject_id === "cards");
    expect(entry?.data).toMatchObject({ product: "cards", version: 1 });
  });

  it("validates fully, naming the field", async () => {
    const bad = async (body: unknown, path: string, product = "auto_loan", code = "validation_failed") => expect(issuePaths(await expectProblem(await put(product, body), 400, code))).toContain(path);
    const tps = [...BODY.touchpoints, { event: "sms.*" }, { event: "call.*" }];
    await bad({ ...BODY, touchpoints: tps }, "body.touchpoints.4.event");
    await bad({ ...BODY, touchpoints: [{ event: "a*b" }] }, "body.touchpoints.0.event");
    await bad({ ...BODY, touchpoints: [{ event: "*" }] }, "body.touchpoints.0.event");
    await bad({ ...BODY, touchpoints: [{ event: "ok", channel: "Not A Channel" }] }, "body.touchpoints.0.channel");
    await bad({ ...BODY, touchpoints: Array.from({ length: 201 }, (_, i) => ({ event: `e.${i}` })) }, "body.touchpoints");
    await bad({ ...BODY, milestones: { "loan.started": "Started!" } }, "body.milestones.loan.started");
    await bad({ ...BODY, milestones: {} }, "body.milestones");
    await bad({ ...BODY, stages: ["started", "nowhere"] }, "body.stages.1");
    await bad({ ...BODY, steps: ["a", "a"] }, "body.steps.1");
    await bad({ ...BODY, inactivityDays: 0 }, "body.inactivityDays");
    await bad({ ...BODY, inactivityDays: 366 }, "body.inactivityDays");
    await bad({ ...BODY, conversionWindowDays: 400 }, "body.conversionWindowDays");
    await bad({ ...BODY, slaHours: { application: 0 } }, "body.slaHours.application");
    await bad({ ...BODY, slaHours: { application: 8761 } }, "body.slaHours.application");
    await bad({ ...BODY, extra: true }, "body.extra", "auto_loan", "unknown_field");
    await bad(BODY, "param.product", "Bad Product");
    const { name: _, ...noName } = BODY;
    await bad(noName, "body.name");
    // The limits themselves are accepted.
    const edge = await put("edge", { ...BODY, touchpoints: Array.from({ length: 200 }, (_, i) => ({ event: `e.${i}` })), inactivityDays: 365, conversionWindowDays: 1, slaHours: { application: 8760, quick: 1 } });
    expect(edge.status, await edge.clone().text()).toBe(200);
  });

  it("only journeys:manage writes; kpis:read reads", async () => {
    await expectProblem(await put("auto_loan", BODY, viewer), 403, "forbidden");
    await expectProblem(await ctx.app.request(`${API}/journey-definitions/rebuild`, { method: "POST", headers: viewer }), 403, "forbidden");
    await expectProblem(await ctx.app.request(`${API}/journey-definitions`, { headers: await apiKeyHeaders(ctx, A, "agent") }), 403, "forbidden");
  });

  it("rebuild enqueues journeys.rebuild for the bank (once while one waits), audited", async () => {
    const res = await ctx.app.request(`${API}/journey-definitions/rebuild`, { method: "POST", headers: analyst });
    expect(res.status, await res.clone().text()).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const job = await db.selectFrom("jobs").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ name: "journeys.rebuild", tenant_id: A.id, status: "queued" });
    expect(job.payload).toEqual({ tenantId: A.id });
    const again = (await (await ctx.app.request(`${API}/journey-definitions/rebuild`, { method: "POST", headers: analyst })).json()) as { jobId: string };
    expect(again.jobId).toBe(jobId);
    const other = (await (await ctx.app.request(`${API}/journey-definitions/rebuild`, { method: "POST", headers: bAdmin })).json()) as { jobId: string };
    expect(other.jobId).not.toBe(jobId);
    expect((await audit(A, "journeys.rebuild_requested")).map((e) => e.subject_id)).toEqual([jobId, jobId]);
  });
});
