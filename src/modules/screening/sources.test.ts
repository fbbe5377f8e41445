import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import type { Config } from "../../config";
import { PermanentJobError } from "../../jobs/registry";
import { LIST_IMPORT_JOB, listImportJob, screeningListSchedules } from "./jobs";
import { activeEntryCount, listVersions } from "./lists";
import { fetchListFile, importSources, parseSources, SourcesConfigError } from "./sources";

const ctx = await createTestContext();
const SEEDS = join(import.meta.dirname, "../../../seeds/lists");
const FILES: Record<string, Buffer> = {
  "/un/consolidated.xml": readFileSync(join(SEEDS, "un/UN_consolidated.xml")),
  "/ofac/sdn.csv": readFileSync(join(SEEDS, "ofac/sdn.csv")),
  "/ofac/alt.csv": readFileSync(join(SEEDS, "ofac/alt.csv")),
  "/ofac/add.csv": readFileSync(join(SEEDS, "ofac/add.csv")),
  "/broken/consolidated.xml": readFileSync(join(SEEDS, "un/UN_consolidated.xml")).subarray(0, 500_000),
};
let server: Server;
let base = "";
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url === "/slow") return; // never answers
    if (req.url === "/big") {
      res.writeHead(200, { "content-type": "text/csv" });
      res.end(Buffer.alloc(64 * 1024, 65));
      return;
    }
    const body = FILES[req.url ?? ""];
    if (!body) {
      res.writeHead(404).end("not here");
      return;
    }
    res.writeHead(200, { "content-type": req.url?.endsWith(".xml") ? "application/xml" : "text/csv" });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const id = () => `test-${randomUUID()}`;
const withSources = (sources: string) => ({ ...ctx.deps, config: { ...ctx.deps.config, screening: { sources, importCron: "30 2 * * *" } } as Config });
const statuses = async (listId: string) => ((await listVersions(ctx.deps.db, listId, { limit: 20 }))?.items ?? []).map((v) => [v.version, v.status]);

describe("SCREENING_SOURCES", () => {
  it("parses lists, formats and the three OFAC files", () => {
    expect(parseSources("un=un-xml:https://scsanctions.un.org/resources/xml/en/consolidated.xml; ofac-sdn=ofac-csv:https://x.example/sdn.csv|https://x.example/alt.csv|https://x.example/add.csv")).toEqual([
      { listId: "un", format: "un-xml", urls: ["https://scsanctions.un.org/resources/xml/en/consolidated.xml"] },
      { listId: "ofac-sdn", format: "ofac-csv", urls: ["https://x.example/sdn.csv", "https://x.example/alt.csv", "https://x.example/add.csv"] },
    ]);
    expect(parseSources(undefined)).toEqual([]);
    expect(parseSources("  ")).toEqual([]);
  });

  it("lists every problem of a bad configuration", () => {
    let err: unknown;
    try {
      parseSources("UN=un-xml:https://a.example/x.xml;eu=eu-json:https://a.example/e;pep=pep-csv:http://a.example/p.csv;un2=un-xml:https://a.example/1|https://a.example/2;nonsense;x=ofac-csv:not a url");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SourcesConfigError);
    const problems = (err as SourcesConfigError).problems;
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/source 1 .*list id "UN" must be lower-case/);
    expect(problems[1]).toMatch(/source 2 .*format "eu-json" must be one of ofac-csv, ofac-xml, un-xml, eu-csv, eu-xml, pep-csv/);
    expect(problems[2]).toMatch(/source 3 .*http:\/\/ is not allowed \(https only\)/);
    expect(problems[3]).toMatch(/source 4 .*un-xml takes one URL/);
    expect(problems[4]).toMatch(/source 5 .*expected <list id>=<format>:<url>/);
    expect(problems[5]).toMatch(/source 6 .*"not a url" is not a URL/);
    expect(parseSources("pep=pep-csv:http://127.0.0.1/p.csv", { allowHttp: true })).toHaveLength(1);
  });

  it("schedules the import only when sources are configured, and stops on a bad configuration", () => {
    const config = (sources?: string) => ({ ...ctx.config, screening: { sources, importCron: "15 3 * * *" } }) as Config;
    expect(screeningListSchedules(config())).toEqual([]);
    expect(screeningListSchedules(config("un=un-xml:https://a.example/c.xml"))).toEqual([{ name: "screening.import_lists", cron: "15 3 * * *", jobName: LIST_IMPORT_JOB }]);
    expect(() => screeningListSchedules(config("un=un-xml"))).toThrow(SourcesConfigError);
  });
});

