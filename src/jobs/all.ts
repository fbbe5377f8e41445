import { deliverMessageJob } from "../modules/notifications/deliver-job";
import type { Deps } from "../server/deps";
import { eventDeliveryJob, SubscriberRegistry } from "./dispatcher";
import { type JobDefinition, JobRegistry } from "./registry";
import { startWorker, type Worker, type WorkerOptions } from "./worker";

/**
 * The platform's jobs and event subscribers, in one place. A module adds its job definitions to
 * allJobs() and its subscriptions to platformSubscribers(); nothing else needs to change.
 * (Kept apart from registry.ts so modules can import defineJob without an import cycle.)
 */
export function platformSubscribers(): SubscriberRegistry {
  return new SubscriberRegistry();
}

export function allJobs(subscribers: SubscriberRegistry = platformSubscribers()): JobDefinition[] {
  return [deliverMessageJob as JobDefinition, eventDeliveryJob(subscribers) as JobDefinition];
}

/** Every job and every subscriber, consistent with each other (events.deliver needs the subscribers). */
export function platformWorkerSetup(_deps?: Deps): { registry: JobRegistry; subscribers: SubscriberRegistry } {
  const subscribers = platformSubscribers();
  return { registry: new JobRegistry(allJobs(subscribers)), subscribers };
}

/** What `atrium worker` (and `atrium start`) run: every job, every subscriber, the scheduler. */
export function startPlatformWorker(deps: Deps, opts: Omit<WorkerOptions, "subscribers"> = {}): Worker {
  const { registry, subscribers } = platformWorkerSetup(deps);
  return startWorker(deps, registry, { ...opts, subscribers });
}
