import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db";
import { defineJob } from "../../jobs/registry";
import type { ScheduleSpec } from "../../jobs/scheduler";
import { foldAll, foldSurvey } from "./rollups";

/**
 * Closes in-progress responses idle longer than FEEDBACK_PARTIAL_AFTER_HOURS as `partial` (kept
 * and counted in summaries). Batches of 1,000 rows, SKIP LOCKED so a response being answered right
 * now is left for the next run. Returns how many were closed (`tenantId`: one bank only, for tests).
 */
export async function closeIdleResponses(db: Db, now: Date, afterHours: number, opts: { tenantId?: string } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - afterHours * 3_600_000);
  let total = 0;
  for (;;) {
    const r = await sql`
      with idle as materialized (
        select tenant_id, id from survey_responses
        where status = 'in_progress' and updated_at < ${cutoff}
          and (${opts.tenantId ?? null}::uuid is null or tenant_id = ${opts.tenantId ?? null}::uuid)
        order by updated_at limit 1000 for update skip locked)
      update survey_responses r set status = 'partial', updated_at = ${now}
      from idle where r.tenant_id = idle.tenant_id and r.id = idle.id and r.status = 'in_progress'`.execute(db);
    const n = Number(r.numAffectedRows ?? 0);
    total += n;
    if (n < 1000) return total;
  }
}

export const closeIdleJob = defineJob({
  name: "feedback.responses.close_idle",
  payload: z.object({}).passthrough(),
  handler: async (deps) => {
    await closeIdleResponses(deps.db, deps.clock.now(), deps.config.feedbackPartialAfterHours);
  },
});

/** Folds new final responses into the summary rollups (one survey, or every survey with news). */
export const foldRollupsJob = defineJob({
  name: "feedback.rollups.fold",
  payload: z.object({ tenantId: z.uuid().optional(), surveyId: z.uuid().optional() }),
  handler: async (deps, p) => {
    if (p.tenantId && p.surveyId) await foldSurvey(deps.db, p.tenantId, p.surveyId);
    else await foldAll(deps.db);
  },
});

/** Recurring: close idle responses every 10 minutes, fold rollups every 30 seconds (UTC cron; summaries also fold on read). */
export const feedbackSchedules: ScheduleSpec[] = [
  { name: "feedback.responses.close_idle", cron: "*/10 * * * *", jobName: closeIdleJob.name },
  { name: "feedback.rollups.fold", cron: "*/30 * * * * *", jobName: foldRollupsJob.name },
];
