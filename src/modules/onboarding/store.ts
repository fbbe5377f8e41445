/** Loading applications and flow versions: tenant first, then the actor's data scope. */
import { extendFlow } from "./steps";
import type { Executor, Trx } from "../../db";
import { type Actor, scopeFilter } from "../../kernel/access";
import { AppError, notFound } from "../../kernel/errors";
import type { ProductKey } from "../../db/schema-onboarding";
import type { FlowDefinition } from "./flow/types";
import type { ApplicationRow } from "./timeline";

/** Applications carry region, branch and the creating agent: the scope columns. */
export const APPLICATION_SCOPE = { region: "applications.region_id", branch: "applications.branch_id", owner: "applications.agent_id" } as const;

/**
 * The application as the actor may see it: another tenant's id reads as not found; one of this
 * tenant outside the actor's region / branch / own scope is refused as out_of_scope.
 * With `forUpdate` (inside a transaction) the row is locked until commit.
 */
export async function applicationForActor(db: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<ApplicationRow> {
  let q = db.selectFrom("applications").selectAll().where("tenant_id", "=", actor.tenantId).where("id", "=", id);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("Application");
  const inScope = await db
    .selectFrom("applications")
    .select("id")
    .where("tenant_id", "=", actor.tenantId)
    .where("id", "=", id)
    .where(scopeFilter(actor, APPLICATION_SCOPE))
    .executeTakeFirst();
  if (!inScope) throw new AppError("out_of_scope", "This application belongs to a branch or region outside your data scope");
  return row;
}

/** By tenant and id, no scope (jobs, customer sessions). */
export async function applicationById(db: Executor, tenantId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<ApplicationRow> {
  let q = db.selectFrom("applications").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("Application");
  return row;
}

const versions = new Map<string, FlowDefinition>();

/** A published flow version (immutable, so cached per process). */
export async function flowVersion(db: Executor, tenantId: string, product: ProductKey, version: number): Promise<FlowDefinition> {
  const key = `${tenantId}/${product}/${version}`;
  const hit = versions.get(key);
  if (hit) return hit;
  const row = await db
    .selectFrom("flow_versions")
    .select("definition")
    .where("tenant_id", "=", tenantId)
    .where("product", "=", product)
    .where("version", "=", version)
    .executeTakeFirst();
  if (!row) throw notFound("Flow version");
  const def = row.definition as unknown as FlowDefinition;
  if (versions.size > 500) versions.clear();
  versions.set(key, def);
  return def;
}

/** The flow an application answers: its published version, extended for it (steps.ts extendFlow). */
export const applicationFlow = async (db: Executor, app: ApplicationRow) => extendFlow(await flowVersion(db, app.tenant_id, app.product, app.flow_version), app);

export const APPLICATION_STATUSES = ["created", "in_progress", "abandoned", "submitted", "info_requested", "approved", "rejected", "funded", "cancelled"] as const;

/** Statuses in which the customer may still change answers and documents. */
export const CUSTOMER_EDITABLE = new Set(["created", "in_progress", "abandoned", "info_requested"]);

export function assertCustomerEditable(app: ApplicationRow): void {
  if (!CUSTOMER_EDITABLE.has(app.status)) {
    throw new AppError("wrong_state", `The application is ${app.status} and can no longer be changed`);
  }
}

export type { Trx };
