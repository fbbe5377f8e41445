/**
 * How each KPI of the dashboard is read out of the engine's answer and said: the headline value,
 * its 95 % band (rates: Wilson; NPS: adjusted Wald; durations have none, their p90 is said
 * instead), its n, and the figures that go with it. One list, so tiles, the group table and the
 * comparison say every KPI the same way.
 */
import type { TFunction } from "i18next";
import type { Kpis, Rate } from "../../api/types-kpis";
import { band, count, decimal, hours, percent, seconds } from "./format";

export const TILE_IDS = [
  "completionRate",
  "timeToFund",
  "turnaroundTime",
  "averageHandleTime",
  "conversionRate",
  "onboardingRate",
  "abandonmentRate",
  "touchpointsPerJourney",
  "nps",
  "csat",
  "ces",
  "followUpRate",
] as const;
export type TileId = (typeof TILE_IDS)[number];

export const RATE_IDS = ["completionRate", "abandonmentRate", "onboardingRate", "conversionRate", "singleChannelRate", "followUpRate"] as const;
export type RateId = (typeof RATE_IDS)[number];

export interface KpiView {
  value: string;
  band: string | null;
  n: number;
  extra: string[];
}

/** CSAT: the share of 4–5 answers (0..1), top-2-box. */
export const csatShare = (k: Kpis): number | null => k.csat.score;

const rateView = (r: Rate): Pick<KpiView, "value" | "band" | "n"> => ({ value: percent(r.value), band: band(r.low, r.high, percent), n: r.n });

/** A tile's figures. */
export function kpiView(t: TFunction, id: TileId, k: Kpis): KpiView {
  switch (id) {
    case "completionRate":
      return { ...rateView(k.completionRate), extra: [t("analytics.extra.ofStarted", { done: count(k.counts.submitted), started: count(k.counts.started) })] };
    case "conversionRate":
    case "onboardingRate":
    case "abandonmentRate":
    case "followUpRate":
      return { ...rateView(k[id]), extra: [] };
    case "timeToFund": {
      const f = k.timeToFund;
      return {
        value: hours(f.medianHours),
        band: null,
        n: f.n,
        extra: [
          t("analytics.extra.p90Mean", { p90: hours(f.p90Hours), mean: hours(f.meanHours) }),
          t("analytics.extra.fundedWithin", { days: f.fundedWithin.days, share: percent(f.fundedWithin.share) }),
          t("analytics.extra.timeToDecision", { median: hours(k.timeToDecision.medianHours), n: count(k.timeToDecision.n) }),
        ],
      };
    }
    case "turnaroundTime": {
      const a = k.turnaroundTime;
      return {
        value: hours(a.medianHours),
        band: null,
        n: a.n,
        extra: [t("analytics.extra.p90Mean", { p90: hours(a.p90Hours), mean: hours(a.meanHours) }), t("analytics.extra.withinSla", { share: percent(a.withinSla.share) })],
      };
    }
    case "averageHandleTime":
      return { value: seconds(k.averageHandleTime.meanSeconds), band: null, n: k.averageHandleTime.n, extra: [t("analytics.extra.median", { value: seconds(k.averageHandleTime.medianSeconds) })] };
    case "touchpointsPerJourney":
      return {
        value: decimal(k.touchpointsPerJourney.mean),
        band: null,
        n: k.touchpointsPerJourney.n,
        extra: [
          t("analytics.extra.median", { value: decimal(k.touchpointsPerJourney.median) }),
          t("analytics.extra.switches", { value: decimal(k.channelSwitches.mean, 2) }),
          t("analytics.extra.singleChannel", { value: percent(k.singleChannelRate.value) }),
        ],
      };
    case "nps": {
      const n = k.nps;
      const i = n.interval95;
      return {
        value: decimal(n.score),
        band: i ? band(i[0], i[1], (v) => decimal(v)) : null,
        n: n.n,
        extra: [t("analytics.extra.npsCounts", { p: count(n.promoters), pa: count(n.passives), d: count(n.detractors) })],
      };
    }
    case "csat":
      return { value: percent(csatShare(k)), band: null, n: k.csat.n, extra: [t("analytics.extra.csatScale")] };
    case "ces":
      return {
        value: decimal(k.ces.mean, 2),
        band: null,
        n: k.ces.n,
        extra: [t("analytics.extra.cesScale"), t("analytics.extra.agree", { value: percent(k.ces.agreeShare) })],
      };
  }
}

/** Nothing at all in the range: no journey, contact, request or answer. */
export function isEmpty(k: Kpis): boolean {
  const c = k.counts;
  return c.started + c.contacts + c.responses === 0 && k.turnaroundTime.n === 0 && k.nps.n + k.csat.n + k.ces.n === 0;
}
