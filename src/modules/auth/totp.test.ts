import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { json, makeTenant, makeUser, sessionCookieFrom, signIn, TEST_PASSWORD } from "../../../tests/support/factories";
import { totpCodeAt } from "./totp";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

async function enrol(t: Awaited<ReturnType<typeof makeTenant>>, email: string) {
  const s = await signIn(ctx, t, email);
  const setup = await ctx.app.request("/api/v1/me/totp/setup", { method: "POST", headers: s.headers });
  expect(setup.status).toBe(200);
  const { secret, otpauthUrl, qrSvg } = await setup.json();
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
  expect(qrSvg).toMatch(/^<svg/);
  const enable = await ctx.app.request("/api/v1/me/totp/enable", { method: "POST", body: JSON.stringify({ code: totpCodeAt(secret, ctx.clock.now()) }), headers: s.headers });
  expect(enable.status).toBe(200);
  expect((await enable.json()).totpEnabled).toBe(true);
  return { secret, session: s };
}

describe("two-factor sign-in", () => {
  it("enrols, then requires a code at sign-in and issues a fresh session after it", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    const { secret } = await enrol(t, u.email);
    const stored = await ctx.deps.db.selectFrom("users").select("totp_secret_enc").where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(stored.totp_secret_enc).not.toContain(secret);

    ctx.clock.advance(60_000);
    const first = await ctx.app.request("/api/v1/auth/login", { method: "POST", ...json({ tenant: t.slug, email: u.email, password: TEST_PASSWORD }) });
    expect(await first.json()).toEqual({ status: "mfa_required" });
    const pending = sessionCookieFrom(first);
    // The pending session is not a sign-in.
    const early = await ctx.app.request("/api/v1/users", { headers: { cookie: pending } });
    expect(early.status).toBe(401);
    expect((await early.json()).code).toBe("mfa_required");

    const code = totpCodeAt(secret, ctx.clock.now());
    const second = await ctx.app.request("/api/v1/auth/login/totp", { method: "POST", ...json({ code }, { cookie: pending }) });
    expect(second.status).toBe(200);
    const full = sessionCookieFrom(second);
    expect(full).not.toBe(pending);
    expect((await ctx.app.request("/api/v1/auth/session", { headers: { cookie: full } })).status).toBe(200);
    expect((await ctx.app.request("/api/v1/auth/session", { headers: { cookie: pending } })).status).toBe(401);

    // The same code cannot be replayed for another sign-in.
    const again = await ctx.app.request("/api/v1/auth/login", { method: "POST", ...json({ tenant: t.slug, email: u.email, password: TEST_PASSWORD }) });
    const replay = await ctx.app.request("/api/v1/auth/login/totp", { method: "POST", ...json({ code }, { cookie: sessionCookieFrom(again) }) });
    expect(replay.status).toBe(401);
    expect((await replay.json()).code).toBe("invalid_mfa_code");
  });

  it("counts wrong codes toward the lockout", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    await enrol(t, u.email);
    const start = await ctx.app.request("/api/v1/auth/login", { method: "POST", ...json({ tenant: t.slug, email: u.email, password: TEST_PASSWORD }) });
    const pending = sessionCookieFrom(start);
    let last: Response | undefined;
    for (let i = 0; i < 10; i++) {
      last = await ctx.app.request("/api/v1/auth/login/totp", { method: "POST", ...json({ code: "000000" }, { cookie: pending }) });
    }
    expect(last?.status).toBe(423);
    const row = await ctx.deps.db.selectFrom("users").select("locked_until").where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row.locked_until?.getTime()).toBeGreaterThan(ctx.clock.now().getTime());
  });

  it("turns off only with the password and a current code", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    const { secret, session } = await enrol(t, u.email);
    ctx.clock.advance(60_000);
    const wrongPw = await ctx.app.request("/api/v1/me/totp/disable", { method: "POST", body: JSON.stringify({ password: "wrong password!!", code: totpCodeAt(secret, ctx.clock.now()) }), headers: session.headers });
    expect(wrongPw.status).toBe(400);
    expect((await wrongPw.json()).errors[0].path).toBe("body.password");
    const ok = await ctx.app.request("/api/v1/me/totp/disable", { method: "POST", body: JSON.stringify({ password: TEST_PASSWORD, code: totpCodeAt(secret, ctx.clock.now()) }), headers: session.headers });
    expect(ok.status).toBe(200);
    expect((await ok.json()).totpEnabled).toBe(false);
    const actions = await ctx.deps.db.selectFrom("audit_log").select("action").where("tenant_id", "=", t.id).where("action", "like", "auth.totp%").orderBy("seq").execute();
    expect(actions.map((a) => a.action)).toEqual(["auth.totp_enabled", "auth.totp_disabled"]);
  });
});

describe("an administrator resets a lost phone", () => {
  it("turns the person's two-factor off, ends their sessions, emails them, and is audited", async () => {
    const t = await makeTenant(ctx);
    const admin = await makeUser(ctx, t);
    const u = await makeUser(ctx, t, { role: "viewer" });
    const { session } = await enrol(t, u.email);
    const s = await signIn(ctx, t, admin.email);
    const listed = (await (await ctx.app.request(`/api/v1/users/${u.id}`, { headers: s.headers })).json()) as { actions: string[] };
    expect(listed.actions).toContain("reset_totp");

    const res = await ctx.app.request(`/api/v1/users/${u.id}/totp/reset`, { method: "POST", headers: s.headers });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.totpEnabled).toBe(false);
    expect(body.actions).not.toContain("reset_totp");
    expect((await ctx.app.request("/api/v1/auth/session", { headers: { cookie: session.cookie } })).status).toBe(401);
    await signIn(ctx, t, u.email); // password alone is enough again
    const mail = await ctx.deps.db.selectFrom("messages").select("template").where("tenant_id", "=", t.id).where("recipient", "=", u.email).orderBy("created_at").execute();
    expect(mail.map((m) => m.template)).toEqual(["auth.totp_enabled", "auth.totp_disabled"]);
    const audit = await ctx.deps.db.selectFrom("audit_log").select(["action", "actor_id"]).where("tenant_id", "=", t.id).where("action", "=", "user.totp_reset").execute();
    expect(audit).toEqual([{ action: "user.totp_reset", actor_id: admin.id }]);

    const again = await ctx.app.request(`/api/v1/users/${u.id}/totp/reset`, { method: "POST", headers: s.headers });
    expect(again.status).toBe(409);
  });

  it("is not a way around one's own password and code", async () => {
    const t = await makeTenant(ctx);
    const admin = await makeUser(ctx, t);
    const { session } = await enrol(t, admin.email);
    const res = await ctx.app.request(`/api/v1/users/${admin.id}/totp/reset`, { method: "POST", headers: session.headers });
    expect(res.status).toBe(409);
    const row = await ctx.deps.db.selectFrom("users").select("totp_enabled_at").where("id", "=", admin.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
  });
});
