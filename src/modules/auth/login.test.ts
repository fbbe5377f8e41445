import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { json, makeTenant, makeUser, sessionCookieFrom, signIn, TEST_PASSWORD } from "../../../tests/support/factories";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { LOGIN_MAX_FAILURES: "10", LOGIN_LOCKOUT_MINUTES: "15" } });
});

const login = (tenant: string, email: string, password: string) =>
  ctx.app.request("/api/v1/auth/login", { method: "POST", ...json({ tenant, email, password }) });

describe("password sign-in", () => {
  it("signs in, sets an HttpOnly session cookie and returns the user with abilities", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t, { role: "compliance_officer" });
    const res = await login(t.slug, u.email.toUpperCase(), TEST_PASSWORD);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("ok");
    expect(body.user).toMatchObject({ email: u.email, role: "compliance_officer", tenant: { slug: t.slug } });
    expect(body.user.abilities).toContain("audit:read");
    expect(body.user.abilities).not.toContain("users:write");
    const setCookie = res.headers.getSetCookie().join(";");
    expect(setCookie).toMatch(/atrium_session=[A-Za-z0-9_-]{40,}/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const session = await ctx.app.request("/api/v1/auth/session", { headers: { cookie: sessionCookieFrom(res) } });
    expect(session.status).toBe(200);
    expect((await session.json()).csrfToken).toBe(body.csrfToken);
  });

  it("stores only a hash of the session token", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    const s = await signIn(ctx, t, u.email);
    const token = s.cookie.split("=")[1] as string;
    const rows = await ctx.deps.db.selectFrom("sessions").select("id").where("user_id", "=", u.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toBe(token);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers wrong password and unknown email alike", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    const wrong = await login(t.slug, u.email, "not the password at all");
    const unknown = await login(t.slug, "nobody@example.test", "not the password at all");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a.code).toBe("invalid_credentials");
    expect(b.code).toBe("invalid_credentials");
    expect(a.detail).toBe(b.detail);
  });

  it("locks the account after ten wrong passwords, audits it, emails the user, and unlocks after the window", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    for (let i = 0; i < 9; i++) expect((await login(t.slug, u.email, `wrong password ${i}`)).status).toBe(401);
    const tenth = await login(t.slug, u.email, "wrong password 10");
    expect(tenth.status).toBe(423);
    expect((await tenth.json()).code).toBe("account_locked");
    expect(Number(tenth.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    // Even the right password is refused while locked.
    const right = await login(t.slug, u.email, TEST_PASSWORD);
    expect(right.status).toBe(423);
    const audit = await ctx.deps.db.selectFrom("audit_log").select(["action", "subject_id"]).where("tenant_id", "=", t.id).where("action", "=", "auth.account_locked").execute();
    expect(audit).toEqual([{ action: "auth.account_locked", subject_id: u.id }]);
    const failures = await ctx.deps.db.selectFrom("audit_log").select("action").where("tenant_id", "=", t.id).where("action", "=", "auth.login.failed").execute();
    expect(failures).toHaveLength(10);
    const mail = await ctx.deps.db.selectFrom("messages").select(["template", "recipient"]).where("tenant_id", "=", t.id).execute();
    expect(mail).toContainEqual({ template: "auth.account_locked", recipient: u.email });
    ctx.clock.advance(16 * 60_000);
    expect((await login(t.slug, u.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("resets the failure count after a successful sign-in", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    for (let i = 0; i < 9; i++) await login(t.slug, u.email, `wrong password ${i}`);
    expect((await login(t.slug, u.email, TEST_PASSWORD)).status).toBe(200);
    const row = await ctx.deps.db.selectFrom("users").select("failed_logins").where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(0);
  });

  it("refuses disabled users and ends their sessions", async () => {
    const t = await makeTenant(ctx);
    const admin = await makeUser(ctx, t);
    const u = await makeUser(ctx, t, { role: "viewer" });
    const s = await signIn(ctx, t, u.email);
    const adminSession = await signIn(ctx, t, admin.email);
    const patch = await ctx.app.request(`/api/v1/users/${u.id}`, { method: "PATCH", body: JSON.stringify({ status: "disabled" }), headers: adminSession.headers });
    expect(patch.status).toBe(200);
    expect((await ctx.app.request("/api/v1/auth/session", { headers: { cookie: s.cookie } })).status).toBe(401);
    expect((await login(t.slug, u.email, TEST_PASSWORD)).status).toBe(401);
  });

  it("logs out: the cookie no longer works and the logout is audited", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    const s = await signIn(ctx, t, u.email);
    const out = await ctx.app.request("/api/v1/auth/logout", { method: "POST", headers: s.headers });
    expect(out.status).toBe(204);
    const after = await ctx.app.request("/api/v1/auth/session", { headers: { cookie: s.cookie } });
    expect(after.status).toBe(401);
    expect((await after.json()).code).toBe("session_expired");
    const audit = await ctx.deps.db.selectFrom("audit_log").select("action").where("tenant_id", "=", t.id).where("subject_id", "=", u.id).orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual(["user.created", "auth.login", "auth.logout"]);
  });
});
