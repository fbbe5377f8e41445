import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { LOCALE_NAMES, LOCALES, type Locale } from "../i18n/locales";
import { isLocale } from "../i18n/locales";
import { useSession } from "../session";

/** Changes <html lang dir> at once; when signed in the choice is saved on the account. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { setLocale } = useSession();
  const [failed, setFailed] = useState(false);
  const id = useId();
  const value = isLocale(i18n.language) ? i18n.language : "en";
  return (
    <div className={`lang-switch${compact ? " lang-switch--compact" : ""}`}>
      <label htmlFor={id} className={compact ? "visually-hidden" : undefined}>
        {t("language.label")}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const next = e.target.value as Locale;
          setFailed(false);
          setLocale(next).catch(() => setFailed(true));
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      {failed ? (
        <span role="alert" className="lang-switch__error">
          {t("language.saveFailed")}
        </span>
      ) : null}
    </div>
  );
}
