import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { kpis } from "../../api/kpis";
import { type CompareQuery, KPI_DIMENSIONS, type KpiDimension, type KpiFilters, type KpiGroup } from "../../api/types-kpis";
import { useLocation } from "../../router";
import { useResource } from "../../ui/data";
import { SelectField, TextField } from "../../ui/Field";
import { Loading, LoadError, PageHead } from "../../ui/Page";
import { TableWrap } from "../../ui/TableWrap";
import { compareRows } from "./compare-rows";
import { FilterFields, RangeFields } from "./Controls";
import { day } from "./format";
import { groupLabel } from "./labels";
import { filterChanges, previousQuarter, previousSpan, type Range, rangeChanges, readFilters, readRange, updateQuery } from "./query";
import { AnalyticsTabs } from "./Tabs";
import "./analytics.css";

const AGAINST = ["previous", "lastQuarter", "lastYear", "custom"] as const;
type Against = (typeof AGAINST)[number];
type Mode = "periods" | "groups";

interface State {
  mode: Mode;
  range: Range;
  filters: KpiFilters;
  against: Against;
  compareFrom: string;
  compareTo: string;
  dimension: KpiDimension;
  a: string;
  b: string;
}

const shiftYear = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;

/** The period B of a comparison of periods. */
function periodB(s: State): { from: string; to: string } {
  if (s.against === "custom" && s.compareFrom && s.compareTo) return { from: s.compareFrom, to: s.compareTo };
  if (s.against === "lastQuarter") return previousQuarter(s.range.from);
  if (s.against === "lastYear") return { from: shiftYear(s.range.from), to: shiftYear(s.range.to) };
  return previousSpan(s.range.from, s.range.to);
}

function readState(query: URLSearchParams): State {
  const against = query.get("against") as Against | null;
  const dimension = query.get("dimension") as KpiDimension | null;
  return {
    mode: query.get("mode") === "groups" ? "groups" : "periods",
    range: readRange(query),
    filters: readFilters(query),
    against: against && AGAINST.includes(against) ? against : "previous",
    compareFrom: query.get("compareFrom") ?? "",
    compareTo: query.get("compareTo") ?? "",
    dimension: dimension && KPI_DIMENSIONS.includes(dimension) ? dimension : "channel",
    a: query.get("a") ?? "",
    b: query.get("b") ?? "",
  };
}

/** The values of one dimension present in the range, for choosing the two groups. */
function useGroups(range: Range, dimension: KpiDimension, on: boolean): KpiGroup[] {
  const [groups, setGroups] = useState<KpiGroup[]>([]);
  useEffect(() => {
    if (!on) return;
    let live = true;
    kpis
      .report({ from: range.from, to: range.to, groupBy: dimension })
      .then((r) => live && setGroups(r.groups.filter((g) => g.key !== "")))
      .catch(() => live && setGroups([]));
    return () => {
      live = false;
    };
  }, [range.from, range.to, dimension, on]);
  return groups;
}

