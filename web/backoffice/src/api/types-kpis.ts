/**
 * Journey analytics: the KPI engine's answers (GET /kpis, /kpis/compare, /funnels; kpis:read).
 * Definitions are in the shared guide's kpis.md; every figure is null when its n is 0.
 */

export const KPI_DIMENSIONS = ["channel", "product", "branch", "region", "agent", "segment", "device", "queue"] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];
export const TIME_BUCKETS = ["day", "week", "month", "quarter"] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];
export type KpiGroupBy = KpiDimension | TimeBucket;

/** Filters: one value per dimension ("" or absent = every value). */
export type KpiFilters = Partial<Record<KpiDimension, string>>;

/** A share with its Wilson 95 % interval; `n` is the denominator. */
export interface Rate {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

export interface Durations {
  medianHours: number | null;
  p90Hours: number | null;
  meanHours: number | null;
  n: number;
}

export interface Kpis {
  completionRate: Rate;
  abandonmentRate: Rate;
  onboardingRate: Rate;
  conversionRate: Rate;
  singleChannelRate: Rate;
  followUpRate: Rate;
  timeToFund: Durations & { fundedWithin: { days: number; share: number | null } };
  timeToDecision: Durations;
  turnaroundTime: Durations & { withinSla: { share: number | null; n: number } };
  averageHandleTime: { meanSeconds: number | null; medianSeconds: number | null; n: number };
  touchpointsPerJourney: { mean: number | null; median: number | null; n: number };
  channelSwitches: { mean: number | null; n: number };
  nps: {
    score: number | null;
    n: number;
    promoters: number;
    passives: number;
    detractors: number;
    interval95: [number, number] | null;
    distribution: number[];
  };
  csat: { score: number | null; n: number; scale: "1-5"; distribution: number[] };
  ces: { mean: number | null; agreeShare: number | null; n: number; scale: "1-7"; distribution: number[] };
  counts: {
    started: number;
    submitted: number;
    abandoned: number;
    decided: number;
    approved: number;
    funded: number;
    opened: number;
    contacts: number;
    responses: number;
  };
}

export interface KpiGroup {
  /** "" = not recorded. */
  key: string;
  /** A readable name (branch, region, agent…); null when not recorded or the key says it. */
  label: string | null;
  kpis: Kpis;
}

export interface KpiReport {
  from: string;
  to: string;
  groupBy: KpiGroupBy | null;
  total: Kpis;
  groups: KpiGroup[];
}

export type KpiQuery = { from: string; to: string; groupBy?: KpiGroupBy; fundedWithinDays?: number } & KpiFilters;

export type TestMethod = "two-proportion-z" | "nps-z" | "bootstrap-median";

export interface KpiTest {
  difference: number | null;
  z?: number | null;
  interval?: [number, number] | null;
  significant: boolean;
  method: TestMethod;
}

export interface KpiComparison {
  a: Kpis;
  b: Kpis;
  tests: Record<string, KpiTest>;
}

/** Two periods (compareFrom/compareTo) or two values of one dimension (dimension, a, b). */
export type CompareQuery = { from: string; to: string } & KpiFilters &
  ({ compareFrom: string; compareTo: string } | { dimension: KpiDimension; a: string; b: string });

export interface FunnelStep {
  index: number;
  /** The node as asked ("started", "step:identity", "event:…"). */
  step: string;
  /** The journeys.reached node it reads ("stage:started" …). */
  node: string;
  entered: number;
  conversionFromFirst: Rate;
  /** Null for the first step. */
  conversionFromPrevious: Rate | null;
  /** From the previous step. */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface Funnel {
  from: string;
  to: string;
  windowDays: number;
  steps: FunnelStep[];
  overall: Rate;
  /** The step that lost the most journeys from the one before; null when none lost any. */
  dropOffStep: { index: number; step: string; lost: number; share: number | null } | null;
}

/** The funnel filters on the journey's own dimensions (not device or queue). */
export const FUNNEL_DIMENSIONS = ["product", "channel", "region", "branch", "agent", "segment"] as const;
export type FunnelFilters = Partial<Record<(typeof FUNNEL_DIMENSIONS)[number], string>>;

export type FunnelQuery = { from: string; to: string; steps: string[]; windowDays?: number } & FunnelFilters;
