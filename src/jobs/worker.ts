import { hostname } from "node:os";
import { sql } from "kysely";
import type { Selectable } from "kysely";
import type { JobsTable } from "../db/schema";
import { HOUR } from "../kernel/clock";
import { randomToken } from "../kernel/ids";
import type { Deps } from "../server/deps";
import { dispatchEvents, type SubscriberRegistry } from "./dispatcher";
import { errorText, type JobInfo, type JobRegistry, PermanentJobError } from "./registry";
import { tickScheduler } from "./scheduler";

type JobRow = Selectable<JobsTable>;

export interface WorkerOptions {
  /** Shown in `locked_by`; default host:pid:random. */
  workerId?: string;
  /** Jobs run at once; default config.worker.concurrency. */
  concurrency?: number;
  /** Pause between polls when idle, in ms; default config.worker.pollMs. */
  pollMs?: number;
  /** How long a claim holds before another worker may take the job back; renewed while running. */
  leaseMs?: number;
  /** Poll in the background (default). With false, only `runOnce()` does work (tests, CLI). */
  loop?: boolean;
  /** Dispatch domain events to these subscribers on each poll. */
  subscribers?: SubscriberRegistry;
  /** Tick the scheduler on each poll (default true). */
  scheduler?: boolean;
  /** Only this tenant's jobs and events (a dedicated worker for one large bank; tests). */
  tenantId?: string;
}

export interface Worker {
  readonly id: string;
  /** One poll: housekeeping, then claim and run up to the free slots; resolves when those finish. */
  runOnce(): Promise<number>;
  /** Stops claiming and waits for jobs in flight to finish. */
  stop(): Promise<void>;
}

const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = HOUR;
const DEFAULT_LEASE_MS = 5 * 60_000;

/** Delay before retry n (n = attempts so far): min(2^n × 5 s, 1 h), ±20 % jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(2 ** attempts * BACKOFF_BASE_MS, BACKOFF_MAX_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Runs jobs from the `jobs` table. Each poll: put back jobs whose lease expired (their worker
 * died), tick the scheduler, dispatch events, then claim ready jobs with one
 * `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING` so concurrent workers on
 * PostgreSQL take disjoint sets. Times come from deps.clock and are passed as parameters.
 */
