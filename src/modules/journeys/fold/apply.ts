/**
 * Applying a batch's changes to the rollups: every entity's new − old contribution is summed in
 * memory by row key first (cube and journey-map cells at both grains, margins: the total and one
 * row per dimension value, '' included), all-zero deltas dropped, then written with ONE multi-row
 * `insert … on conflict do update set c = t.c + excluded.c, h = array[t.h[1] + excluded.h[1], …]`
 * per table, the rows passed as one `json` parameter (no per-row round trips, no parameter limits).
 * Histograms are added element by element inline, to their layout's fixed size: the kpi_add SQL
 * function does the same at ~37 µs a call against ~4 µs inline (measured, 49 buckets), and an
 * upsert adds one to three histograms a row.
 */
import { sql } from "kysely";
import type { Executor } from "../../../db";
import type { Grain } from "../../../db/schema-journeys";
import { type Contribution, DIMENSIONS, type Dims, HIST_COUNTERS, HIST_SIZES, periodOf, SCALAR_COUNTERS, TOUCH_HISTS, TOUCH_SCALARS } from "../model/cube";

type Acc = Record<string, number | number[]>;
const GRAINS: Grain[] = ["day", "month"];
const FLOATS = new Set(["ttf_sum", "ttd_sum", "tat_sum", "handle_sum", "hours_sum"]);

/** into += sign × counters, histograms added in place (this runs ~60 times per journey in a batch). */
function accumulate(into: Acc, counters: Record<string, unknown>, sign: number) {
  for (const k in counters) {
    const v = counters[k];
    if (typeof v === "number") into[k] = ((into[k] as number | undefined) ?? 0) + sign * v;
    else if (Array.isArray(v)) {
      let h = into[k] as number[] | undefined;
      if (!h) {
        h = [];
        into[k] = h;
      }
      for (let i = 0; i < v.length; i++) {
        const x = v[i] as number;
        if (x !== 0 || i >= h.length) h[i] = (h[i] ?? 0) + sign * x;
      }
    }
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
  /** By (day, dimensions): months and margins are derived from these once, in rows(). */
  private readonly cells = new Map<string, { day: string; dims: Dims; acc: Acc }>();
  private readonly nodes = new Map<string, { day: string; dims: Dims; node: string; acc: Acc }>();

  /** Adds (sign 1) or takes away (sign −1) one entity's contribution. */
  add(x: Contribution, sign: 1 | -1): void {
    for (const cell of x.cube) {
      const key = `${cell.day}\u0001${DIMENSIONS.map((d) => cell.dims[d]).join("\u0001")}`;
      accumulate(entry(this.cells, key, () => ({ day: cell.day, dims: cell.dims, acc: {} })).acc, cell.counters, sign);
    }
    for (const cell of x.touch) {
      const key = `${cell.day}\u0001${DIMENSIONS.map((d) => cell.dims[d]).join("\u0001")}\u0001${cell.node}`;
      accumulate(entry(this.nodes, key, () => ({ day: cell.day, dims: cell.dims, node: cell.node, acc: {} })).acc, cell.counters, sign);
    }
  }

  /** Rows with a change, for the upserts: cube and map cells at both grains, margins (total and per dimension value). */
  rows() {
    const cube = new Map<string, CubeRow>();
    const margin = new Map<string, MarginRow>();
    const touch = new Map<string, TouchRow>();
    for (const [key, c] of this.cells) {
      if (isZero(c.acc)) continue;
      const dimKey = key.slice(c.day.length);
      for (const grain of GRAINS) {
        const period = periodOf(c.day, grain);
        accumulate(entry(cube, `${grain}\u0001${period}${dimKey}`, () => ({ grain, period, dims: c.dims, acc: {} })).acc, c.acc, 1);
        for (const [dim, value] of [["", ""], ...DIMENSIONS.map((d) => [d, c.dims[d]])] as [string, string][]) {
          accumulate(entry(margin, `${grain}\u0001${period}\u0001${dim}\u0001${value}`, () => ({ grain, period, dim, value, acc: {} })).acc, c.acc, 1);
        }
      }
    }
    for (const [key, c] of this.nodes) {
      if (isZero(c.acc)) continue;
      for (const grain of GRAINS) {
        const period = periodOf(c.day, grain);
        accumulate(entry(touch, `${grain}\u0001${period}${key.slice(c.day.length)}`, () => ({ grain, period, dims: c.dims, node: c.node, acc: {} })).acc, c.acc, 1);
      }
    }
    const live = <T extends { acc: Acc }>(m: Map<string, T>) =>
      [...m.entries()]
        .filter(([, r]) => !isZero(r.acc))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, r]) => r);
    return { cube: live(cube), margin: live(margin), touch: live(touch) };
  }
}

const colType = (name: string, hists: readonly string[]) => (hists.includes(name) ? "int4[]" : FLOATS.has(name) ? "float8" : "int4");

/** `a + b` element by element to `size` elements (a missing element counts 0), as one array expression. */
export function histSum(a: string, b: string, size: number): string {
  const terms: string[] = [];
  for (let i = 1; i <= size; i++) terms.push(`coalesce(${a}[${i}], 0) + coalesce(${b}[${i}], 0)`);
  return `array[${terms.join(", ")}]::int4[]`;
}

/**
 * JSON.stringify replacer: a histogram goes as a PostgreSQL array literal without its trailing
 * zeros ("{0,0,1}"), parsed by int4[]'s own input function. Measured on a batch's 6,469 journey-map
 * rows: `$1::jsonb` with number arrays 135 ms, `$1::json` with literals 60–80 ms (jsonb turns every
 * number into a numeric first).
 */
function arrayLiteral(this: unknown, key: string, value: unknown): unknown {
  // The rows array itself (key "") and its elements stay as they are: only a row's fields convert.
  if (key === "" || Array.isArray(this) || !Array.isArray(value)) return value;
  let n = value.length;
  while (n > 0 && value[n - 1] === 0) n--;
  return `{${value.slice(0, n).join(",")}}`;
}

function sizeOf(column: string): number {
  const size = (HIST_SIZES as Record<string, number>)[column];
  if (size === undefined) throw new Error(`no histogram layout for ${column}`);
  return size;
}

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
    // Added only where the batch changed the histogram: most rows change a few of them.
    ...hists.map((c) => `${c} = case when cardinality(excluded.${c}) = 0 then t.${c} else ${histSum(`t.${c}`, `excluded.${c}`, sizeOf(c))} end`),
  ].join(", ");
  const cols = ["tenant_id", "grain", "period", ...keyCols, ...counters].join(", ");
  const conflict = ["tenant_id", "grain", "period", ...keyCols].join(", ");
  await sql`insert into ${sql.raw(table)} as t (${sql.raw(cols)})
    select ${tenantId}::uuid, ${sql.raw(select)}
    from json_to_recordset(${JSON.stringify(rows, arrayLiteral)}::json) as x(${sql.raw(recordset)})
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
