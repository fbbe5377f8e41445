/**
 * Query filters shared by the explore endpoints (journeys, funnels, journey maps): a date range of
 * whole UTC days (journeys belong to it by their start, as every KPI in kpis.md) and the slicing
 * dimensions. The same filters apply to the `journeys` table and to the `kpi_touch` rollup, whose
 * `channel` is the journey's start channel (model/cube.ts), so both read "channel" the same way.
 */
import type { ExpressionBuilder } from "kysely";
import { type Actor, scopeFilter } from "../../../kernel/access";
import { DAY } from "../../../kernel/clock";
import { AppError } from "../../../kernel/errors";
import type { DB } from "../../../db";
import { z } from "../../../server/openapi";

const isDay = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD").refine(isDay, "is not a calendar day");

/** Product codes: the bank's own or an external system's, so any code of this shape is accepted. */
export const PRODUCT_CODE = /^[a-z0-9_*-]{1,60}$/;
export const ProductCode = z.string().regex(PRODUCT_CODE, "must be 1–60 of a-z 0-9 _ - *");

/** An event name a funnel or definition can name: 1–200 characters, no control characters, no comma (lists are comma-separated). */
export const isEventName = (s: string): boolean => s.length >= 1 && s.length <= 200 && !s.includes(",") && ![...s].some((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === "\u007f");

const DimValue = z.string().trim().min(1).max(200);

export const FilterQuery = z.object({
  from: Day.optional().openapi({ description: "First day (UTC, inclusive) of the journeys' start", example: "2026-01-01" }),
  to: Day.optional().openapi({ description: "Last day (UTC, inclusive) of the journeys' start", example: "2026-03-31" }),
  product: ProductCode.optional(),
  channel: DimValue.optional().openapi({ description: "The journey's start channel (web, app, branch, call, …)" }),
  region: DimValue.optional().openapi({ description: "Region id as the events carried it (properties.regionId)" }),
  branch: DimValue.optional().openapi({ description: "Branch id (properties.branchId)" }),
  agent: DimValue.optional().openapi({ description: "Agent id (properties.agentId)" }),
  segment: DimValue.optional().openapi({ description: "Customer segment (properties.segment)" }),
});
export type Filters = z.output<typeof FilterQuery>;

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const startOfDay = (day: string): Date => new Date(`${day}T00:00:00Z`);

export interface DayRange {
  from: string;
  /** Inclusive. */
  to: string;
}

/** At most ten years at once: wider ranges are a typo, and would scan needlessly. */
const MAX_RANGE_DAYS = 3660;

/**
 * The query's range: both ends given, or defaults (to = today UTC, from = `defaultDays` − 1 days
 * before to). `null` when neither end is given and the endpoint has no default (the journeys list).
 */
export function rangeOf(q: { from?: string; to?: string }, today: Date, defaultDays: number | null): DayRange | null {
  if (!q.from && !q.to && defaultDays === null) return null;
  const to = q.to ?? (q.from && defaultDays === null ? "9999-12-31" : today.toISOString().slice(0, 10));
  const from = q.from ?? (defaultDays === null ? "1970-01-01" : addDays(to, -(defaultDays - 1)));
  if (from > to) {
    const path = q.to ? "query.to" : "query.from";
    throw new AppError("validation_failed", "from is after to", { issues: [{ path, message: q.to ? "is before from" : "is after today", code: "out_of_range" }] });
  }
  if (q.from && q.to && (startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY >= MAX_RANGE_DAYS) {
    throw new AppError("validation_failed", "The range is too long", { issues: [{ path: "query.to", message: `is more than ${MAX_RANGE_DAYS} days after from`, code: "too_big", params: { maximum: MAX_RANGE_DAYS } }] });
  }
  return { from, to };
}

/** WHERE for the journeys table: the actor's tenant and data scope, the range by start, the dimensions. */
export function journeyWhere(actor: Actor, f: Filters, range: DayRange | null) {
  return (eb: ExpressionBuilder<DB, "journeys">) => {
    const and = [eb("journeys.tenant_id", "=", actor.tenantId), scopeFilter(actor, { region: "journeys.region", branch: "journeys.branch", owner: "journeys.agent" })(eb)];
    if (range) {
      and.push(eb("journeys.started_at", ">=", startOfDay(range.from)));
      if (range.to < "9999-12-31") and.push(eb("journeys.started_at", "<", startOfDay(addDays(range.to, 1))));
    }
    if (f.product && f.product !== "*") and.push(eb("journeys.product", "=", f.product));
    if (f.channel) and.push(eb("journeys.start_channel", "=", f.channel));
    if (f.region) and.push(eb("journeys.region", "=", f.region));
    if (f.branch) and.push(eb("journeys.branch", "=", f.branch));
    if (f.agent) and.push(eb("journeys.agent", "=", f.agent));
    if (f.segment) and.push(eb("journeys.segment", "=", f.segment));
    return eb.and(and);
  };
}

/**
 * The rollup rows that cover a range exactly once: whole calendar months inside it at grain month,
 * the days before the first and after the last whole month at grain day.
 */
export interface GrainSpans {
  /** Month periods (first days), inclusive bounds; null when the range holds no whole month. */
  months: [string, string] | null;
  days: [string, string][];
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonthStart = (day: string) => {
  const d = new Date(`${monthStart(day)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

export function grainSpans(range: DayRange): GrainSpans {
  const firstWhole = range.from === monthStart(range.from) ? range.from : nextMonthStart(range.from);
  // The day after the last whole month: the 1st of to's month, unless to is its month's last day.
  const afterTo = addDays(range.to, 1);
  const endWhole = afterTo === monthStart(afterTo) ? afterTo : monthStart(range.to);
  if (firstWhole >= endWhole) return { months: null, days: [[range.from, range.to]] };
  const days: [string, string][] = [];
  if (range.from < firstWhole) days.push([range.from, addDays(firstWhole, -1)]);
  if (endWhole <= range.to) days.push([endWhole, range.to]);
  return { months: [firstWhole, monthStart(addDays(endWhole, -1))], days };
}

/** WHERE for kpi_touch: tenant, scope, the grain spans of the range and the dimensions. */
export function touchWhere(actor: Actor, f: Filters, range: DayRange) {
  const spans = grainSpans(range);
  return (eb: ExpressionBuilder<DB, "kpi_touch">) => {
    const periods = spans.days.map(([a, b]) => eb.and([eb("kpi_touch.grain", "=", "day"), eb("kpi_touch.period", ">=", a), eb("kpi_touch.period", "<=", b)]));
    if (spans.months) periods.push(eb.and([eb("kpi_touch.grain", "=", "month"), eb("kpi_touch.period", ">=", spans.months[0]), eb("kpi_touch.period", "<=", spans.months[1])]));
    const and = [eb("kpi_touch.tenant_id", "=", actor.tenantId), scopeFilter(actor, { region: "kpi_touch.region", branch: "kpi_touch.branch", owner: "kpi_touch.agent" })(eb), eb.or(periods)];
    if (f.product && f.product !== "*") and.push(eb("kpi_touch.product", "=", f.product));
    if (f.channel) and.push(eb("kpi_touch.channel", "=", f.channel));
    if (f.region) and.push(eb("kpi_touch.region", "=", f.region));
    if (f.branch) and.push(eb("kpi_touch.branch", "=", f.branch));
    if (f.agent) and.push(eb("kpi_touch.agent", "=", f.agent));
    if (f.segment) and.push(eb("kpi_touch.segment", "=", f.segment));
    return eb.and(and);
  };
}
