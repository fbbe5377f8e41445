/** Onboarding jobs and schedules (reminders, abandonment): placeholder until filled in (helper C). */
import type { JobDefinition } from "../../jobs/registry";
import type { ScheduleSpec } from "../../jobs/scheduler";

export const onboardingJobs: JobDefinition[] = [];
export const onboardingSchedules: ScheduleSpec[] = [];
