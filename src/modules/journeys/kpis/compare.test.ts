import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { API } from "../../../../tests/support/routes";
import { createApiKey } from "../../auth/apikeys";
import { type Fact, insertFacts, type JourneyFact } from "./kpis.testkit";
import type { KpiComparison, KpiReport } from "./report";
import { prng } from "./stats";

const ctx = await createTestContext();
let T: TestTenant;
let admin: Record<string, string>;
let facts: Fact[];

/**
 * January: web journeys that mostly complete and fund fast; March: branch journeys that complete
 * less and fund slowly. NPS answers: the golden case of kpis.md, January against March.
 */
function imagine(t: TestTenant): Fact[] {
  const r = prng(11);
  const out: Fact[] = [];
  const branch = t.branches[0] as TestTenant["branches"][0];
  const dims = (channel: string) => ({ channel, product: "checking", region: branch.regionId, branch: branch.id });
  for (let i = 0; i < 300; i++) {
    const jan = i % 2 === 0;
    const day = jan ? `2026-01-${String(1 + (i % 28)).padStart(2, "0")}` : `2026-03-${String(1 + (i % 28)).padStart(2, "0")}`;
    const submitted = r() < (jan ? 0.75 : 0.5);
    const funded = submitted && r() < 0.8;
    out.push({ kind: "journey", day, dims: dims(jan ? "web" : "branch"), submitted, funded, decided: submitted, touches: 3, switches: 0, ...(funded ? { ttfHours: jan ? 20 + 10 * r() : 200 + 100 * r() } : {}) });
    out.push({ kind: "contact", day, dims: dims(jan ? "web" : "branch"), seconds: 300 + 60 * r() });
  }
  const answers = (month: string, n: number, p: number, d: number) => {
    for (let i = 0; i < n; i++) out.push({ kind: "answer", day: `2026-${month}-${String(1 + (i % 28)).padStart(2, "0")}`, dims: dims(month === "01" ? "web" : "branch"), nps: i < p ? 10 : i < p + d ? 2 : 8 });
  };
  answers("01", 200, 100, 40);
  answers("03", 250, 110, 60);
  return out;
}

beforeAll(async () => {
  T = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, T, "admin");
  facts = imagine(T);
  await insertFacts(ctx.deps.db, T.id, facts);
});

async function get<R>(path: string): Promise<R> {
  const res = await ctx.app.request(`${API}${path}`, { headers: admin });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as R;
}

/** The pooled two-proportion z, computed here from the facts. */
function pooledZ(k1: number, n1: number, k2: number, n2: number) {
  const p = (k1 + k2) / (n1 + n2);
  return (k1 / n1 - k2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
}

const journeysIn = (month: string) => facts.filter((f): f is JourneyFact => f.kind === "journey" && f.day.startsWith(`2026-${month}`));

describe("GET /kpis/compare", () => {
  it("two periods: each side is that period's report; rates, NPS and medians are tested as kpis.md says", async () => {
    const c = await get<KpiComparison>("/kpis/compare?from=2026-01-01&to=2026-01-31&compareFrom=2026-03-01&compareTo=2026-03-31");
    const jan = await get<KpiReport>("/kpis?from=2026-01-01&to=2026-01-31");
    const mar = await get<KpiReport>("/kpis?from=2026-03-01&to=2026-03-31");
    expect(c.a).toEqual(jan.total);
    expect(c.b).toEqual(mar.total);

    const [a, b] = [journeysIn("01"), journeysIn("03")];
    const z = pooledZ(a.filter((j) => j.submitted).length, a.length, b.filter((j) => j.submitted).length, b.length);
    expect(c.tests.completionRate).toMatchObject({ method: "two-proportion-z", significant: Math.abs(z) > 1.96 });
    expect(c.tests.completionRate?.z).toBeCloseTo(z, 2);
    expect(c.tests.completionRate?.difference).toBeCloseTo(a.filter((j) => j.submitted).length / a.length - b.filter((j) => j.submitted).length / b.length, 4);
    expect(Math.abs(z)).toBeGreaterThan(1.96);

    // The golden NPS case: n=200, P=100, D=40 against n=250, P=110, D=60 → z ≈ 1.32, not significant.
    expect(c.a.nps).toMatchObject({ n: 200, promoters: 100, detractors: 40, score: 30 });
    expect(c.b.nps).toMatchObject({ n: 250, promoters: 110, detractors: 60, score: 20 });
    expect(c.tests.nps).toMatchObject({ method: "nps-z", significant: false, difference: 10 });
    expect(c.tests.nps?.z).toBeCloseTo(1.32, 2);

    // Funding took about 25 h in January and about 250 h in March: the bootstrap interval is far below 0.
    const ttf = c.tests.timeToFund;
    expect(ttf).toMatchObject({ method: "bootstrap-median", significant: true });
    expect(ttf?.difference).toBeCloseTo((c.a.timeToFund.medianHours ?? 0) - (c.b.timeToFund.medianHours ?? 0), 1);
    expect(ttf?.interval?.[1]).toBeLessThan(0);
    expect(ttf?.difference ?? 0).toBeGreaterThanOrEqual(ttf?.interval?.[0] ?? 0);
    // Handle times come from the same distribution in both months: no real change.
    expect(c.tests.averageHandleTime).toMatchObject({ method: "bootstrap-median", significant: false });
    // No requests: nothing to test.
    expect(c.tests.turnaroundTime).toEqual({ difference: null, interval: null, significant: false, method: "bootstrap-median" });
  });

  it("is deterministic: the same data gives the same intervals", async () => {
    const q = "/kpis/compare?from=2026-01-01&to=2026-01-31&compareFrom=2026-03-01&compareTo=2026-03-31";
    expect(await get<KpiComparison>(q)).toEqual(await get<KpiComparison>(q));
  });

  it("two groups of one dimension over one range: each side is that group's report", async () => {
    const c = await get<KpiComparison>("/kpis/compare?from=2026-01-01&to=2026-03-31&dimension=channel&a=web&b=branch");
    expect(c.a).toEqual((await get<KpiReport>("/kpis?from=2026-01-01&to=2026-03-31&channel=web")).total);
    expect(c.b).toEqual((await get<KpiReport>("/kpis?from=2026-01-01&to=2026-03-31&channel=branch")).total);
    expect(c.a.counts.started).toBe(journeysIn("01").length);
    expect(c.tests.nps?.z).toBeCloseTo(1.32, 2);
    // With another filter the cube answers; a value nobody has gives an empty side and no test.
    const none = await get<KpiComparison>("/kpis/compare?from=2026-01-01&to=2026-03-31&dimension=channel&a=web&b=sms&product=checking");
    expect(none.a).toEqual(c.a);
    expect(none.b.counts.started).toBe(0);
    expect(none.tests.completionRate).toEqual({ difference: null, z: null, significant: false, method: "two-proportion-z" });
  });

  it("scoped actors compare only inside their scope", async () => {
    const other = T.regions.find((r) => r.id !== T.branches[0]?.regionId)?.id as string;
    const { key } = await createApiKey(ctx.deps.db, { actor: null, now: ctx.clock.now() }, T.id, { name: "other region", role: "branch_manager", scope: "region", regionId: other });
    const res = await ctx.app.request(`${API}/kpis/compare?from=2026-01-01&to=2026-01-31&compareFrom=2026-03-01&compareTo=2026-03-31`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const c = (await res.json()) as KpiComparison;
    expect(c.a.counts.started + c.b.counts.started + c.a.nps.n + c.b.nps.n).toBe(0);
  });
});
