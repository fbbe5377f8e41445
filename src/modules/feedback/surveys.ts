/**
 * Survey commands: create, replace the draft, publish (an immutable version), close, reopen,
 * delete. Each runs in the caller's transaction with its audit entry (and event, for publishing).
 */
import { sql } from "kysely";
import type { Executor, Trx } from "../../db";
import type { SurveyStatus } from "../../db/schema";
import { emitEvent } from "../../jobs/outbox";
import { AppError } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import { type AuditContext, recordAudit } from "../audit/record";
import type { SurveyDefinition } from "./definition/types";
import { checkDefinition, localize } from "./logic";
import { forgetSurvey } from "./respond-fast";
import type { DefinitionProblem } from "./logic";

export interface SurveyRow {
  tenant_id: string;
  id: string;
  name: string;
  status: SurveyStatus;
  draft: SurveyDefinition;
  draft_changed: boolean;
  published_version: number | null;
  template: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

const COLUMNS = ["tenant_id", "id", "name", "status", "draft", "draft_changed", "published_version", "template", "created_at", "updated_at", "closed_at"] as const;

/** Missing translations are warnings; everything else stops publishing. */
export const isError = (p: DefinitionProblem) => ((p as { severity?: string }).severity ?? (p.code === "missing_translation" ? "warning" : "error")) === "error";

export const nameFrom = (def: SurveyDefinition) => localize(def.title, def.defaultLanguage, def).trim().slice(0, 200) || "Untitled survey";

export async function findSurvey(db: Executor, tenantId: string, id: string, forUpdate = false): Promise<SurveyRow> {
  let q = db.selectFrom("surveys").select(COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such survey");
  return row as unknown as SurveyRow;
}

export async function createSurvey(
  trx: Trx,
  audit: AuditContext,
  tenantId: string,
  input: { name?: string; definition: SurveyDefinition; template?: string | null },
): Promise<SurveyRow> {
  const id = newId();
  const name = input.name?.trim() || nameFrom(input.definition);
  const createdBy = audit.actor?.kind === "user" ? audit.actor.id : null;
  const row = await trx
    .insertInto("surveys")
    .values({ tenant_id: tenantId, id, name, draft: JSON.stringify(input.definition), template: input.template ?? null, created_by: createdBy, created_at: audit.now, updated_at: audit.now })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, audit, { tenantId, action: "survey.created", subjectType: "survey", subjectId: id, data: { name, template: input.template ?? null } });
  return row as unknown as SurveyRow;
}

export async function replaceDraft(trx: Trx, audit: AuditContext, tenantId: string, id: string, input: { name?: string; definition: SurveyDefinition }): Promise<SurveyRow> {
  await findSurvey(trx, tenantId, id, true);
  const row = await trx
    .updateTable("surveys")
    .set({ draft: JSON.stringify(input.definition), draft_changed: true, updated_at: audit.now, ...(input.name?.trim() ? { name: input.name.trim() } : {}) })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, audit, { tenantId, action: "survey.draft_saved", subjectType: "survey", subjectId: id, data: { name: row.name, questions: input.definition.questions.length } });
  return row as unknown as SurveyRow;
}

/**
 * Publishes the draft as a new immutable version (or returns the survey unchanged when the draft
 * equals the latest version). Errors of checkDefinition → 422 definition_invalid listing them.
 */
export async function publishSurvey(trx: Trx, audit: AuditContext, tenantId: string, id: string): Promise<{ survey: SurveyRow; version: number; created: boolean }> {
  const s = await findSurvey(trx, tenantId, id, true);
  const errors = checkDefinition(s.draft).filter(isError);
  if (errors.length > 0) {
    throw new AppError("definition_invalid", `The survey has ${errors.length} logic error(s); fix them before publishing`, {
      issues: errors.map((p) => ({ path: `body.definition.${p.path}`.replace(/\.\[/g, "["), message: p.message, code: p.code })),
    });
  }
  if (!s.draft_changed && s.published_version !== null) return { survey: s, version: s.published_version, created: false };
  const version = (s.published_version ?? 0) + 1;
  const by = audit.actor && audit.actor.tenantId === tenantId ? audit.actor.id : null;
  await trx.insertInto("survey_versions").values({ tenant_id: tenantId, survey_id: id, version, definition: JSON.stringify(s.draft), published_at: audit.now, published_by: by }).execute();
  if (s.draft.quotas.length > 0) {
    await trx
      .insertInto("survey_quota_counts")
      .values(s.draft.quotas.map((q) => ({ tenant_id: tenantId, survey_id: id, quota_id: q.id })))
      .onConflict((oc) => oc.columns(["tenant_id", "survey_id", "quota_id"]).doNothing())
      .execute();
  }
  const status: SurveyStatus = s.status === "closed" ? "closed" : "published";
  const survey = await trx
    .updateTable("surveys")
    .set({ status, published_version: version, draft_changed: false, updated_at: audit.now })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  forgetSurvey(id);
  await recordAudit(trx, audit, { tenantId, action: "survey.published", subjectType: "survey", subjectId: id, data: { version } });
  await emitEvent(trx, audit.now, { tenantId, type: "survey.published", subjectType: "survey", subjectId: id, actorId: by, payload: { surveyId: id, version } });
  return { survey: survey as unknown as SurveyRow, version, created: true };
}

export async function setSurveyOpen(trx: Trx, audit: AuditContext, tenantId: string, id: string, open: boolean): Promise<SurveyRow> {
  const s = await findSurvey(trx, tenantId, id, true);
  if (open && s.status !== "closed") throw new AppError("conflict", "Only a closed survey can be reopened");
  if (!open && s.status !== "published") throw new AppError("conflict", "Only a published survey can be closed");
  const row = await trx
    .updateTable("surveys")
    .set({ status: open ? "published" : "closed", closed_at: open ? null : audit.now, updated_at: audit.now })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  forgetSurvey(id);
  await recordAudit(trx, audit, { tenantId, action: open ? "survey.reopened" : "survey.closed", subjectType: "survey", subjectId: id });
  return row as unknown as SurveyRow;
}

export async function hasResponses(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const r = await db.selectFrom("survey_responses").select(sql<number>`1`.as("one")).where("tenant_id", "=", tenantId).where("survey_id", "=", id).limit(1).executeTakeFirst();
  return !!r;
}

export async function deleteSurvey(trx: Trx, audit: AuditContext, tenantId: string, id: string): Promise<void> {
  const s = await findSurvey(trx, tenantId, id, true);
  if (await hasResponses(trx, tenantId, id)) throw new AppError("conflict", "The survey has responses; close it instead of deleting it");
  await trx.deleteFrom("survey_quota_counts").where("tenant_id", "=", tenantId).where("survey_id", "=", id).execute();
  await trx.deleteFrom("survey_versions").where("tenant_id", "=", tenantId).where("survey_id", "=", id).execute();
  await trx.deleteFrom("surveys").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
  forgetSurvey(id);
  await recordAudit(trx, audit, { tenantId, action: "survey.deleted", subjectType: "survey", subjectId: id, data: { name: s.name } });
}
