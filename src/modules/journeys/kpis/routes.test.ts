import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, makeTenant, makeUser, type TestTenant } from "../../../../tests/support/factories";
import { API, expectProblem, issuePaths } from "../../../../tests/support/routes";
import { createApiKey } from "../../auth/apikeys";
import { DIMENSIONS, type Dims } from "../model/cube";
import type { Kpis } from "./compute";
import { expectedFrom, type Fact, insertFacts } from "./kpis.testkit";
import type { KpiReport } from "./report";
import { prng } from "./stats";

const ctx = await createTestContext();
let A: TestTenant;
let B: TestTenant;
let admin: Record<string, string>;
let agentId: string;
let facts: Fact[];

const CHANNELS = ["web", "app", "branch", "call"];
const PRODUCTS = ["checking", "auto-loan", "card"];
const FROM = "2026-01-15";
const TO = "2026-04-10";

/** Deterministic imagined bank activity from 2026-01-01 to 2026-04-30 (every product and channel recorded). */
function imagine(t: TestTenant, agent: string, seed: number): Fact[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const out: Fact[] = [];
  for (let i = 0; i < 400; i++) {
    const day = new Date(Date.UTC(2026, 0, 1 + Math.floor(r() * 120))).toISOString().slice(0, 10);
    const branch = pick(t.branches);
    const dims: Partial<Dims> = { product: pick(PRODUCTS), channel: pick(CHANNELS), region: branch.regionId, branch: branch.id, agent: r() < 0.3 ? agent : "", segment: pick(["retail", "premium", ""]), device: pick(["mobile", "desktop", ""]) };
    const submitted = r() < 0.6;
    const decided = submitted && r() < 0.8;
    const funded = decided && r() < 0.7;
    out.push({ kind: "journey", day, dims, submitted, abandoned: !submitted && r() < 0.8, decided, approved: decided && funded, funded, converted: funded && r() < 0.9, singleChannel: r() < 0.5, touches: 1 + Math.floor(r() * 12), switches: Math.floor(r() * 3), ...(funded ? { ttfHours: 2 + r() * 900 } : {}), ...(decided ? { ttdHours: 0.5 + r() * 100 } : {}) });
    if (i % 3 === 0) out.push({ kind: "contact", day, dims: { ...dims, queue: pick(["cards", "loans"]) }, seconds: 30 + r() * 1500 });
    if (i % 4 === 0) out.push({ kind: "request", day, dims, hours: 1 + r() * 200, inSla: r() < 0.7 });
    if (i % 2 === 0) out.push({ kind: "answer", day, dims, nps: Math.floor(r() * 11), ...(r() < 0.5 ? { csat: 1 + Math.floor(r() * 5) } : {}), ...(r() < 0.5 ? { ces: 1 + Math.floor(r() * 7) } : {}), followedUp: r() < 0.5 });
    if (i % 5 === 0) out.push({ kind: "customer", day, dims, active: r() < 0.4 });
  }
  return out;
}

const inRange = (f: Fact, from = FROM, to = TO) => f.day >= from && f.day <= to;

beforeAll(async () => {
  [A, B] = [await makeTenant(ctx), await makeTenant(ctx)];
  admin = await apiKeyHeaders(ctx, A, "admin");
  agentId = (await makeUser(ctx, A, { role: "agent" })).id;
  facts = imagine(A, agentId, 7);
  await insertFacts(ctx.deps.db, A.id, facts);
  await insertFacts(ctx.deps.db, B.id, imagine(B, "", 8));
});

async function report(query: string, headers = admin): Promise<KpiReport> {
  const res = await ctx.app.request(`${API}/kpis?${query}`, { headers });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as KpiReport;
}

