import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Question, SurveyLocale, Text } from "../../api/types";
import { dirOf, LOCALE_NAMES } from "../../i18n/locales";
import type { Definition } from "./model";

const SCALES: Partial<Record<Question["type"], [number, number]>> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

/**
 * What a respondent reads, page by page, in a 360-px phone frame: texts only (piping shown as
 * written), in one of the survey's languages, mirrored for right-to-left languages.
 */
export function PhonePreview({ def, initialLang }: { def: Definition; initialLang?: SurveyLocale }) {
  const { t } = useTranslation();
  const id = useId();
  const [lang, setLang] = useState<SurveyLocale>(initialLang && def.languages.includes(initialLang) ? initialLang : def.defaultLanguage);
  const [page, setPage] = useState(0);
  const tx = (text: Text | undefined) => text?.[lang] || text?.[def.defaultLanguage] || "";
  const current = def.pages[Math.min(page, def.pages.length - 1)];
  const questions = (current?.questionIds ?? []).map((qid) => def.questions.find((q) => q.id === qid)).filter((q): q is Question => !!q);
  const ending = def.endings[0];
  const done = page >= def.pages.length;
  return (
    <div className="preview">
      <div className="preview__tools">
        <label htmlFor={`${id}-lang`}>{t("surveys.preview.language")}</label>
        <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(e.target.value as SurveyLocale)}>
          {def.languages.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
        <button type="button" className="button button--small button--secondary" disabled={page === 0} onClick={() => setPage((p) => Math.max(0, p - 1))}>
          {t("surveys.preview.previous")}
        </button>
        <button type="button" className="button button--small button--secondary" disabled={done} onClick={() => setPage((p) => p + 1)}>
          {t("surveys.preview.next")}
        </button>
        <span className="muted" aria-live="polite">
          {done ? t("surveys.preview.ending") : t("surveys.preview.pageOf", { n: page + 1, total: def.pages.length })}
        </span>
      </div>
      <section className="phone" lang={lang} dir={dirOf(lang)} aria-label={t("surveys.preview.frame")}>
        <h3 className="phone__title">{tx(def.title)}</h3>
        {page === 0 && def.description ? <p className="phone__text">{tx(def.description)}</p> : null}
        {done ? (
          <div className="phone__q">
            <p className="phone__qtext">{tx(ending?.title)}</p>
            {ending?.text ? <p className="phone__text">{tx(ending.text)}</p> : null}
          </div>
        ) : (
          questions.map((q) => <PreviewQuestion key={q.id} q={q} tx={tx} />)
        )}
      </section>
    </div>
  );
}

function PreviewQuestion({ q, tx }: { q: Question; tx(text: Text | undefined): string }) {
  const { t } = useTranslation();
  const scale = SCALES[q.type] ?? (q.type === "rating" ? ([1, q.points] as [number, number]) : undefined);
  return (
    <div className="phone__q">
      <p className="phone__qtext">
        {tx(q.text) || <span className="muted">{q.id}</span>}
        {q.required ? <span aria-hidden="true"> *</span> : null}
      </p>
      {q.description ? <p className="phone__text">{tx(q.description)}</p> : null}
      {q.showIf ? <p className="phone__note">{t("surveys.preview.conditional")}</p> : null}
      {scale ? (
        <>
          <ol className="phone__scale" aria-label={t(`surveys.types.${q.type}`)}>
            {Array.from({ length: scale[1] - scale[0] + 1 }, (_, i) => scale[0] + i).map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ol>
          {"lowLabel" in q && (q.lowLabel || q.highLabel) ? (
            <p className="phone__ends">
              <span>{tx(q.lowLabel)}</span>
              <span>{tx(q.highLabel)}</span>
            </p>
          ) : null}
        </>
      ) : null}
      {"choices" in q ? (
        <ul className="phone__choices">
          {q.choices.map((c) => (
            <li key={c.id}>{tx(c.text)}</li>
          ))}
        </ul>
      ) : null}
      {q.type === "matrix" ? (
        <ul className="phone__choices">
          {q.rows.map((r) => (
            <li key={r.id}>
              {tx(r.text)} <span className="muted">({q.columns.map((c) => tx(c.text)).join(" · ")})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {q.type === "consent" ? <p className="phone__choices">☐ {tx(q.label)}</p> : null}
      {q.type === "statement" && (q.buttonLabel || q.url) ? <p className="phone__button">{tx(q.buttonLabel) || q.url}</p> : null}
      {["text", "date", "file", "contact", "address"].includes(q.type) ? <p className="phone__input">{t(`surveys.types.${q.type}`)}</p> : null}
    </div>
  );
}
