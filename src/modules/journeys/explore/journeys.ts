/**
 * Journey instances (the `journeys` table the fold keeps) and timelines (raw journey_events).
 * Every read filters on the actor's tenant and data scope: a journey outside either is not found,
 * and a scoped reader's customer timeline holds only events of journeys inside their scope.
 */
import { type Selectable, sql } from "kysely";
import type { Executor } from "../../../db";
import type { JourneyEventType, JourneyStatus, JourneysTable } from "../../../db/schema-journeys";
import { type Actor, scopeFilter } from "../../../kernel/access";
import { AppError } from "../../../kernel/errors";
import { normalChannel } from "../model/definition";
import { type DayRange, type Filters, journeyWhere } from "./filters";

export type JourneyRow = Selectable<JourneysTable>;

/**
 * A timestamp's exact text for keyset cursors: events may carry microseconds, which a JS Date
 * (milliseconds) would round and so repeat or skip rows at a page edge.
 */
const exact = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A customer timeline never scans past this many of the customer's journeys for its list. */
export const MAX_CUSTOMER_JOURNEYS = 200;
/** A journey's timeline holds at most this many events (`truncated` says when more exist). */
export const MAX_TIMELINE_EVENTS = 5000;

export async function listJourneys(db: Executor, actor: Actor, f: Filters & { status?: JourneyStatus }, range: DayRange | null, limit: number, after: [string, string] | null) {
  let q = db
    .selectFrom("journeys")
    .selectAll()
    .select(exact("journeys.started_at").as("started_key"))
    .where(journeyWhere(actor, f, range))
    .where("started_at", "is not", null);
  if (f.status) q = q.where("status", "=", f.status);
  if (after) {
    const at = sql<Date>`${after[0]}::timestamptz`;
    q = q.where((eb) => eb.or([eb("started_at", "<", at), eb.and([eb("started_at", "=", at), eb("journey_id", "<", after[1])])]));
  }
  return q.orderBy("started_at", "desc").orderBy("journey_id", "desc").limit(limit + 1).execute();
}

/** One journey in the actor's tenant and scope, or 404 (another bank's id reads the same). */
export async function scopedJourney(db: Executor, actor: Actor, journeyId: string): Promise<JourneyRow> {
  const row = await db
    .selectFrom("journeys")
    .selectAll()
    .where("tenant_id", "=", actor.tenantId)
    .where("journey_id", "=", journeyId)
    .where(scopeFilter(actor, { region: "journeys.region", branch: "journeys.branch", owner: "journeys.agent" }))
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such journey");
  return row;
}