/** The API's KPIs against the ones computed from the facts. */
function expectKpis(k: Kpis, facts: Fact[]) {
  const e = expectedFrom(facts);
  expect(k.counts).toMatchObject({ started: e.started, submitted: e.submitted, abandoned: e.abandoned, funded: e.funded });
  const rate = (r: Kpis["completionRate"], value: number | null, n: number) => {
    expect(r.n).toBe(n);
    if (value === null) expect(r.value).toBeNull();
    else {
      expect(r.value).toBeCloseTo(value, 4);
      expect(r.low ?? 2).toBeLessThanOrEqual(r.value ?? -1);
      expect(r.high ?? -1).toBeGreaterThanOrEqual(r.value ?? 2);
    }
  };
  rate(k.completionRate, e.completion, e.started);
  rate(k.abandonmentRate, e.abandonment, e.started);
  rate(k.conversionRate, e.conversion, e.started);
  rate(k.singleChannelRate, e.singleChannel, e.submitted);
  rate(k.onboardingRate, e.onboarding, e.intent);
  rate(k.followUpRate, e.followUp, e.followUpDue);
  const close = (x: number | null, y: number | null, digits = 2) => (y === null ? expect(x).toBeNull() : expect(x).toBeCloseTo(y, digits));
  expect(k.timeToFund.n).toBe(e.ttf.n);
  close(k.timeToFund.meanHours, e.ttf.mean);
  close(k.timeToFund.medianHours, e.ttf.median);
  close(k.timeToFund.p90Hours, e.ttf.p90);
  // From the histogram, a median is off by at most about one bucket (25 %) once there are enough values.
  if (e.ttf.trueMedian !== null && e.ttf.n >= 30) expect(Math.abs((k.timeToFund.medianHours ?? 0) - e.ttf.trueMedian)).toBeLessThanOrEqual(0.25 * e.ttf.trueMedian);
  close(k.timeToFund.fundedWithin.share, e.ttf.withinFromHist, 4);
  if (e.ttf.n >= 30) close(k.timeToFund.fundedWithin.share, e.ttf.within, 1);
  close(k.timeToDecision.meanHours, e.ttd.mean);
  close(k.timeToDecision.medianHours, e.ttd.median);
  expect(k.turnaroundTime.n).toBe(e.tat.n);
  close(k.turnaroundTime.meanHours, e.tat.mean);
  close(k.turnaroundTime.medianHours, e.tat.median);
  close(k.turnaroundTime.withinSla.share, e.tat.inSla, 4);
  expect(k.averageHandleTime.n).toBe(e.aht.n);
  close(k.averageHandleTime.meanSeconds, e.aht.mean);
  close(k.averageHandleTime.medianSeconds, e.aht.median);
  close(k.touchpointsPerJourney.mean, e.touches.mean);
  expect(k.touchpointsPerJourney.median).toBe(e.touches.median);
  close(k.channelSwitches.mean, e.switches);
  expect(k.nps.n).toBe(e.nps.n);
  expect(k.nps.distribution).toEqual(e.nps.distribution);
  close(k.nps.score, e.nps.score);
  expect(k.csat.n).toBe(e.csat.n);
  close(k.csat.score, e.csat.score, 4);
  close(k.ces.mean, e.ces.mean);
  close(k.ces.agreeShare, e.ces.agree, 4);
}

