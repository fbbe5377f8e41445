import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Selectable } from "kysely";
import type { AuditLogTable } from "../../db/schema";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { need } from "../../server/guard";
import { jsonContent, security, standardErrors, z } from "../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../server/pagination";
import { verifyAuditChain } from "./verify";

export const AuditEntrySchema = z
  .object({
    seq: z.number().int().openapi({ description: "Position in the bank's hash chain, from 1" }),
    id: z.uuid(),
    at: z.string().openapi({ format: "date-time" }),
    actorType: z.enum(["user", "api_key", "system", "anonymous"]),
    actorId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    action: z.string().openapi({ example: "user.created" }),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    hash: z.string().openapi({ description: "SHA-256 of this entry and prevHash" }),
    prevHash: z.string(),
  })
  .openapi("AuditEntry");

export const VerifySchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    firstBroken: z
      .object({ seq: z.number().int(), id: z.string(), reason: z.enum(["hash_mismatch", "link_broken", "sequence_gap"]) })
      .nullable(),
  })
  .openapi("AuditVerification");

export function presentAuditEntry(r: Selectable<AuditLogTable>): z.infer<typeof AuditEntrySchema> {
  return {
    seq: Number(r.seq),
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    ip: r.ip,
    requestId: r.request_id,
    data: r.data,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

const AuditQuery = PageQuery.extend({
  action: z
    .string()
    .regex(/^[a-z0-9_.]+(\.\*)?$/i, "is an action like user.created, or a prefix like auth.*")
    .max(100)
    .optional()
    .openapi({ description: "Exact action, or a prefix ending in `.*` (e.g. `auth.*`)" }),
  actorId: z.uuid().optional(),
});
const AuditCursor = z.tuple([z.number().int().positive()]);

const listAudit = createRoute({
  method: "get",
  path: "/audit",
  tags: ["Audit"],
  summary: "Your bank's audit log, newest first",
  security,
  request: { query: AuditQuery },
  responses: { 200: jsonContent(pageOf(AuditEntrySchema)), ...standardErrors },
});

const verifyAudit = createRoute({
  method: "get",
  path: "/audit/verify",
  tags: ["Audit"],
  summary: "Recompute your bank's audit hash chain and report the first broken entry",
  security,
  responses: { 200: jsonContent(VerifySchema), ...standardErrors },
});

export function auditRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(listAudit, async (c) => {
    const actor = need(c, "audit:read");
    const q = c.req.valid("query");
    const after = decodeCursor(q.cursor, AuditCursor);
    let query = deps.db
      .selectFrom("audit_log")
      .selectAll()
      .where("tenant_id", "=", actor.tenantId)
      .orderBy("seq", "desc")
      .limit(q.limit + 1);
    if (after) query = query.where("seq", "<", after[0]);
    if (q.actorId) query = query.where("actor_id", "=", q.actorId);
    if (q.action?.endsWith(".*")) query = query.where("action", "like", `${q.action.slice(0, -1).replace(/_/g, "\\_")}%`);
    else if (q.action) query = query.where("action", "=", q.action);
    const page = paginate(await query.execute(), q.limit, (r) => [Number(r.seq)]);
    return c.json({ items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(verifyAudit, async (c) => {
    const actor = need(c, "audit:read");
    const result = await verifyAuditChain(deps.db, actor.tenantId);
    return c.json({ ok: result.ok, checked: result.checked, firstBroken: result.firstBroken }, 200);
  });

  return app;
}
