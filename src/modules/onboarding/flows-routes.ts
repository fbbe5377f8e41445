/**
 * Flows and products: the back-office flow editor's API (draft, publish, discard, versions) and the
 * public product list of a bank. Product ids in the URL are checked after the permission, so an
 * unknown product is a 404 for those allowed to look and a 403 for everyone else.
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import { inTransaction } from "../../db";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, jsonBody, jsonContent, notFoundError, ProblemSchema, security, standardErrors, z } from "../../server/openapi";
import { FlowDefinitionInput, flowZodIssues, parseFlow } from "./flow/schema";
import { type FlowDefinition, PRODUCTS } from "./flow/types";
import { discardDraft, flowVersionDetail, getFlow, listProducts, productOf, publicProducts, publishFlow, saveDraft, updateFlow } from "./flows";

const tags = ["Onboarding"];
const Text = z.record(z.string(), z.string()).openapi("FlowTextOut", { description: "A string per language" });
/** Typed as FlowDefinition for the contract check; documented as an object (the shape is types.ts). */
const FlowDefinitionOut = z
  .custom<FlowDefinition>((v) => typeof v === "object" && v !== null && !Array.isArray(v))
  .openapi("FlowDefinition", { type: "object", description: "The normalised flow definition (src/modules/onboarding/flow/types.ts)" });
const ProductId = z.enum(PRODUCTS).openapi("ProductId");
export const FlowProblem = z.object({ path: z.string(), message: z.string(), code: z.string(), severity: z.enum(["error", "warning"]) }).openapi("FlowProblem");
export const Flow = z
  .object({
    product: ProductId,
    name: z.string(),
    active: z.boolean(),
    draft: FlowDefinitionOut,
    draftChanged: z.boolean(),
    publishedVersion: z.number().int().nullable(),
    problems: z.array(FlowProblem),
    updatedAt: z.string(),
  })
  .openapi("Flow");
export const Product = z
  .object({
    id: ProductId,
    title: Text,
    description: Text.nullable(),
    active: z.boolean(),
    publishedVersion: z.number().int().nullable(),
    draftChanged: z.boolean(),
    minutes: z.number().int(),
    versions: z.array(z.object({ version: z.number().int(), publishedAt: z.string() })),
  })
  .openapi("Product");
export const Published = z.object({ product: ProductId, version: z.number().int(), publishedAt: z.string() }).openapi("FlowPublished");
export const VersionDetail = Published.extend({ definition: FlowDefinitionOut }).openapi("FlowVersion");
export const PublicProducts = z
  .object({ bank: z.object({ slug: z.string(), name: z.string() }), items: z.array(z.object({ id: ProductId, title: Text, description: Text.nullable(), minutes: z.number().int() })) })
  .openapi("PublicProducts");

const ProductParam = z.object({ product: z.string().max(64).openapi({ param: { name: "product", in: "path" }, description: PRODUCTS.join(", ") }) });
const VersionParams = ProductParam.extend({ version: z.string().max(64).openapi({ param: { name: "version", in: "path" }, description: "1, 2, …" }) });
const SlugParam = z.object({ slug: z.string().min(2).max(63).openapi({ param: { name: "slug", in: "path" } }) });
const PutDraft = z.strictObject({ definition: FlowDefinitionInput }).openapi("PutFlowDraft");
const PatchFlow = z.strictObject({ active: z.boolean().optional(), name: z.string().trim().min(1).max(200).optional() }).openapi("PatchFlow");
const FlowInvalid = { 422: { description: "The flow has errors (flow_invalid; `errors` lists them with paths into the definition)", content: { "application/problem+json": { schema: ProblemSchema } } } };

