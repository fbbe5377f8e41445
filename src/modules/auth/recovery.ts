import { inTransaction } from "../../db";
import { sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { newId, randomToken } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import { type AuditContext, recordAudit } from "../audit/record";
import { queueMessage } from "../notifications";
import { hashPassword } from "../tenancy/commands";
import { resolveTenant } from "../tenancy/queries";

export const RESET_MINUTES = 60;
const MAX_RESETS_PER_HOUR = 3;

/**
 * Sends a reset link when the email belongs to an active user, and otherwise does nothing, so the
 * answer (always 202) never tells whether an email is registered. At most 3 links an hour a user.
 */
export async function requestPasswordReset(deps: Deps, ctx: AuditContext, input: { tenant?: string; email: string }) {
  const tenant = await resolveTenant(deps.db, input.tenant);
  const email = input.email.trim().toLowerCase();
  const user = await deps.db.selectFrom("users").selectAll().where("tenant_id", "=", tenant.id).where("email", "=", email).where("status", "=", "active").executeTakeFirst();
  if (!user) return;
  await inTransaction(deps.db, async (trx) => {
    const since = new Date(ctx.now.getTime() - 3_600_000);
    const recent = await trx
      .selectFrom("password_resets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tenant_id", "=", tenant.id)
      .where("user_id", "=", user.id)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= MAX_RESETS_PER_HOUR) return;
    const token = randomToken(32);
    await trx
      .insertInto("password_resets")
      .values({ tenant_id: tenant.id, id: newId(), user_id: user.id, token_hash: sha256Hex(token), created_at: ctx.now, expires_at: new Date(ctx.now.getTime() + RESET_MINUTES * 60_000) })
      .execute();
    await queueMessage(trx, ctx.now, {
      tenantId: tenant.id,
      channel: "email",
      to: user.email,
      template: "auth.password_reset",
      locale: user.locale,
      vars: { name: user.name, link: `${deps.config.publicUrl}/app/reset?token=${token}`, minutes: String(RESET_MINUTES) },
      sensitive: true,
      redactBody: !deps.config.devOutbox,
    });
    await recordAudit(trx, ctx, { tenantId: tenant.id, action: "auth.password_reset.requested", subjectType: "user", subjectId: user.id, actorLabel: user.email });
  });
}

/** Sets a new password from a reset link: single use, expiring; ends every session and any lock. */
export async function resetPassword(deps: Deps, ctx: AuditContext, input: { token: string; password: string }) {
  const hash = sha256Hex(input.token);
  const reset = await deps.db.selectFrom("password_resets").selectAll().where("token_hash", "=", hash).executeTakeFirst();
  if (!reset || reset.used_at) throw new AppError("token_invalid", "This reset link is not valid or was already used", { issues: [{ path: "body.token", message: "is not valid", code: "token_invalid" }] });
  if (reset.expires_at <= ctx.now) throw new AppError("token_expired", "This reset link has expired; ask for a new one");
  const user = await deps.db.selectFrom("users").selectAll().where("tenant_id", "=", reset.tenant_id).where("id", "=", reset.user_id).executeTakeFirstOrThrow();
  assertPasswordPolicy(input.password, user.email, "body.password");
  const passwordHash = await hashPassword(input.password, deps.config.argon2MemoryKib);
  await inTransaction(deps.db, async (trx) => {
    const claimed = await trx
      .updateTable("password_resets")
      .set({ used_at: ctx.now })
      .where("tenant_id", "=", reset.tenant_id)
      .where("id", "=", reset.id)
      .where("used_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!claimed) throw new AppError("token_invalid", "This reset link was already used");
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, password_changed_at: ctx.now, failed_logins: 0, locked_until: null, updated_at: ctx.now })
      .where("tenant_id", "=", user.tenant_id)
      .where("id", "=", user.id)
      .execute();
    await trx.updateTable("sessions").set({ revoked_at: ctx.now }).where("tenant_id", "=", user.tenant_id).where("user_id", "=", user.id).where("revoked_at", "is", null).execute();
    await recordAudit(trx, ctx, { tenantId: user.tenant_id, action: "auth.password_reset.completed", subjectType: "user", subjectId: user.id, actorLabel: user.email });
    await queueMessage(trx, ctx.now, { tenantId: user.tenant_id, channel: "email", to: user.email, template: "auth.password_changed", locale: user.locale, vars: { name: user.name } });
  });
}

/**
 * Length 12–256 (NIST SP 800-63B style: length over composition rules), not the email, not one
 * repeated character.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function assertPasswordPolicy(password: string, email: string, path: string) {
  const problem = (message: string, code: string, params?: Record<string, number>) =>
    new AppError("validation_failed", `Password ${message}`, { issues: [{ path, message, code, ...(params ? { params } : {}) }] });
  if (password.length < PASSWORD_MIN) throw problem(`must be at least ${PASSWORD_MIN} characters`, "password_too_short", { minimum: PASSWORD_MIN });
  if (password.length > PASSWORD_MAX) throw problem(`must be at most ${PASSWORD_MAX} characters`, "password_too_long", { maximum: PASSWORD_MAX });
  if (password.trim().toLowerCase() === email.toLowerCase()) throw problem("must not be your email address", "password_is_email");
  if (/^(.)\1+$/.test(password)) throw problem("must not be one character repeated", "password_repeated");
}
