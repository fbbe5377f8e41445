import { describe, expect, it } from "vitest";
import { npsChange, npsOf } from "../../feedback/stats";
import { HOURS, one, quantile, SECONDS, shareBelow, TOUCHES } from "../model/buckets";
import { compareSums } from "./report";
import { emptySums } from "./rollups";
import { bootstrapMedianDifference, prng, twoProportionZ, wilson } from "./stats";

/** A histogram of `values` in `layout`. */
const histOf = (layout: typeof HOURS, values: number[]) => {
  const h = new Array<number>(layout.size).fill(0);
  for (const v of values) h[layout.bucket(v)] = (h[layout.bucket(v)] ?? 0) + 1;
  return h;
};

describe("Wilson 95 % interval", () => {
  it("matches the textbook formula (k = 81, n = 263)", () => {
    // Computed by hand: p = 0.30798, z² = 3.8416; centre = (p + z²/2n)/(1 + z²/n), half = z·sqrt(p(1−p)/n + z²/4n²)/(1 + z²/n).
    const p = 81 / 263;
    const z2 = 1.96 ** 2;
    const centre = (p + z2 / 526) / (1 + z2 / 263);
    const half = (1.96 * Math.sqrt((p * (1 - p)) / 263 + z2 / (4 * 263 * 263))) / (1 + z2 / 263);
    const r = wilson(81, 263);
    expect(r.value).toBeCloseTo(0.308, 3);
    expect(r.low).toBeCloseTo(centre - half, 4);
    expect(r.high).toBeCloseTo(centre + half, 4);
    // Published value for this case (e.g. Newcombe 1998 style tables): about 0.2553 … 0.3662.
    expect(r.low).toBeCloseTo(0.2553, 3);
    expect(r.high).toBeCloseTo(0.3662, 3);
    expect(r.n).toBe(263);
  });

  it("stays inside [0, 1] at the edges and is null with no denominator", () => {
    expect(wilson(0, 10)).toMatchObject({ value: 0, low: 0 });
    expect(wilson(0, 10).high).toBeGreaterThan(0.2);
    expect(wilson(10, 10)).toMatchObject({ value: 1, high: 1 });
    expect(wilson(0, 0)).toEqual({ value: null, low: null, high: null, n: 0 });
  });
});

describe("two-proportion z-test (pooled)", () => {
  it("computes z from the pooled proportion", () => {
    // 120/400 vs 90/400: pooled 0.2625, SE = sqrt(0.2625·0.7375·(2/400)) = 0.031115; z = 0.075/0.031115 = 2.41.
    const t = twoProportionZ(120, 400, 90, 400);
    expect(t.difference).toBeCloseTo(0.075, 4);
    expect(t.z).toBeCloseTo(2.41, 2);
    expect(t.significant).toBe(true);
    const small = twoProportionZ(12, 40, 9, 40);
    expect(Math.abs(small.z ?? 0)).toBeLessThan(1.96);
    expect(small.significant).toBe(false);
  });

  it("has no test without denominators and no variance at 0 % vs 0 %", () => {
    expect(twoProportionZ(0, 0, 5, 10)).toEqual({ difference: null, z: null, significant: false });
    expect(twoProportionZ(0, 10, 0, 20)).toMatchObject({ difference: 0, z: 0, significant: false });
  });
});

