import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { API } from "../../../../tests/support/routes";
import { getImport, runImport } from "./imports";
import { importJob } from "./job";

const ctx = await createTestContext();
let T: TestTenant;
let admin: Record<string, string>;

beforeAll(async () => {
  T = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, T, "admin");
});

type Issue = { row: number; field: string; message: string };
type Imp = { id: string; status: string; sourceId: string; bytesTotal: number; bytesDone: number; rowsTotal: number; rowsOk: number; rowsDuplicate: number; rowsFailed: number; errors: Issue[]; errorsTruncated: boolean; failure: string | null };

const info = { id: "job", name: "journeys.import", attempts: 1, maxAttempts: 3, tenantId: null };

/** Uploads a file and runs the job on it, as a worker would. */
async function importFile(kind: string, body: string | Uint8Array, headers: Record<string, string> = {}, query = ""): Promise<Imp> {
  const res = await ctx.app.request(`${API}/imports?kind=${kind}${query}`, { method: "POST", headers: { ...admin, ...headers }, body: body as BodyInit });
  expect(res.status, await res.clone().text()).toBe(202);
  const { import: queued } = (await res.json()) as { import: Imp };
  expect(queued.status).toBe("queued");
  await importJob.handler(ctx.deps, { tenantId: T.id, importId: queued.id }, { ...info, tenantId: T.id });
  const done = await ctx.app.request(`${API}/imports/${queued.id}`, { headers: admin });
  expect(done.status).toBe(200);
  return (await done.json()) as Imp;
}

async function report(id: string): Promise<string> {
  const res = await ctx.app.request(`${API}/imports/${id}/report.csv`, { headers: admin });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
  return res.text();
}

const events = (sourceId: string, like: string) =>
  ctx.deps.db.selectFrom("journey_events").selectAll().where("tenant_id", "=", T.id).where("source_id", "=", sourceId).where("message_id", "like", like).orderBy("message_id").execute();

/** Every row check must be named on its own row; rows are 1-based after the header. */
const byRow = (errors: Issue[]) => Object.fromEntries([...new Set(errors.map((e) => e.row))].map((r) => [r, errors.filter((e) => e.row === r).map((e) => e.field).sort()]));

const iso = (msAgo: number) => new Date(ctx.clock.now().getTime() - msAgo).toISOString();
const u = () => Math.random().toString(36).slice(2, 8);

