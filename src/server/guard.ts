import type { Context } from "hono";
import { type Actor, assertCan, type Permission } from "../kernel/access";
import { AppError } from "../kernel/errors";
import type { AuditContext } from "../modules/audit/record";
import type { AppEnv } from "./env";

/** First line of every protected handler: who is acting, and may they do this? */
export function need(c: Context<AppEnv>, permission: Permission): Actor {
  const actor = c.get("actor");
  if (!actor) throw c.get("authProblem") ?? new AppError("unauthenticated", "Sign in or send an API key");
  return assertCan(actor, permission);
}

/** Signed in, whatever the role (own profile, own 2FA). */
export function needActor(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (!actor) throw c.get("authProblem") ?? new AppError("unauthenticated", "Sign in or send an API key");
  return actor;
}

export function auditContext(c: Context<AppEnv>, now: Date): AuditContext {
  return { actor: c.get("actor"), ip: c.get("ip"), requestId: c.get("requestId"), now };
}
