import { currentLocale } from "../i18n";

const cache = new Map<string, Intl.DateTimeFormat>();

/** Date and time in the UI language (Intl does the localisation, including the calendar digits). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = currentLocale();
  let fmt = cache.get(locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    cache.set(locale, fmt);
  }
  return fmt.format(date);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n);
}
