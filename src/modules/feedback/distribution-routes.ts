import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { inTransaction } from "../../db";
import { emitEvent } from "../../jobs/outbox";
import { DAY, isoOrNull } from "../../kernel/clock";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, IdParam, jsonBody, jsonContent, notFoundError, ProblemSchema, security, standardErrors, z } from "../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../server/pagination";
import { recordAudit } from "../audit/record";
import { unsubscribeByToken } from "./contacts";
import { embedSnippets } from "./embed";
import { getSettings } from "./frequency";
import { assertOpen, createInvitation, loadSurvey, type SendOutcome, sendToContact, surveyUrl } from "./invitations";
import { qrPng, qrSvg } from "./qr";
import { EVENT_TYPE, RESERVED_EVENT_PREFIXES } from "./triggers";

const tags = ["Distribution"];
const gone = { 410: { description: "Closed survey (survey_closed)", content: { "application/problem+json": { schema: ProblemSchema } } } } as const;

const CreateInvitations = z
  .strictObject({
    contactIds: z.array(z.uuid()).min(1).max(500),
    channel: z.enum(["email", "sms"]).optional().openapi({ description: "Send the link now by email or SMS (frequency rule applies); without it, links are only created" }),
    hidden: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.string().max(500)).optional().openapi({ description: "Pre-filled hidden fields (on top of each contact's attributes)" }),
    expiresInDays: z.number().int().min(1).max(365).optional().openapi({ description: "Default 30" }),
  })
  .openapi("CreateSurveyInvitations");
const InvitationResult = z
  .object({
    contactId: z.uuid(),
    status: z.enum(["created", "sent", "skipped"]),
    reason: z.enum(["unsubscribed", "frequency", "no_address"]).nullable(),
    invitationId: z.uuid().nullable(),
    url: z.string().nullable().openapi({ description: "The personal link, shown only now (its token is never returned again)" }),
  })
  .openapi("SurveyInvitationResult");
const Invitation = z
  .object({
    id: z.uuid(),
    contactId: z.uuid().nullable(),
    campaignId: z.uuid().nullable(),
    triggerId: z.uuid().nullable(),
    channel: z.enum(["email", "sms", "link"]),
    hidden: z.record(z.string(), z.string()),
    createdAt: z.string(),
    expiresAt: z.string(),
    sentAt: z.string().nullable(),
    openedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    remindersSent: z.number().int(),
    responseId: z.uuid().nullable(),
  })
  .openapi("SurveyInvitation");
const LANGS = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;
const QrQuery = z.object({
  format: z.enum(["png", "svg"]).default("png"),
  channel: z.enum(["qr", "link"]).default("qr"),
  lang: z.enum(LANGS).optional(),
  branch: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/).optional().openapi({ description: "A branch code, passed as the hidden field `branch`" }),
  size: z.coerce.number().int().min(128).max(2048).default(512).openapi({ description: "PNG width in pixels" }),
});
const Embed = z.object({ url: z.string(), iframe: z.string(), script: z.string() }).openapi("SurveyEmbed");
const JourneyEvent = z
  .strictObject({
    type: z.string().regex(EVENT_TYPE, "dotted lower case, e.g. application.funded").openapi({ example: "branch.visit" }),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    contact: z
      .strictObject({
        customerId: z.string().trim().min(1).max(100).optional(),
        email: z.string().trim().max(254).optional(),
        phone: z.string().trim().max(32).optional(),
        name: z.string().trim().max(200).optional(),
        locale: z.string().trim().max(35).optional(),
      })
      .refine((c) => c.customerId || c.email || c.phone, "give customerId, email or phone"),
    properties: z.record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).optional(),
  })
  .openapi("JourneyEvent");

