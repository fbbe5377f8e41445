import { z } from "zod";
import type { Deps } from "../server/deps";
import { enqueueJob } from "./enqueue";
import { defineJob, type JobDefinition, PermanentJobError } from "./registry";

/**
 * Event flow: a command writes its change and a row in `events` in one transaction (emitEvent in
 * outbox.ts). The worker's dispatcher later takes undispatched events in created_at order, and for
 * each (event, subscriber) pair enqueues one `events.deliver` job, marking the events dispatched
 * in the same transaction. Each pair then retries and dead-letters on its own: one failing
 * subscriber never blocks or repeats another.
 *
 * Guarantees: an event of a rolled-back transaction never exists, so it is never delivered; a
 * committed event is handed to each subscriber at least once (exactly once unless a handler fails
 * or a worker dies mid-handler), in no guaranteed order across events. Subscribers must be
 * idempotent. Subscribers added later do not see events dispatched before they existed.
 */

export const EVENTS_DELIVER = "events.deliver";

/** An event as subscribers see it. */
export interface StoredEvent {
  tenantId: string;
  id: string;
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface Subscriber {
  /** Stable: it is stored in queued jobs, so renaming one orphans its pending deliveries. */
  name: string;
  handle(deps: Deps, event: StoredEvent): Promise<void>;
  /** For "*" subscribers: event types they never need (no delivery job is made for those). */
  accepts?(type: string): boolean;
}

/** Which subscriber hears which event types ("*" = every type). */
export class SubscriberRegistry {
  private readonly byName = new Map<string, { subscriber: Subscriber; types: Set<string> }>();

  subscribe(type: string | "*", subscriber: Subscriber): this {
    if (!/^[a-z0-9_.:-]{1,100}$/i.test(subscriber.name)) throw new Error(`Bad subscriber name ${subscriber.name}`);
    const entry = this.byName.get(subscriber.name);
    if (entry && entry.subscriber.handle !== subscriber.handle) {
      throw new Error(`Subscriber ${subscriber.name} is registered twice with different handlers`);
    }
    if (entry) entry.types.add(type);
    else this.byName.set(subscriber.name, { subscriber, types: new Set([type]) });
    return this;
  }

  /** Subscribers of `type`, in registration order. */
  matching(type: string): Subscriber[] {
    return [...this.byName.values()]
      .filter((e) => e.types.has(type) || (e.types.has("*") && (e.subscriber.accepts?.(type) ?? true)))
      .map((e) => e.subscriber);
  }

  get(name: string): Subscriber | undefined {
    return this.byName.get(name)?.subscriber;
  }

  get size(): number {
    return this.byName.size;
  }
}

export interface DispatchOptions {
  /** Events per transaction. */
  batchSize?: number;
  /** Only this tenant's events (a dedicated worker; tests). */
  tenantId?: string;
}

/**
 * Moves one batch of undispatched events into delivery jobs. Rows are locked FOR UPDATE SKIP
 * LOCKED, so concurrent dispatchers take disjoint batches; the dedupe key makes a second enqueue
 * of the same pair a no-op even so. Returns the number of events dispatched.
 */
export async function dispatchEvents(
  deps: Pick<Deps, "db">,
  subscribers: SubscriberRegistry,
  now: Date,
  opts: DispatchOptions = {},
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom("events")
      .select(["tenant_id", "id", "type"])
      .where("dispatched_at", "is", null)
      .orderBy("created_at")
      .orderBy("id")
      .limit(opts.batchSize ?? 100)
      .forUpdate()
      .skipLocked();
    if (opts.tenantId) query = query.where("tenant_id", "=", opts.tenantId);
    const events = await query.execute();
    if (events.length === 0) return 0;
    for (const e of events) {
      for (const s of subscribers.matching(e.type)) {
        await enqueueJob(
          trx,
          now,
          EVENTS_DELIVER,
          { tenantId: e.tenant_id, eventId: e.id, subscriber: s.name },
          { tenantId: e.tenant_id, dedupeKey: `event:${e.id}:${s.name}`, maxAttempts: DELIVER_MAX_ATTEMPTS },
        );
      }
    }
    for (const tenantId of new Set(events.map((e) => e.tenant_id))) {
      const ids = events.filter((e) => e.tenant_id === tenantId).map((e) => e.id);
      await trx
        .updateTable("events")
        .set({ dispatched_at: now })
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute();
    }
    return events.length;
  });
}

const DELIVER_MAX_ATTEMPTS = 10;

const DeliverPayload = z.object({ tenantId: z.uuid(), eventId: z.uuid(), subscriber: z.string().min(1) });

/**
 * The `events.deliver` job for a set of subscribers. An unknown subscriber name fails (and so
 * retries with backoff): during a rolling deploy an older worker may not know a new subscriber.
 */
export function eventDeliveryJob(subscribers: SubscriberRegistry): JobDefinition<z.output<typeof DeliverPayload>> {
  return defineJob({
    name: EVENTS_DELIVER,
    payload: DeliverPayload,
    maxAttempts: DELIVER_MAX_ATTEMPTS,
    async handler(deps, p) {
      const row = await deps.db
        .selectFrom("events")
        .selectAll()
        .where("tenant_id", "=", p.tenantId)
        .where("id", "=", p.eventId)
        .executeTakeFirst();
      if (!row) throw new PermanentJobError(`Event ${p.eventId} does not exist`);
      const subscriber = subscribers.get(p.subscriber);
      if (!subscriber) throw new Error(`This worker has no subscriber named ${p.subscriber}`);
      await subscriber.handle(deps, {
        tenantId: row.tenant_id,
        id: row.id,
        type: row.type,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        actorId: row.actor_id,
        payload: row.payload,
        createdAt: row.created_at,
      });
    },
  });
}
