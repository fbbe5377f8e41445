import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, send } from "../../../tests/support/routes";
import { makeApplication, timelineOf } from "./review.testkit";

const ctx = await createTestContext();
const API = "/api/v1";
const H = 3_600_000;
let tenant: TestTenant;
let admin: Record<string, string>;

type Item = { id: string; status: string; slaBreached: boolean; ageHours: number; assignee: { id: string; name: string } | null; progress: { index: number; total: number } };
type Page = { items: Item[]; nextCursor: string | null };
const list = async (query: string, headers = admin): Promise<Page> => {
  const res = await ctx.app.request(`${API}/applications?${query}`, { headers });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as Page;
};
const ids = (p: Page) => p.items.map((i) => i.id);

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
});

describe("review queue", () => {
  it("filters by status, product, branch, risk, age, SLA and text; computes SLA and age", async () => {
    const now = ctx.clock.now();
    const [b0, b1] = tenant.branches;
    const late = await makeApplication(ctx, tenant, { status: "submitted", branch: b0, risk: "high", name: "Zed Quux", createdAt: new Date(now.getTime() - 50 * H), submittedAt: new Date(now.getTime() - 30 * H), slaDueAt: new Date(now.getTime() - 6 * H) });
    const onTime = await makeApplication(ctx, tenant, { status: "submitted", product: "savings", branch: b1, risk: "low", submittedAt: now, slaDueAt: new Date(now.getTime() + 24 * H), completedSteps: ["about"] });
    const open = await makeApplication(ctx, tenant, { status: "in_progress", branch: b1, createdAt: new Date(now.getTime() - 3 * H) });
    const decided = await makeApplication(ctx, tenant, { status: "approved", branch: b0, slaDueAt: new Date(now.getTime() - 6 * H), decidedAt: now });

    expect(ids(await list("status=submitted,info_requested&sort=sla"))).toEqual([late.id, onTime.id]);
    expect(ids(await list("product=savings"))).toEqual([onTime.id]);
    expect(new Set(ids(await list(`branchId=${b1?.id}`)))).toEqual(new Set([onTime.id, open.id]));
    expect(ids(await list("risk=high"))).toEqual([late.id]);
    expect(ids(await list("olderThanHours=48"))).toEqual([late.id]);
    const breached = await list("slaBreached=true");
    expect(ids(breached)).toEqual([late.id]);
    expect(breached.items[0]).toMatchObject({ slaBreached: true, ageHours: 50 });
    expect(ids(await list("slaBreached=false"))).not.toContain(late.id);
    expect(ids(await list("slaBreached=false"))).toContain(decided.id);
    expect(ids(await list("q=quux"))).toEqual([late.id]);
    expect(ids(await list(`q=${late.reference.toLowerCase()}`))).toEqual([late.id]);
    const item = (await list("product=savings")).items[0];
    expect(item?.progress).toMatchObject({ index: 1 });

    await expectProblem(await ctx.app.request(`${API}/applications?status=submitted,bogus`, { headers: admin }), 400, "validation_failed");
    await expectProblem(await ctx.app.request(`${API}/applications?cursor=nonsense`, { headers: admin }), 400, "validation_failed");
  });

  it("paginates with a keyset cursor in every order, without repeats", async () => {
    const t = await makeTenant(ctx);
    const key = await apiKeyHeaders(ctx, t, "admin");
    const now = ctx.clock.now();
    const made = new Set<string>();
    for (let i = 0; i < 7; i++) {
      const a = await makeApplication(ctx, t, { status: i % 2 ? "submitted" : "in_progress", submittedAt: i % 2 ? new Date(now.getTime() - i * H) : null, slaDueAt: i % 2 ? new Date(now.getTime() + i * H) : null });
      made.add(a.id);
    }
    for (const sort of ["sla", "updated", "submitted"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await list(`sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ""}`, key);
        seen.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toHaveLength(7);
      expect(new Set(seen), sort).toEqual(made);
    }
  });

  it("shows a branch manager only their branch", async () => {
    const [b0, b1] = tenant.branches;
    const mine = await makeApplication(ctx, tenant, { branch: b0 });
    const theirs = await makeApplication(ctx, tenant, { branch: b1 });
    const manager = await makeUser(ctx, tenant, { role: "branch_manager", branchId: b0?.id });
    const s = await signIn(ctx, tenant, manager.email);
    const seen = ids(await list("limit=200", { cookie: s.cookie }));
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(theirs.id);
    expect(ids(await list(`branchId=${b1?.id}`, { cookie: s.cookie }))).toEqual([]);
    await expectProblem(await ctx.app.request(`${API}/applications/${theirs.id}/assign`, send("POST", { assigneeId: null }, s.headers)), 403, "out_of_scope");
  });
});

describe("assignment", () => {
  it("assigns to a reviewer who can see it, filters by assignee, and clears", async () => {
    const app = await makeApplication(ctx, tenant, { status: "submitted", branch: tenant.branches[0] });
    const reviewer = await makeUser(ctx, tenant, { role: "reviewer" });
    const s = await signIn(ctx, tenant, reviewer.email);
    const res = await ctx.app.request(`${API}/applications/${app.id}/assign`, send("POST", { assigneeId: reviewer.id }, s.headers));
    expect(await res.json()).toEqual({ id: app.id, assignee: { id: reviewer.id, name: reviewer.name } });
    expect(ids(await list("assignee=me", { cookie: s.cookie }))).toEqual([app.id]);
    expect(ids(await list(`assignee=${reviewer.id}`))).toEqual([app.id]);
    expect(ids(await list("assignee=none&status=submitted"))).not.toContain(app.id);
    expect((await list(`assignee=${reviewer.id}`)).items[0]?.assignee).toEqual({ id: reviewer.id, name: reviewer.name });

    const agent = await makeUser(ctx, tenant, { role: "agent" });
    const p = await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/assign`, send("POST", { assigneeId: agent.id }, admin)), 400, "validation_failed");
    expect(p.errors?.[0]).toMatchObject({ path: "body.assigneeId", code: "cannot_review" });
    const elsewhere = await makeUser(ctx, tenant, { role: "branch_manager", branchId: tenant.branches[1]?.id });
    const q = await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/assign`, send("POST", { assigneeId: elsewhere.id }, admin)), 400, "validation_failed");
    expect(q.errors?.[0]?.code).toBe("out_of_scope");

    await ctx.app.request(`${API}/applications/${app.id}/assign`, send("POST", { assigneeId: null }, admin));
    expect(ids(await list("assignee=none&status=submitted"))).toContain(app.id);
    expect((await timelineOf(ctx, app)).filter((e) => e.type === "assigned")).toHaveLength(2);
    const agentKey = await apiKeyHeaders(ctx, tenant, "agent");
    await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/assign`, send("POST", { assigneeId: null }, agentKey)), 403, "forbidden");
  });
});
