import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { FlowText } from "../../api/types";
import { LOCALE_NAMES } from "../../i18n/locales";
import { useFlowEditor } from "./context";
import { inLang, withLang } from "./model";

interface Props {
  label: string;
  value: FlowText | undefined;
  onChange(next: FlowText): void;
  /** Where this text lives in the definition (`steps[2].title`), for problem links. */
  path: string;
  multiline?: boolean;
  /** The default-language string is required (a title, a label). */
  required?: boolean;
}

/**
 * One translatable string: the input for the language being edited and, when that is not the
 * default language, the default-language text it translates shown beside it as the reference.
 */
export function LocText({ label, value, onChange, path, multiline, required }: Props) {
  const { t } = useTranslation();
  const { def, lang } = useFlowEditor();
  const id = useId();
  const current = inLang(value, lang);
  const source = inLang(value, def.defaultLanguage);
  const translating = lang !== def.defaultLanguage;
  const missing = translating ? source !== "" && current.trim() === "" : required === true && current.trim() === "";
  const control = {
    id,
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
            <span className="visually-hidden">{t("flows.lang.source", { language: LOCALE_NAMES[def.defaultLanguage] })} </span>
            {source || <span className="muted">{t("flows.lang.emptySource")}</span>}
          </p>
        ) : null}
        {multiline ? <textarea rows={2} {...control} /> : <input {...control} />}
      </div>
      {missing ? (
        <p className="loc-field__missing" id={`${id}-missing`}>
          {translating ? t("flows.lang.missing") : t("fieldErrors.required")}
        </p>
      ) : null}
    </div>
  );
}
