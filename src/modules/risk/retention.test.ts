import { beforeAll, describe, expect, it } from "vitest";
import { BlobNotFoundError } from "../../blobs";
import { newId } from "../../kernel/ids";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { kit } from "../onboarding/applications.testkit";
import { retentionPurgeJob, retentionSchedules } from "./jobs";
import { yearsBefore } from "./retention";

const ctx = await createTestContext();
const { req, ok } = kit(ctx);
const db = ctx.deps.db;
let tenant: TestTenant;
let T0: Date;
const DAY = 86_400_000;

/** An application ended (or not) at T0, with one record of every type. */
async function withRecords(status: "rejected" | "abandoned" | "cancelled" | "funded", agent: Record<string, string>) {
  const { id } = await ok<{ id: string }>(await req("POST", "/applications", { product: "checking", customer: { name: `Retention ${status}`, phone: "+972501234999" } }, agent), 201);
  const ended = status === "abandoned" ? { abandoned_at: T0 } : status === "cancelled" ? { updated_at: T0 } : { decided_at: T0 };
  await db.updateTable("applications").set({ status, ...ended }).where("id", "=", id).execute();
  const docId = newId();
  const blobKey = `test/retention/${docId}`;
  await ctx.deps.blobs.put(blobKey, Buffer.from("%PDF-1.7 an old passport scan"));
  await db
    .insertInto("application_documents")
    .values({ tenant_id: tenant.id, id: docId, application_id: id, field_id: "idDocument", kind: "id_document", file_name: "passport.pdf", content_type: "application/pdf", size: 30, sha256: "0".repeat(64), blob_key: blobKey, uploaded_at: T0 })
    .execute();
  await db.insertInto("application_checks").values({ tenant_id: tenant.id, id: newId(), application_id: id, kind: "sanctions", outcome: "review", summary: "Possible match", created_at: T0 }).execute();
  const subjectId = newId();
  const resultId = newId();
  const reviewId = newId();
  await db.insertInto("screening_subjects").values({ tenant_id: tenant.id, id: subjectId, subject_key: `app:${id}`, application_id: id, name: `Retention ${status}`, created_at: T0 }).execute();
  await db
    .insertInto("screening_results")
    .values({ tenant_id: tenant.id, id: resultId, subject_id: subjectId, application_id: id, reason: "onboarding", input_digest: "a".repeat(64), provider: "local", list_version: "un:1", actor: "customer", screened_at: T0, top_score: 0.9, band: "review" })
    .execute();
  await db
    .insertInto("compliance_reviews")
    .values({ tenant_id: tenant.id, id: reviewId, subject_id: subjectId, application_id: id, result_id: resultId, list_id: "un", entry_id: "QDi.1", entry_name: "Someone Listed", score: 0.9, band: "review", origin: "onboarding", status: "false_positive", created_at: T0 })
    .execute();
  await db.insertInto("screening_cleared").values({ tenant_id: tenant.id, subject_key: `app:${id}`, list_id: "un", entry_id: "QDi.1", review_id: reviewId, cleared_at: T0, cleared_by: newId() }).execute();
  return { id, docId, blobKey, subjectId };
}

type Rec = Awaited<ReturnType<typeof withRecords>>;
const count = async (table: "application_documents" | "application_checks" | "screening_results" | "compliance_reviews" | "screening_subjects" | "applications", column: "application_id" | "id", id: string) =>
  Number((await db.selectFrom(table).select(db.fn.countAll().as("n")).where("tenant_id", "=", tenant.id).where(column, "=", id).executeTakeFirstOrThrow()).n);

async function state(r: Rec) {
  const blob = await ctx.deps.blobs.get(r.blobKey).then(
    () => true,
    (e) => (e instanceof BlobNotFoundError ? false : Promise.reject(e)),
  );
  const cleared = await db.selectFrom("screening_cleared").select("review_id").where("tenant_id", "=", tenant.id).where("subject_key", "=", `app:${r.id}`).execute();
  return {
    documents: (await count("application_documents", "application_id", r.id)) + Number(blob),
    checks: await count("application_checks", "application_id", r.id),
    screening: (await count("screening_results", "application_id", r.id)) + (await count("screening_subjects", "id", r.subjectId)),
    reviews: (await count("compliance_reviews", "application_id", r.id)) + cleared.length,
    applications: await count("applications", "id", r.id),
  };
}

