/**
 * Document templates for signing (staff): the built-ins and the PDFs admins upload and place fields on.
 * Reading needs flows:read; uploading and changing need signing:templates.
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../kernel/errors";
import { describeBytes } from "../../kernel/file-types";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { problemResponse, validationError } from "../../server/problem";
import { PRODUCTS } from "../onboarding/flow/types";
import { RENDER_LANGUAGES } from "./render";
import { FIELD_ID, getTemplate, listTemplates, templatePdf, templatePreview, updateTemplate, uploadTemplate } from "./templates";

const tags = ["Signing"];
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });
const pdfResponse = (description: string) => ({ description, content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } });
const Lang = z.enum(RENDER_LANGUAGES as unknown as ["en", "he", "ar", "zh-Hans", "zh-Hant"]);
const Status = z.enum(["draft", "active", "archived"]);
const Role = z.enum(["applicant", "co_applicant", "guarantor"]);
const Kind = z.enum(["signature", "initials", "name", "date", "text", "checkbox"]);

export const PlacedFieldSchema = z
  .strictObject({
    id: z.string().regex(FIELD_ID, "1 to 64 letters, digits, - or _"),
    kind: Kind,
    role: Role,
    page: z.number().int().min(0).openapi({ description: "The page's index, from 0 (the first page is 0)" }),
    x: z.number().min(0).openapi({ description: "PDF points from the page's left edge" }),
    y: z.number().min(0).openapi({ description: "PDF points from the page's bottom edge" }),
    width: z.number().positive(),
    height: z.number().positive(),
    required: z.boolean(),
    label: z.record(z.string(), z.string().max(200)).optional(),
    source: z.string().min(1).max(64).optional().openapi({ description: "Text fields: an application answer's field id or a prefill key (customer.name …)" }),
  })
  .openapi("PlacedField");

const Name = z.record(z.string(), z.string().trim().min(1).max(200)).refine((n) => typeof n.en === "string", { message: "needs at least an English name (en)" });
export const TemplateSummarySchema = z
  .object({
    key: z.string(),
    source: z.enum(["builtin", "upload"]),
    id: z.string().nullable(),
    name: z.record(z.string(), z.string()),
    products: z.array(z.string()),
    languages: z.array(z.string()),
    status: Status,
    version: z.number().int(),
    pageCount: z.number().int().nullable(),
    fieldCount: z.number().int(),
    updatedAt: z.string().nullable(),
  })
  .openapi("SigningTemplateSummary");
export const TemplateSchema = TemplateSummarySchema.extend({
  pages: z.array(z.object({ width: z.number(), height: z.number() })),
  fields: z.array(PlacedFieldSchema),
  sha256: z.string().nullable(),
}).openapi("SigningTemplate");

const KeyParam = z.object({ key: z.string().min(1).max(80).openapi({ param: { name: "key", in: "path" }, description: "builtin-… or upload-…" }) });
const UploadQuery = z.object({
  name: z.string().trim().min(1).max(200).openapi({ description: "The template's name (its English name; rename in other languages with PUT)" }),
  language: Lang.openapi({ description: "The language the PDF is written in" }),
  product: z.enum(PRODUCTS).optional().openapi({ description: "The product it is for" }),
});
/** Documented as required; checked in the handler, after authorization (a refused caller learns nothing about the input). */
const UploadQueryDoc = UploadQuery.partial();

function uploadQuery(c: Context<AppEnv>) {
  const parsed = UploadQuery.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error, "query");
  return parsed.data;
}
const UpdateBody = z
  .strictObject({ name: Name.optional(), product: z.enum(PRODUCTS).nullable().optional(), fields: z.array(PlacedFieldSchema).max(200).optional(), status: Status.optional() })
  .openapi("UpdateSigningTemplate");
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80) || "template";
const pdfHeaders = (name: string) => ({ "content-type": "application/pdf", "content-disposition": `inline; filename="${safeName(name)}.pdf"`, "cache-control": "no-store" });

async function readPdf(c: Context<AppEnv>): Promise<Uint8Array> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new AppError("validation_failed", "Send the PDF as the request body", { issues: [{ path: "body", message: "is empty", code: "required" }] });
  if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") !== "%PDF-") {
    throw new AppError("unsupported_media_type", `Templates must be PDF documents; this is ${describeBytes(bytes)}`, { issues: [{ path: "body", message: "is not a PDF", code: "not_pdf" }] });
  }
  return bytes;
}

