/**
 * The fold: keeps `journeys` and the KPI rollups (kpi_cube, kpi_margin, kpi_touch) equal to what
 * all journey events say, incrementally. The insert trigger on journey_events marks each touched
 * entity dirty (kpi_dirty); a batch takes up to 1,000 dirty entities of one bank, re-reads ALL
 * their events, recomputes them, and applies new − old contribution (kpi_entities keeps the old).
 *
 * Locking: each batch is one transaction holding `pg_advisory_xact_lock(FOLD_LOCK, hashtext(bank))`,
 * so two folds of one bank never interleave (a second process waits for the batch, then takes what
 * is left); different banks fold in parallel. The dirty rows are claimed with `delete … returning`
 * over a `for update skip locked` pick, so a writer marking an entity dirty while its batch runs
 * waits for the batch and leaves the entity dirty for the next one: nothing is lost or counted twice.
 *
 * Order: entities are claimed by (day, entity), `kpi_dirty.day` being the day of the earliest event
 * that marked them, so one batch's journeys share their days and most of their rollup rows (a
 * batch in entity order wrote 14 margin rows a journey, in day order under one: migration 0012).
 * Within a day 'c:' < 'j:' < 'q:' < 'r:' < 'u:', so responses come after the journeys they take
 * their dimensions from; a response folded before its journey anyway is marked dirty again when
 * the journey is folded (responses.ts). Customers (u:) are folded in the batch that changed one of
 * their journeys (their old and new customer), right after the journeys are written, in the same
 * transaction: intent and active read the journeys table.
 */
import { sql } from "kysely";
import { type Db, type Executor, inTransaction, type Trx } from "../../../db";
import type { Contribution } from "../model/cube";
import { definitionFor, type JourneyDefinition } from "../model/definition";
import { decode, encode } from "./codec";
import { journeyContribution } from "./contribution";
import { loadDefinitions } from "./definitions";
import { Deltas, applyDeltas } from "./apply";
import { contactCell, customerContribution, requestCell, requestFacts, contactFacts, responseContribution } from "./facts";
import { type JourneyState, inactivityMs, journeyDims, recomputeJourney } from "./journey";
import { linkedJourneys, markDirty, responsesOfChanged } from "./responses";
import { type FoldEvent, obj, str } from "./values";

/** Advisory lock key of the fold (second key: hashtext of the bank's id). */
export const FOLD_LOCK = 4_242_011;
export const BATCH = 1_000;
/** Events read per entity: a sender repeating one journeyId millions of times cannot exhaust memory. */
export const MAX_EVENTS_PER_ENTITY = 20_000;

type Log = (fields: Record<string, unknown>, message: string) => void;

export interface FoldOptions {
  now?: Date;
  batchSize?: number;
  /** Stop starting batches after this many ms (the batch in flight finishes). */
  budgetMs?: number;
  /** Mark open journeys past their inactivity window dirty first (default true). */
  sweep?: boolean;
  log?: Log;
  onBatch?: (c: FoldCounts) => void;
}

export interface FoldCounts {
  batches: number;
  entities: number;
  journeys: number;
  events: number;
  customers: number;
  swept: number;
  /** Rollup rows written (cube + margin + touch). */
  rows: number;
  ms: number;
}

const zero = (): FoldCounts => ({ batches: 0, entities: 0, journeys: 0, events: 0, customers: 0, swept: 0, rows: 0, ms: 0 });
const plus = (a: FoldCounts, b: FoldCounts): FoldCounts => ({
  batches: a.batches + b.batches,
  entities: a.entities + b.entities,
  journeys: a.journeys + b.journeys,
  events: a.events + b.events,
  customers: a.customers + b.customers,
  swept: a.swept + b.swept,
  rows: a.rows + b.rows,
  ms: a.ms + b.ms,
});

const lock = (trx: Trx, tenantId: string) => sql`select pg_advisory_xact_lock(${FOLD_LOCK}, hashtext(${tenantId}))`.execute(trx);

type EventRow = FoldEvent & { entity: string };

