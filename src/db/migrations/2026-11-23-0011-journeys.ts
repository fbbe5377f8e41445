import type { Migration } from "../migrate";

/**
 * Journey analytics, the model and its rollups (see src/modules/journeys/model/):
 * - `journey_events.entity`: what an event is about, for the fold — `j:<journeyId>` (a journey),
 *   `r:<responseId>` (a survey response and its follow-ups), `c:<contactId>` (a contact-centre
 *   record), `q:<requestId>` (a service request), `u:<customer>` (identify calls); null otherwise.
 * - `kpi_dirty`: entities whose events changed since the last fold. A statement trigger on
 *   journey_events fills it in the inserting transaction, so every writer (tracking API, the
 *   Atrium stream, imports, the demo generator) is folded the same way.
 * - `journeys`: one row per journey id, recomputed from all its events by the fold.
 * - `kpi_entities`: what each entity last added to the rollups, so a change subtracts it first.
 * - `kpi_cube`: additive KPI counters by (grain day|month, period, product, channel, device,
 *   segment, region, branch, agent, queue); '' is "not recorded". `kpi_margin` holds the same counters
 *   with at most one dimension set (dim '' = the total), the fast path for unfiltered queries.
 *   `kpi_touch`: per journey-map node (stage, step, touchpoint, field) under the cube's key.
 * - `journey_definitions`: a bank's own journey definitions per product ('*' = every product).
 * - `event_imports`: bulk imports (NDJSON events, contact-centre CSV, service-request CSV), their
 *   progress and per-row report.
 */
// A survey response is its own entity even when tied to a journey (properties.journeyId): its
// follow-ups are folded with it; its scores take the journey's dimensions at fold time.
const entity = `case
  when type = 'track' and event = 'survey.response_completed' then 'r:' || coalesce(properties->>'responseId', message_id)
  when type = 'track' and event = 'feedback.followed_up' and properties ? 'responseId' then 'r:' || (properties->>'responseId')
  when journey_id is not null then 'j:' || journey_id
  when type = 'track' and event like 'contact.%' then 'c:' || coalesce(properties->>'contactId', message_id)
  when type = 'track' and event like 'request.%' then 'q:' || coalesce(properties->>'requestId', message_id)
  when type = 'identify' then 'u:' || coalesce(user_id, anonymous_id)
  else null end`;

const dims = `product text not null default '',
      channel text not null default '',
      device text not null default '',
      segment text not null default '',
      region text not null default '',
      branch text not null default '',
      agent text not null default '',
      queue text not null default ''`;

/** Additive counters; arrays are histograms (model/buckets.ts) added element-wise by kpi_add. */
const counters = `started int4 not null default 0,
      submitted int4 not null default 0,
      abandoned int4 not null default 0,
      decided int4 not null default 0,
      approved int4 not null default 0,
      funded int4 not null default 0,
      opened int4 not null default 0,
      converted int4 not null default 0,
      single_channel int4 not null default 0,
      touch_sum int4 not null default 0,
      switch_sum int4 not null default 0,
      touch_hist int4[] not null default '{}',
      ttf_n int4 not null default 0,
      ttf_sum float8 not null default 0,
      ttf_hist int4[] not null default '{}',
      ttd_n int4 not null default 0,
      ttd_sum float8 not null default 0,
      ttd_hist int4[] not null default '{}',
      tat_n int4 not null default 0,
      tat_sum float8 not null default 0,
      tat_hist int4[] not null default '{}',
      tat_in_sla int4 not null default 0,
      contacts int4 not null default 0,
      handle_sum float8 not null default 0,
      handle_hist int4[] not null default '{}',
      intent int4 not null default 0,
      active int4 not null default 0,
      nps int4[] not null default '{}',
      csat int4[] not null default '{}',
      ces int4[] not null default '{}',
      fu_due int4 not null default 0,
      fu_done int4 not null default 0,
      fu_hist int4[] not null default '{}',
      responses int4 not null default 0`;

