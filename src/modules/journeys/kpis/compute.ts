/**
 * Summed rollup counters → the KPIs of /work/shared/guide/kpis.md. Each KPI states its unit of
 * analysis, time anchor and denominator next to its computation (model/cube.ts says how the fold
 * fills each counter). A range holds a fact by its anchor: journeys by their start day (cohort
 * view), requests by their request day, contacts by their start day, answers by their response day.
 * Every figure whose denominator is 0 is null (never NaN).
 */
import { npsOf } from "../../feedback/stats";
import { HOURS, type Layout, quantile, SECONDS, shareBelow } from "../model/buckets";
import type { Sums } from "./rollups";
import { type Rate, round, wilson } from "./stats";

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
  nps: { score: number | null; n: number; promoters: number; passives: number; detractors: number; interval95: [number, number] | null; distribution: number[] };
  csat: { score: number | null; n: number; scale: "1-5"; distribution: number[] };
  ces: { mean: number | null; agreeShare: number | null; n: number; scale: "1-7"; distribution: number[] };
  counts: { started: number; submitted: number; abandoned: number; decided: number; approved: number; funded: number; opened: number; contacts: number; responses: number };
}

export interface KpiOptions {
  /** timeToFund.fundedWithin: the share of funded journeys funded within this many days. */
  fundedWithinDays: number;
}

const ratio = (sum: number, n: number, digits = 2) => (n > 0 ? round(sum / n, digits) : null);
const nullable = (x: number | null, digits = 2) => (x === null ? null : round(x, digits));
const total = (h: readonly number[]) => h.reduce((a, b) => a + b, 0);

/** Median and p90 from the histogram (interpolated inside the bucket), mean from the exact sum. */
function durations(layout: Layout, n: number, sum: number, hist: readonly number[]): Durations {
  return { medianHours: nullable(quantile(layout, hist, 0.5)), p90Hours: nullable(quantile(layout, hist, 0.9)), meanHours: ratio(sum, n), n };
}

/**
 * The exact median of touchpoint counts: TOUCHES buckets are single integers (0 … 30, then "31 or
 * more"), so no interpolation is needed — interpolating would report 3.5 for journeys of 3 touches.
 */
function integerMedian(hist: readonly number[]): number | null {
  const n = total(hist);
  if (n === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (let i = 0; i < hist.length; i++) {
      seen += hist[i] ?? 0;
      if (seen > rank) return i;
    }
    return hist.length - 1;
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** The KPIs of one group (or the total) from its summed counters. */
export function kpisOf(s: Sums, opts: KpiOptions): Kpis {
  // CSAT 1–5, index = score − 1: top-2-box is 4 and 5. CES 1–7: agree is 5, 6 and 7.
  const csatN = total(s.csat);
  const cesN = total(s.ces);
  const cesSum = s.ces.reduce((a, c, i) => a + c * (i + 1), 0);
  const nps = npsOf(s.nps);
  return {
    // Completion: journeys (unit) started in the range (anchor: start day) that reached submitted ÷ journeys started.
    completionRate: wilson(s.submitted, s.started),
    // Abandonment: journeys started in the range that the inactivity window (or an abandoned event) closed ÷ journeys started.
    abandonmentRate: wilson(s.abandoned, s.started),
    // Onboarding: customers (unit) whose first application start is in the range (anchor) and who
    // have an account funded or opened ÷ those customers (intent).
    onboardingRate: wilson(s.active, s.intent),
    // Conversion: journeys started in the range that were funded (or opened) within the definition's
    // conversion window counted from their start ÷ journeys started.
    conversionRate: wilson(s.converted, s.started),
    // Single channel: submitted journeys started in the range whose touchpoints all share one channel ÷ submitted journeys.
    singleChannelRate: wilson(s.single_channel, s.submitted),
    // Follow-up: detractor (NPS 0–6) or low-CSAT (1–2) responses (unit) given in the range (anchor:
    // response day) with a logged follow-up contact ÷ all such responses.
    followUpRate: wilson(s.fu_done, s.fu_due),
    // Time to fund: hours from started to funded, funded journeys (unit and denominator) started in the range.
    timeToFund: {
      ...durations(HOURS, s.ttf_n, s.ttf_sum, s.ttf_hist),
      fundedWithin: { days: opts.fundedWithinDays, share: nullable(shareBelow(HOURS, s.ttf_hist, opts.fundedWithinDays * 24), 4) },
    },
    // Time to decision: hours from submitted to decided, decided journeys started in the range.
    timeToDecision: durations(HOURS, s.ttd_n, s.ttd_sum, s.ttd_hist),
    // Turnaround: hours from requested to fulfilled, fulfilled requests (unit; an application's
    // decision is a request of type "application") requested in the range (anchor: request day);
    // withinSla = those inside their request type's SLA ÷ fulfilled requests.
    turnaroundTime: { ...durations(HOURS, s.tat_n, s.tat_sum, s.tat_hist), withinSla: { share: ratio(s.tat_in_sla, s.tat_n, 4), n: s.tat_n } },
    // Handle time: seconds of talk + hold + after-call work per handled contact (unit), contacts started in the range.
    averageHandleTime: { meanSeconds: ratio(s.handle_sum, s.contacts), medianSeconds: nullable(quantile(SECONDS, s.handle_hist, 0.5)), n: s.contacts },
    // Touchpoints per journey and channel switches (changes of channel between consecutive
    // touchpoints): per journey started in the range, ÷ journeys started.
    touchpointsPerJourney: { mean: ratio(s.touch_sum, s.started), median: integerMedian(s.touch_hist), n: s.started },
    channelSwitches: { mean: ratio(s.switch_sum, s.started), n: s.started },
    // NPS, CSAT, CES: answers (unit; a skipped question is in no denominator) given in the range (anchor: response day).
    nps: { score: nps.score, n: nps.n, promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors, interval95: nps.interval95, distribution: nps.distribution },
    csat: { score: ratio((s.csat[3] ?? 0) + (s.csat[4] ?? 0), csatN, 4), n: csatN, scale: "1-5", distribution: [...s.csat] },
    ces: { mean: ratio(cesSum, cesN), agreeShare: ratio((s.ces[4] ?? 0) + (s.ces[5] ?? 0) + (s.ces[6] ?? 0), cesN, 4), n: cesN, scale: "1-7", distribution: [...s.ces] },
    counts: {
      started: s.started,
      submitted: s.submitted,
      abandoned: s.abandoned,
      decided: s.decided,
      approved: s.approved,
      funded: s.funded,
      opened: s.opened,
      contacts: s.contacts,
      // Survey responses with at least one score answer (unit: response; anchor: response day).
      responses: s.responses,
    },
  };
}
