import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { verify } from "@node-rs/argon2";
import { inTransaction } from "../../db";
import type { Actor } from "../../kernel/access";
import { decryptSecret, encryptSecret } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, needActor } from "../../server/guard";
import { jsonBody, jsonContent, security, standardErrors, z } from "../../server/openapi";
import { recordAudit } from "../audit/record";
import { queueMessage } from "../notifications";
import { hashPassword, LOCALES } from "../tenancy/commands";
import { MeSchema, presentMe } from "./presenter";
import { assertPasswordPolicy } from "./recovery";
import { newTotpSecret, totpEnrolment, verifyTotp } from "./totp";

const tags = ["Me"];
const PatchMe = z.strictObject({ name: z.string().trim().min(1).max(200).optional(), locale: z.enum(LOCALES).optional() }).openapi("PatchMe");
const ChangePassword = z.strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) }).openapi("ChangePassword");
const Code = z.strictObject({ code: z.string().regex(/^\d{6}$/, "must be 6 digits") });
const DisableTotp = z.strictObject({ password: z.string().min(1).max(1024), code: z.string().regex(/^\d{6}$/, "must be 6 digits") });
export const Enrolment = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() }).openapi("TotpEnrolment");

/** Only people have a profile: API keys get 403 here. */
function needUser(c: Parameters<typeof needActor>[0]): Actor {
  const actor = needActor(c);
  if (actor.kind !== "user") throw new AppError("forbidden", "API keys have no profile");
  return actor;
}

