import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { inTransaction } from "../../db";
import { isoOrNull } from "../../kernel/clock";
import { AppError } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, IdParam, jsonBody, jsonContent, notFoundError, ProblemSchema, security, standardErrors, z } from "../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../server/pagination";
import { recordAudit } from "../audit/record";
import { type CampaignRow, campaignCounts, cancelCampaign, createCampaign, getCampaign } from "./campaigns";
import { EVENT_TYPE, type TriggerRow } from "./triggers";

const gone = { 410: { description: "Closed survey (survey_closed)", content: { "application/problem+json": { schema: ProblemSchema } } } } as const;
const listName = z.string().trim().min(1).max(64);

const Counts = z.object({
  targeted: z.number().int(),
  skipped: z.object({ unsubscribed: z.number().int(), frequency: z.number().int(), noAddress: z.number().int() }),
  sent: z.number().int(),
  opened: z.number().int(),
  completed: z.number().int(),
  reminded: z.number().int(),
});
const Campaign = z
  .object({
    id: z.uuid(),
    name: z.string(),
    surveyId: z.uuid(),
    channel: z.enum(["email", "sms"]),
    lists: z.array(z.string()),
    status: z.enum(["scheduled", "sending", "sent", "cancelled"]),
    sendAt: z.string(),
    reminders: z.object({ afterDays: z.number().int(), max: z.number().int() }).nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    counts: Counts.optional().openapi({ description: "On the single-campaign view" }),
  })
  .openapi("Campaign");
const CreateCampaign = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    surveyId: z.uuid(),
    channel: z.enum(["email", "sms"]),
    lists: z.array(listName).min(1).max(20).openapi({ description: "Contacts on any of these lists are targeted" }),
    sendAt: z.iso.datetime({ offset: true }).optional().openapi({ description: "Default: now" }),
    reminders: z
      .strictObject({ afterDays: z.number().int().min(1).max(60), max: z.number().int().min(0).max(5) })
      .optional()
      .openapi({ description: "Remind those who have not completed, every afterDays days, up to max times" }),
  })
  .openapi("CreateCampaign");

function presentCampaign(r: CampaignRow) {
  return {
    id: r.id,
    name: r.name,
    surveyId: r.survey_id,
    channel: r.channel,
    lists: r.lists,
    status: r.status,
    sendAt: new Date(r.send_at).toISOString(),
    reminders: r.reminder_after_days && r.reminder_max > 0 ? { afterDays: r.reminder_after_days, max: r.reminder_max } : null,
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: isoOrNull(r.started_at),
    finishedAt: isoOrNull(r.finished_at),
  };
}

