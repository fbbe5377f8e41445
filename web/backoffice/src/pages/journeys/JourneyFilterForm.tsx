import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { JOURNEY_CHANNELS, JOURNEY_STATUSES, type JourneyFilters, type JourneyStatus } from "../../api/types-journeys";
import { SelectField, TextField } from "../../ui/Field";
import { countJourneyFilters } from "./filters";
import { channelName } from "./shared";

interface Props {
  value: JourneyFilters;
  onApply(next: JourneyFilters): void;
  /** The journey map picks its product elsewhere and has no status. */
  without?: readonly ("status" | "product")[];
}

type Text = "product" | "branch" | "region" | "agent" | "segment";

/** Range, status and the slicing dimensions, applied at once (one URL change, one reload). */
export function JourneyFilterForm({ value, onApply, without = [] }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<JourneyFilters>(value);
  const active = countJourneyFilters(value);
  const set = (patch: JourneyFilters) => setDraft((d) => ({ ...d, ...patch }));
  const text = (key: Text) => (
    <TextField key={key} label={t(`journeys.filters.${key}`)} dir="auto" value={draft[key] ?? ""} onChange={(e) => set({ [key]: e.target.value })} />
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };

  return (
    <details className="card jr-filters" open={active > 0}>
      <summary>{active > 0 ? t("journeys.filters.titleCount", { count: active }) : t("journeys.filters.title")}</summary>
      <form className="grid-form jr-filters__form" onSubmit={submit}>
        <TextField label={t("journeys.filters.from")} hint={t("journeys.filters.rangeHint")} type="date" value={draft.from ?? ""} onChange={(e) => set({ from: e.target.value })} />
        <TextField label={t("journeys.filters.to")} type="date" value={draft.to ?? ""} onChange={(e) => set({ to: e.target.value })} />
        {without.includes("status") ? null : (
          <SelectField
            label={t("journeys.filters.status")}
            value={draft.status ?? ""}
            onChange={(e) => set({ status: (e.target.value || undefined) as JourneyStatus | undefined })}
          >
            <option value="">{t("common.all")}</option>
            {JOURNEY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`journeys.status.${s}`)}
              </option>
            ))}
          </SelectField>
        )}
        {without.includes("product") ? null : text("product")}
        <SelectField label={t("journeys.filters.channel")} value={draft.channel ?? ""} onChange={(e) => set({ channel: e.target.value })}>
          <option value="">{t("common.all")}</option>
          {JOURNEY_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {channelName(t, c)}
            </option>
          ))}
        </SelectField>
        {text("region")}
        {text("branch")}
        {text("agent")}
        {text("segment")}
        <div className="actions">
          <button type="submit" className="button">
            {t("journeys.filters.apply")}
          </button>
          {active > 0 ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft({});
                onApply({});
              }}
            >
              {t("journeys.filters.clear")}
            </button>
          ) : null}
        </div>
      </form>
    </details>
  );
}
