/**
 * Writes the demo's events into journey_events under the bank's "Demo data" source (kind import).
 * Rows go in chunks of about CHUNK rows cut between units, one statement per chunk: the chunk is
 * one JSON parameter unpacked by json_to_recordset (as the tracking API's store.ts does), with `on
 * conflict do nothing`, so a second run, or a run resumed after an interruption, stores nothing
 * twice. Each chunk commits on its own: the fold (kpi_dirty is filled by the insert trigger) and
 * the dashboards start on the first chunks while later ones are still being written, and on PGlite
 * a request waits for at most one chunk's statement.
 */
import { sql } from "kysely";
import type { Executor } from "../../src/db";
import { insertSource } from "../../src/modules/journeys/sources";
import { DEMO_CONTEXT, type EventRow, type GenerateOptions, generateUnits, journeyIdOf, messageIdOf } from "./generate";
import { loadOrg } from "./org";

export const DEMO_SOURCE_NAME = "Demo data";
const CHUNK = 2000;

/** The bank's "Demo data" source, made on first use. */
export async function demoSourceId(db: Executor, tenantId: string, now: Date): Promise<string> {
  const found = await db.selectFrom("event_sources").select("id").where("tenant_id", "=", tenantId).where("name", "=", DEMO_SOURCE_NAME).executeTakeFirst();
  if (found) return found.id;
  return (await insertSource(db, { tenantId, name: DEMO_SOURCE_NAME, kind: "import", now })).source.id;
}

async function insertChunk(db: Executor, tenantId: string, sourceId: string, rows: EventRow[]): Promise<number> {
  // Every demo row has the same context: one parameter, not one copy per row.
  const json = JSON.stringify(rows.map((r) => ({ m: r.message_id, e: r.event, u: r.user_id, j: r.journey_id, o: r.occurred_at, p: r.properties })));
  const context = JSON.stringify(DEMO_CONTEXT);
  const result = await sql`
    insert into journey_events (tenant_id, source_id, message_id, type, event, user_id, anonymous_id, journey_id, occurred_at, received_at, properties, context)
    select ${tenantId}::uuid, ${sourceId}::uuid, r.m, 'track', r.e, r.u, null, r.j, r.o, r.o, r.p, ${context}::jsonb
    from json_to_recordset(${json}::json) as r(m text, e text, u text, j text, o timestamptz, p jsonb)
    on conflict (tenant_id, source_id, message_id) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

export interface WriteProgress {
  units: number;
  rows: number;
  stored: number;
  ms: number;
}

/** Streams the generator's rows into the store; `onProgress` after every chunk; an aborted `signal` stops between chunks. */
export async function writeDemoEvents(db: Executor, o: GenerateOptions, onProgress?: (p: WriteProgress) => void, signal?: AbortSignal): Promise<WriteProgress> {
  const started = performance.now();
  const p: WriteProgress = { units: 0, rows: 0, stored: 0, ms: 0 };
  let chunk: EventRow[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    p.stored += await insertChunk(db, o.org.tenantId, o.org.sourceId, chunk);
    p.rows += chunk.length;
    chunk = [];
    p.ms = Math.round(performance.now() - started);
    onProgress?.(p);
  };
  for (const unit of generateUnits(o)) {
    if (signal?.aborted) return p;
    chunk.push(...unit);
    p.units += 1;
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  p.ms = Math.round(performance.now() - started);
  return p;
}

/**
 * Has this demo been written completely? Units are written in order and a unit never spans two
 * chunks, so the last unit's first event (its journey's start, always inside the window) is
 * stored only once every unit is.
 */
export async function demoComplete(db: Executor, tenantId: string, sourceId: string, journeys: number, seed: number): Promise<boolean> {
  if (journeys === 0) return true;
  const row = await db
    .selectFrom("journey_events")
    .select("message_id")
    .where("tenant_id", "=", tenantId)
    .where("source_id", "=", sourceId)
    .where("message_id", "=", messageIdOf(seed, journeys - 1, 0))
    .executeTakeFirst();
  return row !== undefined;
}

export interface SeedJourneysOptions {
  tenantId: string;
  journeys: number;
  seed: number;
  until: string;
  now: Date;
}

/** The demo bank's journeys: its own branches and agents, under "Demo data". */
export async function seedJourneys(db: Executor, o: SeedJourneysOptions, onProgress?: (p: WriteProgress) => void, signal?: AbortSignal): Promise<WriteProgress & { sourceId: string; firstJourney: string }> {
  const sourceId = await demoSourceId(db, o.tenantId, o.now);
  const org = await loadOrg(db, o.tenantId, sourceId);
  const p = await writeDemoEvents(db, { journeys: o.journeys, seed: o.seed, until: o.until, org }, onProgress, signal);
  return { ...p, sourceId, firstJourney: journeyIdOf(o.seed, 0) };
}