/** One batch of one bank, in one transaction. Returns null when nothing was dirty. */
export async function foldBatch(db: Db, tenantId: string, defs: ReadonlyMap<string, JourneyDefinition>, now: Date, batchSize = BATCH): Promise<FoldCounts | null> {
  const started = Date.now();
  let remark: string[] = [];
  const counts = await inTransaction(db, async (trx) => {
    await lock(trx, tenantId);
    const claimed = await sql<{ entity: string }>`
      with pick as materialized (
        select entity from kpi_dirty where tenant_id = ${tenantId}::uuid order by day, entity limit ${batchSize} for update skip locked)
      delete from kpi_dirty d using pick where d.tenant_id = ${tenantId}::uuid and d.entity = pick.entity
      returning d.entity`.execute(trx);
    if (claimed.rows.length === 0) return null;
    const entities = [...new Set(claimed.rows.map((r) => r.entity))];
    const facts = entities.filter((e) => /^[jcqr]:/.test(e));
    const claimedCustomers = entities.filter((e) => e.startsWith("u:")).map((e) => e.slice(2));

    const events = facts.length
      ? (
          await sql<EventRow>`
          select x.* from unnest(${facts}::text[]) as e(entity)
          cross join lateral (
            select je.entity, je.type, je.event, je.user_id, je.anonymous_id, je.occurred_at, je.properties, je.context, je.message_id, je.source_id::text as source_id
            from journey_events je where je.tenant_id = ${tenantId}::uuid and je.entity = e.entity
            order by je.occurred_at limit ${MAX_EVENTS_PER_ENTITY}) x`.execute(trx)
        ).rows
      : [];
    const byEntity = new Map<string, EventRow[]>();
    for (const e of events) {
      const list = byEntity.get(e.entity);
      if (list) list.push(e);
      else byEntity.set(e.entity, [e]);
    }
    const old = await oldContributions(trx, tenantId, facts);
    const journeyIds = facts.filter((e) => e.startsWith("j:")).map((e) => e.slice(2));
    const oldJourneys = journeyIds.length
      ? await trx
          .selectFrom("journeys")
          .select(["journey_id", "customer", "product", "start_channel", "device", "segment", "region", "branch", "agent"])
          .where("tenant_id", "=", tenantId)
          .where("journey_id", "in", journeyIds)
          .execute()
      : [];

    // Journeys, contacts and requests first: responses and customers read the journeys written here.
    const fresh = new Map<string, Contribution>();
    const states: JourneyState[] = [];
    const gone: string[] = [];
    for (const entity of facts) {
      const list = byEntity.get(entity) ?? [];
      const kind = entity[0];
      if (kind === "j") {
        const s = recomputeJourney(entity.slice(2), list, defs, now);
        if (!s) gone.push(entity.slice(2));
        else {
          states.push(s);
          fresh.set(entity, journeyContribution(s, definitionFor(defs, s.product)));
        }
      } else if (kind === "c") fresh.set(entity, { cube: contactFacts(list, null).map(contactCell), touch: [] });
      else if (kind === "q") fresh.set(entity, { cube: requestFacts(list, null, defs).map(requestCell), touch: [] });
    }
    await writeJourneys(trx, tenantId, states, gone, now);
    remark = await responsesOfChanged(trx, tenantId, oldJourneys, states, gone, new Set(facts));

    const responses = facts.filter((e) => e.startsWith("r:"));
    if (responses.length) {
      const linked = await linkedJourneys(trx, tenantId, responses.map((e) => byEntity.get(e) ?? []), defs);
      for (const entity of responses) {
        const list = byEntity.get(entity) ?? [];
        const jid = list.map((e) => str(obj(e.properties).journeyId)).find((x) => x) ?? "";
        fresh.set(entity, responseContribution(list, linked.get(jid) ?? null));
      }
    }

    const customers = new Set<string>(claimedCustomers);
    for (const r of oldJourneys) if (r.customer) customers.add(r.customer);
    for (const s of states) if (s.customer) customers.add(s.customer);
    const customerKeys = [...customers].map((c) => `u:${c}`);
    for (const [c, x] of await customerContributions(trx, tenantId, [...customers])) fresh.set(`u:${c}`, x);
    for (const [k, v] of await oldContributions(trx, tenantId, customerKeys)) old.set(k, v);

    // new − old, for every entity whose stored contribution changed.
    const deltas = new Deltas();
    const upserts: { entity: string; contribution: string }[] = [];
    const deletes: string[] = [];
    for (const entity of [...facts, ...customerKeys]) {
      const contribution = fresh.get(entity) ?? { cube: [], touch: [] };
      const next = encode(contribution);
      const text = next ? JSON.stringify(next) : null;
      const before = old.get(entity) ?? null;
      if (text === (typeof before === "string" || before === null ? before : JSON.stringify(before))) continue;
      if (before) deltas.add(decode(before), -1);
      if (text) {
        deltas.add(contribution, 1);
        upserts.push({ entity, contribution: text });
      } else deletes.push(entity);
    }
    if (upserts.length) {
      await sql`insert into kpi_entities (tenant_id, entity, contribution, updated_at)
        select ${tenantId}::uuid, x.entity, to_jsonb(x.contribution), ${now}
        from json_to_recordset(${JSON.stringify(upserts)}::json) as x(entity text, contribution text)
        on conflict (tenant_id, entity) do update set contribution = excluded.contribution, updated_at = excluded.updated_at`.execute(trx);
    }
    if (deletes.length) await trx.deleteFrom("kpi_entities").where("tenant_id", "=", tenantId).where("entity", "in", deletes).execute();
    const written = await applyDeltas(trx, tenantId, deltas);
    return {
      ...zero(),
      batches: 1,
      entities: entities.length,
      journeys: states.length,
      events: events.length,
      customers: customers.size,
      rows: written.cube + written.margin + written.touch,
      ms: Date.now() - started,
    };
  });
  // After the commit, holding no lock: a writer's open transaction may hold these rows.
  if (counts) await markDirty(db, tenantId, remark);
  return counts;
}

