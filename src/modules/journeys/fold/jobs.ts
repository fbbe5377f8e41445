/**
 * The fold as jobs: `journeys.fold` every 2 seconds folds whatever is pending in every bank (a
 * budget of 1.5 s per run, so runs never pile up; what is left waits 2 s), which keeps new events
 * in the rollups within about 5 seconds. `journeys.rebuild` ({ tenantId }) recomputes one bank
 * after its journey definitions changed (enqueued by the definitions API).
 */
import { z } from "zod";
import { defineJob, type JobDefinition } from "../../../jobs/registry";
import type { ScheduleSpec } from "../../../jobs/scheduler";
import type { Deps } from "../../../server/deps";
import { foldPending, rebuild } from "./fold";

export const FOLD_BUDGET_MS = 1_500;

const warn = (deps: Deps) => (fields: Record<string, unknown>, message: string) => deps.log.warn(fields, message);

export const journeysFoldJob = defineJob({
  name: "journeys.fold",
  payload: z.object({}).passthrough(),
  handler: async (deps) => {
    const r = await foldPending(deps.db, { now: deps.clock.now(), budgetMs: FOLD_BUDGET_MS, log: warn(deps) });
    if (r.entities > 0) deps.log.debug({ ...r }, "journeys folded");
  },
});

export const journeysRebuildJob = defineJob({
  name: "journeys.rebuild",
  payload: z.object({ tenantId: z.uuid() }),
  maxAttempts: 3,
  handler: async (deps, p) => {
    const r = await rebuild(deps.db, p.tenantId, { now: deps.clock.now(), log: warn(deps) });
    deps.log.info({ tenantId: p.tenantId, ...r }, "journeys rebuilt");
  },
});

export const journeysJobs: JobDefinition[] = [journeysFoldJob as JobDefinition, journeysRebuildJob as JobDefinition];

export const journeysSchedules: ScheduleSpec[] = [{ name: "journeys.fold", cron: "*/2 * * * * *", jobName: journeysFoldJob.name }];