export interface EventRow {
  type: JourneyEventType;
  event: string | null;
  occurred_at: Date;
  /** occurred_at to the microsecond, for cursors. */
  occurred_key: string;
  received_at: Date;
  source_id: string;
  source_name: string | null;
  message_id: string;
  journey_id: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

const eventColumns = sql`e.type, e.event, e.occurred_at, ${exact("e.occurred_at")} as occurred_key, e.received_at, e.source_id, s.name as source_name, e.message_id, e.journey_id, e.user_id, e.anonymous_id, e.properties, e.context`;

/** Every event of a journey (its entity, as the fold reads it), oldest first; at most `max`. */
export async function journeyEvents(db: Executor, tenantId: string, journeyId: string, max = MAX_TIMELINE_EVENTS): Promise<EventRow[]> {
  const { rows } = await sql<EventRow>`
    select ${eventColumns}
    from journey_events e left join event_sources s on s.tenant_id = e.tenant_id and s.id = e.source_id
    where e.tenant_id = ${tenantId} and e.entity = ${`j:${journeyId}`}
    order by e.occurred_at, e.received_at, e.message_id
    limit ${max + 1}`.execute(db);
  return rows;
}

/**
 * A customer's events (user_id or anonymous_id = customer), newest first, keyset paged on
 * (occurred_at, source_id, message_id). Each id has its own index; the two halves are read apart
 * and merged, so neither turns into a scan. A scoped actor sees only events of in-scope journeys.
 */
export async function customerEvents(db: Executor, actor: Actor, customer: string, limit: number, after: [string, string, string] | null): Promise<EventRow[]> {
  const keyset = after ? sql`and (e.occurred_at, e.source_id, e.message_id) < (${after[0]}::timestamptz, ${after[1]}::uuid, ${after[2]})` : sql``;
  const scoped =
    actor.scope === "tenant"
      ? sql``
      : sql`and e.journey_id in (${db
          .selectFrom("journeys")
          .select("journeys.journey_id")
          .where("journeys.tenant_id", "=", actor.tenantId)
          .where(scopeFilter(actor, { region: "journeys.region", branch: "journeys.branch", owner: "journeys.agent" }))})`;
  const half = (column: "user_id" | "anonymous_id") => sql`(
    select ${eventColumns}
    from journey_events e left join event_sources s on s.tenant_id = e.tenant_id and s.id = e.source_id
    where e.tenant_id = ${actor.tenantId} and e.${sql.ref(column)} = ${customer} ${keyset} ${scoped}
    order by e.occurred_at desc, e.source_id desc, e.message_id desc
    limit ${limit + 1})`;
  const { rows } = await sql<EventRow>`
    select * from (${half("user_id")} union ${half("anonymous_id")}) u
    order by occurred_at desc, source_id desc, message_id desc
    limit ${limit + 1}`.execute(db);
  return rows;
}

/** The customer's journeys in the actor's scope (by journeys.customer), plus any named by `alsoIds`, newest first. */
export async function customerJourneys(db: Executor, actor: Actor, customer: string, alsoIds: string[]): Promise<JourneyRow[]> {
  return db
    .selectFrom("journeys")
    .selectAll()
    .where("tenant_id", "=", actor.tenantId)
    .where(scopeFilter(actor, { region: "journeys.region", branch: "journeys.branch", owner: "journeys.agent" }))
    .where((eb) => (alsoIds.length ? eb.or([eb("customer", "=", customer), eb("journey_id", "in", alsoIds)]) : eb("customer", "=", customer)))
    .orderBy("first_event_at", "desc")
    .orderBy("journey_id", "desc")
    .limit(MAX_CUSTOMER_JOURNEYS)
    .execute();
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const orNull = (s: string | null | undefined) => (s ? s : null);
const text = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : typeof v === "number" ? String(v) : null);

/** A journey for the API; '' ("not recorded") reads as null. */
export function presentJourney(r: JourneyRow) {
  return {
    id: r.journey_id,
    customer: r.customer,
    product: orNull(r.product),
    segment: orNull(r.segment),
    region: orNull(r.region),
    branch: orNull(r.branch),
    agent: orNull(r.agent),
    device: orNull(r.device),
    startChannel: orNull(r.start_channel),
    channels: r.channels,
    touchpoints: r.touchpoints,
    channelSwitches: r.channel_switches,
    status: r.status,
    startedAt: iso(r.started_at),
    submittedAt: iso(r.submitted_at),
    decidedAt: iso(r.decided_at),
    decision: r.decision,
    fundedAt: iso(r.funded_at),
    openedAt: iso(r.opened_at),
    abandonedAt: iso(r.abandoned_at),
    firstEventAt: iso(r.first_event_at) as string,
    lastActivityAt: iso(r.last_activity_at) as string,
    abandonedStep: r.abandoned_step,
    abandonedField: r.abandoned_field,
    lastStep: r.last_step,
    lastField: r.last_field,
    events: r.events,
  };
}

/** One event as sent (properties untouched) with what the journey model reads from it. */
export function presentEvent(e: EventRow) {
  const p = e.properties ?? {};
  const c = e.context ?? {};
  return {
    type: e.type,
    event: e.event,
    occurredAt: iso(e.occurred_at) as string,
    receivedAt: iso(e.received_at) as string,
    source: { id: e.source_id, name: e.source_name },
    messageId: e.message_id,
    journeyId: e.journey_id,
    userId: e.user_id,
    anonymousId: e.anonymous_id,
    channel: normalChannel(p.channel ?? c.channel) || null,
    step: text(p.step),
    field: text(p.field),
    properties: p,
  };
}