describe("contact-centre CSV", () => {
  it("stores good rows as contact.handled, reports each bad cell on its row, and counts every row once", async () => {
    const s = u();
    const header = "queue,contact_id,agent,channel,customer_id,started_at,talk_seconds,hold_seconds,after_call_seconds,resolved";
    const rows = [
      `cards,${s}-1,ag-7,call,cust-1,2026-01-05T09:00:00Z,300,20,40,yes`, // 1 ok
      `loans,${s}-2,ag-8,chat,,2026-01-05T10:00:00+02:00,0,0,86400,0`, // 2 ok, anonymous
      `cards,,ag-7,call,cust-1,2026-01-05T09:00:00Z,300,20,40,true`, // 3 contact_id missing
      `cards,${s}-4,ag-7,call,cust-1,2026-01-05 09:00:00,300,20,40,true`, // 4 no zone
      `cards,${s}-5,ag-7,call,cust-1,1989-12-31T23:59:59Z,300,20,40,true`, // 5 before 1990
      `cards,${s}-6,ag-7,call,cust-1,${iso(-10 * 60_000)},300,20,40,true`, // 6 ten minutes ahead
      `cards,${s}-7,ag-7,call,cust-1,2026-01-05T09:00:00Z,-1,1.5,86401,maybe`, // 7 four bad cells
      `cards,${s}-8,ag-7,call,cust-1,2026-02-30T09:00:00Z,x,,3,no`, // 8 no such day, bad and empty seconds
      `cards,${s}-1,ag-7,call,cust-1,2026-01-05T09:00:00Z,300,20,40,yes`, // 9 duplicate of row 1
      `cards,${s}-10,ag-7,call`, // 10 too few cells
    ];
    const imp = await importFile("contacts", `${header}\r\n${rows.join("\r\n")}\r\n`);
    expect(imp).toMatchObject({ status: "done", rowsTotal: 10, rowsOk: 2, rowsDuplicate: 1, rowsFailed: 7, failure: null, errorsTruncated: false });
    expect(imp.bytesDone).toBe(imp.bytesTotal);
    expect(byRow(imp.errors)).toEqual({
      3: ["contact_id"],
      4: ["started_at"],
      5: ["started_at"],
      6: ["started_at"],
      7: ["after_call_seconds", "hold_seconds", "resolved", "talk_seconds"],
      8: ["hold_seconds", "started_at", "talk_seconds"],
      10: [""],
    });
    expect(imp.errors.find((e) => e.row === 5)?.message).toMatch(/after 1990-01-01/);
    expect(imp.errors.find((e) => e.row === 7 && e.field === "resolved")?.message).toBe("must be true, false, 1, 0, yes or no");
    const stored = await events(imp.sourceId, `contact:${s}-%`);
    expect(stored.map((e) => e.message_id)).toEqual([`contact:${s}-1`, `contact:${s}-2`]);
    const [one, two] = stored;
    expect(one).toMatchObject({ type: "track", event: "contact.handled", user_id: "cust-1", anonymous_id: null, entity: `c:${s}-1` });
    expect(one?.occurred_at.toISOString()).toBe("2026-01-05T09:00:00.000Z");
    expect(one?.properties).toEqual({ contactId: `${s}-1`, agentId: "ag-7", queue: "cards", channel: "call", customerId: "cust-1", talkSeconds: 300, holdSeconds: 20, afterCallSeconds: 40, resolved: true });
    expect(two).toMatchObject({ user_id: null, anonymous_id: `contact:${s}-2`, entity: `c:${s}-2` });
    expect(two?.occurred_at.toISOString()).toBe("2026-01-05T08:00:00.000Z");
    expect(two?.properties).toMatchObject({ customerId: null, talkSeconds: 0, afterCallSeconds: 86400, resolved: false });
    // The full report has the same issues, in file order, under its header.
    const csv = (await report(imp.id)).trim().split("\n");
    expect(csv[0]).toBe("row,field,message");
    expect(csv.slice(1).map((l) => Number(l.split(",")[0]))).toEqual(imp.errors.map((e) => e.row));
  });

  it("re-running the same file stores nothing twice", async () => {
    const s = u();
    const file = `contact_id,agent,queue,channel,customer_id,started_at,talk_seconds,hold_seconds,after_call_seconds,resolved\n${s}-a,ag,q,call,c1,2026-01-05T09:00:00Z,1,2,3,1\n${s}-b,ag,q,call,c2,2026-01-05T09:00:00Z,1,2,3,0\n`;
    const first = await importFile("contacts", file);
    expect(first).toMatchObject({ rowsTotal: 2, rowsOk: 2, rowsDuplicate: 0, rowsFailed: 0 });
    const again = await importFile("contacts", file);
    expect(again).toMatchObject({ rowsTotal: 2, rowsOk: 0, rowsDuplicate: 2, rowsFailed: 0 });
    expect(await events(first.sourceId, `contact:${s}-%`)).toHaveLength(2);
  });

  it("refuses a header with unknown or missing columns, naming them, and stores nothing", async () => {
    const imp = await importFile("contacts", "contact_id,agent,queue,channel,customer,started_at,talk_seconds,hold_seconds,resolved,notes\nx,a,q,c,u,2026-01-05T09:00:00Z,1,1,1\n");
    expect(imp.status).toBe("failed");
    expect(imp.rowsTotal).toBe(0);
    expect(imp.failure).toContain("unknown column(s): customer, notes");
    expect(imp.failure).toContain("missing column(s): customer_id, after_call_seconds");
    expect(imp.errors).toEqual([expect.objectContaining({ row: 0, field: "header" })]);
    expect(await report(imp.id)).toContain("unknown column(s): customer, notes");
    const empty = await importFile("requests", "");
    expect(empty).toMatchObject({ status: "failed", rowsTotal: 0 });
    expect(empty.failure).toContain("request_id,type,channel,customer_id,requested_at,fulfilled_at");
  });
});

