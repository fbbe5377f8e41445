import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../tests/support/factories";
import { newId, randomToken } from "../kernel/ids";
import { enqueueJob } from "./enqueue";

interface JobJson {
  id: string;
  name: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

let ctx: TestContext;
let a: TestTenant;
let b: TestTenant;
let adminA: Record<string, string>;
const jobName = `test.route.${randomToken(4)}`;

beforeAll(async () => {
  ctx = await createTestContext();
  a = await makeTenant(ctx);
  b = await makeTenant(ctx);
  adminA = await apiKeyHeaders(ctx, a, "admin");
});

async function addJob(tenant: TestTenant, dead = false, dedupeKey?: string): Promise<string> {
  const id = (await enqueueJob(ctx.deps.db, ctx.clock.now(), jobName, { secret: "not for the api" }, { tenantId: tenant.id, dedupeKey })) as string;
  if (dead) {
    await ctx.deps.db
      .updateTable("jobs")
      .set({ status: "dead", attempts: 5, last_error: "gateway down", finished_at: ctx.clock.now() })
      .where("id", "=", id)
      .execute();
  }
  return id;
}
const get = async (path: string, headers = adminA) => {
  const res = await ctx.app.request(`/api/v1${path}`, { headers });
  return { status: res.status, body: (await res.json()) as { items: JobJson[]; nextCursor: string | null; code?: string } };
};
const retry = (id: string, headers = adminA) => ctx.app.request(`/api/v1/jobs/${id}/retry`, { method: "POST", headers });

describe("GET /jobs", () => {
  it("lists only the actor's tenant's jobs, newest first, without payloads", async () => {
    const mine = await addJob(a);
    ctx.clock.advance(1000);
    const mineLater = await addJob(a, true);
    const theirs = await addJob(b);
    const { status, body } = await get("/jobs?limit=200");
    expect(status).toBe(200);
    const ids = body.items.map((j) => j.id);
    expect(ids).toContain(mine);
    expect(ids).toContain(mineLater);
    expect(ids).not.toContain(theirs);
    expect(ids.indexOf(mineLater)).toBeLessThan(ids.indexOf(mine));
    const dead = body.items.find((j) => j.id === mineLater);
    expect(dead).toEqual({
      id: mineLater,
      name: jobName,
      status: "dead",
      attempts: 5,
      maxAttempts: 5,
      runAt: expect.any(String),
      lastError: "gateway down",
      createdAt: ctx.clock.now().toISOString(),
      updatedAt: expect.any(String),
      finishedAt: ctx.clock.now().toISOString(),
    });
    expect(JSON.stringify(body)).not.toContain("not for the api");
  });

  it("filters by status and pages with a cursor", async () => {
    const t = await makeTenant(ctx);
    const headers = await apiKeyHeaders(ctx, t, "admin");
    const dead: string[] = [];
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(10);
      dead.push(await (async () => {
        const id = (await enqueueJob(ctx.deps.db, ctx.clock.now(), jobName, {}, { tenantId: t.id })) as string;
        await ctx.deps.db.updateTable("jobs").set({ status: "dead" }).where("id", "=", id).execute();
        return id;
      })());
    }
    const queued = (await enqueueJob(ctx.deps.db, ctx.clock.now(), jobName, {}, { tenantId: t.id })) as string;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body } = await get(`/jobs?status=dead&limit=2${cursor ? `&cursor=${cursor}` : ""}`, headers);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((j) => j.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...dead].reverse());
    expect(seen).not.toContain(queued);
  });

  it("refuses roles without jobs:read and bad filters", async () => {
    const viewer = await apiKeyHeaders(ctx, a, "viewer");
    expect((await get("/jobs", viewer)).status).toBe(403);
    expect((await ctx.app.request("/api/v1/jobs")).status).toBe(401);
    const bad = await get("/jobs?status=exploded");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("validation_failed");
  });
});

describe("POST /jobs/{id}/retry", () => {
  it("puts a dead job back in the queue, resets attempts, and audits it", async () => {
    const id = await addJob(a, true);
    ctx.clock.advance(60_000);
    const res = await retry(id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as JobJson;
    expect(body).toMatchObject({ id, status: "queued", attempts: 0, runAt: ctx.clock.now().toISOString(), finishedAt: null });
    const row = await ctx.deps.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("queued");
    expect(row.attempts).toBe(0);
    expect(row.run_at.getTime()).toBe(ctx.clock.now().getTime());
    const audit = await ctx.deps.db
      .selectFrom("audit_log")
      .selectAll()
      .where("tenant_id", "=", a.id)
      .where("action", "=", "job.retried")
      .where("subject_id", "=", id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: "api_key", subject_type: "job", data: { name: jobName, attempts: 5, lastError: "gateway down" } });
  });

  it("answers 409 for a job that is not dead", async () => {
    const id = await addJob(a);
    const res = await retry(id);
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { code: string }).code).toBe("conflict");
    const again = await addJob(a, true);
    expect((await retry(again)).status).toBe(200);
    expect((await retry(again)).status).toBe(409);
  });

  it("answers 409 when the same work is already queued again", async () => {
    const key = `test-dedupe-${randomToken(4)}`;
    const dead = await addJob(a, true, key);
    await addJob(a, false, key);
    expect((await retry(dead)).status).toBe(409);
  });

  it("answers 404 for another tenant's job or an unknown id, and changes nothing", async () => {
    const theirs = await addJob(b, true);
    const res = await retry(theirs);
    expect(res.status).toBe(404);
    expect((await retry(newId())).status).toBe(404);
    const row = await ctx.deps.db.selectFrom("jobs").select(["status", "attempts"]).where("id", "=", theirs).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "dead", attempts: 5 });
  });

  it("needs jobs:retry", async () => {
    const id = await addJob(a, true);
    const analyst = await apiKeyHeaders(ctx, a, "cx_analyst");
    expect((await retry(id, analyst)).status).toBe(403);
    expect((await retry("not-a-uuid")).status).toBe(400);
  });
});