describe("NPS (adjusted Wald, kpis.md golden cases)", () => {
  const dist = (n: number, p: number, d: number) => {
    const x = new Array<number>(11).fill(0);
    x[10] = p;
    x[3] = d;
    x[7] = n - p - d;
    return x;
  };

  it("n=200, P=100, D=40 → NPS 30.0, margin about ±10.8", () => {
    const r = npsOf(dist(200, 100, 40));
    expect(r.score).toBe(30);
    const [low, high] = r.interval95 ?? [0, 0];
    expect((high - low) / 2).toBeCloseTo(10.8, 0);
  });

  it("against n=250, P=110, D=60 → z ≈ 1.32, not significant; the compare endpoint's test says the same", () => {
    const z = npsChange({ n: 200, promoters: 100, detractors: 40 }, { n: 250, promoters: 110, detractors: 60 });
    expect(z.z).toBeCloseTo(1.32, 2);
    expect(z.significant).toBe(false);
    const a = emptySums();
    const b = emptySums();
    a.nps = dist(200, 100, 40);
    b.nps = dist(250, 110, 60);
    const t = compareSums(a, b, { fundedWithinDays: 30 }).tests.nps;
    expect(t).toMatchObject({ method: "nps-z", significant: false, difference: 30 - 20 });
    expect(t?.z).toBeCloseTo(1.32, 2);
  });
});

describe("quantiles from a histogram", () => {
  it("read a known distribution within one bucket's width", () => {
    // 1,000 durations uniform on 1 … 100 hours: the true median is 50.5, p90 about 90.1.
    const values = Array.from({ length: 1000 }, (_, i) => 1 + (99 * i) / 999);
    const h = histOf(HOURS, values);
    const median = quantile(HOURS, h, 0.5) ?? 0;
    const p90 = quantile(HOURS, h, 0.9) ?? 0;
    expect(Math.abs(median - 50.5) / 50.5).toBeLessThan(0.05);
    expect(Math.abs(p90 - 90.1) / 90.1).toBeLessThan(0.05);
    expect(shareBelow(HOURS, h, 24) ?? 0).toBeCloseTo(values.filter((v) => v < 24).length / 1000, 1);
  });

  it("a single value reads back inside its bucket", () => {
    const [lo, hi] = SECONDS.bounds(SECONDS.bucket(300));
    const m = quantile(SECONDS, one(SECONDS, 300), 0.5) ?? -1;
    expect(m).toBeGreaterThanOrEqual(lo);
    expect(m).toBeLessThanOrEqual(hi);
    expect(quantile(TOUCHES, [], 0.5)).toBeNull();
  });
});

describe("bootstrap interval of the difference of medians", () => {
  const rand = prng(42);
  const a = histOf(
    HOURS,
    Array.from({ length: 400 }, () => 24 + 48 * rand()),
  );
  const b = histOf(
    HOURS,
    Array.from({ length: 300 }, () => 100 + 100 * rand()),
  );

  it("is deterministic for the same data", () => {
    expect(bootstrapMedianDifference(HOURS, a, b)).toEqual(bootstrapMedianDifference(HOURS, a, b));
  });

  it("finds a clear difference significant and the interval holds the point difference", () => {
    const t = bootstrapMedianDifference(HOURS, a, b);
    expect(t.significant).toBe(true);
    const [low, high] = t.interval ?? [0, 0];
    expect(high).toBeLessThan(0);
    expect(t.difference ?? 0).toBeGreaterThanOrEqual(low);
    expect(t.difference ?? 0).toBeLessThanOrEqual(high);
  });

  it("does not call a sample against itself different", () => {
    const t = bootstrapMedianDifference(HOURS, a, a);
    expect(t.difference).toBe(0);
    expect(t.significant).toBe(false);
    const [low, high] = t.interval ?? [1, 1];
    expect(low).toBeLessThanOrEqual(0);
    expect(high).toBeGreaterThanOrEqual(0);
  });

  it("resamples large histograms quickly and without drift", () => {
    const big = a.map((c) => c * 1000);
    const started = performance.now();
    const t = bootstrapMedianDifference(HOURS, big, big);
    expect(performance.now() - started).toBeLessThan(2000);
    // 400,000 values: the bootstrap spread of the median is a small fraction of an hour.
    const [low, high] = t.interval ?? [9, 9];
    expect(high - low).toBeLessThan(2);
    expect(t.significant).toBe(false);
  });

  it("has no interval when a side is empty", () => {
    expect(bootstrapMedianDifference(HOURS, a, [])).toEqual({ difference: null, interval: null, significant: false });
  });
});
