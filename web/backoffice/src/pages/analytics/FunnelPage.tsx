import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { kpis } from "../../api/kpis";
import { FUNNEL_DIMENSIONS, type Funnel, type FunnelFilters, type KpiFilters, type Rate } from "../../api/types-kpis";
import { useLocation } from "../../router";
import { useResource } from "../../ui/data";
import { TextField } from "../../ui/Field";
import { Loading, LoadError, PageHead } from "../../ui/Page";
import { TableWrap } from "../../ui/TableWrap";
import { BarChart } from "../feedback/BarChart";
import { FilterFields, RangeFields } from "./Controls";
import { band, count, hours, percent } from "./format";
import { localize, stepLabel } from "./labels";
import { filterChanges, type Range, rangeChanges, readFilters, readRange, updateQuery } from "./query";
import { StepPicker, useFlowSteps } from "./StepPicker";
import { AnalyticsTabs } from "./Tabs";
import "./analytics.css";

const DEFAULT_STEPS = ["started", "submitted", "decided", "funded"];
const DEFAULT_WINDOW = 30;

function readSteps(query: URLSearchParams): string[] {
  const raw = query.get("steps");
  if (raw === null) return DEFAULT_STEPS;
  return raw.split(",").filter(Boolean);
}

function readWindow(query: URLSearchParams): number {
  const n = Number(query.get("windowDays"));
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_WINDOW;
}

/** The funnel reads journeys, which have no device or queue filter. */
const funnelFilters = (f: KpiFilters): FunnelFilters => Object.fromEntries(FUNNEL_DIMENSIONS.filter((d) => f[d]).map((d) => [d, f[d]]));

interface FormState {
  range: Range;
  filters: KpiFilters;
  steps: string[];
  windowDays: string;
  flowProduct: string;
}

function FunnelForm({ initial }: { initial: FormState }) {
  const { t } = useTranslation();
  const { path, query } = useLocation();
  const [s, set] = useState(initial);
  const days = Number(s.windowDays);
  const windowError = Number.isInteger(days) && days >= 1 && days <= 365 ? undefined : t("analytics.funnel.windowError");
  const stepsError = s.steps.length < 2 ? t("analytics.funnel.twoSteps") : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (windowError || stepsError) return;
    updateQuery(path, query, {
      ...rangeChanges(s.range),
      ...filterChanges(s.filters),
      steps: s.steps.join(","),
      windowDays: days === DEFAULT_WINDOW ? null : String(days),
      flow: s.flowProduct || null,
    });
  };
  return (
    <form className="card an-form" onSubmit={submit} aria-label={t("analytics.form")} noValidate>
      <RangeFields value={s.range} onChange={(range) => set({ ...s, range })} />
      <StepPicker steps={s.steps} onChange={(steps) => set({ ...s, steps })} product={s.flowProduct} onProduct={(flowProduct) => set({ ...s, flowProduct })} />
      {stepsError ? <p className="error-text">{stepsError}</p> : null}
      <TextField
        label={t("analytics.funnel.window")}
        hint={t("analytics.funnel.windowHint")}
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        value={s.windowDays}
        error={windowError}
        onChange={(e) => set({ ...s, windowDays: e.target.value })}
        className="an-narrow"
      />
      <FilterFields value={s.filters} onChange={(filters) => set({ ...s, filters })} range={s.range} dims={FUNNEL_DIMENSIONS} />
      <div className="actions">
        <button type="submit" className="button" disabled={Boolean(windowError || stepsError)}>
          {t("analytics.funnel.run")}
        </button>
      </div>
    </form>
  );
}

const withBand = (r: Rate | null) => {
  if (!r) return "—";
  const b = band(r.low, r.high, percent);
  return b ? `${percent(r.value)} (${b})` : percent(r.value);
};

