/**
 * Conversion funnels (kpis.md "Conversion rate"): ordered steps, each a journey-map node as the
 * fold records it in journeys.reached (node → first time reached). Unit: journey; cohort: journeys
 * started in the range that reached step 1. A journey enters step k when it entered step k − 1,
 * reached step k no earlier than step k − 1, and no later than step 1 + the conversion window
 * (a step at exactly the window's end counts). Only first reach times are kept, so a journey that
 * first reached a step before the previous one does not count there even if it came back later.
 * Computed over the journeys table in one aggregate query (exact medians), never over raw events.
 */
import { sql } from "kysely";
import type { Executor } from "../../../db";
import type { Actor } from "../../../kernel/access";
import { AppError, type FieldIssue } from "../../../kernel/errors";
import { type DayRange, type Filters, isEventName, journeyWhere } from "./filters";
import { hours2, type Rate, wilson } from "./stats";

export const MIN_STEPS = 2;
export const MAX_STEPS = 10;

const MILESTONE = /^[a-z][a-z0-9_]{0,39}$/;
const STEP_ID = /^[A-Za-z0-9_.-]{1,80}$/;

/**
 * A step name as the journeys.reached node: "started" (a milestone) = "stage:started";
 * "stage:<m>", "step:<id>" and "event:<name>" as they are. null when the shape is unknown.
 */
export function nodeOf(step: string): string | null {
  if (MILESTONE.test(step)) return `stage:${step}`;
  const colon = step.indexOf(":");
  if (colon < 0) return null;
  const kind = step.slice(0, colon);
  const rest = step.slice(colon + 1);
  if (kind === "stage" && MILESTONE.test(rest)) return step;
  if (kind === "step" && STEP_ID.test(rest)) return step;
  if (kind === "event" && isEventName(rest)) return step;
  return null;
}

/** Parses `steps=a,b,c`: 2–10 known shapes, no repeats; problems name `query.steps[.i]`. */
export function parseSteps(raw: string): { step: string; node: string }[] {
  const steps = raw.split(",").map((s) => s.trim());
  const issues: FieldIssue[] = [];
  if (steps.length < MIN_STEPS || steps.length > MAX_STEPS) {
    issues.push({ path: "query.steps", message: `needs ${MIN_STEPS}–${MAX_STEPS} steps, has ${steps.length}`, code: steps.length < MIN_STEPS ? "too_small" : "too_big", params: { minimum: MIN_STEPS, maximum: MAX_STEPS } });
  }
  const seen = new Set<string>();
  const out = steps.map((step, i) => {
    const node = nodeOf(step);
    if (!node) issues.push({ path: `query.steps.${i}`, message: 'is not a milestone, "stage:<m>", "step:<id>" or "event:<name>"', code: "invalid_step" });
    else if (seen.has(node)) issues.push({ path: `query.steps.${i}`, message: "repeats an earlier step", code: "duplicate" });
    if (node) seen.add(node);
    return { step, node: node ?? "" };
  });
  if (issues.length) throw new AppError("validation_failed", `${issues.length} problem(s) with query.steps`, { issues });
  return out;
}

export interface FunnelStep {
  index: number;
  step: string;
  node: string;
  entered: number;
  conversionFromFirst: Rate;
  conversionFromPrevious: Rate | null;
  /** Hours from the previous step (null for step 1 or when nobody entered). */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface Funnel {
  from: string;
  to: string;
  windowDays: number;
  steps: FunnelStep[];
  /** The last step's conversion from the first. */
  overall: Rate;
  /** The step that lost the most journeys from the step before it (the first such on a tie); null when none lost any. */
  dropOffStep: { index: number; step: string; lost: number; share: number | null } | null;
}

interface Counts {
  entered: number[];
  median: (number | null)[];
  p90: (number | null)[];
}

async function countSteps(db: Executor, actor: Actor, f: Filters, range: DayRange, nodes: string[], windowDays: number): Promise<Counts> {
  const t = (i: number) => sql.ref(`t${i + 1}`);
  // Each node's time is read once per journey in a materialized CTE: inlined, every reference
  // below would re-extract it from the jsonb (measured on a million journeys: about 3× slower).
  const base = db
    .selectFrom("journeys")
    .where(journeyWhere(actor, f, range))
    .select(nodes.map((node, i) => sql<Date>`(journeys.reached->>${node})::timestamptz`.as(`t${i + 1}`)));
  // ok_k: entered every earlier step in order, and reached step k inside the window from step 1.
  const ok = (k: number) => sql.join([...Array.from({ length: k }, (_, i) => sql`${t(i + 1)} >= ${t(i)}`), sql`${t(k)} <= t1 + ${windowDays} * interval '1 day'`], sql` and `);
  // Hours from the previous step, null unless entered: percentile_cont skips nulls.
  const perRow = [sql`t1`];
  const columns = [sql`count(*)::int8 as e1`];
  for (let k = 1; k < nodes.length; k++) {
    const [okK, hK] = [sql.ref(`ok${k + 1}`), sql.ref(`h${k + 1}`)];
    perRow.push(sql`coalesce(${ok(k)}, false) as ${okK}`, sql`case when ${ok(k)} then date_part('epoch', ${t(k)} - ${t(k - 1)}) / 3600 end as ${hK}`);
    columns.push(
      sql`(count(*) filter (where ${okK}))::int8 as ${sql.ref(`e${k + 1}`)}`,
      // Median and p90 from one sort.
      sql`percentile_cont(array[0.5, 0.9]::float8[]) within group (order by ${hK}) as ${sql.ref(`q${k + 1}`)}`,
    );
  }
  const { rows } = await sql<Record<string, number | string | (number | null)[] | null>>`
    with b as materialized (${base})
    select ${sql.join(columns)} from (select ${sql.join(perRow)} from b where t1 is not null) s`.execute(db);
  const row = rows[0] ?? {};
  const num = (v: unknown) => (v === null || v === undefined || Array.isArray(v) ? null : Number(v));
  return {
    entered: nodes.map((_, i) => num(row[`e${i + 1}`]) ?? 0),
    median: nodes.map((_, i) => num((row[`q${i + 1}`] as (number | null)[] | null)?.[0])),
    p90: nodes.map((_, i) => num((row[`q${i + 1}`] as (number | null)[] | null)?.[1])),
  };
}

export async function computeFunnel(db: Executor, actor: Actor, f: Filters, range: DayRange, steps: { step: string; node: string }[], windowDays: number): Promise<Funnel> {
  const c = await countSteps(db, actor, f, range, steps.map((s) => s.node), windowDays);
  const first = c.entered[0] ?? 0;
  const out: FunnelStep[] = steps.map((s, i) => ({
    index: i + 1,
    step: s.step,
    node: s.node,
    entered: c.entered[i] ?? 0,
    conversionFromFirst: wilson(c.entered[i] ?? 0, first),
    conversionFromPrevious: i === 0 ? null : wilson(c.entered[i] ?? 0, c.entered[i - 1] ?? 0),
    medianHours: hours2(c.median[i] ?? null),
    p90Hours: hours2(c.p90[i] ?? null),
  }));
  let drop: Funnel["dropOffStep"] = null;
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1] as FunnelStep;
    const cur = out[i] as FunnelStep;
    const lost = prev.entered - cur.entered;
    if (lost > 0 && (!drop || lost > drop.lost)) drop = { index: cur.index, step: cur.step, lost, share: prev.entered ? lost / prev.entered : null };
  }
  const last = out[out.length - 1] as FunnelStep;
  return { from: range.from, to: range.to, windowDays, steps: out, overall: last.conversionFromFirst, dropOffStep: drop };
}
