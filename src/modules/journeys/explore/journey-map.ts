/**
 * Journey maps: a product's definition (stages, touchpoints, steps) with what the fold counted at
 * each node, summed from kpi_touch over the range (whole months at grain month, edge days at grain
 * day, so every journey is counted once). Per node (kpi_touch counters, model/cube.ts): volume =
 * journeys that reached it; drop-off = journeys whose last node before abandoning it was this one,
 * as a share of volume; median hours from the journey start (histogram, model/buckets.ts HOURS);
 * NPS (adjusted-Wald interval), CSAT and CES of the survey answers tied to the node. Journeys
 * belong to the range by their start day, as every KPI.
 */
import { sql } from "kysely";
import type { Executor } from "../../../db";
import type { Actor } from "../../../kernel/access";
import { cesOf, csatOf, npsOf } from "../../feedback/stats";
import { HOURS, quantile } from "../model/buckets";
import { definitionFor, type JourneyDefinition, ruleMatches } from "../model/definition";
import { type DayRange, type Filters, touchWhere } from "./filters";
import { hours2, type Rate, wilson } from "./stats";

interface NodeSums {
  reached: number;
  dropped: number;
  hours: number[];
  nps: number[];
  csat: number[];
  ces: number[];
}

const empty = (): NodeSums => ({ reached: 0, dropped: 0, hours: [], nps: [], csat: [], ces: [] });

/** Every node's counters summed over the range and filters: two grouped queries, no rows to the app. */
export async function sumNodes(db: Executor, actor: Actor, f: Filters, range: DayRange): Promise<Map<string, NodeSums>> {
  const rows = db.selectFrom("kpi_touch").where(touchWhere(actor, f, range));
  const scalars = await rows.select(["node", sql<number>`sum(reached)::int8`.as("reached"), sql<number>`sum(dropped)::int8`.as("dropped")]).groupBy("node").execute();
  const hists = await sql<{ node: string; k: keyof NodeSums; i: number; x: number }>`
    select t.node, h.k, h.i::int4 as i, sum(h.x)::int8 as x
    from (${rows.select(["node", "hours_hist", "nps", "csat", "ces"])}) t
    cross join lateral (
      select 'hours' as k, u.x, u.i from unnest(t.hours_hist) with ordinality u(x, i)
      union all select 'nps', u.x, u.i from unnest(t.nps) with ordinality u(x, i)
      union all select 'csat', u.x, u.i from unnest(t.csat) with ordinality u(x, i)
      union all select 'ces', u.x, u.i from unnest(t.ces) with ordinality u(x, i)
    ) h
    where h.x <> 0
    group by t.node, h.k, h.i`.execute(db);
  const out = new Map<string, NodeSums>();
  const at = (node: string) => out.get(node) ?? (out.set(node, empty()).get(node) as NodeSums);
  for (const r of scalars) Object.assign(at(r.node), { reached: Number(r.reached), dropped: Number(r.dropped) });
  for (const r of hists.rows) {
    const h = at(r.node)[r.k] as number[];
    const i = Number(r.i) - 1;
    while (h.length <= i) h.push(0);
    h[i] = Number(r.x);
  }
  return out;
}

/** What every map node shows. */
function nodeStats(node: string, s: NodeSums) {
  const nps = npsOf(s.nps);
  const csat = csatOf(s.csat);
  const ces = cesOf(s.ces);
  return {
    node,
    volume: s.reached,
    dropOff: { count: s.dropped, share: s.reached > 0 ? s.dropped / s.reached : null },
    medianHours: hours2(quantile(HOURS, s.hours, 0.5)),
    nps: { score: nps.score, n: nps.n, promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors, interval95: nps.interval95 },
    csat: { score: csat.score, n: csat.n, scale: csat.scale },
    ces: { mean: ces.mean, agreePercent: ces.agreePercent, n: ces.n, scale: ces.scale },
  };
}
export type NodeStats = ReturnType<typeof nodeStats>;

const MAX_FIELDS = 5;