function FunnelResult({ funnel, title }: { funnel: Funnel; title: (id: string) => string | undefined }) {
  const { t } = useTranslation();
  const first = funnel.steps[0]?.entered ?? 0;
  if (first === 0) return <p className="an-empty">{t("analytics.funnel.empty")}</p>;
  const label = (step: string) => stepLabel(t, step, title);
  const heading = t("analytics.funnel.result", { days: funnel.windowDays });
  const drop = funnel.dropOffStep;
  return (
    <section className="section" aria-labelledby="an-funnel">
      <h2 id="an-funnel">{heading}</h2>
      {drop ? (
        <p className="an-dropoff">
          <span className="badge badge--error">{t("analytics.funnel.dropOff")}</span> {t("analytics.funnel.dropOffAt", { step: label(drop.step), lost: count(drop.lost), share: percent(drop.share) })}
        </p>
      ) : null}
      <div className="an-chart">
        <BarChart
          horizontal
          label={t("analytics.chartAlt", { title: heading })}
          bars={funnel.steps.map((s) => ({
            label: label(s.step),
            value: s.entered,
            text: `${count(s.entered)} · ${percent(s.conversionFromFirst.value)}`,
            color: s.index === drop?.index ? "#b42318" : undefined,
          }))}
        />
      </div>
      <TableWrap label={heading}>
        <table className="an-table">
          <caption className="visually-hidden">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t("analytics.funnel.step")}</th>
              <th scope="col" className="an-num">
                {t("analytics.funnel.entered")}
              </th>
              <th scope="col" className="an-num">
                {t("analytics.funnel.fromFirst")}
              </th>
              <th scope="col" className="an-num">
                {t("analytics.funnel.fromPrevious")}
              </th>
              <th scope="col" className="an-num">
                {t("analytics.funnel.median")}
              </th>
              <th scope="col" className="an-num">
                {t("analytics.funnel.p90")}
              </th>
            </tr>
          </thead>
          <tbody>
            {funnel.steps.map((s, i) => {
              const dropped = s.index === drop?.index;
              return (
                <tr key={s.index} className={dropped ? "an-row--drop" : undefined}>
                  <th scope="row">
                    {label(s.step)}
                    {dropped ? <span className="badge badge--error an-badge">{t("analytics.funnel.dropOff")}</span> : null}
                  </th>
                  <td className="an-num">{count(s.entered)}</td>
                  <td className="an-num">{withBand(s.conversionFromFirst)}</td>
                  <td className="an-num">{withBand(s.conversionFromPrevious)}</td>
                  <td className="an-num">{i === 0 ? "—" : hours(s.medianHours)}</td>
                  <td className="an-num">{i === 0 ? "—" : hours(s.p90Hours)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/** /analytics/funnels: ordered steps with a conversion window counted from step 1 (kpis.md "Conversion rate"). */
export function FunnelPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const range = readRange(query);
  const filters = funnelFilters(readFilters(query));
  const steps = readSteps(query);
  const windowDays = readWindow(query);
  const flowProduct = query.get("flow") ?? filters.product ?? "";
  const flowSteps = useFlowSteps(flowProduct);
  const title = (id: string) => {
    const s = flowSteps.find((f) => f.id === id);
    return s ? localize(s.title) : undefined;
  };
  const key = JSON.stringify([range.from, range.to, filters, steps, windowDays]);
  const ready = steps.length >= 2;
  const funnel = useResource(() => (ready ? kpis.funnel({ from: range.from, to: range.to, steps, windowDays, ...filters }) : Promise.resolve(undefined)), [key]);
  return (
    <>
      <PageHead title={t("analytics.funnel.title")} intro={t("analytics.funnel.intro")} />
      <AnalyticsTabs />
      <FunnelForm key={key} initial={{ range, filters, steps, windowDays: String(windowDays), flowProduct }} />
      {funnel.error ? <LoadError error={funnel.error} retry={funnel.reload} /> : null}
      {funnel.loading && !funnel.data && ready ? <Loading /> : null}
      {funnel.data ? <FunnelResult funnel={funnel.data} title={title} /> : null}
    </>
  );
}
