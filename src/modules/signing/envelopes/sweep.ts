/**
 * The scheduled signing sweep (every 15 minutes): expires envelopes past their date, sends due
 * reminders (every reminder_every_hours while out for signature, at most 5 per signer), and
 * retries seals that failed (at most 5 attempts, waiting 5, 10, 20, 40 minutes between them) or
 * that stayed pending (the process stopped between completion and sealing).
 */
import { z } from "zod";
import { inTransaction } from "../../../db";
import { defineJob, type JobDefinition } from "../../../jobs/registry";
import type { ScheduleSpec } from "../../../jobs/scheduler";
import type { Deps } from "../../../server/deps";
import { envelopeById } from "./common";
import { sealEnvelope } from "./complete";
import { appendEvent } from "./events";
import { remindSigners } from "./sign";

export const MAX_SEAL_ATTEMPTS = 5;
const SEAL_BACKOFF_MS = 5 * 60_000;
/** A completed envelope still pending after this long was left by a stopped process. */
const PENDING_STALE_MS = 5 * 60_000;

export async function sweepSigning(deps: Deps): Promise<{ expired: number; reminded: number; sealed: number }> {
  const now = deps.clock.now();
  const meta = { actor: null, ip: null, userAgent: null };
  const out = { expired: 0, reminded: 0, sealed: 0 };
  const due = await deps.db.selectFrom("envelopes").select(["tenant_id", "id"]).where("status", "=", "sent").where("expires_at", "<=", now).limit(500).execute();
  for (const e of due) {
    const done = await inTransaction(deps.db, async (trx) => {
      const env = await envelopeById(trx, e.tenant_id, e.id, { forUpdate: true });
      if (env.status !== "sent" || env.expires_at > now) return false;
      await trx.updateTable("envelopes").set({ status: "expired", closed_at: now, close_reason: "expired", next_reminder_at: null }).where("tenant_id", "=", e.tenant_id).where("id", "=", e.id).execute();
      await appendEvent(trx, { now, actor: null }, env, { action: "expired", data: { expiresAt: env.expires_at.toISOString() } });
      return true;
    });
    if (done) out.expired++;
  }
  const remind = await deps.db
    .selectFrom("envelopes")
    .select(["tenant_id", "id"])
    .where("status", "=", "sent")
    .where("next_reminder_at", "<=", now)
    .where("expires_at", ">", now)
    .limit(500)
    .execute();
  for (const e of remind) {
    try {
      out.reminded += await remindSigners(deps, meta, e.tenant_id, e.id, { scheduled: true });
    } catch (err) {
      // One bad envelope (say, a recipient the provider refuses) must not stop the others.
      deps.log.warn({ err, envelopeId: e.id }, "signing sweep: reminder failed");
    }
  }
  const sealing = await deps.db
    .selectFrom("envelopes")
    .select(["tenant_id", "id", "seal_status", "seal_attempts", "completed_at"])
    .where("status", "=", "completed")
    .where("seal_status", "in", ["pending", "failed"])
    .where("seal_attempts", "<", MAX_SEAL_ATTEMPTS)
    .limit(100)
    .execute();
  for (const e of sealing) {
    if (e.seal_status === "pending" && e.completed_at && now.getTime() - e.completed_at.getTime() < PENDING_STALE_MS) continue;
    if (e.seal_status === "failed") {
      const last = await deps.db
        .selectFrom("signing_events")
        .select("at")
        .where("tenant_id", "=", e.tenant_id)
        .where("envelope_id", "=", e.id)
        .where("action", "=", "seal_failed")
        .orderBy("seq", "desc")
        .limit(1)
        .executeTakeFirst();
      const wait = SEAL_BACKOFF_MS * 2 ** Math.max(0, e.seal_attempts - 1);
      if (last && now.getTime() - last.at.getTime() < wait) continue;
    }
    const after = await sealEnvelope(deps, meta, e.tenant_id, e.id);
    if (after.seal_status === "sealed") out.sealed++;
  }
  return out;
}

export const signingSweepJob = defineJob({
  name: "signing.sweep",
  payload: z.object({}).passthrough(),
  handler: async (deps) => {
    await sweepSigning(deps);
  },
});

export const signingJobs: JobDefinition[] = [signingSweepJob as JobDefinition];

/** Every 15 minutes (UTC cron). */
export const signingSchedules: ScheduleSpec[] = [{ name: "signing.sweep", cron: "*/15 * * * *", jobName: signingSweepJob.name }];
