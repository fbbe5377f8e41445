import { sql } from "kysely";
import type { Db, Executor } from "../../db";
import type { Question, SurveyDefinition } from "./definition/types";
import { durationBucket } from "./stats";

/**
 * Summary rollups. Every final response (completed, partial, screened_out) contributes counts of
 * (question key, value key) pairs under its dimensions, into two tables (migration 0003): the whole
 * period per (language, channel, region, branch, status bucket), and per (UTC day of started_at,
 * region, branch, status bucket). Pseudo-questions: `$n` (the response itself), `$dur`
 * (completed only: seconds to complete, bucketed by durationBucket), `$reached`, `$answered`,
 * `$dropped` (value = question id, once per response: drop-off). A question's own key counts
 * answers (value '') and values (scale point, choice id, `choice@rank`, `row=column`, true/false).
 *
 * Folding (foldSurvey) runs in a job every few seconds and at the start of each summary request,
 * under an exclusive advisory lock per survey; the finalize trigger (migration 0003) holds the
 * same lock shared while it hands out finalized_seq, so everything below the high-water mark a
 * fold sees is committed. The summary itself and this fold share `contributions`, and the scan
 * path (filters rollups cannot serve) uses it too, so both paths count the same way.
 */

export const FOLD_LOCK = 4_242_003;

export interface FactRow {
  version: number;
  status: string;
  language: string;
  channel: string;
  region_id: string | null;
  branch_id: string | null;
  started_at: Date | string;
  answers: Record<string, unknown>;
  submitted: string[];
  current_page: string | null;
  duration_ms: number | null;
}

export type Bucket = "completed" | "partial" | "screened_out";
export const FINAL: readonly Bucket[] = ["completed", "partial", "screened_out"];

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** The value keys one answer contributes besides '' (answered). */
export function valueKeys(q: Question, v: unknown): string[] {
  switch (q.type) {
    case "nps":
    case "csat":
    case "ces":
    case "rating":
      return typeof v === "number" ? [String(v)] : [];
    case "single":
    case "dropdown":
      return typeof v === "string" ? [v] : [];
    case "multi":
    case "picture":
      return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
    case "ranking":
      return Array.isArray(v) ? v.map((id, i) => `${String(id)}@${i + 1}`) : [];
    case "matrix":
      if (!v || typeof v !== "object") return [];
      return Object.entries(v as Record<string, unknown>).flatMap(([row, col]) =>
        (Array.isArray(col) ? col : [col]).map((c) => `${row}=${String(c)}`),
      );
    case "consent":
      return typeof v === "boolean" ? [String(v)] : [];
    default:
      return [];
  }
}

/** Question ids of a definition, by page id. */
function pageQuestions(def: SurveyDefinition): Map<string, string[]> {
  return new Map(def.pages.map((p) => [p.id, p.questionIds]));
}

const questionMap = new WeakMap<SurveyDefinition, { byId: Map<string, Question>; pages: Map<string, string[]> }>();
function index(def: SurveyDefinition) {
  let x = questionMap.get(def);
  if (!x) {
    x = { byId: new Map(def.questions.map((q) => [q.id, q])), pages: pageQuestions(def) };
    questionMap.set(def, x);
  }
  return x;
}

/** The (question key, value key) pairs one response contributes. */
export function contributions(row: FactRow, def: SurveyDefinition | undefined): [string, string][] {
  const out: [string, string][] = [["$n", ""]];
  if (row.status === "screened_out") return out;
  if (row.status === "completed" && row.duration_ms !== null && row.duration_ms !== undefined) {
    out.push(["$dur", String(durationBucket(row.duration_ms / 1000).low)]);
  }
  if (!def) return out;
  const { byId, pages } = index(def);
  const answered = new Set<string>();
  for (const [key, value] of Object.entries(row.answers ?? {})) {
    if (isEmpty(value)) continue;
    const qid = key.split("#")[0] as string;
    const q = byId.get(qid);
    if (!q || q.type === "statement") continue;
    answered.add(qid);
    out.push([qid, ""]);
    for (const vk of valueKeys(q, value)) out.push([qid, vk]);
  }
  // Drop-off: questions on submitted pages and the current page were reached.
  const reached: string[] = [];
  const seen = new Set<string>();
  const pageKeys = [...(row.submitted ?? []), ...(row.current_page ? [row.current_page] : [])];
  for (const pk of pageKeys) {
    for (const qid of pages.get(pk.split("#")[0] as string) ?? []) {
      if (seen.has(qid) || byId.get(qid)?.type === "statement") continue;
      seen.add(qid);
      reached.push(qid);
    }
  }
  for (const qid of answered) if (!seen.has(qid)) reached.push(qid);
  for (const qid of reached) out.push(["$reached", qid]);
  for (const qid of answered) out.push(["$answered", qid]);
  if (row.status === "partial") {
    const current = row.current_page ? (pages.get(row.current_page.split("#")[0] as string) ?? []) : [];
    const onPage = current.filter((id) => byId.get(id)?.type !== "statement");
    const dropped = onPage.find((id) => !answered.has(id)) ?? onPage[0] ?? reached[reached.length - 1];
    if (dropped) out.push(["$dropped", dropped]);
  }
  return out;
}

