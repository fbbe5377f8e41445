import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/context";
import { apiKeyHeaders, makeTenant, makeUser, type TestTenant } from "../support/factories";
import { API, expectProblem } from "../support/routes";

/** Security headers, request ids, the OpenAPI document, health probes and rate limiting. */
let ctx: TestContext;
let tenant: TestTenant;
let admin: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
});

function expectSecurityHeaders(res: Response) {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("referrer-policy")).toMatch(/^(no-referrer|same-origin|strict-origin(-when-cross-origin)?)$/);
}

describe("security headers", () => {
  it.each([
    ["GET /api/v1/org (200)", `${API}/org`, true],
    ["GET /api/v1/org without credentials (401)", `${API}/org`, false],
    ["GET /api/v1/nope (404)", `${API}/nope`, true],
    ["GET /app/", "/app/", false],
    ["GET /healthz", "/healthz", false],
  ])("on %s", async (_name, path, auth) => {
    const res = await ctx.app.request(path, { headers: auth ? admin : {} });
    expect(res.status).toBeLessThan(600);
    expectSecurityHeaders(res);
  });

  it("no HSTS on http", async () => {
    const res = await ctx.app.request(`${API}/org`, { headers: admin });
    expect(ctx.config.https).toBe(false);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("HSTS on every answer, and a Secure session cookie, when PUBLIC_URL is https", async () => {
    const https = await createTestContext({ env: { PUBLIC_URL: "https://bank.example" } });
    const t = await makeTenant(https);
    const user = await makeUser(https, t, { role: "viewer" });
    for (const path of [`${API}/org`, "/app/", "/healthz"]) {
      const hsts = (await https.app.request(path)).headers.get("strict-transport-security") ?? "";
      expect(hsts, path).toMatch(/max-age=\d{7,}/);
    }
    const login = await https.app.request(`${API}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tenant: t.slug, email: user.email, password: "correct horse battery staple" }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith("atrium_session=")) ?? "";
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });

  it("cache-control: no-store on API answers, success and error alike", async () => {
    for (const [path, headers] of [[`${API}/org`, admin], [`${API}/users`, {}], [`${API}/nope`, admin]] as const) {
      expect((await ctx.app.request(path, { headers })).headers.get("cache-control"), path).toBe("no-store");
    }
  });
});

describe("request ids", () => {
  it("echoes a sane X-Request-Id, also in problem bodies", async () => {
    const id = "req-12345678.abc:def";
    const ok = await ctx.app.request(`${API}/org`, { headers: { ...admin, "x-request-id": id } });
    expect(ok.headers.get("x-request-id")).toBe(id);
    const bad = await ctx.app.request(`${API}/org`, { headers: { "x-request-id": id } });
    expect((await expectProblem(bad, 401, "unauthenticated")).requestId).toBe(id);
  });

  it.each([
    ["401", () => ctx.app.request(`${API}/org`)],
    ["404", () => ctx.app.request(`${API}/nope`, { headers: admin })],
    ["400", () => ctx.app.request(`${API}/users?limit=0`, { headers: admin })],
    ["415", () => ctx.app.request(`${API}/regions`, { method: "POST", headers: { ...admin, "content-type": "text/plain" }, body: "x" })],
  ])("a %s problem answer carries the X-Request-Id header too, equal to its requestId", async (_status, call) => {
    const res = await call();
    const body = (await res.clone().json()) as { requestId: string };
    expect(res.headers.get("x-request-id"), "x-request-id header on a problem answer").toBe(body.requestId);
  });

  it.each([["short"], ["has spaces in it"], ["<script>alert(1)</script>"], ["x".repeat(200)], ["new\u00e9line-12345678"]])("replaces an insane X-Request-Id (%s)", async (id) => {
    const res = await ctx.app.request(`${API}/org`, { headers: { ...admin, "x-request-id": id } });
    const got = res.headers.get("x-request-id") ?? "";
    expect(got).not.toBe(id);
    expect(got).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("gives each request its own id when none is sent", async () => {
    const a = (await ctx.app.request("/healthz")).headers.get("x-request-id");
    const b = (await ctx.app.request("/healthz")).headers.get("x-request-id");
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).not.toBe(a);
  });
});

describe("documents and probes", () => {
  it("GET /api/v1/openapi.json is OpenAPI 3.1 with both security schemes", async () => {
    const res = await ctx.app.request(`${API}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; components?: { securitySchemes?: Record<string, { type: string; in?: string; name?: string; scheme?: string }> } };
    expect(doc.openapi.startsWith("3.1")).toBe(true);
    expect(doc.components?.securitySchemes?.session).toMatchObject({ type: "apiKey", in: "cookie", name: "atrium_session" });
    expect(doc.components?.securitySchemes?.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("GET /healthz → 200 ok; GET /readyz → 200 ready", async () => {
    const health = await ctx.app.request("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await ctx.app.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
  });
});

describe("rate limiting", () => {
  it("the 11th request in a minute from one key → 429 rate_limited with Retry-After", async () => {
    // The limiter uses Date.now (not ctx.clock): we only assert the refusal within one minute.
    const limited = await createTestContext({ env: { RATE_LIMIT_PER_MINUTE: "10" } });
    const t = await makeTenant(limited);
    const key = await apiKeyHeaders(limited, t, "viewer");
    const other = await apiKeyHeaders(limited, t, "viewer");
    for (let i = 1; i <= 10; i++) {
      const res = await limited.app.request(`${API}/org`, { headers: key });
      expect(res.status, `request ${i}`).toBe(200);
      expect(res.headers.get("ratelimit-remaining")).toBe(String(10 - i));
    }
    const res = await limited.app.request(`${API}/org`, { headers: key });
    await expectProblem(res, 429, "rate_limited");
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    // The limit is per client: another key still gets through.
    expect((await limited.app.request(`${API}/org`, { headers: other })).status).toBe(200);
  });

  it("the 429 also carries the RateLimit headers (remaining 0)", async () => {
    const limited = await createTestContext({ env: { RATE_LIMIT_PER_MINUTE: "10" } });
    const key = await apiKeyHeaders(limited, await makeTenant(limited), "viewer");
    for (let i = 0; i < 10; i++) await limited.app.request(`${API}/org`, { headers: key });
    const res = await limited.app.request(`${API}/org`, { headers: key });
    expect(res.status).toBe(429);
    expect(res.headers.get("ratelimit-limit")).toBe("10");
    expect(res.headers.get("ratelimit-remaining")).toBe("0");
  });
});
