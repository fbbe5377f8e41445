import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { COMPLETIONS, type Completion, RESPONSE_CHANNELS, type ResponseChannel, type ResponseFilters } from "../../api/types";
import { LOCALE_NAMES, isLocale } from "../../i18n/locales";
import { SelectField, TextField } from "../../ui/Field";
import { countFilters } from "./filters";
import { localize, type SurveyContext } from "./shared";

interface Props {
  ctx: SurveyContext;
  value: ResponseFilters;
  onApply(next: ResponseFilters): void;
}

const first = (r: Record<string, string> | undefined): [string, string] => {
  const e = Object.entries(r ?? {})[0];
  return e ? [e[0], e[1]] : ["", ""];
};

/** The filters of the results page, in a form applied at once (one URL change, one reload). */
export function ResultsFilters({ ctx, value, onApply }: Props) {
  const { t } = useTranslation();
  const def = ctx.version?.definition;
  const [from, setFrom] = useState(value.from ?? "");
  const [to, setTo] = useState(value.to ?? "");
  const [completion, setCompletion] = useState<Completion>(value.completion ?? "all");
  const [language, setLanguage] = useState(value.language ?? "");
  const [channel, setChannel] = useState<ResponseChannel | "">(value.channel ?? "");
  const [version, setVersion] = useState(value.version ? String(value.version) : "");
  const [tag, setTag] = useState(value.tag ?? "");
  const [[hiddenName, hiddenValue], setHidden] = useState(first(value.hidden));
  const [[answerKey, answerValue], setAnswer] = useState(first(value.answer));
  const versions = Array.from({ length: ctx.survey.publishedVersion ?? 0 }, (_, i) => i + 1);
  const active = countFilters(value);
  const picked = def?.questions.find((q) => q.id === answerKey);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: ResponseFilters = { completion };
    if (from) next.from = from;
    if (to) next.to = to;
    if (language) next.language = language;
    if (channel) next.channel = channel;
    if (version) next.version = Number(version);
    if (tag.trim()) next.tag = tag.trim();
    if (hiddenName && hiddenValue.trim()) next.hidden = { [hiddenName]: hiddenValue.trim() };
    if (answerKey && answerValue.trim()) next.answer = { [answerKey]: answerValue.trim() };
    onApply(next);
  };

  return (
    <details className="card fb-filters" open={active > 0}>
      <summary>{active > 0 ? t("feedback.filters.titleCount", { count: active }) : t("feedback.filters.title")}</summary>
      <form className="grid-form fb-filters__form" onSubmit={submit}>
        <TextField label={t("feedback.filters.from")} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t("feedback.filters.to")} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <SelectField label={t("feedback.filters.completion")} value={completion} onChange={(e) => setCompletion(e.target.value as Completion)}>
          {COMPLETIONS.map((c) => (
            <option key={c} value={c}>
              {t(`feedback.completion.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("feedback.filters.language")} value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="">{t("common.all")}</option>
          {(def?.languages ?? []).map((l) => (
            <option key={l} value={l}>
              {isLocale(l) ? LOCALE_NAMES[l] : l}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("feedback.filters.channel")} value={channel} onChange={(e) => setChannel(e.target.value as ResponseChannel | "")}>
          <option value="">{t("common.all")}</option>
          {RESPONSE_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`feedback.channels.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("feedback.filters.version")} value={version} onChange={(e) => setVersion(e.target.value)}>
          <option value="">{t("common.all")}</option>
          {versions.map((v) => (
            <option key={v} value={v}>
              {t("feedback.versionN", { version: v })}
            </option>
          ))}
        </SelectField>
        <TextField label={t("feedback.filters.tag")} value={tag} onChange={(e) => setTag(e.target.value)} />
        {def && def.hiddenFields.length > 0 ? (
          <div className="fb-pair">
            <SelectField label={t("feedback.filters.hiddenField")} value={hiddenName} onChange={(e) => setHidden([e.target.value, hiddenValue])}>
              <option value="">{t("common.choose")}</option>
              {def.hiddenFields.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </SelectField>
            <TextField label={t("feedback.filters.hiddenValue")} value={hiddenValue} onChange={(e) => setHidden([hiddenName, e.target.value])} />
          </div>
        ) : null}
        {def ? (
          <div className="fb-pair">
            <SelectField label={t("feedback.filters.question")} value={answerKey} onChange={(e) => setAnswer([e.target.value, answerValue])}>
              <option value="">{t("common.choose")}</option>
              {def.questions
                .filter((q) => q.type !== "statement" && q.type !== "file")
                .map((q) => (
                  <option key={q.id} value={q.id}>
                    {localize(q.text, def.defaultLanguage) || q.id}
                  </option>
                ))}
            </SelectField>
            {picked?.choices ? (
              <SelectField label={t("feedback.filters.answerValue")} value={answerValue} onChange={(e) => setAnswer([answerKey, e.target.value])}>
                <option value="">{t("common.choose")}</option>
                {picked.choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {localize(c.text, def.defaultLanguage) || c.id}
                  </option>
                ))}
              </SelectField>
            ) : (
              <TextField
                label={t("feedback.filters.answerValue")}
                hint={t("feedback.filters.answerHint")}
                value={answerValue}
                onChange={(e) => setAnswer([answerKey, e.target.value])}
              />
            )}
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="button">
            {t("feedback.filters.apply")}
          </button>
          {active > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => onApply({})}>
              {t("feedback.filters.clear")}
            </button>
          ) : null}
        </div>
      </form>
    </details>
  );
}
