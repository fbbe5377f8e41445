import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { inTransaction } from "../../db";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { jsonBody, jsonContent, notFoundError, standardErrors, z } from "../../server/openapi";
import { problemResponse } from "../../server/problem";
import { FILE_MAX_BYTES_CAP } from "./definition/defaults";
import { publicDefinition } from "./presenter";
import { CHANNELS, readResponse, saveAnswers, startResponse } from "./respond";
import { loadPublished, MAX_TIMING_MS, versionDefinition } from "./respond-state";
import { recordWhole } from "./respond-fast";
import { storeUpload } from "./uploads";

const tags = ["Public"];
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });
const SurveyIdParam = z.object({ surveyId: z.uuid().openapi({ param: { name: "surveyId", in: "path" } }) });
const ResponseIdParam = z.object({ responseId: z.uuid().openapi({ param: { name: "responseId", in: "path" } }) });
const Key = z.string().min(1).max(140);
const many = <T extends z.ZodType>(v: T, max: number) => z.record(Key, v).refine((o) => Object.keys(o).length <= max, `at most ${max} entries`);
const Answers = many(z.unknown(), 2000).openapi({ description: "By answer key (`questionId`, or `questionId#choiceId` in a loop); `null` skips" });
const Timings = many(z.number().int().min(0).max(MAX_TIMING_MS), 2000).openapi({ description: "Milliseconds spent per answer key (added up when sent again, at most one hour per key)" });
const Language = z.string().max(20).openapi({ description: "en, he, ar, zh-Hans or zh-Hant; a language the survey is not offered in gives its default language" });
const StartBody = z
  .strictObject({
    answers: Answers.optional(),
    finished: z.boolean().optional(),
    language: Language.optional(),
    hiddenFields: many(z.string().max(500), 50).optional(),
    channel: z.enum(CHANNELS).optional(),
    timings: Timings.optional(),
  })
  .openapi("StartResponse");
const AnswersBody = z.strictObject({ answers: Answers.optional(), timings: Timings.optional(), submit: Key.optional(), language: Language.optional() }).openapi("SaveAnswers");
const Ending = z.object({ id: z.string(), title: z.string(), text: z.string().optional(), redirectUrl: z.string().optional() }).openapi("SurveyEnding");
export const RespondResultSchema = z
  .object({ id: z.uuid(), status: z.enum(["in_progress", "completed", "screened_out"]), resumeToken: z.string().nullable(), current: z.string().nullable(), finished: z.boolean(), ending: Ending.nullable() })
  .openapi("RespondResult");
const PublicSurvey = z
  .object({ id: z.uuid(), bank: z.object({ slug: z.string(), name: z.string() }), status: z.enum(["published", "closed"]), version: z.number().int(), definition: z.record(z.string(), z.unknown()) })
  .openapi("PublicSurvey");
const ResponseState = z
  .object({
    id: z.uuid(),
    surveyId: z.uuid(),
    version: z.number().int(),
    status: z.string(),
    language: z.string(),
    answers: z.record(z.string(), z.unknown()),
    hidden: z.record(z.string(), z.string()),
    submitted: z.array(z.string()),
    current: z.string().nullable(),
    finished: z.boolean(),
    ending: Ending.nullable(),
  })
  .openapi("PublicResponse");
const bearer = { headers: z.object({ authorization: z.string().optional().openapi({ description: "`Bearer <resumeToken>`" }) }) };
const closedOrQuota = { 409: problem("Finished response (conflict) or a full quota (quota_full)"), 410: problem("The survey is closed (survey_closed)") };

/** The resume token from `Authorization: Bearer …`; missing reads as an unknown response. */
function tokenOf(c: Context<AppEnv>): string {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
  if (!m?.[1]) throw new AppError("not_found", "No such response");
  return m[1];
}