export function distributionRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({ method: "post", path: "/surveys/{id}/invitations", tags, summary: "Personal links for contacts, optionally sent now by email or SMS", security, request: { params: IdParam, body: jsonBody(CreateInvitations) }, responses: { 201: jsonContent(z.object({ items: z.array(InvitationResult) }), "Created"), ...standardErrors, ...notFoundError, ...conflictError, ...gone } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      const body = c.req.valid("json");
      const now = deps.clock.now();
      const items = await inTransaction(deps.db, async (trx) => {
        const survey = await loadSurvey(trx, actor.tenantId, c.req.valid("param").id);
        assertOpen(survey);
        const contacts = await trx.selectFrom("contacts").selectAll().where("tenant_id", "=", actor.tenantId).where("id", "in", body.contactIds).execute();
        const known = new Set(contacts.map((x) => x.id));
        const missing = body.contactIds.findIndex((id) => !known.has(id));
        if (missing >= 0) throw new AppError("validation_failed", "Unknown contact", { issues: [{ path: `body.contactIds.${missing}`, message: "is not a contact of this bank", code: "unknown_reference" }] });
        const settings = await getSettings(trx, actor.tenantId);
        const expiresAt = body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * DAY) : undefined;
        const out: z.infer<typeof InvitationResult>[] = [];
        for (const contactId of new Set(body.contactIds)) {
          if (body.channel) {
            const r: SendOutcome = await sendToContact(trx, deps, survey, contactId, { channel: body.channel, settings, hidden: body.hidden, expiresAt }, now);
            out.push(r.status === "sent" ? { contactId, status: "sent", reason: null, invitationId: r.invitationId, url: r.url } : { contactId, status: "skipped", reason: r.reason, invitationId: null, url: null });
          } else {
            const contact = contacts.find((x) => x.id === contactId) ?? null;
            const r = await createInvitation(trx, deps, survey, { contact, channel: "link", hidden: body.hidden, expiresAt }, now);
            out.push({ contactId, status: "created", reason: null, invitationId: r.row.id, url: r.url });
          }
        }
        await recordAudit(trx, auditContext(c, now), {
          tenantId: actor.tenantId,
          action: "survey.invitations_created",
          subjectType: "survey",
          subjectId: survey.id,
          data: { channel: body.channel ?? "link", created: out.filter((o) => o.status !== "skipped").length, skipped: out.filter((o) => o.status === "skipped").length },
        });
        return out;
      });
      return c.json({ items }, 201);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/surveys/{id}/invitations", tags, summary: "Personal links of a survey (no tokens)", security, request: { params: IdParam, query: PageQuery.extend({ campaignId: z.uuid().optional() }) }, responses: { 200: jsonContent(pageOf(Invitation)), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      const { id } = c.req.valid("param");
      const { limit, cursor, campaignId } = c.req.valid("query");
      const exists = await deps.db.selectFrom("surveys").select("id").where("tenant_id", "=", actor.tenantId).where("id", "=", id).executeTakeFirst();
      if (!exists) throw new AppError("not_found", "No such survey");
      const after = decodeCursor(cursor, z.tuple([z.uuid()]));
      let q = deps.db.selectFrom("survey_invitations").selectAll().where("tenant_id", "=", actor.tenantId).where("survey_id", "=", id);
      if (campaignId) q = q.where("campaign_id", "=", campaignId);
      if (after) q = q.where("id", "<", after[0]);
      const rows = await q.orderBy("id", "desc").limit(limit + 1).execute();
      const page = paginate(rows, limit, (r) => [r.id]);
      return c.json(
        {
          items: page.items.map((r) => ({
            id: r.id,
            contactId: r.contact_id,
            campaignId: r.campaign_id,
            triggerId: r.trigger_id,
            channel: r.channel,
            hidden: r.hidden,
            createdAt: new Date(r.created_at).toISOString(),
            expiresAt: new Date(r.expires_at).toISOString(),
            sentAt: isoOrNull(r.sent_at),
            openedAt: isoOrNull(r.opened_at),
            completedAt: isoOrNull(r.completed_at),
            remindersSent: r.reminders_sent,
            responseId: r.response_id,
          })),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/surveys/{id}/qr",
      tags,
      summary: "QR code of the anonymous link (PNG or SVG)",
      security,
      request: { params: IdParam, query: QrQuery },
      responses: { 200: { description: "The QR code", content: { "image/png": { schema: z.string().openapi({ format: "binary" }) }, "image/svg+xml": { schema: z.string() } } }, ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "surveys:read");
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const row = await deps.db.selectFrom("surveys").innerJoin("tenants", "tenants.id", "surveys.tenant_id").select(["surveys.id", "tenants.slug"]).where("surveys.tenant_id", "=", actor.tenantId).where("surveys.id", "=", id).executeTakeFirst();
      if (!row) throw new AppError("not_found", "No such survey");
      const url = surveyUrl(deps.config.publicUrl, row.slug, row.id, { ch: q.channel, ...(q.lang ? { lang: q.lang } : {}), ...(q.branch ? { branch: q.branch } : {}) });
      const name = `survey-${row.id}-qr.${q.format}`;
      const headers = { "content-disposition": `inline; filename="${name}"`, "cache-control": "private, max-age=300", "x-survey-url": url };
      if (q.format === "svg") return c.body(await qrSvg(url), 200, { ...headers, "content-type": "image/svg+xml" });
      return c.body(new Uint8Array(await qrPng(url, q.size)), 200, { ...headers, "content-type": "image/png" });
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/surveys/{id}/embed", tags, summary: "Snippets to embed the survey in a bank's page (iframe, or the widget script firing atrium:survey-completed)",
      description:
        "The widget is served at `/embed/survey.js` (outside /api, cacheable, loadable cross-origin). It inserts the iframe `/c/{slug}/s/{id}?embed=1&ch=embed` after its script tag (or into `data-atrium-target`), passes `data-atrium-lang` and `data-atrium-hidden-<field>` as URL parameters, resizes the iframe on the page's `height` messages and fires a bubbling DOM CustomEvent `atrium:survey-completed` (detail `{ surveyId, responseId, endingId }`) on the iframe when the page posts `completed`; messages are accepted only from the Atrium origin. The bank's origin must be listed in the feedback settings `embedOrigins` (PUT /feedback/settings) for the survey page to allow framing", security, request: { params: IdParam }, responses: { 200: jsonContent(Embed), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "surveys:read");
      const row = await deps.db
        .selectFrom("surveys")
        .innerJoin("tenants", "tenants.id", "surveys.tenant_id")
        .select(["surveys.id", "surveys.name", "tenants.slug"])
        .where("surveys.tenant_id", "=", actor.tenantId)
        .where("surveys.id", "=", c.req.valid("param").id)
        .executeTakeFirst();
      if (!row) throw new AppError("not_found", "No such survey");
      return c.json(embedSnippets(deps.config.publicUrl, row.slug, row.id, row.name), 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/public/unsubscribe/{token}", tags: ["Public"], summary: "Stop every survey to the contact of an unsubscribe link", request: { params: z.object({ token: z.string().min(10).max(300).openapi({ param: { name: "token", in: "path" } }) }) }, responses: { 200: jsonContent(z.object({ unsubscribed: z.literal(true) })), ...notFoundError, 400: standardErrors[400] } }),
    async (c) => {
      const row = await unsubscribeByToken(deps.db, deps.config.secretKey, c.req.valid("param").token, deps.clock.now());
      if (!row) throw new AppError("not_found", "This link is not valid");
      return c.json({ unsubscribed: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/events", tags, summary: "Report a customer-journey event (it may trigger a survey)", security, request: { body: jsonBody(JourneyEvent) }, responses: { 202: jsonContent(z.object({ id: z.uuid() }), "Accepted"), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "events:write");
      const body = c.req.valid("json");
      if (RESERVED_EVENT_PREFIXES.some((p) => body.type.startsWith(p))) {
        throw new AppError("validation_failed", "This event type belongs to the platform", { issues: [{ path: "body.type", message: "is a platform event type; use your own namespace (e.g. application.funded)", code: "reserved" }] });
      }
      const now = deps.clock.now();
      const id = await emitEvent(deps.db, now, {
        tenantId: actor.tenantId,
        type: body.type,
        subjectType: "journey",
        actorId: actor.id,
        payload: { occurredAt: body.occurredAt ?? now.toISOString(), contact: body.contact, properties: body.properties ?? {} },
      });
      return c.json({ id }, 202);
    },
  );

  return app;
}
