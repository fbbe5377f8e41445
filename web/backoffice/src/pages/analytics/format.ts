/**
 * Numbers of the analytics pages in the UI language (Intl: digits, separators, percent sign and
 * unit words follow the locale). Every formatter says "—" for a figure the server left null
 * (n = 0), so a missing value is never shown as a zero.
 */
import { currentLocale } from "../../i18n";

const DASH = "—";
const cache = new Map<string, Intl.NumberFormat>();

function fmt(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${currentLocale()}|${key}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.NumberFormat(currentLocale(), options);
    cache.set(id, f);
  }
  return f;
}

const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

export function count(v: number | null | undefined): string {
  return missing(v) ? DASH : fmt("int", { maximumFractionDigits: 0 }).format(v);
}

export function decimal(v: number | null | undefined, digits = 1): string {
  return missing(v) ? DASH : fmt(`dec${digits}`, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
}

/** A share 0..1 as a percentage with one decimal. */
export function percent(v: number | null | undefined): string {
  return missing(v) ? DASH : fmt("pct", { style: "percent", maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(v);
}

/** A difference of two shares, in percentage points, signed (+2.3 / −1.0). */
export function points(v: number | null | undefined, scale = 100): string {
  return missing(v) ? DASH : fmt("pts", { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(v * scale);
}

export function signed(v: number | null | undefined, digits = 1): string {
  return missing(v) ? DASH : fmt(`sgn${digits}`, { maximumFractionDigits: digits, signDisplay: "exceptZero" }).format(v);
}

function unit(v: number, name: "hour" | "day" | "minute" | "second", signDisplay: "auto" | "exceptZero" = "auto"): string {
  return fmt(`${name}${signDisplay}`, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: 1, signDisplay }).format(v);
}

/** Hours as hours below two days, as days above (a time to fund reads better as "3.5 days"). */
export function hours(v: number | null | undefined, sign = false): string {
  if (missing(v)) return DASH;
  const s = sign ? "exceptZero" : "auto";
  return Math.abs(v) < 48 ? unit(v, "hour", s) : unit(v / 24, "day", s);
}

/** Seconds as seconds below two minutes, as minutes above (a handle time reads as "6.5 min"). */
export function seconds(v: number | null | undefined, sign = false): string {
  if (missing(v)) return DASH;
  const s = sign ? "exceptZero" : "auto";
  return Math.abs(v) < 120 ? unit(v, "second", s) : unit(v / 60, "minute", s);
}

/** "61.2 %–70.4 %": a band, each end formatted by `f`. */
export function band(low: number | null | undefined, high: number | null | undefined, f: (v: number) => string): string | null {
  if (missing(low) || missing(high)) return null;
  return `${f(low)} – ${f(high)}`;
}

/** A day (YYYY-MM-DD) in the UI language, without the time. */
export function day(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: "medium", timeZone: "UTC" }).format(d);
}
