/**
 * Histogram layouts of the KPI rollups. Percentiles (median, p90) come from these: exact counts per
 * bucket, linear interpolation inside the bucket that holds the rank, so a reported median is off
 * by at most one bucket's width (≤ 25 % of the value for durations) and usually far less. Means
 * come from exact sums, never from buckets. Changing a layout needs a rebuild of the rollups.
 */

export interface Layout {
  /** Number of buckets. */
  size: number;
  /** The bucket a value falls in (0-based). */
  bucket(value: number): number;
  /** The bucket's [low, high) bounds; the last bucket's high is its low × ratio (an estimate). */
  bounds(index: number): [number, number];
}

/** Geometric buckets: [0, first), then [first·r^k, first·r^(k+1)), the last open-ended. */
function geometric(first: number, ratio: number, size: number): Layout {
  const lnR = Math.log(ratio);
  return {
    size,
    bucket(value) {
      if (!(value >= first)) return 0;
      return Math.min(size - 1, 1 + Math.floor(Math.log(value / first) / lnR + 1e-9));
    },
    bounds(index) {
      if (index <= 0) return [0, first];
      return [first * ratio ** (index - 1), first * ratio ** index];
    },
  };
}

/** Durations in hours (time to fund, to decision, turnaround, to follow-up): 15 min … past a year. */
export const HOURS = geometric(0.25, 1.25, 49);
/** Contact handle time in seconds: 10 s … about 3 hours. */
export const SECONDS = geometric(10, 1.25, 33);
/** Touchpoints per journey: 0 … 30 exactly, then 31 and more. */
export const TOUCHES: Layout = {
  size: 32,
  bucket: (v) => Math.max(0, Math.min(31, Math.floor(v))),
  bounds: (i) => [i, i + 1],
};
/** Answer scales: NPS 0–10 (index = score), CSAT 1–5 and CES 1–7 (index = score − 1). */
export const NPS_SIZE = 11;
export const CSAT_SIZE = 5;
export const CES_SIZE = 7;

/** A one-value histogram of a layout (what one journey contributes). */
export function one(layout: Layout, value: number): number[] {
  const h = new Array<number>(layout.size).fill(0);
  h[layout.bucket(value)] = 1;
  return h;
}

/** Element-wise a + b (lengths may differ; missing elements count 0), as kpi_add does in SQL. */
export function addHist(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return out;
}

/**
 * The q-quantile (0..1) of a histogram: the bucket holding rank q·n, interpolated linearly inside
 * it. null when the histogram is empty.
 */
export function quantile(layout: Layout, hist: readonly number[], q: number): number | null {
  let n = 0;
  for (const c of hist) n += c;
  if (n <= 0) return null;
  const rank = q * n;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const c = hist[i] ?? 0;
    if (c <= 0) continue;
    if (seen + c >= rank) {
      const [lo, hi] = layout.bounds(i);
      const within = c === 0 ? 0 : (rank - seen) / c;
      return lo + (hi - lo) * Math.min(1, Math.max(0, within));
    }
    seen += c;
  }
  const [lo] = layout.bounds(hist.length - 1);
  return lo;
}

/** Share (0..1) of the histogram's values below `limit` (bucket-exact where limit is an edge; interpolated otherwise). */
export function shareBelow(layout: Layout, hist: readonly number[], limit: number): number | null {
  let n = 0;
  let below = 0;
  for (let i = 0; i < hist.length; i++) {
    const c = hist[i] ?? 0;
    n += c;
    const [lo, hi] = layout.bounds(i);
    if (hi <= limit) below += c;
    else if (lo < limit) below += (c * (limit - lo)) / (hi - lo);
  }
  return n > 0 ? below / n : null;
}
