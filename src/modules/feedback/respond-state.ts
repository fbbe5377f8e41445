/**
 * Shared pieces of the respondent write path: loading a published survey (versions are immutable,
 * so their definitions are cached in memory), checking answers, timings and quotas.
 */
import { sql } from "kysely";
import type { Executor, Trx } from "../../db";
import { AppError, type FieldIssue } from "../../kernel/errors";
import type { SurveyDefinition } from "./definition/types";
import { checkAnswer, type EvalContext, evaluate, indexDefinition, isEmptyAnswer, type PageInstance, splitKey, type WalkResult } from "./logic";

export const MAX_TIMING_MS = 3_600_000;

export interface Published {
  tenantId: string;
  surveyId: string;
  status: "draft" | "published" | "closed";
  version: number | null;
}

const defCache = new Map<string, SurveyDefinition>();
const DEF_CACHE_MAX = 1000;

/** The survey row the public API needs, by id (and tenant when known). Unknown or never published → 404. */
export async function loadPublished(db: Executor, surveyId: string, tenantId?: string): Promise<Published & { version: number }> {
  let q = db.selectFrom("surveys").select(["tenant_id", "status", "published_version"]).where("id", "=", surveyId);
  if (tenantId) q = q.where("tenant_id", "=", tenantId);
  const row = await q.executeTakeFirst();
  if (!row || row.published_version === null) throw new AppError("not_found", "No such survey");
  return { tenantId: row.tenant_id, surveyId, status: row.status, version: row.published_version };
}

/** A published version's definition; versions never change, so one read per process. */
export async function versionDefinition(db: Executor, tenantId: string, surveyId: string, version: number): Promise<SurveyDefinition> {
  const key = `${tenantId}:${surveyId}:${version}`;
  const hit = defCache.get(key);
  if (hit) return hit;
  const row = await db.selectFrom("survey_versions").select("definition").where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId).where("version", "=", version).executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such survey version");
  const def = row.definition as unknown as SurveyDefinition;
  if (defCache.size >= DEF_CACHE_MAX) defCache.delete(defCache.keys().next().value as string);
  defCache.set(key, def);
  return def;
}

export function invalid(issues: FieldIssue[], what = "answers"): AppError {
  return new AppError("validation_failed", `${issues.length} problem(s) with the ${what}: ${issues.slice(0, 5).map((i) => i.path).join(", ")}`, { issues });
}

/**
 * Checks each given answer against its question (type, range, choices…). Returns the normalised
 * answers, `null` for a skipped (empty) one. Unknown keys and wrong values → 400 naming the key.
 */
export function checkAnswers(def: SurveyDefinition, given: Record<string, unknown>): { values: Record<string, unknown>; files: { key: string; fileId: string }[] } {
  const idx = indexDefinition(def);
  const issues: FieldIssue[] = [];
  const values: Record<string, unknown> = {};
  const files: { key: string; fileId: string }[] = [];
  for (const [key, value] of Object.entries(given)) {
    const path = `body.answers.${key}`;
    const q = idx.questions.get(splitKey(key).id);
    if (!q) {
      issues.push({ path, message: "is not a question of this survey", code: "unknown_question" });
      continue;
    }
    if (isEmptyAnswer(value)) {
      values[key] = null;
      continue;
    }
    if (q.type === "statement") {
      issues.push({ path, message: "a statement takes no answer", code: "invalid_type" });
      continue;
    }
    const r = checkAnswer(q, value);
    if (!r.ok) issues.push({ path, message: r.message, code: r.code });
    else {
      values[key] = r.value;
      if (q.type === "file") files.push({ key, fileId: (r.value as { fileId: string }).fileId });
    }
  }
  if (issues.length > 0) throw invalid(issues);
  return { values, files };
}

/** File answers must name a file uploaded to this response for this key. */
export async function checkFiles(trx: Trx, tenantId: string, responseId: string | null, files: { key: string; fileId: string }[]) {
  if (files.length === 0) return;
  const found = responseId
    ? await trx.selectFrom("survey_files").select(["id", "question_key"]).where("tenant_id", "=", tenantId).where("response_id", "=", responseId).where("id", "in", files.map((f) => f.fileId)).execute()
    : [];
  const issues = files
    .filter((f) => !found.some((r) => r.id === f.fileId && r.question_key === f.key))
    .map((f) => ({ path: `body.answers.${f.key}`, message: "names no file uploaded for this question", code: "unknown_file" }));
  if (issues.length > 0) throw invalid(issues);
}

