import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../tests/support/factories";
import type { Actor } from "../../kernel/access";
import { eraseCustomer } from "./erase";
import { parseFilters } from "./responses-query";
import { definition, insertResponse, insertSurvey, randomAnswers, seeded } from "./responses.testkit";
import { foldAll, foldSurvey } from "./rollups";
import { computeSummary } from "./summary";
import { durationBucket, medianOfHistogram } from "./stats";

let ctx: TestContext;
let tenant: TestTenant;
let actor: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await makeTenant(ctx);
  actor = { kind: "user", tenantId: tenant.id, id: tenant.id, label: "test", role: "admin", scope: "tenant", regionId: null, branchId: null, locale: "en" };
});

const filters = (q: Record<string, string> = {}) => parseFilters({ completion: "all", ...q } as never, q, [definition()]);

interface Kept {
  id: string;
  status: "completed" | "partial" | "in_progress" | "screened_out";
  answers: Record<string, unknown>;
  durationMs: number | null;
  customerId: string;
}

/** The summary computed the obvious way, straight from what was inserted. */
function bruteForce(rows: Kept[]) {
  const counted = rows.filter((r) => r.status === "completed" || r.status === "partial");
  const nps = counted.map((r) => r.answers.nps).filter((v): v is number => typeof v === "number");
  const P = nps.filter((v) => v >= 9).length;
  const D = nps.filter((v) => v <= 6).length;
  const csat = counted.map((r) => r.answers.csat).filter((v): v is number => typeof v === "number");
  const ces = counted.map((r) => r.answers.ces).filter((v): v is number => typeof v === "number");
  const hist = new Map<number, number>();
  for (const r of rows) {
    if (r.status !== "completed" || r.durationMs === null) continue;
    const b = durationBucket(r.durationMs / 1000).low;
    hist.set(b, (hist.get(b) ?? 0) + 1);
  }
  const completed = rows.filter((r) => r.status === "completed").length;
  const partial = rows.filter((r) => r.status === "partial").length;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    responses: counted.length,
    completed,
    partial,
    inProgress: rows.filter((r) => r.status === "in_progress").length,
    screenedOut: rows.filter((r) => r.status === "screened_out").length,
    completionRate: counted.length ? r2((100 * completed) / counted.length) : null,
    medianSecondsToComplete: medianOfHistogram(hist),
    nps: { n: nps.length, promoters: P, detractors: D, score: nps.length ? r2((100 * (P - D)) / nps.length) : null },
    csat: { n: csat.length, score: csat.length ? r2((100 * csat.filter((v) => v >= 4).length) / csat.length) : null },
    ces: { n: ces.length, mean: ces.length ? r2(ces.reduce((a, b) => a + b, 0) / ces.length) : null, agreePercent: ces.length ? r2((100 * ces.filter((v) => v >= 5).length) / ces.length) : null },
    pickB: counted.filter((r) => r.answers.pick === "b").length,
    manyY: counted.filter((r) => Array.isArray(r.answers.many) && (r.answers.many as string[]).includes("y")).length,
    consentYes: counted.filter((r) => r.answers.ok === true).length,
  };
}

function expectMatches(s: Awaited<ReturnType<typeof computeSummary>>, b: ReturnType<typeof bruteForce>) {
  expect({ responses: s.responses, completed: s.completed, partial: s.partial, inProgress: s.inProgress, screenedOut: s.screenedOut, completionRate: s.completionRate, medianSecondsToComplete: s.medianSecondsToComplete }).toEqual({
    responses: b.responses,
    completed: b.completed,
    partial: b.partial,
    inProgress: b.inProgress,
    screenedOut: b.screenedOut,
    completionRate: b.completionRate,
    medianSecondsToComplete: b.medianSecondsToComplete,
  });
  expect(s.questions.nps).toMatchObject({ type: "nps", ...b.nps });
  expect(s.questions.csat).toMatchObject({ type: "csat", scale: "1-5", ...b.csat });
  expect(s.questions.ces).toMatchObject({ type: "ces", ...b.ces });
  const pick = s.questions.pick as { choices: { id: string; count: number }[] };
  expect(pick.choices.find((c) => c.id === "b")?.count).toBe(b.pickB);
  const many = s.questions.many as { choices: { id: string; count: number }[] };
  expect(many.choices.find((c) => c.id === "y")?.count).toBe(b.manyY);
  expect((s.questions.ok as { yes: number }).yes).toBe(b.consentYes);
}

