import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { API, expectProblem, send } from "../../../../tests/support/routes";
import type { IntakeRow } from "../intake/validate";
import type { ReportWriter } from "./files";
import { createImport } from "./imports";
import { type Progress, processImport } from "./process";

const ctx = await createTestContext();
let A: TestTenant;
let B: TestTenant;
let admin: Record<string, string>;
let analyst: Record<string, string>;
let viewer: Record<string, string>;

beforeAll(async () => {
  [A, B] = [await makeTenant(ctx), await makeTenant(ctx)];
  admin = await apiKeyHeaders(ctx, A, "admin");
  analyst = await apiKeyHeaders(ctx, A, "cx_analyst");
  viewer = await apiKeyHeaders(ctx, A, "viewer");
});

const CSV = "request_id,type,channel,customer_id,requested_at,fulfilled_at\nr-1,card,web,c-1,2026-01-05T10:00:00Z,\n";
const upload = (query: string, body: BodyInit = CSV, headers = admin) => ctx.app.request(`${API}/imports${query}`, { method: "POST", headers, body });
type Imp = { id: string; kind: string; sourceId: string; status: string; fileName: string; bytesTotal: number; createdBy: string | null };

describe("POST /imports", () => {
  it("needs imports:write, then a kind, naming query.kind", async () => {
    await expectProblem(await upload("?kind=requests", CSV, viewer), 403, "forbidden");
    const missing = await expectProblem(await upload(""), 400, "validation_failed");
    expect(missing.errors).toEqual([expect.objectContaining({ path: "query.kind", code: "required" })]);
    const wrong = await expectProblem(await upload("?kind=calls"), 400, "validation_failed");
    expect(wrong.errors).toEqual([expect.objectContaining({ path: "query.kind", code: "invalid_value" })]);
  });

  it("refuses a source that is not an enabled import source of this bank, naming query.source", async () => {
    const http = (await (await ctx.app.request(`${API}/sources`, send("POST", { name: "Website" }, admin))).json()) as { source: { id: string } };
    const off = (await (await ctx.app.request(`${API}/sources`, send("POST", { name: "Old files", kind: "import" }, admin))).json()) as { source: { id: string } };
    await ctx.app.request(`${API}/sources/${off.source.id}/disable`, send("POST", {}, admin));
    const theirs = (await (await ctx.app.request(`${API}/sources`, send("POST", { name: "B files", kind: "import" }, await apiKeyHeaders(ctx, B, "admin")))).json()) as { source: { id: string } };
    for (const [source, message] of [
      ["not-a-uuid", /not a source of this bank/],
      [theirs.source.id, /not a source of this bank/],
      [http.source.id, /kind http/],
      [off.source.id, /disabled/],
    ] as const) {
      const p = await expectProblem(await upload(`?kind=requests&source=${source}`), 400, "validation_failed");
      expect(p.errors).toEqual([expect.objectContaining({ path: "query.source" })]);
      expect(p.errors?.[0]?.message).toMatch(message);
    }
  });

  it("files go to the bank's Imports source (made once) or to the chosen import source, and are audited without content", async () => {
    const first = (await (await upload("?kind=requests", CSV, analyst)).json()) as { import: Imp };
    const second = (await (await upload("?kind=requests")).json()) as { import: Imp };
    expect(second.import.sourceId).toBe(first.import.sourceId);
    const sources = await ctx.deps.db.selectFrom("event_sources").selectAll().where("tenant_id", "=", A.id).where("name", "=", "Imports").execute();
    expect(sources.map((s) => [s.id, s.kind])).toEqual([[first.import.sourceId, "import"]]);
    const chosen = (await (await ctx.app.request(`${API}/sources`, send("POST", { name: "Call centre", kind: "import" }, admin))).json()) as { source: { id: string } };
    const res = await upload(`?kind=requests&source=${chosen.source.id}`, CSV, { ...admin, "x-file-name": "C:\\exports\\requests%20march.csv" });
    expect(res.status).toBe(202);
    const { import: imp } = (await res.json()) as { import: Imp };
    expect(imp).toMatchObject({ kind: "requests", sourceId: chosen.source.id, status: "queued", fileName: "requests march.csv", bytesTotal: CSV.length });
    const audit = await ctx.deps.db.selectFrom("audit_log").selectAll().where("tenant_id", "=", A.id).where("subject_id", "=", imp.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["import.created"]);
    expect(audit[0]?.data).toMatchObject({ kind: "requests", sourceId: chosen.source.id, bytes: CSV.length });
    expect(JSON.stringify(audit[0]?.data)).not.toContain("c-1");
    const job = await ctx.deps.db.selectFrom("jobs").selectAll().where("tenant_id", "=", A.id).where("name", "=", "journeys.import").execute();
    expect(job.map((j) => (j.payload as { importId: string }).importId)).toContain(imp.id);
  });

  it("refuses unknown encodings (415), broken gzip (400 body) and files over the cap (413 body)", async () => {
    await expectProblem(await upload("?kind=requests", CSV, { ...admin, "content-encoding": "br" }), 415, "unsupported_media_type");
    const bad = await expectProblem(await upload("?kind=requests", "not gzip at all", { ...admin, "content-encoding": "gzip" }), 400, "bad_request");
    expect(bad.errors).toEqual([expect.objectContaining({ path: "body" })]);
    const big = gzipSync(Buffer.alloc(5_000, 0x61));
    const cap = createImport(ctx.deps, { actor: null, now: ctx.clock.now() }, A.id, { kind: "events", body: [big], gzip: true, maxBytes: 4_096 });
    await expect(cap).rejects.toMatchObject({ code: "payload_too_large", issues: [expect.objectContaining({ path: "body" })] });
  });
});