describe("fetching a list file", () => {
  it("names the file after the URL, and refuses 404s, slow servers and oversized bodies", async () => {
    const f = await fetchListFile(`${base}/ofac/sdn.csv`);
    expect(f.name).toBe("sdn.csv");
    expect(Buffer.from(f.bytes).equals(FILES["/ofac/sdn.csv"] as Buffer)).toBe(true);
    await expect(fetchListFile(`${base}/missing.xml`)).rejects.toThrow(/missing\.xml: the server answered 404/);
    await expect(fetchListFile(`${base}/slow`, { timeoutMs: 300 })).rejects.toThrow(/no answer within 300 ms/);
    await expect(fetchListFile(`${base}/big`, { maxBytes: 10_000 })).rejects.toThrow(/over the 10000-byte limit/);
  });
});

describe("the scheduled import job against a local server", () => {
  it("imports every configured list, then re-imports nothing that did not change", async () => {
    const un = id();
    const ofac = id();
    const deps = withSources(`${un}=un-xml:${base}/un/consolidated.xml;${ofac}=ofac-csv:${base}/ofac/sdn.csv|${base}/ofac/alt.csv|${base}/ofac/add.csv`);
    await listImportJob.handler(deps, {}, { id: "j", name: LIST_IMPORT_JOB, attempts: 1, maxAttempts: 3, tenantId: null });
    expect(await statuses(un)).toEqual([[1, "active"]]);
    expect(await activeEntryCount(ctx.deps.db, un)).toBe(1003);
    expect(await activeEntryCount(ctx.deps.db, ofac)).toBe(17);
    const list = await ctx.deps.db.selectFrom("screening_lists").selectAll().where("id", "=", ofac).executeTakeFirstOrThrow();
    expect(list).toMatchObject({ format: "ofac-csv", source_url: `${base}/ofac/sdn.csv`, active_version: 1 });
    const [v] = (await listVersions(ctx.deps.db, ofac, { limit: 1 }))?.items ?? [];
    expect(v).toMatchObject({ importedBy: "schedule", source: `${base}/ofac/sdn.csv | ${base}/ofac/alt.csv | ${base}/ofac/add.csv`, entries: 17 });
    await listImportJob.handler(deps, { listId: un }, { id: "j", name: LIST_IMPORT_JOB, attempts: 1, maxAttempts: 3, tenantId: null });
    expect(await statuses(un)).toEqual([[1, "active"]]);
  });

  it("records a broken file and a failed download on their lists, keeps the previous versions, imports the rest and reports the failures", async () => {
    const good = id();
    const broken = id();
    const gone = id();
    // First a good version of each list.
    const first = await importSources(ctx.deps.db, [{ listId: broken, format: "un-xml", urls: [`${base}/un/consolidated.xml`] }], { now: () => ctx.clock.now() });
    expect(first[0]?.ok).toBe(true);
    const deps = withSources(`${good}=un-xml:${base}/un/consolidated.xml;${broken}=un-xml:${base}/broken/consolidated.xml;${gone}=pep-csv:${base}/gone.csv`);
    const err = await listImportJob.handler(deps, {}, { id: "j", name: LIST_IMPORT_JOB, attempts: 1, maxAttempts: 3, tenantId: null }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(PermanentJobError);
    expect((err as Error).message).toMatch(new RegExp(`^2 of 3 list\\(s\\) failed: ${broken}: .*not well-formed XML.*; ${gone}: .*gone\\.csv: the server answered 404`));
    expect(await statuses(good)).toEqual([[1, "active"]]);
    expect(await statuses(broken)).toEqual([
      [2, "failed"],
      [1, "active"],
    ]);
    expect(await activeEntryCount(ctx.deps.db, broken)).toBe(1003);
    expect(await statuses(gone)).toEqual([[1, "failed"]]);
    const [g] = (await listVersions(ctx.deps.db, gone, { limit: 1 }))?.items ?? [];
    expect(g?.error).toMatch(/^download failed: .*gone\.csv: the server answered 404/);
  });
});