describe("GET /kpis", () => {
  it("totals a range of whole months and edge days exactly as the facts say", async () => {
    const r = await report(`from=${FROM}&to=${TO}`);
    expect(r).toMatchObject({ from: FROM, to: TO, groupBy: null, groups: [] });
    expect(r.total.counts.started).toBeGreaterThan(100);
    expectKpis(r.total, facts.filter((f) => inRange(f)));
    expect(r.total.csat.scale).toBe("1-5");
    expect(r.total.ces.scale).toBe("1-7");
    expect(r.total.timeToFund.fundedWithin.days).toBe(30);
  });

  it("reads month rows for whole months and day rows for the edges (the same as reading every day)", async () => {
    const byDay = await report(`from=${FROM}&to=${TO}&groupBy=day`);
    const direct = await report(`from=${FROM}&to=${TO}`);
    expect(byDay.total).toEqual(direct.total);
    // A bank whose rollups hold only month rows: whole months count, a day-grouped query sees nothing.
    const M = await makeTenant(ctx);
    const mKey = await apiKeyHeaders(ctx, M, "admin");
    const monthOnly = imagine(M, "", 9);
    await insertFacts(ctx.deps.db, M.id, monthOnly, { grains: ["month"] });
    const whole = await report("from=2026-02-01&to=2026-03-31", mKey);
    expectKpis(whole.total, monthOnly.filter((f) => inRange(f, "2026-02-01", "2026-03-31")));
    expect((await report("from=2026-02-01&to=2026-03-31&groupBy=week", mKey)).groups).toEqual([]);
  });

  it("the margin fast path and the cube path agree", async () => {
    const all = CHANNELS.join(",");
    const margin = await report(`from=${FROM}&to=${TO}&groupBy=channel`);
    const cube = await report(`from=${FROM}&to=${TO}&groupBy=channel&channel=${all}&product=${PRODUCTS.join(",")}`);
    expect(cube).toEqual({ ...margin });
    const monthsMargin = await report(`from=${FROM}&to=${TO}&groupBy=month`);
    const monthsCube = await report(`from=${FROM}&to=${TO}&groupBy=month&product=${PRODUCTS.join(",")}&channel=${all}`);
    expect(monthsCube.groups).toEqual(monthsMargin.groups);
    // Unfiltered queries really read the margins: a bank without margin rows shows nothing there.
    const N = await makeTenant(ctx);
    const nKey = await apiKeyHeaders(ctx, N, "admin");
    await insertFacts(ctx.deps.db, N.id, imagine(N, "", 10), { margins: false });
    expect((await report(`from=${FROM}&to=${TO}`, nKey)).total.counts.started).toBe(0);
    // One dimension filtered (and perhaps grouped by time) is still a margin read; two need the cube.
    expect((await report(`from=${FROM}&to=${TO}&groupBy=month&channel=${all}`, nKey)).groups).toEqual([]);
    expect((await report(`from=${FROM}&to=${TO}&channel=${all}&product=${PRODUCTS.join(",")}`, nKey)).total.counts.started).toBeGreaterThan(0);
    // And the one-filter margin read equals the cube's answer.
    const oneFilter = await report(`from=${FROM}&to=${TO}&groupBy=week&product=checking`);
    const twoFilters = await report(`from=${FROM}&to=${TO}&groupBy=week&product=checking&channel=${all}`);
    expect(oneFilter.groups).toEqual(twoFilters.groups);
    expect(oneFilter.total).toEqual(twoFilters.total);
  });

  it("filters: comma-separated or repeated values, several dimensions at once", async () => {
    const comma = await report(`from=${FROM}&to=${TO}&product=checking&channel=web,app`);
    const repeated = await report(`from=${FROM}&to=${TO}&product=checking&channel=web&channel=app`);
    expect(repeated).toEqual(comma);
    expectKpis(comma.total, facts.filter((f) => inRange(f) && f.dims.product === "checking" && ["web", "app"].includes(f.dims.channel ?? "")));
  });

  const keyOf = (groupBy: string, f: Fact): string => {
    if ((DIMENSIONS as readonly string[]).includes(groupBy)) return f.dims[groupBy as keyof Dims] ?? "";
    const d = new Date(`${f.day}T00:00:00Z`);
    if (groupBy === "day") return f.day;
    if (groupBy === "week") return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    if (groupBy === "month") return `${f.day.slice(0, 7)}-01`;
    return `${f.day.slice(0, 4)}-${String(Math.floor(d.getUTCMonth() / 3) * 3 + 1).padStart(2, "0")}-01`;
  };

  it.each([...DIMENSIONS, "day", "week", "month", "quarter"])("groups by %s: every group equals its own facts", async (groupBy) => {
    const r = await report(`from=${FROM}&to=${TO}&groupBy=${groupBy}`);
    const mine = facts.filter((f) => inRange(f));
    const keys = [...new Set(mine.map((f) => keyOf(groupBy, f)))];
    expect(r.groups.map((g) => g.key).sort()).toEqual(keys.sort());
    for (const g of r.groups) expectKpis(g.kpis, mine.filter((f) => keyOf(groupBy, f) === g.key));
    expectKpis(r.total, mine);
    const isTime = ["day", "week", "month", "quarter"].includes(groupBy);
    const order = r.groups.map((g) => g.key);
    if (isTime) expect(order).toEqual([...order].sort());
    else {
      for (let i = 1; i < r.groups.length; i++) {
        const [p, q] = [r.groups[i - 1], r.groups[i]] as [KpiReport["groups"][0], KpiReport["groups"][0]];
        expect(p.kpis.counts.started > q.kpis.counts.started || (p.kpis.counts.started === q.kpis.counts.started && p.key < q.key)).toBe(true);
      }
    }
    for (const g of r.groups) {
      if (g.key === "") expect(g.label).toBeNull();
      else if (groupBy === "branch") expect(g.label).toMatch(/^(north|south) branch [12]$/);
      else if (groupBy === "region") expect(g.label).toMatch(/^(north|south) region$/);
      else if (groupBy === "agent") expect(g.label).toBe("agent user");
      else expect(g.label).toBe(g.key);
    }
  });

  it("fundedWithinDays sets the time-to-fund threshold", async () => {
    const r = await report(`from=${FROM}&to=${TO}&fundedWithinDays=7`);
    const ttf = facts.filter((f) => inRange(f) && f.kind === "journey" && f.ttfHours !== undefined) as Array<{ ttfHours: number }>;
    expect(r.total.timeToFund.fundedWithin.days).toBe(7);
    expect(r.total.timeToFund.fundedWithin.share).toBeCloseTo(ttf.filter((x) => x.ttfHours < 168).length / ttf.length, 1);
  });

  it("a range with no data has counts of 0 and null figures, never NaN", async () => {
    const r = await report("from=2020-01-01&to=2020-12-31&groupBy=channel");
    expect(r.groups).toEqual([]);
    expect(r.total.completionRate).toEqual({ value: null, low: null, high: null, n: 0 });
    expect(r.total.nps).toMatchObject({ score: null, n: 0, interval95: null });
    expect(r.total.touchpointsPerJourney).toEqual({ mean: null, median: null, n: 0 });
    expect(JSON.stringify(r)).not.toContain("NaN");
  });
});

