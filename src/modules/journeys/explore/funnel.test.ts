import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { API, expectProblem, issuePaths } from "../../../../tests/support/routes";
import { getJson, insertJourneys, type JourneyInput, scopedKey } from "./explore.testkit";
import { wilson } from "./stats";

const ctx = await createTestContext();
const db = ctx.deps.db;
let A: TestTenant;
let admin: Record<string, string>;
let north: Record<string, string>;

type RateJ = { value: number | null; low: number | null; high: number | null; n: number };
type Step = { index: number; step: string; node: string; entered: number; conversionFromFirst: RateJ; conversionFromPrevious: RateJ | null; medianHours: number | null; p90Hours: number | null };
type Funnel = { from: string; to: string; windowDays: number; steps: Step[]; overall: RateJ; dropOffStep: { index: number; step: string; lost: number; share: number | null } | null };

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 0, 5, 9);
const iso = (ms: number) => new Date(ms).toISOString();
const LONG = `Order "Completed" — ${"x".repeat(120)}`;
const NODES = ["stage:started", "step:identity", "stage:submitted", "stage:funded"];
let journeys: JourneyInput[];

/** A deterministic generator (mulberry32), so the data set is varied but the same each run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  A = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, A, "cx_analyst");
  north = await scopedKey(ctx, A, "branch_manager", "region", { regionId: A.regions[0]?.id });
  const r = rng(7);
  journeys = Array.from({ length: 80 }, (_, i) => {
    const start = T0 + Math.floor(r() * 20) * D + Math.floor(r() * 10) * H;
    const reached: Record<string, string> = { "stage:started": iso(start) };
    let t = start;
    for (const node of NODES.slice(1)) {
      if (r() < 0.25) break;
      // Mostly forward in time; now and then a step first reached before the one before it.
      t = r() < 0.1 ? t - Math.floor(r() * 5) * H - H : t + Math.floor(r() * 400) * H;
      reached[node] = iso(t);
    }
    return { id: `F-${i}`, startedAt: iso(start), product: i % 4 === 0 ? "loan" : "checking", region: (i % 3 ? A.regions[0]?.id : A.regions[1]?.id) as string, reached };
  });
  // The window's edges: funded exactly 30 days after step 1 counts, a second later does not;
  // identity reached before started (a resumed journey) does not enter step 2 nor later ones.
  const s = T0 + 2 * D;
  const edge = (id: string, funded: number, identity = s + H) => ({ id, startedAt: iso(s), product: "edge", reached: { "stage:started": iso(s), "step:identity": iso(identity), "stage:submitted": iso(s + 2 * H), "stage:funded": iso(funded) } });
  journeys.push(edge("edge-at-end", s + 30 * D), edge("edge-after-end", s + 30 * D + 1000), edge("edge-before-prev", s + 3 * H, s - H));
  // A node name far longer than a SQL identifier (63 bytes) and with quotes: read like any other.
  journeys.push({ id: "long-event", startedAt: iso(s), product: "long", reached: { "stage:started": iso(s), [`event:${LONG}`]: iso(s + H) } });
  // Started outside the range: never counted.
  journeys.push({ id: "outside", startedAt: iso(T0 - 10 * D), product: "checking", reached: { "stage:started": iso(T0 - 10 * D), "step:identity": iso(T0 - 9 * D) } });
  await insertJourneys(db, A.id, journeys);
});

/** The funnel computed from the inputs alone. */
function expectedFunnel(pred: (j: JourneyInput) => boolean, nodes: string[], windowDays: number) {
  const cohort = journeys.filter((j) => j.startedAt >= "2026-01-01" && j.startedAt < "2026-02-01" && pred(j) && j.reached?.[nodes[0] as string]);
  const entered = nodes.map(() => 0);
  const gaps: number[][] = nodes.map(() => []);
  for (const j of cohort) {
    const t = nodes.map((n) => (j.reached?.[n] ? Date.parse(j.reached[n] as string) : null));
    const t1 = t[0] as number;
    entered[0] = (entered[0] ?? 0) + 1;
    for (let k = 1; k < nodes.length; k++) {
      const [prev, cur] = [t[k - 1], t[k]];
      if (prev === null || prev === undefined || cur === null || cur === undefined || cur < prev || cur > t1 + windowDays * D) break;
      entered[k] = (entered[k] ?? 0) + 1;
      gaps[k]?.push((cur - prev) / H);
    }
  }
  return { entered, gaps };
}

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], q: number): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = q * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (v[lo] as number) + ((v[hi] as number) - (v[lo] as number)) * (pos - lo);
}

const funnel = (qs: string, headers = admin) => getJson<Funnel>(ctx, `/funnels${qs}`, headers);

function check(f: Funnel, exp: ReturnType<typeof expectedFunnel>) {
  expect(f.steps.map((s) => s.entered)).toEqual(exp.entered);
  const first = exp.entered[0] as number;
  f.steps.forEach((s, k) => {
    const e = exp.entered[k] as number;
    expect(s.conversionFromFirst.n).toBe(first);
    expect(s.conversionFromFirst.value).toBeCloseTo(e / first, 10);
    if (k === 0) {
      expect(s.conversionFromPrevious).toBeNull();
      expect(s.medianHours).toBeNull();
      return;
    }
    expect(s.conversionFromPrevious?.n).toBe(exp.entered[k - 1]);
    const med = percentile(exp.gaps[k] as number[], 0.5);
    const p90 = percentile(exp.gaps[k] as number[], 0.9);
    if (med === null) expect(s.medianHours).toBeNull();
    else expect(s.medianHours).toBeCloseTo(med, 2);
    if (p90 === null) expect(s.p90Hours).toBeNull();
    else expect(s.p90Hours).toBeCloseTo(p90, 2);
  });
  const losses = exp.entered.slice(1).map((e, k) => (exp.entered[k] as number) - e);
  const most = Math.max(...losses);
  if (most <= 0) expect(f.dropOffStep).toBeNull();
  else expect(f.dropOffStep).toMatchObject({ index: losses.indexOf(most) + 2, lost: most });
}

