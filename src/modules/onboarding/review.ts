/**
 * The review queue: applications in the actor's data scope with filters (status, product, branch,
 * assignee, risk, age, SLA breached, text), keyset-paginated in three orders; and assignment.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { inTransaction } from "../../db";
import type { DB as Database } from "../../db/schema";
import type { ProductKey } from "../../db/schema-onboarding";
import { type Actor, can, scopeFilter } from "../../kernel/access";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import { decodeCursor, paginate } from "../../server/pagination";
import { z } from "../../server/openapi";
import { type AuditContext, recordAudit } from "../audit/record";
import { staffActor } from "./documents-review";
import { progress } from "./flow/logic";
import type { Answers } from "./flow/types";
import { APPLICATION_SCOPE, applicationFlow, applicationForActor } from "./store";
import { type ApplicationRow, recordTimeline } from "./timeline";

export { APPLICATION_STATUSES } from "./store";
/** Not decided yet: the review SLA runs. */
export const AWAITING_DECISION = ["submitted", "info_requested"] as const;

export interface ListFilters {
  status?: string[];
  product?: ProductKey;
  branchId?: string;
  assignee?: string;
  risk?: "low" | "medium" | "high";
  olderThanHours?: number;
  slaBreached?: boolean;
  q?: string;
  sort: "sla" | "updated" | "submitted";
  cursor?: string;
  limit: number;
}

const Cursor = z.tuple([z.string().max(40), z.uuid()]);
type Eb = ExpressionBuilder<Database, "applications">;

/** Sort key per order, with NULLs mapped to ±infinity so the keyset comparison stays total. */
const SORTS = {
  sla: { key: sql<string>`coalesce(applications.sla_due_at, 'infinity'::timestamptz)`, dir: "asc" as const },
  updated: { key: sql<string>`applications.updated_at`, dir: "desc" as const },
  submitted: { key: sql<string>`coalesce(applications.submitted_at, '-infinity'::timestamptz)`, dir: "desc" as const },
};

export async function listApplications(deps: Deps, actor: Actor, f: ListFilters) {
  const now = deps.clock.now();
  const sort = SORTS[f.sort];
  const after = decodeCursor(f.cursor, Cursor);
  const where: Array<(eb: Eb) => Expression<SqlBool>> = [];
  if (f.status?.length) where.push((eb) => eb("applications.status", "in", f.status as never));
  if (f.product) where.push((eb) => eb("applications.product", "=", f.product as ProductKey));
  if (f.branchId) where.push((eb) => eb("applications.branch_id", "=", f.branchId as string));
  if (f.assignee === "me") where.push((eb) => eb("applications.assignee_id", "=", actor.id));
  else if (f.assignee === "none") where.push((eb) => eb("applications.assignee_id", "is", null));
  else if (f.assignee) where.push((eb) => eb("applications.assignee_id", "=", f.assignee as string));
  if (f.risk) where.push((eb) => eb("applications.risk", "=", f.risk as "low"));
  if (f.olderThanHours !== undefined) where.push((eb) => eb("applications.created_at", "<=", new Date(now.getTime() - (f.olderThanHours as number) * 3_600_000)));
  if (f.slaBreached !== undefined) {
    where.push((eb) => {
      const breached = eb.and([eb("applications.status", "in", [...AWAITING_DECISION]), eb("applications.sla_due_at", "<", now)]);
      return f.slaBreached ? breached : eb.not(breached);
    });
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push((eb) =>
      eb.or([
        eb("applications.reference", "ilike", like),
        eb("applications.customer_name", "ilike", like),
        eb("applications.customer_email", "ilike", like),
        eb("applications.customer_phone", "ilike", like),
        eb("applications.customer_ref", "=", f.q as string),
      ]),
    );
  }
  if (after) {
    const [k, id] = after;
    const op = sort.dir === "asc" ? sql.raw(">") : sql.raw("<");
    where.push(() => sql<SqlBool>`(${sort.key}, applications.id) ${op} (${k}::timestamptz, ${id}::uuid)`);
  }
  let q = deps.db
    .selectFrom("applications")
    .leftJoin("users as assignee", (j) => j.onRef("assignee.tenant_id", "=", "applications.tenant_id").onRef("assignee.id", "=", "applications.assignee_id"))
    .select([
      "applications.id",
      "applications.tenant_id",
      "applications.reference",
      "applications.product",
      "applications.flow_version",
      "applications.status",
      "applications.customer_name",
      "applications.channel",
      "applications.branch_id",
      "applications.agent_id",
      "applications.assignee_id",
      "assignee.name as assignee_name",
      "applications.risk",
      "applications.edd_required",
      "applications.current_step",
      "applications.answers",
      "applications.completed_steps",
      "applications.last_activity_at",
      "applications.created_at",
      "applications.submitted_at",
      "applications.sla_due_at",
      sql<string>`(${sort.key})::text`.as("sort_key"),
    ])
    .where("applications.tenant_id", "=", actor.tenantId)
    .where(scopeFilter(actor, APPLICATION_SCOPE));
  for (const w of where) q = q.where(w);
  const rows = await q.orderBy(sort.key, sort.dir).orderBy("applications.id", sort.dir).limit(f.limit + 1).execute();
  const page = paginate(rows, f.limit, (r) => [r.sort_key, r.id]);
  const items = [];
  for (const r of page.items) {
    // The flow as the customer answers it (enhanced-due-diligence steps included); extensions read edd_required.
    const def = await applicationFlow(deps.db, r as unknown as ApplicationRow);
    const p = progress(def, r.answers as Answers, (r.completed_steps as string[]) ?? []);
    const awaiting = (AWAITING_DECISION as readonly string[]).includes(r.status);
    items.push({
      id: r.id,
      reference: r.reference,
      product: r.product,
      status: r.status,
      customerName: r.customer_name,
      channel: r.channel,
      branchId: r.branch_id,
      agentId: r.agent_id,
      assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? "" } : null,
      risk: r.risk,
      currentStep: r.current_step,
      progress: { index: p.index, total: p.total },
      lastActivityAt: r.last_activity_at.toISOString(),
      createdAt: r.created_at.toISOString(),
      submittedAt: r.submitted_at?.toISOString() ?? null,
      slaDueAt: r.sla_due_at?.toISOString() ?? null,
      slaBreached: awaiting && r.sla_due_at !== null && r.sla_due_at < now,
      ageHours: Math.max(0, Math.floor((now.getTime() - r.created_at.getTime()) / 3_600_000)),
    });
  }
  return { items, nextCursor: page.nextCursor };
}

