import { z } from "zod";
import type { Db } from "../db";
import { defineJob } from "./registry";
import type { ScheduleSpec } from "./scheduler";

/** Finished jobs are kept this long for the admin view, then deleted. Dead letters stay until retried. */
export const DONE_JOBS_KEEP_DAYS = 7;

/**
 * Deletes jobs that finished (`done`) before the cutoff, in batches so one run never holds a long
 * lock. Recurring jobs (the rollup fold runs every 30 seconds) would otherwise grow the table forever.
 */
export async function pruneDoneJobs(db: Db, now: Date, keepDays = DONE_JOBS_KEEP_DAYS): Promise<number> {
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000);
  let total = 0;
  for (;;) {
    const batch = await db.selectFrom("jobs").select("id").where("status", "=", "done").where("finished_at", "<", cutoff).limit(5_000).execute();
    if (batch.length === 0) return total;
    await db.deleteFrom("jobs").where("id", "in", batch.map((b) => b.id)).where("status", "=", "done").execute();
    total += batch.length;
  }
}

export const pruneJobsJob = defineJob({
  name: "platform.jobs.prune",
  payload: z.object({}).passthrough(),
  handler: async (deps) => {
    await pruneDoneJobs(deps.db, deps.clock.now());
  },
});

export const platformMaintenanceSchedules: ScheduleSpec[] = [{ name: "platform.jobs.prune", cron: "17 3 * * *", jobName: pruneJobsJob.name }];