describe("summary vs a brute-force computation", () => {
  it.each([1, 2, 3])("random responses (seed %i): rollups = full scan = brute force, through completions, resumptions and erasure", async (seed) => {
    const rnd = seeded(seed);
    const surveyId = await insertSurvey(ctx.deps.db, tenant.id);
    const kept: Kept[] = [];
    const add = async () => {
      const status = rnd.pick(["completed", "completed", "completed", "partial", "in_progress", "screened_out"] as const);
      const answers = status === "screened_out" ? {} : randomAnswers(rnd);
      const durationMs = status === "completed" ? rnd.int(5_000, 900_000) : null;
      const customerId = `c-${rnd.int(1, 15)}`;
      const id = await insertResponse(ctx.deps.db, tenant.id, surveyId, { status, answers, durationMs, hidden: { customerId }, startedAt: new Date(Date.UTC(2026, 0, rnd.int(1, 20), rnd.int(0, 23))) });
      kept.push({ id, status, answers, durationMs, customerId });
    };
    for (let i = 0; i < 60; i++) await add();
    const check = async () => {
      const b = bruteForce(kept);
      expectMatches(await computeSummary(ctx.deps.db, actor, surveyId, filters()), b);
      expectMatches(await computeSummary(ctx.deps.db, actor, surveyId, filters({ version: "1" })), b);
    };
    await check();
    // More responses arrive; some in-progress ones complete, a partial one is resumed and completed.
    for (let i = 0; i < 30; i++) await add();
    if (rnd.chance(0.5)) await foldAll(ctx.deps.db);
    for (const r of kept.filter((x) => x.status === "in_progress").slice(0, 5)) {
      r.status = "completed";
      r.durationMs = rnd.int(1_000, 50_000);
      r.answers = { ...r.answers, nps: rnd.int(0, 10) };
      await ctx.deps.db.updateTable("survey_responses").set({ status: "completed", duration_ms: r.durationMs, answers: JSON.stringify(r.answers) }).where("tenant_id", "=", tenant.id).where("id", "=", r.id).execute();
    }
    const resumed = kept.find((x) => x.status === "partial");
    if (resumed) {
      resumed.status = "completed";
      resumed.durationMs = 30_000;
      resumed.answers = { ...resumed.answers, nps: 10, pick: "b" };
      await ctx.deps.db.updateTable("survey_responses").set({ status: "completed", duration_ms: 30_000, answers: JSON.stringify(resumed.answers) }).where("tenant_id", "=", tenant.id).where("id", "=", resumed.id).execute();
    }
    await check();
    // One customer's responses are erased: the rollups lose them in the same transaction.
    const gone = await eraseCustomer(ctx.deps.db, { actor: null, now: new Date() }, tenant.id, { customerId: "c-3" });
    expect(gone.deleted).toBe(kept.filter((k) => k.customerId === "c-3").length);
    const remaining = kept.filter((k) => k.customerId !== "c-3");
    kept.length = 0;
    kept.push(...remaining);
    const rollups = await ctx.deps.db.selectFrom("survey_rollups").select((eb) => eb.fn.sum<number>("count").as("n")).where("tenant_id", "=", tenant.id).where("survey_id", "=", surveyId).where("question_key", "=", "$n").executeTakeFirst();
    expect(Number(rollups?.n)).toBe(kept.filter((k) => k.status !== "in_progress").length);
    await check();
  });

  it("completion, language and day filters are served by the rollups and agree with a scan", async () => {
    const surveyId = await insertSurvey(ctx.deps.db, tenant.id);
    const rnd = seeded(9);
    for (let i = 0; i < 40; i++) {
      await insertResponse(ctx.deps.db, tenant.id, surveyId, {
        status: rnd.pick(["completed", "partial"] as const),
        language: rnd.pick(["en", "ar"]),
        answers: randomAnswers(rnd),
        startedAt: new Date(Date.UTC(2026, 1, rnd.int(1, 10), 12)),
      });
    }
    await foldSurvey(ctx.deps.db, tenant.id, surveyId);
    const cases: Record<string, string>[] = [{ completion: "partial" }, { language: "ar" }, { from: "2026-02-03", to: "2026-02-05" }, { completion: "completed", language: "en", from: "2026-02-02" }];
    for (const q of cases) {
      const viaRollups = await computeSummary(ctx.deps.db, actor, surveyId, filters(q));
      const viaScan = await computeSummary(ctx.deps.db, actor, surveyId, filters({ ...q, version: "1" }));
      expect(viaRollups).toEqual(viaScan);
      expect(viaRollups.responses).toBeGreaterThan(0);
    }
  });

  it("serves a branch or region manager's dated summary from the rollups, equal to a scan of their scope", async () => {
    const surveyId = await insertSurvey(ctx.deps.db, tenant.id);
    const rnd = seeded(17);
    const places = [
      { regionId: "00000000-0000-4000-8000-0000000000a1", branchId: "00000000-0000-4000-8000-0000000000b1" },
      { regionId: "00000000-0000-4000-8000-0000000000a1", branchId: "00000000-0000-4000-8000-0000000000b2" },
      { regionId: "00000000-0000-4000-8000-0000000000a2", branchId: "00000000-0000-4000-8000-0000000000b3" },
    ];
    for (let i = 0; i < 60; i++) {
      await insertResponse(ctx.deps.db, tenant.id, surveyId, {
        status: rnd.pick(["completed", "partial"] as const),
        answers: randomAnswers(rnd),
        startedAt: new Date(Date.UTC(2026, 2, rnd.int(1, 10), 12)),
        ...rnd.pick(places),
      });
    }
    await foldSurvey(ctx.deps.db, tenant.id, surveyId);
    const branchManager: Actor = { ...actor, role: "branch_manager", scope: "branch", branchId: places[0]?.branchId ?? null, regionId: places[0]?.regionId ?? null };
    const regionManager: Actor = { ...actor, role: "branch_manager", scope: "region", regionId: places[0]?.regionId ?? null };
    const dated = { from: "2026-03-03", to: "2026-03-07" };
    const totals: number[] = [];
    for (const who of [branchManager, regionManager, actor]) {
      const viaRollups = await computeSummary(ctx.deps.db, who, surveyId, filters(dated));
      const viaScan = await computeSummary(ctx.deps.db, who, surveyId, filters({ ...dated, version: "1" }));
      expect(viaRollups).toEqual(viaScan);
      totals.push(viaRollups.responses);
    }
    // Each wider scope sees strictly more, so the scope filter really applied.
    expect(totals[0]).toBeGreaterThan(0);
    expect(totals[0]).toBeLessThan(totals[1] as number);
    expect(totals[1]).toBeLessThan(totals[2] as number);
  });

  it("drop-off counts where partial responses stopped", async () => {
    const surveyId = await insertSurvey(ctx.deps.db, tenant.id);
    await insertResponse(ctx.deps.db, tenant.id, surveyId, { status: "completed", answers: { nps: 9, csat: 5 }, submitted: ["p-nps", "p-csat", "p-ces"] });
    await insertResponse(ctx.deps.db, tenant.id, surveyId, { status: "partial", answers: { nps: 3 }, submitted: ["p-nps"], currentPage: "p-csat" });
    const s = await computeSummary(ctx.deps.db, actor, surveyId, filters());
    expect(s.dropOff.slice(0, 3)).toEqual([
      { questionId: "nps", reached: 2, answered: 2, droppedHere: 0 },
      { questionId: "csat", reached: 2, answered: 1, droppedHere: 1 },
      { questionId: "ces", reached: 1, answered: 0, droppedHere: 0 },
    ]);
    expect(s.completionRate).toBe(50);
  });
});