describe("crash safety", () => {
  it("an import interrupted mid-file is re-run from the start, storing nothing twice; a dead job marks it failed", async () => {
    const s = u();
    // 12,000 lines: 70% of them is more than a chunk on either store (5,000 rows on PostgreSQL).
    const file = Buffer.from(`${Array.from({ length: 12_000 }, (_, i) => JSON.stringify({ type: "track", messageId: `${s}-${i}`, userId: "u", event: "e" })).join("\n")}\n`);
    const res = await ctx.app.request(`${API}/imports?kind=events`, { method: "POST", headers: admin, body: file });
    const { import: queued } = (await res.json()) as { import: Imp };
    const row = await getImport(ctx.deps.db, T.id, queued.id);
    // The worker dies after reading 70% of the file.
    async function* dying() {
      yield file.subarray(0, Math.floor(file.length * 0.7));
      throw new Error("worker stopped");
    }
    await expect(runImport(ctx.deps, row as NonNullable<typeof row>, dying())).rejects.toThrow("worker stopped");
    const half = await events(queued.sourceId, `${s}-%`);
    expect((await getImport(ctx.deps.db, T.id, queued.id))?.status).toBe("running");
    expect(half.length).toBeGreaterThan(0);
    expect(half.length).toBeLessThan(12_000);
    // The lease expires and the job runs again, from the upload kept in the blob store.
    await importJob.handler(ctx.deps, { tenantId: T.id, importId: queued.id }, { ...info, attempts: 2, tenantId: T.id });
    const done = (await (await ctx.app.request(`${API}/imports/${queued.id}`, { headers: admin })).json()) as Imp;
    expect(done).toMatchObject({ status: "done", rowsTotal: 12_000, rowsOk: 12_000 - half.length, rowsDuplicate: half.length, rowsFailed: 0 });
    expect(await events(queued.sourceId, `${s}-%`)).toHaveLength(12_000);

    const other = (await (await ctx.app.request(`${API}/imports?kind=events`, { method: "POST", headers: admin, body: file })).json()) as { import: Imp };
    await importJob.onDead?.(ctx.deps.db as never, { tenantId: T.id, importId: other.import.id }, { job: { ...info, attempts: 3 }, error: "connection refused", now: ctx.clock.now(), deps: ctx.deps });
    expect(await getImport(ctx.deps.db, T.id, other.import.id)).toMatchObject({ status: "failed", failure: "connection refused" });
    // A finished import is not marked failed by a late dead letter.
    await importJob.onDead?.(ctx.deps.db as never, { tenantId: T.id, importId: queued.id }, { job: info, error: "late", now: ctx.clock.now(), deps: ctx.deps });
    expect((await getImport(ctx.deps.db, T.id, queued.id))?.status).toBe("done");
  });
});

describe("service-request CSV", () => {
  it("stores request.opened or request.fulfilled and checks the times", async () => {
    const s = u();
    const file = [
      "request_id,type,channel,customer_id,requested_at,fulfilled_at",
      `${s}-1,card_replacement,branch,cust-9,2026-03-01T08:00:00Z,2026-03-03T08:00:00Z`,
      `${s}-2,address_change,web,cust-9,2026-03-01T08:00:00Z,`,
      `${s}-3,complaint,call,cust-9,2026-03-02T08:00:00Z,2026-03-01T08:00:00Z`,
      `${s}-4,,call,cust-9,2026-03-02T08:00:00Z,`,
      `"${s}-5","card, urgent",web,cust-9,2026-03-02T08:00:00Z,not a time`,
      `${s}-6,card"broken,web,cust-9,2026-03-02T08:00:00Z,`,
      `${s}-7,card,web,cust-9,2026-03-02T08:00:00Z,2026-03-02T09:00:00+01:00`,
      ",card,web,cust-9,2026-03-02T08:00:00Z,",
    ].join("\n");
    const imp = await importFile("requests", file);
    expect(imp).toMatchObject({ rowsTotal: 8, rowsOk: 3, rowsDuplicate: 0, rowsFailed: 5 });
    expect(byRow(imp.errors)).toEqual({ 3: ["fulfilled_at"], 4: ["type"], 5: ["fulfilled_at"], 6: [""], 8: ["request_id"] });
    expect(imp.errors.find((e) => e.row === 6)?.message).toMatch(/^malformed CSV/);
    const stored = await events(imp.sourceId, `request:${s}-%`);
    expect(stored.map((e) => [e.message_id, e.event, e.entity])).toEqual([
      [`request:${s}-1:fulfilled`, "request.fulfilled", `q:${s}-1`],
      [`request:${s}-2:opened`, "request.opened", `q:${s}-2`],
      // 09:00+01:00 is 08:00Z, the request's own time: fulfilled at once is allowed.
      [`request:${s}-7:fulfilled`, "request.fulfilled", `q:${s}-7`],
    ]);
    expect(stored[0]?.properties).toEqual({ requestId: `${s}-1`, type: "card_replacement", channel: "branch", customerId: "cust-9", requestedAt: "2026-03-01T08:00:00.000Z", fulfilledAt: "2026-03-03T08:00:00.000Z" });
    expect(stored[1]?.properties).toMatchObject({ fulfilledAt: null });
  });
});

