import { verify } from "@node-rs/argon2";
import { inTransaction } from "../../db";
import type { UsersTable } from "../../db/schema";
import { decryptSecret, sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { FailureCounter } from "../../kernel/failure-counter";
import type { Deps } from "../../server/deps";
import { type AuditContext, recordAudit } from "../audit/record";
import { queueMessage } from "../notifications";
import { hashPassword } from "../tenancy/commands";
import { resolveTenant } from "../tenancy/queries";
import { newSessionToken } from "./tokens";
import { verifyTotp } from "./totp";

type UserRow = { [K in keyof UsersTable]: UsersTable[K] extends { __select__: infer S } ? S : UsersTable[K] };

let dummyHash: Promise<string> | null = null;
/** Unknown emails still pay for one argon2 verify, so timing does not reveal which emails exist. */
function burnVerify(deps: Deps, password: string) {
  dummyHash ??= hashPassword("atrium-dummy-password-for-timing", deps.config.argon2MemoryKib);
  return dummyHash.then((h) => verify(h, password)).catch(() => false);
}

/** Per-IP failure counter (in this process) on top of the per-account lockout kept in the store. */
const ipFailures = new FailureCounter(50, 10 * 60_000);

export interface NewSession {
  token: string;
  sessionId: string;
  mfaPending: boolean;
  user: UserRow;
}

export async function createSession(deps: Deps, user: Pick<UserRow, "tenant_id" | "id">, ctx: AuditContext, mfaPending: boolean, userAgent: string | null) {
  const { token, id } = newSessionToken();
  const now = ctx.now;
  const ttl = mfaPending ? 10 * 60_000 : deps.config.session.ttlHours * 3_600_000;
  await deps.db
    .insertInto("sessions")
    .values({
      id,
      tenant_id: user.tenant_id,
      user_id: user.id,
      mfa_pending: mfaPending,
      ip: ctx.ip ?? null,
      user_agent: userAgent?.slice(0, 512) ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + ttl),
    })
    .execute();
  return { token, sessionId: id };
}

/**
 * Email + password. Wrong passwords count per account; at LOGIN_MAX_FAILURES the account locks for
 * LOGIN_LOCKOUT_MINUTES (audited, and the user is emailed). A locked account refuses even the right
 * password until the lock ends. Failures are committed before the error is thrown.
 */
export async function passwordLogin(
  deps: Deps,
  ctx: AuditContext,
  input: { tenant?: string; email: string; password: string },
  userAgent: string | null,
): Promise<NewSession> {
  const nowMs = ctx.now.getTime();
  if (ipFailures.blocked(ctx.ip ?? null, nowMs)) {
    throw new AppError("rate_limited", "Too many failed sign-ins from this address; wait a few minutes", { retryAfterSeconds: 600 });
  }
  const tenant = await resolveTenant(deps.db, input.tenant);
  const email = input.email.trim().toLowerCase();
  const user = await deps.db.selectFrom("users").selectAll().where("tenant_id", "=", tenant.id).where("email", "=", email).executeTakeFirst();
  const invalid = () => new AppError("invalid_credentials", "The email or password is wrong");
  if (!user?.password_hash || user.status !== "active") {
    await burnVerify(deps, input.password);
    ipFailures.note(ctx.ip ?? null, nowMs);
    throw invalid();
  }
  if (user.locked_until && user.locked_until.getTime() > nowMs) {
    throw lockedError(user.locked_until, nowMs);
  }
  const ok = await verify(user.password_hash, input.password).catch(() => false);
  if (!ok) {
    ipFailures.note(ctx.ip ?? null, nowMs);
    const locked = await recordFailure(deps, ctx, user, "wrong_password");
    throw locked ? lockedError(locked, nowMs) : invalid();
  }
  await deps.db
    .updateTable("users")
    .set({ failed_logins: 0, locked_until: null })
    .where("tenant_id", "=", user.tenant_id)
    .where("id", "=", user.id)
    .execute();
  const mfa = user.totp_enabled_at !== null;
  const session = await createSession(deps, user, ctx, mfa, userAgent);
  if (!mfa) await completedLogin(deps, ctx, user);
  return { ...session, mfaPending: mfa, user };
}

function lockedError(until: Date, nowMs: number) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - nowMs) / 1000));
  return new AppError("account_locked", `Too many failed attempts; the account is locked for ${Math.ceil(seconds / 60)} more minute(s)`, {
    retryAfterSeconds: seconds,
  });
}

