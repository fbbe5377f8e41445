/**
 * The retention purge: records kept longer than the bank's period (compliance settings, years)
 * after the relationship ended are deleted, per record type.
 *
 * When the relationship ended:
 *   - rejected or cancelled application → its decision time (decided_at, else updated_at);
 *   - abandoned application → abandoned_at;
 *   - a screened customer known to the bank's core system → screening_subjects.relationship_ended_at;
 *   - approved or funded applications: the relationship continues, nothing is purged. The signal
 *     that an account was closed must come from core banking (future work), which then sets
 *     relationship_ended_at on the customer's screening subject.
 * Types: documents (rows and their encrypted blobs), checks (application_checks), screening
 * (screening results, and the application's own screening subject once it has no reviews left),
 * reviews (compliance reviews and the false positives they cleared), applications (the row and
 * everything stored with it: links, sessions, payments, timeline, remaining documents and checks,
 * signing envelopes with their files).
 * Each type runs in its own short transactions, in batches; blobs are deleted before their rows,
 * so a failure half-way leaves rows to retry, never a row pointing at nothing it can still need.
 */
import { type ExpressionBuilder, sql } from "kysely";
import { type Executor, inTransaction } from "../../db";
import type { DB } from "../../db/schema";
import type { Deps } from "../../server/deps";
import { recordAudit } from "../audit/record";
import { deleteEnvelopeFiles, deleteEnvelopeRows } from "../signing/envelopes/purge";
import { getComplianceSettings, RETENTION_TYPES, type RetentionType } from "./settings";

const BATCH = 500;

export type PurgeCounts = Record<RetentionType, number>;

/** `now` minus whole years (UTC). */
export function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

/** Ids of this tenant's applications whose relationship ended before `cutoff`. */
function endedBefore(db: Executor, tenantId: string, cutoff: Date) {
  return db
    .selectFrom("applications")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "in", ["rejected", "cancelled"]), eb(sql`coalesce(decided_at, updated_at)`, "<", cutoff)]),
        eb.and([eb("status", "=", "abandoned"), eb("abandoned_at", "<", cutoff)]),
      ]),
    );
}

type Eb = ExpressionBuilder<DB, "screening_subjects">;
/** Screening subjects of this tenant whose relationship ended before `cutoff` (core banking told us). */
const subjectEnded = (eb: Eb, cutoff: Date) => eb.and([eb("relationship_ended_at", "is not", null), eb("relationship_ended_at", "<", cutoff)]);

async function purgeReviews(db: Executor, tenantId: string, cutoff: Date): Promise<number> {
  return inTransaction(db, async (trx) => {
    const subjects = trx.selectFrom("screening_subjects").select("id").where("tenant_id", "=", tenantId).where((eb) => subjectEnded(eb as Eb, cutoff));
    const gone = await trx
      .deleteFrom("compliance_reviews")
      .where("tenant_id", "=", tenantId)
      .where((eb) => eb.or([eb("application_id", "in", endedBefore(trx, tenantId, cutoff)), eb("subject_id", "in", subjects)]))
      .returning("id")
      .execute();
    if (gone.length) await trx.deleteFrom("screening_cleared").where("tenant_id", "=", tenantId).where("review_id", "in", gone.map((r) => r.id)).execute();
    return gone.length;
  });
}

async function purgeScreening(db: Executor, tenantId: string, cutoff: Date): Promise<number> {
  return inTransaction(db, async (trx) => {
    const ended = endedBefore(trx, tenantId, cutoff);
    const subjects = trx.selectFrom("screening_subjects").select("id").where("tenant_id", "=", tenantId).where((eb) => subjectEnded(eb as Eb, cutoff));
    const results = await trx
      .deleteFrom("screening_results")
      .where("tenant_id", "=", tenantId)
      .where((eb) => eb.or([eb("application_id", "in", ended), eb("subject_id", "in", subjects)]))
      .executeTakeFirst();
    // The subject itself once nothing of it is left under review (reviews may be kept longer).
    const withReviews = trx.selectFrom("compliance_reviews").select("subject_id").where("tenant_id", "=", tenantId);
    const subjectsGone = await trx
      .deleteFrom("screening_subjects")
      .where("tenant_id", "=", tenantId)
      .where((eb) => eb.or([eb.and([eb("application_id", "in", endedBefore(trx, tenantId, cutoff)), eb("customer_ref", "is", null)]), subjectEnded(eb as Eb, cutoff)]))
      .where("id", "not in", withReviews)
      .executeTakeFirst();
    return Number(results.numDeletedRows) + Number(subjectsGone.numDeletedRows);
  });
}

