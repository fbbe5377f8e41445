/**
 * Atrium's own events join the journey stream: the onboarding journey events (application.started,
 * step_viewed, step_completed, abandoned, submitted, decided, funded …, with properties journeyId,
 * channel, product, branchId, agentId, step …), journey events other systems report through
 * POST /api/v1/events, and completed survey responses (their scores tie feedback to journeys).
 * A subscriber of the event outbox copies each into journey_events under the bank's built-in
 * "atrium" source, with the outbox event's id as messageId: deliveries are at least once, the copy
 * is stored once.
 */
import type { Executor } from "../../db";
import type { StoredEvent, Subscriber } from "../../jobs/dispatcher";
import type { Deps } from "../../server/deps";
import { RESERVED_EVENT_PREFIXES } from "../feedback/triggers";
import { insertSource, isUniqueViolation } from "./sources";

/** What the stream takes: journey events (not the platform's own bookkeeping) and completed responses. */
export const streamed = (type: string): boolean => type === "survey.response_completed" || !RESERVED_EVENT_PREFIXES.some((p) => type.startsWith(p));

type Props = Record<string, unknown>;
const isObject = (v: unknown): v is Props => v !== null && typeof v === "object" && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v.slice(0, 200) : null);

/** The bank's built-in source (made on first use; one per bank by a unique index). */
export async function atriumSourceId(db: Executor, tenantId: string, now: Date): Promise<string> {
  const find = () => db.selectFrom("event_sources").select("id").where("tenant_id", "=", tenantId).where("kind", "=", "atrium").executeTakeFirst();
  const found = await find();
  if (found) return found.id;
  for (const name of ["Atrium", "Atrium (built-in)"]) {
    try {
      return (await insertSource(db, { tenantId, name, kind: "atrium", now })).source.id;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Another delivery made it meanwhile, or the bank named a source "Atrium": look again, else the next name.
      const raced = await find();
      if (raced) return raced.id;
    }
  }
  throw new Error(`no built-in event source could be made for tenant ${tenantId}`);
}

/** The journey_events row of an outbox event. */
export function streamRow(event: StoredEvent, sourceId: string, receivedAt: Date) {
  const payload = isObject(event.payload) ? event.payload : {};
  const properties = isObject(payload.properties) ? payload.properties : payload;
  const contact = isObject(payload.contact) ? payload.contact : {};
  return {
    tenant_id: event.tenantId,
    source_id: sourceId,
    message_id: event.id,
    type: "track" as const,
    event: event.type,
    user_id: text(contact.customerId),
    // Every event names someone: the customer when known, else what it is about (application:<id> …).
    anonymous_id: event.subjectId ? `${event.subjectType ?? "subject"}:${event.subjectId}`.slice(0, 200) : `event:${event.id}`,
    journey_id: text(properties.journeyId),
    occurred_at: event.createdAt,
    received_at: receivedAt,
    properties: JSON.stringify(properties),
    context: JSON.stringify({ library: { name: "atrium" }, ...(event.actorId ? { actorId: event.actorId } : {}) }),
  };
}

export const journeyStreamSubscriber: Subscriber = {
  name: "journeys.stream",
  accepts: streamed,
  async handle(deps: Deps, event: StoredEvent) {
    const now = deps.clock.now();
    const sourceId = await atriumSourceId(deps.db, event.tenantId, now);
    await deps.db
      .insertInto("journey_events")
      .values(streamRow(event, sourceId, now))
      .onConflict((oc) => oc.columns(["tenant_id", "source_id", "message_id"]).doNothing())
      .execute();
  },
};
