import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { expectProblem } from "../../../../tests/support/routes";
import { insertSource } from "../sources";

const ctx = await createTestContext();
const db = ctx.deps.db;

let tenant: TestTenant;
let key: string;
let sourceId: string;

const basic = (k: string) => ({ authorization: `Basic ${Buffer.from(`${k}:`).toString("base64")}` });
const mid = () => randomUUID();

function post(path: string, body: unknown, k: string | null = key, headers: Record<string, string> = {}) {
  return ctx.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(k ? basic(k) : {}), ...headers },
    body: typeof body === "string" ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
  });
}

async function ok(res: Response) {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as { success: boolean; accepted: number; duplicates: number };
}

const rowsOf = (src: string, ids: string[]) => db.selectFrom("journey_events").selectAll().where("source_id", "=", src).where("message_id", "in", ids).orderBy("message_id").execute();

async function newSource(tenantId: string) {
  return insertSource(db, { tenantId, name: `web-${randomUUID().slice(0, 8)}`, now: ctx.clock.now() });
}

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  const s = await newSource(tenant.id);
  key = s.writeKey as string;
  sourceId = s.source.id;
});

describe("track, identify and page", () => {
  it("stores each call with its columns; timestamp defaults to when it arrived", async () => {
    const [t, i, p] = [`a-${mid()}`, `b-${mid()}`, `c-${mid()}`];
    expect(await ok(await post("/v1/track", { messageId: t, userId: "cust-1", event: "application.started", properties: { journeyId: "J-1", channel: "web" }, context: { ip: "10.0.0.1" }, timestamp: "2026-01-31T09:30:00.000Z" }))).toEqual({ success: true, accepted: 1, duplicates: 0 });
    await ok(await post("/v1/identify", { type: "identify", messageId: i, anonymousId: "anon-9", traits: { segment: "mass", journeyId: 42 } }));
    await ok(await post("/v1/page", { messageId: p, userId: "cust-1", name: "Pricing", properties: { url: "/pricing" } }));
    const [track, identify, page] = await rowsOf(sourceId, [t, i, p]);
    expect(track).toMatchObject({ tenant_id: tenant.id, type: "track", event: "application.started", user_id: "cust-1", anonymous_id: null, journey_id: "J-1", properties: { journeyId: "J-1", channel: "web" }, context: { ip: "10.0.0.1" } });
    expect(track?.occurred_at.toISOString()).toBe("2026-01-31T09:30:00.000Z");
    expect(track?.received_at.getTime()).toBe(ctx.clock.now().getTime());
    // journeyId only when it is a string; traits are the identify call's properties.
    expect(identify).toMatchObject({ type: "identify", event: null, user_id: null, anonymous_id: "anon-9", journey_id: null, properties: { segment: "mass", journeyId: 42 } });
    expect(identify?.occurred_at.getTime()).toBe(ctx.clock.now().getTime());
    expect(page).toMatchObject({ type: "page", event: "Pricing", properties: { url: "/pricing" } });
  });

  it("stores unknown event names as they are", async () => {
    const id = mid();
    await ok(await post("/v1/track", { messageId: id, anonymousId: "x", event: "Something Nobody Defined 🚀" }));
    expect((await rowsOf(sourceId, [id]))[0]?.event).toBe("Something Nobody Defined 🚀");
  });

  it("corrects the device clock with sentAt when there is no timestamp, as Segment does", async () => {
    const id = mid();
    const now = ctx.clock.now().getTime();
    // The device clock is one hour fast: the event happened 10 s before it was sent.
    const sent = new Date(now + 3_600_000);
    const original = new Date(now + 3_600_000 - 10_000);
    await ok(await post("/v1/batch", { sentAt: sent.toISOString(), batch: [{ type: "track", event: "x", userId: "u", messageId: id, originalTimestamp: original.toISOString() }] }));
    expect((await rowsOf(sourceId, [id]))[0]?.occurred_at.getTime()).toBe(now - 10_000);
  });

  it("refuses a type that does not match the endpoint", async () => {
    const p = await expectProblem(await post("/v1/track", { type: "page", messageId: mid(), userId: "u", event: "e" }), 400, "validation_failed");
    expect(p.errors?.map((e) => e.path)).toEqual(["body.type"]);
  });
});

