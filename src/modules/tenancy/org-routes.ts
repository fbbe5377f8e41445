import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { inTransaction } from "../../db";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { recordAudit } from "../audit/record";
import { createBranch, createRegion } from "./commands";

const tags = ["Organisation"];
const code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only");
const name = z.string().trim().min(1).max(200);
export const Branch = z.object({ id: z.uuid(), code: z.string(), name: z.string() }).openapi("Branch");
export const Region = z.object({ id: z.uuid(), code: z.string(), name: z.string(), branches: z.array(Branch) }).openapi("Region");
export const Org = z.object({ regions: z.array(Region) }).openapi("Org");
const SlugParam = z.object({ slug: z.string().min(2).max(63).openapi({ param: { name: "slug", in: "path" } }) });

export function orgRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({ method: "get", path: "/public/tenants/{slug}", tags: ["Public"], summary: "A bank's public name and language (customer pages)", request: { params: SlugParam }, responses: { 200: jsonContent(z.object({ slug: z.string(), name: z.string(), defaultLocale: z.string() })), ...notFoundError } }),
    async (c) => {
      const t = await deps.db.selectFrom("tenants").select(["slug", "name", "default_locale"]).where("slug", "=", c.req.valid("param").slug).executeTakeFirst();
      if (!t) throw new AppError("not_found", "No bank with this identifier");
      return c.json({ slug: t.slug, name: t.name, defaultLocale: t.default_locale }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/public/login-options", tags: ["Public"], summary: "Whether the sign-in form must ask which bank (the server hosts more than one)", responses: { 200: jsonContent(z.object({ tenantRequired: z.boolean() }).openapi("LoginOptions")) } }),
    async (c) => {
      const two = await deps.db.selectFrom("tenants").select("id").limit(2).execute();
      return c.json({ tenantRequired: two.length !== 1 }, 200);
    },
  );

  app.openapi(createRoute({ method: "get", path: "/org", tags, summary: "Regions and their branches", security, responses: { 200: jsonContent(Org), ...standardErrors } }), async (c) => {
    const actor = need(c, "org:read");
    const regions = await deps.db.selectFrom("regions").select(["id", "code", "name"]).where("tenant_id", "=", actor.tenantId).orderBy("code").execute();
    const branches = await deps.db.selectFrom("branches").select(["id", "code", "name", "region_id"]).where("tenant_id", "=", actor.tenantId).orderBy("code").execute();
    return c.json(
      { regions: regions.map((r) => ({ ...r, branches: branches.filter((b) => b.region_id === r.id).map(({ region_id, ...b }) => b) })) },
      200,
    );
  });

  app.openapi(createRoute({ method: "post", path: "/regions", tags, summary: "Add a region", security, request: { body: jsonBody(z.strictObject({ code, name }).openapi("CreateRegion")) }, responses: { 201: jsonContent(Branch, "Created"), ...standardErrors, ...conflictError } }), async (c) => {
    const actor = need(c, "org:write");
    const r = await createRegion(deps.db, auditContext(c, deps.clock.now()), actor.tenantId, c.req.valid("json"));
    return c.json({ id: r.id, code: r.code, name: r.name }, 201);
  });

  app.openapi(createRoute({ method: "patch", path: "/regions/{id}", tags, summary: "Rename a region", security, request: { params: IdParam, body: jsonBody(z.strictObject({ name }).openapi("PatchRegion")) }, responses: { 200: jsonContent(Branch), ...standardErrors, ...notFoundError } }), async (c) => {
    const actor = need(c, "org:write");
    const { id } = c.req.valid("param");
    const now = deps.clock.now();
    const row = await inTransaction(deps.db, async (trx) => {
      const r = await trx.updateTable("regions").set(c.req.valid("json")).where("tenant_id", "=", actor.tenantId).where("id", "=", id).returning(["id", "code", "name"]).executeTakeFirst();
      if (!r) throw new AppError("not_found", "No such region");
      await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "region.updated", subjectType: "region", subjectId: id, data: c.req.valid("json") });
      return r;
    });
    return c.json(row, 200);
  });

  app.openapi(createRoute({ method: "post", path: "/branches", tags, summary: "Add a branch to a region", security, request: { body: jsonBody(z.strictObject({ regionId: z.uuid(), code, name }).openapi("CreateBranch")) }, responses: { 201: jsonContent(Branch, "Created"), ...standardErrors, ...conflictError } }), async (c) => {
    const actor = need(c, "org:write");
    const b = await createBranch(deps.db, auditContext(c, deps.clock.now()), actor.tenantId, c.req.valid("json"));
    return c.json({ id: b.id, code: b.code, name: b.name }, 201);
  });

  app.openapi(createRoute({ method: "patch", path: "/branches/{id}", tags, summary: "Rename a branch or move it to another region", security, request: { params: IdParam, body: jsonBody(z.strictObject({ name: name.optional(), regionId: z.uuid().optional() }).openapi("PatchBranch")) }, responses: { 200: jsonContent(Branch), ...standardErrors, ...notFoundError } }), async (c) => {
    const actor = need(c, "org:write");
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = deps.clock.now();
    const row = await inTransaction(deps.db, async (trx) => {
      if (body.regionId) {
        const region = await trx.selectFrom("regions").select("id").where("tenant_id", "=", actor.tenantId).where("id", "=", body.regionId).executeTakeFirst();
        if (!region) throw new AppError("validation_failed", "Unknown region", { issues: [{ path: "body.regionId", message: "is not a region of this bank", code: "unknown_reference" }] });
      }
      const set = { ...(body.name ? { name: body.name } : {}), ...(body.regionId ? { region_id: body.regionId } : {}) };
      if (Object.keys(set).length === 0) throw new AppError("validation_failed", "Nothing to change", { issues: [{ path: "body", message: "give name or regionId", code: "empty" }] });
      const b = await trx.updateTable("branches").set(set).where("tenant_id", "=", actor.tenantId).where("id", "=", id).returning(["id", "code", "name"]).executeTakeFirst();
      if (!b) throw new AppError("not_found", "No such branch");
      if (body.regionId) {
        // People placed in the branch move with it, so their region scope stays true.
        await trx.updateTable("users").set({ region_id: body.regionId }).where("tenant_id", "=", actor.tenantId).where("branch_id", "=", id).execute();
      }
      await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "branch.updated", subjectType: "branch", subjectId: id, data: body });
      return b;
    });
    return c.json(row, 200);
  });

  return app;
}