/** Counts one failure; returns the lock end when this failure locked the account. */
async function recordFailure(deps: Deps, ctx: AuditContext, user: UserRow, reason: string): Promise<Date | null> {
  const { maxFailures, lockoutMinutes } = deps.config.login;
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable("users")
      .set((eb) => ({ failed_logins: eb("failed_logins", "+", 1) }))
      .where("tenant_id", "=", user.tenant_id)
      .where("id", "=", user.id)
      .returning("failed_logins")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { tenantId: user.tenant_id, action: "auth.login.failed", subjectType: "user", subjectId: user.id, actorLabel: user.email, data: { reason, failures: row.failed_logins } });
    if (row.failed_logins < maxFailures) return null;
    const until = new Date(ctx.now.getTime() + lockoutMinutes * 60_000);
    await trx.updateTable("users").set({ locked_until: until, failed_logins: 0 }).where("tenant_id", "=", user.tenant_id).where("id", "=", user.id).execute();
    await recordAudit(trx, ctx, { tenantId: user.tenant_id, action: "auth.account_locked", subjectType: "user", subjectId: user.id, actorLabel: user.email, data: { until: until.toISOString(), failures: maxFailures } });
    await queueMessage(trx, ctx.now, {
      tenantId: user.tenant_id,
      channel: "email",
      to: user.email,
      template: "auth.account_locked",
      locale: user.locale,
      vars: { name: user.name, minutes: String(lockoutMinutes) },
    });
    return until;
  });
}

async function completedLogin(deps: Deps, ctx: AuditContext, user: UserRow) {
  await inTransaction(deps.db, async (trx) => {
    await trx.updateTable("users").set({ last_login_at: ctx.now }).where("tenant_id", "=", user.tenant_id).where("id", "=", user.id).execute();
    await recordAudit(trx, ctx, { tenantId: user.tenant_id, action: "auth.login", subjectType: "user", subjectId: user.id, actorLabel: user.email });
  });
}

/**
 * Second step: the pending session's TOTP code. A right code replaces the pending session with a
 * fresh one (no fixation); a wrong code counts as a failed sign-in toward the lockout.
 */
export async function totpLogin(deps: Deps, ctx: AuditContext, pendingToken: string | undefined, code: string, userAgent: string | null): Promise<NewSession> {
  if (!pendingToken) throw new AppError("unauthenticated", "Sign in with email and password first");
  const pendingId = sha256Hex(pendingToken);
  const pending = await deps.db.selectFrom("sessions").selectAll().where("id", "=", pendingId).executeTakeFirst();
  if (!pending?.mfa_pending || pending.revoked_at || pending.expires_at <= ctx.now) {
    throw new AppError("session_expired", "The sign-in attempt has expired; start again");
  }
  const user = await deps.db.selectFrom("users").selectAll().where("tenant_id", "=", pending.tenant_id).where("id", "=", pending.user_id).executeTakeFirstOrThrow();
  if (user.locked_until && user.locked_until > ctx.now) throw lockedError(user.locked_until, ctx.now.getTime());
  const step = user.totp_secret_enc ? verifyTotp(decryptSecret(deps.config.secretKey, user.totp_secret_enc), code, ctx.now) : null;
  if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
    const locked = await recordFailure(deps, ctx, user, "wrong_totp");
    if (locked) {
      await deps.db.updateTable("sessions").set({ revoked_at: ctx.now }).where("id", "=", pendingId).execute();
      throw lockedError(locked, ctx.now.getTime());
    }
    throw new AppError("invalid_mfa_code", "The code is wrong or already used; enter the current code from your app", {
      issues: [{ path: "body.code", message: "is not the current code", code: "invalid_mfa_code" }],
    });
  }
  await deps.db.updateTable("sessions").set({ revoked_at: ctx.now }).where("id", "=", pendingId).execute();
  await deps.db.updateTable("users").set({ totp_last_step: step, failed_logins: 0 }).where("tenant_id", "=", user.tenant_id).where("id", "=", user.id).execute();
  const session = await createSession(deps, user, ctx, false, userAgent);
  await completedLogin(deps, ctx, user);
  return { ...session, mfaPending: false, user };
}

export async function logout(deps: Deps, ctx: AuditContext, sessionId: string, tenantId: string, userId: string) {
  await inTransaction(deps.db, async (trx) => {
    await trx.updateTable("sessions").set({ revoked_at: ctx.now }).where("id", "=", sessionId).execute();
    await recordAudit(trx, ctx, { tenantId, action: "auth.logout", subjectType: "user", subjectId: userId });
  });
}
