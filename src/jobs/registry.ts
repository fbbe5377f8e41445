import type { z } from "zod";
import type { Executor, Trx } from "../db";
import type { Deps } from "../server/deps";
import { type EnqueueOptions, enqueueJob } from "./enqueue";

/** What a handler knows about the run it is part of. `attempts` counts this run (1 = first). */
export interface JobInfo {
  id: string;
  name: string;
  attempts: number;
  maxAttempts: number;
  tenantId: string | null;
}

/**
 * A typed job. The payload schema is checked by the worker before the handler runs; a payload
 * that does not parse goes straight to the dead letters (retrying cannot fix it).
 * Methods (not arrow properties) so a definition of a specific payload fits a registry of many.
 */
export interface JobDefinition<P = unknown> {
  readonly name: string;
  readonly payload: z.ZodType<P>;
  /** Attempts before the job is dead; stored on the row when enqueued through `enqueue()`. */
  readonly maxAttempts?: number;
  handler(deps: Deps, payload: P, job: JobInfo): Promise<void>;
  /**
   * Runs in the worker's transaction when the job becomes dead (last attempt failed, or a
   * PermanentError), so a module can mark its own row (a message 'failed'). Use only `trx`.
   */
  onDead?(trx: Trx, payload: P, dead: { job: JobInfo; error: string; now: Date; deps: Deps }): Promise<void>;
}

export function defineJob<S extends z.ZodType>(def: {
  name: string;
  payload: S;
  maxAttempts?: number;
  handler: (deps: Deps, payload: z.output<S>, job: JobInfo) => Promise<void>;
  onDead?: (trx: Trx, payload: z.output<S>, dead: { job: JobInfo; error: string; now: Date; deps: Deps }) => Promise<void>;
}): JobDefinition<z.output<S>> {
  return def as JobDefinition<z.output<S>>;
}

const MAX_ERROR_LENGTH = 2_000;

/** A failure as stored in last_error: the message only, never a stack, bounded in length. */
export function errorText(err: unknown): string {
  const plain = err instanceof PermanentJobError || (err instanceof Error && err.name === "Error");
  const text = err instanceof Error ? `${plain ? "" : `${err.name}: `}${err.message}` : String(err);
  return text.slice(0, MAX_ERROR_LENGTH) || "(no message)";
}

/** Thrown by a handler when retrying cannot help: the job goes straight to the dead letters. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

/** The jobs one worker can run, by name. A worker only claims jobs whose name it knows. */
export class JobRegistry {
  private readonly byName = new Map<string, JobDefinition>();

  constructor(definitions: Iterable<JobDefinition> = []) {
    for (const d of definitions) this.add(d);
  }

  add(definition: JobDefinition): this {
    if (this.byName.has(definition.name)) throw new Error(`Job ${definition.name} is defined twice`);
    this.byName.set(definition.name, definition);
    return this;
  }

  get(name: string): JobDefinition | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

/**
 * Enqueues a typed job in the caller's transaction: the payload is checked against the schema
 * now (a bug shows at the call site, not later in a worker) and the definition's maxAttempts is
 * stored on the row. Returns the job id, or null when deduplicated.
 */
export async function enqueue<P>(
  db: Executor,
  now: Date,
  job: JobDefinition<P>,
  payload: P,
  opts: Omit<EnqueueOptions, "maxAttempts"> = {},
): Promise<string | null> {
  const parsed = job.payload.parse(payload) as Record<string, unknown>;
  return enqueueJob(db, now, job.name, parsed, { ...opts, maxAttempts: job.maxAttempts });
}
