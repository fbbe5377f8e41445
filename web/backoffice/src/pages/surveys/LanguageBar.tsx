import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { SURVEY_LOCALES } from "../../../../../src/modules/feedback/definition/types";
import type { SurveyLocale } from "../../api/types";
import { LOCALE_NAMES } from "../../i18n/locales";
import { useDesigner } from "./context";
import { LocalizedField } from "./LocalizedField";
import { dropLanguage, missingIn } from "./texts";

/** Which languages the survey offers, its default, and the one being edited (with what is missing). */
export function LanguageBar({ onEditLanguage }: { onEditLanguage(lang: SurveyLocale): void }) {
  const { t } = useTranslation();
  const { def, edit, lang } = useDesigner();
  const id = useId();
  // Languages just ticked: offered once the title is written in them (the server's rule).
  const [pending, setPending] = useState<SurveyLocale[]>([]);
  const live = (l: SurveyLocale) => def.languages.includes(l) || l === def.defaultLanguage;
  const offered = (l: SurveyLocale) => live(l) || pending.includes(l);
  const toggle = (l: SurveyLocale, on: boolean) => {
    if (on) {
      setPending((p) => [...p, l]);
      onEditLanguage(l);
    } else if (!live(l)) {
      setPending((p) => p.filter((x) => x !== l));
      if (lang === l) onEditLanguage(def.defaultLanguage);
    } else if (window.confirm(t("surveys.lang.removeConfirm", { language: LOCALE_NAMES[l] }))) {
      setPending((p) => p.filter((x) => x !== l));
      edit((d) => dropLanguage(d, l));
      if (lang === l) onEditLanguage(def.defaultLanguage);
    }
  };
  return (
    <section className="lang-bar card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lang-bar__title">
        {t("surveys.lang.title")}
      </h2>
      <div className="lang-bar__grid">
        <fieldset className="group">
          <legend>{t("surveys.lang.offered")}</legend>
          <div className="lang-bar__list">
            {SURVEY_LOCALES.map((l) => (
              <label key={l} className="check" lang={l}>
                <input type="checkbox" checked={offered(l)} disabled={l === def.defaultLanguage} onChange={(e) => toggle(l, e.target.checked)} />
                {LOCALE_NAMES[l]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-default`}>{t("surveys.lang.default")}</label>
          <select id={`${id}-default`} data-path="defaultLanguage" value={def.defaultLanguage} onChange={(e) => edit((d) => ({ ...d, defaultLanguage: e.target.value as SurveyLocale }))}>
            {def.languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="filter">
        <legend>{t("surveys.lang.editing")}</legend>
        <div className="segmented">
          {SURVEY_LOCALES.filter(offered).map((l) => {
            const missing = missingIn(def, l).length;
            return (
              <label key={l} className={`segmented__item${lang === l ? " segmented__item--on" : ""}`}>
                <input type="radio" name={`${id}-edit`} value={l} checked={lang === l} onChange={() => onEditLanguage(l)} />
                <span lang={l}>{LOCALE_NAMES[l]}</span>
                {missing > 0 ? <span className="badge badge--warn">{t("surveys.lang.missingCount", { n: missing })}</span> : null}
              </label>
            );
          })}
        </div>
      </fieldset>
      {live(lang) ? null : (
        <>
          <p className="muted">{t("surveys.lang.titleFirst", { language: LOCALE_NAMES[lang] })}</p>
          <LocalizedField label={t("surveys.survey.name")} path="title" value={def.title} required onChange={(title) => edit((d) => ({ ...d, title }))} />
        </>
      )}
    </section>
  );
}
