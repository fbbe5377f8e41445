/**
 * Applying a batch's changes to the rollups: every entity's new − old contribution is summed in
 * memory by row key first (cube and journey-map cells at both grains, margins: the total and one
 * row per dimension value, '' included), all-zero deltas dropped, then written with ONE multi-row
 * `insert … on conflict do update set c = t.c + excluded.c, h = kpi_add(t.h, excluded.h)` per
 * table, the rows passed as one JSON parameter (no per-row round trips, no parameter limits).
 */
import { sql } from "kysely";
import type { Executor } from "../../../db";
import type { Grain } from "../../../db/schema-journeys";
import { addHist } from "../model/buckets";
import { type Contribution, DIMENSIONS, type Dims, HIST_COUNTERS, periodOf, SCALAR_COUNTERS, TOUCH_HISTS, TOUCH_SCALARS } from "../model/cube";

type Acc = Record<string, number | number[]>;
const GRAINS: Grain[] = ["day", "month"];
const FLOATS = new Set(["ttf_sum", "ttd_sum", "tat_sum", "handle_sum", "hours_sum"]);

function accumulate(into: Acc, counters: Record<string, unknown>, sign: number) {
  for (const [k, v] of Object.entries(counters)) {
    if (typeof v === "number") into[k] = ((into[k] as number | undefined) ?? 0) + sign * v;
    else if (Array.isArray(v)) into[k] = addHist((into[k] as number[] | undefined) ?? [], sign === 1 ? v : v.map((x: number) => -x));
  }
}

const isZero = (acc: Acc) => Object.values(acc).every((v) => (typeof v === "number" ? v === 0 : v.every((x) => x === 0)));

interface CubeRow {
  grain: Grain;
  period: string;
  dims: Dims;
  acc: Acc;
}
interface MarginRow {
  grain: Grain;
  period: string;
  dim: string;
  value: string;
  acc: Acc;
}
interface TouchRow extends CubeRow {
  node: string;
}

function entry<T>(map: Map<string, T>, key: string, make: () => T): T {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

export class Deltas {
  readonly cube = new Map<string, CubeRow>();
  readonly margin = new Map<string, MarginRow>();
  readonly touch = new Map<string, TouchRow>();

  /** Adds (sign 1) or takes away (sign −1) one entity's contribution. */
  add(x: Contribution, sign: 1 | -1): void {
    for (const cell of x.cube) {
      const dimKey = DIMENSIONS.map((d) => cell.dims[d]).join("\u0001");
      for (const grain of GRAINS) {
        const period = periodOf(cell.day, grain);
        const ck = `${grain}\u0001${period}\u0001${dimKey}`;
        accumulate(entry(this.cube, ck, () => ({ grain, period, dims: cell.dims, acc: {} })).acc, cell.counters, sign);
        for (const [dim, value] of [["", ""], ...DIMENSIONS.map((d) => [d, cell.dims[d]])] as [string, string][]) {
          const mk = `${grain}\u0001${period}\u0001${dim}\u0001${value}`;
          accumulate(entry(this.margin, mk, () => ({ grain, period, dim, value, acc: {} })).acc, cell.counters, sign);
        }
      }
    }
    for (const cell of x.touch) {
      const dimKey = DIMENSIONS.map((d) => cell.dims[d]).join("\u0001");
      for (const grain of GRAINS) {
        const period = periodOf(cell.day, grain);
        const tk = `${grain}\u0001${period}\u0001${dimKey}\u0001${cell.node}`;
        accumulate(entry(this.touch, tk, () => ({ grain, period, dims: cell.dims, node: cell.node, acc: {} })).acc, cell.counters, sign);
      }
    }
  }

  /** Rows with a change, for the upserts. */
  rows() {
    const live = <T extends { acc: Acc }>(m: Map<string, T>) => [...m.entries()].filter(([, r]) => !isZero(r.acc)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
    return { cube: live(this.cube), margin: live(this.margin), touch: live(this.touch) };
  }
}

const colType = (name: string, hists: readonly string[]) => (hists.includes(name) ? "int4[]" : FLOATS.has(name) ? "float8" : "int4");

/** One upsert of `rows` into `table`; keyCols are text columns (besides tenant_id, grain, period). */
async function upsert(db: Executor, table: string, tenantId: string, keyCols: string[], scalars: readonly string[], hists: readonly string[], rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const counters = [...scalars, ...hists];
  const recordset = ["grain text", "period date", ...keyCols.map((k) => `${k} text`), ...counters.map((c) => `${c} ${colType(c, hists)}`)].join(", ");
  const select = [
    "x.grain",
    "x.period",
    ...keyCols.map((k) => `x.${k}`),
    ...scalars.map((c) => `coalesce(x.${c}, 0)`),
    ...hists.map((c) => `coalesce(x.${c}, '{}')`),
  ].join(", ");
  const sets = [
    ...scalars.map((c) => `${c} = t.${c} + excluded.${c}`),
    // kpi_add only where the batch changed the histogram: most rows change a few of them.
    ...hists.map((c) => `${c} = case when cardinality(excluded.${c}) = 0 then t.${c} else kpi_add(t.${c}, excluded.${c}) end`),
  ].join(", ");
  const cols = ["tenant_id", "grain", "period", ...keyCols, ...counters].join(", ");
  const conflict = ["tenant_id", "grain", "period", ...keyCols].join(", ");
  await sql`insert into ${sql.raw(table)} as t (${sql.raw(cols)})
    select ${tenantId}::uuid, ${sql.raw(select)}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(recordset)})
    on conflict (${sql.raw(conflict)}) do update set ${sql.raw(sets)}`.execute(db);
}

/** Writes the batch's deltas: one statement per table. */
export async function applyDeltas(db: Executor, tenantId: string, d: Deltas): Promise<{ cube: number; margin: number; touch: number }> {
  const { cube, margin, touch } = d.rows();
  const dims = [...DIMENSIONS];
  await upsert(db, "kpi_cube", tenantId, dims, SCALAR_COUNTERS, HIST_COUNTERS, cube.map((r) => ({ grain: r.grain, period: r.period, ...r.dims, ...r.acc })));
  await upsert(db, "kpi_margin", tenantId, ["dim", "value"], SCALAR_COUNTERS, HIST_COUNTERS, margin.map((r) => ({ grain: r.grain, period: r.period, dim: r.dim, value: r.value, ...r.acc })));
  await upsert(db, "kpi_touch", tenantId, [...dims, "node"], TOUCH_SCALARS, TOUCH_HISTS, touch.map((r) => ({ grain: r.grain, period: r.period, ...r.dims, node: r.node, ...r.acc })));
  return { cube: cube.length, margin: margin.length, touch: touch.length };
}