describe("data scope and tenancy", () => {
  it("a region-scoped branch manager sees only their region; a branch-scoped one only their branch", async () => {
    const region = A.regions[0]?.id as string;
    const branch = A.branches.find((b) => b.regionId !== region)?.id as string;
    const { key: rKey } = await createApiKey(ctx.deps.db, { actor: null, now: ctx.clock.now() }, A.id, { name: "region manager", role: "branch_manager", scope: "region", regionId: region });
    const { key: bKey } = await createApiKey(ctx.deps.db, { actor: null, now: ctx.clock.now() }, A.id, { name: "branch manager", role: "branch_manager", scope: "branch", branchId: branch });
    const byRegion = await report(`from=${FROM}&to=${TO}&groupBy=region`, { authorization: `Bearer ${rKey}` });
    expect(byRegion.groups.map((g) => g.key)).toEqual([region]);
    expectKpis(byRegion.total, facts.filter((f) => inRange(f) && f.dims.region === region));
    const byBranch = await report(`from=${FROM}&to=${TO}&groupBy=channel`, { authorization: `Bearer ${bKey}` });
    expectKpis(byBranch.total, facts.filter((f) => inRange(f) && f.dims.branch === branch));
    // A filter cannot widen the scope.
    const other = await report(`from=${FROM}&to=${TO}&branch=${A.branches.find((b) => b.regionId === region)?.id}`, { authorization: `Bearer ${bKey}` });
    expect(other.total.counts.started).toBe(0);
  });

  it("another bank's rollups never show (nor its branch ids)", async () => {
    const a = await report(`from=${FROM}&to=${TO}&groupBy=branch`);
    const text = JSON.stringify(a);
    for (const b of B.branches) expect(text).not.toContain(b.id);
    const b = await report(`from=${FROM}&to=${TO}&groupBy=branch`, await apiKeyHeaders(ctx, B, "viewer"));
    expect(b.groups.map((g) => g.key).sort()).toEqual(B.branches.map((x) => x.id).sort());
    expect(b.total.counts.started).not.toBe(a.total.counts.started);
  });

  it("needs kpis:read, before the query is even checked", async () => {
    await expectProblem(await ctx.app.request(`${API}/kpis`), 401, "unauthenticated");
    await expectProblem(await ctx.app.request(`${API}/kpis`, { headers: await apiKeyHeaders(ctx, A, "agent") }), 403, "forbidden");
    await expectProblem(await ctx.app.request(`${API}/kpis/compare`, { headers: await apiKeyHeaders(ctx, A, "reviewer") }), 403, "forbidden");
    await report(`from=${FROM}&to=${TO}`, await apiKeyHeaders(ctx, A, "viewer"));
  });
});