function steps(def: JourneyDefinition, sums: Map<string, NodeSums>) {
  const observed = [...sums.entries()].filter(([n]) => n.startsWith("step:")).map(([n, s]) => ({ id: n.slice(5), s }));
  const known = new Set(def.steps);
  const extra = observed.filter((o) => !known.has(o.id)).sort((a, b) => b.s.reached - a.s.reached || a.id.localeCompare(b.id));
  const ordered = [...def.steps.map((id) => ({ id, s: sums.get(`step:${id}`) ?? empty(), inDefinition: true })), ...extra.map((o) => ({ ...o, inDefinition: false }))];
  const fields = new Map<string, { field: string; node: string; dropped: number; reached: number }[]>();
  for (const [node, s] of sums) {
    if (!node.startsWith("field:") || s.dropped <= 0) continue;
    const rest = node.slice(6);
    const colon = rest.indexOf(":");
    if (colon < 0) continue;
    const step = rest.slice(0, colon);
    const list = fields.get(step) ?? (fields.set(step, []).get(step) as never[]);
    list.push({ field: rest.slice(colon + 1), node, dropped: s.dropped, reached: s.reached });
  }
  return ordered.map((o, i) => {
    const prev = i > 0 ? ordered[i - 1] : undefined;
    const completion: Rate | null = prev ? wilson(o.s.reached, prev.s.reached) : null;
    const top = (fields.get(o.id) ?? []).sort((a, b) => b.dropped - a.dropped || b.reached - a.reached || a.field.localeCompare(b.field)).slice(0, MAX_FIELDS);
    return { step: o.id, node: `step:${o.id}`, inDefinition: o.inDefinition, reached: o.s.reached, dropped: o.s.dropped, completionFromPrevious: completion, dropOffFields: top };
  });
}

function touchpoints(def: JourneyDefinition, sums: Map<string, NodeSums>) {
  const observed = [...sums.keys()].filter((n) => n.startsWith("touch:")).map((n) => n.slice(6));
  const claimed = new Set<string>();
  const out: (NodeStats & { event: string; label: string; channel: string | null; rule: number | null })[] = [];
  def.touchpoints.forEach((rule, index) => {
    // First matching rule wins, as in the fold: a later rule never shows an event an earlier one took.
    const mine = observed.filter((e) => !claimed.has(e) && ruleMatches(rule, e)).sort((a, b) => (sums.get(`touch:${b}`)?.reached ?? 0) - (sums.get(`touch:${a}`)?.reached ?? 0) || a.localeCompare(b));
    for (const e of mine) claimed.add(e);
    const events = mine.length > 0 || rule.event.endsWith("*") ? mine : [rule.event];
    for (const e of events) {
      out.push({ ...nodeStats(`touch:${e}`, sums.get(`touch:${e}`) ?? empty()), event: e, label: mine.length > 1 || rule.event.endsWith("*") ? e : (rule.label ?? e), channel: rule.channel ?? null, rule: index });
    }
  });
  for (const e of observed.filter((x) => !claimed.has(x)).sort()) out.push({ ...nodeStats(`touch:${e}`, sums.get(`touch:${e}`) ?? empty()), event: e, label: e, channel: null, rule: null });
  return out;
}

/** The product's journey map; `defs` are the bank's stored definitions (definitionFor picks one). */
export async function journeyMap(db: Executor, actor: Actor, product: string, f: Filters, range: DayRange, defs: ReadonlyMap<string, JourneyDefinition>) {
  const def = product === "*" ? (defs.get("*") ?? definitionFor(defs, "*")) : definitionFor(defs, product);
  const sums = await sumNodes(db, actor, { ...f, product }, range);
  const stageNames = [...def.stages, ...[...sums.keys()].filter((n) => n.startsWith("stage:") && !def.stages.includes(n.slice(6))).map((n) => n.slice(6)).sort()];
  return {
    product,
    from: range.from,
    to: range.to,
    definition: { product: def.product, name: def.name, builtIn: !defs.has(def.product) },
    stages: stageNames.map((m) => ({ ...nodeStats(`stage:${m}`, sums.get(`stage:${m}`) ?? empty()), milestone: m, inDefinition: def.stages.includes(m) })),
    touchpoints: touchpoints(def, sums),
    steps: steps(def, sums),
  };
}
