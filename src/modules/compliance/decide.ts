/**
 * Deciding a screening hit: true match or false positive, always with a reason. Clearing a hit in
 * the block band takes two different compliance officers (four-eyes): the first proposes
 * (clear_pending), a second confirms or overturns. A false positive is remembered for the customer
 * and list entry; a true match marks the subject and fails the application's check.
 */
import { inTransaction, type Trx } from "../../db";
import type { Actor } from "../../kernel/access";
import { AppError, notFound } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import { type AuditContext, recordAudit } from "../audit/record";
import { applicationById } from "../onboarding/store";
import { recordTimeline } from "../onboarding/timeline";
import { assessRisk } from "../risk/assess";
import { checkKinds, writeScreeningChecks } from "./checks";
import { sanctionsTrueMatch } from "./holds";
import { classifyHits, type ReviewRow, refreshSubjectStatus, type SubjectRow } from "./subjects";

export interface DecisionInput {
  decision: "true_match" | "false_positive";
  reason: string;
}

/** Who acts, as the evidence records it. */
export const actorTag = (actor: Actor) => (actor.kind === "api_key" ? `api_key:${actor.id}` : `user:${actor.id}`);

/** The subject's latest screening and what its hits mean now. */
async function latestHits(trx: Trx, subject: SubjectRow) {
  const result = await trx
    .selectFrom("screening_results")
    .selectAll()
    .where("tenant_id", "=", subject.tenant_id)
    .where("subject_id", "=", subject.id)
    .orderBy("screened_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const { hits } = result ? await classifyHits(trx, subject, result.matches) : { hits: [] };
  return { result, hits };
}

/** The application's screening checks again, after a decision changed what its hits mean. */
async function recheckApplication(trx: Trx, deps: Deps, review: ReviewRow, subject: SubjectRow, latest: Awaited<ReturnType<typeof latestHits>>, actor: string, now: Date): Promise<void> {
  if (!review.application_id || !latest.result) return;
  const app = await applicationById(trx, review.tenant_id, review.application_id);
  const record = { resultId: latest.result.id, listVersion: latest.result.list_version, hits: latest.hits };
  const trueMatch = subject.status === "true_match" && (await sanctionsTrueMatch(trx, subject.tenant_id, subject.id));
  await writeScreeningChecks(trx, { app, record, digest: latest.result.input_digest, actor, now, trueMatch, kinds: await checkKinds(trx, app, latest.hits) });
  // The decision changes what the hit means for the risk (a cleared hit no longer counts).
  await assessRisk(trx, deps, app);
}

function closedCheck(review: ReviewRow) {
  if (review.status === "true_match" || review.status === "false_positive") {
    throw new AppError("review_closed", `This review was already decided (${review.status.replace("_", " ")})`);
  }
}

export async function decideReview(deps: Deps, audit: AuditContext, actor: Actor, id: string, input: DecisionInput) {
  const reason = input.reason.trim();
  if (reason.length < 3) throw new AppError("validation_failed", "body.reason is too short", { issues: [{ path: "body.reason", message: "must have at least 3 characters", code: "too_small" }] });
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const review = await trx.selectFrom("compliance_reviews").selectAll().where("tenant_id", "=", actor.tenantId).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!review) throw notFound("Review");
    closedCheck(review);
    const tag = actorTag(actor);
    const base = { tenantId: review.tenant_id, subjectType: "compliance_review", subjectId: review.id };

    if (input.decision === "false_positive" && review.band === "block" && review.status === "open") {
      await trx
        .updateTable("compliance_reviews")
        .set({ status: "clear_pending", first_decision: "false_positive", first_reason: reason, first_by: actor.id, first_at: now })
        .where("tenant_id", "=", review.tenant_id)
        .where("id", "=", review.id)
        .execute();
      await recordAudit(trx, audit, { ...base, action: "compliance.review_clear_proposed", data: { decision: "false_positive", reason } });
      return { id: review.id, status: "clear_pending" as const };
    }
    if (input.decision === "false_positive" && review.status === "clear_pending" && review.first_by === actor.id) {
      throw new AppError("four_eyes_required", "Clearing a hit in the block band needs a second, different compliance officer");
    }

    const status = input.decision;
    await trx
      .updateTable("compliance_reviews")
      .set({ status, decision: input.decision, reason, decided_by: actor.id, decided_at: now })
      .where("tenant_id", "=", review.tenant_id)
      .where("id", "=", review.id)
      .execute();
    const subject = await trx.selectFrom("screening_subjects").selectAll().where("tenant_id", "=", review.tenant_id).where("id", "=", review.subject_id).executeTakeFirstOrThrow();
    if (status === "false_positive") {
      await trx
        .insertInto("screening_cleared")
        .values({ tenant_id: review.tenant_id, subject_key: subject.subject_key, list_id: review.list_id, entry_id: review.entry_id, review_id: review.id, cleared_at: now, cleared_by: actor.id })
        .onConflict((oc) => oc.columns(["tenant_id", "subject_key", "list_id", "entry_id"]).doUpdateSet({ review_id: review.id, cleared_at: now, cleared_by: actor.id }))
        .execute();
    }
    const latest = await latestHits(trx, subject);
    const subjectStatus = await refreshSubjectStatus(trx, review.tenant_id, subject.id, latest.hits.some((h) => h.handling === "edd"));
    await recheckApplication(trx, deps, review, { ...subject, status: subjectStatus }, latest, tag, now);
    if (status === "true_match" && review.application_id) {
      const app = await applicationById(trx, review.tenant_id, review.application_id);
      await recordTimeline(trx, now, app, {
        type: "screening_true_match",
        actor: actor.kind === "api_key" ? "api" : "user",
        actorId: actor.id,
        actorLabel: actor.label,
        data: { list: review.list_id, entryId: review.entry_id, entryName: review.entry_name, reviewId: review.id },
      });
    }
    const overturned = review.status === "clear_pending" && status === "true_match";
    await recordAudit(trx, audit, {
      ...base,
      action: status === "true_match" ? "compliance.review_true_match" : "compliance.review_false_positive",
      data: { decision: status, reason, ...(review.first_by ? { proposedBy: review.first_by, overturned } : {}) },
    });
    return { id: review.id, status };
  });
}