export const journeys: Migration = {
  name: "2026-11-23-0011-journeys",
  up: [
    `alter table journey_events add column entity text generated always as (${entity}) stored`,
    `create index journey_events_entity on journey_events (tenant_id, entity, occurred_at) where entity is not null`,
    // The entity index serves every per-journey read ('j:' || journey_id), and nothing reads raw
    // events by time alone (KPIs come from the rollups): two indexes less on the intake path.
    `drop index journey_events_journey`,
    `drop index journey_events_time`,
    // Every writer (tracking API, stream, imports, demo) resolves the source first and sources are
    // never deleted (only disabled), so the per-row foreign-key check (~10 µs a row on bulk
    // imports, measured) buys nothing.
    `alter table journey_events drop constraint journey_events_tenant_id_source_id_fkey`,
    `create index journey_events_user on journey_events (tenant_id, user_id, occurred_at) where user_id is not null`,
    `create index journey_events_anonymous on journey_events (tenant_id, anonymous_id, occurred_at) where anonymous_id is not null`,
    `create table kpi_dirty (
      tenant_id uuid not null,
      entity text not null,
      primary key (tenant_id, entity)
    )`,
    `create function kpi_mark_dirty() returns trigger language plpgsql as $$
    begin
      insert into kpi_dirty (tenant_id, entity)
        select distinct n.tenant_id, n.entity from new_events n where n.entity is not null
        on conflict do nothing;
      return null;
    end $$`,
    `create trigger journey_events_dirty after insert on journey_events
      referencing new table as new_events for each statement execute function kpi_mark_dirty()`,
    // Element-wise sum of two histograms of any lengths (a missing element counts 0).
    `create function kpi_add(a int4[], b int4[]) returns int4[] language sql immutable as $$
      select coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) order by i), '{}')
      from unnest(a, b) with ordinality as t(x, y, i)
    $$`,
    `create table journeys (
      tenant_id uuid not null,
      journey_id text not null,
      customer text,
      product text not null default '',
      segment text not null default '',
      region text not null default '',
      branch text not null default '',
      agent text not null default '',
      device text not null default '',
      start_channel text not null default '',
      channels text[] not null default '{}',
      touchpoints int4 not null default 0,
      channel_switches int4 not null default 0,
      status text not null check (status in ('open', 'submitted', 'decided', 'funded', 'abandoned')),
      started_at timestamptz,
      submitted_at timestamptz,
      decided_at timestamptz,
      decision text,
      funded_at timestamptz,
      opened_at timestamptz,
      first_event_at timestamptz not null,
      last_activity_at timestamptz not null,
      abandoned_at timestamptz,
      abandoned_step text,
      abandoned_field text,
      last_step text,
      last_field text,
      reached jsonb not null default '{}',
      events int4 not null default 0,
      updated_at timestamptz not null,
      primary key (tenant_id, journey_id)
    )`,
    `create index journeys_started on journeys (tenant_id, started_at)`,
    `create index journeys_customer on journeys (tenant_id, customer) where customer is not null`,
    `create index journeys_open on journeys (tenant_id, last_activity_at) where status = 'open'`,
    `create table kpi_entities (
      tenant_id uuid not null,
      entity text not null,
      contribution jsonb not null,
      updated_at timestamptz not null,
      primary key (tenant_id, entity)
    )`,
    `create table kpi_cube (
      tenant_id uuid not null,
      grain text not null check (grain in ('day', 'month')),
      period date not null,
      ${dims},
      ${counters},
      primary key (tenant_id, grain, period, product, channel, device, segment, region, branch, agent, queue)
    )`,
    `create table kpi_margin (
      tenant_id uuid not null,
      grain text not null check (grain in ('day', 'month')),
      period date not null,
      dim text not null default '',
      value text not null default '',
      ${counters},
      primary key (tenant_id, grain, period, dim, value)
    )`,
    `create table kpi_touch (
      tenant_id uuid not null,
      grain text not null check (grain in ('day', 'month')),
      period date not null,
      ${dims},
      node text not null,
      reached int4 not null default 0,
      dropped int4 not null default 0,
      hours_n int4 not null default 0,
      hours_sum float8 not null default 0,
      hours_hist int4[] not null default '{}',
      nps int4[] not null default '{}',
      csat int4[] not null default '{}',
      ces int4[] not null default '{}',
      primary key (tenant_id, grain, period, product, channel, device, segment, region, branch, agent, queue, node)
    )`,
    `create table journey_definitions (
      tenant_id uuid not null references tenants(id),
      product text not null,
      definition jsonb not null,
      version int4 not null default 1,
      updated_by text,
      updated_at timestamptz not null,
      primary key (tenant_id, product)
    )`,
    `create table event_imports (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      kind text not null check (kind in ('events', 'contacts', 'requests')),
      source_id uuid not null,
      file_name text not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      bytes_total int8 not null default 0,
      bytes_done int8 not null default 0,
      rows_total int4 not null default 0,
      rows_ok int4 not null default 0,
      rows_duplicate int4 not null default 0,
      rows_failed int4 not null default 0,
      errors jsonb not null default '[]',
      failure text,
      created_by text,
      created_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, source_id) references event_sources(tenant_id, id)
    )`,
    `create index event_imports_created on event_imports (tenant_id, created_at desc)`,
  ],
};