export function publicSurveyRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({ method: "get", path: "/public/surveys/{surveyId}", tags, summary: "A published survey for the respondent page (no quotas)", request: { params: SurveyIdParam }, responses: { 200: jsonContent(PublicSurvey), ...notFoundError } }),
    async (c) => {
      const pub = await loadPublished(deps.db, c.req.valid("param").surveyId);
      const [def, bank] = await Promise.all([
        versionDefinition(deps.db, pub.tenantId, pub.surveyId, pub.version),
        deps.db.selectFrom("tenants").select(["slug", "name"]).where("id", "=", pub.tenantId).executeTakeFirstOrThrow(),
      ]);
      return c.json({ id: pub.surveyId, bank: { slug: bank.slug, name: bank.name }, status: pub.status === "closed" ? ("closed" as const) : ("published" as const), version: pub.version, definition: publicDefinition(def) as Record<string, unknown> }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/surveys/{surveyId}/responses",
      tags,
      summary: "Start a response, or record a whole one with finished: true",
      request: { params: SurveyIdParam, body: jsonBody(StartBody) },
      responses: { 201: jsonContent(RespondResultSchema, "Created"), ...standardErrors, ...notFoundError, ...closedOrQuota },
    }),
    async (c) => {
      const { surveyId } = c.req.valid("param");
      const body = c.req.valid("json");
      const userAgent = c.req.header("user-agent") ?? null;
      const channel = body.channel ?? "link";
      if (body.finished === true) {
        const fast = await recordWhole(deps, { surveyId, answers: body.answers, hidden: body.hiddenFields, language: body.language, channel, timings: body.timings, userAgent });
        if (fast) return c.json(fast, 201);
      }
      const result = await inTransaction(deps.db, async (trx) => {
        const pub = await loadPublished(trx, surveyId);
        return startResponse(trx, deps, {
          tenantId: pub.tenantId,
          surveyId,
          channel,
          language: body.language,
          hidden: body.hiddenFields,
          answers: body.answers,
          timings: body.timings,
          finished: body.finished,
          userAgent,
        }, pub);
      });
      return c.json(result, 201);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/public/responses/{responseId}", tags, summary: "Resume a response (Bearer resume token)", request: { params: ResponseIdParam, ...bearer }, responses: { 200: jsonContent(ResponseState), ...notFoundError } }),
    async (c) => {
      const token = tokenOf(c);
      const state = await inTransaction(deps.db, (trx) => readResponse(trx, c.req.valid("param").responseId, token));
      return c.json(state, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/responses/{responseId}/answers",
      tags,
      summary: "Save answers and optionally submit a page (Bearer resume token)",
      request: { params: ResponseIdParam, ...bearer, body: jsonBody(AnswersBody) },
      responses: { 200: jsonContent(RespondResultSchema), ...standardErrors, ...notFoundError, ...closedOrQuota },
    }),
    async (c) => {
      const token = tokenOf(c);
      const body = c.req.valid("json");
      const result = await inTransaction(deps.db, (trx) => saveAnswers(trx, deps, { responseId: c.req.valid("param").responseId, token, ...body }));
      return c.json(result, 200);
    },
  );

  const uploadLimit = bodyLimit({
    maxSize: FILE_MAX_BYTES_CAP,
    onError: (c) => problemResponse(new AppError("payload_too_large", `A file may have at most ${FILE_MAX_BYTES_CAP} bytes`), c),
  });
  app.openapi(
    createRoute({
      method: "post",
      path: "/public/responses/{responseId}/files",
      tags,
      summary: "Upload a file answer: raw body, Content-Type image/jpeg, image/png or application/pdf (checked by content)",
      middleware: [uploadLimit] as const,
      request: {
        params: ResponseIdParam,
        query: z.object({ question: Key.openapi({ description: "The answer key of the file question" }) }),
        ...bearer,
        body: { required: true, description: "The file's bytes (at most the question's maxBytes, never more than 20 MiB)", content: Object.fromEntries(["image/jpeg", "image/png", "application/pdf"].map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }])) },
      },
      responses: { 201: jsonContent(z.object({ fileId: z.uuid(), size: z.number().int(), contentType: z.string() }).openapi("UploadedFile"), "Stored"), ...standardErrors, ...notFoundError, ...closedOrQuota },
    }),
    async (c) => {
      const token = tokenOf(c);
      const data = Buffer.from(await c.req.arrayBuffer());
      const stored = await inTransaction(deps.db, (trx) =>
        storeUpload(trx, deps, { responseId: c.req.valid("param").responseId, token, questionKey: c.req.valid("query").question, contentType: c.req.header("content-type"), data }),
      );
      return c.json(stored, 201);
    },
  );

  return app;
}
