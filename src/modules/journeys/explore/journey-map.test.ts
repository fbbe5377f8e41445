import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { API, expectProblem, issuePaths } from "../../../../tests/support/routes";
import { HOURS, quantile } from "../model/buckets";
import { getJson, insertTouch, scopedKey, type TouchInput } from "./explore.testkit";
import { grainSpans } from "./filters";

const ctx = await createTestContext();
const db = ctx.deps.db;
let A: TestTenant;
let B: TestTenant;
let admin: Record<string, string>;
let north: Record<string, string>;
let rows: TouchInput[];

type Nps = { score: number | null; n: number; interval95: [number, number] | null };
type Node = { node: string; volume: number; dropOff: { count: number; share: number | null }; medianHours: number | null; nps: Nps; csat: { score: number | null; n: number }; ces: { mean: number | null; n: number } };
type JourneyMap = {
  product: string;
  definition: { product: string; name: string; builtIn: boolean };
  stages: (Node & { milestone: string; inDefinition: boolean })[];
  touchpoints: (Node & { event: string; label: string; channel: string | null; rule: number | null })[];
  steps: { step: string; reached: number; dropped: number; inDefinition: boolean; completionFromPrevious: { value: number | null; n: number } | null; dropOffFields: { field: string; dropped: number }[] }[];
};

const DEFINITION = {
  product: "checking",
  name: "Checking account",
  milestones: { "application.started": "started", "application.submitted": "submitted", "application.funded": "funded", "kyc.done": "kyc" },
  touchpoints: [{ event: "application.started", label: "Started online" }, { event: "call.*", channel: "call" }, { event: "branch.visit", channel: "branch" }],
  stages: ["started", "submitted", "funded"],
  steps: ["identity", "address"],
  inactivityDays: 7,
  conversionWindowDays: 30,
  slaHours: {},
};
const NODES = ["stage:started", "stage:submitted", "stage:funded", "stage:kyc", "touch:application.started", "touch:call.started", "touch:call.ended", "touch:weird.event", "step:identity", "step:address", "step:extra", "field:identity:passport", "field:identity:dob", "field:address:zip"];
// The range 2026-01-15 … 2026-03-10 is read as: days Jan 15–31, the month of February, days Mar 1–10.
const PERIODS: [TouchInput["grain"], string][] = [
  ["month", "2026-01-01"],
  ["month", "2026-02-01"],
  ["month", "2026-03-01"],
  ["day", "2026-01-14"],
  ["day", "2026-01-15"],
  ["day", "2026-01-31"],
  ["day", "2026-02-10"],
  ["day", "2026-03-10"],
  ["day", "2026-03-11"],
];
const counted = (r: TouchInput) => (r.grain === "month" && r.period === "2026-02-01") || (r.grain === "day" && ["2026-01-15", "2026-01-31", "2026-03-10"].includes(r.period));

beforeAll(async () => {
  [A, B] = [await makeTenant(ctx), await makeTenant(ctx)];
  admin = await apiKeyHeaders(ctx, A, "viewer");
  north = await scopedKey(ctx, A, "branch_manager", "region", { regionId: A.regions[0]?.id });
  const regions = [A.regions[0]?.id as string, A.regions[1]?.id as string];
  rows = [];
  let seed = 1;
  for (const [grain, period] of PERIODS) {
    for (const product of ["checking", "loan"]) {
      for (const channel of ["web", "branch"]) {
        for (const region of regions) {
          NODES.forEach((node, n) => {
            seed = (seed * 48271) % 2147483647;
            const reached = 5 + (seed % 40) + n;
            const hist = Array.from({ length: 12 }, (_, i) => ((seed >> i) & 3) * (i % 3 === n % 3 ? 1 : 0));
            rows.push({ grain, period, product, channel, region, node, reached, dropped: seed % 7, hoursHist: hist, nps: Array.from({ length: 11 }, (_, i) => (seed >> (i + 2)) & 1), csat: Array.from({ length: 5 }, (_, i) => (seed >> (i + 5)) & 3), ces: [1, 0, 0, 2, 0, 1, (seed >> 3) & 1] });
          });
        }
      }
    }
  }
  await insertTouch(db, A.id, rows);
  await insertTouch(db, B.id, [{ grain: "month", period: "2026-02-01", product: "checking", node: "stage:started", reached: 100000 }]);
  await db.insertInto("journey_definitions").values({ tenant_id: A.id, product: "checking", definition: JSON.stringify(DEFINITION), version: 1, updated_at: new Date() }).execute();
});

