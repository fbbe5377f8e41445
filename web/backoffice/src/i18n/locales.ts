import { LOCALES, type Locale } from "../api/types";

/** Each language named in itself, so a reader can find theirs whatever the page language is. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  he: "עברית",
  ar: "العربية",
  "zh-Hans": "简体中文",
  "zh-Hant": "繁體中文",
};

const RTL = new Set<Locale>(["he", "ar"]);

export function dirOf(locale: Locale): "rtl" | "ltr" {
  return RTL.has(locale) ? "rtl" : "ltr";
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Best supported match for a BCP 47 tag such as `he-IL`, `zh-TW` or `zh-Hans-CN`. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith("zh")) {
    if (/hant|-tw|-hk|-mo/.test(lower)) return "zh-Hant";
    return "zh-Hans";
  }
  const base = lower.split("-")[0];
  if (base === "iw") return "he";
  return isLocale(base) ? base : null;
}

export { LOCALES, type Locale };
