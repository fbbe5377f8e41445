import type { Executor } from "../db";
import { newId } from "../kernel/ids";

export interface DomainEvent {
  tenantId: string;
  /** dotted past tense, e.g. `user.created`, `application.submitted` */
  type: string;
  subjectType?: string;
  subjectId?: string;
  actorId?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * Writes a domain event in the caller's transaction (transactional outbox): it exists exactly
 * when the change does. The worker's dispatcher delivers it to subscribers afterwards.
 */
export async function emitEvent(db: Executor, now: Date, e: DomainEvent): Promise<string> {
  const id = newId();
  await db
    .insertInto("events")
    .values({
      tenant_id: e.tenantId,
      id,
      type: e.type,
      subject_type: e.subjectType ?? null,
      subject_id: e.subjectId ?? null,
      actor_id: e.actorId ?? null,
      payload: JSON.stringify(e.payload ?? {}),
      created_at: now,
    })
    .execute();
  return id;
}
