import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/context";
import { apiKeyHeaders, json, makeTenant, makeUser, TEST_PASSWORD } from "../support/factories";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

/** What @hono/node-server passes as env: lets an in-memory request come from a given address. */
const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip, remotePort: 50_000, remoteFamily: "IPv4" } } });

describe("anonymous callers and guessing", () => {
  it("answers 401 before looking at the body of a protected route", async () => {
    const res = await ctx.app.request("/api/v1/users", { method: "POST", ...json({ nonsense: true }) });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.code).toBe("unauthenticated");
    expect(body.errors).toBeUndefined();
  });

  it("refuses an address after 30 invalid API keys, without hurting other addresses", async () => {
    const t = await makeTenant(ctx);
    const good = await apiKeyHeaders(ctx, t, "viewer");
    const bad = { authorization: "Bearer atr_AAAAAAAA_notarealkeynotarealkeynotarealkeynotarealkey" };
    for (let i = 0; i < 30; i++) {
      const r = await ctx.app.request("/api/v1/org", { headers: bad }, from("203.0.113.7"));
      expect(r.status).toBe(401);
    }
    const blocked = await ctx.app.request("/api/v1/org", { headers: good }, from("203.0.113.7"));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("600");
    const other = await ctx.app.request("/api/v1/org", { headers: good }, from("203.0.113.8"));
    expect(other.status).toBe(200);
  });

  it("slows password spraying from one address across many accounts", async () => {
    const t = await makeTenant(ctx);
    const victim = await makeUser(ctx, t);
    let last = 0;
    for (let i = 0; i < 51; i++) {
      const r = await ctx.app.request("/api/v1/auth/login", { method: "POST", ...json({ tenant: t.slug, email: `user${i}@example.test`, password: "Password123456" }) }, from("198.51.100.20"));
      last = r.status;
    }
    expect(last).toBe(429);
    const elsewhere = await ctx.app.request("/api/v1/auth/login", { method: "POST", ...json({ tenant: t.slug, email: victim.email, password: TEST_PASSWORD }) }, from("198.51.100.21"));
    expect(elsewhere.status).toBe(200);
  });
});