/** Every node's sums over the rows the range covers, from the inputs alone. */
function sums(pred: (r: TouchInput) => boolean) {
  const out = new Map<string, { reached: number; dropped: number; hours: number[]; nps: number[]; csat: number[]; ces: number[] }>();
  for (const r of rows.filter((x) => counted(x) && pred(x))) {
    const s = out.get(r.node) ?? { reached: 0, dropped: 0, hours: [], nps: [], csat: [], ces: [] };
    s.reached += r.reached ?? 0;
    s.dropped += r.dropped ?? 0;
    const add = (into: number[], from: number[] = []) => {
      for (const [i, v] of from.entries()) into[i] = (into[i] ?? 0) + v;
    };
    add(s.hours, r.hoursHist);
    add(s.nps, r.nps);
    add(s.csat, r.csat);
    add(s.ces, r.ces);
    out.set(r.node, s);
  }
  return out;
}

function checkNode(got: Node, s: ReturnType<typeof sums> extends Map<string, infer V> ? V : never) {
  expect(got.volume).toBe(s.reached);
  expect(got.dropOff.count).toBe(s.dropped);
  expect(got.dropOff.share).toBeCloseTo(s.dropped / s.reached, 10);
  expect(got.medianHours).toBeCloseTo(quantile(HOURS, s.hours, 0.5) as number, 2);
  const n = s.nps.reduce((a, b) => a + b, 0);
  const P = (s.nps[9] ?? 0) + (s.nps[10] ?? 0);
  const Dt = s.nps.slice(0, 7).reduce((a, b) => a + b, 0);
  expect(got.nps.n).toBe(n);
  expect(got.nps.score).toBeCloseTo((100 * (P - Dt)) / n, 2);
  // Adjusted Wald (kpis.md): n' = n + 3, p' = (P + .75)/n', d' = (D + .75)/n'.
  const n1 = n + 3;
  const [p1, d1] = [(P + 0.75) / n1, (Dt + 0.75) / n1];
  const se = Math.sqrt((p1 + d1 - (p1 - d1) ** 2) / n1);
  expect(got.nps.interval95?.[0]).toBeCloseTo(100 * (p1 - d1 - 1.96 * se), 1);
  expect(got.nps.interval95?.[1]).toBeCloseTo(100 * (p1 - d1 + 1.96 * se), 1);
  const cn = s.csat.reduce((a, b) => a + b, 0);
  expect(got.csat.n).toBe(cn);
  expect(got.csat.score).toBeCloseTo((100 * ((s.csat[3] ?? 0) + (s.csat[4] ?? 0))) / cn, 2);
  const en = s.ces.reduce((a, b) => a + b, 0);
  expect(got.ces.mean).toBeCloseTo(s.ces.reduce((a, c, i) => a + c * (i + 1), 0) / en, 2);
}

const map = (path: string, headers = admin) => getJson<JourneyMap>(ctx, `/journey-maps/${path}`, headers);