function CompareForm({ state }: { state: State }) {
  const { t } = useTranslation();
  const { path, query } = useLocation();
  const [s, set] = useState(state);
  const groups = useGroups(s.range, s.dimension, s.mode === "groups");
  const b = periodB(s);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    updateQuery(path, query, {
      mode: s.mode === "groups" ? "groups" : null,
      ...rangeChanges(s.range),
      ...filterChanges(s.filters),
      against: s.mode === "periods" && s.against !== "previous" ? s.against : null,
      compareFrom: s.mode === "periods" && s.against === "custom" ? s.compareFrom : null,
      compareTo: s.mode === "periods" && s.against === "custom" ? s.compareTo : null,
      dimension: s.mode === "groups" ? s.dimension : null,
      a: s.mode === "groups" ? s.a : null,
      b: s.mode === "groups" ? s.b : null,
    });
  };
  const groupSelect = (which: "a" | "b") => (
    <SelectField label={t(`analytics.compare.group${which.toUpperCase()}`)} value={s[which]} required onChange={(e) => set({ ...s, [which]: e.target.value })}>
      <option value="">{t("common.choose")}</option>
      {s[which] && !groups.some((g) => g.key === s[which]) ? <option value={s[which]}>{groupLabel(t, s.dimension, s[which], null)}</option> : null}
      {groups.map((g) => (
        <option key={g.key} value={g.key}>
          {groupLabel(t, s.dimension, g.key, g.label)}
        </option>
      ))}
    </SelectField>
  );
  return (
    <form className="card an-form" onSubmit={submit} aria-label={t("analytics.form")}>
      <fieldset className="filter">
        <legend>{t("analytics.compare.mode")}</legend>
        <div className="segmented">
          {(["periods", "groups"] as const).map((m) => (
            <label key={m} className={`segmented__item${s.mode === m ? " segmented__item--on" : ""}`}>
              <input type="radio" name="compare-mode" checked={s.mode === m} onChange={() => set({ ...s, mode: m })} />
              {t(`analytics.compare.modes.${m}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <RangeFields value={s.range} onChange={(range) => set({ ...s, range })} legend={s.mode === "periods" ? t("analytics.compare.periodA") : undefined} />
      {s.mode === "periods" ? (
        <fieldset className="filter">
          <legend>{t("analytics.compare.periodB")}</legend>
          <SelectField label={t("analytics.compare.against")} value={s.against} onChange={(e) => set({ ...s, against: e.target.value as Against })}>
            {AGAINST.map((a) => (
              <option key={a} value={a}>
                {t(`analytics.compare.againstOptions.${a}`)}
              </option>
            ))}
          </SelectField>
          {s.against === "custom" ? (
            <div className="an-dates">
              <TextField label={t("analytics.range.from")} type="date" required value={s.compareFrom} onChange={(e) => set({ ...s, compareFrom: e.target.value })} />
              <TextField label={t("analytics.range.to")} type="date" required value={s.compareTo} onChange={(e) => set({ ...s, compareTo: e.target.value })} />
            </div>
          ) : (
            <p className="muted">{t("analytics.range.between", { from: day(b.from), to: day(b.to) })}</p>
          )}
        </fieldset>
      ) : (
        <div className="grid-form">
          <SelectField label={t("analytics.compare.dimension")} value={s.dimension} onChange={(e) => set({ ...s, dimension: e.target.value as KpiDimension, a: "", b: "" })}>
            {KPI_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`analytics.groupBy.${d}`)}
              </option>
            ))}
          </SelectField>
          {groupSelect("a")}
          {groupSelect("b")}
        </div>
      )}
      <FilterFields value={s.filters} onChange={(filters) => set({ ...s, filters })} range={s.range} />
      <div className="actions">
        <button type="submit" className="button">
          {t("analytics.compare.run")}
        </button>
      </div>
    </form>
  );
}

/** /analytics/compare: two periods, or two groups of one dimension, KPI by KPI with the tests of kpis.md. */
export function ComparePage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const state = readState(query);
  const b = periodB(state);
  const ready = state.mode === "periods" || (state.a !== "" && state.b !== "");
  const q: CompareQuery =
    state.mode === "periods"
      ? { from: state.range.from, to: state.range.to, compareFrom: b.from, compareTo: b.to, ...state.filters }
      : { from: state.range.from, to: state.range.to, dimension: state.dimension, a: state.a, b: state.b, ...state.filters };
  const key = JSON.stringify(q);
  const result = useResource(() => (ready ? kpis.compare(q) : Promise.resolve(undefined)), [key, ready]);
  const nameA = state.mode === "periods" ? t("analytics.range.between", { from: day(state.range.from), to: day(state.range.to) }) : groupLabel(t, state.dimension, state.a, null);
  const nameB = state.mode === "periods" ? t("analytics.range.between", { from: day(b.from), to: day(b.to) }) : groupLabel(t, state.dimension, state.b, null);
  const rows = result.data ? compareRows(t, result.data) : [];
  return (
    <>
      <PageHead title={t("analytics.compare.title")} intro={t("analytics.compare.intro")} />
      <AnalyticsTabs />
      <CompareForm key={key} state={state} />
      {!ready ? <p className="muted">{t("analytics.compare.chooseGroups")}</p> : null}
      {result.error ? <LoadError error={result.error} retry={result.reload} /> : null}
      {result.loading && !result.data && ready ? <Loading /> : null}
      {result.data && rows.length === 0 ? <p className="an-empty">{t("analytics.emptyRange")}</p> : null}
      {rows.length > 0 ? (
        <section className="section" aria-labelledby="an-compare">
          <h2 id="an-compare">{t("analytics.compare.results")}</h2>
          <p className="muted">{t("analytics.compare.rule")}</p>
          <TableWrap label={t("analytics.compare.results")}>
            <table className="an-table an-compare">
              <caption className="visually-hidden">{t("analytics.compare.results")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("analytics.compare.kpi")}</th>
                  <th scope="col" className="an-num">
                    {t("analytics.compare.a")} <span className="an-sub">{nameA}</span>
                  </th>
                  <th scope="col" className="an-num">
                    {t("analytics.compare.b")} <span className="an-sub">{nameB}</span>
                  </th>
                  <th scope="col" className="an-num">
                    {t("analytics.compare.difference")}
                  </th>
                  <th scope="col">{t("analytics.compare.verdict")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-kpi={r.id}>
                    <th scope="row">{r.name}</th>
                    <td className="an-num">{r.a}</td>
                    <td className="an-num">{r.b}</td>
                    <td className="an-num">{r.difference}</td>
                    <td>
                      {r.verdict === "real" ? <span className="badge badge--warn">{t("analytics.compare.real")}</span> : null}
                      {r.verdict === "noise" ? (
                        <>
                          <span className="badge badge--muted">{t("analytics.compare.noise")}</span>
                          {r.band ? <span className="an-sub">{t("analytics.band", { band: r.band })}</span> : null}
                        </>
                      ) : null}
                      {r.verdict === "untested" ? <span className="muted">{t("analytics.compare.untested")}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}
    </>
  );
}
