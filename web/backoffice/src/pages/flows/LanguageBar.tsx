import { useId } from "react";
import { useTranslation } from "react-i18next";
import { FLOW_LOCALES } from "../../../../../src/modules/onboarding/flow/types";
import type { FlowLocale } from "../../api/types";
import { LOCALE_NAMES } from "../../i18n/locales";
import { useFlowEditor } from "./context";
import { missingIn, setLanguages } from "./model";

/** Which languages the flow offers, its default, and the one being edited (with what is missing). */
export function LanguageBar({ onEditLanguage }: { onEditLanguage(lang: FlowLocale): void }) {
  const { t } = useTranslation();
  const { def, edit, lang } = useFlowEditor();
  const id = useId();
  const toggle = (l: FlowLocale, on: boolean) => {
    edit((d) => setLanguages(d, on ? [...d.languages, l] : d.languages.filter((x) => x !== l)));
    if (on) onEditLanguage(l);
    else if (lang === l) onEditLanguage(def.defaultLanguage);
  };
  return (
    <section className="lang-bar card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lang-bar__title">
        {t("flows.lang.title")}
      </h2>
      <div className="lang-bar__grid">
        <fieldset className="group" data-path="languages" tabIndex={-1}>
          <legend>{t("flows.lang.offered")}</legend>
          <div className="lang-bar__list">
            {FLOW_LOCALES.map((l) => (
              <label key={l} className="check" lang={l}>
                <input type="checkbox" checked={def.languages.includes(l)} disabled={l === def.defaultLanguage} onChange={(e) => toggle(l, e.target.checked)} />
                {LOCALE_NAMES[l]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-default`}>{t("flows.lang.default")}</label>
          <select id={`${id}-default`} data-path="defaultLanguage" value={def.defaultLanguage} onChange={(e) => edit((d) => ({ ...d, defaultLanguage: e.target.value as FlowLocale }))}>
            {def.languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="filter">
        <legend>{t("flows.lang.editing")}</legend>
        <div className="segmented">
          {def.languages.map((l) => {
            const missing = missingIn(def, l).length;
            return (
              <label key={l} className={`segmented__item${lang === l ? " segmented__item--on" : ""}`}>
                <input type="radio" name={`${id}-edit`} value={l} checked={lang === l} onChange={() => onEditLanguage(l)} />
                <span lang={l}>{LOCALE_NAMES[l]}</span>
                {missing > 0 ? <span className="badge badge--warn">{t("flows.lang.missingCount", { n: missing })}</span> : null}
              </label>
            );
          })}
        </div>
      </fieldset>
    </section>
  );
}
