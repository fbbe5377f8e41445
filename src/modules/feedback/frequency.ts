import type { Executor } from "../../db";
import type { SkipReason } from "../../db/schema";
import { DAY } from "../../kernel/clock";
import { newId } from "../../kernel/ids";
import type { ContactRow } from "./contacts";

/** Per-tenant feedback settings: the contact frequency rule and the origins that may frame survey pages. */
export interface FeedbackSettings {
  /** No contact is surveyed more than once per this many days, across all surveys (0 = off). */
  frequencyDays: number;
  /** https origins (scheme://host[:port]) allowed to embed the survey pages in an iframe. */
  embedOrigins: string[];
}

export const DEFAULT_FREQUENCY_DAYS = 30;

export async function getSettings(db: Executor, tenantId: string): Promise<FeedbackSettings> {
  const row = await db.selectFrom("feedback_settings").select(["frequency_days", "embed_origins"]).where("tenant_id", "=", tenantId).executeTakeFirst();
  return { frequencyDays: row?.frequency_days ?? DEFAULT_FREQUENCY_DAYS, embedOrigins: row?.embed_origins ?? [] };
}

export async function saveSettings(db: Executor, tenantId: string, patch: Partial<FeedbackSettings>, now: Date): Promise<FeedbackSettings> {
  const next = { ...(await getSettings(db, tenantId)), ...patch };
  await db
    .insertInto("feedback_settings")
    .values({ tenant_id: tenantId, frequency_days: next.frequencyDays, embed_origins: next.embedOrigins, updated_at: now })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ frequency_days: next.frequencyDays, embed_origins: next.embedOrigins, updated_at: now }))
    .execute();
  return next;
}

/** Why `contact` must not get a survey through `channel` now, or null when it may. */
export function skipReason(contact: ContactRow, channel: "email" | "sms" | "link", settings: FeedbackSettings, now: Date): SkipReason | null {
  if (contact.unsubscribed_at) return "unsubscribed";
  if ((channel === "email" && !contact.email) || (channel === "sms" && !contact.phone)) return "no_address";
  if (settings.frequencyDays > 0 && contact.last_surveyed_at) {
    const since = now.getTime() - new Date(contact.last_surveyed_at).getTime();
    if (since < settings.frequencyDays * DAY) return "frequency";
  }
  return null;
}

/**
 * The contact row locked for this transaction, so two send paths (a campaign and a trigger) cannot
 * both pass the frequency rule for the same person at once. Use inside a transaction.
 */
export async function lockContact(trx: Executor, tenantId: string, contactId: string): Promise<ContactRow | undefined> {
  return trx.selectFrom("contacts").selectAll().where("tenant_id", "=", tenantId).where("id", "=", contactId).forUpdate().executeTakeFirst();
}

export async function markSurveyed(trx: Executor, tenantId: string, contactId: string, at: Date): Promise<void> {
  await trx
    .updateTable("contacts")
    .set({ last_surveyed_at: at })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contactId)
    .where((eb) => eb.or([eb("last_surveyed_at", "is", null), eb("last_surveyed_at", "<", at)]))
    .execute();
}

export interface SkipSource {
  campaignId?: string | null;
  triggerId?: string | null;
  sourceEventId?: string | null;
}

/** Records why a contact was not sent a survey (shown in campaign counts and trigger reports). */
export async function recordSkip(trx: Executor, tenantId: string, surveyId: string, contactId: string, reason: SkipReason, source: SkipSource, now: Date): Promise<void> {
  let q = trx.insertInto("distribution_skips").values({
    tenant_id: tenantId,
    id: newId(),
    survey_id: surveyId,
    contact_id: contactId,
    campaign_id: source.campaignId ?? null,
    trigger_id: source.triggerId ?? null,
    source_event_id: source.sourceEventId ?? null,
    reason,
    created_at: now,
  });
  if (source.campaignId) q = q.onConflict((oc) => oc.columns(["tenant_id", "campaign_id", "contact_id"]).where("campaign_id", "is not", null).doNothing());
  else if (source.triggerId) q = q.onConflict((oc) => oc.columns(["tenant_id", "trigger_id", "source_event_id"]).where("trigger_id", "is not", null).doNothing());
  await q.execute();
}