describe("NDJSON events", () => {
  it("checks each line as the tracking API does and numbers issues by line", async () => {
    const s = u();
    const ev = (i: number, extra: Record<string, unknown> = {}) => JSON.stringify({ type: "track", messageId: `${s}-${i}`, userId: "cust-1", event: "application.started", properties: { journeyId: `J-${s}` }, timestamp: "2026-02-01T10:00:00Z", ...extra });
    const lines = [
      ev(1), // 1 ok
      "", // 2 blank: not a row
      '{"type":"track",', // 3 malformed JSON
      ev(4, { messageId: undefined }), // 4 messageId missing
      ev(5, { timestamp: iso(-3_600_000) }), // 5 an hour ahead
      ev(6, { properties: { pad: "x".repeat(33 * 1024) } }), // 6 over 32 KB
      ev(1), // 7 duplicate of line 1
      ev(8, { type: "screen" }), // 8 type not accepted
      ev(9, { type: "identify", event: undefined, traits: { segment: "retail" } }), // 9 ok
    ];
    const imp = await importFile("events", `${lines.join("\n")}\n`, { "x-file-name": "events%20feb.ndjson" });
    expect(imp).toMatchObject({ rowsTotal: 8, rowsOk: 2, rowsDuplicate: 1, rowsFailed: 5 });
    expect(byRow(imp.errors)).toEqual({ 3: [""], 4: ["messageId"], 5: ["timestamp"], 6: [""], 8: ["type"] });
    expect(imp.errors.find((e) => e.row === 3)?.message).toMatch(/^malformed JSON/);
    expect(imp.errors.find((e) => e.row === 6)?.message).toMatch(/longer than 32768 bytes/);
    const stored = await events(imp.sourceId, `${s}-%`);
    expect(stored.map((e) => [e.message_id, e.type, e.journey_id])).toEqual([
      [`${s}-1`, "track", `J-${s}`],
      [`${s}-9`, "identify", null],
    ]);
    const list = (await (await ctx.app.request(`${API}/imports?limit=5`, { headers: admin })).json()) as { items: { id: string; fileName: string }[] };
    expect(list.items.find((i) => i.id === imp.id)?.fileName).toBe("events feb.ndjson");
  });

  it("accepts gzip bodies, and invalid UTF-8 or a last line without a newline", async () => {
    const s = u();
    const good = JSON.stringify({ type: "track", messageId: `${s}-1`, anonymousId: "anon", event: "page.viewed" });
    const last = JSON.stringify({ type: "page", messageId: `${s}-3`, anonymousId: "anon", name: "Home" });
    const file = Buffer.concat([Buffer.from(`${good}\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), Buffer.from(last)]);
    const imp = await importFile("events", gzipSync(file), { "content-encoding": "gzip" });
    expect(imp).toMatchObject({ status: "done", bytesTotal: file.length, rowsTotal: 3, rowsOk: 2, rowsFailed: 1 });
    expect(imp.errors).toEqual([{ row: 2, field: "", message: "is not valid UTF-8" }]);
  });

  it("stores many chunks exactly, duplicates across chunks counted once, odd characters intact", async () => {
    const s = u();
    const odd = 'tab\there, line\nbreak, back\\slash \\N "quote" ✓';
    const n = 12_345;
    // Every 7th line repeats the id of a line 6,000 earlier (another chunk on both stores).
    const ids = Array.from({ length: n }, (_, i) => (i >= 6_000 && i % 7 === 0 ? `${s}-${i - 6_000}` : `${s}-${i}`));
    const lines = ids.map((id, i) => JSON.stringify({ type: "track", messageId: id, userId: `c\t${i % 10}`, event: i === 0 ? odd : "e", properties: { note: odd, i } }));
    const imp = await importFile("events", lines.join("\n"));
    const distinct = new Set(ids).size;
    expect(imp).toMatchObject({ status: "done", rowsTotal: n, rowsOk: distinct, rowsDuplicate: n - distinct, rowsFailed: 0 });
    const stored = await events(imp.sourceId, `${s}-%`);
    expect(stored).toHaveLength(distinct);
    const first = stored.find((e) => e.message_id === `${s}-0`);
    expect(first).toMatchObject({ event: odd, user_id: "c\t0", properties: { note: odd, i: 0 } });
  });

  it("keeps the first 1,000 issues on the import and every one in the report", async () => {
    const lines = Array.from({ length: 1_205 }, (_, i) => (i % 400 === 0 ? JSON.stringify({ type: "track", messageId: `${u()}-${i}`, userId: "x", event: "e" }) : `not json ${i}`));
    const imp = await importFile("events", lines.join("\n"));
    expect(imp).toMatchObject({ rowsTotal: 1_205, rowsOk: 4, rowsFailed: 1_201, errorsTruncated: true });
    expect(imp.errors).toHaveLength(1_000);
    const csv = (await report(imp.id)).trim().split("\n");
    expect(csv).toHaveLength(1 + 1_201);
    expect(csv[1_201]).toMatch(/^1205,,"?malformed JSON/);
  });
});
