/**
 * The rows of a comparison: each KPI's two values, the difference in the KPI's own unit, and the
 * test's verdict. kpis.md: a change is "real" only when the test passes; otherwise the page shows
 * the band (the test's interval of the difference, else each side's own 95 % band).
 */
import type { TFunction } from "i18next";
import type { KpiComparison, KpiTest, Kpis } from "../../api/types-kpis";
import { band, decimal, hours, percent, points, seconds, signed } from "./format";
import { csatShare } from "./kpi-values";

interface RowSpec {
  id: string;
  /** The i18n key of the KPI's name. */
  name: string;
  value(k: Kpis): number | null;
  show(v: number | null): string;
  /** The two sides' own bands, said when the test has no interval. */
  band?(k: Kpis): string | null;
  diff(v: number | null): string;
  /** The difference is in percentage points (shares and CSAT). */
  pp?: boolean;
}

const rate = (id: "completionRate" | "abandonmentRate" | "conversionRate" | "onboardingRate" | "singleChannelRate" | "followUpRate"): RowSpec => ({
  id,
  name: `analytics.kpis.${id}.name`,
  value: (k) => k[id].value,
  show: percent,
  band: (k) => band(k[id].low, k[id].high, percent),
  diff: (v) => points(v),
  pp: true,
});

export const ROWS: RowSpec[] = [
  rate("completionRate"),
  rate("abandonmentRate"),
  rate("conversionRate"),
  rate("onboardingRate"),
  rate("singleChannelRate"),
  rate("followUpRate"),
  { id: "timeToFund", name: "analytics.columns.ttfMedian", value: (k) => k.timeToFund.medianHours, show: (v) => hours(v), diff: (v) => hours(v, true) },
  { id: "timeToDecision", name: "analytics.columns.ttdMedian", value: (k) => k.timeToDecision.medianHours, show: (v) => hours(v), diff: (v) => hours(v, true) },
  { id: "turnaroundTime", name: "analytics.columns.tatMedian", value: (k) => k.turnaroundTime.medianHours, show: (v) => hours(v), diff: (v) => hours(v, true) },
  { id: "averageHandleTime", name: "analytics.columns.ahtMedian", value: (k) => k.averageHandleTime.medianSeconds, show: (v) => seconds(v), diff: (v) => seconds(v, true) },
  {
    id: "nps",
    name: "analytics.kpis.nps.name",
    value: (k) => k.nps.score,
    show: (v) => decimal(v),
    band: (k) => (k.nps.interval95 ? band(k.nps.interval95[0], k.nps.interval95[1], (v) => decimal(v)) : null),
    diff: (v) => signed(v),
  },
  { id: "csat", name: "analytics.kpis.csat.name", value: csatShare, show: percent, diff: (v) => points(v), pp: true },
  { id: "ces", name: "analytics.kpis.ces.name", value: (k) => k.ces.mean, show: (v) => decimal(v, 2), diff: (v) => signed(v, 2) },
  { id: "touchpointsPerJourney", name: "analytics.kpis.touchpointsPerJourney.name", value: (k) => k.touchpointsPerJourney.mean, show: (v) => decimal(v), diff: (v) => signed(v) },
];

export type Verdict = "real" | "noise" | "untested";

export interface CompareRow {
  id: string;
  name: string;
  a: string;
  b: string;
  difference: string;
  verdict: Verdict;
  /** Said with "within noise": the interval of the difference, or both sides' bands. */
  band: string | null;
}

export function compareRows(t: TFunction, c: KpiComparison): CompareRow[] {
  const out: CompareRow[] = [];
  for (const spec of ROWS) {
    const test: KpiTest | undefined = c.tests[spec.id];
    const a = spec.value(c.a);
    const b = spec.value(c.b);
    if (a === null && b === null && !test) continue;
    // The engine's difference when it tested the KPI (a − b); else the two values' own.
    const d = test?.difference ?? (a !== null && b !== null ? a - b : null);
    const diff = (v: number | null) => (spec.pp && v !== null ? t("analytics.compare.pp", { value: spec.diff(v) }) : spec.diff(v));
    let bandText: string | null = null;
    if (test?.interval) bandText = band(test.interval[0], test.interval[1], diff);
    else if (spec.band) {
      const ba = spec.band(c.a);
      const bb = spec.band(c.b);
      if (ba || bb) bandText = t("analytics.compare.bothBands", { a: ba ?? "—", b: bb ?? "—" });
    }
    out.push({
      id: spec.id,
      name: t(spec.name),
      a: spec.show(a),
      b: spec.show(b),
      difference: diff(d),
      // A side without data has nothing to test against.
      verdict: !test || a === null || b === null ? "untested" : test.significant ? "real" : "noise",
      band: bandText,
    });
  }
  return out;
}