const Condition = z.union([z.string().max(500), z.number(), z.boolean()]);
const Trigger = z
  .object({
    id: z.uuid(),
    eventType: z.string(),
    delayMinutes: z.number().int(),
    surveyId: z.uuid(),
    channel: z.enum(["email", "sms"]),
    conditions: z.record(z.string(), Condition),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("SurveyTrigger");
const triggerFields = {
  eventType: z.string().regex(EVENT_TYPE, "dotted lower case, e.g. application.funded").openapi({ example: "application.funded" }),
  delayMinutes: z.number().int().min(0).max(525_600),
  surveyId: z.uuid(),
  channel: z.enum(["email", "sms"]),
  conditions: z.record(z.string().min(1).max(64), Condition).refine((c) => Object.keys(c).length <= 20, "at most 20 conditions").openapi({ description: "Event properties that must equal these values" }),
  active: z.boolean(),
};
const CreateTrigger = z
  .strictObject({ ...triggerFields, conditions: triggerFields.conditions.optional(), active: triggerFields.active.optional() })
  .openapi("CreateSurveyTrigger");
const PatchTrigger = z.strictObject(Object.fromEntries(Object.entries(triggerFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof triggerFields]: z.ZodOptional<(typeof triggerFields)[K]> }).openapi("PatchSurveyTrigger");

function presentTrigger(r: TriggerRow) {
  return { id: r.id, eventType: r.event_type, delayMinutes: r.delay_minutes, surveyId: r.survey_id, channel: r.channel, conditions: r.conditions, active: r.active, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString() };
}

export function campaignRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const tags = ["Distribution"];

  app.openapi(
    createRoute({ method: "get", path: "/campaigns", tags, summary: "Invitation campaigns", security, request: { query: PageQuery.extend({ surveyId: z.uuid().optional() }) }, responses: { 200: jsonContent(pageOf(Campaign)), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      const { limit, cursor, surveyId } = c.req.valid("query");
      const after = decodeCursor(cursor, z.tuple([z.uuid()]));
      let q = deps.db.selectFrom("survey_campaigns").selectAll().where("tenant_id", "=", actor.tenantId);
      if (surveyId) q = q.where("survey_id", "=", surveyId);
      if (after) q = q.where("id", "<", after[0]);
      const rows = await q.orderBy("id", "desc").limit(limit + 1).execute();
      const page = paginate(rows, limit, (r) => [r.id]);
      return c.json({ items: page.items.map(presentCampaign), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/campaigns", tags, summary: "Send a survey to contact lists, now or later, with reminders", security, request: { body: jsonBody(CreateCampaign) }, responses: { 201: jsonContent(Campaign, "Created"), ...standardErrors, ...conflictError, ...gone } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      const body = c.req.valid("json");
      const now = deps.clock.now();
      const row = await inTransaction(deps.db, async (trx) => {
        const r = await createCampaign(trx, actor.tenantId, { ...body, sendAt: body.sendAt ? new Date(body.sendAt) : undefined }, actor.kind === "user" ? actor.id : null, now);
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "campaign.created", subjectType: "campaign", subjectId: r.id, data: { surveyId: body.surveyId, channel: body.channel, lists: body.lists } });
        return r;
      });
      return c.json(presentCampaign(row), 201);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/campaigns/{id}", tags, summary: "A campaign with its counts (targeted, skipped by reason, sent, opened, completed, reminded)", security, request: { params: IdParam }, responses: { 200: jsonContent(Campaign), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      const row = await getCampaign(deps.db, actor.tenantId, c.req.valid("param").id);
      return c.json({ ...presentCampaign(row), counts: await campaignCounts(deps.db, actor.tenantId, row.id) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/campaigns/{id}/cancel", tags, summary: "Stop sending and reminding (links already sent keep working)", security, request: { params: IdParam }, responses: { 200: jsonContent(Campaign), ...standardErrors, ...notFoundError, ...conflictError } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      const now = deps.clock.now();
      const row = await inTransaction(deps.db, async (trx) => {
        const r = await cancelCampaign(trx, actor.tenantId, c.req.valid("param").id, now);
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "campaign.cancelled", subjectType: "campaign", subjectId: r.id });
        return r;
      });
      return c.json(presentCampaign(row), 200);
    },
  );

  const checkSurvey = async (trx: Parameters<Parameters<typeof inTransaction>[1]>[0], tenantId: string, surveyId: string) => {
    const s = await trx.selectFrom("surveys").select("id").where("tenant_id", "=", tenantId).where("id", "=", surveyId).executeTakeFirst();
    if (!s) throw new AppError("validation_failed", "Unknown survey", { issues: [{ path: "body.surveyId", message: "is not a survey of this bank", code: "unknown_reference" }] });
  };

  app.openapi(
    createRoute({ method: "get", path: "/triggers", tags, summary: "Survey triggers on journey events", security, request: { query: PageQuery.extend({ surveyId: z.uuid().optional() }) }, responses: { 200: jsonContent(pageOf(Trigger)), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      const { limit, cursor, surveyId } = c.req.valid("query");
      const after = decodeCursor(cursor, z.tuple([z.uuid()]));
      let q = deps.db.selectFrom("survey_triggers").selectAll().where("tenant_id", "=", actor.tenantId);
      if (surveyId) q = q.where("survey_id", "=", surveyId);
      if (after) q = q.where("id", "<", after[0]);
      const rows = await q.orderBy("id", "desc").limit(limit + 1).execute();
      const page = paginate(rows, limit, (r) => [r.id]);
      return c.json({ items: page.items.map(presentTrigger), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/triggers", tags, summary: "Send a survey N minutes after a journey event", security, request: { body: jsonBody(CreateTrigger) }, responses: { 201: jsonContent(Trigger, "Created"), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      const body = c.req.valid("json");
      const now = deps.clock.now();
      const row = await inTransaction(deps.db, async (trx) => {
        await checkSurvey(trx, actor.tenantId, body.surveyId);
        const r = await trx
          .insertInto("survey_triggers")
          .values({ tenant_id: actor.tenantId, id: newId(), event_type: body.eventType, delay_minutes: body.delayMinutes, survey_id: body.surveyId, channel: body.channel, conditions: JSON.stringify(body.conditions ?? {}), active: body.active ?? true, created_at: now, updated_at: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "trigger.created", subjectType: "trigger", subjectId: r.id, data: body });
        return r;
      });
      return c.json(presentTrigger(row), 201);
    },
  );

  app.openapi(
    createRoute({ method: "patch", path: "/triggers/{id}", tags, summary: "Change or pause a trigger", security, request: { params: IdParam, body: jsonBody(PatchTrigger) }, responses: { 200: jsonContent(Trigger), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      const now = deps.clock.now();
      const row = await inTransaction(deps.db, async (trx) => {
        if (b.surveyId) await checkSurvey(trx, actor.tenantId, b.surveyId);
        const set = {
          ...(b.eventType !== undefined ? { event_type: b.eventType } : {}),
          ...(b.delayMinutes !== undefined ? { delay_minutes: b.delayMinutes } : {}),
          ...(b.surveyId !== undefined ? { survey_id: b.surveyId } : {}),
          ...(b.channel !== undefined ? { channel: b.channel } : {}),
          ...(b.conditions !== undefined ? { conditions: JSON.stringify(b.conditions) } : {}),
          ...(b.active !== undefined ? { active: b.active } : {}),
          updated_at: now,
        };
        const r = await trx.updateTable("survey_triggers").set(set).where("tenant_id", "=", actor.tenantId).where("id", "=", id).returningAll().executeTakeFirst();
        if (!r) throw new AppError("not_found", "No such trigger");
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "trigger.updated", subjectType: "trigger", subjectId: id, data: b });
        return r;
      });
      return c.json(presentTrigger(row), 200);
    },
  );

  app.openapi(
    createRoute({ method: "delete", path: "/triggers/{id}", tags, summary: "Delete a trigger (surveys it queued and not yet sent are dropped)", security, request: { params: IdParam }, responses: { 204: { description: "Deleted" }, ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      const { id } = c.req.valid("param");
      const now = deps.clock.now();
      await inTransaction(deps.db, async (trx) => {
        const r = await trx.deleteFrom("survey_triggers").where("tenant_id", "=", actor.tenantId).where("id", "=", id).returning("id").executeTakeFirst();
        if (!r) throw new AppError("not_found", "No such trigger");
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "trigger.deleted", subjectType: "trigger", subjectId: id });
      });
      return c.body(null, 204);
    },
  );

  return app;
}
