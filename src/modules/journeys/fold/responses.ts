/**
 * Survey responses tied to a journey (properties.journeyId) score under the journey's dimensions
 * and at the node it had reached, read from the `journeys` table when the response is folded. A
 * response folded before its journey (batches go by day, and a sender's clock may put the answer
 * first), or whose journey later changes dimensions, would keep what it read then: so folding a
 * journey that is new, gone, or changed dimensions marks its responses dirty again, right after
 * the batch commits.
 */
import { sql } from "kysely";
import type { Executor, Trx } from "../../../db";
import { definitionFor, type JourneyDefinition } from "../model/definition";
import type { LinkedJourney } from "./facts";
import { type JourneyState, journeyDims } from "./journey";
import { type FoldEvent, obj, str } from "./values";

/** The journeys named by the responses' journeyId (as written by this batch), with their dimensions and reached nodes. */
export async function linkedJourneys(trx: Trx, tenantId: string, lists: FoldEvent[][], defs: ReadonlyMap<string, JourneyDefinition>): Promise<Map<string, LinkedJourney>> {
  const ids = [...new Set(lists.flatMap((l) => l.map((e) => str(obj(e.properties).journeyId)).filter((x) => x)))];
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom("journeys")
    .select(["journey_id", "product", "start_channel", "device", "segment", "region", "branch", "agent", "reached"])
    .where("tenant_id", "=", tenantId)
    .where("journey_id", "in", ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.journey_id,
      { dims: journeyDims({ ...r, startChannel: r.start_channel }), reached: (r.reached ?? {}) as Record<string, string>, def: definitionFor(defs, r.product) },
    ]),
  );
}

type StoredDims = { journey_id: string; product: string; start_channel: string; device: string; segment: string; region: string; branch: string; agent: string };

const dimsKey = (d: ReturnType<typeof journeyDims>) => JSON.stringify(d);

/**
 * The responses (r: entities) of the journeys this batch created, deleted or moved to other
 * dimensions (`before`: their stored rows before the batch), except those the batch folds itself
 * (`inBatch`): to be marked dirty by markDirty once the batch has committed.
 */
export async function responsesOfChanged(
  trx: Trx,
  tenantId: string,
  before: readonly StoredDims[],
  states: readonly JourneyState[],
  gone: readonly string[],
  inBatch: ReadonlySet<string>,
): Promise<string[]> {
  const was = new Map(before.map((r) => [r.journey_id, dimsKey(journeyDims({ ...r, startChannel: r.start_channel }))]));
  const changed = [...gone.filter((id) => was.has(id)), ...states.filter((s) => was.get(s.journeyId) !== dimsKey(journeyDims(s))).map((s) => s.journeyId)];
  if (changed.length === 0) return [];
  const r = await sql<{ entity: string }>`
    select distinct entity from journey_events
    where tenant_id = ${tenantId}::uuid and journey_id = any(${changed}::text[]) and journey_id is not null and entity like 'r:%'`.execute(trx);
  return r.rows.map((x) => x.entity).filter((e) => !inBatch.has(e));
}

/**
 * Marks entities dirty (today's day: after what is queued). Run outside the batch's transaction:
 * inside it, a writer holding one of these rows in an open transaction while waiting for a row
 * the batch claimed would deadlock with it. A crash between the two leaves those responses as
 * they were until their next event or a rebuild.
 */
export async function markDirty(db: Executor, tenantId: string, entities: readonly string[]): Promise<void> {
  if (entities.length === 0) return;
  await sql`insert into kpi_dirty (tenant_id, entity, day)
    select ${tenantId}::uuid, e, (now() at time zone 'UTC')::date from unnest(${[...entities].sort()}::text[]) as e
    on conflict do nothing`.execute(db);
}
