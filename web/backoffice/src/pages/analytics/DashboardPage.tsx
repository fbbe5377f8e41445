import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { kpis } from "../../api/kpis";
import type { KpiFilters, KpiGroupBy } from "../../api/types-kpis";
import { useLocation } from "../../router";
import { useResource } from "../../ui/data";
import { SelectField } from "../../ui/Field";
import { Loading, LoadError, PageHead } from "../../ui/Page";
import { FilterFields, RangeFields } from "./Controls";
import { GroupTable } from "./GroupTable";
import { isEmpty } from "./kpi-values";
import { KpiTiles } from "./KpiTiles";
import { activeFilters, filterChanges, GROUPINGS, type Range, rangeChanges, readFilters, readGroupBy, readRange, updateQuery } from "./query";
import { AbandonmentSection, TrendSection } from "./Sections";
import { AnalyticsTabs } from "./Tabs";
import "./analytics.css";

/** The form of the dashboard: applied as one URL change, so one reload and one history entry. */
function DashboardForm({ range, groupBy, filters }: { range: Range; groupBy: KpiGroupBy; filters: KpiFilters }) {
  const { t } = useTranslation();
  const { path, query } = useLocation();
  const [r, setRange] = useState(range);
  const [g, setGroupBy] = useState(groupBy);
  const [f, setFilters] = useState(filters);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    updateQuery(path, query, { ...rangeChanges(r), groupBy: g === "channel" ? null : g, ...filterChanges(f) });
  };
  return (
    <form className="card an-form" onSubmit={submit} aria-label={t("analytics.form")}>
      <RangeFields value={r} onChange={setRange} />
      <SelectField label={t("analytics.groupByLabel")} value={g} onChange={(e) => setGroupBy(e.target.value as KpiGroupBy)}>
        {GROUPINGS.map((d) => (
          <option key={d} value={d}>
            {t(`analytics.groupBy.${d}`)}
          </option>
        ))}
      </SelectField>
      <FilterFields value={f} onChange={setFilters} range={r} />
      <div className="actions">
        <button type="submit" className="button">
          {t("analytics.apply")}
        </button>
      </div>
    </form>
  );
}

/** /analytics: the KPIs of a date range as tiles, by group, over time, and abandonment by device and channel. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const range = readRange(query);
  const groupBy = readGroupBy(query, "channel");
  const filters = readFilters(query);
  const key = JSON.stringify([range.from, range.to, groupBy, filters]);
  const report = useResource(() => kpis.report({ from: range.from, to: range.to, groupBy, ...filters }), [key]);
  const data = report.data;
  const empty = data ? isEmpty(data.total) : false;
  return (
    <>
      <PageHead title={t("analytics.title")} intro={t("analytics.intro")} />
      <AnalyticsTabs />
      <DashboardForm key={key} range={range} groupBy={groupBy} filters={filters} />
      {report.error ? <LoadError error={report.error} retry={report.reload} /> : null}
      {/* Also while new figures load over the old ones, so a reader knows they are about to change. */}
      {report.loading ? <Loading /> : null}
      {data && empty ? (
        <p className="an-empty" role="status">
          {activeFilters(filters) ? t("analytics.emptyFiltered") : t("analytics.emptyRange")}
        </p>
      ) : null}
      {data && !empty ? (
        <>
          <section className="section" aria-labelledby="an-key">
            <h2 id="an-key">{t("analytics.keyFigures")}</h2>
            <KpiTiles kpis={data.total} />
          </section>
          <section className="section" aria-labelledby="an-groups">
            <h2 id="an-groups">{t("analytics.byGroup", { group: t(`analytics.groupBy.${groupBy}`) })}</h2>
            {data.groups.length ? <GroupTable key={groupBy} by={groupBy} groups={data.groups} caption={t("analytics.byGroup", { group: t(`analytics.groupBy.${groupBy}`) })} /> : <p className="muted">{t("analytics.empty")}</p>}
          </section>
          <TrendSection range={range} filters={filters} />
          <AbandonmentSection range={range} filters={filters} />
        </>
      ) : null}
    </>
  );
}
