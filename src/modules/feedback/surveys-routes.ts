import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { inTransaction } from "../../db";
import type { Actor } from "../../kernel/access";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../server/pagination";
import { looksLikeDefinition, parseDefinition, SurveyDefinitionInput, zodToIssues } from "./definition/schema";
import { SURVEY_TEMPLATES, templateById } from "./definition/templates";
import { SURVEY_LOCALES, type SurveyDefinition } from "./definition/types";
import { checkDefinition } from "./logic";
import { presentSurvey, presentSurveySummary } from "./presenter";
import { createSurvey, deleteSurvey, findSurvey, hasResponses, publishSurvey, replaceDraft, type SurveyRow, setSurveyOpen } from "./surveys";

const tags = ["Surveys"];
const Name = z.string().trim().min(1).max(200);
const Status = z.enum(["draft", "published", "closed"]);
const Problem = z.object({ path: z.string(), code: z.string(), message: z.string(), severity: z.enum(["error", "warning"]) });
const SurveyDefinitionOut = z.record(z.string(), z.unknown()).openapi("SurveyDefinition", { description: "The normalised definition (src/modules/feedback/definition/types.ts)" });
export const SurveySummary = z
  .object({ id: z.uuid(), name: z.string(), status: Status, draftChanged: z.boolean(), publishedVersion: z.number().int().nullable(), template: z.string().nullable(), createdAt: z.string(), updatedAt: z.string() })
  .openapi("SurveySummary");
export const Survey = SurveySummary.extend({
  draft: SurveyDefinitionOut,
  problems: z.array(Problem),
  closedAt: z.string().nullable(),
  links: z.object({ public: z.string() }),
  actions: z.array(z.enum(["edit", "publish", "close", "reopen", "delete"])),
}).openapi("Survey");
const TemplateId = z.string().max(64).openapi({ description: `One of GET /survey-templates: ${SURVEY_TEMPLATES.map((t) => t.id).join(", ")}` });
const CreateSurveyWrapped = z.strictObject({ name: Name.optional(), definition: SurveyDefinitionInput.optional(), template: TemplateId.optional() }).openapi("CreateSurvey");
const CreateSurveyBody = z.union([CreateSurveyWrapped, SurveyDefinitionInput]).openapi({ description: "`{ name?, definition }`, `{ name?, template }`, or a bare definition (`title` and `questions` at the top level)" });
const PutDraft = z.strictObject({ name: Name.optional(), definition: SurveyDefinitionInput }).openapi("PutSurveyDraft");
const ListQuery = PageQuery.extend({ status: Status.optional(), q: z.string().trim().max(200).optional() });
const VersionParams = IdParam.extend({ version: z.string().max(64).openapi({ param: { name: "version", in: "path" }, description: "1, 2, …" }) });
const Version = z.object({ version: z.number().int(), publishedAt: z.string(), publishedBy: z.string().nullable() }).openapi("SurveyVersion");
const VersionDetail = Version.extend({ definition: SurveyDefinitionOut }).openapi("SurveyVersionDetail");
const Localized = z.record(z.string(), z.string());
const Template = z.object({ id: z.string(), name: Localized, description: Localized, languages: z.array(z.string()) }).openapi("SurveyTemplate");

/** Validation errors with bracketed paths (`body.definition.questions[0].type`). */
function bodyHook(result: { success: boolean; error?: unknown; data?: unknown }) {
  if (result.success) return;
  const data = result.data;
  // A bare definition: report against its own schema, not the union.
  if (looksLikeDefinition(data)) parseDefinition(data, "body");
  const again = CreateSurveyWrapped.safeParse(data);
  const err = again.success ? (result.error as import("zod").ZodError) : again.error;
  const issues = zodToIssues(err, "body");
  throw new AppError(issues.every((i) => i.code === "unknown_field") ? "unknown_field" : "validation_failed", `${issues.length} problem(s) with body: ${issues.slice(0, 5).map((i) => i.path).join(", ")}`, { issues });
}
function plainHook(result: { success: boolean; error?: unknown }) {
  if (result.success) return;
  const issues = zodToIssues(result.error as import("zod").ZodError, "body");
  throw new AppError(issues.every((i) => i.code === "unknown_field") ? "unknown_field" : "validation_failed", `${issues.length} problem(s) with body: ${issues.slice(0, 5).map((i) => i.path).join(", ")}`, { issues });
}