describe("bad input", () => {
  const bad = async (query: string, field: string, path = "/kpis") => {
    const p = await expectProblem(await ctx.app.request(`${API}${path}?${query}`, { headers: admin }), 400, "validation_failed");
    expect(issuePaths(p), query).toContain(field);
  };

  it("names the field of each problem", async () => {
    await bad("to=2026-01-31", "query.from");
    await bad("from=2026-02-30&to=2026-03-01", "query.from");
    await bad("from=2026-13-01&to=2026-03-01", "query.from");
    await bad("from=2026-01-01&to=0000-00-00", "query.to");
    await bad("from=20260101&to=2026-03-01", "query.from");
    await bad("from=2026-01-01", "query.to");
    await bad("from=2026-03-01&to=2026-02-01", "query.to");
    await bad("from=2023-01-01&to=2026-01-01", "query.to");
    await bad("from=2026-01-01&to=2026-01-31&groupBy=year", "query.groupBy");
    await bad(`from=2026-01-01&to=2026-01-31&product=${"x".repeat(201)}`, "query.product");
    await bad(`from=2026-01-01&to=2026-01-31&channel=web,${"x".repeat(201)}`, "query.channel");
    await bad("from=2026-01-01&to=2026-01-31&fundedWithinDays=0", "query.fundedWithinDays");
    const unknown = await expectProblem(await ctx.app.request(`${API}/kpis?from=2026-01-01&to=2026-01-31&grupBy=channel`, { headers: admin }), 400, "unknown_field");
    expect(issuePaths(unknown)).toEqual(["query.grupBy"]);
    // Exactly three years is allowed.
    await report("from=2024-01-01&to=2026-12-31");
  });

  it("compare: both pairs, or dimension with a and b", async () => {
    await bad("from=2026-01-01&to=2026-01-31", "query.compareFrom", "/kpis/compare");
    await bad("from=2026-01-01&to=2026-01-31&compareFrom=2025-01-01", "query.compareTo", "/kpis/compare");
    await bad("from=2026-01-01&to=2026-01-31&compareFrom=2025-02-01&compareTo=2025-01-01", "query.compareTo", "/kpis/compare");
    await bad("from=2026-01-01&to=2026-01-31&dimension=channel&a=web", "query.b", "/kpis/compare");
    await bad("from=2026-01-01&to=2026-01-31&a=web&b=app", "query.dimension", "/kpis/compare");
    await bad("from=2026-01-01&to=2026-01-31&dimension=month&a=web&b=app", "query.dimension", "/kpis/compare");
    await bad("from=2026-01-01&to=2026-01-31&dimension=channel&a=web&b=app&compareFrom=2025-01-01&compareTo=2025-01-31", "query.dimension", "/kpis/compare");
  });
});
