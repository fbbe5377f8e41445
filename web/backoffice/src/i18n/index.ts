import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "../api/types";
import { CATALOGUES } from "./catalogues";
import { dirOf, isLocale, LOCALES, matchLocale } from "./locales";

const STORAGE_KEY = "atrium.locale";

function stored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The language before anyone signs in: last choice on this device, then the browser's. */
export function initialLocale(): Locale {
  const saved = stored();
  if (isLocale(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return "en";
}

/** Switches the UI language and mirrors it onto <html lang dir> at once. */
export async function applyLocale(locale: Locale): Promise<void> {
  document.documentElement.lang = locale;
  document.documentElement.dir = dirOf(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : "en";
}

export function initI18n(): typeof i18next {
  const lng = initialLocale();
  document.documentElement.lang = lng;
  document.documentElement.dir = dirOf(lng);
  void i18next.use(initReactI18next).init({
    resources: {
      en: { translation: CATALOGUES.en },
      he: { translation: CATALOGUES.he },
      ar: { translation: CATALOGUES.ar },
      "zh-Hans": { translation: CATALOGUES["zh-Hans"] },
      "zh-Hant": { translation: CATALOGUES["zh-Hant"] },
    },
    lng,
    fallbackLng: "en",
    supportedLngs: [...LOCALES],
    load: "currentOnly",
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return i18next;
}
