import { inTransaction } from "../../db";
import type { Role, ScopeKind } from "../../db/schema";
import { sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { newId, randomToken } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import { type AuditContext, recordAudit } from "../audit/record";
import { assertPasswordPolicy } from "../auth/recovery";
import { queueMessage } from "../notifications";
import { createUser, type Locale, resolvePlacement } from "./commands";

export const INVITATION_DAYS = 7;

export interface InvitationInput {
  email: string;
  name: string;
  role: Role;
  scope: ScopeKind;
  regionId?: string | null;
  branchId?: string | null;
  locale?: Locale;
}

/** Invites a person by email; the link lets them choose a password and signs them in. */
export async function createInvitation(deps: Deps, ctx: AuditContext, tenantId: string, input: InvitationInput) {
  const email = input.email.trim().toLowerCase();
  return inTransaction(deps.db, async (trx) => {
    const exists = await trx.selectFrom("users").select("id").where("tenant_id", "=", tenantId).where("email", "=", email).executeTakeFirst();
    if (exists) throw new AppError("already_exists", "This person is already a user", { issues: [{ path: "body.email", message: "is already a user of this bank", code: "taken" }] });
    const placement = await resolvePlacement(trx, tenantId, input);
    const token = randomToken(32);
    const row = await trx
      .insertInto("invitations")
      .values({
        tenant_id: tenantId,
        id: newId(),
        email,
        name: input.name,
        role: input.role,
        scope: input.scope,
        ...placement,
        locale: input.locale ?? "en",
        token_hash: sha256Hex(token),
        invited_by: ctx.actor?.kind === "user" ? ctx.actor.id : null,
        created_at: ctx.now,
        expires_at: new Date(ctx.now.getTime() + INVITATION_DAYS * 86_400_000),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const tenant = await trx.selectFrom("tenants").select("name").where("id", "=", tenantId).executeTakeFirstOrThrow();
    await queueMessage(trx, ctx.now, {
      tenantId,
      channel: "email",
      to: email,
      template: "auth.invitation",
      locale: row.locale,
      vars: { name: input.name, inviter: ctx.actor?.label ?? tenant.name, bank: tenant.name, link: `${deps.config.publicUrl}/app/invite?token=${token}`, days: String(INVITATION_DAYS) },
      sensitive: true,
      redactBody: !deps.config.devOutbox,
    });
    await recordAudit(trx, ctx, { tenantId, action: "invitation.created", subjectType: "invitation", subjectId: row.id, data: { email, role: input.role, scope: input.scope } });
    return { invitation: row, token };
  });
}

export async function revokeInvitation(deps: Deps, ctx: AuditContext, tenantId: string, id: string) {
  await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable("invitations")
      .set({ revoked_at: ctx.now })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .returning(["id", "email"])
      .executeTakeFirst();
    if (!row) throw new AppError("not_found", "No open invitation with this id");
    await recordAudit(trx, ctx, { tenantId, action: "invitation.revoked", subjectType: "invitation", subjectId: id, data: { email: row.email } });
  });
}

async function openInvitation(deps: Deps, token: string, now: Date) {
  const row = await deps.db
    .selectFrom("invitations as i")
    .innerJoin("tenants as t", "t.id", "i.tenant_id")
    .selectAll("i")
    .select("t.name as tenant_name")
    .where("i.token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.accepted_at || row.revoked_at) throw new AppError("token_invalid", "This invitation is not valid or was already used");
  if (row.expires_at <= now) throw new AppError("token_expired", "This invitation has expired; ask for a new one");
  return row;
}

export async function previewInvitation(deps: Deps, token: string, now: Date) {
  const row = await openInvitation(deps, token, now);
  return { email: row.email, name: row.name, tenantName: row.tenant_name };
}

/** Accepts once: creates the user with the chosen password; the caller then signs them in. */
export async function acceptInvitation(deps: Deps, ctx: AuditContext, input: { token: string; name: string; password: string }) {
  const inv = await openInvitation(deps, input.token, ctx.now);
  assertPasswordPolicy(input.password, inv.email, "body.password");
  return inTransaction(deps.db, async (trx) => {
    const claimed = await trx
      .updateTable("invitations")
      .set({ accepted_at: ctx.now })
      .where("tenant_id", "=", inv.tenant_id)
      .where("id", "=", inv.id)
      .where("accepted_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!claimed) throw new AppError("token_invalid", "This invitation was already used");
    const user = await createUser(
      trx,
      { ...ctx, actor: null },
      inv.tenant_id,
      { email: inv.email, name: input.name, role: inv.role, scope: inv.scope, regionId: inv.region_id, branchId: inv.branch_id, locale: inv.locale as Locale, password: input.password },
      deps.config.argon2MemoryKib,
    );
    await recordAudit(trx, ctx, { tenantId: inv.tenant_id, action: "invitation.accepted", subjectType: "invitation", subjectId: inv.id, actorLabel: inv.email, data: { userId: user.id } });
    return user;
  });
}
