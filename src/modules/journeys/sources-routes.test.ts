import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant } from "../../../tests/support/factories";
import { API, expectProblem, send } from "../../../tests/support/routes";
import { sourceByWriteKey } from "./sources";

const ctx = await createTestContext();
let A: TestTenant;
let B: TestTenant;
let admin: Record<string, string>;
let bAdmin: Record<string, string>;
let analyst: Record<string, string>;

beforeAll(async () => {
  [A, B] = [await makeTenant(ctx), await makeTenant(ctx)];
  admin = await apiKeyHeaders(ctx, A, "admin");
  bAdmin = await apiKeyHeaders(ctx, B, "admin");
  analyst = await apiKeyHeaders(ctx, A, "cx_analyst");
});

type Source = { id: string; name: string; kind: string; keyHint: string | null; createdBy: string | null; disabledAt: string | null };
type WithKey = { source: Source; writeKey: string | null };

const post = (path: string, body: unknown = {}, headers = admin) => ctx.app.request(`${API}${path}`, send("POST", body, headers));
async function create(name: string, headers = admin, kind?: string): Promise<WithKey> {
  const res = await post("/sources", kind ? { name, kind } : { name }, headers);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as WithKey;
}
async function list(headers = admin) {
  const res = await ctx.app.request(`${API}/sources`, { headers });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return { text, items: (JSON.parse(text) as { items: Source[] }).items };
}
async function audit(tenant: TestTenant, action: string) {
  return ctx.deps.db.selectFrom("audit_log").selectAll().where("tenant_id", "=", tenant.id).where("action", "=", action).execute();
}

describe("event sources API", () => {
  it("creates an http source whose key (shown once) finds it, and an import source without a key", async () => {
    const { source, writeKey } = await create("Website");
    expect(writeKey).toMatch(/^wk_[A-Za-z0-9_-]{43}$/);
    expect(source).toMatchObject({ name: "Website", kind: "http", keyHint: writeKey?.slice(-4), disabledAt: null });
    expect((await sourceByWriteKey(ctx.deps.db, writeKey as string))?.id).toBe(source.id);
    const imp = await create("Call centre files", admin, "import");
    expect(imp.writeKey).toBeNull();
    expect(imp.source).toMatchObject({ kind: "import", keyHint: null });
    const [entry] = (await audit(A, "source.created")).filter((e) => e.subject_id === source.id);
    expect(entry?.data).toMatchObject({ name: "Website", kind: "http" });
    expect(JSON.stringify(entry?.data)).not.toContain(writeKey);
  });

  it("a session user is recorded as the creator", async () => {
    const user = await makeUser(ctx, A, { role: "admin" });
    const session = await signIn(ctx, A, user.email);
    const { source } = await create("Mobile app", session.headers);
    expect(source.createdBy).toBe(user.id);
  });

  it("refuses a name the bank already has (any case) with 409 naming body.name, but another bank may use it", async () => {
    await create("Core banking");
    const dup = await expectProblem(await post("/sources", { name: "  core BANKING " }), 409, "already_exists");
    expect(dup.errors).toEqual([expect.objectContaining({ path: "body.name", code: "taken" })]);
    await create("Core banking", bAdmin);
  });

  it("validates the body: empty or too long names, unknown kinds and fields", async () => {
    for (const body of [{ name: "" }, { name: "   " }, { name: "x".repeat(81) }, { name: "Ok", kind: "atrium" }, { name: "Ok", extra: 1 }, {}]) {
      const res = await post("/sources", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    await create("x".repeat(80));
  });

  it("lists the bank's sources without keys or hashes", async () => {
    const { writeKey } = await create("Listed");
    const { text, items } = await list();
    const listed = items.find((s) => s.name === "Listed");
    expect(listed).toBeDefined();
    expect(Object.keys(listed ?? {}).sort()).toEqual(["createdAt", "createdBy", "disabledAt", "id", "keyHint", "kind", "name"]);
    expect(text).not.toContain(writeKey);
    expect(text).not.toMatch(/wk_|hash/i);
  });

  it("rotate: a new key works at once and the old one stops", async () => {
    const { source, writeKey: old } = await create("Rotated");
    const res = await post(`/sources/${source.id}/rotate`);
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as WithKey;
    expect(rotated.writeKey).not.toBe(old);
    expect(rotated.source.keyHint).toBe(rotated.writeKey?.slice(-4));
    expect(await sourceByWriteKey(ctx.deps.db, old as string)).toBeUndefined();
    expect((await sourceByWriteKey(ctx.deps.db, rotated.writeKey as string))?.id).toBe(source.id);
    const [entry] = (await audit(A, "source.key_rotated")).filter((e) => e.subject_id === source.id);
    expect(JSON.stringify(entry?.data)).not.toContain(old);
    expect(JSON.stringify(entry?.data)).not.toContain(rotated.writeKey);
  });

  it("rotate refuses an import source (it has no key)", async () => {
    const { source } = await create("Imports only", admin, "import");
    await expectProblem(await post(`/sources/${source.id}/rotate`), 409, "conflict");
  });

  it("disable hides the source from its key; enable brings it back; repeats record nothing", async () => {
    const { source, writeKey } = await create("Switched");
    const key = writeKey as string;
    const off = await post(`/sources/${source.id}/disable`);
    expect(off.status).toBe(200);
    expect(((await off.json()) as Source).disabledAt).not.toBeNull();
    expect(await sourceByWriteKey(ctx.deps.db, key)).toBeUndefined();
    expect((await post(`/sources/${source.id}/disable`)).status).toBe(200);
    expect((await audit(A, "source.disabled")).filter((e) => e.subject_id === source.id)).toHaveLength(1);
    expect((await list()).items.find((s) => s.id === source.id)?.disabledAt).not.toBeNull();
    const on = await post(`/sources/${source.id}/enable`);
    expect(((await on.json()) as Source).disabledAt).toBeNull();
    expect((await sourceByWriteKey(ctx.deps.db, key))?.id).toBe(source.id);
    expect((await audit(A, "source.enabled")).filter((e) => e.subject_id === source.id)).toHaveLength(1);
  });

  it("another bank's source is not found and not changed; its list does not show it", async () => {
    const theirs = await create("B private source", bAdmin);
    for (const action of ["rotate", "disable", "enable"]) await expectProblem(await post(`/sources/${theirs.source.id}/${action}`), 404, "not_found");
    await expectProblem(await post(`/sources/${crypto.randomUUID()}/disable`), 404, "not_found");
    expect((await sourceByWriteKey(ctx.deps.db, theirs.writeKey as string))?.id).toBe(theirs.source.id);
    expect((await list()).text).not.toContain(theirs.source.id);
    expect((await list(bAdmin)).items.map((s) => s.id)).toContain(theirs.source.id);
  });

  it("only admins manage sources", async () => {
    await expectProblem(await ctx.app.request(`${API}/sources`, { headers: analyst }), 403, "forbidden");
    await expectProblem(await post("/sources", { name: "Not mine" }, analyst), 403, "forbidden");
    await expectProblem(await ctx.app.request(`${API}/sources`), 401, "unauthenticated");
  });
});
