/**
 * The KPI API's query and response shapes (GET /kpis, GET /kpis/compare). The CLI parses its flags
 * with the same query schemas, so both refuse the same input with the same field names.
 */
import { z } from "../../../server/openapi";
import { DIMENSIONS, type Dimension } from "../model/cube";
import { addDays, type Filters, GROUP_BYS } from "./rollups";

/** The longest range a report covers: three years (to < from + 3 years). */
export const MAX_YEARS = 3;
export const MAX_FILTER_VALUE = 200;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => {
  if (!DATE.test(s)) return false;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
};

const Day = (description: string) =>
  z
    .string()
    .refine(isDay, { message: "must be a date YYYY-MM-DD" })
    .openapi({ description, example: "2026-01-01", format: "date" });

/** One value, repeated parameters or a comma-separated list; trimmed, empty values dropped, duplicates removed. */
const FilterValues = z
  .union([z.string(), z.array(z.string())])
  .transform((v, ctx) => {
    const list = (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s.length > 0);
    if (list.some((s) => s.length > MAX_FILTER_VALUE)) ctx.addIssue({ code: "custom", message: `a value is longer than ${MAX_FILTER_VALUE} characters` });
    if (list.length > 100) ctx.addIssue({ code: "custom", message: "at most 100 values" });
    return [...new Set(list)];
  })
  .openapi({ description: "Only these values (repeat the parameter or separate with commas)", type: "string" });

const filterShape = Object.fromEntries(DIMENSIONS.map((d) => [d, FilterValues.optional()])) as Record<Dimension, z.ZodOptional<typeof FilterValues>>;

/** The latest `to` a range starting at `from` may have. */
export function lastAllowedDay(from: string): string {
  const t = new Date(`${from}T00:00:00Z`);
  return addDays(new Date(Date.UTC(t.getUTCFullYear() + MAX_YEARS, t.getUTCMonth(), t.getUTCDate())).toISOString().slice(0, 10), -1);
}

/** to ≥ from and at most three years, reported on the `to` field. */
function checkRange(ctx: z.RefinementCtx, from: string | undefined, to: string | undefined, toField: string) {
  if (!from || !to || !isDay(from) || !isDay(to)) return;
  if (to < from) ctx.addIssue({ code: "custom", path: [toField], message: "must not be before the start of the range" });
  else if (to > lastAllowedDay(from)) ctx.addIssue({ code: "custom", path: [toField], message: `the range may cover at most ${MAX_YEARS} years (until ${lastAllowedDay(from)})` });
}

const FundedWithinDays = z.coerce.number().int().min(1).max(3650).default(30).openapi({ description: "timeToFund.fundedWithin: share funded within this many days (default 30)", type: "integer" });

const common = {
  from: Day("First day of the range (UTC, inclusive); journeys belong to the day they started"),
  to: Day("Last day of the range (UTC, inclusive); at most three years after `from`"),
  fundedWithinDays: FundedWithinDays,
  ...filterShape,
};

export const KpiQuery = z
  .strictObject({
    ...common,
    groupBy: z.enum(GROUP_BYS).optional().openapi({ description: "A dimension, or a time bucket (day, week from Monday, month, quarter; the key is the bucket's first day)" }),
  })
  .superRefine((q, ctx) => checkRange(ctx, q.from, q.to, "to"));
export type KpiQuery = z.output<typeof KpiQuery>;

export const CompareQuery = z
  .strictObject({
    ...common,
    compareFrom: Day("Two periods: the first day of the period compared with [from, to]").optional(),
    compareTo: Day("Two periods: the last day of the period compared with [from, to]").optional(),
    dimension: z.enum(DIMENSIONS).optional().openapi({ description: "Two groups over [from, to]: the dimension whose values `a` and `b` are compared" }),
    a: z.string().max(MAX_FILTER_VALUE).optional().openapi({ description: "Two groups: the first value ('' = not recorded)" }),
    b: z.string().max(MAX_FILTER_VALUE).optional().openapi({ description: "Two groups: the second value" }),
  })
  .superRefine((q, ctx) => {
    checkRange(ctx, q.from, q.to, "to");
    const byGroup = q.dimension !== undefined || q.a !== undefined || q.b !== undefined;
    const byPeriod = q.compareFrom !== undefined || q.compareTo !== undefined;
    const missing = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
    if (byGroup && byPeriod) missing("dimension", "compare two periods (compareFrom, compareTo) or two groups (dimension, a, b), not both");
    else if (byGroup) {
      if (q.dimension === undefined) missing("dimension", "required with a and b");
      if (q.a === undefined) missing("a", "required with dimension");
      if (q.b === undefined) missing("b", "required with dimension");
    } else {
      if (q.compareFrom === undefined) missing("compareFrom", "required: the period compared with [from, to] (or give dimension, a and b)");
      if (q.compareTo === undefined) missing("compareTo", "required with compareFrom");
      checkRange(ctx, q.compareFrom, q.compareTo, "compareTo");
    }
  });