export function templateRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const max = deps.config.onboarding.uploadMaxBytes;
  const limit = bodyLimit({
    maxSize: max,
    onError: (c) => problemResponse(new AppError("payload_too_large", `A template may have at most ${max} bytes`, { issues: [{ path: "body", message: `is larger than ${max} bytes`, code: "too_big", params: { maximum: max } }] }), c),
  });

  app.openapi(
    createRoute({ method: "get", path: "/signing/templates", tags, security, summary: "Document templates: the built-ins and the bank's uploads", responses: { 200: jsonContent(z.object({ items: z.array(TemplateSummarySchema) })), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "flows:read");
      return c.json({ items: await listTemplates(deps.db, actor.tenantId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/signing/templates/{key}",
      tags,
      security,
      summary: "A document template with its pages and placed fields",
      description: "Built-in templates show the pages and fields of a sample rendering in English.",
      request: { params: KeyParam },
      responses: { 200: jsonContent(TemplateSchema), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "flows:read");
      return c.json(await getTemplate(deps.db, actor.tenantId, c.req.valid("param").key), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/signing/templates/{key}/preview",
      tags,
      security,
      summary: "Preview a template as a PDF: a built-in filled with sample data, an upload with its fields outlined",
      request: { params: KeyParam, query: z.object({ language: Lang.default("en").openapi({ description: "Built-ins: the language to render in" }) }) },
      responses: { 200: pdfResponse("The preview"), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "flows:read");
      const { key } = c.req.valid("param");
      const pdf = await templatePreview(deps, actor.tenantId, key, c.req.valid("query").language);
      return c.body(Buffer.from(pdf), 200, pdfHeaders(`${key}-preview`));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/signing/templates/{key}/pdf",
      tags,
      security,
      summary: "The uploaded PDF as it was uploaded (for the field editor); built-in templates have none (404)",
      request: { params: KeyParam },
      responses: { 200: pdfResponse("The original PDF"), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "flows:read");
      const { key } = c.req.valid("param");
      const { bytes } = await templatePdf(deps, actor.tenantId, key);
      return c.body(Buffer.from(bytes), 200, pdfHeaders(key));
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/signing/templates",
      tags,
      security,
      summary: "Upload a PDF as a new template (a draft: place fields, then activate it)",
      description: `Query: name and language are required, product optional. The body is the PDF (Content-Type application/pdf, at most ${max} bytes), checked by content. Refused: not a PDF (415), encrypted or damaged (400).`,
      middleware: [limit] as const,
      request: { query: UploadQueryDoc, body: { required: true, description: "The PDF", content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } } },
      responses: { 201: jsonContent(TemplateSchema, "Uploaded (draft)"), ...standardErrors, 413: problem("Larger than the upload limit (payload_too_large)"), 415: problem("Not a PDF (unsupported_media_type)") },
    }),
    async (c) => {
      const actor = need(c, "signing:templates");
      const q = uploadQuery(c);
      const pdf = await readPdf(c);
      const out = await uploadTemplate(deps, auditContext(c, deps.clock.now()), actor, { name: q.name, language: q.language, product: q.product ?? null, pdf });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/signing/templates/{key}",
      tags,
      security,
      summary: "Rename an uploaded template, set its product, place its fields, or change its status",
      description:
        "Fields must lie on a page of the document (pages counted from 0; x, y from the bottom-left in points), with unique ids; `source` only on text fields. " +
        "Activating needs at least one signature field. Changing the fields of an active template gives it a new version (envelopes keep the version they were sent with).",
      request: { params: KeyParam, body: jsonBody(UpdateBody) },
      responses: { 200: jsonContent(TemplateSchema), ...standardErrors, ...notFoundError, 409: problem("A built-in template (wrong_state)") },
    }),
    async (c) => {
      const actor = need(c, "signing:templates");
      const out = await updateTemplate(deps, auditContext(c, deps.clock.now()), actor.tenantId, c.req.valid("param").key, c.req.valid("json"));
      return c.json(out, 200);
    },
  );

  return app;
}
