/** Re-screening of existing customers when a list changes (alerts on new hits). */
import type { JobDefinition } from "../../jobs/registry";
import type { ScheduleSpec } from "../../jobs/scheduler";

export const complianceJobs: JobDefinition[] = [];

export const complianceSchedules: ScheduleSpec[] = [];