export function meRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const userRow = (a: Actor) => deps.db.selectFrom("users").selectAll().where("tenant_id", "=", a.tenantId).where("id", "=", a.id).executeTakeFirstOrThrow();

  app.openapi(createRoute({ method: "patch", path: "/me", tags, summary: "Change my name or language", security, request: { body: jsonBody(PatchMe) }, responses: { 200: jsonContent(MeSchema), ...standardErrors } }), async (c) => {
    const actor = needUser(c);
    const body = c.req.valid("json");
    const now = deps.clock.now();
    await inTransaction(deps.db, async (trx) => {
      await trx.updateTable("users").set({ ...body, updated_at: now }).where("tenant_id", "=", actor.tenantId).where("id", "=", actor.id).execute();
      await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "user.profile_updated", subjectType: "user", subjectId: actor.id, data: body });
    });
    return c.json(await presentMe(deps.db, actor.tenantId, actor.id), 200);
  });

  app.openapi(createRoute({ method: "post", path: "/me/password", tags, summary: "Change my password (ends my other sessions)", security, request: { body: jsonBody(ChangePassword) }, responses: { 204: { description: "Changed" }, ...standardErrors } }), async (c) => {
    const actor = needUser(c);
    const { currentPassword, newPassword } = c.req.valid("json");
    const user = await userRow(actor);
    if (!user.password_hash || !(await verify(user.password_hash, currentPassword).catch(() => false))) {
      throw new AppError("validation_failed", "The current password is wrong", { issues: [{ path: "body.currentPassword", message: "is wrong", code: "wrong_password" }] });
    }
    assertPasswordPolicy(newPassword, user.email, "body.newPassword");
    const hash = await hashPassword(newPassword, deps.config.argon2MemoryKib);
    const now = deps.clock.now();
    await inTransaction(deps.db, async (trx) => {
      await trx.updateTable("users").set({ password_hash: hash, password_changed_at: now, updated_at: now }).where("tenant_id", "=", actor.tenantId).where("id", "=", actor.id).execute();
      await trx.updateTable("sessions").set({ revoked_at: now }).where("tenant_id", "=", actor.tenantId).where("user_id", "=", actor.id).where("id", "!=", c.get("sessionId") ?? "").where("revoked_at", "is", null).execute();
      await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "auth.password_changed", subjectType: "user", subjectId: actor.id });
      await queueMessage(trx, now, { tenantId: actor.tenantId, channel: "email", to: user.email, template: "auth.password_changed", locale: user.locale, vars: { name: user.name } });
    });
    return c.body(null, 204);
  });

  app.openapi(createRoute({ method: "post", path: "/me/totp/setup", tags, summary: "Start two-factor enrolment: a new secret and its QR code", security, responses: { 200: jsonContent(Enrolment), ...standardErrors, 409: { description: "2FA already on" } } }), async (c) => {
    const actor = needUser(c);
    const user = await userRow(actor);
    if (user.totp_enabled_at) throw new AppError("conflict", "Two-factor sign-in is already on; turn it off first");
    const secret = newTotpSecret();
    await deps.db.updateTable("users").set({ totp_secret_enc: encryptSecret(deps.config.secretKey, secret) }).where("tenant_id", "=", actor.tenantId).where("id", "=", actor.id).execute();
    const tenant = await deps.db.selectFrom("tenants").select("name").where("id", "=", actor.tenantId).executeTakeFirstOrThrow();
    return c.json(await totpEnrolment(secret, user.email, `${tenant.name} (Atrium)`), 200);
  });

  app.openapi(createRoute({ method: "post", path: "/me/totp/enable", tags, summary: "Confirm enrolment with a code from the app", security, request: { body: jsonBody(Code) }, responses: { 200: jsonContent(MeSchema), ...standardErrors } }), async (c) => {
    const actor = needUser(c);
    const user = await userRow(actor);
    if (user.totp_enabled_at) throw new AppError("conflict", "Two-factor sign-in is already on");
    if (!user.totp_secret_enc) throw new AppError("conflict", "Start with POST /api/v1/me/totp/setup");
    const now = deps.clock.now();
    const step = verifyTotp(decryptSecret(deps.config.secretKey, user.totp_secret_enc), c.req.valid("json").code, now);
    if (step === null) throw new AppError("validation_failed", "The code does not match; check the time on your phone", { issues: [{ path: "body.code", message: "does not match", code: "invalid_mfa_code" }] });
    await inTransaction(deps.db, async (trx) => {
      await trx.updateTable("users").set({ totp_enabled_at: now, totp_last_step: step, updated_at: now }).where("tenant_id", "=", actor.tenantId).where("id", "=", actor.id).execute();
      await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "auth.totp_enabled", subjectType: "user", subjectId: actor.id });
      await queueMessage(trx, now, { tenantId: actor.tenantId, channel: "email", to: user.email, template: "auth.totp_enabled", locale: user.locale, vars: { name: user.name } });
    });
    return c.json(await presentMe(deps.db, actor.tenantId, actor.id), 200);
  });

  app.openapi(createRoute({ method: "post", path: "/me/totp/disable", tags, summary: "Turn two-factor sign-in off (password and a current code)", security, request: { body: jsonBody(DisableTotp) }, responses: { 200: jsonContent(MeSchema), ...standardErrors } }), async (c) => {
    const actor = needUser(c);
    const { password, code } = c.req.valid("json");
    const user = await userRow(actor);
    if (!user.totp_enabled_at || !user.totp_secret_enc) throw new AppError("conflict", "Two-factor sign-in is not on");
    if (!user.password_hash || !(await verify(user.password_hash, password).catch(() => false))) {
      throw new AppError("validation_failed", "The password is wrong", { issues: [{ path: "body.password", message: "is wrong", code: "wrong_password" }] });
    }
    const now = deps.clock.now();
    const step = verifyTotp(decryptSecret(deps.config.secretKey, user.totp_secret_enc), code, now);
    if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
      throw new AppError("validation_failed", "The code is wrong or already used", { issues: [{ path: "body.code", message: "is not the current code", code: "invalid_mfa_code" }] });
    }
    await inTransaction(deps.db, async (trx) => {
      await trx.updateTable("users").set({ totp_enabled_at: null, totp_secret_enc: null, totp_last_step: null, updated_at: now }).where("tenant_id", "=", actor.tenantId).where("id", "=", actor.id).execute();
      await recordAudit(trx, auditContext(c, now), { tenantId: actor.tenantId, action: "auth.totp_disabled", subjectType: "user", subjectId: actor.id });
      await queueMessage(trx, now, { tenantId: actor.tenantId, channel: "email", to: user.email, template: "auth.totp_disabled", locale: user.locale, vars: { name: user.name } });
    });
    return c.json(await presentMe(deps.db, actor.tenantId, actor.id), 200);
  });

  return app;
}
