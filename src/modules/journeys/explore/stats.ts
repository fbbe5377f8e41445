/**
 * Rates as kpis.md reports them: the share with its Wilson 95 % score interval (good at small n and
 * near 0 or 1, where the plain Wald interval collapses or leaves [0, 1]).
 */
import { HOURS, quantile } from "../model/buckets";

export interface Rate {
  /** k ÷ n, 0..1; null when n = 0. */
  value: number | null;
  low: number | null;
  high: number | null;
  /** The denominator. */
  n: number;
}

const Z = 1.96;

export function wilson(k: number, n: number): Rate {
  if (n <= 0) return { value: null, low: null, high: null, n: 0 };
  const p = k / n;
  const z2 = Z * Z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), n };
}

/** Hours rounded to two decimals (what the API shows), null stays null. */
export const hours2 = (h: number | null): number | null => (h === null || !Number.isFinite(h) ? null : Math.round(h * 100) / 100);

/** Median and p90 of an hours histogram (model/buckets.ts HOURS). */
export function hoursQuantiles(hist: readonly number[]): { medianHours: number | null; p90Hours: number | null } {
  return { medianHours: hours2(quantile(HOURS, hist, 0.5)), p90Hours: hours2(quantile(HOURS, hist, 0.9)) };
}
