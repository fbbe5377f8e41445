/** The retention purge: records past their retention period after the relationship ends (retention.ts). */
import { z } from "zod";
import { defineJob, type JobDefinition } from "../../jobs/registry";
import type { ScheduleSpec } from "../../jobs/scheduler";
import { purgeExpired } from "./retention";

export const retentionPurgeJob = defineJob({
  name: "compliance.retention_purge",
  payload: z.object({ tenantId: z.uuid().optional() }).passthrough(),
  handler: async (deps, p) => {
    const purged = await purgeExpired(deps, { tenantId: p.tenantId });
    const totals = Object.values(purged).reduce<Record<string, number>>((acc, c) => {
      for (const [k, v] of Object.entries(c)) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {});
    deps.log.info({ job: "compliance.retention_purge", tenants: Object.keys(purged).length, ...totals }, "retention purge done");
  },
});

export const retentionJobs: JobDefinition[] = [retentionPurgeJob as JobDefinition];

/** Daily at 03:20 UTC (a quiet hour). */
export const retentionSchedules: ScheduleSpec[] = [{ name: "compliance.retention_purge.daily", cron: "20 3 * * *", jobName: retentionPurgeJob.name }];
