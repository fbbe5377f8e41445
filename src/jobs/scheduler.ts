import { CronExpressionParser } from "cron-parser";
import { sql } from "kysely";
import type { Executor } from "../db";
import type { Deps } from "../server/deps";
import { enqueueJob } from "./enqueue";
import type { JobRegistry } from "./registry";

/**
 * Recurring jobs. Each row of `schedules` names a cron expression (UTC; five fields, or six with
 * seconds first) and the job it enqueues. Every worker ticks the scheduler on each poll; a due row
 * is locked FOR UPDATE SKIP LOCKED while its job is enqueued and next_run_at advanced, so several
 * processes never enqueue the same occurrence twice. Missed occurrences are not replayed: after
 * downtime a schedule fires once, then continues from now.
 */

export interface ScheduleSpec {
  /** Stable key, e.g. `audit.verify.nightly`. */
  name: string;
  cron: string;
  jobName: string;
  payload?: Record<string, unknown>;
  enabled?: boolean;
}

/** The first occurrence strictly after `after`. Throws on an invalid expression. */
export function nextRunAfter(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: "UTC" }).next().toDate();
}

/**
 * Creates or updates a schedule (idempotent; called at start by modules). next_run_at is
 * recomputed only when the cron expression changes, so restarts do not push a due run back.
 */
export async function ensureSchedule(db: Executor, spec: ScheduleSpec, now: Date = new Date()): Promise<void> {
  const next = nextRunAfter(spec.cron, now);
  await db
    .insertInto("schedules")
    .values({
      name: spec.name,
      cron: spec.cron,
      job_name: spec.jobName,
      payload: JSON.stringify(spec.payload ?? {}),
      enabled: spec.enabled ?? true,
      next_run_at: next,
    })
    .onConflict((oc) =>
      oc.column("name").doUpdateSet({
        job_name: (eb) => eb.ref("excluded.job_name"),
        payload: (eb) => eb.ref("excluded.payload"),
        enabled: (eb) => eb.ref("excluded.enabled"),
        next_run_at: sql<Date>`case when schedules.cron = excluded.cron then schedules.next_run_at else excluded.next_run_at end`,
        cron: (eb) => eb.ref("excluded.cron"),
      }),
    )
    .execute();
}

/**
 * Enqueues every due schedule once and advances it. Returns how many jobs were enqueued.
 * The dedupe key (`schedule:<name>:<occurrence>`) is a second guard: even a process whose
 * clock lags cannot enqueue an occurrence that is already queued or running.
 */
export async function tickScheduler(
  deps: Pick<Deps, "db">,
  now: Date,
  opts: { registry?: JobRegistry; batchSize?: number } = {},
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("schedules")
      .selectAll()
      .where("enabled", "=", true)
      .where("next_run_at", "<=", now)
      .orderBy("next_run_at")
      .limit(opts.batchSize ?? 100)
      .forUpdate()
      .skipLocked()
      .execute();
    let enqueued = 0;
    for (const s of due) {
      const occurrence = new Date(s.next_run_at).toISOString();
      const id = await enqueueJob(trx, now, s.job_name, s.payload, {
        dedupeKey: `schedule:${s.name}:${occurrence}`,
        maxAttempts: opts.registry?.get(s.job_name)?.maxAttempts,
      });
      if (id) enqueued += 1;
      await trx
        .updateTable("schedules")
        .set({ next_run_at: nextRunSafe(s.cron, now), last_run_at: now })
        .where("name", "=", s.name)
        .execute();
    }
    return enqueued;
  });
}

/** A row whose cron no longer parses is pushed a day out rather than failing every tick. */
function nextRunSafe(cron: string, now: Date): Date {
  try {
    return nextRunAfter(cron, now);
  } catch {
    return new Date(now.getTime() + 86_400_000);
  }
}
