import type { Selectable } from "kysely";
import { z } from "zod";
import { inTransaction } from "../../db";
import type { SurveyTriggersTable } from "../../db/schema";
import type { StoredEvent, Subscriber } from "../../jobs/dispatcher";
import { defineJob, enqueue } from "../../jobs/registry";
import { MINUTE } from "../../kernel/clock";
import type { Deps } from "../../server/deps";
import { type ContactRef, findOrCreateContact } from "./contacts";
import { getSettings, markSurveyed } from "./frequency";
import { loadSurvey, sendToContact } from "./invitations";

export type TriggerRow = Selectable<SurveyTriggersTable>;

/** Journey event types: dotted lower case, e.g. application.funded, branch.visit, call.ended. */
export const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+){1,4}$/;
/** Namespaces of the platform's own events: an external system may not emit these. */
export const RESERVED_EVENT_PREFIXES = ["survey.", "contact.", "campaign.", "user.", "auth.", "apikey.", "tenant.", "invitation.", "message.", "job.", "audit.", "org.", "region.", "branch.created", "branch.updated"];

type Props = Record<string, unknown>;

/** The properties conditions and hidden fields read: `properties` of a journey event, else the payload itself. */
function propertiesOf(payload: Props): Props {
  const p = payload.properties;
  return p && typeof p === "object" && !Array.isArray(p) ? (p as Props) : payload;
}

/** Every condition must equal the property (strings compare as given; numbers and booleans by value). */
export function conditionsMatch(conditions: Record<string, string | number | boolean>, payload: Props): boolean {
  const props = propertiesOf(payload);
  return Object.entries(conditions).every(([k, v]) => (k in props ? props[k] : payload[k]) === v);
}

/** Who the event is about: `contactId`, or a `contact` object with customerId / email / phone. */
export function contactRefOf(payload: Props): ContactRef | null {
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  if (str(payload.contactId)) return { contactId: str(payload.contactId) };
  const c = (payload.contact && typeof payload.contact === "object" ? payload.contact : payload) as Props;
  const ref: ContactRef = { customerId: str(c.customerId), email: str(c.email), phone: str(c.phone), name: str(c.name), locale: str(c.locale) };
  return ref.customerId || ref.email || ref.phone ? ref : null;
}

/** Hidden fields from the event (branch, agent, product, journeyId, …); the survey keeps those it declares. */
function hiddenOf(payload: Props): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(propertiesOf(payload))) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v).slice(0, 500);
  }
  return out;
}

const FirePayload = z.object({ tenantId: z.uuid(), triggerId: z.uuid(), eventId: z.uuid() });

/**
 * Runs `delayMinutes` after the event: resolves (or creates) the contact, applies the
 * unsubscribe / address / frequency rules and sends the survey. Idempotent per (trigger, event):
 * an invitation or a recorded skip for the pair means it already ran.
 */
export const triggerFireJob = defineJob({
  name: "feedback.trigger_fire",
  payload: FirePayload,
  maxAttempts: 8,
  async handler(deps, p) {
    const trigger = await deps.db.selectFrom("survey_triggers").selectAll().where("tenant_id", "=", p.tenantId).where("id", "=", p.triggerId).executeTakeFirst();
    if (!trigger?.active) return;
    const event = await deps.db.selectFrom("events").select(["payload"]).where("tenant_id", "=", p.tenantId).where("id", "=", p.eventId).executeTakeFirst();
    if (!event) return;
    const survey = await loadSurvey(deps.db, p.tenantId, trigger.survey_id);
    if (survey.status !== "published") return;
    const ref = contactRefOf(event.payload);
    if (!ref) {
      deps.log.warn({ triggerId: p.triggerId, eventId: p.eventId }, "trigger event names no contact; nothing sent");
      return;
    }
    const settings = await getSettings(deps.db, p.tenantId);
    await inTransaction(deps.db, async (trx) => {
      const done = await trx
        .selectFrom("survey_invitations")
        .select("id")
        .where("tenant_id", "=", p.tenantId)
        .where("trigger_id", "=", p.triggerId)
        .where("source_event_id", "=", p.eventId)
        .unionAll(trx.selectFrom("distribution_skips").select("id").where("tenant_id", "=", p.tenantId).where("trigger_id", "=", p.triggerId).where("source_event_id", "=", p.eventId))
        .executeTakeFirst();
      if (done) return;
      const now = deps.clock.now();
      const contact = await findOrCreateContact(trx, p.tenantId, ref, now);
      if (!contact) return;
      await sendToContact(trx, deps, survey, contact.id, { channel: trigger.channel, settings, hidden: hiddenOf(event.payload), source: { triggerId: trigger.id, sourceEventId: p.eventId } }, now);
    });
  },
});

/**
 * Hears every event type (triggers are data, so subscriptions cannot be static) and, for each
 * active trigger of the tenant on that type whose conditions hold, queues the fire job at the
 * event time + delay. The dedupe key and the job's own check make repeated deliveries harmless.
 */
export const triggerSubscriber: Subscriber = {
  name: "feedback.triggers",
  // Triggers fire on journey events only: no delivery job for the platform's own (a response each).
  accepts: (type) => !RESERVED_EVENT_PREFIXES.some((p) => type.startsWith(p)),
  async handle(deps: Deps, event: StoredEvent) {
    const triggers = await deps.db
      .selectFrom("survey_triggers")
      .selectAll()
      .where("tenant_id", "=", event.tenantId)
      .where("event_type", "=", event.type)
      .where("active", "=", true)
      .execute();
    const now = deps.clock.now();
    for (const t of triggers) {
      if (!conditionsMatch(t.conditions, event.payload)) continue;
      const due = new Date(new Date(event.createdAt).getTime() + t.delay_minutes * MINUTE);
      await enqueue(deps.db, now, triggerFireJob, { tenantId: event.tenantId, triggerId: t.id, eventId: event.id }, { tenantId: event.tenantId, runAt: due > now ? due : now, dedupeKey: `trigger:${t.id}:${event.id}` });
    }
  },
};

/**
 * Completing a survey (any channel) counts as being surveyed for the frequency rule; completing
 * through a personal link marks that invitation completed (campaign counts, no more reminders).
 */
export const completionSubscriber: Subscriber = {
  name: "feedback.distribution_completed",
  async handle(deps: Deps, event: StoredEvent) {
    const p = event.payload as { contactId?: string | null; invitationId?: string | null; responseId?: string };
    const at = new Date(event.createdAt);
    await inTransaction(deps.db, async (trx) => {
      if (p.invitationId) {
        await trx.updateTable("survey_invitations").set({ completed_at: at }).where("tenant_id", "=", event.tenantId).where("id", "=", p.invitationId).where("completed_at", "is", null).execute();
      }
      if (p.contactId) await markSurveyed(trx, event.tenantId, p.contactId, at);
    });
  },
};
