import { useState } from "react";
import { useTranslation } from "react-i18next";
import { kpis } from "../../api/kpis";
import type { KpiFilters, KpiGroup, Kpis, TimeBucket } from "../../api/types-kpis";
import { TIME_BUCKETS } from "../../api/types-kpis";
import { useResource } from "../../ui/data";
import { SelectField } from "../../ui/Field";
import { Loading, LoadError } from "../../ui/Page";
import { TableWrap } from "../../ui/TableWrap";
import { BarChart } from "../feedback/BarChart";
import { band, count, decimal, hours, percent } from "./format";
import { csatShare } from "./kpi-values";
import { groupLabel } from "./labels";
import { type Range, spanDays } from "./query";

interface Metric {
  id: string;
  name: string;
  value(k: Kpis): number | null;
  /** The bar's length: shares as percent, so the axis reads 0–100. */
  scale: number;
  show(v: number | null): string;
}

const METRICS: Metric[] = [
  { id: "completionRate", name: "analytics.kpis.completionRate.name", value: (k) => k.completionRate.value, scale: 100, show: percent },
  { id: "abandonmentRate", name: "analytics.kpis.abandonmentRate.name", value: (k) => k.abandonmentRate.value, scale: 100, show: percent },
  { id: "conversionRate", name: "analytics.kpis.conversionRate.name", value: (k) => k.conversionRate.value, scale: 100, show: percent },
  { id: "onboardingRate", name: "analytics.kpis.onboardingRate.name", value: (k) => k.onboardingRate.value, scale: 100, show: percent },
  { id: "started", name: "analytics.columns.started", value: (k) => k.counts.started, scale: 1, show: count },
  { id: "timeToFund", name: "analytics.columns.ttfMedian", value: (k) => k.timeToFund.medianHours, scale: 1, show: (v) => hours(v) },
  { id: "nps", name: "analytics.kpis.nps.name", value: (k) => k.nps.score, scale: 1, show: (v) => decimal(v) },
  { id: "csat", name: "analytics.kpis.csat.name", value: (k) => csatShare(k), scale: 100, show: percent },
];

/** A bucket that gives a readable number of bars for the range. */
const defaultBucket = (r: Range): TimeBucket => {
  const n = spanDays(r.from, r.to);
  return n > 200 ? "month" : n > 45 ? "week" : "day";
};

