import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../../server/deps";
import type { AppEnv } from "../../../server/env";
import { auditContext, need } from "../../../server/guard";
import { jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../../server/openapi";
import { DEFAULT_DEFINITION } from "../model/definition";
import { DefinitionBody, type DefinitionRow, definitionOf, deleteDefinition, listDefinitionRows, loadDefinitions, REBUILD_JOB, requestRebuild, saveDefinition } from "./definitions";
import { FilterQuery, ProductCode, rangeOf } from "./filters";
import { computeFunnel, MAX_STEPS, MIN_STEPS, parseSteps } from "./funnel";
import { journeyMap } from "./journey-map";
import { DefinitionsSchema, FunnelSchema, JourneyMapSchema, StoredDefinitionSchema } from "./schemas";

const tags = ["Journey analytics"];
/** Funnels and maps without a range show the last 30 days (today included, UTC). */
const DEFAULT_DAYS = 30;
const DEFAULT_STEPS = DEFAULT_DEFINITION.stages.join(",");
const RANGE_NOTE = `Journeys belong to the range by their start day (UTC; from/to inclusive; default the last ${DEFAULT_DAYS} days). Filters: product, channel (the start channel), region, branch, agent, segment. Scoped like the rest: region, branch or own readers see only their journeys.`;

const ProductParam = z.object({ product: ProductCode.openapi({ param: { name: "product", in: "path" }, description: "A product code (any system's), or * for every product", example: "checking" }) });
const FunnelQuery = FilterQuery.extend({
  steps: z
    .string()
    .max(4000)
    .default(DEFAULT_STEPS)
    .openapi({ description: `${MIN_STEPS}–${MAX_STEPS} comma-separated steps in order: a milestone ("started", "submitted" …, = "stage:<m>"), "step:<id>" or "event:<name>". Default ${DEFAULT_STEPS}`, example: "started,step:identity,submitted,funded" }),
  windowDays: z.coerce.number().int().min(1).max(365).default(30).openapi({ description: "Conversion window from step 1, in days (1–365, default 30)" }),
});

const presentStored = (r: DefinitionRow) => ({ product: r.product, version: r.version, updatedAt: new Date(r.updated_at).toISOString(), updatedBy: r.updated_by, definition: definitionOf(r) });

export function analysisRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const db = deps.db;
  const ctx = (c: Parameters<typeof auditContext>[0]) => auditContext(c, deps.clock.now());

  app.openapi(
    createRoute({
      method: "get",
      path: "/funnels",
      tags,
      summary: "Conversion funnel over ordered steps",
      description: `Per step: journeys that entered it, conversion from the first and from the previous step (Wilson 95 % intervals), median and p90 hours from the previous step; and the step that lost the most. A later step counts only when reached no earlier than the previous one and no later than step 1 + windowDays (exactly at the end counts). Computed from the journeys' first reach times. ${RANGE_NOTE}`,
      security,
      request: { query: FunnelQuery },
      responses: { 200: jsonContent(FunnelSchema), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "kpis:read");
      const { steps, windowDays, ...f } = c.req.valid("query");
      const parsed = parseSteps(steps);
      const range = rangeOf(f, deps.clock.now(), DEFAULT_DAYS) as NonNullable<ReturnType<typeof rangeOf>>;
      return c.json(await computeFunnel(db, actor, f, range, parsed, windowDays), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/journey-maps/{product}",
      tags,
      summary: "A product's journey map",
      description: `The product's definition (its own, else the bank's *, else the built-in one) with, per stage and touchpoint: volume, drop-off, median hours from the start, and NPS (adjusted-Wald interval), CSAT and CES of the answers tied to it; per step: completion from the previous step and the fields most often left. Served from the journey-map rollup. ${RANGE_NOTE}`,
      security,
      request: { params: ProductParam, query: FilterQuery.omit({ product: true }) },
      responses: { 200: jsonContent(JourneyMapSchema), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "kpis:read");
      const { product } = c.req.valid("param");
      const f = c.req.valid("query");
      const range = rangeOf(f, deps.clock.now(), DEFAULT_DAYS) as NonNullable<ReturnType<typeof rangeOf>>;
      return c.json(await journeyMap(db, actor, product, f, range, await loadDefinitions(db, actor.tenantId)), 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/journey-definitions", tags, summary: "The bank's journey definitions", description: "The definitions the bank stored (per product, * = every product without its own) and the one that applies to products without any.", security, responses: { 200: jsonContent(DefinitionsSchema), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "kpis:read");
      const rows = await listDefinitionRows(db, actor.tenantId);
      const star = rows.find((r) => r.product === "*");
      return c.json({ items: rows.map(presentStored), effectiveDefault: { builtIn: !star, definition: star ? definitionOf(star) : DEFAULT_DEFINITION } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/journey-definitions/{product}",
      tags,
      summary: "Save a product's journey definition",
      description: "Replaces the product's definition (version + 1) and records it in the audit log. Journeys already folded keep the old definition until a rebuild (POST /journey-definitions/rebuild).",
      security,
      request: { params: ProductParam, body: jsonBody(DefinitionBody) },
      responses: { 200: jsonContent(StoredDefinitionSchema), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "journeys:manage");
      const row = await saveDefinition(db, ctx(c), actor.tenantId, c.req.valid("param").product, c.req.valid("json"));
      return c.json(presentStored(row), 200);
    },
  );

  app.openapi(
    createRoute({ method: "delete", path: "/journey-definitions/{product}", tags, summary: "Back to the default definition", description: "Deletes the product's own definition (audited); the product falls back to the bank's * definition, else the built-in one. 404 when it has none.", security, request: { params: ProductParam }, responses: { 204: { description: "Deleted" }, ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "journeys:manage");
      await deleteDefinition(db, ctx(c), actor.tenantId, c.req.valid("param").product);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/journey-definitions/rebuild",
      tags,
      summary: "Rebuild journeys and rollups",
      description: `Queues the job ${REBUILD_JOB}, which refolds every journey of the bank under the current definitions. One rebuild waits at a time: asking again while one is queued or running returns that job. Audited.`,
      security,
      responses: { 202: jsonContent(z.object({ jobId: z.uuid() }), "Queued"), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "journeys:manage");
      return c.json({ jobId: await requestRebuild(db, ctx(c), actor.tenantId) }, 202);
    },
  );

  return app;
}
