import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { inTransaction } from "../../db";
import { type Actor, can, scopeFilter } from "../../kernel/access";
import { decryptBytes } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../server/pagination";
import { recordAudit } from "../audit/record";
import type { SurveyDefinition } from "./definition/types";
import { eraseCustomer } from "./erase";
import { exportRows, renderAnswer, textIn, toCsv, toXlsx } from "./export";
import { applyFilters, FILTER_DESCRIPTION, FilterQuery, parseFilters, rawQuery } from "./responses-query";
import { ResponseDetailSchema, ResponseListItemSchema, ResponseNoteSchema, SummarySchema } from "./responses-schemas";
import { loadDefinitions } from "./rollups";
import { computeSummary } from "./summary";

const tags = ["Responses"];
const SurveyParam = z.object({ surveyId: z.uuid().openapi({ param: { name: "surveyId", in: "path" } }) });
const FileParams = IdParam.extend({ fileId: z.uuid().openapi({ param: { name: "fileId", in: "path" } }) });
const Tag = z.string().trim().min(1).max(40);
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
const actionsOf = (actor: Actor) => [
  ...(can(actor, "responses:manage") ? (["tag", "note"] as const) : []),
  ...(can(actor, "responses:erase") ? (["erase"] as const) : []),
];

export function responseRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const db = deps.db;

  /** The survey's versions (404 when the survey is not this tenant's) and the parsed filters. */
  async function surveyAndFilters(c: Context<AppEnv>, actor: Actor, surveyId: string, query: z.output<typeof FilterQuery>) {
    const survey = await db.selectFrom("surveys").select("id").where("tenant_id", "=", actor.tenantId).where("id", "=", surveyId).executeTakeFirst();
    if (!survey) throw new AppError("not_found", "No such survey");
    const defs = await loadDefinitions(db, actor.tenantId, surveyId);
    return { defs, filters: parseFilters(query, rawQuery(c.req.url), [...defs.values()]) };
  }

  /** One response in the actor's tenant and data scope, or 404. */
  async function scopedResponse(actor: Actor, id: string) {
    const r = await db
      .selectFrom("survey_responses")
      .selectAll()
      .where("tenant_id", "=", actor.tenantId)
      .where("id", "=", id)
      .where(scopeFilter(actor, { region: "survey_responses.region_id", branch: "survey_responses.branch_id" }))
      .executeTakeFirst();
    if (!r) throw new AppError("not_found", "No such response");
    return r;
  }

  app.openapi(
    createRoute({ method: "get", path: "/surveys/{surveyId}/responses", tags, summary: "Responses of a survey, newest first", description: FILTER_DESCRIPTION, security, request: { params: SurveyParam, query: FilterQuery.extend(PageQuery.shape) }, responses: { 200: jsonContent(pageOf(ResponseListItemSchema)), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "responses:read");
      const { surveyId } = c.req.valid("param");
      const { limit, cursor, ...query } = c.req.valid("query");
      const { defs, filters } = await surveyAndFilters(c, actor, surveyId, query);
      const after = decodeCursor(cursor, z.tuple([z.string(), z.string()]));
      let q = applyFilters(db.selectFrom("survey_responses").selectAll(), actor, surveyId, filters);
      if (after) q = q.where((eb) => eb.or([eb("started_at", "<", new Date(after[0])), eb.and([eb("started_at", "=", new Date(after[0])), eb("id", "<", after[1])])]));
      const rows = await q.orderBy("started_at", "desc").orderBy("id", "desc").limit(limit + 1).execute();
      const page = paginate(rows, limit, (r) => [new Date(r.started_at).toISOString(), r.id]);
      const actions = actionsOf(actor);
      const items = page.items.map((r) => {
        const def = defs.get(r.version);
        const answers = r.answers as Record<string, unknown>;
        const first = (type: string) => {
          const qid = def?.questions.find((x) => x.type === type)?.id;
          if (!qid) return undefined;
          const v = answers[qid];
          return typeof v === "number" ? v : null;
        };
        const preview: { nps?: number | null; csat?: number | null } = {};
        const nps = first("nps");
        const csat = first("csat");
        if (nps !== undefined) preview.nps = nps;
        if (csat !== undefined) preview.csat = csat;
        return { id: r.id, status: r.status, language: r.language, channel: r.channel, version: r.version, startedAt: iso(r.started_at) as string, completedAt: iso(r.completed_at), durationSeconds: seconds(r.duration_ms), tags: r.tags, hidden: r.hidden, contactId: r.contact_id, preview, actions };
      });
      return c.json({ items, nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/surveys/{surveyId}/summary", tags, summary: "Summary per question, completion and drop-off", description: `${FILTER_DESCRIPTION} Served from incrementally folded rollups (fast at any size) for completion all/completed/partial with either language and channel, or a date range on whole UTC days, each within the reader's data scope; other combinations (a date range with language or channel, answers, hidden fields, tags, contact, version, in_progress/screened_out, times within a day) scan the matching responses — correct, slower on large surveys.`, security, request: { params: SurveyParam, query: FilterQuery }, responses: { 200: jsonContent(SummarySchema), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "responses:read");
      const { surveyId } = c.req.valid("param");
      const { filters } = await surveyAndFilters(c, actor, surveyId, c.req.valid("query"));
      return c.json(await computeSummary(db, actor, surveyId, filters), 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/surveys/{surveyId}/export", tags, summary: "Export responses as CSV (UTF-8 with BOM) or XLSX", description: `${FILTER_DESCRIPTION} One row per response, one column per question (loop answers as \`question#item\`), then hidden fields. Cells starting with = + - @ are prefixed with '.`, security, request: { params: SurveyParam, query: FilterQuery.extend({ format: z.enum(["csv", "xlsx"]).default("csv") }) }, responses: { 200: { description: "The file" }, ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "responses:export");
      const { surveyId } = c.req.valid("param");
      const { format, ...query } = c.req.valid("query");
      const { defs, filters } = await surveyAndFilters(c, actor, surveyId, query);
      const { header, body } = await exportRows(db, actor, surveyId, filters, defs);
      const file = format === "csv" ? toCsv(header, body) : await toXlsx(header, body);
      await recordAudit(db, auditContext(c, deps.clock.now()), { tenantId: actor.tenantId, action: "responses.exported", subjectType: "survey", subjectId: surveyId, data: { format, rows: body.length, filters: query } });
      const type = format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      return c.body(new Uint8Array(file), 200, { "content-type": type, "content-disposition": `attachment; filename="responses-${surveyId}.${format}"`, "x-content-type-options": "nosniff" });
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/responses/{id}", tags, summary: "One response, every answer rendered for reading", security, request: { params: IdParam }, responses: { 200: jsonContent(ResponseDetailSchema), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "responses:read");
      return c.json(await detail(actor, c.req.valid("param").id), 200);
    },
  );

  async function detail(actor: Actor, id: string): Promise<z.output<typeof ResponseDetailSchema>> {
    const r = await scopedResponse(actor, id);
    const def = (await loadDefinitions(db, actor.tenantId, r.survey_id, [r.version])).get(r.version) as SurveyDefinition;
    const lang = r.language;
    const fb = def.defaultLanguage;
    const [notes, files] = await Promise.all([
      db.selectFrom("survey_response_notes").select(["id", "body", "author_label", "created_at"]).where("tenant_id", "=", actor.tenantId).where("response_id", "=", id).orderBy("created_at").execute(),
      db.selectFrom("survey_files").select(["id", "question_key", "filename", "content_type", "size"]).where("tenant_id", "=", actor.tenantId).where("response_id", "=", id).orderBy("created_at").execute(),
    ]);
    const order = new Map(def.questions.map((q, i) => [q.id, i]));
    const timings = (r.timings ?? {}) as Record<string, number>;
    const answers = Object.entries(r.answers as Record<string, unknown>)
      .map(([key, value]) => {
        const [questionId, item] = key.split("#") as [string, string | undefined];
        const q = def.questions.find((x) => x.id === questionId);
        const loop = item ? def.loops.find((l) => l.pages.some((p) => def.pages.find((pg) => pg.id === p)?.questionIds.includes(questionId))) : undefined;
        const source = loop ? def.questions.find((x) => x.id === loop.source) : undefined;
        const itemText = item ? textIn(source && "choices" in source ? source.choices.find((ch) => ch.id === item)?.text : undefined, lang, fb) || item : null;
        const fileId = q?.type === "file" && value && typeof value === "object" ? ((value as { fileId?: string }).fileId ?? null) : null;
        return { key, questionId, type: q?.type ?? "unknown", question: textIn(q?.text, lang, fb), loopItem: itemText, display: renderAnswer(q, value, lang, def), value, timingMs: timings[key] ?? null, fileId };
      })
      .sort((a, b) => (order.get(a.questionId) ?? 1e9) - (order.get(b.questionId) ?? 1e9) || a.key.localeCompare(b.key));
    const ending = r.ending_id ? def.endings.find((e) => e.id === r.ending_id) : undefined;
    return {
      id: r.id,
      surveyId: r.survey_id,
      status: r.status,
      language: r.language,
      channel: r.channel,
      version: r.version,
      startedAt: iso(r.started_at) as string,
      completedAt: iso(r.completed_at),
      durationSeconds: seconds(r.duration_ms),
      contactId: r.contact_id,
      answers,
      hidden: r.hidden,
      variables: r.variables,
      ending: ending ? { id: ending.id, title: textIn(ending.title, lang, fb) } : null,
      tags: r.tags,
      notes: notes.map((n) => ({ id: n.id, body: n.body, authorName: n.author_label, createdAt: iso(n.created_at) as string })),
      files: files.map((f) => ({ id: f.id, questionId: f.question_key, name: f.filename, contentType: f.content_type, size: f.size })),
      actions: actionsOf(actor),
    };
  }

  app.openapi(
    createRoute({ method: "patch", path: "/responses/{id}", tags, summary: "Set a response's tags", security, request: { params: IdParam, body: jsonBody(z.strictObject({ tags: z.array(Tag).max(20) }).openapi("PatchResponse")) }, responses: { 200: jsonContent(ResponseDetailSchema), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "responses:manage");
      const { id } = c.req.valid("param");
      const tagList = [...new Set(c.req.valid("json").tags)];
      await scopedResponse(actor, id);
      await inTransaction(db, async (trx) => {
        await trx.updateTable("survey_responses").set({ tags: tagList }).where("tenant_id", "=", actor.tenantId).where("id", "=", id).execute();
        await recordAudit(trx, auditContext(c, deps.clock.now()), { tenantId: actor.tenantId, action: "response.tagged", subjectType: "survey_response", subjectId: id, data: { tags: tagList } });
      });
      return c.json(await detail(actor, id), 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/responses/{id}/notes", tags, summary: "Add a note to a response", security, request: { params: IdParam, body: jsonBody(z.strictObject({ body: z.string().trim().min(1).max(4000) }).openapi("CreateResponseNote")) }, responses: { 201: jsonContent(ResponseNoteSchema, "Created"), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "responses:manage");
      const { id } = c.req.valid("param");
      const { body } = c.req.valid("json");
      await scopedResponse(actor, id);
      const now = deps.clock.now();
      const note = { tenant_id: actor.tenantId, id: newId(), response_id: id, author_id: actor.kind === "user" ? actor.id : null, author_label: actor.label, body, created_at: now };
      await inTransaction(db, async (trx) => {
        await trx.insertInto("survey_response_notes").values(note).execute();
        await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "response.note_added", subjectType: "survey_response", subjectId: id, data: { noteId: note.id } });
      });
      return c.json({ id: note.id, body, authorName: note.author_label, createdAt: now.toISOString() }, 201);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/responses/{id}/files/{fileId}", tags, summary: "Download a file uploaded with a response", security, request: { params: FileParams }, responses: { 200: { description: "The file, as an attachment" }, ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "responses:read");
      const { id, fileId } = c.req.valid("param");
      await scopedResponse(actor, id);
      const f = await db.selectFrom("survey_files").select(["data", "content_type", "filename"]).where("tenant_id", "=", actor.tenantId).where("response_id", "=", id).where("id", "=", fileId).executeTakeFirst();
      if (!f) throw new AppError("not_found", "No such file");
      const name = (f.filename ?? `file-${fileId}`).replace(/[^\w.-]+/g, "_");
      return c.body(new Uint8Array(openFile(deps.config.secretKey, f.data)), 200, { "content-type": f.content_type, "content-disposition": `attachment; filename="${name}"`, "x-content-type-options": "nosniff" });
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/responses/erasure", tags, summary: "Delete every response of one customer (right to erasure)", description: "By contactId, by email (any contact answer or the hidden field `email`), or by customerId (the hidden field `customerId`), across the tenant's surveys, with their files and notes. The audit entry keeps counts only.", security, request: { body: jsonBody(z.strictObject({ contactId: z.uuid().optional(), email: z.email().max(320).optional(), customerId: z.string().trim().min(1).max(200).optional() }).openapi("ErasureRequest")) }, responses: { 200: jsonContent(z.object({ deleted: z.number().int() })), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "responses:erase");
      const body = c.req.valid("json");
      if (!body.contactId && !body.email && !body.customerId) {
        throw new AppError("validation_failed", "Say whose responses to delete", { issues: [{ path: "body", message: "give contactId, email or customerId", code: "empty" }] });
      }
      return c.json(await eraseCustomer(db, auditContext(c, deps.clock.now()), actor.tenantId, body), 200);
    },
  );

  return app;
}

/** Files are stored encrypted (AES-256-GCM, encryptBytes in src/modules/feedback/uploads.ts). */
export function openFile(secret: Buffer, stored: Uint8Array): Buffer {
  return decryptBytes(secret, Buffer.from(stored));
}