export const dayOf = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

/** Definitions of a survey's versions, by version (immutable once published: cached by the caller). */
export async function loadDefinitions(db: Executor, tenantId: string, surveyId: string, versions?: number[]) {
  let q = db.selectFrom("survey_versions").select(["version", "definition"]).where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId);
  if (versions) {
    if (versions.length === 0) return new Map<number, SurveyDefinition>();
    q = q.where("version", "in", versions);
  }
  const rows = await q.orderBy("version").execute();
  return new Map(rows.map((r) => [r.version, r.definition as unknown as SurveyDefinition]));
}

/** Counts for both rollup tables, keyed by their dimensions joined with SEP. */
interface Counts {
  /** language, channel, region, branch, bucket, question key, value key */
  whole: Map<string, number>;
  /** day, region, branch, bucket, question key, value key */
  daily: Map<string, number>;
}
const SEP = "\u0001";
const newCounts = (): Counts => ({ whole: new Map(), daily: new Map() });
const bump = (m: Map<string, number>, k: string, by: number) => m.set(k, (m.get(k) ?? 0) + by);

function addRow(counts: Counts, row: FactRow, def: SurveyDefinition | undefined, sign: number) {
  const whole = [row.language, row.channel, row.region_id ?? "", row.branch_id ?? "", row.status].join(SEP);
  const daily = [dayOf(row.started_at), row.region_id ?? "", row.branch_id ?? "", row.status].join(SEP);
  for (const [qk, vk] of contributions(row, def)) {
    bump(counts.whole, `${whole}${SEP}${qk}${SEP}${vk}`, sign);
    bump(counts.daily, `${daily}${SEP}${qk}${SEP}${vk}`, sign);
  }
}

function rowsOf(m: Map<string, number>, names: string[]): unknown[] {
  const rows: unknown[] = [];
  for (const [k, count] of m) {
    if (count === 0) continue;
    const parts = k.split(SEP);
    rows.push({ ...Object.fromEntries(names.map((n, i) => [n, parts[i]])), count });
  }
  return rows;
}

async function applyCounts(trx: Executor, tenantId: string, surveyId: string, counts: Counts) {
  const whole = rowsOf(counts.whole, ["language", "channel", "region_id", "branch_id", "bucket", "question_key", "value_key"]);
  for (let i = 0; i < whole.length; i += 20_000) {
    const chunk = JSON.stringify(whole.slice(i, i + 20_000));
    await sql`insert into survey_rollups (tenant_id, survey_id, language, channel, region_id, branch_id, bucket, question_key, value_key, count)
      select ${tenantId}::uuid, ${surveyId}::uuid, x.language, x.channel, x.region_id, x.branch_id, x.bucket, x.question_key, x.value_key, x.count
      from jsonb_to_recordset(${chunk}::jsonb) as x(language text, channel text, region_id text, branch_id text, bucket text, question_key text, value_key text, count bigint)
      on conflict (tenant_id, survey_id, language, channel, region_id, branch_id, bucket, question_key, value_key)
      do update set count = survey_rollups.count + excluded.count`.execute(trx);
  }
  const daily = rowsOf(counts.daily, ["day", "region_id", "branch_id", "bucket", "question_key", "value_key"]);
  for (let i = 0; i < daily.length; i += 20_000) {
    const chunk = JSON.stringify(daily.slice(i, i + 20_000));
    await sql`insert into survey_rollups_daily (tenant_id, survey_id, day, region_id, branch_id, bucket, question_key, value_key, count)
      select ${tenantId}::uuid, ${surveyId}::uuid, x.day, x.region_id, x.branch_id, x.bucket, x.question_key, x.value_key, x.count
      from jsonb_to_recordset(${chunk}::jsonb) as x(day date, region_id text, branch_id text, bucket text, question_key text, value_key text, count bigint)
      on conflict (tenant_id, survey_id, day, region_id, branch_id, bucket, question_key, value_key)
      do update set count = survey_rollups_daily.count + excluded.count`.execute(trx);
  }
}

/** Rows a retraction brought to zero carry no information. */
async function dropEmpty(trx: Executor, tenantId: string, surveyId: string) {
  await trx.deleteFrom("survey_rollups").where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId).where("count", "<=", 0).execute();
  await trx.deleteFrom("survey_rollups_daily").where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId).where("count", "<=", 0).execute();
}

const FACT_COLUMNS = ["version", "status", "language", "channel", "region_id", "branch_id", "started_at", "answers", "submitted", "current_page", "duration_ms"] as const;