describe("GET /journey-maps/{product}", () => {
  it("sums each node over whole months and edge days, once each, in the definition's order", async () => {
    const m = await map("checking?from=2026-01-15&to=2026-03-10");
    expect(m.definition).toEqual({ product: "checking", name: "Checking account", builtIn: false });
    const s = sums((r) => r.product === "checking");
    expect(m.stages.map((x) => [x.milestone, x.inDefinition])).toEqual([["started", true], ["submitted", true], ["funded", true], ["kyc", false]]);
    for (const st of m.stages) checkNode(st, s.get(st.node) as never);
    // Touchpoints: rule order; a prefix rule lists each event it matched (most reached first); a rule with no data shows zeros; unmatched events last.
    const calls = ["call.started", "call.ended"].sort((a, b) => (s.get(`touch:${b}`)?.reached ?? 0) - (s.get(`touch:${a}`)?.reached ?? 0));
    expect(m.touchpoints.map((t) => [t.event, t.label, t.channel, t.rule])).toEqual([["application.started", "Started online", null, 0], ...calls.map((c) => [c, c, "call", 1]), ["branch.visit", "branch.visit", "branch", 2], ["weird.event", "weird.event", null, null]]);
    for (const t of m.touchpoints.filter((x) => x.event !== "branch.visit")) checkNode(t, s.get(t.node) as never);
    expect(m.touchpoints.find((t) => t.event === "branch.visit")).toMatchObject({ volume: 0, medianHours: null, nps: { score: null, n: 0, interval95: null } });
  });

  it("steps in the definition's order, unknown ones after; completion from the previous step; top drop-off fields", async () => {
    const m = await map("checking?from=2026-01-15&to=2026-03-10");
    const s = sums((r) => r.product === "checking");
    const get = (n: string) => s.get(n) as NonNullable<ReturnType<typeof s.get>>;
    expect(m.steps.map((x) => [x.step, x.inDefinition])).toEqual([["identity", true], ["address", true], ["extra", false]]);
    const [identity, address, extra] = m.steps;
    expect(identity).toMatchObject({ reached: get("step:identity").reached, dropped: get("step:identity").dropped, completionFromPrevious: null });
    expect(address?.completionFromPrevious?.value).toBeCloseTo(get("step:address").reached / get("step:identity").reached, 10);
    expect(address?.completionFromPrevious?.n).toBe(get("step:identity").reached);
    expect(extra?.completionFromPrevious?.value).toBeCloseTo(get("step:extra").reached / get("step:address").reached, 10);
    const fields = ["passport", "dob"].map((f) => ({ field: f, dropped: get(`field:identity:${f}`).dropped })).sort((a, b) => b.dropped - a.dropped);
    expect(identity?.dropOffFields.map((f) => ({ field: f.field, dropped: f.dropped }))).toEqual(fields);
    expect(address?.dropOffFields.map((f) => f.field)).toEqual(["zip"]);
  });

  it("filters by dimension; a region-scoped reader sees their region only", async () => {
    const rN = A.regions[0]?.id;
    const m = await map("checking?from=2026-01-15&to=2026-03-10&channel=web");
    checkNode(m.stages[0] as Node, sums((r) => r.product === "checking" && r.channel === "web").get("stage:started") as never);
    const scoped = await map("checking?from=2026-01-15&to=2026-03-10", north);
    checkNode(scoped.stages[0] as Node, sums((r) => r.product === "checking" && r.region === rN).get("stage:started") as never);
  });

  it("* reads every product; a product without a definition gets the built-in one; another bank's counts never show", async () => {
    const all = await map("*?from=2026-01-15&to=2026-03-10");
    expect(all.stages.find((x) => x.milestone === "started")?.volume).toBe(sums(() => true).get("stage:started")?.reached);
    expect(all.definition.builtIn).toBe(true);
    const other = await map("savings_2?from=2026-01-15&to=2026-03-10");
    expect(other.definition).toEqual({ product: "*", name: "Banking onboarding", builtIn: true });
    expect(other.stages.map((x) => [x.milestone, x.volume])).toEqual([["started", 0], ["submitted", 0], ["decided", 0], ["funded", 0]]);
    const bView = await getJson<JourneyMap>(ctx, "/journey-maps/checking?from=2026-02-01&to=2026-02-28", await apiKeyHeaders(ctx, B, "viewer"));
    expect(bView.stages[0]?.volume).toBe(100000);
  });

  it("validates the product code and the range", async () => {
    const bad = async (path: string, field: string) => expect(issuePaths(await expectProblem(await ctx.app.request(`${API}/journey-maps/${path}`, { headers: admin }), 400, "validation_failed"))).toContain(field);
    await bad("Checking", "param.product");
    await bad(`${"x".repeat(61)}`, "param.product");
    await bad("checking?from=2026-13-01", "query.from");
    await bad("checking?from=2026-03-01&to=2026-02-01", "query.to");
    await expectProblem(await ctx.app.request(`${API}/journey-maps/checking`, { headers: await apiKeyHeaders(ctx, A, "agent") }), 403, "forbidden");
  });
});

describe("grain spans", () => {
  it("whole months at grain month, the edges at grain day", () => {
    expect(grainSpans({ from: "2026-01-15", to: "2026-03-10" })).toEqual({ months: ["2026-02-01", "2026-02-01"], days: [["2026-01-15", "2026-01-31"], ["2026-03-01", "2026-03-10"]] });
    expect(grainSpans({ from: "2026-01-01", to: "2026-12-31" })).toEqual({ months: ["2026-01-01", "2026-12-01"], days: [] });
    expect(grainSpans({ from: "2026-02-01", to: "2026-02-28" })).toEqual({ months: ["2026-02-01", "2026-02-01"], days: [] });
    expect(grainSpans({ from: "2026-01-05", to: "2026-01-20" })).toEqual({ months: null, days: [["2026-01-05", "2026-01-20"]] });
    expect(grainSpans({ from: "2026-01-31", to: "2026-02-01" })).toEqual({ months: null, days: [["2026-01-31", "2026-02-01"]] });
    expect(grainSpans({ from: "2024-02-01", to: "2024-02-29" })).toEqual({ months: ["2024-02-01", "2024-02-01"], days: [] });
    expect(grainSpans({ from: "2025-12-31", to: "2026-01-31" })).toEqual({ months: ["2026-01-01", "2026-01-01"], days: [["2025-12-31", "2025-12-31"]] });
  });
});