describe("GET /funnels", () => {
  it("counts each step in order inside the window, with conversions, times between steps and the drop-off step", async () => {
    const f = await funnel("?from=2026-01-01&to=2026-01-31&steps=started,step:identity,submitted,funded&windowDays=30");
    expect(f.steps.map((s) => s.node)).toEqual(NODES);
    expect(f.windowDays).toBe(30);
    const exp = expectedFunnel(() => true, NODES, 30);
    expect(exp.entered[3]).toBeGreaterThan(3);
    check(f, exp);
    expect(f.overall.value).toBeCloseTo((exp.entered[3] as number) / (exp.entered[0] as number), 10);
  });

  it("a step at exactly the window's end counts; a second later, or before the previous step, it does not", async () => {
    const f = await funnel("?from=2026-01-01&to=2026-01-31&product=edge&steps=started,step:identity,submitted,funded");
    expect(f.steps.map((s) => s.entered)).toEqual([3, 2, 2, 1]);
    expect(f.dropOffStep).toMatchObject({ index: 2, step: "step:identity", lost: 1 });
    // The same journeys with a 29-day window: nobody funded inside it.
    expect((await funnel("?from=2026-01-01&to=2026-01-31&product=edge&steps=started,step:identity,submitted,funded&windowDays=29")).steps.map((s) => s.entered)).toEqual([3, 2, 2, 0]);
  });

  it("event steps with long names and quotes", async () => {
    const f = await funnel(`?from=2026-01-01&to=2026-01-31&product=long&steps=started,${encodeURIComponent(`event:${LONG}`)}`);
    expect(f.steps.map((s) => [s.node, s.entered, s.medianHours])).toEqual([
      ["stage:started", 1, null],
      [`event:${LONG}`, 1, 1],
    ]);
  });

  it("a shorter window and filters change the counts as the inputs say", async () => {
    const f = await funnel("?from=2026-01-01&to=2026-01-31&steps=started,submitted,funded&windowDays=10&product=checking");
    check(f, expectedFunnel((j) => j.product === "checking", ["stage:started", "stage:submitted", "stage:funded"], 10));
  });

  it("a step-first funnel starts from the journeys that reached that step", async () => {
    const f = await funnel("?from=2026-01-01&to=2026-01-31&steps=step:identity,funded");
    check(f, expectedFunnel(() => true, ["step:identity", "stage:funded"], 30));
  });

  it("a region-scoped reader's funnel counts only their region's journeys", async () => {
    const rN = A.regions[0]?.id;
    check(await funnel("?from=2026-01-01&to=2026-01-31&steps=started,step:identity,submitted,funded", north), expectedFunnel((j) => j.region === rN, NODES, 30));
  });

  it("Wilson intervals: the golden case 8 of 10 is [0.490, 0.943]", () => {
    const w = wilson(8, 10);
    expect(w.low).toBeCloseTo(0.4902, 4);
    expect(w.high).toBeCloseTo(0.9433, 4);
    expect(wilson(0, 0)).toEqual({ value: null, low: null, high: null, n: 0 });
  });

  it("validates steps and window, naming the field", async () => {
    const bad = async (qs: string, path: string) => expect(issuePaths(await expectProblem(await ctx.app.request(`${API}/funnels${qs}`, { headers: admin }), 400, "validation_failed"))).toContain(path);
    await bad("?steps=started", "query.steps");
    await bad(`?steps=${Array.from({ length: 11 }, (_, i) => `step:s${i}`).join(",")}`, "query.steps");
    await bad("?steps=started,foo:bar", "query.steps.1");
    await bad("?steps=started,Submitted", "query.steps.1");
    await bad("?steps=started,,funded", "query.steps.1");
    await bad("?steps=started,stage:started", "query.steps.1");
    await bad("?windowDays=0", "query.windowDays");
    await bad("?windowDays=366", "query.windowDays");
    await bad("?from=2026-02-01&to=2026-01-01", "query.to");
  });

  it("ten steps and a one-day or 365-day window are accepted; defaults apply without a query", async () => {
    const ten = await funnel(`?steps=started,${Array.from({ length: 9 }, (_, i) => `step:s${i}`).join(",")}&windowDays=365`);
    expect(ten.steps).toHaveLength(10);
    const def = await funnel("?windowDays=1");
    expect(def.steps.map((s) => s.node)).toEqual(["stage:started", "stage:submitted", "stage:decided", "stage:funded"]);
    expect(def.to).toBe(ctx.clock.now().toISOString().slice(0, 10));
  });

  it("needs kpis:read", async () => {
    await expectProblem(await ctx.app.request(`${API}/funnels`, { headers: await apiKeyHeaders(ctx, A, "agent") }), 403, "forbidden");
  });
});
