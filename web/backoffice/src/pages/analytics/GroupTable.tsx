import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { KpiGroup, KpiGroupBy, Kpis } from "../../api/types-kpis";
import { TableWrap } from "../../ui/TableWrap";
import { count, decimal, hours, percent, seconds } from "./format";
import { csatShare } from "./kpi-values";
import { groupLabel } from "./labels";

interface Column {
  id: string;
  /** The i18n key of the column's name. */
  name: string;
  value(k: Kpis): number | null;
  show(v: number | null): string;
}

const COLUMNS: Column[] = [
  { id: "started", name: "analytics.columns.started", value: (k) => k.counts.started, show: count },
  { id: "completionRate", name: "analytics.kpis.completionRate.name", value: (k) => k.completionRate.value, show: percent },
  { id: "abandonmentRate", name: "analytics.kpis.abandonmentRate.name", value: (k) => k.abandonmentRate.value, show: percent },
  { id: "conversionRate", name: "analytics.kpis.conversionRate.name", value: (k) => k.conversionRate.value, show: percent },
  { id: "onboardingRate", name: "analytics.kpis.onboardingRate.name", value: (k) => k.onboardingRate.value, show: percent },
  { id: "timeToFund", name: "analytics.columns.ttfMedian", value: (k) => k.timeToFund.medianHours, show: (v) => hours(v) },
  { id: "turnaroundTime", name: "analytics.columns.tatMedian", value: (k) => k.turnaroundTime.medianHours, show: (v) => hours(v) },
  { id: "averageHandleTime", name: "analytics.kpis.averageHandleTime.name", value: (k) => k.averageHandleTime.meanSeconds, show: (v) => seconds(v) },
  { id: "touchpointsPerJourney", name: "analytics.kpis.touchpointsPerJourney.name", value: (k) => k.touchpointsPerJourney.mean, show: (v) => decimal(v) },
  { id: "nps", name: "analytics.kpis.nps.name", value: (k) => k.nps.score, show: (v) => decimal(v) },
  { id: "csat", name: "analytics.kpis.csat.name", value: (k) => csatShare(k), show: percent },
  { id: "ces", name: "analytics.kpis.ces.name", value: (k) => k.ces.mean, show: (v) => decimal(v, 2) },
  { id: "followUpRate", name: "analytics.kpis.followUpRate.name", value: (k) => k.followUpRate.value, show: percent },
];

type Sort = { col: string; desc: boolean };

/** The KPIs of every group, one row each; each column sorts (missing values last either way). */
export function GroupTable({ by, groups, caption }: { by: KpiGroupBy; groups: KpiGroup[]; caption: string }) {
  const { t } = useTranslation();
  // Time buckets read in time order; other groupings by size first.
  const [sort, setSort] = useState<Sort>(() => (["day", "week", "month", "quarter"].includes(by) ? { col: "group", desc: false } : { col: "started", desc: true }));
  const labelled = groups.map((g) => ({ g, label: groupLabel(t, by, g.key, g.label) }));
  const column = COLUMNS.find((c) => c.id === sort.col);
  const rows = [...labelled].sort((x, y) => {
    if (!column) {
      // Periods sort by key (ISO dates and week/quarter codes sort as text); names by the collator.
      const c = ["day", "week", "month", "quarter"].includes(by) ? x.g.key.localeCompare(y.g.key) : x.label.localeCompare(y.label);
      return sort.desc ? -c : c;
    }
    const a = column.value(x.g.kpis);
    const b = column.value(y.g.kpis);
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    return sort.desc ? b - a : a - b;
  });
  const header = (id: string, name: string) => {
    const on = sort.col === id;
    return (
      <th scope="col" key={id} aria-sort={on ? (sort.desc ? "descending" : "ascending") : undefined} className={id === "group" ? undefined : "an-num"}>
        <button type="button" className="an-sort" onClick={() => setSort({ col: id, desc: on ? !sort.desc : id !== "group" })}>
          {name}
          <span aria-hidden="true" className="an-sort__mark">
            {on ? (sort.desc ? "▼" : "▲") : "↕"}
          </span>
        </button>
      </th>
    );
  };
  return (
    <TableWrap label={caption}>
      <table className="an-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {header("group", t(`analytics.groupBy.${by}`))}
            {COLUMNS.map((c) => header(c.id, t(c.name)))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ g, label }) => (
            <tr key={g.key}>
              <th scope="row">{label}</th>
              {COLUMNS.map((c) => (
                <td key={c.id} className="an-num">
                  {c.show(c.value(g.kpis))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