/** Merges answers (null removes). */
export function mergeAnswers(base: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(given)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Keys the walk does not show → 400: `hidden_by_logic` (on a shown page but hidden, or skipped by logic) or `not_on_page` (not reached yet). */
export function checkVisible(def: SurveyDefinition, w: WalkResult, given: Record<string, unknown>, finished: boolean) {
  const idx = indexDefinition(def);
  const issues: FieldIssue[] = [];
  const reached = new Set([...w.path.map((p) => p.page.id), ...(w.current ? [w.current.page.id] : [])]);
  for (const [key, v] of Object.entries(given)) {
    if (v === null || w.visibleKeys.has(key)) continue;
    const pageIdx = idx.pageOfQuestion.get(splitKey(key).id);
    const pageId = pageIdx === undefined ? undefined : def.pages[pageIdx]?.id;
    if (finished || (pageId && reached.has(pageId))) issues.push({ path: `body.answers.${key}`, message: "the survey's logic hides this question for these answers", code: "hidden_by_logic" });
    else issues.push({ path: `body.answers.${key}`, message: "is not on the current page or a page already answered", code: "not_on_page" });
  }
  if (issues.length > 0) throw invalid(issues);
}

/** Required questions of these pages without an answer → 400 `required`. */
export function checkRequired(pages: PageInstance[], answers: Record<string, unknown>) {
  const issues: FieldIssue[] = [];
  for (const p of pages) for (const q of p.questions) if (q.required && isEmptyAnswer(answers[q.key])) issues.push({ path: `body.answers.${q.key}`, message: "is required", code: "required" });
  if (issues.length > 0) throw invalid(issues);
}

/** Adds milliseconds per answer key (known questions only), each capped at one hour. */
export function mergeTimings(def: SurveyDefinition, base: Record<string, number>, given: Record<string, number> | undefined): Record<string, number> {
  if (!given) return base;
  const idx = indexDefinition(def);
  const out = { ...base };
  for (const [k, ms] of Object.entries(given)) {
    if (!idx.questions.has(splitKey(k).id)) continue;
    out[k] = Math.min(MAX_TIMING_MS, (out[k] ?? 0) + Math.max(0, Math.round(ms)));
  }
  return out;
}

/** Keeps only answers the walk shows (on completion). */
export const prune = (answers: Record<string, unknown>, keys: Set<string>) => Object.fromEntries(Object.entries(answers).filter(([k]) => keys.has(k)));

export const evalContext = (def: SurveyDefinition, answers: Record<string, unknown>, hidden: Record<string, string>, w: WalkResult, language: string): EvalContext => ({
  definition: def,
  answers,
  hidden,
  variables: w.variables,
  submittedKeys: new Set(w.path.flatMap((p) => p.questions.map((q) => q.key))),
  language,
});

/** A full quota whose condition already holds (checked while answering). */
export async function fullQuotaMatching(db: Executor, tenantId: string, surveyId: string, def: SurveyDefinition, ctx: EvalContext) {
  const matching = def.quotas.filter((q) => evaluate(q.when, ctx));
  if (matching.length === 0) return null;
  const counts = await db.selectFrom("survey_quota_counts").select(["quota_id", "count"]).where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId).execute();
  return matching.find((q) => (counts.find((c) => c.quota_id === q.id)?.count ?? 0) >= q.limit) ?? null;
}

/**
 * Counts a completed response in every quota it matches, atomically (`count < limit`). Returns
 * the first full quota (its increments undone) or null when all counted.
 */
export async function countQuotas(trx: Trx, tenantId: string, surveyId: string, def: SurveyDefinition, ctx: EvalContext) {
  const done: string[] = [];
  for (const q of def.quotas) {
    if (!evaluate(q.when, ctx)) continue;
    const r = await trx
      .updateTable("survey_quota_counts")
      .set({ count: sql`count + 1` })
      .where("tenant_id", "=", tenantId)
      .where("survey_id", "=", surveyId)
      .where("quota_id", "=", q.id)
      .where("count", "<", q.limit)
      .returning("count")
      .executeTakeFirst();
    if (!r) {
      for (const id of done) {
        await trx.updateTable("survey_quota_counts").set({ count: sql`count - 1` }).where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId).where("quota_id", "=", id).execute();
      }
      return q;
    }
    done.push(q.id);
  }
  return null;
}
