/**
 * Statistics of the KPI engine, as /work/shared/guide/kpis.md defines them: Wilson intervals for
 * rates, the pooled two-proportion z-test, and a bootstrap interval of the difference of two
 * medians drawn from the rollups' histograms. NPS (adjusted Wald) is the feedback module's
 * (feedback/stats.ts), so a survey summary and a KPI report can never disagree.
 */
import { type Layout, quantile } from "../model/buckets";

/** The 97.5th percentile of the standard normal: every interval here is 95 %. */
export const Z95 = 1.96;

export const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export interface Rate {
  /** k ÷ n, null when n = 0. */
  value: number | null;
  low: number | null;
  high: number | null;
  /** The denominator. */
  n: number;
}

/**
 * k of n with its Wilson score 95 % interval (good at small n and near 0 or 1, where the Wald
 * interval leaves [0, 1]). Four decimals: a share of a bank's journeys needs no more.
 */
export function wilson(k: number, n: number): Rate {
  if (!(n > 0)) return { value: null, low: null, high: null, n: 0 };
  const p = k / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { value: round(p, 4), low: round(Math.max(0, centre - half), 4), high: round(Math.min(1, centre + half), 4), n };
}

export interface ProportionTest {
  /** p₁ − p₂, null when either side has no denominator. */
  difference: number | null;
  z: number | null;
  significant: boolean;
}

/**
 * Two-proportion z-test with the pooled proportion: z = (p₁ − p₂) / sqrt(p(1 − p)(1/n₁ + 1/n₂)),
 * significant when |z| > 1.96. When both shares are 0 or both 1 there is no variance: z = 0.
 */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): ProportionTest {
  if (!(n1 > 0 && n2 > 0)) return { difference: null, z: null, significant: false };
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se > 0 ? (p1 - p2) / se : 0;
  return { difference: round(p1 - p2, 4), z: round(z, 2), significant: Math.abs(z) > Z95 };
}

/** mulberry32: a small seeded PRNG, so a bootstrap gives the same interval for the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), Number.MIN_VALUE);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/**
 * A Binomial(n, p) draw: by inversion while the expected count is small (exact), by the normal
 * approximation once n·p·(1 − p) ≥ 25 (where its error is far below one histogram bucket).
 */
function binomial(n: number, p: number, rand: () => number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const v = n * p * (1 - p);
  if (v >= 25) return Math.max(0, Math.min(n, Math.round(n * p + Math.sqrt(v) * normal(rand))));
  // Inversion, walking the pmf from 0: P(k+1) = P(k)·(n − k)/(k + 1)·p/(1 − p).
  const q = 1 - p;
  let pk = q ** n;
  if (pk === 0) return Math.max(0, Math.min(n, Math.round(n * p + Math.sqrt(v) * normal(rand))));
  let u = rand();
  let k = 0;
  while (u > pk && k < n) {
    u -= pk;
    pk *= ((n - k) / (k + 1)) * (p / q);
    k += 1;
  }
  return k;
}

/**
 * One bootstrap resample of a histogram: n values drawn with replacement are a multinomial draw of
 * the bucket counts, made as successive conditional binomials (cost per resample: one draw per
 * bucket, whatever n is — a year of funded journeys resamples as fast as ten).
 */
function resample(hist: readonly number[], n: number, rand: () => number): number[] {
  const out = new Array<number>(hist.length).fill(0);
  let left = n;
  let mass = n;
  for (let i = 0; i < hist.length && left > 0; i++) {
    const c = hist[i] ?? 0;
    if (c <= 0) continue;
    const k = i === hist.length - 1 || c >= mass ? left : binomial(left, c / mass, rand);
    out[i] = k;
    left -= k;
    mass -= c;
  }
  return out;
}

export interface MedianTest {
  /** median₁ − median₂ (from the histograms), null when either side is empty. */
  difference: number | null;
  /** Bootstrap percentile 95 % interval of the difference. */
  interval: [number, number] | null;
  /** The interval excludes 0. */
  significant: boolean;
}

/**
 * Difference of two medians with a bootstrap percentile interval: each side's histogram is
 * resampled (`resamples` times, a fixed seed so the same data always gives the same interval), the
 * median of every resample read from the histogram as the reports do, and the 2.5th and 97.5th
 * percentiles of the differences taken. Significant when the interval excludes 0.
 */
export function bootstrapMedianDifference(layout: Layout, a: readonly number[], b: readonly number[], opts: { resamples?: number; seed?: number; digits?: number } = {}): MedianTest {
  const resamples = opts.resamples ?? 1000;
  const digits = opts.digits ?? 2;
  const na = a.reduce((s, c) => s + c, 0);
  const nb = b.reduce((s, c) => s + c, 0);
  const ma = quantile(layout, a, 0.5);
  const mb = quantile(layout, b, 0.5);
  if (ma === null || mb === null) return { difference: null, interval: null, significant: false };
  const rand = prng(opts.seed ?? 0x5eed);
  const diffs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    diffs[r] = (quantile(layout, resample(a, na, rand), 0.5) ?? 0) - (quantile(layout, resample(b, nb, rand), 0.5) ?? 0);
  }
  diffs.sort();
  const at = (q: number) => diffs[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))] as number;
  const low = at(0.025);
  const high = at(0.975);
  return { difference: round(ma - mb, digits), interval: [round(low, digits), round(high, digits)], significant: low > 0 || high < 0 };
}
