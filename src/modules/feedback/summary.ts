import { sql } from "kysely";
import type { Db } from "../../db";
import { type Actor, scopeFilter } from "../../kernel/access";
import type { Question, SurveyDefinition } from "./definition/types";
import { applyFilters, type ResponseFilters, rollupsServe } from "./responses-query";
import { type Bucket, contributions, type FactRow, foldSurvey, loadDefinitions } from "./rollups";
import { cesOf, csatOf, meanOf, medianOfHistogram, npsOf, round2, share } from "./stats";

/**
 * GET /surveys/{id}/summary. Unit of analysis: one response; time anchor: started_at; question
 * statistics count answers of completed and partial responses (in-progress ones once closed,
 * screened-out never); a skipped question is in no denominator. Served from the rollups (after
 * folding the tail) when the filters allow, else by scanning the matching responses; both paths
 * count through `contributions`, so they agree.
 */

/** (bucket, question key, value key) → count. */
export type Tally = Map<string, number>;
const SEP = "\u0001";
export const tallyKey = (bucket: string, qk: string, vk: string) => `${bucket}${SEP}${qk}${SEP}${vk}`;

const bucketsFor = (f: ResponseFilters): Bucket[] =>
  f.completion === "all" ? ["completed", "partial", "screened_out"] : f.completion === "in_progress" ? [] : [f.completion];

/**
 * Reads the rollups: with a date range the daily table (no language or channel dimension:
 * `rollupsServe` sends those combinations to the scan), otherwise the whole-period table. Both keep
 * region and branch, so a branch or region manager's summary is served from them too.
 */
async function fromRollups(db: Db, actor: Actor, surveyId: string, f: ResponseFilters): Promise<Tally> {
  const buckets = bucketsFor(f);
  const count = sql<number>`sum(count)::int8`.as("count");
  let rows: { bucket: string; question_key: string; value_key: string; count: number }[];
  if (f.from || f.to) {
    let q = db
      .selectFrom("survey_rollups_daily")
      .select(["bucket", "question_key", "value_key", count])
      .where("tenant_id", "=", actor.tenantId)
      .where("survey_id", "=", surveyId)
      .where("bucket", "in", buckets)
      .where(scopeFilter(actor, { region: "survey_rollups_daily.region_id", branch: "survey_rollups_daily.branch_id" }));
    if (f.from) q = q.where("day", ">=", sql<Date>`${f.from.toISOString().slice(0, 10)}::date`);
    if (f.to) q = q.where("day", "<", sql<Date>`${f.to.toISOString().slice(0, 10)}::date`);
    rows = await q.groupBy(["bucket", "question_key", "value_key"]).execute();
  } else {
    let q = db
      .selectFrom("survey_rollups")
      .select(["bucket", "question_key", "value_key", count])
      .where("tenant_id", "=", actor.tenantId)
      .where("survey_id", "=", surveyId)
      .where("bucket", "in", buckets)
      .where(scopeFilter(actor, { region: "survey_rollups.region_id", branch: "survey_rollups.branch_id" }));
    if (f.language) q = q.where("language", "=", f.language);
    if (f.channel) q = q.where("channel", "=", f.channel);
    rows = await q.groupBy(["bucket", "question_key", "value_key"]).execute();
  }
  return new Map(rows.map((r) => [tallyKey(r.bucket, r.question_key, r.value_key), Number(r.count)]));
}

async function byScan(db: Db, actor: Actor, surveyId: string, f: ResponseFilters, defs: Map<number, SurveyDefinition>): Promise<Tally> {
  const tally: Tally = new Map();
  const buckets = bucketsFor(f);
  if (buckets.length === 0) return tally;
  let last = 0;
  for (;;) {
    const rows = await applyFilters(
      db
        .selectFrom("survey_responses")
        .select(["seq", "version", "status", "language", "channel", "region_id", "branch_id", "started_at", "answers", "submitted", "current_page", "duration_ms"]),
      actor,
      surveyId,
      f,
    )
      .where("status", "in", buckets)
      .where("seq", ">", last)
      .orderBy("seq")
      .limit(5_000)
      .execute();
    for (const r of rows) {
      for (const [qk, vk] of contributions(r as unknown as FactRow, defs.get(r.version))) {
        const k = tallyKey(r.status, qk, vk);
        tally.set(k, (tally.get(k) ?? 0) + 1);
      }
    }
    if (rows.length < 5_000) return tally;
    last = rows[rows.length - 1]?.seq as number;
  }
}

