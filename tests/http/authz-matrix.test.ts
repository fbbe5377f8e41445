import { beforeAll, describe, expect, it } from "vitest";
import { PERMISSIONS, type Permission, ROLES, type Role } from "../../src/kernel/access";
import { createTestContext } from "../support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant } from "../support/factories";
import { API, expectProblem, type Fixture, fixture, liveOperations, type Operation, ROUTES, requestFor } from "../support/routes";

/**
 * Role × route matrix over every operation of the live OpenAPI document: a route added later is
 * covered automatically, and fails here until it is classified in tests/support/routes.ts.
 */
const ctx = await createTestContext();
const ops = await liveOperations(ctx);
const classified = ops.filter((o) => ROUTES[o.key]);
const guarded = classified.filter((o) => ROUTES[o.key]?.need !== "public");
const publicOps = classified.filter((o) => ROUTES[o.key]?.need === "public");

let tenant: TestTenant;
let f: Fixture;
const keys = {} as Record<Role, Record<string, string>>;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  f = fixture(tenant);
  for (const role of ROLES) keys[role] = await apiKeyHeaders(ctx, tenant, role);
});

/** May an actor of this role (an API key unless `person`) pass the route's authorization? */
const allowed = (op: Operation, role: Role, person = false): boolean => {
  const spec = ROUTES[op.key];
  if (!spec || (spec.sessionOnly && !person)) return false;
  if (spec.need === "any-user") return true;
  return (PERMISSIONS[spec.need as Permission] as readonly Role[]).includes(role);
};

/** Passing authorization: anything but 401/403, and never a server error. */
async function expectAuthorized(res: Response) {
  const text = await res.text();
  expect(res.status, text).not.toBe(401);
  expect(res.status, text).not.toBe(403);
  expect(res.status, text).toBeLessThan(500);
}

describe("the route table", () => {
  it("the document has operations under /api/v1 (sanity)", () => {
    expect(ops.length).toBeGreaterThan(20);
    expect(ops.every((o) => o.path.startsWith(`${API}/`))).toBe(true);
  });

  it("classifies every operation of the OpenAPI document", () => {
    const unclassified = ops.filter((o) => !ROUTES[o.key]).map((o) => o.key);
    expect(unclassified, "add these to ROUTES in tests/support/routes.ts").toEqual([]);
  });

  it("has no stale entries (every classified route is in the document)", () => {
    const live = new Set(ops.map((o) => o.key));
    expect(Object.keys(ROUTES).filter((k) => !live.has(k))).toEqual([]);
  });

  it("documents security on exactly the non-public operations", () => {
    const wrong = classified.filter((o) => o.secured !== (ROUTES[o.key]?.need !== "public")).map((o) => o.key);
    expect(wrong).toEqual([]);
  });
});

const keyCases = ROLES.flatMap((role) => guarded.map((op) => ({ role, key: op.key, op })));

describe("API keys of each role", () => {
  it.each(keyCases)("$role → $key", async ({ role, op }) => {
    const res = await ctx.app.request(...requestFor(op, f, keys[role]));
    if (allowed(op, role)) await expectAuthorized(res);
    else await expectProblem(res, 403, "forbidden");
  });
});

const sessionOnly = guarded.filter((o) => ROUTES[o.key]?.sessionOnly);
const sessionCases = ROLES.flatMap((role) => sessionOnly.map((op) => ({ role, key: op.key, op })));

describe("people-only routes with a session of each role", () => {
  it.each(sessionCases)("$role session → $key", async ({ role, op }) => {
    // A fresh person per case: these routes change the signed-in user's own state.
    const user = await makeUser(ctx, tenant, { role });
    const s = await signIn(ctx, tenant, user.email);
    const res = await ctx.app.request(...requestFor(op, f, s.headers));
    if (allowed(op, role, true)) await expectAuthorized(res);
    else await expectProblem(res, 403, "forbidden");
  });
});

describe("without valid credentials", () => {
  it.each(guarded.map((op) => ({ key: op.key, op })))("no credentials → $key is 401 unauthenticated", async ({ op }) => {
    await expectProblem(await ctx.app.request(...requestFor(op, f)), 401, "unauthenticated");
  });

  it.each(guarded.map((op) => ({ key: op.key, op })))("garbage bearer → $key is 401 invalid_api_key", async ({ op }) => {
    await expectProblem(await ctx.app.request(...requestFor(op, f, { authorization: "Bearer garbage" })), 401, "invalid_api_key");
  });

  it("a well-formed key that does not exist, a revoked key and an expired key are refused", async () => {
    const org = guarded.find((o) => o.key === "GET /org") as Operation;
    const unknown = `atr_abcdefgh_${"x".repeat(43)}`;
    await expectProblem(await ctx.app.request(...requestFor(org, f, { authorization: `Bearer ${unknown}` })), 401, "invalid_api_key");

    const admin = keys.admin;
    const created = await ctx.app.request(`${API}/api-keys`, { method: "POST", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify({ name: "short-lived", role: "admin", expiresInDays: 1 }) });
    expect(created.status).toBe(201);
    const { key, apiKey } = (await created.json()) as { key: string; apiKey: { id: string } };
    const auth = { authorization: `Bearer ${key}` };
    expect((await ctx.app.request(...requestFor(org, f, auth))).status).toBe(200);

    ctx.clock.advance(25 * 3600 * 1000);
    await expectProblem(await ctx.app.request(...requestFor(org, f, auth)), 401, "invalid_api_key");
    ctx.clock.advance(-25 * 3600 * 1000);
    expect((await ctx.app.request(...requestFor(org, f, auth))).status).toBe(200);

    const revoked = await ctx.app.request(`${API}/api-keys/${apiKey.id}`, { method: "DELETE", headers: admin });
    expect(revoked.status).toBe(204);
    await expectProblem(await ctx.app.request(...requestFor(org, f, auth)), 401, "invalid_api_key");
  });
});

/** Public, but the second step of a sign-in: without the pending sign-in cookie it says "sign in first". */
const NEEDS_PENDING_SIGN_IN = new Set(["POST /auth/login/totp"]);
/** Public, but the customer's own application: without the customer's session token it is refused (401, or 400 when the input is checked first). */
const NEEDS_CUSTOMER_SESSION = (key: string) => / \/public\/(applications\/me|signing)(\/|$)/.test(key);

describe("public operations", () => {
  it.each(publicOps.map((op) => ({ key: op.key, op })))("$key answers without credentials (never forbidden)", async ({ op }) => {
    const res = await ctx.app.request(...requestFor(op, f));
    const text = await res.text();
    expect(res.status, text).toBeLessThan(500);
    expect(text).not.toMatch(/"code":"forbidden"/);
    if (NEEDS_CUSTOMER_SESSION(op.key)) expect([400, 401], text).toContain(res.status);
    else if (!NEEDS_PENDING_SIGN_IN.has(op.key)) expect(text).not.toMatch(/"code":"unauthenticated"/);
  });
});
