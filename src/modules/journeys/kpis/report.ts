/**
 * The KPI engine: a report (total + groups) and comparisons (two periods or two groups), for the
 * API and the CLI alike. Rollups are read by rollups.ts (one statement per query shape), KPIs
 * computed by compute.ts, tests by stats.ts.
 */
import type { Db } from "../../../db";
import type { Actor } from "../../../kernel/access";
import { npsChange } from "../../feedback/stats";
import { HOURS, SECONDS } from "../model/buckets";
import type { Dimension } from "../model/cube";
import { type Kpis, kpisOf } from "./compute";
import { addSums, emptySums, type Filters, type GroupBy, isTimeBucket, readRollups, type Sums } from "./rollups";
import { bootstrapMedianDifference, twoProportionZ } from "./stats";

export interface ReportInput {
  from: string;
  to: string;
  groupBy?: GroupBy | null;
  filters: Filters;
  fundedWithinDays: number;
}

export interface KpiGroup {
  key: string;
  label: string | null;
  kpis: Kpis;
}

export interface KpiReport {
  from: string;
  to: string;
  groupBy: GroupBy | null;
  total: Kpis;
  groups: KpiGroup[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Display names of group keys: branch and region ids of the bank → their names, user ids (agent)
 * → the user's name. Any other key is its own label; '' (not recorded) has none.
 */
async function labels(db: Db, tenantId: string, groupBy: GroupBy | null, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((k) => UUID.test(k));
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const table = groupBy === "branch" ? "branches" : groupBy === "region" ? "regions" : groupBy === "agent" ? "users" : null;
  if (!table) return out;
  const rows = await db.selectFrom(table).select(["id", "name"]).where("tenant_id", "=", tenantId).where("id", "in", ids).execute();
  for (const r of rows) out.set(r.id, r.name);
  return out;
}

/**
 * Total and groups for [from, to]. Groups by a dimension are sorted by journeys started (most
 * first), then key; time buckets chronologically (a time series reads left to right). The total is
 * the sum of the groups (they partition it), so one statement answers both.
 */
export async function kpiReport(db: Db, tenantId: string, actor: Actor | null, input: ReportInput): Promise<KpiReport> {
  const groupBy = input.groupBy ?? null;
  const sums = await readRollups(db, { tenantId, actor, from: input.from, to: input.to, groupBy, filters: input.filters });
  const total = emptySums();
  for (const s of sums.values()) addSums(total, s);
  const opts = { fundedWithinDays: input.fundedWithinDays };
  let groups: KpiGroup[] = [];
  if (groupBy !== null) {
    const names = await labels(db, tenantId, groupBy, [...sums.keys()]);
    const entries = [...sums.entries()];
    if (isTimeBucket(groupBy)) entries.sort(([a], [b]) => (a < b ? -1 : 1));
    else entries.sort(([ka, a], [kb, b]) => b.started - a.started || (ka < kb ? -1 : ka > kb ? 1 : 0));
    groups = entries.map(([key, s]) => ({ key, label: key === "" ? null : (names.get(key) ?? key), kpis: kpisOf(s, opts) }));
  }
  return { from: input.from, to: input.to, groupBy, total: kpisOf(total, opts), groups };
}

export type TestMethod = "two-proportion-z" | "nps-z" | "bootstrap-median";
export interface KpiTest {
  difference: number | null;
  z?: number | null;
  interval?: [number, number] | null;
  significant: boolean;
  method: TestMethod;
}

export interface KpiComparison {
  a: Kpis;
  b: Kpis;
  tests: Record<string, KpiTest>;
}

/** Rates compared with the pooled two-proportion z-test: [kpi, numerator, denominator]. */
const RATES: Array<[string, keyof Sums, keyof Sums]> = [
  ["completionRate", "submitted", "started"],
  ["abandonmentRate", "abandoned", "started"],
  ["onboardingRate", "active", "intent"],
  ["conversionRate", "converted", "started"],
  ["singleChannelRate", "single_channel", "submitted"],
  ["followUpRate", "fu_done", "fu_due"],
];

/**
 * The tests of kpis.md between two sets of counters: rates by the two-proportion z-test, NPS by
 * z = (NPS'₁ − NPS'₂)/sqrt(SE₁² + SE₂²) on adjusted-Wald estimates, and the medians of time to
 * fund, turnaround and handle time by a seeded bootstrap interval of their difference. A change is
 * significant only when its test passes (|z| > 1.96, or an interval excluding 0).
 */
export function compareSums(a: Sums, b: Sums, opts: { fundedWithinDays: number }): KpiComparison {
  const tests: Record<string, KpiTest> = {};
  for (const [kpi, k, n] of RATES) {
    tests[kpi] = { ...twoProportionZ(a[k] as number, a[n] as number, b[k] as number, b[n] as number), method: "two-proportion-z" };
  }
  const ka = kpisOf(a, opts);
  const kb = kpisOf(b, opts);
  if (ka.nps.n > 0 && kb.nps.n > 0) {
    const change = npsChange(ka.nps, kb.nps);
    // The difference shown is that of the reported scores; the test uses the adjusted estimates.
    tests.nps = { difference: Math.round(((ka.nps.score ?? 0) - (kb.nps.score ?? 0)) * 100) / 100, z: change.z, significant: change.significant, method: "nps-z" };
  } else tests.nps = { difference: null, z: null, significant: false, method: "nps-z" };
  tests.timeToFund = { ...bootstrapMedianDifference(HOURS, a.ttf_hist, b.ttf_hist), method: "bootstrap-median" };
  tests.turnaroundTime = { ...bootstrapMedianDifference(HOURS, a.tat_hist, b.tat_hist), method: "bootstrap-median" };
  tests.averageHandleTime = { ...bootstrapMedianDifference(SECONDS, a.handle_hist, b.handle_hist), method: "bootstrap-median" };
  return { a: ka, b: kb, tests };
}

export type CompareInput = ReportInput & ({ compareFrom: string; compareTo: string } | { dimension: Dimension; a: string; b: string });

/**
 * Two periods ([from, to] against [compareFrom, compareTo], same filters) or two values of one
 * dimension over [from, to] (a and b replace any filter on that dimension).
 */
export async function kpiCompare(db: Db, tenantId: string, actor: Actor | null, input: CompareInput): Promise<KpiComparison> {
  const opts = { fundedWithinDays: input.fundedWithinDays };
  if ("dimension" in input) {
    const filters = { ...input.filters, [input.dimension]: [input.a, input.b] };
    const sums = await readRollups(db, { tenantId, actor, from: input.from, to: input.to, groupBy: input.dimension, filters });
    return compareSums(sums.get(input.a) ?? emptySums(), sums.get(input.b) ?? emptySums(), opts);
  }
  const read = (from: string, to: string) => readRollups(db, { tenantId, actor, from, to, groupBy: null, filters: input.filters });
  const [a, b] = await Promise.all([read(input.from, input.to), read(input.compareFrom, input.compareTo)]);
  return compareSums(a.get("") ?? emptySums(), b.get("") ?? emptySums(), opts);
}
