/**
 * Reading the KPI rollups (kpi_cube, kpi_margin; model/cube.ts says what each counter counts).
 * Queries never scan journey events: a date range is split into whole months (grain 'month' rows)
 * and the edge days around them (grain 'day' rows), and ONE statement sums the counters per group —
 * scalars with sum(), histograms element-wise with sum(h[i]) per bucket (no unnest: the planner
 * keeps a plain hash aggregate). Conversion to KPIs happens in JS (compute.ts).
 */
import { type ExpressionBuilder, type RawBuilder, sql } from "kysely";
import type { Db } from "../../../db";
import type { DB } from "../../../db/schema";
import { type Actor, scopeFilter } from "../../../kernel/access";
import { CES_SIZE, CSAT_SIZE, HOURS, NPS_SIZE, SECONDS, TOUCHES } from "../model/buckets";
import { DIMENSIONS, type Dimension, SCALAR_COUNTERS, type ScalarCounter } from "../model/cube";

export const TIME_BUCKETS = ["day", "week", "month", "quarter"] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];
export type GroupBy = Dimension | TimeBucket;
export const GROUP_BYS = [...DIMENSIONS, ...TIME_BUCKETS] as const;
export const isTimeBucket = (g: GroupBy | null): g is TimeBucket => g !== null && (TIME_BUCKETS as readonly string[]).includes(g);

/** Filters: the values each dimension may take ('' = not recorded); an absent or empty list = any. */
export type Filters = Partial<Record<Dimension, string[]>>;

/**
 * The histograms a report reads and their layouts' sizes. fu_hist (time to follow-up) is not read:
 * no KPI of the report shows it.
 */
export const HISTS = {
  touch_hist: TOUCHES.size,
  ttf_hist: HOURS.size,
  ttd_hist: HOURS.size,
  tat_hist: HOURS.size,
  handle_hist: SECONDS.size,
  nps: NPS_SIZE,
  csat: CSAT_SIZE,
  ces: CES_SIZE,
} as const;
export type ReadHist = keyof typeof HISTS;

/** The summed counters of one group (or the total). */
export type Sums = Record<ScalarCounter, number> & Record<ReadHist, number[]>;

export const emptySums = (): Sums => {
  const s = {} as Record<string, number | number[]>;
  for (const c of SCALAR_COUNTERS) s[c] = 0;
  for (const [h, size] of Object.entries(HISTS)) s[h] = new Array<number>(size).fill(0);
  return s as Sums;
};

/** a += b, in place. */
export function addSums(a: Sums, b: Sums): Sums {
  for (const c of SCALAR_COUNTERS) a[c] += b[c];
  for (const h of Object.keys(HISTS) as ReadHist[]) {
    const x = a[h];
    b[h].forEach((v, i) => {
      x[i] = (x[i] ?? 0) + v;
    });
  }
  return a;
}

// ---- the date range ----

const DAY_MS = 86_400_000;
const toDate = (d: string) => new Date(`${d}T00:00:00Z`);
const iso = (t: Date) => t.toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => iso(new Date(toDate(d).getTime() + n * DAY_MS));
const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
const nextMonth = (d: string) => {
  const t = toDate(monthStart(d));
  return iso(new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1)));
};

export interface PeriodPlan {
  /** Whole months [first, last] (their first days), read at grain 'month'. */
  months: [string, string] | null;
  /** Inclusive day ranges read at grain 'day'. */
  days: Array<[string, string]>;
}

/**
 * Whole calendar months inside [from, to] come from month rows (30× fewer rows); the days before
 * the first and after the last whole month from day rows. With `daysOnly` (groupBy day or week,
 * whose buckets cut across months) every day is read from day rows.
 */
export function splitPeriod(from: string, to: string, daysOnly = false): PeriodPlan {
  if (daysOnly) return { months: null, days: [[from, to]] };
  const first = from.endsWith("-01") ? from : nextMonth(from);
  const afterTo = addDays(to, 1);
  // The last whole month: the month of `to` when `to` is its last day, else the month before.
  const last = afterTo.endsWith("-01") ? monthStart(to) : monthStart(addDays(monthStart(to), -1));
  if (first > last) return { months: null, days: [[from, to]] };
  const days: Array<[string, string]> = [];
  if (from < first) days.push([from, addDays(first, -1)]);
  const end = addDays(nextMonth(last), -1);
  if (end < to) days.push([addDays(end, 1), to]);
  return { months: [first, last], days };
}

// ---- the statement ----

export interface RollupQuery {
  tenantId: string;
  from: string;
  to: string;
  groupBy: GroupBy | null;
  filters: Filters;
  /** The acting user or key (its data scope applies); null = the whole tenant (the CLI). */
  actor: Actor | null;
}