/** Body problems with the flow schema's own codes; unknown fields of the wrapper alone are unknown_field. */
function draftHook(result: { success: boolean; error?: unknown; target?: string }) {
  if (result.success) return;
  const issues = flowZodIssues(result.error as ZodError, result.target === "json" || result.target === undefined ? "body" : result.target);
  const wrapperOnly = issues.every((i) => i.code === "unknown_field" && !i.path.startsWith("body.definition"));
  throw new AppError(wrapperOnly ? "unknown_field" : "validation_failed", `${issues.length} problem(s): ${issues.slice(0, 5).map((i) => i.path).join(", ")}`, { issues });
}

export function flowRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({ method: "get", path: "/products", tags, summary: "The bank's products with their published flow versions", security, responses: { 200: jsonContent(z.object({ items: z.array(Product) })), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "flows:read");
      return c.json({ items: await listProducts(deps.db, actor.tenantId, deps.clock.now()) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/flows/{product}", tags, summary: "A product's flow: its draft and the problems it has", security, request: { params: ProductParam }, responses: { 200: jsonContent(Flow), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "flows:read");
      return c.json(await getFlow(deps.db, actor.tenantId, productOf(c.req.valid("param").product), deps.clock.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/flows/{product}/draft",
      tags,
      summary: "Replace the draft (published versions never change); logic problems come back in `problems`",
      security,
      request: { params: ProductParam, body: jsonBody(PutDraft) },
      responses: { 200: jsonContent(Flow), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "flows:write");
      const product = productOf(c.req.valid("param").product);
      const definition = parseFlow(c.req.valid("json").definition, "body.definition");
      const flow = await inTransaction(deps.db, (trx) => saveDraft(trx, auditContext(c, deps.clock.now()), actor.tenantId, product, definition));
      return c.json(flow, 200);
    },
    draftHook as never,
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/flows/{product}/publish",
      tags,
      summary: "Publish the draft as a new immutable version (409 when nothing changed)",
      security,
      request: { params: ProductParam },
      responses: { 200: jsonContent(Published), ...standardErrors, ...notFoundError, ...conflictError, ...FlowInvalid },
    }),
    async (c) => {
      const actor = need(c, "flows:write");
      const product = productOf(c.req.valid("param").product);
      return c.json(await inTransaction(deps.db, (trx) => publishFlow(trx, auditContext(c, deps.clock.now()), actor.tenantId, product)), 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/flows/{product}/discard", tags, summary: "Put the draft back to the published version", security, request: { params: ProductParam }, responses: { 200: jsonContent(Flow), ...standardErrors, ...notFoundError, ...conflictError } }),
    async (c) => {
      const actor = need(c, "flows:write");
      const product = productOf(c.req.valid("param").product);
      return c.json(await inTransaction(deps.db, (trx) => discardDraft(trx, auditContext(c, deps.clock.now()), actor.tenantId, product)), 200);
    },
  );

  app.openapi(
    createRoute({ method: "patch", path: "/flows/{product}", tags, summary: "Offer or withdraw a product; rename its flow", security, request: { params: ProductParam, body: jsonBody(PatchFlow) }, responses: { 200: jsonContent(Flow), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "flows:write");
      const product = productOf(c.req.valid("param").product);
      const patch = c.req.valid("json");
      return c.json(await inTransaction(deps.db, (trx) => updateFlow(trx, auditContext(c, deps.clock.now()), actor.tenantId, product, patch)), 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/flows/{product}/versions/{version}", tags, summary: "One published version of a product's flow", security, request: { params: VersionParams }, responses: { 200: jsonContent(VersionDetail), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "flows:read");
      const { product, version } = c.req.valid("param");
      return c.json(await flowVersionDetail(deps.db, actor.tenantId, productOf(product), version), 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/public/banks/{slug}/products", tags, summary: "A bank's products a customer can apply for (title, description, minutes)", request: { params: SlugParam }, responses: { 200: jsonContent(PublicProducts), ...notFoundError } }),
    async (c) => c.json(await publicProducts(deps.db, c.req.valid("param").slug, deps.clock.now()), 200),
  );

  return app;
}
