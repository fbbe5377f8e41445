import type { Executor } from "../db";
import { newId } from "../kernel/ids";

export interface EnqueueOptions {
  tenantId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
  /** While a job with this key is queued or running, enqueueing another is a no-op. */
  dedupeKey?: string;
}

/** Adds a job in the caller's transaction. Returns the job id, or null when deduplicated. */
export async function enqueueJob(
  db: Executor,
  now: Date,
  name: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<string | null> {
  const id = newId();
  const row = await db
    .insertInto("jobs")
    .values({
      id,
      tenant_id: opts.tenantId ?? null,
      name,
      payload: JSON.stringify(payload),
      status: "queued",
      max_attempts: opts.maxAttempts ?? 5,
      run_at: opts.runAt ?? now,
      dedupe_key: opts.dedupeKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("dedupe_key").where("status", "in", ["queued", "running"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}
