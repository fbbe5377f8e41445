import type { Migration } from "../migrate";

/**
 * Journey analytics, intake: the bank's event sources (each with its write key, of which only the
 * SHA-256 is kept) and the journey events they send (Segment-compatible track, identify and page
 * calls). `message_id` makes an event idempotent per source: the same message twice is stored once.
 */
export const journeyEvents: Migration = {
  name: "2026-11-23-0010-journey-events",
  up: [
    `create table event_sources (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      name text not null,
      kind text not null default 'http' check (kind in ('http', 'import', 'atrium')),
      write_key_hash text,
      key_hint text,
      created_by text,
      created_at timestamptz not null,
      disabled_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, name)
    )`,
    `create unique index event_sources_write_key on event_sources (write_key_hash) where write_key_hash is not null`,
    // One built-in source per bank for Atrium's own events (journeys/stream.ts).
    `create unique index event_sources_atrium on event_sources (tenant_id) where kind = 'atrium'`,
    `create table journey_events (
      tenant_id uuid not null,
      source_id uuid not null,
      message_id text not null,
      type text not null check (type in ('track', 'identify', 'page')),
      event text,
      user_id text,
      anonymous_id text,
      journey_id text,
      occurred_at timestamptz not null,
      received_at timestamptz not null,
      properties jsonb not null default '{}',
      context jsonb not null default '{}',
      primary key (tenant_id, source_id, message_id),
      foreign key (tenant_id, source_id) references event_sources(tenant_id, id)
    )`,
    `create index journey_events_journey on journey_events (tenant_id, journey_id, occurred_at) where journey_id is not null`,
    `create index journey_events_time on journey_events (tenant_id, occurred_at)`,
  ],
};
