import { inTransaction } from "../../db";
import type { Role, ScopeKind } from "../../db/schema";
import { type Actor, scopeFilter } from "../../kernel/access";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import { type AuditContext, recordAudit } from "../audit/record";
import { queueMessage } from "../notifications";
import { resolvePlacement } from "./commands";

export const USER_SCOPE_COLUMNS = { region: "region_id", branch: "branch_id", owner: "id" } as const;

/** One user of the actor's tenant inside the actor's data scope; anything else reads as not found. */
export async function findScopedUser(deps: Deps, actor: Actor, id: string) {
  const row = await deps.db
    .selectFrom("users")
    .selectAll()
    .where("tenant_id", "=", actor.tenantId)
    .where("id", "=", id)
    .where(scopeFilter(actor, USER_SCOPE_COLUMNS))
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such user");
  return row;
}

const BREADTH: Record<ScopeKind, number> = { tenant: 3, region: 2, branch: 1, own: 0 };

/**
 * An administrator scoped to a region or branch may place people only inside that region or
 * branch, and never give a scope broader than their own.
 */
export function assertWithinActorScope(actor: Actor, target: { scope: ScopeKind; region_id: string | null; branch_id: string | null }, path = "body.scope") {
  if (actor.scope === "tenant") return;
  const outside = () => new AppError("out_of_scope", "You can only manage people inside your own region or branch", { issues: [{ path, message: "is outside your data scope", code: "out_of_scope" }] });
  if (BREADTH[target.scope] > BREADTH[actor.scope]) throw outside();
  if (actor.scope === "region" && target.region_id !== actor.regionId) throw outside();
  if (actor.scope === "branch" && target.branch_id !== actor.branchId) throw outside();
  if (actor.scope === "own") throw outside();
}

export interface UserPatch {
  name?: string;
  role?: Role;
  scope?: ScopeKind;
  regionId?: string | null;
  branchId?: string | null;
  status?: "active" | "disabled";
}

/** Changes a user; refuses to leave the bank without an active tenant-wide administrator. */
export async function updateUser(deps: Deps, ctx: AuditContext, actor: Actor, id: string, patch: UserPatch) {
  const user = await findScopedUser(deps, actor, id);
  if (Object.keys(patch).length === 0) throw new AppError("validation_failed", "Nothing to change", { issues: [{ path: "body", message: "is empty", code: "empty" }] });
  if (patch.status === "disabled" && actor.kind === "user" && actor.id === id) {
    throw new AppError("conflict", "You cannot disable your own account", { issues: [{ path: "body.status", message: "cannot disable yourself", code: "self" }] });
  }
  return inTransaction(deps.db, async (trx) => {
    const scope = patch.scope ?? user.scope;
    const placementChanged = patch.scope !== undefined || patch.regionId !== undefined || patch.branchId !== undefined;
    const placement = placementChanged
      ? await resolvePlacement(trx, actor.tenantId, {
          scope,
          regionId: patch.regionId !== undefined ? patch.regionId : patch.branchId !== undefined ? null : user.region_id,
          branchId: patch.branchId !== undefined ? patch.branchId : user.branch_id,
        })
      : { region_id: user.region_id, branch_id: user.branch_id };
    assertWithinActorScope(actor, { scope, ...placement });
    const next = { role: patch.role ?? user.role, status: patch.status ?? user.status, scope };
    const wasKeyAdmin = user.role === "admin" && user.status === "active" && user.scope === "tenant";
    const staysKeyAdmin = next.role === "admin" && next.status === "active" && next.scope === "tenant";
    if (wasKeyAdmin && !staysKeyAdmin) {
      const others = await trx
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("tenant_id", "=", actor.tenantId)
        .where("role", "=", "admin")
        .where("scope", "=", "tenant")
        .where("status", "=", "active")
        .where("id", "!=", id)
        .executeTakeFirstOrThrow();
      if (Number(others.n) === 0) {
        throw new AppError("conflict", "This is the last bank-wide administrator; make another one first");
      }
    }
    const row = await trx
      .updateTable("users")
      .set({ ...(patch.name ? { name: patch.name } : {}), role: next.role, status: next.status, scope, ...placement, updated_at: ctx.now })
      .where("tenant_id", "=", actor.tenantId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (next.status === "disabled" && user.status !== "disabled") {
      await trx.updateTable("sessions").set({ revoked_at: ctx.now }).where("tenant_id", "=", actor.tenantId).where("user_id", "=", id).where("revoked_at", "is", null).execute();
    }
    const changes = Object.fromEntries(
      Object.entries({ name: patch.name, role: patch.role, scope: patch.scope, regionId: placement.region_id, branchId: placement.branch_id, status: patch.status }).filter(([, v]) => v !== undefined),
    );
    await recordAudit(trx, ctx, { tenantId: actor.tenantId, action: "user.updated", subjectType: "user", subjectId: id, data: { changes, before: { role: user.role, scope: user.scope, status: user.status } } });
    return row;
  });
}

export async function unlockUser(deps: Deps, ctx: AuditContext, actor: Actor, id: string) {
  await findScopedUser(deps, actor, id);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx.updateTable("users").set({ locked_until: null, failed_logins: 0, updated_at: ctx.now }).where("tenant_id", "=", actor.tenantId).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { tenantId: actor.tenantId, action: "user.unlocked", subjectType: "user", subjectId: id });
    return row;
  });
}

/**
 * For a person who lost their phone: turns their two-factor sign-in off, ends their sessions (they
 * sign in again with the password and enrol anew) and tells them by email. Never one's own: that
 * goes through /me/totp/disable with the password and a current code.
 */
export async function resetTwoFactor(deps: Deps, ctx: AuditContext, actor: Actor, id: string) {
  const user = await findScopedUser(deps, actor, id);
  if (actor.kind === "user" && actor.id === id) {
    throw new AppError("conflict", "Turn your own two-step verification off from your profile");
  }
  if (!user.totp_enabled_at) throw new AppError("conflict", "Two-step verification is not on for this user");
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable("users")
      .set({ totp_enabled_at: null, totp_secret_enc: null, totp_last_step: null, updated_at: ctx.now })
      .where("tenant_id", "=", actor.tenantId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable("sessions").set({ revoked_at: ctx.now }).where("tenant_id", "=", actor.tenantId).where("user_id", "=", id).where("revoked_at", "is", null).execute();
    await recordAudit(trx, ctx, { tenantId: actor.tenantId, action: "user.totp_reset", subjectType: "user", subjectId: id, data: { email: user.email } });
    await queueMessage(trx, ctx.now, { tenantId: actor.tenantId, channel: "email", to: user.email, template: "auth.totp_disabled", locale: user.locale, vars: { name: user.name } });
    return row;
  });
}
