/**
 * Where an application's identity step stands, read from its evidence: the latest successful
 * read (application_checks identity_document, details.status "read"), unreadable photos (timeline
 * identity_unreadable), the selfie check, and recent uploads (the OCR rate limit).
 */
import { sql } from "kysely";
import type { Executor } from "../../db";
import type { ApplicationChecksTable } from "../../db/schema-onboarding";
import { newId } from "../../kernel/ids";
import type { Step } from "../onboarding/flow/types";
import { type ApplicationRow, recordTimeline } from "../onboarding/timeline";
import type { Selectable } from "kysely";

/** OCR is expensive: at most this many identity photos (document and selfie) per application and hour. */
export const OCR_PER_HOUR = 10;

export type CheckRow = Selectable<ApplicationChecksTable>;

export interface IdentityState {
  /** The latest successful read of this step's document. */
  read: CheckRow | null;
  /** Unreadable photos sent for this step since its last successful read. */
  unreadable: number;
  /** Every attempt used on unreadable photos: the customer may go on; a person checks. */
  exhausted: boolean;
  attemptsLeft: number;
  /** The latest selfie check after the latest read. */
  selfie: CheckRow | null;
  /** Identity photos uploaded within the last hour, and when the oldest of them leaves the window. */
  recent: number;
  retryAt: Date | null;
}

const latestCheck = (db: Executor, app: ApplicationRow, kind: string, stepId: string, status?: string) => {
  let q = db
    .selectFrom("application_checks")
    .selectAll()
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .where("kind", "=", kind)
    .where(sql<boolean>`details->>'step' = ${stepId}`);
  if (status) q = q.where(sql<boolean>`details->>'status' = ${status}`);
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
};

export async function identityState(db: Executor, app: ApplicationRow, step: Step, settings: { maxAttempts: number }, now: Date): Promise<IdentityState> {
  const read = (await latestCheck(db, app, "identity_document", step.id, "read")) ?? null;
  let unreadableQ = db
    .selectFrom("application_timeline")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .where("type", "=", "identity_unreadable")
    .where("step", "=", step.id);
  if (read) unreadableQ = unreadableQ.where("at", ">", read.created_at);
  const unreadable = Number((await unreadableQ.executeTakeFirstOrThrow()).n);
  const selfieRow = (await latestCheck(db, app, "identity_selfie", step.id)) ?? null;
  const selfie = selfieRow && read && selfieRow.created_at >= read.created_at ? selfieRow : null;
  const since = new Date(now.getTime() - 3_600_000);
  const uploads = await db
    .selectFrom("application_documents")
    .select("uploaded_at")
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .where("kind", "in", ["identity_document", "identity_selfie"])
    .where("uploaded_at", ">", since)
    .orderBy("uploaded_at")
    .execute();
  const oldest = uploads[0]?.uploaded_at;
  return {
    read,
    unreadable,
    exhausted: !read && unreadable >= settings.maxAttempts,
    attemptsLeft: Math.max(0, settings.maxAttempts - unreadable),
    selfie,
    recent: uploads.length,
    retryAt: uploads.length >= OCR_PER_HOUR && oldest ? new Date(oldest.getTime() + 3_600_000) : null,
  };
}

/**
 * The customer goes on after every attempt failed: one identity_document check "review"
 * (reason document_unreadable) for a person to look at the photos; not repeated while it stands.
 */
export async function recordUnreadableOutcome(db: Executor, app: ApplicationRow, step: Step, attempts: number, now: Date, provider = "local"): Promise<void> {
  const last = await latestCheck(db, app, "identity_document", step.id);
  if (last && (last.details as { status?: string }).status === "unreadable") return;
  await db
    .insertInto("application_checks")
    .values({
      tenant_id: app.tenant_id,
      id: newId(),
      application_id: app.id,
      kind: "identity_document",
      outcome: "review",
      summary: `The document could not be read after ${attempts} photo(s): check the identity by hand`,
      details: JSON.stringify({ step: step.id, status: "unreadable", reasons: [{ code: "document_unreadable", message: `No machine-readable zone was found in ${attempts} photo(s)` }], attempts }),
      provider,
      input_digest: null,
      list_version: null,
      actor: "customer",
      created_at: now,
    })
    .execute();
  await recordTimeline(db, now, app, { type: "identity_unreadable_continued", actor: "customer", step: step.id, data: { attempts } });
}
