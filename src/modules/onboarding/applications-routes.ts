/** Applications for staff: create, read, live progress, send / revoke the link, cancel. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "kysely";
import { inTransaction } from "../../db";
import { scopeFilter } from "../../kernel/access";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { cancelApplication, createApplication, revokeApplication, sendLink } from "./applications";
import { progressOf, effectiveAnswers } from "./customer";
import { FLOW_LOCALES, PRODUCTS } from "./flow/types";
import { APPLICATION_STATUSES } from "./store";
import { ApplicationDetailSchema, presentApplication } from "./presenter";
import { APPLICATION_SCOPE, applicationFlow, applicationForActor } from "./store";

const tags = ["Onboarding"];
const CHANNELS = ["branch", "call_centre", "web", "app", "email", "sms", "api"] as const;
const Address = z.strictObject({
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1).max(100),
  postcode: z.string().trim().max(20),
  country: z.string().regex(/^[A-Z]{2}$/),
});
export const CustomerInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ().-]{5,22}$/, "a phone number with its country code, like +972 50 123 4567")
    .transform((s) => s.replace(/[\s().-]/g, ""))
    .optional(),
  language: z.enum(FLOW_LOCALES).optional(),
  customerRef: z.string().trim().min(1).max(100).optional(),
  dateOfBirth: z.iso.date().optional(),
  nationalId: z.string().trim().min(4).max(30).optional(),
  address: Address.optional(),
  employer: z.string().trim().min(1).max(200).optional(),
});
const CreateBody = z
  .strictObject({ product: z.enum(PRODUCTS), customer: CustomerInputSchema, channel: z.enum(CHANNELS).optional(), branchId: z.uuid().optional() })
  .openapi("CreateApplication");
const Created = z
  .object({ id: z.uuid(), reference: z.string(), status: z.enum(APPLICATION_STATUSES), link: z.string().openapi({ description: "The apply link (also sent by POST /applications/{id}/link)" }) })
  .openapi("CreatedApplication");
const LinkBody = z.strictObject({ via: z.enum(["sms", "email"]) }).openapi("SendApplicationLink");
export const LinkSent = z.object({ sentVia: z.enum(["sms", "email"]), to: z.string(), expiresAt: z.string() }).openapi("ApplicationLinkSent");
const CancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500) }).openapi("CancelApplication");
export const LiveProgress = z
  .object({
    id: z.uuid(),
    status: z.enum(APPLICATION_STATUSES),
    currentStep: z.string().nullable(),
    currentField: z.string().nullable(),
    progress: z.object({ index: z.number().int(), total: z.number().int(), minutesLeft: z.number() }),
    lastActivityAt: z.string(),
    updatedAt: z.string(),
    online: z.boolean(),
  })
  .openapi("ApplicationProgress");

/** A customer session seen within this window counts as online. */
const ONLINE_MS = 2 * 60_000;

export function applicationRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({ method: "post", path: "/applications", tags, summary: "Start an application for a customer (the link is sent separately)", security, request: { body: jsonBody(CreateBody) }, responses: { 201: jsonContent(Created, "Created"), ...standardErrors, ...notFoundError, ...conflictError } }),
    async (c) => {
      const actor = need(c, "applications:create");
      const body = c.req.valid("json");
      const { app: row, link } = await inTransaction(deps.db, (trx) => createApplication(trx, deps, auditContext(c, deps.clock.now()), actor, actor.tenantId, body));
      return c.json({ id: row.id, reference: row.reference, status: row.status, link: link.url }, 201);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/applications/{id}", tags, summary: "An application: answers, documents, payments, checks, timeline", security, request: { params: IdParam }, responses: { 200: jsonContent(ApplicationDetailSchema), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "applications:read");
      const row = await applicationForActor(deps.db, actor, c.req.valid("param").id);
      return c.json(await presentApplication(deps.db, row), 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/applications/{id}/progress", tags, summary: "Where the customer is now (polled by the agent's page)", security, request: { params: IdParam }, responses: { 200: jsonContent(LiveProgress), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "applications:read");
      const { id } = c.req.valid("param");
      const now = deps.clock.now();
      const since = new Date(now.getTime() - ONLINE_MS);
      const row = await deps.db
        .selectFrom("applications")
        .selectAll("applications")
        .select(
          sql<boolean>`exists (select 1 from application_sessions s where s.tenant_id = applications.tenant_id and s.application_id = applications.id and s.ended_at is null and s.last_seen_at > ${since})`.as("online"),
        )
        .where("applications.tenant_id", "=", actor.tenantId)
        .where("applications.id", "=", id)
        .where(scopeFilter(actor, APPLICATION_SCOPE))
        .executeTakeFirst();
      // Not found or out of scope: the usual lookup gives the right error.
      if (!row) await applicationForActor(deps.db, actor, id);
      if (!row) throw new Error("unreachable");
      const def = await applicationFlow(deps.db, row);
      const p = progressOf(def, effectiveAnswers(def, row), row.completed_steps);
      return c.json(
        {
          id: row.id,
          status: row.status,
          currentStep: row.current_step ?? p.step?.id ?? null,
          currentField: row.current_field,
          progress: p.view,
          lastActivityAt: row.last_activity_at.toISOString(),
          updatedAt: row.updated_at.toISOString(),
          online: Boolean(row.online),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/applications/{id}/link",
      tags,
      summary: "Send a fresh secure link by SMS or email (earlier apply links stop working)",
      security,
      request: { params: IdParam, body: jsonBody(LinkBody) },
      responses: { 202: jsonContent(LinkSent, "Queued"), ...standardErrors, ...notFoundError, ...conflictError },
    }),
    async (c) => {
      const actor = need(c, "applications:create");
      const { id } = c.req.valid("param");
      const { via } = c.req.valid("json");
      const out = await inTransaction(deps.db, async (trx) => sendLink(trx, deps, auditContext(c, deps.clock.now()), await applicationForActor(trx, actor, id, { forUpdate: true }), via));
      return c.json(out, 202);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/applications/{id}/revoke", tags, summary: "Withdraw every link and end the customer's sessions", security, request: { params: IdParam }, responses: { 200: jsonContent(ApplicationDetailSchema), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "applications:create");
      const { id } = c.req.valid("param");
      const row = await inTransaction(deps.db, async (trx) => {
        const a = await applicationForActor(trx, actor, id, { forUpdate: true });
        await revokeApplication(trx, auditContext(c, deps.clock.now()), a);
        return applicationForActor(trx, actor, id);
      });
      return c.json(await presentApplication(deps.db, row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/applications/{id}/cancel",
      tags,
      summary: "Cancel an application that has no decision yet",
      security,
      request: { params: IdParam, body: jsonBody(CancelBody) },
      responses: { 200: jsonContent(ApplicationDetailSchema), ...standardErrors, ...notFoundError, ...conflictError },
    }),
    async (c) => {
      const actor = need(c, "applications:create");
      const { id } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      const row = await inTransaction(deps.db, async (trx) => {
        const a = await applicationForActor(trx, actor, id, { forUpdate: true });
        await cancelApplication(trx, auditContext(c, deps.clock.now()), a, reason);
        return applicationForActor(trx, actor, id);
      });
      return c.json(await presentApplication(deps.db, row), 200);
    },
  );

  return app;
}