export function surveyRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  const slugOf = async (tenantId: string) => (await deps.db.selectFrom("tenants").select("slug").where("id", "=", tenantId).executeTakeFirstOrThrow()).slug;
  const full = async (actor: Actor, s: SurveyRow) =>
    presentSurvey(s, { slug: await slugOf(actor.tenantId), actor, hasResponses: await hasResponses(deps.db, actor.tenantId, s.id), problems: checkDefinition(s.draft) });

  app.openapi(createRoute({ method: "get", path: "/surveys", tags, summary: "Surveys of this bank, most recently changed first", security, request: { query: ListQuery }, responses: { 200: jsonContent(pageOf(SurveySummary)), ...standardErrors } }), async (c) => {
    const actor = need(c, "surveys:read");
    const { limit, cursor, status, q } = c.req.valid("query");
    const after = decodeCursor(cursor, z.tuple([z.string(), z.uuid()]));
    let query = deps.db.selectFrom("surveys").select(["tenant_id", "id", "name", "status", "draft_changed", "published_version", "template", "created_at", "updated_at", "closed_at"]).where("tenant_id", "=", actor.tenantId);
    if (status) query = query.where("status", "=", status);
    if (q) query = query.where("name", "ilike", `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    if (after) {
      const at = new Date(after[0]);
      query = query.where((eb) => eb.or([eb("updated_at", "<", at), eb.and([eb("updated_at", "=", at), eb("id", "<", after[1])])]));
    }
    const rows = await query.orderBy("updated_at", "desc").orderBy("id", "desc").limit(limit + 1).execute();
    const page = paginate(rows, limit, (r) => [r.updated_at.toISOString(), r.id]);
    return c.json({ items: page.items.map((r) => presentSurveySummary(r as unknown as SurveyRow)), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(
    createRoute({ method: "post", path: "/surveys", tags, summary: "Create a survey from a definition or a template (the body may also be a bare definition)", security, request: { body: jsonBody(CreateSurveyBody) }, responses: { 201: jsonContent(Survey, "Created"), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "surveys:write");
      const body = c.req.valid("json") as Record<string, unknown>;
      let name: string | undefined;
      let definition: SurveyDefinition;
      let template: string | null = null;
      if (looksLikeDefinition(body)) {
        definition = parseDefinition(body, "body");
      } else {
        const w = body as z.infer<typeof CreateSurveyWrapped>;
        name = w.name;
        if (w.definition && w.template) throw new AppError("validation_failed", "Give a definition or a template, not both", { issues: [{ path: "body.template", message: "give definition or template, not both", code: "exclusive" }] });
        if (w.template) {
          const t = templateById(w.template);
          if (!t) throw new AppError("validation_failed", "Unknown template", { issues: [{ path: "body.template", message: `is not a template (${SURVEY_TEMPLATES.map((x) => x.id).join(", ")})`, code: "unknown_template" }] });
          definition = parseDefinition(t.definition, "template");
          template = t.id;
          name ??= t.name[actor.locale as keyof typeof t.name] ?? t.name.en;
        } else if (w.definition) {
          definition = parseDefinition(w.definition, "body.definition");
        } else {
          throw new AppError("validation_failed", "Give a definition or a template", { issues: [{ path: "body.definition", message: "is required (or give template)", code: "required" }] });
        }
      }
      const s = await inTransaction(deps.db, (trx) => createSurvey(trx, auditContext(c, deps.clock.now()), actor.tenantId, { name, definition, template }));
      return c.json(await full(actor, s), 201);
    },
    bodyHook as never,
  );

  app.openapi(createRoute({ method: "get", path: "/surveys/{id}", tags, summary: "A survey: its draft, the problems its logic has, and what you may do", security, request: { params: IdParam }, responses: { 200: jsonContent(Survey), ...standardErrors, ...notFoundError } }), async (c) => {
    const actor = need(c, "surveys:read");
    return c.json(await full(actor, await findSurvey(deps.db, actor.tenantId, c.req.valid("param").id)), 200);
  });

  app.openapi(
    createRoute({ method: "put", path: "/surveys/{id}/draft", tags, summary: "Replace the draft (published versions are never changed)", security, request: { params: IdParam, body: jsonBody(PutDraft) }, responses: { 200: jsonContent(Survey), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "surveys:write");
      const body = c.req.valid("json");
      const definition = parseDefinition(body.definition, "body.definition");
      const s = await inTransaction(deps.db, (trx) => replaceDraft(trx, auditContext(c, deps.clock.now()), actor.tenantId, c.req.valid("param").id, { name: body.name, definition }));
      return c.json(await full(actor, s), 200);
    },
    plainHook as never,
  );

  const DefinitionInvalid = { 422: { description: "The logic has errors (definition_invalid; `errors` lists them)", content: { "application/problem+json": { schema: z.object({}).passthrough() } } } };
  app.openapi(createRoute({ method: "post", path: "/surveys/{id}/publish", tags, summary: "Publish the draft as a new immutable version", security, request: { params: IdParam }, responses: { 200: jsonContent(Survey), ...standardErrors, ...notFoundError, ...DefinitionInvalid } }), async (c) => {
    const actor = need(c, "surveys:write");
    const { survey } = await inTransaction(deps.db, (trx) => publishSurvey(trx, auditContext(c, deps.clock.now()), actor.tenantId, c.req.valid("param").id));
    return c.json(await full(actor, survey), 200);
  });

  for (const [verb, open] of [["close", false], ["reopen", true]] as const) {
    app.openapi(
      createRoute({ method: "post", path: `/surveys/{id}/${verb}`, tags, summary: open ? "Reopen a closed survey" : "Close a survey: it stops taking responses", security, request: { params: IdParam }, responses: { 200: jsonContent(Survey), ...standardErrors, ...notFoundError, ...conflictError } }),
      async (c) => {
        const actor = need(c, "surveys:write");
        const s = await inTransaction(deps.db, (trx) => setSurveyOpen(trx, auditContext(c, deps.clock.now()), actor.tenantId, c.req.valid("param").id, open));
        return c.json(await full(actor, s), 200);
      },
    );
  }

  app.openapi(createRoute({ method: "delete", path: "/surveys/{id}", tags, summary: "Delete a survey that has no responses", security, request: { params: IdParam }, responses: { 204: { description: "Deleted" }, ...standardErrors, ...notFoundError, ...conflictError } }), async (c) => {
    const actor = need(c, "surveys:write");
    await inTransaction(deps.db, (trx) => deleteSurvey(trx, auditContext(c, deps.clock.now()), actor.tenantId, c.req.valid("param").id));
    return c.body(null, 204);
  });

  app.openapi(createRoute({ method: "get", path: "/surveys/{id}/versions", tags, summary: "Published versions, newest first", security, request: { params: IdParam }, responses: { 200: jsonContent(z.object({ items: z.array(Version) })), ...standardErrors, ...notFoundError } }), async (c) => {
    const actor = need(c, "surveys:read");
    const { id } = c.req.valid("param");
    await findSurvey(deps.db, actor.tenantId, id);
    const rows = await deps.db.selectFrom("survey_versions").select(["version", "published_at", "published_by"]).where("tenant_id", "=", actor.tenantId).where("survey_id", "=", id).orderBy("version", "desc").execute();
    return c.json({ items: rows.map((r) => ({ version: r.version, publishedAt: r.published_at.toISOString(), publishedBy: r.published_by })) }, 200);
  });

  app.openapi(createRoute({ method: "get", path: "/surveys/{id}/versions/{version}", tags, summary: "One published version and its definition", security, request: { params: VersionParams }, responses: { 200: jsonContent(VersionDetail), ...standardErrors, ...notFoundError } }), async (c) => {
    const actor = need(c, "surveys:read");
    const { id, version: v } = c.req.valid("param");
    const version = /^[1-9]\d{0,8}$/.test(v) ? Number(v) : 0;
    const r = await deps.db.selectFrom("survey_versions").select(["version", "published_at", "published_by", "definition"]).where("tenant_id", "=", actor.tenantId).where("survey_id", "=", id).where("version", "=", version).executeTakeFirst();
    if (!r) throw new AppError("not_found", "No such survey version");
    return c.json({ version: r.version, publishedAt: r.published_at.toISOString(), publishedBy: r.published_by, definition: r.definition }, 200);
  });

  app.openapi(createRoute({ method: "get", path: "/survey-templates", tags, summary: "Banking survey templates (name and description per language)", security, responses: { 200: jsonContent(z.object({ items: z.array(Template) })), ...standardErrors } }), async (c) => {
    need(c, "surveys:read");
    return c.json({ items: SURVEY_TEMPLATES.map((t) => ({ id: t.id, name: t.name, description: t.description, languages: [...SURVEY_LOCALES] })) }, 200);
  });

  return app;
}
