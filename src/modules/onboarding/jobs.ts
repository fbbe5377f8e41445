/** Onboarding jobs and schedules: reminders and abandonment (sweep.ts). */
import { z } from "zod";
import { defineJob, type JobDefinition } from "../../jobs/registry";
import type { ScheduleSpec } from "../../jobs/scheduler";
import { sweepApplications } from "./sweep";

export const onboardingSweepJob = defineJob({
  name: "onboarding.sweep",
  payload: z.object({ tenantId: z.uuid().optional() }).passthrough(),
  handler: async (deps, p) => {
    await sweepApplications(deps, { tenantId: p.tenantId });
  },
});

export const onboardingJobs: JobDefinition[] = [onboardingSweepJob as JobDefinition];

/** Every 15 minutes (UTC cron). */
export const onboardingSchedules: ScheduleSpec[] = [{ name: "onboarding.sweep", cron: "*/15 * * * *", jobName: onboardingSweepJob.name }];