export function startWorker(deps: Deps, registry: JobRegistry, opts: WorkerOptions = {}): Worker {
  const id = opts.workerId ?? `${hostname()}:${process.pid}:${randomToken(3)}`;
  const concurrency = opts.concurrency ?? deps.config.worker.concurrency;
  const pollMs = opts.pollMs ?? deps.config.worker.pollMs;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const log = deps.log.child({ worker: id });
  const names = registry.names();
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let wake: (() => void) | null = null;
  let lastHousekeeping = Number.NEGATIVE_INFINITY;

  async function housekeeping(): Promise<void> {
    const now = deps.clock.now();
    await reclaimExpired(now);
    if (opts.scheduler !== false) await tickScheduler(deps, now, { registry });
    if (opts.subscribers) await dispatchEvents(deps, opts.subscribers, now, { tenantId: opts.tenantId });
  }

  async function reclaimExpired(now: Date): Promise<void> {
    let q = deps.db
      .updateTable("jobs")
      .set({
        status: sql`case when attempts >= max_attempts then 'dead' else 'queued' end`,
        finished_at: sql`case when attempts >= max_attempts then ${now}::timestamptz else null end`,
        locked_by: null,
        locked_until: null,
        run_at: now,
        updated_at: now,
        last_error: "The worker running this job stopped before it finished (lease expired)",
      })
      .where("status", "=", "running")
      .where("locked_until", "<", now);
    if (opts.tenantId) q = q.where("tenant_id", "=", opts.tenantId);
    const rows = await q.returning(["id", "name", "status"]).execute();
    for (const r of rows) log.warn({ jobId: r.id, job: r.name, status: r.status }, "job lease expired; taken back");
  }

  async function claim(limit: number): Promise<JobRow[]> {
    if (limit <= 0 || names.length === 0) return [];
    const now = deps.clock.now();
    // The candidates are picked once, in a MATERIALIZED CTE. As `id IN (subquery)` the planner
    // may re-scan the subquery per row (a semi-join), and each re-scan skips the rows just
    // updated and returns new ones, claiming more than `limit`. Caught by the concurrency test.
    return deps.db
      .with(
        (cte) => cte("ready").materialized(),
        (db) => {
          let ready = db
            .selectFrom("jobs")
            .select("id")
            .where("status", "=", "queued")
            .where("run_at", "<=", now)
            .where("name", "in", names)
            .orderBy("run_at")
            .limit(limit)
            .forUpdate()
            .skipLocked();
          if (opts.tenantId) ready = ready.where("tenant_id", "=", opts.tenantId);
          return ready;
        },
      )
      .updateTable("jobs")
      .from("ready")
      .set((eb) => ({
        status: "running",
        locked_by: id,
        locked_until: new Date(now.getTime() + leaseMs),
        attempts: eb("jobs.attempts", "+", 1),
        updated_at: now,
      }))
      .whereRef("jobs.id", "=", "ready.id")
      // Re-checked on the locked row version, so a row can never be claimed twice.
      .where("jobs.status", "=", "queued")
      .returningAll("jobs")
      .execute();
  }

  async function execute(row: JobRow): Promise<void> {
    const info: JobInfo = { id: row.id, name: row.name, attempts: row.attempts, maxAttempts: row.max_attempts, tenantId: row.tenant_id };
    const def = registry.get(row.name);
    if (!def) return fail(row, info, new PermanentJobError(`No job named ${row.name}`), undefined);
    const parsed = def.payload.safeParse(row.payload);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ");
      return fail(row, info, new PermanentJobError(`Invalid payload: ${detail}`), undefined);
    }
    const heartbeat = setInterval(() => void renewLease(row.id), Math.max(1_000, Math.floor(leaseMs / 3)));
    try {
      await def.handler(deps, parsed.data, info);
      clearInterval(heartbeat);
      const now = deps.clock.now();
      await deps.db
        .updateTable("jobs")
        .set({ status: "done", finished_at: now, updated_at: now, locked_by: null, locked_until: null })
        .where("id", "=", row.id)
        .where("locked_by", "=", id)
        .where("status", "=", "running")
        .execute();
    } catch (err) {
      clearInterval(heartbeat);
      await fail(row, info, err, parsed.data);
    }
  }

  async function renewLease(jobId: string): Promise<void> {
    try {
      await deps.db
        .updateTable("jobs")
        .set({ locked_until: new Date(deps.clock.now().getTime() + leaseMs) })
        .where("id", "=", jobId)
        .where("locked_by", "=", id)
        .where("status", "=", "running")
        .execute();
    } catch (err) {
      log.warn({ jobId, err: errorText(err) }, "could not renew job lease");
    }
  }

  async function fail(row: JobRow, info: JobInfo, err: unknown, payload: unknown): Promise<void> {
    const now = deps.clock.now();
    const error = errorText(err);
    const dead = err instanceof PermanentJobError || row.attempts >= row.max_attempts;
    const def = registry.get(row.name);
    await deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable("jobs")
        .set({
          status: dead ? "dead" : "queued",
          run_at: dead ? row.run_at : new Date(now.getTime() + backoffMs(row.attempts)),
          last_error: error,
          finished_at: dead ? now : null,
          updated_at: now,
          locked_by: null,
          locked_until: null,
        })
        .where("id", "=", row.id)
        .where("locked_by", "=", id)
        .where("status", "=", "running")
        .returning("id")
        .executeTakeFirst();
      // Only the holder of the claim may dead-letter it (a lost lease means another run owns it).
      if (updated && dead && def?.onDead && payload !== undefined) {
        await def.onDead(trx, payload, { job: info, error, now, deps });
      }
    });
    const fields = { jobId: row.id, job: row.name, attempts: row.attempts, error };
    if (dead) log.error(fields, "job dead");
    else log.warn(fields, "job failed; will retry");
  }

  function track(row: JobRow): Promise<void> {
    const run = execute(row)
      .catch((err) => log.error({ jobId: row.id, job: row.name, err: errorText(err) }, "job bookkeeping failed"))
      .finally(() => {
        inFlight.delete(run);
        wake?.();
      });
    inFlight.add(run);
    return run;
  }

  async function poll(): Promise<JobRow[]> {
    const t = Date.now();
    if (t - lastHousekeeping >= pollMs) {
      lastHousekeeping = t;
      await housekeeping();
    }
    // stop() may arrive while housekeeping runs: a stopping worker claims nothing more.
    if (stopping) return [];
    return claim(concurrency - inFlight.size);
  }

  async function runOnce(): Promise<number> {
    lastHousekeeping = Number.NEGATIVE_INFINITY;
    const rows = await poll();
    await Promise.all(rows.map(track));
    return rows.length;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let claimed = 0;
      let free = 0;
      try {
        free = concurrency - inFlight.size;
        const rows = await poll();
        claimed = rows.length;
        for (const r of rows) track(r);
      } catch (err) {
        log.error({ err: errorText(err) }, "worker poll failed");
      }
      if (stopping) break;
      // A full claim suggests more is ready: go again at once if a slot is free.
      if (claimed > 0 && claimed === free && inFlight.size < concurrency) continue;
      await sleep(pollMs);
    }
  }

  const running = opts.loop === false ? Promise.resolve() : loop();

  return {
    id,
    runOnce,
    async stop() {
      stopping = true;
      wake?.();
      await running;
      await Promise.all([...inFlight]);
    },
  };
}
