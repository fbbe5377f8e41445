/** The retention purge: records past their retention period after the relationship ends. */
import type { JobDefinition } from "../../jobs/registry";
import type { ScheduleSpec } from "../../jobs/scheduler";

export const retentionJobs: JobDefinition[] = [];

export const retentionSchedules: ScheduleSpec[] = [];