async function oldContributions(db: Executor, tenantId: string, entities: string[]): Promise<Map<string, unknown>> {
  if (entities.length === 0) return new Map();
  const rows = await db.selectFrom("kpi_entities").select(["entity", "contribution"]).where("tenant_id", "=", tenantId).where("entity", "in", entities).execute();
  return new Map(rows.map((r) => [r.entity, r.contribution]));
}

const ts = (v: string | null) => v;

/** Upserts the recomputed journeys (one statement) and deletes journeys left without events. */
async function writeJourneys(trx: Trx, tenantId: string, states: JourneyState[], gone: string[], now: Date) {
  if (gone.length) await trx.deleteFrom("journeys").where("tenant_id", "=", tenantId).where("journey_id", "in", gone).execute();
  if (states.length === 0) return;
  const rows = states.map((s) => ({
    journey_id: s.journeyId,
    customer: s.customer,
    product: s.product,
    segment: s.segment,
    region: s.region,
    branch: s.branch,
    agent: s.agent,
    device: s.device,
    start_channel: s.startChannel,
    channels: s.channels,
    touchpoints: s.touchpoints,
    channel_switches: s.channelSwitches,
    status: s.status,
    started_at: s.startedAt,
    submitted_at: ts(s.submittedAt),
    decided_at: ts(s.decidedAt),
    decision: s.decision,
    funded_at: ts(s.fundedAt),
    opened_at: ts(s.openedAt),
    first_event_at: s.firstEventAt,
    last_activity_at: s.lastActivityAt,
    abandoned_at: ts(s.abandonedAt),
    abandoned_step: s.abandonedStep,
    abandoned_field: s.abandonedField,
    last_step: s.lastStep,
    last_field: s.lastField,
    reached: s.reached,
    events: s.events,
  }));
  const text = ["customer", "product", "segment", "region", "branch", "agent", "device", "start_channel", "status", "decision", "abandoned_step", "abandoned_field", "last_step", "last_field"];
  const times = ["started_at", "submitted_at", "decided_at", "funded_at", "opened_at", "first_event_at", "last_activity_at", "abandoned_at"];
  const cols = ["journey_id", ...text, ...times, "channels", "touchpoints", "channel_switches", "reached", "events"];
  const types = ["journey_id text", ...text.map((c) => `${c} text`), ...times.map((c) => `${c} timestamptz`), "channels text[]", "touchpoints int4", "channel_switches int4", "reached jsonb", "events int4"];
  const updates = [...cols.slice(1), "updated_at"].map((c) => `${c} = excluded.${c}`).join(", ");
  await sql`insert into journeys (tenant_id, ${sql.raw(cols.join(", "))}, updated_at)
    select ${tenantId}::uuid, ${sql.raw(cols.map((c) => `x.${c}`).join(", "))}, ${now}
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(${sql.raw(types.join(", "))})
    on conflict (tenant_id, journey_id) do update set ${sql.raw(updates)}`.execute(trx);
}

/** Intent and active of each customer, from their journeys (first by start, then journey id). */
async function customerContributions(trx: Trx, tenantId: string, customers: string[]): Promise<Map<string, Contribution>> {
  const out = new Map<string, Contribution>();
  if (customers.length === 0) return out;
  const rows = await sql<{ customer: string; active: boolean; started_at: Date; product: string; start_channel: string; device: string; segment: string; region: string; branch: string; agent: string }>`
    select a.customer, a.active, f.started_at, f.product, f.start_channel, f.device, f.segment, f.region, f.branch, f.agent
    from (select customer, bool_or(funded_at is not null or opened_at is not null) as active
          from journeys where tenant_id = ${tenantId}::uuid and customer = any(${customers}::text[]) group by customer) a
    cross join lateral (
      select started_at, product, start_channel, device, segment, region, branch, agent from journeys j
      where j.tenant_id = ${tenantId}::uuid and j.customer = a.customer order by started_at, journey_id limit 1) f`.execute(trx);
  for (const r of rows.rows) {
    out.set(r.customer, customerContribution({ first: { startedAt: new Date(r.started_at).toISOString(), dims: journeyDims({ ...r, startChannel: r.start_channel }) }, active: r.active }));
  }
  return out;
}