async function countInProgress(db: Db, actor: Actor, surveyId: string, f: ResponseFilters): Promise<number> {
  if (f.completion !== "all" && f.completion !== "in_progress") return 0;
  const row = await applyFilters(db.selectFrom("survey_responses").select(sql<number>`count(*)::int8`.as("n")), actor, surveyId, { ...f, completion: "all" })
    .where("status", "=", "in_progress")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function computeSummary(db: Db, actor: Actor, surveyId: string, f: ResponseFilters) {
  const defs = await loadDefinitions(db, actor.tenantId, surveyId);
  let tally: Tally;
  if (rollupsServe(f)) {
    await foldSurvey(db, actor.tenantId, surveyId);
    tally = await fromRollups(db, actor, surveyId, f);
  } else {
    tally = await byScan(db, actor, surveyId, f, defs);
  }
  return buildSummary(tally, await countInProgress(db, actor, surveyId, f), [...defs.values()]);
}

/** Every question by id across versions, latest version's wording and order first. */
function questionsOf(defs: SurveyDefinition[]): Question[] {
  const seen = new Map<string, Question>();
  for (const d of [...defs].reverse()) for (const q of d.questions) if (!seen.has(q.id)) seen.set(q.id, q);
  return [...seen.values()].filter((q) => q.type !== "statement");
}

export function buildSummary(tally: Tally, inProgress: number, defs: SurveyDefinition[]) {
  const get = (b: string, qk: string, vk: string) => tally.get(tallyKey(b, qk, vk)) ?? 0;
  /** Completed + partial (the buckets answers are counted in). */
  const both = (qk: string, vk: string) => get("completed", qk, vk) + get("partial", qk, vk);
  const completed = get("completed", "$n", "");
  const partial = get("partial", "$n", "");
  const screenedOut = get("screened_out", "$n", "");
  const hist = new Map<number, number>();
  for (const [k, n] of tally) {
    const [b, qk, vk] = k.split(SEP);
    if (b === "completed" && qk === "$dur") hist.set(Number(vk), (hist.get(Number(vk)) ?? 0) + n);
  }
  const questions: Record<string, ReturnType<typeof questionSummary>> = {};
  const list = questionsOf(defs);
  for (const q of list) questions[q.id] = questionSummary(q, (vk) => both(q.id, vk));
  return {
    responses: completed + partial,
    started: completed + partial + screenedOut + inProgress,
    completed,
    partial,
    screenedOut,
    inProgress,
    completionRate: completed + partial === 0 ? null : round2((100 * completed) / (completed + partial)),
    medianSecondsToComplete: medianOfHistogram(hist),
    questions,
    dropOff: list.map((q) => ({ questionId: q.id, reached: both("$reached", q.id), answered: both("$answered", q.id), droppedHere: both("$dropped", q.id) })),
  };
}

const scale = (count: (vk: string) => number, low: number, high: number) => Array.from({ length: high - low + 1 }, (_, i) => count(String(low + i)));

export function questionSummary(q: Question, count: (vk: string) => number) {
  const n = count("");
  switch (q.type) {
    case "nps":
      return { type: "nps" as const, ...npsOf(scale(count, 0, 10)) };
    case "csat":
      return { type: "csat" as const, ...csatOf(scale(count, 1, 5)) };
    case "ces": {
      const { scale: _s, ...ces } = cesOf(scale(count, 1, 7));
      return { type: "ces" as const, ...ces };
    }
    case "rating": {
      const distribution = scale(count, 1, q.points);
      return { type: "rating" as const, n: distribution.reduce((a, b) => a + b, 0), mean: meanOf(distribution), distribution };
    }
    case "single":
    case "multi":
    case "dropdown":
    case "picture":
      return { type: q.type, n, choices: q.choices.map((c) => ({ id: c.id, count: count(c.id), percent: share(count(c.id), n) })) };
    case "ranking":
      return {
        type: "ranking" as const,
        n,
        choices: q.choices.map((c) => {
          let total = 0;
          let sum = 0;
          for (let r = 1; r <= q.choices.length; r++) {
            const k = count(`${c.id}@${r}`);
            total += k;
            sum += k * r;
          }
          return { id: c.id, averageRank: total === 0 ? null : round2(sum / total) };
        }),
      };
    case "matrix":
      return { type: "matrix" as const, n, rows: q.rows.map((r) => ({ id: r.id, columns: q.columns.map((c) => ({ id: c.id, count: count(`${r.id}=${c.id}`) })) })) };
    case "consent":
      return { type: "consent" as const, n, yes: count("true") };
    default:
      return { type: q.type, n };
  }
}

export type Summary = ReturnType<typeof buildSummary>;
