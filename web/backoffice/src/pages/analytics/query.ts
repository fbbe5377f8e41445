/**
 * The analytics pages keep their whole state (range, grouping, filters, funnel steps) in the URL,
 * so a view can be bookmarked, shared and reloaded, and Back undoes a change. Dates are UTC days,
 * as the KPI engine's periods are.
 */
import { KPI_DIMENSIONS, type KpiDimension, type KpiFilters, type KpiGroupBy, TIME_BUCKETS } from "../../api/types-kpis";
import { navigate } from "../../router";

export const PRESETS = ["30d", "quarter", "year", "custom"] as const;
export type Preset = (typeof PRESETS)[number];

export interface Range {
  from: string;
  to: string;
  preset: Preset;
}

/** The dimensions the dashboard filters on (the queue only matters to contacts; it is a grouping). */
export const FILTER_DIMENSIONS: readonly KpiDimension[] = ["product", "channel", "region", "branch", "agent", "segment", "device"];
export const GROUPINGS: readonly KpiGroupBy[] = [...KPI_DIMENSIONS, ...TIME_BUCKETS];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_DAY = 86_400_000;

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
export const today = (): string => isoDay(new Date());
export const addDays = (day: string, n: number): string => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_DAY));
/** Days from `from` to `to`, both counted. */
export const spanDays = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_DAY) + 1;

function quarterStart(day: string): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(q).padStart(2, "0")}-01`;
}

/** The range of a preset ending today (custom: none of its own, the last 30 days to start from). */
export function presetRange(preset: Preset, end = today()): { from: string; to: string } {
  if (preset === "quarter") return { from: quarterStart(end), to: end };
  if (preset === "year") return { from: `${end.slice(0, 4)}-01-01`, to: end };
  return { from: addDays(end, -29), to: end };
}

/** The whole quarter before the one `day` falls in. */
export function previousQuarter(day: string): { from: string; to: string } {
  const start = quarterStart(day);
  const prevEnd = addDays(start, -1);
  return { from: quarterStart(prevEnd), to: prevEnd };
}

/** The same number of days just before a range. */
export function previousSpan(from: string, to: string): { from: string; to: string } {
  const n = spanDays(from, to);
  return { from: addDays(from, -n), to: addDays(from, -1) };
}

export function readRange(query: URLSearchParams, prefix = ""): Range {
  const raw = query.get(`${prefix}preset`);
  const preset: Preset = (PRESETS as readonly string[]).includes(raw ?? "") ? (raw as Preset) : "30d";
  const from = query.get(`${prefix}from`) ?? "";
  const to = query.get(`${prefix}to`) ?? "";
  if (preset === "custom" && DAY.test(from) && DAY.test(to)) return { from, to, preset };
  return { ...presetRange(preset), preset: preset === "custom" ? "30d" : preset };
}

export function readFilters(query: URLSearchParams): KpiFilters {
  const out: KpiFilters = {};
  for (const d of KPI_DIMENSIONS) {
    const v = query.get(d);
    if (v) out[d] = v;
  }
  return out;
}

export function readGroupBy(query: URLSearchParams, fallback: KpiGroupBy): KpiGroupBy {
  const g = query.get("groupBy") ?? "";
  return (GROUPINGS as readonly string[]).includes(g) ? (g as KpiGroupBy) : fallback;
}

/** Replaces some URL parameters of the current page (null/"" removes one) and navigates. */
export function updateQuery(path: string, query: URLSearchParams, changes: Record<string, string | null | undefined>): void {
  const next = new URLSearchParams(query);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") next.delete(k);
    else next.set(k, v);
  }
  const qs = next.toString();
  navigate(`${path}${qs ? `?${qs}` : ""}`);
}

/** URL changes of a range: presets are stored by name so "last 30 days" moves with the calendar. */
export function rangeChanges(range: Range, prefix = ""): Record<string, string | null> {
  return range.preset === "custom"
    ? { [`${prefix}preset`]: "custom", [`${prefix}from`]: range.from, [`${prefix}to`]: range.to }
    : { [`${prefix}preset`]: range.preset === "30d" ? null : range.preset, [`${prefix}from`]: null, [`${prefix}to`]: null };
}

export const filterChanges = (filters: KpiFilters): Record<string, string | null> =>
  Object.fromEntries(KPI_DIMENSIONS.map((d) => [d, filters[d] ?? null]));

export const activeFilters = (filters: KpiFilters): number => Object.values(filters).filter(Boolean).length;
