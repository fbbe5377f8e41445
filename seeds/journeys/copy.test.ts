import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { describe, expect, it } from "vitest";
import { createTestContext, testDatabaseUrl } from "../../tests/support/context";
import { makeTenant } from "../../tests/support/factories";
import { insertSource } from "../../src/modules/journeys/sources";
import { COPY_COLUMNS, copyChunks, copyLine } from "./copy";
import { type EventRow, generate } from "./generate";
import { syntheticOrg } from "./org";

const row = (over: Partial<EventRow>): EventRow => ({
  tenant_id: "t",
  source_id: "s",
  message_id: "m",
  type: "track",
  event: "e",
  user_id: "u",
  anonymous_id: null,
  journey_id: null,
  occurred_at: "2026-01-01T00:00:00.000Z",
  received_at: "2026-01-01T00:00:00.000Z",
  properties: {},
  context: {},
  ...over,
});

describe("COPY text of the demo rows", () => {
  it("escapes backslashes, tabs and newlines and writes null as \\N", () => {
    const line = copyLine(row({ properties: { comment: 'a\tb\nc "q" \\' } }));
    const cols = line.slice(0, -1).split("\t");
    expect(cols).toHaveLength(12);
    expect(cols[6]).toBe("\\N");
    expect(cols[10]).toBe('{"comment":"a\\\\tb\\\\nc \\\\"q\\\\" \\\\\\\\"}');
  });

  it.skipIf(testDatabaseUrl() === null)("loads into journey_events on PostgreSQL with the same rows the generator made", async () => {
    const ctx = await createTestContext();
    const tenant = await makeTenant(ctx);
    const source = (await insertSource(ctx.deps.db, { tenantId: tenant.id, name: "Demo copy", kind: "import", now: new Date() })).source.id;
    const rows = [...generate({ journeys: 300, seed: 5, until: "2026-11-01", org: syntheticOrg(tenant.id, source) })];
    const client = new pg.Client({ connectionString: testDatabaseUrl() as string });
    await client.connect();
    try {
      await pipeline(Readable.from(copyChunks(rows, 64 * 1024)), client.query(copyFrom(`copy journey_events (${COPY_COLUMNS}) from stdin`)));
      const r = await client.query("select count(*)::int as n, count(distinct journey_id)::int as j from journey_events where tenant_id = $1 and source_id = $2", [tenant.id, source]);
      expect(r.rows[0]).toEqual({ n: rows.length, j: 300 });
      const sample = rows.find((x) => x.event === "survey.response_completed" && x.properties.comment) ?? rows[0];
      const stored = await client.query("select properties, entity from journey_events where tenant_id = $1 and source_id = $2 and message_id = $3", [tenant.id, source, sample?.message_id]);
      expect(stored.rows[0]?.properties).toEqual(sample?.properties);
    } finally {
      await client.end();
    }
  });
});
