import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { kit } from "../onboarding/applications.testkit";
import { drain } from "../feedback/distribution.testkit";
import { atriumSourceId, streamed } from "./stream";

const ctx = await createTestContext();
const { req, ok } = kit(ctx);
const db = ctx.deps.db;
let tenant: TestTenant;
let agent: Record<string, string>;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  agent = await apiKeyHeaders(ctx, tenant, "agent");
}, 30_000);

const streamOf = (journeyId: string) =>
  db.selectFrom("journey_events").selectAll().where("tenant_id", "=", tenant.id).where("journey_id", "=", journeyId).orderBy("occurred_at").execute();

describe("Atrium's own events in the journey stream", () => {
  it("copies an application's journey events once, under the bank's built-in source, with the issue's properties", async () => {
    const { id } = await ok<{ id: string }>(await req("POST", "/applications", { product: "checking", customer: { name: "Stream Starter", phone: "+972501230088" }, channel: "branch" }, agent), 201);
    await drain(ctx, tenant);
    const rows = await streamOf(id);
    const started = rows.find((r) => r.event === "application.started");
    expect(started).toBeDefined();
    expect(started?.properties).toMatchObject({ journeyId: id, product: "checking", channel: "branch" });
    expect(started).toMatchObject({ type: "track", anonymous_id: `application:${id}` });
    const source = await db.selectFrom("event_sources").selectAll().where("id", "=", started?.source_id as string).executeTakeFirstOrThrow();
    expect(source).toMatchObject({ tenant_id: tenant.id, kind: "atrium", write_key_hash: null });
    // The outbox event's id is the messageId: the copy is stored once, and the source is the same one.
    const outboxEvent = await db.selectFrom("events").select(["id", "created_at"]).where("tenant_id", "=", tenant.id).where("subject_id", "=", id).where("type", "=", "application.started").executeTakeFirstOrThrow();
    expect(started?.message_id).toBe(outboxEvent.id);
    expect(started?.occurred_at.getTime()).toBe(outboxEvent.created_at.getTime());
    expect(await atriumSourceId(db, tenant.id, ctx.clock.now())).toBe(source.id);
  });

  it("takes journey events reported through the API and completed responses, not the platform's bookkeeping", async () => {
    expect(streamed("application.funded")).toBe(true);
    expect(streamed("branch.visit")).toBe(true);
    expect(streamed("survey.response_completed")).toBe(true);
    expect(streamed("survey.published")).toBe(false);
    expect(streamed("user.created")).toBe(false);
    const res = await req("POST", "/events", { type: "branch.visit", contact: { customerId: "cust-77" }, properties: { journeyId: "J-branch-1", channel: "branch" } }, agent);
    expect(res.status, await res.clone().text()).toBe(202);
    await drain(ctx, tenant);
    const rows = await streamOf("J-branch-1");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event: "branch.visit", user_id: "cust-77" });
  });

  it("keeps one built-in source per bank even when the bank named a source Atrium", async () => {
    const other = await makeTenant(ctx);
    await db.insertInto("event_sources").values({ tenant_id: other.id, id: crypto.randomUUID(), name: "Atrium", kind: "http", write_key_hash: null, key_hint: null, created_by: null, created_at: new Date() }).execute();
    const [a, b] = await Promise.all([atriumSourceId(db, other.id, new Date()), atriumSourceId(db, other.id, new Date())]);
    expect(a).toBe(b);
    const builtIn = await db.selectFrom("event_sources").selectAll().where("tenant_id", "=", other.id).where("kind", "=", "atrium").execute();
    expect(builtIn.map((s) => s.name)).toEqual(["Atrium (built-in)"]);
  });
});
