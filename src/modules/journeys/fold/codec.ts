/**
 * The stored form of a contribution (kpi_entities.contribution), compact because there is one per
 * journey, response, contact, request and customer (10M events ≈ 700k journeys): each distinct
 * (day, dimensions) key once; counters by their position in model/cube.ts's lists, zeros left out;
 * histograms sparse as [bucket, count, …]. A typical journey takes 300–600 bytes.
 *
 *   { "f": layout, "k": [[day, product, channel, device, segment, region, branch, agent, queue], …],
 *     "c": [[key, [counter, value, …], [hist, [bucket, count, …], …]], …],
 *     "t": [[key, node, [counter, value, …], [hist, [bucket, count, …], …]], …] }
 *
 * It is stored as a jsonb STRING holding that JSON text: a jsonb array of numbers takes about twice
 * the bytes of its text (measured: 1,253 B against 616 B per journey), and the fold only ever reads
 * it whole. The fold compares the texts to skip entities whose contribution did not change.
 *
 * `f` fingerprints the counter lists: positions would mean other counters after a change to
 * cube.ts, so decoding a stored contribution of another layout fails and asks for a rebuild.
 */
import { createHash } from "node:crypto";
import {
  type Contribution,
  type Counters,
  DIMENSIONS,
  type Dims,
  HIST_COUNTERS,
  SCALAR_COUNTERS,
  TOUCH_HISTS,
  TOUCH_SCALARS,
  type TouchCounters,
} from "../model/cube";

export const LAYOUT = createHash("sha1").update([SCALAR_COUNTERS, HIST_COUNTERS, TOUCH_SCALARS, TOUCH_HISTS, DIMENSIONS].map((l) => l.join(",")).join(";")).digest("hex").slice(0, 8);

type SparseHists = (number | number[])[];
type Cell = [number, number[], SparseHists?];
type Touch = [number, string, number[], SparseHists?];
export interface Stored {
  f: string;
  k: string[][];
  c?: Cell[];
  t?: Touch[];
}

export class LayoutChangedError extends Error {
  constructor() {
    super("Stored KPI contributions use another counter layout (model/cube.ts changed): run `atrium journeys rebuild` for each bank.");
    this.name = "LayoutChangedError";
  }
}

function encodeCounters(c: Record<string, unknown>, scalars: readonly string[], hists: readonly string[]): [number[], SparseHists] {
  const s: number[] = [];
  scalars.forEach((name, i) => {
    const v = c[name];
    if (typeof v === "number" && v !== 0) s.push(i, v);
  });
  const h: SparseHists = [];
  hists.forEach((name, i) => {
    const v = c[name];
    if (!Array.isArray(v)) return;
    const sparse: number[] = [];
    v.forEach((x, b) => {
      if (x) sparse.push(b, x);
    });
    if (sparse.length) h.push(i, sparse);
  });
  return [s, h];
}

function decodeCounters(s: number[], h: SparseHists | undefined, scalars: readonly string[], hists: readonly string[], sizes: Record<string, number>): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (let i = 0; i + 1 < s.length; i += 2) out[scalars[s[i] as number] as string] = s[i + 1] as number;
  for (let i = 0; h && i + 1 < h.length; i += 2) {
    const name = hists[h[i] as number] as string;
    const sparse = h[i + 1] as number[];
    let size = sizes[name] ?? 0;
    for (let j = 0; j < sparse.length; j += 2) size = Math.max(size, (sparse[j] as number) + 1);
    const dense = new Array<number>(size).fill(0);
    for (let j = 0; j + 1 < sparse.length; j += 2) dense[sparse[j] as number] = sparse[j + 1] as number;
    out[name] = dense;
  }
  return out;
}

export function encode(x: Contribution): Stored | null {
  if (x.cube.length === 0 && x.touch.length === 0) return null;
  const keys: string[][] = [];
  const index = new Map<string, number>();
  const keyOf = (day: string, dims: Dims): number => {
    const k = [day, ...DIMENSIONS.map((d) => dims[d])];
    const id = k.join("\u0001");
    let i = index.get(id);
    if (i === undefined) {
      i = keys.length;
      keys.push(k);
      index.set(id, i);
    }
    return i;
  };
  const out: Stored = { f: LAYOUT, k: keys };
  if (x.cube.length) {
    out.c = x.cube.map((cell) => {
      const [s, h] = encodeCounters(cell.counters, SCALAR_COUNTERS, HIST_COUNTERS);
      return h.length ? [keyOf(cell.day, cell.dims), s, h] : [keyOf(cell.day, cell.dims), s];
    });
  }
  if (x.touch.length) {
    out.t = x.touch.map((cell) => {
      const [s, h] = encodeCounters(cell.counters, TOUCH_SCALARS, TOUCH_HISTS);
      return h.length ? [keyOf(cell.day, cell.dims), cell.node, s, h] : [keyOf(cell.day, cell.dims), cell.node, s];
    });
  }
  return out;
}

/** A stored contribution: the JSON text of the encoding (kept as a jsonb string), or the encoding itself. */
export function decode(stored: unknown): Contribution {
  const value = typeof stored === "string" ? JSON.parse(stored) : stored;
  if (!value || typeof value !== "object") return { cube: [], touch: [] };
  const x = value as Stored;
  if (x.f !== LAYOUT) throw new LayoutChangedError();
  const key = (i: number) => {
    const k = x.k[i] as string[];
    const dims = {} as Dims;
    DIMENSIONS.forEach((d, j) => {
      dims[d] = k[j + 1] ?? "";
    });
    return { day: k[0] as string, dims };
  };
  return {
    cube: (x.c ?? []).map(([ki, s, h]) => ({ ...key(ki), counters: decodeCounters(s, h, SCALAR_COUNTERS, HIST_COUNTERS, {}) as Counters })),
    touch: (x.t ?? []).map(([ki, node, s, h]) => ({ ...key(ki), node, counters: decodeCounters(s, h, TOUCH_SCALARS, TOUCH_HISTS, {}) as TouchCounters })),
  };
}
