import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { DB } from "../../db";
import { type Actor, scopeFilter } from "../../kernel/access";
import { AppError } from "../../kernel/errors";
import { z } from "../../server/openapi";
import type { Question, SurveyDefinition } from "./definition/types";

/**
 * Filters shared by the responses list, the summary and the export. Query parameters:
 * from, to (started_at; a date means that whole UTC day), completion, language, channel, version,
 * tag, contactId, `hidden.<name>=<value>` (a declared hidden field), `answer.<questionId>=<value>`
 * (equals a choice id or number; contains, for text).
 */
export const COMPLETIONS = ["all", "completed", "partial", "in_progress", "screened_out"] as const;
export type Completion = (typeof COMPLETIONS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const when = z
  .string()
  .refine((v) => (DATE.test(v) || !Number.isNaN(Date.parse(v))) && /^\d{4}-/.test(v), "a date (YYYY-MM-DD) or an ISO timestamp");

export const FilterQuery = z.object({
  from: when.optional().openapi({ description: "Started at or after (a date: from that UTC day's start)" }),
  to: when.optional().openapi({ description: "Started before (a date: up to that UTC day's end, inclusive)" }),
  completion: z.enum(COMPLETIONS).default("all").openapi({ description: "all = every status (summaries count completed and partial)" }),
  language: z.string().max(20).optional(),
  channel: z.string().max(20).optional(),
  version: z.coerce.number().int().min(1).optional(),
  tag: z.string().min(1).max(40).optional(),
  contactId: z.uuid().optional(),
});

export const FILTER_DESCRIPTION =
  "Filters: `from`, `to`, `completion`, `language`, `channel`, `version`, `tag`, `contactId`, and any number of " +
  "`hidden.<name>=<value>` (a hidden field the survey declares) and `answer.<questionId>=<value>` (equals a choice id " +
  "or a number; for text questions, contains — case-insensitive). Branch and region managers only see responses " +
  "of their scope.";

export interface ResponseFilters {
  from?: Date;
  to?: Date;
  /** Both bounds fall on UTC midnights (rollups keep days). */
  dayAligned: boolean;
  completion: Completion;
  language?: string;
  channel?: string;
  version?: number;
  tag?: string;
  contactId?: string;
  hidden: Record<string, string>;
  answer: { question: Question; value: string }[];
}

const bad = (path: string, message: string) =>
  new AppError("validation_failed", `The filter ${path} is not valid`, { issues: [{ path: `query.${path}`, message, code: "invalid_filter" }] });

/**
 * Reads the filters from a validated query and the raw query (for `hidden.*` and `answer.*`),
 * checking names against every version of the survey.
 */
export function parseFilters(q: z.output<typeof FilterQuery>, raw: Record<string, string>, defs: SurveyDefinition[]): ResponseFilters {
  const start = (v: string) => new Date(DATE.test(v) ? `${v}T00:00:00Z` : v);
  const from = q.from ? start(q.from) : undefined;
  const to = q.to ? (DATE.test(q.to) ? new Date(start(q.to).getTime() + 86_400_000) : new Date(q.to)) : undefined;
  const midnight = (d?: Date) => !d || d.getTime() % 86_400_000 === 0;
  const hiddenNames = new Set(defs.flatMap((d) => d.hiddenFields ?? []));
  const questions = new Map<string, Question>();
  for (const d of defs) for (const x of d.questions) questions.set(x.id, x);
  const hidden: Record<string, string> = {};
  const answer: ResponseFilters["answer"] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith("hidden.")) {
      const name = key.slice(7);
      if (!hiddenNames.has(name)) throw bad(key, "is not a hidden field of this survey");
      hidden[name] = value;
    } else if (key.startsWith("answer.")) {
      const question = questions.get(key.slice(7));
      if (!question) throw bad(key, "is not a question of this survey");
      if (value.length === 0 || value.length > 200) throw bad(key, "must be 1–200 characters");
      answer.push({ question, value });
    }
  }
  return { from, to, dayAligned: midnight(from) && midnight(to), completion: q.completion, language: q.language, channel: q.channel, version: q.version, tag: q.tag, contactId: q.contactId, hidden, answer };
}

/**
 * True when the rollups can answer these filters (dimensions they keep): the whole-period table
 * serves language, channel and data scope; the daily table serves whole-day date ranges with data scope.
 */
export function rollupsServe(f: ResponseFilters): boolean {
  const dated = f.from !== undefined || f.to !== undefined;
  if (dated && !(f.dayAligned && f.language === undefined && f.channel === undefined)) return false;
  return (
    (f.completion === "all" || f.completion === "completed" || f.completion === "partial") &&
    f.version === undefined &&
    f.tag === undefined &&
    f.contactId === undefined &&
    Object.keys(f.hidden).length === 0 &&
    f.answer.length === 0
  );
}

type EB = ExpressionBuilder<DB, "survey_responses">;

function answerCondition(eb: EB, question: Question, value: string) {
  const id = question.id;
  switch (question.type) {
    case "multi":
    case "ranking":
    case "picture":
      return sql<boolean>`(survey_responses.answers -> ${id} = to_jsonb(${value}::text) or (jsonb_typeof(survey_responses.answers -> ${id}) = 'array' and survey_responses.answers -> ${id} @> jsonb_build_array(${value}::text)))`;
    case "matrix": {
      const [row, col] = value.split("=");
      return sql<boolean>`(survey_responses.answers -> ${id} ->> ${row ?? ""} = ${col ?? ""} or survey_responses.answers -> ${id} -> ${row ?? ""} @> jsonb_build_array(${col ?? ""}::text))`;
    }
    case "text":
    case "contact":
    case "address":
      return sql<boolean>`strpos(lower((survey_responses.answers -> ${id})::text), lower(${value})) > 0`;
    default:
      return eb(sql`survey_responses.answers ->> ${id}`, "=", value);
  }
}

/** Applies tenant, survey, scope and filters to a query over survey_responses. */
export function applyFilters<O>(
  qb: SelectQueryBuilder<DB, "survey_responses", O>,
  actor: Actor,
  surveyId: string,
  f: ResponseFilters,
): SelectQueryBuilder<DB, "survey_responses", O> {
  let q = qb
    .where("survey_responses.tenant_id", "=", actor.tenantId)
    .where("survey_responses.survey_id", "=", surveyId)
    .where(scopeFilter(actor, { region: "survey_responses.region_id", branch: "survey_responses.branch_id" }));
  if (f.from) q = q.where("survey_responses.started_at", ">=", f.from);
  if (f.to) q = q.where("survey_responses.started_at", "<", f.to);
  if (f.completion !== "all") q = q.where("survey_responses.status", "=", f.completion);
  if (f.language) q = q.where("survey_responses.language", "=", f.language);
  if (f.channel) q = q.where("survey_responses.channel", "=", f.channel);
  if (f.version) q = q.where("survey_responses.version", "=", f.version);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(survey_responses.tags)`);
  if (f.contactId) q = q.where("survey_responses.contact_id", "=", f.contactId);
  for (const [name, value] of Object.entries(f.hidden)) q = q.where(sql`survey_responses.hidden ->> ${name}`, "=", value);
  for (const a of f.answer) q = q.where((eb) => answerCondition(eb, a.question, a.value));
  return q;
}

/** Raw query parameters of a request (last value wins). */
export const rawQuery = (url: string): Record<string, string> => Object.fromEntries(new URL(url).searchParams.entries());
