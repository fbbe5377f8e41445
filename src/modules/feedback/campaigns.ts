import type { Selectable } from "kysely";
import { sql } from "kysely";
import { z } from "zod";
import { type Executor, inTransaction } from "../../db";
import type { SurveyCampaignsTable } from "../../db/schema";
import { defineJob, enqueue } from "../../jobs/registry";
import { DAY } from "../../kernel/clock";
import { AppError } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import { getSettings } from "./frequency";
import { deliverInvitation, loadSurvey, sendToContact } from "./invitations";

export type CampaignRow = Selectable<SurveyCampaignsTable>;

/** Contacts per transaction while sending; batches per job run before it re-queues itself. */
export const CAMPAIGN_BATCH = 100;
const BATCHES_PER_RUN = 20;

export interface NewCampaign {
  name: string;
  surveyId: string;
  channel: "email" | "sms";
  lists: string[];
  /** Default: now. */
  sendAt?: Date;
  reminders?: { afterDays: number; max: number };
}

/** Creates the campaign and queues its sending job at `sendAt`. The survey must be published and open. */
export async function createCampaign(trx: Executor, tenantId: string, input: NewCampaign, actorId: string | null, now: Date): Promise<CampaignRow> {
  const survey = await loadSurvey(trx, tenantId, input.surveyId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") {
      throw new AppError("validation_failed", "Unknown survey", { issues: [{ path: "body.surveyId", message: "is not a survey of this bank", code: "unknown_reference" }] });
    }
    throw err;
  });
  if (survey.status !== "published") throw new AppError("survey_closed", "The survey is closed: it takes no responses");
  const sendAt = input.sendAt && input.sendAt > now ? input.sendAt : now;
  const row = await trx
    .insertInto("survey_campaigns")
    .values({
      tenant_id: tenantId,
      id: newId(),
      name: input.name,
      survey_id: input.surveyId,
      channel: input.channel,
      lists: [...new Set(input.lists)],
      status: "scheduled",
      send_at: sendAt,
      reminder_after_days: input.reminders && input.reminders.max > 0 ? input.reminders.afterDays : null,
      reminder_max: input.reminders?.max ?? 0,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await enqueue(trx, now, campaignSendJob, { tenantId, campaignId: row.id }, { tenantId, runAt: sendAt, dedupeKey: `campaign-send:${row.id}` });
  return row;
}

export async function getCampaign(db: Executor, tenantId: string, id: string): Promise<CampaignRow> {
  const row = await db.selectFrom("survey_campaigns").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such campaign");
  return row;
}

export interface CampaignCounts {
  targeted: number;
  skipped: { unsubscribed: number; frequency: number; noAddress: number };
  sent: number;
  opened: number;
  completed: number;
  reminded: number;
}

export async function campaignCounts(db: Executor, tenantId: string, campaignId: string): Promise<CampaignCounts> {
  const inv = await db
    .selectFrom("survey_invitations")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.count<number>("sent_at").as("sent"),
      eb.fn.count<number>("opened_at").as("opened"),
      eb.fn.count<number>("completed_at").as("completed"),
      sql<number>`count(*) filter (where reminders_sent > 0)`.as("reminded"),
    ])
    .where("tenant_id", "=", tenantId)
    .where("campaign_id", "=", campaignId)
    .executeTakeFirstOrThrow();
  const skips = await db
    .selectFrom("distribution_skips")
    .select(["reason", (eb) => eb.fn.countAll<number>().as("n")])
    .where("tenant_id", "=", tenantId)
    .where("campaign_id", "=", campaignId)
    .groupBy("reason")
    .execute();
  const skip = (r: string) => Number(skips.find((s) => s.reason === r)?.n ?? 0);
  const skipped = { unsubscribed: skip("unsubscribed"), frequency: skip("frequency"), noAddress: skip("no_address") };
  return {
    targeted: Number(inv.total) + skipped.unsubscribed + skipped.frequency + skipped.noAddress,
    skipped,
    sent: Number(inv.sent),
    opened: Number(inv.opened),
    completed: Number(inv.completed),
    reminded: Number(inv.reminded),
  };
}

const Payload = z.object({ tenantId: z.uuid(), campaignId: z.uuid() });

/**
 * Sends a campaign in batches: each batch takes contacts of the audience lists that have neither
 * an invitation nor a skip for this campaign yet (so a retry or a second run never sends twice —
 * unique indexes back this up), one transaction per batch. After BATCHES_PER_RUN batches it
 * re-queues itself so other jobs get a turn. When done, schedules the first reminder round.
 */
