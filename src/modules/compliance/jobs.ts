/** Re-screening of existing customers when a list changes (alerts on new hits), and a daily safety net. */
import { z } from "zod";
import { defineJob, type JobDefinition } from "../../jobs/registry";
import type { ScheduleSpec } from "../../jobs/scheduler";
import { rescreen } from "./rescreen";

/** Enqueued by the list importer after an import changes the active lists; {tenantId} narrows it to one bank. */
export const rescreenJob = defineJob({
  name: "compliance.rescreen",
  payload: z.object({ tenantId: z.uuid().optional() }).passthrough(),
  handler: async (deps, p) => {
    const stats = await rescreen(deps, { tenantId: p.tenantId });
    deps.log.info({ ...stats }, "re-screening done");
  },
});

export const complianceJobs: JobDefinition[] = [rescreenJob as JobDefinition];

/** Daily at 03:30 UTC: catches a list change whose job was lost, and subjects added meanwhile. */
export const complianceSchedules: ScheduleSpec[] = [{ name: "compliance.rescreen.daily", cron: "30 3 * * *", jobName: rescreenJob.name }];