describe("batches", () => {
  it("stores a mixed batch and answers how many were new", async () => {
    const ids = [mid(), mid(), mid()];
    const res = await ok(await post("/v1/batch", { batch: [
      { type: "track", messageId: ids[0], userId: "u1", event: "application.submitted", properties: { journeyId: "J-9" } },
      { type: "identify", messageId: ids[1], userId: "u1", traits: { name: "A" } },
      { type: "page", messageId: ids[2], anonymousId: "a1" },
    ] }));
    expect(res).toEqual({ success: true, accepted: 3, duplicates: 0 });
    expect((await rowsOf(sourceId, ids)).map((r) => r.type).sort()).toEqual(["identify", "page", "track"]);
  });

  it("is idempotent by messageId: within a batch and across calls", async () => {
    const a = mid();
    const b = mid();
    const ev = (id: string, name: string) => ({ type: "track", messageId: id, userId: "u", event: name });
    expect(await ok(await post("/v1/batch", { batch: [ev(a, "first"), ev(a, "second"), ev(b, "b")] }))).toEqual({ success: true, accepted: 2, duplicates: 1 });
    expect(await ok(await post("/v1/batch", { batch: [ev(a, "third"), ev(b, "b")] }))).toEqual({ success: true, accepted: 0, duplicates: 2 });
    expect(await ok(await post("/v1/track", { messageId: a, userId: "u", event: "fourth" }))).toEqual({ success: true, accepted: 0, duplicates: 1 });
    const rows = await rowsOf(sourceId, [a, b]);
    expect(rows.length).toBe(2);
    expect(rows.find((r) => r.message_id === a)?.event).toBe("first");
  });

  it("stores nothing when one event is bad, and names every bad event's field", async () => {
    const ids = Array.from({ length: 6 }, mid);
    const good = (i: number) => ({ type: "track", messageId: ids[i], userId: "u", event: "ok" });
    const now = ctx.clock.now().getTime();
    const res = await post("/v1/batch", { batch: [
      good(0),
      { type: "track", messageId: ids[1], event: "no ids" },
      { type: "track", userId: "u", event: "no message id" },
      { type: "track", messageId: ids[3], userId: "u", event: "future", timestamp: new Date(now + 6 * 60_000).toISOString() },
      { type: "track", messageId: ids[4], userId: "u", event: "old", timestamp: "1989-12-31T23:59:59Z" },
      { type: "screen", messageId: ids[5], userId: "u" },
      { type: "track", messageId: mid(), userId: "u" },
      { type: "track", messageId: "x".repeat(101), userId: "u", event: "e", properties: [1], timestamp: "yesterday" },
      { type: "track", messageId: mid(), userId: "u", event: "e", timestamp: new Date(now + 4 * 60_000).toISOString() },
    ] });
    const p = await expectProblem(res, 400, "validation_failed");
    expect(p.errors?.map((e) => `${e.path} ${e.code}`)).toEqual([
      "body.batch.1.userId required",
      "body.batch.2.messageId required",
      "body.batch.3.timestamp out_of_range",
      "body.batch.4.timestamp out_of_range",
      "body.batch.5.type invalid_value",
      "body.batch.6.event required",
      "body.batch.7.messageId too_big",
      "body.batch.7.properties invalid_type",
      "body.batch.7.timestamp invalid_format",
    ]);
    expect(await rowsOf(sourceId, ids)).toEqual([]);
  });

  it("refuses a missing or non-array batch and a body that is not an object", async () => {
    expect((await expectProblem(await post("/v1/batch", {}), 400, "validation_failed")).errors?.[0]).toMatchObject({ path: "body.batch", code: "required" });
    expect((await expectProblem(await post("/v1/batch", { batch: {} }), 400, "validation_failed")).errors?.[0]).toMatchObject({ path: "body.batch", code: "invalid_type" });
    expect((await expectProblem(await post("/v1/track", [1, 2]), 400, "validation_failed")).errors?.[0]).toMatchObject({ path: "body", code: "invalid_type" });
  });

  it("refuses characters PostgreSQL cannot store, naming the event", async () => {
    const id = mid();
    const body = `{"batch":[{"type":"track","messageId":"${id}","userId":"u","event":"ok"},{"type":"track","messageId":"${mid()}","userId":"u","event":"e","properties":{"k":"a\\u0000b"}}]}`;
    const p = await expectProblem(await post("/v1/batch", body), 400, "validation_failed");
    expect(p.errors?.map((e) => e.path)).toEqual(["body.batch.1"]);
    expect(await rowsOf(sourceId, [id])).toEqual([]);
  });

  it("refuses properties nested deeper than 32 levels (no 500 from the store), naming the field", async () => {
    const id = mid();
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const body = `{"batch":[{"type":"track","messageId":"${id}","userId":"u","event":"ok","properties":{"a":${deep}}},{"type":"track","messageId":"${mid()}","userId":"u","event":"ok","context":{"b":${"{\"c\":".repeat(40)}1${"}".repeat(40)}}}]}`;
    const p = await expectProblem(await post("/v1/batch", body), 400, "validation_failed");
    expect(p.errors?.map((e) => [e.path, e.code])).toEqual([
      ["body.batch.0.properties", "too_deep"],
      ["body.batch.1.context", "too_deep"],
    ]);
    expect(await rowsOf(sourceId, [id])).toEqual([]);
    // 32 levels are fine.
    const ok32 = `{"type":"track","messageId":"${mid()}","userId":"u","event":"ok","properties":${"{\"x\":".repeat(31)}1${"}".repeat(31)}}`;
    expect((await post("/v1/track", ok32)).status).toBe(200);
  });
});

