import { useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Text } from "../../api/types";
import { LOCALE_NAMES } from "../../i18n/locales";
import { useDesigner } from "./context";
import { inLang, pipingTokens, withLang } from "./model";

interface Props {
  label: string;
  value: Text | undefined;
  onChange(next: Text): void;
  /** Where this text lives in the definition (`questions[2].text`), for problem links. */
  path: string;
  multiline?: boolean;
  /** Offer the {{…}} references that can be piped into this text; a string names the question to leave out. */
  piping?: boolean | string;
  /** The default-language string is required (a question's text, the title). */
  required?: boolean;
}

/**
 * One translatable string: the input for the language being edited, and beside it (when that is
 * not the default language) the default-language string it translates, with "missing" marked.
 */
export function LocalizedField({ label, value, onChange, path, multiline, piping, required }: Props) {
  const { t } = useTranslation();
  const { def, lang } = useDesigner();
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const current = inLang(value, lang);
  const source = inLang(value, def.defaultLanguage);
  const translating = lang !== def.defaultLanguage;
  const missing = translating ? source !== "" && current.trim() === "" : required === true && current.trim() === "";
  const tokens = piping ? pipingTokens(def, typeof piping === "string" ? piping : undefined) : [];

  const insert = (token: string) => {
    const el = ref.current;
    const at = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? at;
    onChange(withLang(value, lang, current.slice(0, at) + token + current.slice(end)));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const control = {
    id,
    ref,
    lang,
    dir: "auto",
    value: current,
    "data-path": `${path}.${lang}`,
    "aria-describedby": missing ? `${id}-missing` : undefined,
    onChange: (e: { target: { value: string } }) => onChange(withLang(value, lang, e.target.value)),
  };
  return (
    <div className={`field loc-field${translating ? " loc-field--pair" : ""}`}>
      <label htmlFor={id}>
        {label}
        {translating ? <span className="muted"> ({LOCALE_NAMES[lang]})</span> : null}
      </label>
      <div className="loc-field__row">
        {translating ? (
          <p className="loc-field__source" lang={def.defaultLanguage} dir="auto">
            <span className="visually-hidden">{t("surveys.lang.source", { language: LOCALE_NAMES[def.defaultLanguage] })} </span>
            {source || <span className="muted">{t("surveys.lang.emptySource")}</span>}
          </p>
        ) : null}
        {multiline ? <textarea rows={2} {...control} /> : <input {...control} />}
      </div>
      {missing ? (
        <p className="loc-field__missing" id={`${id}-missing`}>
          {translating ? t("surveys.lang.missing") : t("fieldErrors.required")}
        </p>
      ) : null}
      {tokens.length > 0 ? (
        <div className="loc-field__pipe">
          <label htmlFor={`${id}-pipe`} className="visually-hidden">
            {t("surveys.piping.label", { field: label })}
          </label>
          <select id={`${id}-pipe`} value="" aria-describedby={`${id}-pipe-hint`} onChange={(e) => e.target.value && insert(e.target.value)}>
            <option value="">{t("surveys.piping.insert")}</option>
            {tokens.map((tok) => (
              <option key={tok} value={tok}>
                {tok}
              </option>
            ))}
          </select>
          <p className="field__hint" id={`${id}-pipe-hint`}>
            {t("surveys.piping.fallback", { example: `\u2066{{${tokens[0]?.slice(2, -2) ?? "q1"}|…}}\u2069` })}
          </p>
        </div>
      ) : null}
    </div>
  );
}