export const campaignSendJob = defineJob({
  name: "feedback.campaign_send",
  payload: Payload,
  maxAttempts: 10,
  async handler(deps, p) {
    const campaign = await deps.db.selectFrom("survey_campaigns").selectAll().where("tenant_id", "=", p.tenantId).where("id", "=", p.campaignId).executeTakeFirst();
    if (!campaign || campaign.status === "cancelled" || campaign.status === "sent") return;
    const startedAt = deps.clock.now();
    if (campaign.status === "scheduled") {
      await deps.db.updateTable("survey_campaigns").set({ status: "sending", started_at: startedAt, updated_at: startedAt }).where("tenant_id", "=", p.tenantId).where("id", "=", p.campaignId).execute();
    }
    const survey = await loadSurvey(deps.db, p.tenantId, campaign.survey_id);
    const settings = await getSettings(deps.db, p.tenantId);
    for (let batch = 0; survey.status === "published"; batch++) {
      if (batch === BATCHES_PER_RUN) {
        await enqueue(deps.db, deps.clock.now(), campaignSendJob, p, { tenantId: p.tenantId });
        return;
      }
      const done = await inTransaction(deps.db, async (trx) => {
        const current = await trx.selectFrom("survey_campaigns").select("status").where("tenant_id", "=", p.tenantId).where("id", "=", p.campaignId).forUpdate().executeTakeFirst();
        if (current?.status !== "sending") return true;
        const contacts = await trx
          .selectFrom("contacts")
          .select("id")
          .where("tenant_id", "=", p.tenantId)
          .where(sql<boolean>`lists && ${sql.val(campaign.lists)}::text[]`)
          .where((eb) =>
            eb.not(
              eb.exists(eb.selectFrom("survey_invitations as i").select("i.id").where("i.tenant_id", "=", p.tenantId).where("i.campaign_id", "=", p.campaignId).whereRef("i.contact_id", "=", "contacts.id")),
            ),
          )
          .where((eb) =>
            eb.not(
              eb.exists(eb.selectFrom("distribution_skips as k").select("k.id").where("k.tenant_id", "=", p.tenantId).where("k.campaign_id", "=", p.campaignId).whereRef("k.contact_id", "=", "contacts.id")),
            ),
          )
          .orderBy("id")
          .limit(CAMPAIGN_BATCH)
          .execute();
        const now = deps.clock.now();
        for (const c of contacts) {
          await sendToContact(trx, deps, survey, c.id, { channel: campaign.channel, settings, source: { campaignId: campaign.id } }, now);
        }
        return contacts.length < CAMPAIGN_BATCH;
      });
      if (done) break;
    }
    const now = deps.clock.now();
    await inTransaction(deps.db, async (trx) => {
      const r = await trx
        .updateTable("survey_campaigns")
        .set({ status: "sent", finished_at: now, updated_at: now })
        .where("tenant_id", "=", p.tenantId)
        .where("id", "=", p.campaignId)
        .where("status", "=", "sending")
        .returning(["reminder_after_days", "reminder_max"])
        .executeTakeFirst();
      if (r?.reminder_after_days && r.reminder_max > 0) {
        await enqueue(trx, now, campaignRemindJob, { ...p, round: 1 }, { tenantId: p.tenantId, runAt: new Date(now.getTime() + r.reminder_after_days * DAY), dedupeKey: `campaign-remind:${p.campaignId}:1` });
      }
    });
  },
});

/**
 * Reminder round `round`: the campaign's invitations whose response is not completed, not expired,
 * whose contact has not unsubscribed, and that have had fewer than `round` reminders. Schedules
 * the next round until `reminder_max`.
 */
export const campaignRemindJob = defineJob({
  name: "feedback.campaign_remind",
  payload: Payload.extend({ round: z.number().int().min(1).max(50) }),
  maxAttempts: 10,
  async handler(deps, p) {
    const campaign = await deps.db.selectFrom("survey_campaigns").selectAll().where("tenant_id", "=", p.tenantId).where("id", "=", p.campaignId).executeTakeFirst();
    if (!campaign || campaign.status === "cancelled") return;
    const survey = await loadSurvey(deps.db, p.tenantId, campaign.survey_id);
    if (survey.status !== "published") return;
    for (;;) {
      const more = await inTransaction(deps.db, async (trx) => {
        const now = deps.clock.now();
        const due = await trx
          .selectFrom("survey_invitations as i")
          .innerJoin("contacts as c", (j) => j.onRef("c.tenant_id", "=", "i.tenant_id").onRef("c.id", "=", "i.contact_id"))
          .leftJoin("survey_responses as r", (j) => j.onRef("r.tenant_id", "=", "i.tenant_id").onRef("r.id", "=", "i.response_id"))
          .selectAll("i")
          .select("c.id as cid")
          .where("i.tenant_id", "=", p.tenantId)
          .where("i.campaign_id", "=", p.campaignId)
          .where("i.sent_at", "is not", null)
          .where("i.completed_at", "is", null)
          .where("i.reminders_sent", "<", p.round)
          .where("i.expires_at", ">", now)
          .where("c.unsubscribed_at", "is", null)
          .where((eb) => eb.or([eb("r.status", "is", null), eb("r.status", "not in", ["completed", "screened_out"])]))
          .orderBy("i.id")
          .limit(CAMPAIGN_BATCH)
          .forUpdate("i")
          .execute();
        for (const inv of due) {
          const contact = await trx.selectFrom("contacts").selectAll().where("tenant_id", "=", p.tenantId).where("id", "=", inv.cid).executeTakeFirstOrThrow();
          await deliverInvitation(trx, deps, survey, inv, contact, "reminder", now);
        }
        return due.length === CAMPAIGN_BATCH;
      });
      if (!more) break;
    }
    if (p.round < campaign.reminder_max && campaign.reminder_after_days) {
      const now = deps.clock.now();
      const next = p.round + 1;
      await enqueue(deps.db, now, campaignRemindJob, { ...p, round: next }, { tenantId: p.tenantId, runAt: new Date(now.getTime() + campaign.reminder_after_days * DAY), dedupeKey: `campaign-remind:${p.campaignId}:${next}` });
    }
  },
});

/** Stops a campaign's sending and its reminders; invitations already sent stay valid. */
export async function cancelCampaign(trx: Executor, tenantId: string, id: string, now: Date): Promise<CampaignRow> {
  const row = await getCampaign(trx, tenantId, id);
  if (row.status === "cancelled") throw new AppError("conflict", "The campaign is already cancelled");
  return trx.updateTable("survey_campaigns").set({ status: "cancelled", updated_at: now, finished_at: now }).where("tenant_id", "=", tenantId).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}
