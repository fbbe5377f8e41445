/**
 * Screening subjects and their results: one subject per customer (customer_ref) or per
 * application; every screening stored as evidence; a compliance review opened per new hit at or
 * above the `review` band unless that customer's hit on that list entry was cleared before.
 * Hits in the `edd` band open no review: they are recorded (result and check details) for the
 * risk rules, which turn them into enhanced due diligence.
 */
import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import type { Executor, Trx } from "../../db";
import type { ComplianceReviewsTable, ListKind, ScreeningMatch, ScreeningSubjectsTable, SubjectStatus } from "../../db/schema-compliance";
import { newId } from "../../kernel/ids";
import { recordAudit } from "../audit/record";
import type { ApplicationRow } from "../onboarding/timeline";
import type { Applicant } from "./applicant";

export type SubjectRow = Selectable<ScreeningSubjectsTable>;
export type ReviewRow = Selectable<ComplianceReviewsTable>;
export type ScreeningReason = "onboarding" | "rescreen" | "manual";

/** A match as recorded in a check's details: what became of it. */
export interface RecordedHit extends ScreeningMatch {
  kind: ListKind;
  /** open: a review was opened now; existing: a review was already open or decided; cleared: a false positive remembered for this customer; edd: recorded only. */
  handling: "opened" | "existing" | "cleared" | "edd";
  reviewId: string | null;
}

export interface ScreeningRecord {
  resultId: string;
  subject: SubjectRow;
  listVersion: string;
  hits: RecordedHit[];
  opened: ReviewRow[];
}

export const PROVIDER = "local";
export const OPEN_STATUSES = ["open", "clear_pending"] as const;

export const subjectKeyOf = (app: Pick<ApplicationRow, "id" | "customer_ref">) => (app.customer_ref ? `ref:${app.customer_ref}` : `app:${app.id}`);

