import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant, TEST_PASSWORD } from "../support/factories";
import { API, expectProblem, issuePaths, send } from "../support/routes";

/** Bad input gets a precise problem+json: never a 500, never a stack, and nothing saved is lost. */
const ctx = await createTestContext({ env: { BODY_LIMIT_BYTES: "2048" } });

let tenant: TestTenant;
let admin: Record<string, string>;
let userId: string;
const PASSWORD = "a perfectly long passphrase 42";

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
  userId = (await makeUser(ctx, tenant, { role: "agent", branchId: tenant.branches[0]?.id })).id;
});

const req = (method: string, path: string, body: string | undefined, headers: Record<string, string>) =>
  ctx.app.request(`${API}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
const jsonHeaders = () => ({ ...admin, "content-type": "application/json" });

/** Representative writes: method, path, a valid body, a field to give the wrong type. */
const WRITES = [
  { name: "POST /auth/login", method: "POST", path: () => "/auth/login", valid: () => ({ tenant: tenant.slug, email: "x@example.test", password: PASSWORD }), wrong: { email: 42 }, field: "email" },
  { name: "POST /users", method: "POST", path: () => "/users", valid: () => ({ email: "new@example.test", name: "N", password: PASSWORD, role: "viewer", scope: "tenant" }), wrong: { role: "superuser" }, field: "role" },
  { name: "POST /regions", method: "POST", path: () => "/regions", valid: () => ({ code: "zz", name: "Z" }), wrong: { code: ["zz"] }, field: "code" },
  { name: "PATCH /users/{id}", method: "PATCH", path: () => `/users/${userId}`, valid: () => ({ name: "Y" }), wrong: { status: true }, field: "status" },
  { name: "POST /api-keys", method: "POST", path: () => "/api-keys", valid: () => ({ name: "k", role: "viewer" }), wrong: { expiresInDays: "ten" }, field: "expiresInDays" },
];

describe.each(WRITES)("$name", (w) => {
  it("malformed JSON → 400 malformed_json", async () => {
    await expectProblem(await req(w.method, w.path(), '{"name": "unterminated', jsonHeaders()), 400, "malformed_json");
  });

  it("a wrong type → 400 validation_failed naming the field", async () => {
    const p = await expectProblem(await req(w.method, w.path(), JSON.stringify({ ...w.valid(), ...w.wrong }), jsonHeaders()), 400, "validation_failed");
    expect(issuePaths(p)).toContain(`body.${w.field}`);
  });

  it("an unknown field → 400 unknown_field at body.<name>", async () => {
    const p = await expectProblem(await req(w.method, w.path(), JSON.stringify({ ...w.valid(), isAdmin: true }), jsonHeaders()), 400, "unknown_field");
    expect(issuePaths(p)).toEqual(["body.isAdmin"]);
  });

  it("a body over BODY_LIMIT_BYTES → 413 payload_too_large", async () => {
    const big = JSON.stringify({ ...w.valid(), name: "x".repeat(4096) });
    await expectProblem(await req(w.method, w.path(), big, jsonHeaders()), 413, "payload_too_large");
  });

  it.each([["text/plain"], ["application/x-www-form-urlencoded"], ["multipart/form-data; boundary=x"]])("content type %s → 415 unsupported_media_type", async (type) => {
    await expectProblem(await req(w.method, w.path(), JSON.stringify(w.valid()), { ...admin, "content-type": type }), 415, "unsupported_media_type");
  });

  it("no content type at all → 415", async () => {
    await expectProblem(await req(w.method, w.path(), JSON.stringify(w.valid()), { ...admin }), 415, "unsupported_media_type");
  });
});

describe("queries and routes", () => {
  it.each([["/api/v1/nope"], ["/api/v1/users/x/y/z"], ["/api/v2/org"]])("unknown route %s → 404 problem", async (path) => {
    const p = await expectProblem(await ctx.app.request(path, { headers: admin }), 404, "not_found");
    expect(p.instance).toBe(path);
  });

  it("an id that is not a UUID → 400 at param.id (no SQL error)", async () => {
    const p = await expectProblem(await ctx.app.request(`${API}/users/1' OR '1'='1`, { headers: admin }), 400, "validation_failed");
    expect(issuePaths(p)).toEqual(["param.id"]);
  });

  it.each([["/users"], ["/api-keys"], ["/invitations"], ["/audit"], ["/jobs"]])("a bad cursor on %s → 400 at query.cursor", async (path) => {
    for (const cursor of ["garbage!", Buffer.from('["not-a-key"]').toString("base64url"), "W10"]) {
      const p = await expectProblem(await ctx.app.request(`${API}${path}?cursor=${cursor}`, { headers: admin }), 400, "validation_failed");
      expect(issuePaths(p)).toEqual(["query.cursor"]);
    }
  });

  it.each([["0"], ["10000"], ["-1"], ["1.5"], ["ten"]])("limit=%s → 400 at query.limit", async (limit) => {
    const p = await expectProblem(await ctx.app.request(`${API}/users?limit=${limit}`, { headers: admin }), 400, "validation_failed");
    expect(issuePaths(p)).toEqual(["query.limit"]);
  });
});

describe("sessions", () => {
  const signInNew = async () => {
    const user = await makeUser(ctx, tenant, { role: "admin" });
    return { user, s: await signIn(ctx, tenant, user.email) };
  };

  it("a forged session cookie → 401 unauthenticated", async () => {
    await expectProblem(await ctx.app.request(`${API}/org`, { headers: { cookie: "atrium_session=garbage" } }), 401, "unauthenticated");
  });

  it("a session 13 hours later → 401 session_expired", async () => {
    const { s } = await signInNew();
    ctx.clock.advance(13 * 3600 * 1000);
    await expectProblem(await ctx.app.request(`${API}/org`, { headers: { cookie: s.cookie } }), 401, "session_expired");
  });

  it("a session kept busy still ends at its 12-hour lifetime", async () => {
    const { s } = await signInNew();
    // 50-minute steps: never idle for an hour, so only the lifetime can end it.
    for (let minutes = 50; minutes < 12 * 60; minutes += 50) {
      ctx.clock.advance(50 * 60 * 1000);
      expect((await ctx.app.request(`${API}/org`, { headers: { cookie: s.cookie } })).status, `after ${minutes} min`).toBe(200);
    }
    ctx.clock.advance(50 * 60 * 1000);
    await expectProblem(await ctx.app.request(`${API}/org`, { headers: { cookie: s.cookie } }), 401, "session_expired");
  });

  it("a session idle for 61 minutes → 401 session_expired", async () => {
    const { s } = await signInNew();
    ctx.clock.advance(59 * 60 * 1000);
    expect((await ctx.app.request(`${API}/org`, { headers: { cookie: s.cookie } })).status).toBe(200);
    ctx.clock.advance(61 * 60 * 1000);
    await expectProblem(await ctx.app.request(`${API}/org`, { headers: { cookie: s.cookie } }), 401, "session_expired");
  });

  it("a cookie write without X-CSRF-Token → 403 csrf_invalid, and nothing is written", async () => {
    const { s } = await signInNew();
    const body = JSON.stringify({ code: "csrf-none", name: "Should not exist" });
    await expectProblem(await req("POST", "/regions", body, { cookie: s.cookie, "content-type": "application/json" }), 403, "csrf_invalid");
    const org = await (await ctx.app.request(`${API}/org`, { headers: admin })).text();
    expect(org).not.toContain("csrf-none");
  });

  it("a CSRF token of an ended session is refused in a new session of the same user", async () => {
    const { user, s: first } = await signInNew();
    expect((await ctx.app.request(`${API}/auth/logout`, { method: "POST", headers: { cookie: first.cookie, "x-csrf-token": first.csrf } })).status).toBe(204);
    // The ended session itself is gone.
    await expectProblem(await ctx.app.request(`${API}/org`, { headers: { cookie: first.cookie } }), 401, "session_expired");
    const second = await signIn(ctx, tenant, user.email, TEST_PASSWORD);
    expect(second.csrf).not.toBe(first.csrf);
    const body = JSON.stringify({ code: "csrf-replay", name: "Should not exist" });
    await expectProblem(await req("POST", "/regions", body, { cookie: second.cookie, "x-csrf-token": first.csrf, "content-type": "application/json" }), 403, "csrf_invalid");
    // The right token works, so the refusal was about the token.
    expect((await req("POST", "/regions", body, second.headers)).status).toBe(201);
  });
});

describe("failed writes lose nothing", () => {
  const readUser = async (id: string) => {
    const res = await ctx.app.request(`${API}/users/${id}`, { headers: admin });
    expect(res.status).toBe(200);
    return res.json();
  };
  const countUsers = async () => ((await (await ctx.app.request(`${API}/users?limit=200`, { headers: admin })).json()) as { items: unknown[] }).items.length;

  it("PATCH /users/{id} with one invalid field changes nothing", async () => {
    const before = await readUser(userId);
    const p = await expectProblem(await req("PATCH", `/users/${userId}`, JSON.stringify({ name: "Changed", role: "superuser" }), jsonHeaders()), 400, "validation_failed");
    expect(issuePaths(p)).toEqual(["body.role"]);
    expect(await readUser(userId)).toEqual(before);
  });

  it("PATCH /users/{id} refused inside the transaction (scope branch without a branch) changes nothing", async () => {
    const other = await makeUser(ctx, tenant, { role: "viewer" });
    const before = await readUser(other.id);
    const p = await expectProblem(await req("PATCH", `/users/${other.id}`, JSON.stringify({ name: "Changed", scope: "branch" }), jsonHeaders()), 400, "validation_failed");
    expect(issuePaths(p)).toEqual(["body.branchId"]);
    expect(await readUser(other.id)).toEqual(before);
  });

  it("POST /users with a taken email (any case) → 409 already_exists at body.email; count unchanged", async () => {
    const existing = await makeUser(ctx, tenant, { role: "viewer" });
    const before = await countUsers();
    for (const email of [existing.email, existing.email.toUpperCase()]) {
      const body = { email, name: "Dup", password: PASSWORD, role: "viewer", scope: "tenant" };
      const p = await expectProblem(await ctx.app.request(`${API}/users`, send("POST", body, admin)), 409, "already_exists");
      expect(issuePaths(p)).toEqual(["body.email"]);
    }
    expect(await countUsers()).toBe(before);
  });
});
