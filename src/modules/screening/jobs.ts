/** Scheduled imports of the configured sanctions and PEP lists (SCREENING_SOURCES, sources.ts). */
import { z } from "zod";
import type { Config } from "../../config";
import { defineJob, type JobDefinition, PermanentJobError } from "../../jobs/registry";
import type { ScheduleSpec } from "../../jobs/scheduler";
import { importSources, parseSources } from "./sources";

export const LIST_IMPORT_JOB = "screening.import_lists";

/** Fetches and imports every configured list (or only `listId`); failures are recorded per list, then reported. */
export const listImportJob = defineJob({
  name: LIST_IMPORT_JOB,
  payload: z.object({ listId: z.string().max(63).optional() }).passthrough(),
  maxAttempts: 3,
  handler: async (deps, p) => {
    const all = parseSources(deps.config.screening.sources, { allowHttp: deps.config.env === "test" });
    const sources = p.listId ? all.filter((s) => s.listId === p.listId) : all;
    if (p.listId && !sources.length) throw new PermanentJobError(`No configured source for list ${p.listId}`);
    const outcomes = await importSources(deps.db, sources, { now: () => deps.clock.now() });
    for (const o of outcomes) {
      if (o.ok) deps.log.info({ list: o.listId, version: o.result.version, status: o.result.status, entries: o.result.entries, problems: o.result.problems.length }, "screening list imported");
      else deps.log.warn({ list: o.listId, error: o.error }, "screening list import failed; the previous version stays active");
    }
    const failed = outcomes.filter((o) => !o.ok);
    // Each failure is already recorded on its list; retrying would fetch the same broken file again.
    if (failed.length) throw new PermanentJobError(`${failed.length} of ${outcomes.length} list(s) failed: ${failed.map((f) => `${f.listId}: ${f.ok ? "" : f.error}`).join("; ")}`);
  },
});

export const screeningListJobs: JobDefinition[] = [listImportJob as JobDefinition];

/** Only when SCREENING_SOURCES names lists to fetch; at SCREENING_IMPORT_CRON. A bad SCREENING_SOURCES stops the worker at start. */
export function screeningListSchedules(config?: Config): ScheduleSpec[] {
  if (!config?.screening.sources) return [];
  parseSources(config.screening.sources, { allowHttp: config.env === "test" });
  return [{ name: "screening.import_lists", cron: config.screening.importCron, jobName: LIST_IMPORT_JOB }];
}