describe("GET /imports", () => {
  it("lists the bank's imports newest first, paged, and answers 404 for another bank's import", async () => {
    for (let i = 0; i < 3; i++) {
      ctx.clock.advance(1_000);
      expect((await upload("?kind=requests")).status).toBe(202);
    }
    const page1 = (await (await ctx.app.request(`${API}/imports?limit=2`, { headers: analyst })).json()) as { items: Imp[]; nextCursor: string };
    expect(page1.items).toHaveLength(2);
    const page2 = (await (await ctx.app.request(`${API}/imports?limit=2&cursor=${page1.nextCursor}`, { headers: analyst })).json()) as { items: Imp[] };
    const all = (await ctx.deps.db.selectFrom("event_imports").select("id").where("tenant_id", "=", A.id).orderBy("created_at", "desc").orderBy("id", "desc").limit(4).execute()).map((r) => r.id);
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual(all);
    await expectProblem(await ctx.app.request(`${API}/imports`, { headers: viewer }), 403, "forbidden");
    const theirs = (await (await upload("?kind=requests", CSV, await apiKeyHeaders(ctx, B, "admin"))).json()) as { import: Imp };
    await expectProblem(await ctx.app.request(`${API}/imports/${theirs.import.id}`, { headers: admin }), 404, "not_found");
    await expectProblem(await ctx.app.request(`${API}/imports/${theirs.import.id}/report.csv`, { headers: admin }), 404, "not_found");
    await expectProblem(await ctx.app.request(`${API}/imports?cursor=garbage`, { headers: admin }), 400, "validation_failed");
  });
});

describe("progress", () => {
  it("is reported at most every interval while running, with ok + duplicate + failed = total at every point", async () => {
    const lines = Array.from({ length: 95 }, (_, i) => (i % 10 === 9 ? "oops" : JSON.stringify({ type: "track", messageId: `m-${i % 50}`, userId: "u", event: "e" })));
    const bytes = Buffer.from(lines.join("\n"));
    const chunks = Array.from({ length: Math.ceil(bytes.length / 300) }, (_, i) => bytes.subarray(i * 300, (i + 1) * 300));
    const seen = new Set<string>();
    const stored: IntakeRow[][] = [];
    const sink = {
      chunkRows: 10,
      parallel: 2,
      write: async (rows: IntakeRow[]) => {
        stored.push(rows);
        const fresh = rows.filter((r) => !seen.has(r.m));
        for (const r of fresh) seen.add(r.m);
        return fresh.length;
      },
      close: async () => {},
    };
    const report = { add: async () => {}, close: async () => {} } as unknown as ReportWriter;
    let now = 0;
    const updates: Progress[] = [];
    const final = await processImport({ kind: "events", body: chunks, sink, report, now: Date.now(), clock: () => (now += 200), progressEveryMs: 500, onProgress: (p) => void updates.push(p) });
    // 95 lines: 9 bad, 86 good; ids m-9, m-19 … m-49 fall only on bad lines, so 45 distinct ids.
    const distinct = new Set(lines.filter((l) => l !== "oops").map((l) => (JSON.parse(l) as { messageId: string }).messageId)).size;
    expect(distinct).toBe(45);
    expect(final).toMatchObject({ bytesDone: bytes.length, rowsTotal: 95, rowsOk: distinct, rowsDuplicate: 86 - distinct, rowsFailed: 9 });
    expect(updates.length).toBeGreaterThan(3);
    expect(updates.at(-1)).toEqual(final);
    for (const [i, p] of updates.entries()) {
      expect(p.rowsTotal).toBe(p.rowsOk + p.rowsDuplicate + p.rowsFailed);
      if (i > 0) expect(p.bytesDone).toBeGreaterThanOrEqual((updates[i - 1] as Progress).bytesDone);
    }
    expect(stored.every((c) => c.length <= 10)).toBe(true);
    expect(stored.flat()).toHaveLength(86);
  });
});
