/**
 * Customer sessions: after the one-time code, the customer page holds a bearer token (256-bit,
 * kept in sessionStorage; only its SHA-256 is stored). Sessions end when idle for
 * ONBOARDING_SESSION_IDLE_MINUTES, when the link is revoked, or at logout. A new device opens the
 * same link, passes a new code and gets its own session on the same application.
 */
import type { Context } from "hono";
import type { Executor } from "../../db";
import { sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { randomToken } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { applicationById } from "./store";
import type { ApplicationRow } from "./timeline";

export interface CustomerSession {
  tokenHash: string;
  tenantId: string;
  applicationId: string;
  linkId: string;
}

/** Absolute limit of one session, whatever the activity. */
export const SESSION_MAX_HOURS = 12;

export async function createCustomerSession(
  db: Executor,
  deps: Deps,
  input: { tenantId: string; applicationId: string; linkId: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_MAX_HOURS * 3600_000);
  await db
    .insertInto("application_sessions")
    .values({
      token_hash: sha256Hex(token),
      tenant_id: input.tenantId,
      application_id: input.applicationId,
      link_id: input.linkId,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 400) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/** Ends every session of an application (link revoked, application cancelled or decided). */
export async function endCustomerSessions(db: Executor, tenantId: string, applicationId: string, now: Date): Promise<void> {
  await db.updateTable("application_sessions").set({ ended_at: now }).where("tenant_id", "=", tenantId).where("application_id", "=", applicationId).where("ended_at", "is", null).execute();
}

/** The customer's bearer token, or null. */
export const bearer = (c: Context<AppEnv>): string | null => {
  const h = c.req.header("authorization") ?? "";
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,100})$/.exec(h.trim());
  return m?.[1] ?? null;
};

export const signInAgain = () => new AppError("unauthenticated", "Open your application link and enter the code we sent you");

/**
 * The one rule for a live session (both lookups use it): not ended, link not revoked, within its
 * absolute lifetime and not idle too long. Returns whether last_seen_at is worth refreshing.
 */
export function checkSession(deps: Deps, s: { ended_at: Date | null; revoked_at: Date | null; expires_at: Date; last_seen_at: Date }, now: Date): { touch: boolean } {
  const idle = now.getTime() - s.last_seen_at.getTime();
  if (s.ended_at || s.revoked_at || s.expires_at <= now || idle > deps.config.onboarding.sessionIdleMinutes * 60_000) {
    throw new AppError("session_expired", "Your session has ended: open your link again and enter a new code");
  }
  return { touch: idle > 60_000 };
}

/**
 * The customer behind a public request, or 401. Checks expiry, idleness and that the link was not
 * revoked; refreshes last_seen_at at most once a minute.
 */
export async function requireCustomer(c: Context<AppEnv>, deps: Deps, db: Executor = deps.db): Promise<{ session: CustomerSession; app: ApplicationRow }> {
  const token = bearer(c);
  if (!token) throw signInAgain();
  const hash = sha256Hex(token);
  const row = await db
    .selectFrom("application_sessions as s")
    .innerJoin("application_links as l", (j) => j.onRef("l.tenant_id", "=", "s.tenant_id").onRef("l.id", "=", "s.link_id"))
    .select(["s.token_hash", "s.tenant_id", "s.application_id", "s.link_id", "s.expires_at", "s.last_seen_at", "s.ended_at", "l.revoked_at"])
    .where("s.token_hash", "=", hash)
    .executeTakeFirst();
  if (!row) throw signInAgain();
  const now = deps.clock.now();
  if (checkSession(deps, row, now).touch) {
    await db.updateTable("application_sessions").set({ last_seen_at: now }).where("token_hash", "=", hash).execute();
  }
  const app = await applicationById(db, row.tenant_id, row.application_id);
  return { session: { tokenHash: hash, tenantId: row.tenant_id, applicationId: row.application_id, linkId: row.link_id }, app };
}
