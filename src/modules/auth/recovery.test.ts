import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { json, makeTenant, makeUser, signIn, TEST_PASSWORD } from "../../../tests/support/factories";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

async function lastLink(tenantId: string, template: string) {
  const msg = await ctx.deps.db.selectFrom("messages").select(["body_text", "recipient"]).where("tenant_id", "=", tenantId).where("template", "=", template).orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirstOrThrow();
  const token = /token=([A-Za-z0-9_-]+)/.exec(msg.body_text)?.[1];
  if (!token) throw new Error(`no link in ${msg.body_text}`);
  return { token, recipient: msg.recipient };
}

describe("password reset", () => {
  it("emails a single-use link that sets a new password and ends every session", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    const old = await signIn(ctx, t, u.email);
    const forgot = await ctx.app.request("/api/v1/auth/password/forgot", { method: "POST", ...json({ tenant: t.slug, email: u.email }) });
    expect(forgot.status).toBe(202);
    const { token, recipient } = await lastLink(t.id, "auth.password_reset");
    expect(recipient).toBe(u.email);
    const reset = await ctx.app.request("/api/v1/auth/password/reset", { method: "POST", ...json({ token, password: "a brand new passphrase" }) });
    expect(reset.status).toBe(204);
    expect((await ctx.app.request("/api/v1/auth/session", { headers: { cookie: old.cookie } })).status).toBe(401);
    await expect(signIn(ctx, t, u.email, TEST_PASSWORD)).rejects.toThrow(/401/);
    await signIn(ctx, t, u.email, "a brand new passphrase");
    const reuse = await ctx.app.request("/api/v1/auth/password/reset", { method: "POST", ...json({ token, password: "another new passphrase" }) });
    expect(reuse.status).toBe(400);
    expect((await reuse.json()).code).toBe("token_invalid");
  });

  it("answers 202 for unknown emails without sending anything", async () => {
    const t = await makeTenant(ctx);
    const res = await ctx.app.request("/api/v1/auth/password/forgot", { method: "POST", ...json({ tenant: t.slug, email: "ghost@example.test" }) });
    expect(res.status).toBe(202);
    const sent = await ctx.deps.db.selectFrom("messages").select("id").where("tenant_id", "=", t.id).execute();
    expect(sent).toHaveLength(0);
  });

  it("expires links after an hour and refuses weak passwords with the field named", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    await ctx.app.request("/api/v1/auth/password/forgot", { method: "POST", ...json({ tenant: t.slug, email: u.email }) });
    const { token } = await lastLink(t.id, "auth.password_reset");
    const weak = await ctx.app.request("/api/v1/auth/password/reset", { method: "POST", ...json({ token, password: "short" }) });
    expect(weak.status).toBe(400);
    expect((await weak.json()).errors).toEqual([{ path: "body.password", message: "must be at least 12 characters", code: "password_too_short", params: { minimum: 12 } }]);
    ctx.clock.advance(61 * 60_000);
    const late = await ctx.app.request("/api/v1/auth/password/reset", { method: "POST", ...json({ token, password: "a brand new passphrase" }) });
    expect(late.status).toBe(410);
    expect((await late.json()).code).toBe("token_expired");
  });

  it("sends at most three links an hour to one user", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t);
    for (let i = 0; i < 5; i++) await ctx.app.request("/api/v1/auth/password/forgot", { method: "POST", ...json({ tenant: t.slug, email: u.email }) });
    const sent = await ctx.deps.db.selectFrom("messages").select("id").where("tenant_id", "=", t.id).where("template", "=", "auth.password_reset").execute();
    expect(sent).toHaveLength(3);
  });
});

describe("invitations", () => {
  it("invites by email; accepting sets the password, signs in, and cannot be repeated", async () => {
    const t = await makeTenant(ctx);
    const admin = await makeUser(ctx, t);
    const s = await signIn(ctx, t, admin.email);
    const branch = t.branches[0];
    const inv = await ctx.app.request("/api/v1/invitations", { method: "POST", headers: s.headers, body: JSON.stringify({ email: "New.Agent@Example.test", name: "New Agent", role: "agent", scope: "own", branchId: branch?.id, locale: "ar" }) });
    expect(inv.status).toBe(201);
    expect(await inv.json()).toMatchObject({ email: "new.agent@example.test", role: "agent", scope: "own", branchId: branch?.id, regionId: branch?.regionId });
    const { token } = await lastLink(t.id, "auth.invitation");
    const preview = await ctx.app.request(`/api/v1/auth/invitations/${token}`);
    expect(await preview.json()).toEqual({ email: "new.agent@example.test", name: "New Agent", tenantName: t.name });
    const accept = await ctx.app.request("/api/v1/auth/invitations/accept", { method: "POST", ...json({ token, name: "Nadia Agent", password: "a long enough passphrase" }) });
    expect(accept.status).toBe(200);
    const body = await accept.json();
    expect(body.user).toMatchObject({ name: "Nadia Agent", role: "agent", locale: "ar", branchId: branch?.id });
    const again = await ctx.app.request("/api/v1/auth/invitations/accept", { method: "POST", ...json({ token, name: "X", password: "a long enough passphrase" }) });
    expect(again.status).toBe(400);
    expect((await again.json()).code).toBe("token_invalid");
  });

  it("refuses to invite an existing user, naming the field", async () => {
    const t = await makeTenant(ctx);
    const admin = await makeUser(ctx, t);
    const s = await signIn(ctx, t, admin.email);
    const res = await ctx.app.request("/api/v1/invitations", { method: "POST", headers: s.headers, body: JSON.stringify({ email: admin.email, name: "Dup", role: "viewer", scope: "tenant" }) });
    expect(res.status).toBe(409);
    expect((await res.json()).errors[0].path).toBe("body.email");
  });
});

describe("my profile", () => {
  it("remembers my language and changes my password, ending my other sessions", async () => {
    const t = await makeTenant(ctx);
    const u = await makeUser(ctx, t, { role: "viewer" });
    const a = await signIn(ctx, t, u.email);
    const b = await signIn(ctx, t, u.email);
    const patch = await ctx.app.request("/api/v1/me", { method: "PATCH", headers: a.headers, body: JSON.stringify({ locale: "he" }) });
    expect((await patch.json()).locale).toBe("he");
    const bad = await ctx.app.request("/api/v1/me", { method: "PATCH", headers: a.headers, body: JSON.stringify({ locale: "xx" }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].path).toBe("body.locale");
    const change = await ctx.app.request("/api/v1/me/password", { method: "POST", headers: a.headers, body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: "my second passphrase" }) });
    expect(change.status).toBe(204);
    expect((await ctx.app.request("/api/v1/auth/session", { headers: { cookie: a.cookie } })).status).toBe(200);
    expect((await ctx.app.request("/api/v1/auth/session", { headers: { cookie: b.cookie } })).status).toBe(401);
    const session = await (await ctx.app.request("/api/v1/auth/session", { headers: { cookie: a.cookie } })).json();
    expect(session.user.locale).toBe("he");
  });
});
