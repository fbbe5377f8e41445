import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "kysely";
import { inTransaction } from "../../db";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../server/pagination";
import { recordAudit } from "../audit/record";
import { Contact, ContactInput, createContact, getContact, presentContact, updateContact } from "./contacts";
import { importContacts, MAX_IMPORT_ROWS } from "./contacts-import";
import { getSettings, saveSettings } from "./frequency";

const tags = ["Contacts"];

const ContactQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional().openapi({ description: "Part of a name, email, phone or customer id" }),
  list: z.string().trim().max(64).optional(),
  unsubscribed: z.enum(["true", "false"]).optional(),
});
const ImportBody = z
  .strictObject({
    csv: z.string().min(1).max(5 * 1024 * 1024).openapi({ description: `Header row: email, phone, name, locale, customer_id, lists (lists separated by ;). At most ${MAX_IMPORT_ROWS} rows.` }),
    lists: z.array(z.string().trim().min(1).max(64)).max(20).optional().openapi({ description: "Added to every imported contact" }),
  })
  .openapi("ContactImport");
const ImportResult = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() })),
  })
  .openapi("ContactImportResult");

const ORIGIN = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;
export const FeedbackSettings = z
  .object({
    frequencyDays: z.number().int().openapi({ description: "No contact is surveyed more than once per this many days across all surveys (0 = off)" }),
    embedOrigins: z.array(z.string()).openapi({ description: "https origins allowed to frame the survey pages" }),
  })
  .openapi("FeedbackSettings");
const SettingsBody = z
  .strictObject({
    frequencyDays: z.number().int().min(0).max(3650).optional(),
    embedOrigins: z
      .array(z.string().trim().max(200).regex(ORIGIN, "an https origin such as https://www.bank.example (no path)"))
      .max(50)
      .optional(),
  })
  .openapi("FeedbackSettingsInput");

export function contactRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({ method: "get", path: "/contacts", tags, summary: "Contacts (search, list filter)", security, request: { query: ContactQuery }, responses: { 200: jsonContent(pageOf(Contact)), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "contacts:read");
      const { limit, cursor, q, list, unsubscribed } = c.req.valid("query");
      const after = decodeCursor(cursor, z.tuple([z.uuid()]));
      let query = deps.db.selectFrom("contacts").selectAll().where("tenant_id", "=", actor.tenantId);
      if (after) query = query.where("id", "<", after[0]);
      if (list) query = query.where(sql<boolean>`lists @> array[${list}]::text[]`);
      if (unsubscribed) query = query.where("unsubscribed_at", unsubscribed === "true" ? "is not" : "is", null);
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        query = query.where((eb) => eb.or([eb("name", "ilike", like), eb("email", "ilike", like), eb("phone", "like", like), eb("customer_id", "ilike", like)]));
      }
      const rows = await query.orderBy("id", "desc").limit(limit + 1).execute();
      const page = paginate(rows, limit, (r) => [r.id]);
      return c.json({ items: page.items.map(presentContact), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/contacts", tags, summary: "Add a contact", security, request: { body: jsonBody(ContactInput) }, responses: { 201: jsonContent(Contact, "Created"), ...standardErrors, ...conflictError } }),
    async (c) => {
      const actor = need(c, "contacts:write");
      const now = deps.clock.now();
      const row = await inTransaction(deps.db, async (trx) => {
        const r = await createContact(trx, actor.tenantId, c.req.valid("json"), now);
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "contact.created", subjectType: "contact", subjectId: r.id, data: { lists: r.lists } });
        return r;
      });
      return c.json(presentContact(row), 201);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/contacts/{id}", tags, summary: "One contact", security, request: { params: IdParam }, responses: { 200: jsonContent(Contact), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "contacts:read");
      return c.json(presentContact(await getContact(deps.db, actor.tenantId, c.req.valid("param").id)), 200);
    },
  );

  app.openapi(
    createRoute({ method: "patch", path: "/contacts/{id}", tags, summary: "Change a contact (given fields only)", security, request: { params: IdParam, body: jsonBody(ContactInput) }, responses: { 200: jsonContent(Contact), ...standardErrors, ...notFoundError, ...conflictError } }),
    async (c) => {
      const actor = need(c, "contacts:write");
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const now = deps.clock.now();
      const row = await inTransaction(deps.db, async (trx) => {
        const r = await updateContact(trx, actor.tenantId, id, body, now);
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "contact.updated", subjectType: "contact", subjectId: id, data: { fields: Object.keys(body) } });
        return r;
      });
      return c.json(presentContact(row), 200);
    },
  );

  app.openapi(
    createRoute({ method: "delete", path: "/contacts/{id}", tags, summary: "Delete a contact and its personal links (responses stay, without the link to the contact)", security, request: { params: IdParam }, responses: { 204: { description: "Deleted" }, ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "contacts:write");
      const { id } = c.req.valid("param");
      const now = deps.clock.now();
      await inTransaction(deps.db, async (trx) => {
        const gone = await trx.deleteFrom("contacts").where("tenant_id", "=", actor.tenantId).where("id", "=", id).returning("id").executeTakeFirst();
        if (!gone) throw new AppError("not_found", "No such contact");
        await trx.updateTable("survey_responses").set({ contact_id: null }).where("tenant_id", "=", actor.tenantId).where("contact_id", "=", id).execute();
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "contact.deleted", subjectType: "contact", subjectId: id });
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/contacts/import", tags, summary: "Import contacts from CSV (bad rows reported, good rows kept)", security, request: { body: jsonBody(ImportBody) }, responses: { 200: jsonContent(ImportResult), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "contacts:write");
      const body = c.req.valid("json");
      const now = deps.clock.now();
      const result = await inTransaction(deps.db, async (trx) => {
        const r = await importContacts(trx, actor.tenantId, body.csv, now, body.lists ?? []);
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "contact.imported", subjectType: "contact", data: { created: r.created, updated: r.updated, errors: r.errors.length } });
        return r;
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/feedback/settings", tags: ["Distribution"], summary: "Contact frequency rule and embed origins", security, responses: { 200: jsonContent(FeedbackSettings), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "surveys:distribute");
      return c.json(await getSettings(deps.db, actor.tenantId), 200);
    },
  );

  app.openapi(
    createRoute({ method: "put", path: "/feedback/settings", tags: ["Distribution"], summary: "Change the frequency rule or the origins allowed to embed survey pages (administrators)", security, request: { body: jsonBody(SettingsBody) }, responses: { 200: jsonContent(FeedbackSettings), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "org:write");
      const body = c.req.valid("json");
      const now = deps.clock.now();
      const patch = { ...body, ...(body.embedOrigins ? { embedOrigins: [...new Set(body.embedOrigins.map((o) => o.toLowerCase()))] } : {}) };
      const settings = await inTransaction(deps.db, async (trx) => {
        const s = await saveSettings(trx, actor.tenantId, patch, now);
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "feedback.settings.updated", subjectType: "tenant", subjectId: actor.tenantId, data: patch });
        return s;
      });
      return c.json(settings, 200);
    },
  );

  return app;
}