/** SHA-256 of the normalised screening input (keys in a fixed order, name in NFC with single spaces, upper-case codes). */
export function inputDigest(a: Pick<Applicant, "name" | "birthDate" | "nationality" | "country">): string {
  const input = {
    name: a.name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase(),
    birthDate: a.birthDate ?? null,
    nationality: a.nationality?.toUpperCase() ?? null,
    country: a.country?.toUpperCase() ?? null,
  };
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

/** Creates the subject or brings its data up to date (the latest application and applicant data win). */
export async function upsertSubject(trx: Trx, app: ApplicationRow, applicant: Applicant, now: Date): Promise<SubjectRow> {
  return trx
    .insertInto("screening_subjects")
    .values({
      tenant_id: app.tenant_id,
      id: newId(),
      subject_key: subjectKeyOf(app),
      application_id: app.id,
      customer_ref: app.customer_ref,
      name: applicant.name,
      birth_date: applicant.birthDate,
      nationality: applicant.nationality ?? applicant.country,
      created_at: now,
    })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "subject_key"]).doUpdateSet((eb) => ({
        application_id: eb.ref("excluded.application_id"),
        name: eb.ref("excluded.name"),
        birth_date: eb.ref("excluded.birth_date"),
        nationality: eb.ref("excluded.nationality"),
        relationship_ended_at: null,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

const listKindCache = new Map<string, ListKind>();
/** Kinds of lists (sanctions or pep) by id; list kinds never change, so they are cached. */
export async function listKinds(db: Executor, ids: string[]): Promise<Map<string, ListKind>> {
  const missing = [...new Set(ids)].filter((id) => !listKindCache.has(id));
  if (missing.length) {
    const rows = await db.selectFrom("screening_lists").select(["id", "kind"]).where("id", "in", missing).execute();
    for (const r of rows) listKindCache.set(r.id, r.kind);
  }
  return new Map(ids.map((id) => [id, listKindCache.get(id) ?? "sanctions"]));
}

const hitKey = (list: string, entry: string) => `${list}\u0000${entry}`;

/** The subject's status from its reviews and its latest hits. */
export async function refreshSubjectStatus(trx: Trx, tenantId: string, subjectId: string, latestEdd: boolean): Promise<SubjectStatus> {
  const reviews = await trx.selectFrom("compliance_reviews").select(["status", "band"]).where("tenant_id", "=", tenantId).where("subject_id", "=", subjectId).execute();
  const open = reviews.filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.status));
  const status: SubjectStatus = reviews.some((r) => r.status === "true_match")
    ? "true_match"
    : open.some((r) => r.band === "block")
      ? "blocked"
      : open.length
        ? "review"
        : latestEdd
          ? "edd"
          : "clear";
  await trx.updateTable("screening_subjects").set({ status }).where("tenant_id", "=", tenantId).where("id", "=", subjectId).execute();
  return status;
}

/**
 * What becomes of each match for this subject: cleared before (remembered false positive), already
 * under review or confirmed, edd only, or a new hit that needs a review (`toOpen`, handling "opened"
 * with the review id filled in by the caller).
 */
export async function classifyHits(db: Executor, subject: Pick<SubjectRow, "tenant_id" | "id" | "subject_key">, matches: ScreeningMatch[]) {
  const kinds = await listKinds(db, matches.map((m) => m.list));
  const hits: RecordedHit[] = [];
  const toOpen: RecordedHit[] = [];
  if (!matches.length) return { hits, toOpen };
  const entries = [...new Set(matches.map((m) => m.entryId))];
  // One after the other: inside a transaction there is one connection.
  const cleared = await db.selectFrom("screening_cleared").select(["list_id", "entry_id", "review_id"]).where("tenant_id", "=", subject.tenant_id).where("subject_key", "=", subject.subject_key).where("entry_id", "in", entries).execute();
  const known = await db
    .selectFrom("compliance_reviews")
    .select(["id", "list_id", "entry_id"])
    .where("tenant_id", "=", subject.tenant_id)
    .where("subject_id", "=", subject.id)
    .where("entry_id", "in", entries)
    .where("status", "in", [...OPEN_STATUSES, "true_match"])
    .execute();
  const clearedBy = new Map(cleared.map((c) => [hitKey(c.list_id, c.entry_id), c.review_id]));
  const knownBy = new Map(known.map((r) => [hitKey(r.list_id, r.entry_id), r.id]));
  const seen = new Set<string>();
  for (const m of matches) {
    const key = hitKey(m.list, m.entryId);
    const kind = kinds.get(m.list) ?? "sanctions";
    if (clearedBy.has(key)) hits.push({ ...m, kind, handling: "cleared", reviewId: clearedBy.get(key) ?? null });
    else if (knownBy.has(key) || seen.has(key)) hits.push({ ...m, kind, handling: "existing", reviewId: knownBy.get(key) ?? null });
    else if (m.band === "edd" || m.band === "clear") hits.push({ ...m, kind, handling: "edd", reviewId: null });
    else {
      const hit: RecordedHit = { ...m, kind, handling: "opened", reviewId: null };
      hits.push(hit);
      toOpen.push(hit);
    }
    seen.add(key);
  }
  return { hits, toOpen };
}

export interface RecordInput {
  subject: SubjectRow;
  applicationId: string | null;
  reason: ScreeningReason;
  actor: string;
  digest: string;
  listVersion: string;
  matches: ScreeningMatch[];
  now: Date;
}

/**
 * Stores one screening (result, reviews for new hits, subject status and list version) in the
 * caller's transaction. Reviews are opened for hits in the block or review band that are neither
 * cleared for this subject nor already under review (or decided a true match).
 */
export async function recordScreening(trx: Trx, input: RecordInput): Promise<ScreeningRecord> {
  const { subject, now } = input;
  const tenantId = subject.tenant_id;
  const best = input.matches[0];
  const resultId = newId();
  await trx
    .insertInto("screening_results")
    .values({
      tenant_id: tenantId,
      id: resultId,
      subject_id: subject.id,
      application_id: input.applicationId,
      reason: input.reason,
      input_digest: input.digest,
      provider: PROVIDER,
      list_version: input.listVersion,
      actor: input.actor,
      screened_at: now,
      top_score: best?.score ?? 0,
      band: best?.band ?? "clear",
      matches: JSON.stringify(input.matches),
    })
    .execute();

  const { hits, toOpen } = await classifyHits(trx, subject, input.matches);
  const opened: ReviewRow[] = [];
  for (const h of toOpen) {
    const review = await trx
      .insertInto("compliance_reviews")
      .values({
        tenant_id: tenantId,
        id: newId(),
        subject_id: subject.id,
        application_id: input.applicationId,
        result_id: resultId,
        list_id: h.list,
        entry_id: h.entryId,
        entry_name: h.name,
        score: h.score,
        band: h.band as ReviewRow["band"],
        origin: input.reason,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    h.reviewId = review.id;
    opened.push(review);
  }
  await trx
    .updateTable("screening_subjects")
    .set({ last_list_version: input.listVersion, last_screened_at: now })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", subject.id)
    .execute();
  const status = await refreshSubjectStatus(trx, tenantId, subject.id, hits.some((h) => h.handling === "edd"));
  for (const r of opened) {
    await recordAudit(trx, { actor: null, now }, {
      tenantId,
      action: "compliance.review_opened",
      subjectType: "compliance_review",
      subjectId: r.id,
      data: { list: r.list_id, entryId: r.entry_id, score: r.score, band: r.band, origin: r.origin, applicationId: r.application_id, resultId },
    });
  }
  return { resultId, subject: { ...subject, status, last_list_version: input.listVersion, last_screened_at: now }, listVersion: input.listVersion, hits, opened };
}
