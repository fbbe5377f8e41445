import { useTranslation } from "react-i18next";
import type { Locale } from "../api/types";
import { LOCALE_NAMES, LOCALES } from "../i18n/locales";
import { SelectField } from "./Field";

/** The language to write to someone in: each one named in itself. */
export function LocaleField({ value, onChange, error }: { value: Locale; onChange(locale: Locale): void; error: string | undefined }) {
  const { t } = useTranslation();
  return (
    <SelectField label={t("profile.language")} name="locale" value={value} onChange={(e) => onChange(e.target.value as Locale)} error={error}>
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LOCALE_NAMES[l]}
        </option>
      ))}
    </SelectField>
  );
}