/** The select list: every scalar summed, every read histogram summed per bucket into one array. */
const AGGREGATES = [
  ...SCALAR_COUNTERS.map((c) => sql<number>`sum(${sql.ref(c)})::float8`.as(c)),
  ...Object.entries(HISTS).map(([h, size]) => sql.raw<number[]>(`array[${Array.from({ length: size }, (_, i) => `sum(${h}[${i + 1}])`).join(", ")}]::float8[]`).as(h)),
];

/** The group key as text: a dimension's value, or a time bucket's first day (ISO week: Monday). */
function keyExpression(groupBy: GroupBy | null, dimColumn: string): RawBuilder<string> {
  if (groupBy === null) return sql<string>`''`;
  if (groupBy === "day") return sql<string>`to_char(period, 'YYYY-MM-DD')`;
  if (isTimeBucket(groupBy)) return sql<string>`to_char(date_trunc(${sql.lit(groupBy)}, period::timestamp), 'YYYY-MM-DD')`;
  return sql<string>`${sql.ref(dimColumn)}`;
}

function periodWhere(plan: PeriodPlan) {
  return (eb: ExpressionBuilder<DB, "kpi_cube" | "kpi_margin">) => {
    const parts = [];
    if (plan.months) parts.push(eb.and([eb("grain", "=", "month"), eb("period", ">=", plan.months[0]), eb("period", "<=", plan.months[1])]));
    for (const [a, b] of plan.days) parts.push(eb.and([eb("grain", "=", "day"), eb("period", ">=", a), eb("period", "<=", b)]));
    return eb.or(parts);
  };
}

interface Row extends Record<string, unknown> {
  key: string;
}

function toSums(row: Row): Sums {
  const s = emptySums();
  for (const c of SCALAR_COUNTERS) s[c] = Number(row[c] ?? 0);
  for (const h of Object.keys(HISTS) as ReadHist[]) {
    const arr = (row[h] as Array<number | string | null> | null) ?? [];
    s[h] = s[h].map((_, i) => Number(arr[i] ?? 0));
  }
  return s;
}

const activeFilters = (filters: Filters) => (Object.entries(filters) as Array<[Dimension, string[] | undefined]>).filter(([, v]) => v && v.length > 0) as Array<[Dimension, string[]]>;

/**
 * The margin dimension that can answer, or null when only the cube can. Scoped readers never read
 * margins (a margin row mixes every region and branch). A margin row of dim d holds exactly the
 * cells whose d has that value, so margins answer a query that involves at most one dimension:
 * grouped by d (optionally filtered on d), or filtered on d alone (total or time buckets), or
 * neither (dim '', the total).
 */
export function marginDimension(q: RollupQuery): Dimension | "" | null {
  if (q.actor && q.actor.scope !== "tenant") return null;
  const filtered = activeFilters(q.filters).map(([d]) => d);
  const grouped = q.groupBy !== null && !isTimeBucket(q.groupBy) ? q.groupBy : null;
  const dims = new Set<Dimension>([...filtered, ...(grouped ? [grouped] : [])]);
  if (dims.size > 1) return null;
  return [...dims][0] ?? "";
}

/** Sums per group key (one statement). Groups with no rows are absent; no groupBy → the key ''. */
export async function readRollups(db: Db, q: RollupQuery): Promise<Map<string, Sums>> {
  const plan = splitPeriod(q.from, q.to, q.groupBy === "day" || q.groupBy === "week");
  let rows: Row[];
  const dim = marginDimension(q);
  if (dim !== null) {
    const only = dim ? (q.filters[dim] ?? []) : [];
    rows = (await db
      .selectFrom("kpi_margin")
      .select(keyExpression(q.groupBy, "value").as("key"))
      .select(AGGREGATES)
      .where("tenant_id", "=", q.tenantId)
      .where("dim", "=", dim)
      .where(periodWhere(plan))
      .$if(only.length > 0, (qb) => qb.where("value", "in", only))
      .groupBy(sql`1`)
      .execute()) as Row[];
  } else {
    let qb = db
      .selectFrom("kpi_cube")
      .select(keyExpression(q.groupBy, q.groupBy ?? "").as("key"))
      .select(AGGREGATES)
      .where("tenant_id", "=", q.tenantId)
      .where(periodWhere(plan));
    for (const [dim, values] of activeFilters(q.filters)) qb = qb.where(dim, "in", values);
    if (q.actor) qb = qb.where(scopeFilter(q.actor, { region: "region", branch: "branch", owner: "agent" }));
    rows = (await qb.groupBy(sql`1`).execute()) as Row[];
  }
  const out = new Map<string, Sums>();
  for (const row of rows) out.set(String(row.key ?? ""), toSums(row));
  return out;
}