/**
 * Marks open journeys whose product's inactivity window has passed dirty, so the fold abandons
 * them. Exactly the rule recomputeJourney applies (now − last activity ≥ window), so a swept
 * journey comes back abandoned and is not swept again.
 */
export async function sweepInactive(db: Executor, tenantId: string, defs: ReadonlyMap<string, JourneyDefinition>, now: Date): Promise<number> {
  const cutoff = (def: JourneyDefinition) => new Date(now.getTime() - inactivityMs(def)).toISOString();
  const perProduct: Record<string, string> = {};
  for (const [product, def] of defs) if (product !== "*") perProduct[product] = cutoff(def);
  const fallback = cutoff(definitionFor(defs, "\u0000no product"));
  const latest = [fallback, ...Object.values(perProduct)].sort().at(-1) as string;
  const r = await sql`insert into kpi_dirty (tenant_id, entity, day)
    select j.tenant_id, 'j:' || j.journey_id, (coalesce(j.started_at, j.first_event_at) at time zone 'UTC')::date from journeys j
    where j.tenant_id = ${tenantId}::uuid and j.status = 'open' and j.last_activity_at <= ${latest}::timestamptz
      and j.last_activity_at <= coalesce((${JSON.stringify(perProduct)}::jsonb ->> j.product)::timestamptz, ${fallback}::timestamptz)
    on conflict do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Folds one bank until nothing is dirty (or the budget is spent). */
export async function foldTenant(db: Db, tenantId: string, opts: FoldOptions = {}): Promise<FoldCounts> {
  const start = Date.now();
  const now = opts.now ?? new Date();
  const defs = await loadDefinitions(db, tenantId, opts.log);
  let total = zero();
  if (opts.sweep !== false) total.swept = await sweepInactive(db, tenantId, defs, now);
  for (;;) {
    if (opts.budgetMs !== undefined && Date.now() - start >= opts.budgetMs) break;
    const b = await foldBatch(db, tenantId, defs, now, opts.batchSize ?? BATCH);
    if (!b) break;
    total = plus(total, b);
    opts.onBatch?.(total);
  }
  total.ms = Date.now() - start;
  return total;
}

/** Folds every bank with something pending (what the journeys.fold job runs). */
export async function foldPending(db: Db, opts: FoldOptions = {}): Promise<FoldCounts> {
  const start = Date.now();
  let total = zero();
  const tenants = await db.selectFrom("tenants").select("id").orderBy("id").execute();
  if (opts.sweep !== false) {
    for (const t of tenants) total.swept += await sweepInactive(db, t.id, await loadDefinitions(db, t.id, opts.log), opts.now ?? new Date());
  }
  for (;;) {
    const pending = await sql<{ id: string }>`select t.id from tenants t where exists (select 1 from kpi_dirty d where d.tenant_id = t.id) order by t.id`.execute(db);
    if (pending.rows.length === 0) break;
    const before = total.entities;
    for (const t of pending.rows) {
      const left = opts.budgetMs === undefined ? undefined : opts.budgetMs - (Date.now() - start);
      if (left !== undefined && left <= 0) break;
      total = plus(total, await foldTenant(db, t.id, { ...opts, sweep: false, budgetMs: left }));
    }
    if (opts.budgetMs !== undefined && Date.now() - start >= opts.budgetMs) break;
    // Rows another process holds (skip locked) are its to fold: do not spin on them.
    if (total.entities === before) break;
  }
  total.ms = Date.now() - start;
  return total;
}

/**
 * Recomputes a bank's journeys and rollups from its events (after a definition changed): clears
 * them and marks every entity dirty in one transaction, then folds to the end. Readers see the
 * rollups fill up again while it runs.
 */
export async function rebuild(db: Db, tenantId: string, opts: FoldOptions = {}): Promise<FoldCounts & { marked: number }> {
  const marked = await inTransaction(db, async (trx) => {
    await lock(trx, tenantId);
    for (const table of ["kpi_cube", "kpi_margin", "kpi_touch", "kpi_entities", "journeys"] as const) await trx.deleteFrom(table).where("tenant_id", "=", tenantId).execute();
    const r = await sql`insert into kpi_dirty (tenant_id, entity, day)
      select tenant_id, entity, (min(occurred_at) at time zone 'UTC')::date from journey_events
      where tenant_id = ${tenantId}::uuid and entity is not null group by tenant_id, entity
      on conflict do nothing`.execute(trx);
    return Number(r.numAffectedRows ?? 0);
  });
  // The planner must know the queue is large now, or each claim sorts all of it (measured 100 ms a
  // batch at 100,000 dirty entities) instead of reading the (tenant, day, entity) index.
  await sql`analyze kpi_dirty`.execute(db);
  return { ...(await foldTenant(db, tenantId, { ...opts, sweep: false })), marked };
}
