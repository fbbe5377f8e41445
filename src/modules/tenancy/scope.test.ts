import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { makeTenant, makeUser, signIn } from "../../../tests/support/factories";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const ids = async (res: Response) => ((await res.json()).items as { id: string }[]).map((u) => u.id).sort();

describe("data scope, enforced on the server", () => {
  it("shows a branch manager only their branch, a region manager only their region", async () => {
    const t = await makeTenant(ctx);
    const [b1, b2, b3] = t.branches;
    if (!b1 || !b2 || !b3) throw new Error("factory gives four branches");
    const inB1 = await makeUser(ctx, t, { role: "agent", scope: "own", branchId: b1.id });
    const inB2 = await makeUser(ctx, t, { role: "agent", scope: "own", branchId: b2.id });
    const inB3 = await makeUser(ctx, t, { role: "agent", scope: "own", branchId: b3.id }); // other region
    const branchMgr = await makeUser(ctx, t, { role: "branch_manager", branchId: b1.id });
    const regionMgr = await makeUser(ctx, t, { role: "branch_manager", regionId: b1.regionId });
    const compliance = await makeUser(ctx, t, { role: "compliance_officer" });

    const sb = await signIn(ctx, t, branchMgr.email);
    expect(await ids(await ctx.app.request("/api/v1/users", { headers: sb.headers }))).toEqual([inB1.id, branchMgr.id].sort());
    const sr = await signIn(ctx, t, regionMgr.email);
    expect(await ids(await ctx.app.request("/api/v1/users", { headers: sr.headers }))).toEqual([inB1.id, inB2.id, branchMgr.id, regionMgr.id].sort());
    const sc = await signIn(ctx, t, compliance.email);
    expect((await ids(await ctx.app.request("/api/v1/users?limit=200", { headers: sc.headers }))).length).toBe(6);
    // Out-of-scope rows read as not found, even by id.
    const outside = await ctx.app.request(`/api/v1/users/${inB3.id}`, { headers: sb.headers });
    expect(outside.status).toBe(404);
  });

  it("pages with a cursor through every user exactly once", async () => {
    const t = await makeTenant(ctx);
    const admin = await makeUser(ctx, t);
    for (let i = 0; i < 6; i++) await makeUser(ctx, t, { role: "viewer" });
    const s = await signIn(ctx, t, admin.email);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await ctx.app.request(`/api/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ""}`, { headers: s.headers });
      const page = await res.json();
      seen.push(...page.items.map((u: { id: string }) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("keeps a region-scoped admin inside their region and keeps one bank-wide admin", async () => {
    const t = await makeTenant(ctx);
    const [north, south] = t.regions;
    if (!north || !south) throw new Error("two regions");
    const top = await makeUser(ctx, t);
    const regional = await makeUser(ctx, t, { role: "admin", regionId: north.id });
    const s = await signIn(ctx, t, regional.email);
    const wide = await ctx.app.request("/api/v1/invitations", { method: "POST", headers: s.headers, body: JSON.stringify({ email: "x@example.test", name: "X", role: "viewer", scope: "tenant" }) });
    expect(wide.status).toBe(403);
    expect((await wide.json()).code).toBe("out_of_scope");
    const otherRegion = await ctx.app.request("/api/v1/invitations", { method: "POST", headers: s.headers, body: JSON.stringify({ email: "y@example.test", name: "Y", role: "viewer", scope: "region", regionId: south.id }) });
    expect(otherRegion.status).toBe(403);
    const own = await ctx.app.request("/api/v1/invitations", { method: "POST", headers: s.headers, body: JSON.stringify({ email: "z@example.test", name: "Z", role: "viewer", scope: "region", regionId: north.id }) });
    expect(own.status).toBe(201);

    const st = await signIn(ctx, t, top.email);
    const demote = await ctx.app.request(`/api/v1/users/${top.id}`, { method: "PATCH", headers: st.headers, body: JSON.stringify({ role: "viewer" }) });
    expect(demote.status).toBe(409);
    const still = await ctx.deps.db.selectFrom("users").select("role").where("id", "=", top.id).executeTakeFirstOrThrow();
    expect(still.role).toBe("admin");
  });
});

describe("actions on users, decided by the server", () => {
  it("offers disable on others but not on myself, unlock only when locked, nothing to read-only roles", async () => {
    const t = await makeTenant(ctx);
    const admin = await makeUser(ctx, t);
    const other = await makeUser(ctx, t, { role: "viewer" });
    await ctx.deps.db.updateTable("users").set({ locked_until: new Date(ctx.clock.now().getTime() + 600_000) }).where("id", "=", other.id).execute();
    const s = await signIn(ctx, t, admin.email);
    const list = (await (await ctx.app.request("/api/v1/users", { headers: s.headers })).json()).items as { id: string; actions: string[] }[];
    expect(list.find((u) => u.id === admin.id)?.actions).toEqual(["update"]);
    expect(list.find((u) => u.id === other.id)?.actions).toEqual(["update", "disable", "unlock"]);
    const compliance = await makeUser(ctx, t, { role: "compliance_officer" });
    const sc = await signIn(ctx, t, compliance.email);
    const seen = (await (await ctx.app.request(`/api/v1/users/${other.id}`, { headers: sc.headers })).json()) as { actions: string[] };
    expect(seen.actions).toEqual([]);
  });
});

describe("guards on one's own account", () => {
  it("refuses to let an administrator disable themselves, leaving them active", async () => {
    const t = await makeTenant(ctx);
    const admin = await makeUser(ctx, t);
    await makeUser(ctx, t); // another admin exists, so only the self rule can refuse
    const s = await signIn(ctx, t, admin.email);
    const res = await ctx.app.request(`/api/v1/users/${admin.id}`, { method: "PATCH", headers: s.headers, body: JSON.stringify({ status: "disabled" }) });
    expect(res.status).toBe(409);
    expect((await res.json()).errors).toEqual([{ path: "body.status", message: "cannot disable yourself", code: "self" }]);
    const row = await ctx.deps.db.selectFrom("users").select("status").where("id", "=", admin.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("active");
  });
});