/** Sets or clears the reviewer in charge; the assignee must be an active user who may review it. */
export async function assignApplication(deps: Deps, audit: AuditContext, actor: Actor, id: string, assigneeId: string | null) {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const app = await applicationForActor(trx, actor, id, { forUpdate: true });
    let assignee: { id: string; name: string } | null = null;
    if (assigneeId) {
      const user = await trx
        .selectFrom("users")
        .select(["id", "name", "role", "scope", "region_id", "branch_id", "status", "email", "locale"])
        .where("tenant_id", "=", actor.tenantId)
        .where("id", "=", assigneeId)
        .executeTakeFirst();
      const bad = (message: string, code: string) => new AppError("validation_failed", `The assignee ${message}`, { issues: [{ path: "body.assigneeId", message, code }] });
      if (user?.status !== "active") throw bad("is not an active user of this bank", "unknown_user");
      const asActor: Actor = { kind: "user", tenantId: actor.tenantId, id: user.id, label: user.email, role: user.role, scope: user.scope, regionId: user.region_id, branchId: user.branch_id, locale: user.locale };
      if (!can(asActor, "applications:review")) throw bad("may not review applications", "cannot_review");
      const visible = await trx
        .selectFrom("applications")
        .select("id")
        .where("tenant_id", "=", app.tenant_id)
        .where("id", "=", app.id)
        .where(scopeFilter(asActor, APPLICATION_SCOPE))
        .executeTakeFirst();
      if (!visible) throw bad("cannot see this application (outside their data scope)", "out_of_scope");
      assignee = { id: user.id, name: user.name };
    }
    await trx.updateTable("applications").set({ assignee_id: assignee?.id ?? null, updated_at: now }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).execute();
    await recordTimeline(trx, now, app, { type: "assigned", ...staffActor(actor), data: { assigneeId: assignee?.id ?? null, assigneeName: assignee?.name ?? null } });
    await recordAudit(trx, audit, { tenantId: app.tenant_id, action: "application.assigned", subjectType: "application", subjectId: app.id, data: { assigneeId: assignee?.id ?? null, previous: app.assignee_id } });
    return { id: app.id, assignee };
  });
}
