import type { ColumnType, JSONColumnType } from "kysely";

/** Journey analytics tables (migration 0010): event sources and the journey events they send. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DefaultedJson<T extends object = Record<string, unknown>> = ColumnType<T, T | string | undefined, T | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type EventSourceKind = "http" | "import" | "atrium";

export interface EventSourcesTable {
  tenant_id: string;
  id: string;
  name: string;
  /** http: a write key for the tracking API; import: bulk files; atrium: Atrium's own modules. */
  kind: Defaulted<EventSourceKind>;
  /** SHA-256 of the write key (http sources); the key itself is shown once, when made. */
  write_key_hash: string | null;
  /** The key's last 4 characters, to tell keys apart. */
  key_hint: string | null;
  created_by: string | null;
  created_at: Timestamp;
  disabled_at: NullableTimestamp;
}

export type JourneyEventType = "track" | "identify" | "page";

export interface JourneyEventsTable {
  tenant_id: string;
  source_id: string;
  /** The sender's messageId: the same message twice is stored once. */
  message_id: string;
  type: JourneyEventType;
  /** track: the event name; page: the page name (or null); identify: null. */
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  /** properties.journeyId, when given. */
  journey_id: string | null;
  /** The event's own timestamp (when it happened). */
  occurred_at: Timestamp;
  received_at: Timestamp;
  /** track/page properties; identify: traits. */
  properties: DefaultedJson;
  context: DefaultedJson;
}

export interface JourneyTables {
  event_sources: EventSourcesTable;
  journey_events: JourneyEventsTable;
}

export type { JSONColumnType };