export type CompareQuery = z.output<typeof CompareQuery>;

/** The filters of a parsed query. */
export const filtersOf = (q: Partial<Record<Dimension, string[] | undefined>>): Filters => Object.fromEntries(DIMENSIONS.filter((d) => q[d]?.length).map((d) => [d, q[d]]));

// ---- responses ----

const n = z.number().int().openapi({ description: "The denominator" });
const share = z.number().nullable();

export const RateSchema = z
  .object({ value: share.openapi({ description: "0..1; null when n = 0" }), low: share.openapi({ description: "Wilson 95 % interval" }), high: share, n })
  .openapi("KpiRate");

const durationShape = { medianHours: z.number().nullable(), p90Hours: z.number().nullable(), meanHours: z.number().nullable(), n };
export const DurationsSchema = z.object(durationShape).openapi("KpiDurations");

export const KpisSchema = z
  .object({
    completionRate: RateSchema,
    abandonmentRate: RateSchema,
    onboardingRate: RateSchema,
    conversionRate: RateSchema,
    singleChannelRate: RateSchema,
    followUpRate: RateSchema,
    timeToFund: z.object({ ...durationShape, fundedWithin: z.object({ days: z.number().int(), share }) }),
    timeToDecision: DurationsSchema,
    turnaroundTime: z.object({ ...durationShape, withinSla: z.object({ share, n }) }),
    averageHandleTime: z.object({ meanSeconds: z.number().nullable(), medianSeconds: z.number().nullable(), n }),
    touchpointsPerJourney: z.object({ mean: z.number().nullable(), median: z.number().nullable(), n }),
    channelSwitches: z.object({ mean: z.number().nullable(), n }),
    nps: z.object({
      score: z.number().nullable().openapi({ description: "% promoters (9–10) − % detractors (0–6), −100..100" }),
      n,
      promoters: z.number().int(),
      passives: z.number().int(),
      detractors: z.number().int(),
      interval95: z.tuple([z.number(), z.number()]).nullable().openapi({ description: "Adjusted-Wald 95 % interval, in NPS points" }),
      distribution: z.array(z.number().int()).openapi({ description: "Answers per score 0..10" }),
    }),
    csat: z.object({ score: share.openapi({ description: "Top-2-box (4–5) share, 0..1" }), n, scale: z.literal("1-5"), distribution: z.array(z.number().int()) }),
    ces: z.object({ mean: z.number().nullable(), agreeShare: share.openapi({ description: "Share of 5–7 answers" }), n, scale: z.literal("1-7"), distribution: z.array(z.number().int()) }),
    counts: z.object({
      started: z.number().int(),
      submitted: z.number().int(),
      abandoned: z.number().int(),
      decided: z.number().int(),
      approved: z.number().int(),
      funded: z.number().int(),
      opened: z.number().int(),
      contacts: z.number().int(),
      responses: z.number().int(),
    }),
  })
  .openapi("Kpis");

export const KpiReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(GROUP_BYS).nullable(),
    total: KpisSchema,
    groups: z.array(
      z.object({
        key: z.string().openapi({ description: "The stored value ('' = not recorded); time buckets: the bucket's first day" }),
        label: z.string().nullable().openapi({ description: "Branch, region and agent names; otherwise the key; null when not recorded" }),
        kpis: KpisSchema,
      }),
    ),
  })
  .openapi("KpiReport");

export const KpiTestSchema = z
  .object({
    difference: z.number().nullable().openapi({ description: "a − b (rates: share; NPS: points; durations: median hours or seconds)" }),
    z: z.number().nullable().optional(),
    interval: z.tuple([z.number(), z.number()]).nullable().optional().openapi({ description: "Bootstrap 95 % interval of the difference of medians" }),
    significant: z.boolean(),
    method: z.enum(["two-proportion-z", "nps-z", "bootstrap-median"]),
  })
  .openapi("KpiTest");

export const KpiComparisonSchema = z.object({ a: KpisSchema, b: KpisSchema, tests: z.record(z.string(), KpiTestSchema) }).openapi("KpiComparison");