/** Takes the survey's fold lock (exclusive) for the rest of the transaction. */
export async function lockFold(trx: Executor, surveyId: string) {
  await sql`select pg_advisory_xact_lock(${FOLD_LOCK}, hashtext(${surveyId}))`.execute(trx);
}

/**
 * Folds every response that became final since the watermark (and pending retractions) into the
 * rollups, in transactions of up to `batch` responses. Returns how many responses were folded.
 */
export async function foldSurvey(db: Db, tenantId: string, surveyId: string, opts: { batch?: number } = {}): Promise<number> {
  const batch = opts.batch ?? 5_000;
  const defs = new Map<number, SurveyDefinition>();
  let total = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      await lockFold(trx, surveyId);
      await trx.insertInto("survey_rollup_state").values({ tenant_id: tenantId, survey_id: surveyId, watermark: 0 }).onConflict((oc) => oc.doNothing()).execute();
      const state = await trx.selectFrom("survey_rollup_state").select("watermark").where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId).executeTakeFirstOrThrow();
      const rows = await trx
        .selectFrom("survey_responses")
        .select([...FACT_COLUMNS, "finalized_seq"])
        .where("tenant_id", "=", tenantId)
        .where("survey_id", "=", surveyId)
        .where("finalized_seq", ">", state.watermark)
        .orderBy("finalized_seq")
        .limit(batch)
        .execute();
      const retractions = await trx.selectFrom("survey_rollup_retractions").select(["id", "response"]).where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId).orderBy("id").limit(batch).execute();
      if (rows.length === 0 && retractions.length === 0) return 0;
      const facts = [...rows.map((r) => ({ r: r as unknown as FactRow, sign: 1 })), ...retractions.map((x) => ({ r: x.response as unknown as FactRow, sign: -1 }))];
      const missing = [...new Set(facts.map((f) => f.r.version))].filter((v) => !defs.has(v));
      for (const [v, d] of await loadDefinitions(trx, tenantId, surveyId, missing)) defs.set(v, d);
      const counts = newCounts();
      for (const f of facts) addRow(counts, f.r, defs.get(f.r.version), f.sign);
      await applyCounts(trx, tenantId, surveyId, counts);
      if (retractions.length) {
        await trx.deleteFrom("survey_rollup_retractions").where("id", "in", retractions.map((x) => x.id)).execute();
        await dropEmpty(trx, tenantId, surveyId);
      }
      const last = rows[rows.length - 1];
      await trx
        .updateTable("survey_rollup_state")
        .set({ watermark: last ? (last.finalized_seq as number) : state.watermark, folded_at: new Date() })
        .where("tenant_id", "=", tenantId)
        .where("survey_id", "=", surveyId)
        .execute();
      return rows.length + retractions.length;
    });
    total += done;
    if (done === 0) return total;
  }
}

/**
 * Takes responses that are about to be deleted out of the rollups, in the caller's transaction
 * (erasure). Holds the survey's fold lock to commit, so a concurrent fold cannot count them.
 */
export async function retractResponses(trx: Executor, tenantId: string, surveyId: string, responseIds: string[]): Promise<void> {
  if (responseIds.length === 0) return;
  await lockFold(trx, surveyId);
  const state = await trx.selectFrom("survey_rollup_state").select("watermark").where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId).executeTakeFirst();
  if (!state) return;
  const rows = await trx
    .selectFrom("survey_responses")
    .select(FACT_COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("id", "in", responseIds)
    .where("finalized_seq", "<=", state.watermark)
    .execute();
  if (rows.length === 0) return;
  const defs = await loadDefinitions(trx, tenantId, surveyId, [...new Set(rows.map((r) => r.version))]);
  const counts = newCounts();
  for (const r of rows) addRow(counts, r as unknown as FactRow, defs.get(r.version), -1);
  await applyCounts(trx, tenantId, surveyId, counts);
  await dropEmpty(trx, tenantId, surveyId);
}

/** Folds every survey with responses finalized past its watermark (the recurring job). */
export async function foldAll(db: Db): Promise<number> {
  // One index probe per survey (survey_responses_finalized), whatever the number of responses.
  const pending = await sql<{ tenant_id: string; survey_id: string }>`
    select s.tenant_id, s.id as survey_id from surveys s
    left join survey_rollup_state st on st.tenant_id = s.tenant_id and st.survey_id = s.id
    where exists (select 1 from survey_responses r
      where r.tenant_id = s.tenant_id and r.survey_id = s.id and r.finalized_seq > coalesce(st.watermark, 0))
    union
    select distinct tenant_id, survey_id from survey_rollup_retractions`.execute(db);
  let total = 0;
  for (const p of pending.rows) total += await foldSurvey(db, p.tenant_id, p.survey_id);
  return total;
}