/** Moves the clock to `years` after T0 plus `days`, runs the daily job for this bank. */
async function purgeAt(years: number, days: number) {
  ctx.clock.set(new Date(yearsBefore(T0, -years).getTime() + days * DAY));
  await retentionPurgeJob.handler(ctx.deps, { tenantId: tenant.id }, { id: newId(), name: retentionPurgeJob.name, attempts: 1, maxAttempts: 1, tenantId: null });
}

const ALL = { documents: 2, checks: 1, screening: 2, reviews: 2, applications: 1 };

describe("the retention purge", () => {
  let rejected: Rec;
  let abandoned: Rec;
  let cancelled: Rec;
  let funded: Rec;

  beforeAll(async () => {
    tenant = await makeTenant(ctx);
    T0 = ctx.clock.now();
    const agent = await apiKeyHeaders(ctx, tenant, "agent");
    rejected = await withRecords("rejected", agent);
    abandoned = await withRecords("abandoned", agent);
    cancelled = await withRecords("cancelled", agent);
    funded = await withRecords("funded", agent);
    const admin = await apiKeyHeaders(ctx, tenant, "admin");
    await ok(await req("PUT", "/compliance/settings", { bands: { block: 0.95, review: 0.85, edd: 0.7 }, retention: { applications: 10, reviews: 4, screening: 3, checks: 2, documents: 1 } }, admin));
  });

  it("keeps each type one day inside its period and deletes it one day past, per type; funded customers keep everything", async () => {
    const ended = [rejected, abandoned, cancelled];
    const expectAll = async (want: Record<string, number>) => {
      for (const r of ended) expect(await state(r), r.id).toEqual(want);
      expect(await state(funded)).toEqual(ALL);
    };
    await expectAll(ALL);

    await purgeAt(1, -1);
    await expectAll(ALL);
    await purgeAt(1, 1);
    await expectAll({ ...ALL, documents: 0 });

    await purgeAt(2, -1);
    await expectAll({ ...ALL, documents: 0 });
    await purgeAt(2, 1);
    await expectAll({ ...ALL, documents: 0, checks: 0 });

    // Screening results go at 3 years; the subject stays while a review of it is kept.
    await purgeAt(3, -1);
    await expectAll({ ...ALL, documents: 0, checks: 0 });
    await purgeAt(3, 1);
    await expectAll({ ...ALL, documents: 0, checks: 0, screening: 1 });

    await purgeAt(4, -1);
    await expectAll({ ...ALL, documents: 0, checks: 0, screening: 1 });
    await purgeAt(4, 1);
    const none = { documents: 0, checks: 0, screening: 0, reviews: 0, applications: 1 };
    await expectAll(none);

    await purgeAt(10, -1);
    await expectAll(none);
    await purgeAt(10, 1);
    await expectAll({ ...none, applications: 0 });

    // Timelines went with the applications; every purge that deleted something is in the audit log.
    const timeline = await db.selectFrom("application_timeline").select("application_id").where("tenant_id", "=", tenant.id).execute();
    expect(new Set(timeline.map((t) => t.application_id))).toEqual(new Set([funded.id]));
    const audit = await db.selectFrom("audit_log").select("data").where("tenant_id", "=", tenant.id).where("action", "=", "retention.purged").orderBy("seq").execute();
    expect(audit.map((a) => (a.data as { counts: Record<string, number> }).counts)).toEqual([
      { reviews: 0, screening: 0, checks: 0, documents: 3, applications: 0 },
      { reviews: 0, screening: 0, checks: 3, documents: 0, applications: 0 },
      { reviews: 0, screening: 3, checks: 0, documents: 0, applications: 0 },
      { reviews: 3, screening: 3, checks: 0, documents: 0, applications: 0 },
      { reviews: 0, screening: 0, checks: 0, documents: 0, applications: 3 },
    ]);
  });

  it("runs daily", () => {
    expect(retentionSchedules).toEqual([expect.objectContaining({ jobName: "compliance.retention_purge", cron: "20 3 * * *" })]);
  });
});
