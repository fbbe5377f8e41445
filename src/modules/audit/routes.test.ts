import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import type { Actor } from "../../kernel/access";
import { newId } from "../../kernel/ids";
import { entryHash } from "./chain";
import { recordAudit } from "./record";

interface EntryJson {
  seq: number;
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  requestId: string | null;
  data: Record<string, unknown>;
  hash: string;
  prevHash: string;
}
interface Page {
  items: EntryJson[];
  nextCursor: string | null;
}

let ctx: TestContext;
let a: TestTenant;
let b: TestTenant;
let adminA: Record<string, string>;
let actor: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  a = await makeTenant(ctx);
  b = await makeTenant(ctx);
  adminA = await apiKeyHeaders(ctx, a, "admin");
  actor = { kind: "user", tenantId: a.id, id: newId(), label: "Rivka (admin)", role: "admin", scope: "tenant", regionId: null, branchId: null, locale: "he" };
  for (const n of [1, 2, 3]) {
    await recordAudit(ctx.deps.db, { actor, ip: "203.0.113.9", requestId: `req-${n}`, now: ctx.clock.now() }, {
      tenantId: a.id,
      action: "survey.published",
      subjectType: "survey",
      subjectId: `S-${n}`,
      data: { n, title: `Survey ${n}` },
    });
  }
});

const get = async (path: string, headers = adminA) => {
  const res = await ctx.app.request(`/api/v1${path}`, { headers });
  return { status: res.status, body: (await res.json()) as Page & { ok: boolean; checked: number; firstBroken: unknown; code?: string; errors?: Array<{ path: string }> } };
};
const rowsOf = (tenant: TestTenant) =>
  ctx.deps.db.selectFrom("audit_log").select(["id", "seq"]).where("tenant_id", "=", tenant.id).orderBy("seq", "desc").execute();

describe("GET /audit", () => {
  it("lists exactly the tenant's chain, newest first, in camelCase", async () => {
    const { status, body } = await get("/audit?limit=200");
    expect(status).toBe(200);
    const mine = await rowsOf(a);
    expect(body.items.map((e) => e.id)).toEqual(mine.map((r) => r.id));
    const theirs = new Set((await rowsOf(b)).map((r) => r.id));
    expect(body.items.some((e) => theirs.has(e.id))).toBe(false);
    const newest = body.items.find((e) => e.action === "survey.published" && e.subjectId === "S-3");
    expect(newest).toEqual({
      seq: expect.any(Number),
      id: expect.any(String),
      at: ctx.clock.now().toISOString(),
      actorType: "user",
      actorId: actor.id,
      actorLabel: "Rivka (admin)",
      action: "survey.published",
      subjectType: "survey",
      subjectId: "S-3",
      ip: "203.0.113.9",
      requestId: "req-3",
      data: { n: 3, title: "Survey 3" },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Each entry links to the one before it.
    for (let i = 0; i + 1 < body.items.length; i++) expect(body.items[i]?.prevHash).toBe(body.items[i + 1]?.hash);
  });

  it("filters by exact action, action prefix and actor", async () => {
    const exact = await get("/audit?action=survey.published");
    expect(exact.body.items.map((e) => e.subjectId)).toEqual(["S-3", "S-2", "S-1"]);
    const prefix = await get("/audit?action=branch.*");
    expect(prefix.body.items.map((e) => e.action)).toEqual(["branch.created", "branch.created", "branch.created", "branch.created"]);
    const byActor = await get(`/audit?actorId=${actor.id}`);
    expect(byActor.body.items).toHaveLength(3);
    expect(byActor.body.items.every((e) => e.actorId === actor.id)).toBe(true);
    expect((await get(`/audit?actorId=${newId()}`)).body.items).toEqual([]);
  });

  it("pages through the whole chain with a cursor, without gaps or repeats", async () => {
    const all = (await rowsOf(a)).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await get(`/audit?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(status).toBe(200);
      seen.push(...body.items.map((e) => e.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(6);
  });

  it("refuses bad filters and roles without audit:read", async () => {
    const bad = await get("/audit?actorId=someone");
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.path).toBe("query.actorId");
    expect((await get("/audit?action=drop%20table")).status).toBe(400);
    expect((await get("/audit?limit=0")).status).toBe(400);
    const agent = await apiKeyHeaders(ctx, a, "agent");
    expect((await get("/audit", agent)).status).toBe(403);
    const compliance = await apiKeyHeaders(ctx, a, "compliance_officer");
    expect((await get("/audit", compliance)).status).toBe(200);
  });
});

describe("GET /audit/verify", () => {
  it("reports an intact chain, then the first forged entry", async () => {
    const t = await makeTenant(ctx);
    const headers = await apiKeyHeaders(ctx, t, "compliance_officer");
    const rows = await rowsOf(t);
    const ok = await get("/audit/verify", headers);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, checked: rows.length, firstBroken: null });

    // The table refuses UPDATE and DELETE; a forger can still append. Append one entry whose
    // link is right but whose hash does not cover its content.
    const last = await ctx.deps.db.selectFrom("audit_log").selectAll().where("tenant_id", "=", t.id).orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    const forged = {
      tenant_id: t.id,
      seq: Number(last.seq) + 1,
      id: newId(),
      at: ctx.clock.now(),
      actor_type: "system" as const,
      actor_id: null,
      actor_label: null,
      action: "user.deleted",
      subject_type: null,
      subject_id: null,
      ip: null,
      request_id: null,
      data: { who: "nobody" },
      prev_hash: last.hash,
    };
    const hash = entryHash({ ...forged, data: { who: "somebody else" } });
    await ctx.deps.db.insertInto("audit_log").values({ ...forged, data: JSON.stringify(forged.data), hash }).execute();
    const broken = await get("/audit/verify", headers);
    expect(broken.body).toEqual({ ok: false, checked: rows.length, firstBroken: { seq: forged.seq, id: forged.id, reason: "hash_mismatch" } });
    // Another tenant's chain is unaffected.
    expect((await get("/audit/verify")).body.ok).toBe(true);
  });

  it("needs audit:read", async () => {
    const viewer = await apiKeyHeaders(ctx, a, "viewer");
    expect((await get("/audit/verify", viewer)).status).toBe(403);
  });
});