async function purgeChecks(db: Executor, tenantId: string, cutoff: Date): Promise<number> {
  const r = await db.deleteFrom("application_checks").where("tenant_id", "=", tenantId).where("application_id", "in", endedBefore(db, tenantId, cutoff)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Blobs first, then the rows, one batch at a time. */
async function deleteDocuments(deps: Deps, tenantId: string, docs: Array<{ id: string; blob_key: string }>): Promise<void> {
  for (const d of docs) await deps.blobs.delete(d.blob_key);
  if (docs.length) await deps.db.deleteFrom("application_documents").where("tenant_id", "=", tenantId).where("id", "in", docs.map((d) => d.id)).execute();
}

async function purgeDocuments(deps: Deps, tenantId: string, cutoff: Date): Promise<number> {
  let n = 0;
  for (;;) {
    const docs = await deps.db.selectFrom("application_documents").select(["id", "blob_key"]).where("tenant_id", "=", tenantId).where("application_id", "in", endedBefore(deps.db, tenantId, cutoff)).limit(BATCH).execute();
    await deleteDocuments(deps, tenantId, docs);
    n += docs.length;
    if (docs.length < BATCH) return n;
  }
}

async function purgeApplications(deps: Deps, tenantId: string, cutoff: Date): Promise<number> {
  let n = 0;
  for (;;) {
    const apps = (await endedBefore(deps.db, tenantId, cutoff).limit(BATCH).execute()).map((a) => a.id);
    if (!apps.length) return n;
    const docs = await deps.db.selectFrom("application_documents").select(["id", "blob_key"]).where("tenant_id", "=", tenantId).where("application_id", "in", apps).execute();
    await deleteDocuments(deps, tenantId, docs);
    await deleteEnvelopeFiles(deps, tenantId, apps);
    await inTransaction(deps.db, async (trx) => {
      // Signing envelopes are part of the application's record: they go with it.
      await deleteEnvelopeRows(trx, tenantId, apps);
      // Screening records carry the application id without a foreign key: they go with it.
      const subjects = trx.selectFrom("screening_subjects").select("id").where("tenant_id", "=", tenantId).where("application_id", "in", apps).where("customer_ref", "is", null);
      const reviews = await trx.deleteFrom("compliance_reviews").where("tenant_id", "=", tenantId).where((eb) => eb.or([eb("application_id", "in", apps), eb("subject_id", "in", subjects)])).returning("id").execute();
      if (reviews.length) await trx.deleteFrom("screening_cleared").where("tenant_id", "=", tenantId).where("review_id", "in", reviews.map((r) => r.id)).execute();
      await trx.deleteFrom("screening_results").where("tenant_id", "=", tenantId).where("application_id", "in", apps).execute();
      await trx.deleteFrom("screening_subjects").where("tenant_id", "=", tenantId).where("application_id", "in", apps).where("customer_ref", "is", null).execute();
      await trx.deleteFrom("applications").where("tenant_id", "=", tenantId).where("id", "in", apps).execute();
    });
    n += apps.length;
  }
}

/** Purges one bank's records past their retention period; records what it did in the audit log. */
export async function purgeTenant(deps: Deps, tenantId: string, now: Date): Promise<PurgeCounts> {
  const { retention } = await getComplianceSettings(deps.db, tenantId);
  const cut = (t: RetentionType) => yearsBefore(now, retention[t]);
  const counts: PurgeCounts = {
    reviews: await purgeReviews(deps.db, tenantId, cut("reviews")),
    screening: await purgeScreening(deps.db, tenantId, cut("screening")),
    checks: await purgeChecks(deps.db, tenantId, cut("checks")),
    documents: await purgeDocuments(deps, tenantId, cut("documents")),
    applications: await purgeApplications(deps, tenantId, cut("applications")),
  };
  if (RETENTION_TYPES.some((t) => counts[t] > 0)) {
    await recordAudit(deps.db, { actor: null, now }, { tenantId, action: "retention.purged", subjectType: "tenant", subjectId: tenantId, data: { counts, retention } });
  }
  return counts;
}

/** Every bank (or one): the daily job. */
export async function purgeExpired(deps: Deps, opts: { tenantId?: string } = {}): Promise<Record<string, PurgeCounts>> {
  const now = deps.clock.now();
  let q = deps.db.selectFrom("tenants").select("id");
  if (opts.tenantId) q = q.where("id", "=", opts.tenantId);
  const out: Record<string, PurgeCounts> = {};
  for (const t of await q.execute()) out[t.id] = await purgeTenant(deps, t.id, now);
  return out;
}
