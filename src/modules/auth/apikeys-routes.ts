import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { ROLES, SCOPES } from "../../kernel/access";
import { isoOrNull } from "../../kernel/clock";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../server/pagination";
import { createApiKey, revokeApiKey } from "./apikeys";

const tags = ["API keys"];
export const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    role: z.enum(ROLES),
    scope: z.enum(SCOPES),
    regionId: z.uuid().nullable(),
    branchId: z.uuid().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiKey");
const CreateApiKey = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    scope: z.enum(SCOPES).optional(),
    regionId: z.uuid().nullable().optional(),
    branchId: z.uuid().nullable().optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .openapi("CreateApiKey");

type Row = { id: string; name: string; prefix: string; role: (typeof ROLES)[number]; scope: (typeof SCOPES)[number]; region_id: string | null; branch_id: string | null; created_at: Date; last_used_at: Date | null; expires_at: Date | null; revoked_at: Date | null };
/** Never includes the hash: the key itself is shown once, at creation. */
export const presentApiKey = (r: Row) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  role: r.role,
  scope: r.scope,
  regionId: r.region_id,
  branchId: r.branch_id,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: isoOrNull(r.last_used_at),
  expiresAt: isoOrNull(r.expires_at),
  revokedAt: isoOrNull(r.revoked_at),
});

export function apiKeyRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(createRoute({ method: "get", path: "/api-keys", tags, summary: "API keys of this bank", security, request: { query: PageQuery }, responses: { 200: jsonContent(pageOf(ApiKey)), ...standardErrors } }), async (c) => {
    const actor = need(c, "apikeys:manage");
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, z.tuple([z.uuid()]));
    let q = deps.db.selectFrom("api_keys").selectAll().where("tenant_id", "=", actor.tenantId);
    if (after) q = q.where("id", "<", after[0]);
    const rows = await q.orderBy("id", "desc").limit(limit + 1).execute();
    const page = paginate(rows, limit, (r) => [r.id]);
    return c.json({ items: page.items.map(presentApiKey), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(createRoute({ method: "post", path: "/api-keys", tags, summary: "Create an API key (the key is shown only in this response)", security, request: { body: jsonBody(CreateApiKey) }, responses: { 201: jsonContent(z.object({ apiKey: ApiKey, key: z.string() }), "Created"), ...standardErrors } }), async (c) => {
    const actor = need(c, "apikeys:manage");
    const { key, apiKey } = await createApiKey(deps.db, auditContext(c, deps.clock.now()), actor.tenantId, c.req.valid("json"));
    return c.json({ apiKey: presentApiKey(apiKey), key }, 201);
  });

  app.openapi(createRoute({ method: "delete", path: "/api-keys/{id}", tags, summary: "Revoke an API key", security, request: { params: IdParam }, responses: { 204: { description: "Revoked" }, ...standardErrors, ...notFoundError } }), async (c) => {
    const actor = need(c, "apikeys:manage");
    await revokeApiKey(deps.db, auditContext(c, deps.clock.now()), actor.tenantId, c.req.valid("param").id);
    return c.body(null, 204);
  });

  return app;
}
