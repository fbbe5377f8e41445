/**
 * Screening one application's applicant: on a completed step only when who the applicant is
 * changed (input digest); before submission whenever the data or the active lists changed since
 * the last screening. The customer never sees a hit and never fails a step because of one.
 */
import { sql } from "kysely";
import type { Trx } from "../../db";
import { newId } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import type { HookMoment } from "../onboarding/steps";
import type { ApplicationRow } from "../onboarding/timeline";
import { screenName } from "../screening/screen";
import { checkScreeningName } from "../screening/normalise";
import { type Applicant, applicantOf } from "./applicant";
import { checkKinds, writeScreeningChecks } from "./checks";
import { sanctionsTrueMatch } from "./holds";
import { inputDigest, type ScreeningRecord, recordScreening, upsertSubject } from "./subjects";

export interface ApplicantScreening {
  skipped: boolean;
  record: ScreeningRecord | null;
  applicant: Applicant;
  digest: string;
}

async function lastResult(trx: Trx, app: ApplicationRow) {
  return trx
    .selectFrom("screening_results")
    .select(["input_digest", "list_version"])
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .orderBy("screened_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** A name that cannot be screened (no letters, too long) goes to a person: a review check, no result. */
async function unscreenable(trx: Trx, app: ApplicationRow, digest: string | null, actor: string, now: Date, problem: string) {
  await trx
    .insertInto("application_checks")
    .values({
      tenant_id: app.tenant_id,
      id: newId(),
      application_id: app.id,
      kind: "sanctions",
      outcome: "review",
      summary: "name could not be screened",
      details: JSON.stringify({ problem }),
      provider: "local",
      input_digest: digest,
      list_version: null,
      actor,
      created_at: now,
    })
    .execute();
}

export async function screenApplicant(trx: Trx, deps: Deps, app: ApplicationRow, moment: HookMoment | "manual", actor = "customer"): Promise<ApplicantScreening> {
  const now = deps.clock.now();
  const applicant = await applicantOf(trx, app);
  const digest = inputDigest(applicant);
  const last = await lastResult(trx, app);
  if (moment === "step_completed" && last?.input_digest === digest) return { skipped: true, record: null, applicant, digest };
  const problem = checkScreeningName(applicant.name);
  if (problem) {
    await unscreenable(trx, app, digest, actor, now, problem);
    return { skipped: false, record: null, applicant, digest };
  }
  const outcome = await screenName(trx, app.tenant_id, { name: applicant.name, ...(applicant.birthDate ? { birthDate: applicant.birthDate } : {}), ...(applicant.nationality || applicant.country ? { country: (applicant.nationality ?? applicant.country) as string } : {}) });
  if (moment === "before_submit" && last?.input_digest === digest && last.list_version === outcome.listVersion) return { skipped: true, record: null, applicant, digest };
  const subject = await upsertSubject(trx, app, applicant, now);
  const record = await recordScreening(trx, {
    subject,
    applicationId: app.id,
    reason: moment === "manual" ? "manual" : "onboarding",
    actor,
    digest,
    listVersion: outcome.listVersion,
    matches: outcome.matches,
    now,
  });
  await writeScreeningChecks(trx, { app, record, digest, actor, now, trueMatch: record.subject.status === "true_match" && (await sanctionsTrueMatch(trx, app.tenant_id, record.subject.id)), kinds: await checkKinds(trx, app, record.hits) });
  return { skipped: false, record, applicant, digest };
}

/**
 * The hook's wrapper: screening runs inside a savepoint, so a failure of the matcher never rolls
 * back or refuses the customer's step; it is logged and recorded as a check a person must look at.
 */
export async function screenApplicantSafely(trx: Trx, deps: Deps, app: ApplicationRow, moment: HookMoment): Promise<void> {
  await sql`savepoint compliance_screening`.execute(trx);
  try {
    await screenApplicant(trx, deps, app, moment);
    await sql`release savepoint compliance_screening`.execute(trx);
  } catch (err) {
    await sql`rollback to savepoint compliance_screening`.execute(trx);
    deps.log.error({ err, applicationId: app.id, moment }, "screening failed; the customer's step goes on");
    await unscreenable(trx, app, null, moment === "before_submit" ? "system" : "customer", deps.clock.now(), "screening failed: see the server log");
  }
}
