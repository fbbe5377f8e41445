import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { getCookie } from "hono/cookie";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, needActor } from "../../server/guard";
import { jsonBody, jsonContent, security, standardErrors, z } from "../../server/openapi";
import { acceptInvitation, previewInvitation } from "../tenancy/invitations";
import { clearSessionCookie, setSessionCookie } from "./cookies";
import { createSession, logout, passwordLogin, totpLogin } from "./login";
import { meRoutes } from "./me-routes";
import { MeSchema, MfaRequiredSchema, presentMe, SignedInSchema } from "./presenter";
import { requestPasswordReset, resetPassword } from "./recovery";
import { AcceptInvitationBody, ForgotBody, InvitationPreview, LoginBody, ResetBody, TokenParam, TotpBody } from "./schemas";
import { csrfTokenFor, SESSION_COOKIE } from "./tokens";

const tags = ["Authentication"];
const errors423 = { 423: { description: "Account locked", content: { "application/problem+json": { schema: z.any() } } } };

export function authRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const ttlSeconds = deps.config.session.ttlHours * 3600;
  const signedIn = async (tenantId: string, userId: string, sessionId: string) => ({
    status: "ok" as const,
    user: await presentMe(deps.db, tenantId, userId),
    csrfToken: csrfTokenFor(deps.config.secretKey, sessionId),
  });

  app.openapi(
    createRoute({ method: "post", path: "/auth/login", tags, summary: "Sign in with email and password", request: { body: jsonBody(LoginBody) }, responses: { 200: jsonContent(z.union([SignedInSchema, MfaRequiredSchema])), ...standardErrors, ...errors423 } }),
    async (c) => {
      const ctx = auditContext(c, deps.clock.now());
      const s = await passwordLogin(deps, ctx, c.req.valid("json"), c.req.header("user-agent") ?? null);
      if (s.mfaPending) {
        setSessionCookie(c, deps.config, s.token, 600);
        return c.json({ status: "mfa_required" as const }, 200);
      }
      setSessionCookie(c, deps.config, s.token, ttlSeconds);
      return c.json(await signedIn(s.user.tenant_id, s.user.id, s.sessionId), 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/auth/login/totp", tags, summary: "Finish signing in with a two-factor code", request: { body: jsonBody(TotpBody) }, responses: { 200: jsonContent(SignedInSchema), ...standardErrors, ...errors423 } }),
    async (c) => {
      const ctx = auditContext(c, deps.clock.now());
      const s = await totpLogin(deps, ctx, getCookie(c, SESSION_COOKIE), c.req.valid("json").code, c.req.header("user-agent") ?? null);
      setSessionCookie(c, deps.config, s.token, ttlSeconds);
      return c.json(await signedIn(s.user.tenant_id, s.user.id, s.sessionId), 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/auth/logout", tags, summary: "End this session", security, responses: { 204: { description: "Signed out" }, ...standardErrors } }),
    async (c) => {
      const actor = needActor(c);
      const sessionId = c.get("sessionId");
      if (sessionId) await logout(deps, auditContext(c, deps.clock.now()), sessionId, actor.tenantId, actor.id);
      clearSessionCookie(c, deps.config);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/auth/session", tags, summary: "The signed-in user and this session's CSRF token (sessions only, not API keys)", security, responses: { 200: jsonContent(z.object({ user: MeSchema, csrfToken: z.string() })), ...standardErrors } }),
    async (c) => {
      const actor = needActor(c);
      const sessionId = c.get("sessionId");
      if (actor.kind !== "user" || !sessionId) throw new AppError("forbidden", "API keys have no session; this is for signed-in people");
      return c.json({ user: await presentMe(deps.db, actor.tenantId, actor.id), csrfToken: csrfTokenFor(deps.config.secretKey, sessionId) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/auth/password/forgot", tags, summary: "Email a password reset link (always 202)", request: { body: jsonBody(ForgotBody) }, responses: { 202: { description: "If the email belongs to a user, a link is on its way" }, ...standardErrors } }),
    async (c) => {
      await requestPasswordReset(deps, auditContext(c, deps.clock.now()), c.req.valid("json"));
      return c.body(null, 202);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/auth/password/reset", tags, summary: "Set a new password from a reset link", request: { body: jsonBody(ResetBody) }, responses: { 204: { description: "Password changed; every session ended" }, ...standardErrors } }),
    async (c) => {
      await resetPassword(deps, auditContext(c, deps.clock.now()), c.req.valid("json"));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/auth/invitations/{token}", tags, summary: "Who an invitation is for", request: { params: TokenParam }, responses: { 200: jsonContent(InvitationPreview), ...standardErrors } }),
    async (c) => c.json(await previewInvitation(deps, c.req.valid("param").token, deps.clock.now()), 200),
  );

  app.openapi(
    createRoute({ method: "post", path: "/auth/invitations/accept", tags, summary: "Accept an invitation: choose a password and sign in", request: { body: jsonBody(AcceptInvitationBody) }, responses: { 200: jsonContent(SignedInSchema), ...standardErrors } }),
    async (c) => {
      const ctx = auditContext(c, deps.clock.now());
      const user = await acceptInvitation(deps, ctx, c.req.valid("json"));
      const s = await createSession(deps, user, ctx, false, c.req.header("user-agent") ?? null);
      setSessionCookie(c, deps.config, s.token, ttlSeconds);
      return c.json(await signedIn(user.tenant_id, user.id, s.sessionId), 200);
    },
  );

  app.route("/", meRoutes(deps));
  return app;
}