/** One KPI over time: bars by day, week, month or quarter, and the same figures as a table. */
export function TrendSection({ range, filters }: { range: Range; filters: KpiFilters }) {
  const { t } = useTranslation();
  const [bucket, setBucket] = useState<TimeBucket>(() => defaultBucket(range));
  const [metricId, setMetric] = useState("completionRate");
  const metric = METRICS.find((m) => m.id === metricId) ?? (METRICS[0] as Metric);
  const key = JSON.stringify(filters);
  const report = useResource(() => kpis.report({ from: range.from, to: range.to, groupBy: bucket, ...filters }), [range.from, range.to, bucket, key]);
  const groups = [...(report.data?.groups ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  const name = t(metric.name);
  const title = t("analytics.trend.chart", { metric: name, bucket: t(`analytics.groupBy.${bucket}`) });
  return (
    <section className="section" aria-labelledby="an-trend">
      <h2 id="an-trend">{t("analytics.trend.title")}</h2>
      <div className="an-inline">
        <SelectField label={t("analytics.trend.metric")} value={metricId} onChange={(e) => setMetric(e.target.value)}>
          {METRICS.map((m) => (
            <option key={m.id} value={m.id}>
              {t(m.name)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("analytics.trend.bucket")} value={bucket} onChange={(e) => setBucket(e.target.value as TimeBucket)}>
          {TIME_BUCKETS.map((b) => (
            <option key={b} value={b}>
              {t(`analytics.groupBy.${b}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {report.error ? <LoadError error={report.error} retry={report.reload} /> : null}
      {report.loading && !report.data ? <Loading /> : null}
      {report.data && groups.length === 0 ? <p className="muted">{t("analytics.empty")}</p> : null}
      {groups.length > 0 ? (
        <>
          <div className="an-chart">
            <BarChart
              label={t("analytics.chartAlt", { title })}
              bars={groups.map((g) => {
                const v = metric.value(g.kpis);
                return { label: groupLabel(t, bucket, g.key, g.label), value: v === null ? 0 : Math.round(v * metric.scale * 10) / 10, text: metric.show(v) };
              })}
            />
          </div>
          <TableWrap label={title}>
            <table className="an-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`analytics.groupBy.${bucket}`)}</th>
                  <th scope="col" className="an-num">
                    {name}
                  </th>
                  <th scope="col" className="an-num">
                    {t("analytics.columns.started")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{groupLabel(t, bucket, g.key, g.label)}</th>
                    <td className="an-num">{metric.show(metric.value(g.kpis))}</td>
                    <td className="an-num">{count(g.kpis.counts.started)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </section>
  );
}

function AbandonmentBy({ by, groups }: { by: "device" | "channel"; groups: KpiGroup[] }) {
  const { t } = useTranslation();
  const rows = groups.filter((g) => g.kpis.abandonmentRate.n > 0).sort((a, b) => b.kpis.abandonmentRate.n - a.kpis.abandonmentRate.n);
  const title = t("analytics.abandonment.by", { by: t(`analytics.groupBy.${by}`) });
  return (
    <div className="an-half">
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t("analytics.empty")}</p>
      ) : (
        <>
          <div className="an-chart">
            <BarChart
              horizontal
              label={t("analytics.chartAlt", { title })}
              bars={rows.map((g) => ({
                label: groupLabel(t, by, g.key, g.label),
                value: Math.round((g.kpis.abandonmentRate.value ?? 0) * 1000) / 10,
                text: percent(g.kpis.abandonmentRate.value),
                color: "#b42318",
              }))}
            />
          </div>
          <TableWrap label={title}>
            <table className="an-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`analytics.groupBy.${by}`)}</th>
                  <th scope="col" className="an-num">
                    {t("analytics.abandonment.abandoned")}
                  </th>
                  <th scope="col" className="an-num">
                    {t("analytics.kpis.abandonmentRate.name")}
                  </th>
                  <th scope="col" className="an-num">
                    {t("analytics.bandShort")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((g) => {
                  const r = g.kpis.abandonmentRate;
                  return (
                    <tr key={g.key}>
                      <th scope="row">{groupLabel(t, by, g.key, g.label)}</th>
                      <td className="an-num">{t("analytics.ofN", { k: count(g.kpis.counts.abandoned), n: count(r.n) })}</td>
                      <td className="an-num">{percent(r.value)}</td>
                      <td className="an-num">{band(r.low, r.high, percent) ?? "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </div>
  );
}

/** Abandonment by device and by start channel (kpis.md asks for both). */
export function AbandonmentSection({ range, filters }: { range: Range; filters: KpiFilters }) {
  const { t } = useTranslation();
  const key = JSON.stringify(filters);
  const load = (groupBy: "device" | "channel") => kpis.report({ from: range.from, to: range.to, groupBy, ...filters });
  const both = useResource(() => Promise.all([load("device"), load("channel")]), [range.from, range.to, key]);
  return (
    <section className="section" aria-labelledby="an-abandon">
      <h2 id="an-abandon">{t("analytics.abandonment.title")}</h2>
      {both.error ? <LoadError error={both.error} retry={both.reload} /> : null}
      {both.loading && !both.data ? <Loading /> : null}
      {both.data ? (
        <div className="an-columns">
          <AbandonmentBy by="device" groups={both.data[0].groups} />
          <AbandonmentBy by="channel" groups={both.data[1].groups} />
        </div>
      ) : null}
    </section>
  );
}
