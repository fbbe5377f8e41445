import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { kpis } from "../../api/kpis";
import type { KpiDimension, KpiFilters } from "../../api/types-kpis";
import { SelectField, TextField } from "../../ui/Field";
import { activeFilters, FILTER_DIMENSIONS, PRESETS, type Preset, presetRange, type Range } from "./query";
import { day } from "./format";
import { valueLabel } from "./labels";

/** A date range: presets ending today, or two days of one's own. */
export function RangeFields({ value, onChange, legend }: { value: Range; onChange(next: Range): void; legend?: string }) {
  const { t } = useTranslation();
  const pick = (preset: Preset) => onChange(preset === "custom" ? { ...value, preset } : { ...presetRange(preset), preset });
  return (
    <fieldset className="filter an-range">
      <legend>{legend ?? t("analytics.range.label")}</legend>
      <div className="segmented">
        {PRESETS.map((p) => (
          <label key={p} className={`segmented__item${value.preset === p ? " segmented__item--on" : ""}`}>
            <input type="radio" name={`${legend ?? "range"}-preset`} checked={value.preset === p} onChange={() => pick(p)} />
            {t(`analytics.range.${p}`)}
          </label>
        ))}
      </div>
      {value.preset === "custom" ? (
        <div className="an-dates">
          <TextField label={t("analytics.range.from")} type="date" required value={value.from} max={value.to} onChange={(e) => onChange({ ...value, from: e.target.value })} />
          <TextField label={t("analytics.range.to")} type="date" required value={value.to} min={value.from} onChange={(e) => onChange({ ...value, to: e.target.value })} />
        </div>
      ) : (
        <p className="muted an-range__days">
          {t("analytics.range.between", { from: day(value.from), to: day(value.to) })}
        </p>
      )}
    </fieldset>
  );
}

type Options = Partial<Record<KpiDimension, { key: string; label: string | null }[]>>;

/**
 * The values one can filter on are those present in the range, asked of the KPI engine itself
 * (one grouping per dimension), so any role that may read KPIs can filter, within its own scope,
 * and only on values that have data. Asked once the filters are opened.
 */
function useOptions(range: Range, open: boolean, dims: readonly KpiDimension[]): Options {
  const [options, setOptions] = useState<Options>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: `dims` is a constant list per page
  useEffect(() => {
    if (!open) return;
    let live = true;
    setOptions({});
    for (const d of dims) {
      kpis
        .report({ from: range.from, to: range.to, groupBy: d })
        .then((r) => live && setOptions((prev) => ({ ...prev, [d]: r.groups.filter((g) => g.key !== "") })))
        // Without options the select still offers "all" and the value in use.
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [range.from, range.to, open]);
  return options;
}

/** One select per dimension; "" is every value. */
export function FilterFields({ value, onChange, range, dims = FILTER_DIMENSIONS }: { value: KpiFilters; onChange(next: KpiFilters): void; range: Range; dims?: readonly KpiDimension[] }) {
  const { t } = useTranslation();
  const active = activeFilters(value);
  const [open, setOpen] = useState(active > 0);
  const options = useOptions(range, open, dims);
  return (
    <details className="an-filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{active ? t("analytics.filters.titleCount", { count: active }) : t("analytics.filters.title")}</summary>
      <div className="grid-form">
        {dims.map((d) => {
          const list = options[d] ?? [];
          const current = value[d] ?? "";
          const known = !current || list.some((o) => o.key === current);
          return (
            <SelectField key={d} label={t(`analytics.groupBy.${d}`)} value={current} onChange={(e) => onChange({ ...value, [d]: e.target.value || undefined })}>
              <option value="">{t("analytics.filters.all")}</option>
              {known ? null : <option value={current}>{valueLabel(t, d, current)}</option>}
              {list.map((o) => (
                <option key={o.key} value={o.key}>
                  {valueLabel(t, d, o.key, o.label)}
                </option>
              ))}
            </SelectField>
          );
        })}
      </div>
    </details>
  );
}
