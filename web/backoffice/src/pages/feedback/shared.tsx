import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { results } from "../../api/feedback";
import type { SurveyInfo, SurveyQuestionDef, SurveyText, SurveyVersionInfo } from "../../api/types";
import { currentLocale } from "../../i18n";
import { useResource } from "../../ui/data";
import "./feedback.css";

/** A survey text in the page's language, else the survey's default language, else any. */
export function localize(text: SurveyText | undefined, fallback?: string): string {
  if (!text) return "";
  return text[currentLocale()] ?? (fallback ? text[fallback] : undefined) ?? Object.values(text)[0] ?? "";
}

export interface SurveyContext {
  survey: SurveyInfo;
  /** The latest published version (question texts of results come from it); null before publishing. */
  version: SurveyVersionInfo | null;
}

/** The survey and its latest published definition. */
export function useSurvey(id: string) {
  return useResource<SurveyContext>(async () => {
    const survey = await results.survey(id);
    const version = survey.publishedVersion ? await results.version(id, survey.publishedVersion) : null;
    return { survey, version };
  }, [id]);
}

export function questionText(q: SurveyQuestionDef | undefined, id: string, lang?: string): string {
  return q ? localize(q.text, lang) || id : id;
}

export function choiceText(list: { id: string; text: SurveyText }[] | undefined, id: string, lang?: string): string {
  const c = list?.find((x) => x.id === id);
  return c ? localize(c.text, lang) || id : id;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number in the UI language with at most `digits` decimals. */
export function num(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  const key = `${currentLocale()}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

/** "42.5 %" in the UI language (the API sends percentages as 0–100). */
export function percent(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return new Intl.NumberFormat(currentLocale(), { style: "percent", maximumFractionDigits: 1 }).format(n / 100);
}

/** A duration such as "3 min 20 s" in the UI language. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.round(seconds);
  const unit = (value: number, u: "hour" | "minute" | "second") =>
    new Intl.NumberFormat(currentLocale(), { style: "unit", unit: u, unitDisplay: "short" }).format(value);
  if (s < 60) return unit(s, "second");
  if (s < 3600) return `${unit(Math.floor(s / 60), "minute")} ${unit(s % 60, "second")}`;
  return `${unit(Math.floor(s / 3600), "hour")} ${unit(Math.floor((s % 3600) / 60), "minute")}`;
}

/** A value to copy (a link, a snippet): read-only text, a Copy button and what happened. */
export function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      input.current?.select();
      setCopied("no");
    }
  };
  const common = { id, ref: input, readOnly: true, value, dir: "ltr" as const, spellCheck: false, onFocus: (e: { target: { select(): void } }) => e.target.select() };
  return (
    <div className="field fb-copy">
      <label htmlFor={id}>{label}</label>
      <div className="fb-copy__row">
        {multiline ? <textarea {...common} rows={3} className="fb-copy__value" /> : <input {...common} className="fb-copy__value" />}
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {t("common.copy")}
          <span className="visually-hidden"> {label}</span>
        </button>
      </div>
      <p role="status" className="muted fb-copy__status">
        {copied === "yes" ? t("common.copied") : copied === "no" ? t("feedback.copyManually") : null}
      </p>
    </div>
  );
}

/** A figure with its name, for the headline cards. */
export function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="fb-stat">
      <dt>{label}</dt>
      <dd>
        <span className="fb-stat__value">{value}</span>
        {hint ? <span className="fb-stat__hint">{hint}</span> : null}
      </dd>
    </div>
  );
}
