import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { ROLES, SCOPES, scopeFilter } from "../../kernel/access";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../server/pagination";
import { assertPasswordPolicy } from "../auth/recovery";
import { createUser, LOCALES, resolvePlacement } from "./commands";
import { createInvitation, revokeInvitation } from "./invitations";
import { InvitationSchema, presentInvitation, presentUser, UserSchema } from "./presenter";
import { assertWithinActorScope, findScopedUser, resetTwoFactor, unlockUser, updateUser, USER_SCOPE_COLUMNS } from "./users";

const tags = ["Users"];
const placement = {
  role: z.enum(ROLES),
  scope: z.enum(SCOPES),
  regionId: z.uuid().nullable().optional(),
  branchId: z.uuid().nullable().optional(),
  locale: z.enum(LOCALES).optional(),
};
const CreateUser = z.strictObject({ email: z.email().max(254), name: z.string().trim().min(1).max(200), password: z.string().min(1).max(1024), ...placement }).openapi("CreateUser");
const PatchUser = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    scope: z.enum(SCOPES).optional(),
    regionId: z.uuid().nullable().optional(),
    branchId: z.uuid().nullable().optional(),
    status: z.enum(["active", "disabled"]).optional(),
  })
  .openapi("PatchUser");
const CreateInvitation = z.strictObject({ email: z.email().max(254), name: z.string().trim().min(1).max(200), ...placement }).openapi("CreateInvitation");
const UserQuery = PageQuery.extend({ q: z.string().trim().max(100).optional().openapi({ description: "Part of a name or email" }), role: z.enum(ROLES).optional() });

export function userRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(createRoute({ method: "get", path: "/users", tags, summary: "Users inside my data scope", security, request: { query: UserQuery }, responses: { 200: jsonContent(pageOf(UserSchema)), ...standardErrors } }), async (c) => {
    const actor = need(c, "users:read");
    const { limit, cursor, q, role } = c.req.valid("query");
    const after = decodeCursor(cursor, z.tuple([z.uuid()]));
    let query = deps.db.selectFrom("users").selectAll().where("tenant_id", "=", actor.tenantId).where(scopeFilter(actor, USER_SCOPE_COLUMNS));
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`).toLowerCase()}%`;
      query = query.where((eb) => eb.or([eb(eb.fn("lower", ["name"]), "like", like), eb("email", "like", like)]));
    }
    if (role) query = query.where("role", "=", role);
    if (after) query = query.where("id", "<", after[0]);
    const rows = await query.orderBy("id", "desc").limit(limit + 1).execute();
    const page = paginate(rows, limit, (r) => [r.id]);
    return c.json({ items: page.items.map((u) => presentUser(u, actor, deps.clock.now())), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(createRoute({ method: "post", path: "/users", tags, summary: "Create a user with a password (invitations are the usual way)", security, request: { body: jsonBody(CreateUser) }, responses: { 201: jsonContent(UserSchema, "Created"), ...standardErrors, ...conflictError } }), async (c) => {
    const actor = need(c, "users:write");
    const body = c.req.valid("json");
    assertPasswordPolicy(body.password, body.email, "body.password");
    assertWithinActorScope(actor, { scope: body.scope, ...(await resolvePlacement(deps.db, actor.tenantId, body)) });
    const user = await createUser(deps.db, auditContext(c, deps.clock.now()), actor.tenantId, body, deps.config.argon2MemoryKib);
    return c.json(presentUser(user, actor, deps.clock.now()), 201);
  });

  app.openapi(createRoute({ method: "get", path: "/users/{id}", tags, summary: "One user", security, request: { params: IdParam }, responses: { 200: jsonContent(UserSchema), ...standardErrors, ...notFoundError } }), async (c) => {
    const actor = need(c, "users:read");
    return c.json(presentUser(await findScopedUser(deps, actor, c.req.valid("param").id), actor, deps.clock.now()), 200);
  });

  app.openapi(createRoute({ method: "patch", path: "/users/{id}", tags, summary: "Change a user's role, scope, placement or status", security, request: { params: IdParam, body: jsonBody(PatchUser) }, responses: { 200: jsonContent(UserSchema), ...standardErrors, ...notFoundError, ...conflictError } }), async (c) => {
    const actor = need(c, "users:write");
    const row = await updateUser(deps, auditContext(c, deps.clock.now()), actor, c.req.valid("param").id, c.req.valid("json"));
    return c.json(presentUser(row, actor, deps.clock.now()), 200);
  });

  app.openapi(createRoute({ method: "post", path: "/users/{id}/unlock", tags, summary: "End a lockout after failed sign-ins", security, request: { params: IdParam }, responses: { 200: jsonContent(UserSchema), ...standardErrors, ...notFoundError } }), async (c) => {
    const actor = need(c, "users:write");
    return c.json(presentUser(await unlockUser(deps, auditContext(c, deps.clock.now()), actor, c.req.valid("param").id), actor, deps.clock.now()), 200);
  });

  app.openapi(createRoute({ method: "post", path: "/users/{id}/totp/reset", tags, summary: "Turn off someone's two-step verification (lost phone); ends their sessions and emails them", security, request: { params: IdParam }, responses: { 200: jsonContent(UserSchema), ...standardErrors, ...notFoundError, ...conflictError } }), async (c) => {
    const actor = need(c, "users:write");
    const now = deps.clock.now();
    return c.json(presentUser(await resetTwoFactor(deps, auditContext(c, now), actor, c.req.valid("param").id), actor, now), 200);
  });

  app.openapi(createRoute({ method: "get", path: "/invitations", tags, summary: "Invitations of this bank", security, request: { query: PageQuery }, responses: { 200: jsonContent(pageOf(InvitationSchema)), ...standardErrors } }), async (c) => {
    const actor = need(c, "users:write");
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, z.tuple([z.uuid()]));
    let query = deps.db.selectFrom("invitations").selectAll().where("tenant_id", "=", actor.tenantId).where(scopeFilter(actor, { region: "region_id", branch: "branch_id", owner: "invited_by" }));
    if (after) query = query.where("id", "<", after[0]);
    const rows = await query.orderBy("id", "desc").limit(limit + 1).execute();
    const page = paginate(rows, limit, (r) => [r.id]);
    return c.json({ items: page.items.map(presentInvitation), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(createRoute({ method: "post", path: "/invitations", tags, summary: "Invite a person by email", security, request: { body: jsonBody(CreateInvitation) }, responses: { 201: jsonContent(InvitationSchema, "Created"), ...standardErrors, ...conflictError } }), async (c) => {
    const actor = need(c, "users:write");
    const body = c.req.valid("json");
    assertWithinActorScope(actor, { scope: body.scope, ...(await resolvePlacement(deps.db, actor.tenantId, body)) });
    const { invitation } = await createInvitation(deps, auditContext(c, deps.clock.now()), actor.tenantId, body);
    return c.json(presentInvitation(invitation), 201);
  });

  app.openapi(createRoute({ method: "delete", path: "/invitations/{id}", tags, summary: "Withdraw an open invitation", security, request: { params: IdParam }, responses: { 204: { description: "Withdrawn" }, ...standardErrors, ...notFoundError } }), async (c) => {
    const actor = need(c, "users:write");
    await revokeInvitation(deps, auditContext(c, deps.clock.now()), actor.tenantId, c.req.valid("param").id);
    return c.body(null, 204);
  });

  return app;
}
