/**
 * Pure statistics of survey summaries, exactly as /work/shared/guide/kpis.md defines them.
 * Unit of analysis: one answer to the question (a skipped question is not in any denominator).
 */

/** Rounds to at most two decimals (every number a summary shows). */
export const round2 = (x: number) => Math.round(x * 100) / 100;

const pct = (part: number, whole: number) => (whole === 0 ? null : round2((100 * part) / whole));

export interface NpsCounts {
  n: number;
  promoters: number;
  detractors: number;
}

export interface NpsResult {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters (9–10) − % detractors (0–6) over answers; null when nobody answered. */
  score: number | null;
  /** Adjusted-Wald 95 % interval, in NPS points; null when n = 0. */
  interval95: [number, number] | null;
  distribution: number[];
}

/** Adjusted Wald: n' = n + 3, p' = (P + 0.75)/n', d' = (D + 0.75)/n'. Returns NPS' and SE as proportions. */
export function adjustedWald({ n, promoters, detractors }: NpsCounts): { nps: number; se: number } {
  const n1 = n + 3;
  const p = (promoters + 0.75) / n1;
  const d = (detractors + 0.75) / n1;
  const nps = p - d;
  return { nps, se: Math.sqrt((p + d - nps * nps) / n1) };
}

/** NPS of a 0–10 distribution (index = score). */
export function npsOf(distribution: number[]): NpsResult {
  const dist = Array.from({ length: 11 }, (_, i) => distribution[i] ?? 0);
  const n = dist.reduce((a, b) => a + b, 0);
  const promoters = (dist[9] ?? 0) + (dist[10] ?? 0);
  const passives = (dist[7] ?? 0) + (dist[8] ?? 0);
  const detractors = n - promoters - passives;
  if (n === 0) return { n, promoters, passives, detractors, score: null, interval95: null, distribution: dist };
  const { nps, se } = adjustedWald({ n, promoters, detractors });
  return {
    n,
    promoters,
    passives,
    detractors,
    score: round2((100 * (promoters - detractors)) / n),
    interval95: [round2(100 * (nps - 1.96 * se)), round2(100 * (nps + 1.96 * se))],
    distribution: dist,
  };
}

/**
 * NPS change between two periods or groups: z = (NPS'₁ − NPS'₂)/sqrt(SE₁² + SE₂²) with the
 * adjusted-Wald estimates; significant when |z| > 1.96.
 */
export function npsChange(a: NpsCounts, b: NpsCounts): { z: number; significant: boolean; difference: number } {
  const x = adjustedWald(a);
  const y = adjustedWald(b);
  const z = (x.nps - y.nps) / Math.sqrt(x.se ** 2 + y.se ** 2);
  return { z: round2(z), significant: Math.abs(z) > 1.96, difference: round2(100 * (x.nps - y.nps)) };
}

/** CSAT: % of answers 4–5 on the 1–5 scale (top-2-box). `distribution[i]` counts score i + 1. */
export function csatOf(distribution: number[]) {
  const dist = Array.from({ length: 5 }, (_, i) => distribution[i] ?? 0);
  const n = dist.reduce((a, b) => a + b, 0);
  return { n, score: pct((dist[3] ?? 0) + (dist[4] ?? 0), n), scale: "1-5" as const, distribution: dist };
}

/** Mean of a 1…points scale, `distribution[i]` counting score i + 1. */
export function meanOf(distribution: number[]): number | null {
  let n = 0;
  let sum = 0;
  distribution.forEach((count, i) => {
    n += count;
    sum += count * (i + 1);
  });
  return n === 0 ? null : round2(sum / n);
}

/** CES: mean on the 1–7 agreement scale and % agree (5–7). */
export function cesOf(distribution: number[]) {
  const dist = Array.from({ length: 7 }, (_, i) => distribution[i] ?? 0);
  const n = dist.reduce((a, b) => a + b, 0);
  return { n, mean: meanOf(dist), agreePercent: pct((dist[4] ?? 0) + (dist[5] ?? 0) + (dist[6] ?? 0), n), scale: "1-7" as const, distribution: dist };
}

/** Percent of a whole, two decimals; 0 when the whole is 0 (choice shares). */
export const share = (part: number, whole: number) => pct(part, whole) ?? 0;

/**
 * Durations are kept as a histogram (rollups cannot keep every value): exact seconds below a
 * minute, then 5 s, 30 s, 5 min and 1 h buckets. Returns the bucket's lower bound and width.
 */
export function durationBucket(seconds: number): { low: number; width: number } {
  const s = Math.max(0, Math.floor(seconds));
  const step = s < 60 ? 1 : s < 600 ? 5 : s < 3600 ? 30 : s < 86_400 ? 300 : 3600;
  return { low: s - (s % step), width: step };
}

/**
 * Median of a duration histogram (bucket lower bound → count): the middle bucket's midpoint
 * (exact below a minute). Null when empty.
 */
export function medianOfHistogram(hist: Map<number, number>): number | null {
  const keys = [...hist.keys()].sort((a, b) => a - b);
  const n = keys.reduce((a, k) => a + (hist.get(k) ?? 0), 0);
  if (n === 0) return null;
  const mid = (k: number) => k + (durationBucket(k).width - 1) / 2;
  const at = (rank: number) => {
    let seen = 0;
    for (const k of keys) {
      seen += hist.get(k) ?? 0;
      if (seen > rank) return mid(k);
    }
    return mid(keys[keys.length - 1] as number);
  };
  return round2(n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2);
}