describe("bodies", () => {
  it("malformed JSON is 400 malformed_json", async () => {
    await expectProblem(await post("/v1/batch", '{"batch": [ {"type": "track",'), 400, "malformed_json");
    await expectProblem(await post("/v1/track", ""), 400, "malformed_json");
  });

  it("more than 2500 events, more than 500 KB, or one event over 32 KB is 413 naming body.batch", async () => {
    const ev = () => ({ type: "track", messageId: mid(), userId: "u", event: "e" });
    const many = await expectProblem(await post("/v1/batch", { batch: Array.from({ length: 2501 }, ev) }), 413, "payload_too_large");
    expect(many.errors?.[0]).toMatchObject({ path: "body.batch", params: { maximum: 2500 } });
    const big = { batch: Array.from({ length: 20 }, () => ({ ...ev(), properties: { pad: "x".repeat(30_000) } })) };
    const huge = await expectProblem(await post("/v1/batch", big), 413, "payload_too_large");
    expect(huge.errors?.[0]).toMatchObject({ path: "body.batch", params: { maximum: 512_000 } });
    const one = await expectProblem(await post("/v1/batch", { batch: [ev(), { ...ev(), properties: { pad: "x".repeat(33_000) } }] }), 413, "payload_too_large");
    expect(one.errors?.map((e) => e.path)).toEqual(["body.batch.1"]);
    await expectProblem(await post("/v1/track", { ...ev(), properties: { pad: "x".repeat(33_000) } }), 413, "payload_too_large");
  });

  it("accepts a gzip body, and refuses one that inflates past the cap", async () => {
    const id = mid();
    expect(await ok(await post("/v1/batch", gzipSync(JSON.stringify({ batch: [{ type: "track", messageId: id, userId: "u", event: "zipped" }] })), key, { "content-encoding": "gzip" }))).toMatchObject({ accepted: 1 });
    const bomb = gzipSync(JSON.stringify({ batch: [{ pad: "x".repeat(600_000) }] }));
    expect(bomb.byteLength).toBeLessThan(10_000);
    await expectProblem(await post("/v1/batch", bomb, key, { "content-encoding": "gzip" }), 413, "payload_too_large");
    await expectProblem(await post("/v1/batch", "{}", key, { "content-encoding": "br" }), 415, "unsupported_media_type");
  });
});

describe("write keys", () => {
  it("no Authorization is 401 unauthenticated naming the header", async () => {
    const p = await expectProblem(await post("/v1/track", { messageId: mid(), userId: "u", event: "e" }, null), 401, "unauthenticated");
    expect(p.errors?.[0]?.path).toBe("header.authorization");
  });

  it("a wrong key, a Bearer header and a disabled source's key are all 401 invalid_api_key, alike", async () => {
    const body = { messageId: mid(), userId: "u", event: "e" };
    const wrong = await expectProblem(await post("/v1/track", body, `wk_${"A".repeat(43)}`), 401, "invalid_api_key");
    await expectProblem(await post("/v1/track", body, null, { authorization: `Bearer ${key}` }), 401, "invalid_api_key");
    const other = await newSource(tenant.id);
    await ok(await post("/v1/track", { ...body }, other.writeKey));
    await db.updateTable("event_sources").set({ disabled_at: ctx.clock.now() }).where("tenant_id", "=", tenant.id).where("id", "=", other.source.id).execute();
    const disabled = await expectProblem(await post("/v1/track", { ...body, messageId: mid() }, other.writeKey), 401, "invalid_api_key");
    expect({ ...disabled, requestId: "", instance: "" }).toEqual({ ...wrong, requestId: "", instance: "" });
  });

  it("two sources of two banks may send the same messageId: both are stored, apart", async () => {
    const other = await makeTenant(ctx);
    const theirs = await newSource(other.id);
    const id = mid();
    await ok(await post("/v1/track", { messageId: id, userId: "mine", event: "e" }));
    await ok(await post("/v1/track", { messageId: id, userId: "theirs", event: "e" }, theirs.writeKey));
    expect((await rowsOf(sourceId, [id])).map((r) => [r.tenant_id, r.user_id])).toEqual([[tenant.id, "mine"]]);
    expect((await rowsOf(theirs.source.id, [id])).map((r) => [r.tenant_id, r.user_id])).toEqual([[other.id, "theirs"]]);
  });

  it("a network sending wrong keys is cut off before any lookup, other networks are not", async () => {
    const from = (ip: string) => ({ "x-forwarded-for": ip });
    const app = (await createTestContext({ env: { TRUST_PROXY: "true" } })).app;
    const send = (k: string, ip: string) => app.request("/v1/track", { method: "POST", headers: { ...basic(k), ...from(ip) }, body: JSON.stringify({ messageId: mid(), userId: "u", event: "e" }) });
    for (let i = 0; i < 20; i++) await expectProblem(await send(`wk_guess${i}xxxxxxxx`, `203.0.113.${i}`), 401, "invalid_api_key");
    await expectProblem(await send(key, "203.0.113.77"), 429, "rate_limited");
    expect((await send(key, "198.51.100.7")).status).toBe(200);
  });
});
