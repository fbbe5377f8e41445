/** Scheduled imports of the configured sanctions and PEP lists. */
import type { Config } from "../../config";
import type { JobDefinition } from "../../jobs/registry";
import type { ScheduleSpec } from "../../jobs/scheduler";

export const screeningListJobs: JobDefinition[] = [];

/** Only when SCREENING_SOURCES names lists to fetch; at SCREENING_IMPORT_CRON. */
export function screeningListSchedules(_config?: Config): ScheduleSpec[] {
  return [];
}
