import { describe, expect, it } from "vitest";
import { adjustedWald, cesOf, csatOf, durationBucket, medianOfHistogram, npsChange, npsOf } from "./stats";

/** A 0–10 distribution with P promoters, D detractors and the rest passives. */
const dist = (n: number, p: number, d: number) => {
  const x = Array(11).fill(0) as number[];
  x[10] = p;
  x[0] = d;
  x[8] = n - p - d;
  return x;
};

describe("NPS (kpis.md)", () => {
  it("golden case: n=200, P=100, D=40 → NPS 30.0 with the adjusted-Wald interval", () => {
    const r = npsOf(dist(200, 100, 40));
    expect(r).toMatchObject({ n: 200, promoters: 100, passives: 60, detractors: 40, score: 30 });
    const n1 = 203;
    const p = 100.75 / n1;
    const d = 40.75 / n1;
    const se = Math.sqrt((p + d - (p - d) ** 2) / n1);
    expect(r.interval95?.[0]).toBeCloseTo(100 * (p - d - 1.96 * se), 2);
    expect(r.interval95?.[1]).toBeCloseTo(100 * (p - d + 1.96 * se), 2);
    // The Wald margin of the guide (±10.8) is close to the adjusted one.
    expect(((r.interval95?.[1] ?? 0) - (r.interval95?.[0] ?? 0)) / 2).toBeCloseTo(10.8, 0);
  });

  it("golden change: vs n=250, P=110, D=60 → z ≈ 1.32, not significant", () => {
    const z = npsChange({ n: 200, promoters: 100, detractors: 40 }, { n: 250, promoters: 110, detractors: 60 });
    expect(z.z).toBeCloseTo(1.32, 1);
    expect(z.significant).toBe(false);
    expect(npsChange({ n: 2000, promoters: 1000, detractors: 400 }, { n: 2500, promoters: 1100, detractors: 600 }).significant).toBe(true);
  });

  it("nobody answered → score and interval null", () => {
    expect(npsOf([])).toMatchObject({ n: 0, score: null, interval95: null, distribution: Array(11).fill(0) });
  });

  it("scores 9–10 promote, 7–8 are passive, 0–6 detract; two decimals", () => {
    const r = npsOf([1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 2]);
    expect(r).toMatchObject({ n: 6, promoters: 3, passives: 1, detractors: 2, score: 16.67 });
    expect(adjustedWald({ n: 0, promoters: 0, detractors: 0 }).nps).toBe(0);
  });
});

describe("CSAT and CES", () => {
  it("CSAT is the % of 4–5 on 1–5, with the scale stated", () => {
    expect(csatOf([1, 1, 2, 3, 3])).toEqual({ n: 10, score: 60, scale: "1-5", distribution: [1, 1, 2, 3, 3] });
    expect(csatOf([]).score).toBeNull();
  });
  it("CES mean on 1–7 and % agree (5–7)", () => {
    expect(cesOf([0, 0, 1, 0, 1, 1, 1])).toMatchObject({ n: 4, mean: 5.25, agreePercent: 75 });
    expect(cesOf([0, 1, 0, 0, 0, 0, 2]).mean).toBe(5.33);
  });
});

describe("durations", () => {
  it("buckets widen with length; the median is exact under a minute", () => {
    expect(durationBucket(42.9)).toEqual({ low: 42, width: 1 });
    expect(durationBucket(123)).toEqual({ low: 120, width: 5 });
    expect(durationBucket(4000)).toEqual({ low: 3900, width: 300 });
    expect(medianOfHistogram(new Map([[10, 1], [20, 1], [30, 1]]))).toBe(20);
    expect(medianOfHistogram(new Map([[10, 1], [20, 1]]))).toBe(15);
    expect(medianOfHistogram(new Map([[120, 3]]))).toBe(122);
    expect(medianOfHistogram(new Map())).toBeNull();
  });
});
