import { closeIdleJob, feedbackSchedules, foldRollupsJob } from "../modules/feedback/close-idle-job";
import { campaignRemindJob, campaignSendJob } from "../modules/feedback/campaigns";
import { completionSubscriber, triggerFireJob, triggerSubscriber } from "../modules/feedback/triggers";
import type { Config } from "../config";
import { complianceJobs, complianceSchedules } from "../modules/compliance/jobs";
import { onboardingJobs, onboardingSchedules } from "../modules/onboarding/jobs";
import { retentionJobs, retentionSchedules } from "../modules/risk/jobs";
import { screeningListJobs, screeningListSchedules } from "../modules/screening/jobs";
import { signingJobs, signingSchedules } from "../modules/signing/envelopes/sweep";
import { journeyStreamSubscriber } from "../modules/journeys/stream";
import { journeysJobs, journeysSchedules } from "../modules/journeys/fold/jobs";
import { importJobs } from "../modules/journeys/imports/job";
import { deliverMessageJob } from "../modules/notifications/deliver-job";
import type { Deps } from "../server/deps";
import { eventDeliveryJob, SubscriberRegistry } from "./dispatcher";
import { platformMaintenanceSchedules, pruneJobsJob } from "./prune";
import { type JobDefinition, JobRegistry } from "./registry";
import { ensureSchedule, type ScheduleSpec } from "./scheduler";
import { startWorker, type Worker, type WorkerOptions } from "./worker";

/**
 * The platform's jobs and event subscribers, in one place. A module adds its job definitions to
 * allJobs() and its subscriptions to platformSubscribers(); nothing else needs to change.
 * (Kept apart from registry.ts so modules can import defineJob without an import cycle.)
 */
export function platformSubscribers(): SubscriberRegistry {
  return new SubscriberRegistry()
    .subscribe("*", triggerSubscriber)
    .subscribe("survey.response_completed", completionSubscriber)
    .subscribe("*", journeyStreamSubscriber);
}

export function allJobs(subscribers: SubscriberRegistry = platformSubscribers()): JobDefinition[] {
  return [
    deliverMessageJob as JobDefinition,
    eventDeliveryJob(subscribers) as JobDefinition,
    campaignSendJob as JobDefinition,
    campaignRemindJob as JobDefinition,
    triggerFireJob as JobDefinition,
    closeIdleJob as JobDefinition,
    foldRollupsJob as JobDefinition,
    pruneJobsJob as JobDefinition,
    ...onboardingJobs,
    ...screeningListJobs,
    ...complianceJobs,
    ...retentionJobs,
    ...signingJobs,
    ...journeysJobs,
    ...importJobs,
  ];
}

/** Recurring jobs, ensured (ensureSchedule) when a worker starts. */
export function platformSchedules(config?: Config): ScheduleSpec[] {
  return [...platformMaintenanceSchedules, ...feedbackSchedules, ...onboardingSchedules, ...screeningListSchedules(config), ...complianceSchedules, ...retentionSchedules, ...signingSchedules, ...journeysSchedules];
}

/** Creates or updates every recurring job's schedule (idempotent; every worker does it at start). */
export async function ensurePlatformSchedules(deps: Deps): Promise<void> {
  for (const spec of platformSchedules(deps.config)) await ensureSchedule(deps.db, spec, deps.clock.now());
}

/** Every job and every subscriber, consistent with each other (events.deliver needs the subscribers). */
export function platformWorkerSetup(_deps?: Deps): { registry: JobRegistry; subscribers: SubscriberRegistry } {
  const subscribers = platformSubscribers();
  return { registry: new JobRegistry(allJobs(subscribers)), subscribers };
}

/** What `atrium worker` (and `atrium start`) run: every schedule ensured, every job, every subscriber, the scheduler. */
export async function startPlatformWorker(deps: Deps, opts: Omit<WorkerOptions, "subscribers"> = {}): Promise<Worker> {
  await ensurePlatformSchedules(deps);
  const { registry, subscribers } = platformWorkerSetup(deps);
  return startWorker(deps, registry, { ...opts, subscribers });
}
