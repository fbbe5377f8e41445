/**
 * Six-digit MRZ dates (YYMMDD) to ISO dates. The zone has no century, so it is chosen:
 * a birth date lies in the past (20YY if that is not after today, else 19YY); an expiry date lies
 * within 50 years ahead (20YY unless that is more than 50 years from today, else 19YY).
 */
export type DateKind = "birth" | "expiry";

export type DateOutcome = { iso: string } | { unknown: true } | { invalid: true };

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function mrzDate(raw: string, kind: DateKind, now: Date): DateOutcome {
  if (raw.includes("<")) return /^[0-9<]{6}$/.test(raw) ? { unknown: true } : { invalid: true };
  if (!/^\d{6}$/.test(raw)) return { invalid: true };
  const yy = Number(raw.slice(0, 2));
  const mm = Number(raw.slice(2, 4));
  const dd = Number(raw.slice(4, 6));
  if (mm < 1 || mm > 12) return { invalid: true };
  const today = isoDay(now);
  let year = 2000 + yy;
  const iso = (y: number) => `${pad(y, 4)}-${pad(mm)}-${pad(dd)}`;
  if (kind === "birth") {
    if (iso(year) > today) year -= 100;
  } else {
    const limit = `${pad(now.getUTCFullYear() + 50, 4)}${today.slice(4)}`;
    if (iso(year) > limit) year -= 100;
  }
  if (dd < 1 || dd > daysIn(year, mm)) return { invalid: true };
  return { iso: iso(year) };
}

export const todayIso = isoDay;
