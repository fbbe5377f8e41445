import { getCookie } from "hono/cookie";
import type { MiddlewareHandler } from "hono";
import type { Actor } from "../../kernel/access";
import { safeEqual, sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { FailureCounter } from "../../kernel/failure-counter";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { CSRF_HEADER, csrfTokenFor, parseApiKey, SESSION_COOKIE } from "./tokens";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Unsafe routes reachable without a session; they never act on a session's authority. */
const CSRF_EXEMPT = new Set([
  "/api/v1/auth/login",
  "/api/v1/auth/login/totp",
  "/api/v1/auth/password/forgot",
  "/api/v1/auth/password/reset",
  "/api/v1/auth/invitations/accept",
  "/api/v1/signing/verify",
]);
const TOUCH_EVERY_MS = 60_000;
/** Routes under /api/v1 that answer without credentials; everything else needs an actor first. */
const PUBLIC_PATHS = [...CSRF_EXEMPT];
const PUBLIC_PREFIXES = ["/api/v1/auth/invitations/", "/api/v1/public/"];
const RESPONDENT_PREFIX = "/api/v1/public/";
const isPublic = (path: string) =>
  PUBLIC_PATHS.includes(path) || PUBLIC_PREFIXES.some((p) => path.startsWith(p)) || !path.startsWith("/api/v1/") || path === "/api/v1/openapi.json";
/** Bad API keys from one address: after 30 in 10 minutes, refuse without a lookup. */
const badKeys = new FailureCounter(30, 10 * 60_000);

/**
 * Turns credentials into an Actor: `Authorization: Bearer <api key>` or the session cookie.
 * Never rejects by itself when no credentials are sent (public routes exist); routes call
 * `need()`. Sent-but-bad credentials are remembered as `authProblem` for a precise 401.
 */
export function resolveActor(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Respondent routes act on no one's authority: their Bearer is a survey resume token, and a
    // back-office session cookie in the same browser must neither apply nor trip CSRF there.
    if (c.req.path.startsWith(RESPONDENT_PREFIX)) return next();
    const now = deps.clock.now();
    const authz = c.req.header("authorization");
    if (authz) {
      const ip = c.get("ip");
      if (badKeys.blocked(ip, now.getTime())) {
        throw new AppError("rate_limited", "Too many invalid API keys from this address; wait a few minutes", { retryAfterSeconds: 600 });
      }
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      const actor = m?.[1] ? await apiKeyActor(deps, m[1], now) : null;
      if (!actor) {
        badKeys.note(ip, now.getTime());
        throw new AppError("invalid_api_key", "The API key is not valid, expired or revoked");
      }
      c.set("actor", actor);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const result = await sessionActor(deps, token, now);
      if ("problem" in result) {
        c.set("authProblem", result.problem);
      } else {
        c.set("actor", result.actor);
        c.set("sessionId", result.sessionId);
        if (UNSAFE.has(c.req.method) && !CSRF_EXEMPT.has(c.req.path)) {
          const sent = c.req.header(CSRF_HEADER) ?? "";
          if (!safeEqual(sent, csrfTokenFor(deps.config.secretKey, result.sessionId))) {
            throw new AppError("csrf_invalid", "Send this session's X-CSRF-Token header (GET /api/v1/auth/session gives it)");
          }
        }
      }
    }
    // Anonymous callers of protected routes learn nothing more than "sign in" (not even the
    // shape of the body): authentication is checked before validation. Permissions come after.
    if (!c.get("actor") && !isPublic(c.req.path)) {
      throw c.get("authProblem") ?? new AppError("unauthenticated", "Sign in or send an API key");
    }
    return next();
  };
}

async function apiKeyActor(deps: Deps, key: string, now: Date): Promise<Actor | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const row = await deps.db
    .selectFrom("api_keys")
    .selectAll()
    .where("prefix", "=", parsed.prefix)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!row || !safeEqual(row.secret_hash, sha256Hex(key))) return null;
  if (row.expires_at && row.expires_at <= now) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await deps.db
      .updateTable("api_keys")
      .set({ last_used_at: now })
      .where("tenant_id", "=", row.tenant_id)
      .where("id", "=", row.id)
      .execute();
  }
  return {
    kind: "api_key",
    tenantId: row.tenant_id,
    id: row.id,
    label: `API key ${row.name}`,
    role: row.role,
    scope: row.scope,
    regionId: row.region_id,
    branchId: row.branch_id,
    locale: "en",
  };
}

type SessionResult = { actor: Actor; sessionId: string } | { problem: AppError };

export async function sessionActor(deps: Deps, token: string, now: Date): Promise<SessionResult> {
  const id = sha256Hex(token);
  const row = await deps.db
    .selectFrom("sessions as s")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "s.tenant_id").onRef("u.id", "=", "s.user_id"))
    .select([
      "s.id as sessionId",
      "s.mfa_pending",
      "s.expires_at",
      "s.last_seen_at",
      "s.revoked_at",
      "u.tenant_id",
      "u.id",
      "u.name",
      "u.email",
      "u.role",
      "u.scope",
      "u.region_id",
      "u.branch_id",
      "u.locale",
      "u.status",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row) return { problem: new AppError("unauthenticated", "The session is not recognised; sign in again") };
  const idleLimit = row.last_seen_at.getTime() + deps.config.session.idleMinutes * 60_000;
  if (row.revoked_at || row.expires_at <= now || idleLimit <= now.getTime()) {
    return { problem: new AppError("session_expired", "The session has ended; sign in again") };
  }
  if (row.status !== "active") return { problem: new AppError("unauthenticated", "This account is disabled") };
  if (row.mfa_pending) return { problem: new AppError("mfa_required", "Finish signing in with your two-factor code") };
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await deps.db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", id).execute();
  }
  return {
    sessionId: row.sessionId,
    actor: {
      kind: "user",
      tenantId: row.tenant_id,
      id: row.id,
      label: row.email,
      role: row.role,
      scope: row.scope,
      regionId: row.region_id,
      branchId: row.branch_id,
      locale: row.locale,
    },
  };
}
