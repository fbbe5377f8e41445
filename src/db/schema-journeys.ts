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
  /** Generated (migration 0011): j:<journeyId>, r:<responseId>, c:<contactId>, q:<requestId>, u:<customer>, or null. */
  entity: ColumnType<string | null, never, never>;
}

export interface KpiDirtyTable {
  tenant_id: string;
  entity: string;
  /** UTC day of the earliest event that marked it (migration 0012): batches are claimed by (day, entity). */
  day: ColumnType<string, string | undefined, string>;
}

export type JourneyStatus = "open" | "submitted" | "decided" | "funded" | "abandoned";

/** One journey, recomputed by the fold from all its events (model/journey.ts). '' = not recorded. */
export interface JourneysTable {
  tenant_id: string;
  journey_id: string;
  customer: string | null;
  product: Defaulted<string>;
  segment: Defaulted<string>;
  region: Defaulted<string>;
  branch: Defaulted<string>;
  agent: Defaulted<string>;
  device: Defaulted<string>;
  start_channel: Defaulted<string>;
  channels: Defaulted<string[]>;
  touchpoints: Defaulted<number>;
  channel_switches: Defaulted<number>;
  status: JourneyStatus;
  started_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  decision: string | null;
  funded_at: NullableTimestamp;
  opened_at: NullableTimestamp;
  first_event_at: Timestamp;
  last_activity_at: Timestamp;
  abandoned_at: NullableTimestamp;
  abandoned_step: string | null;
  abandoned_field: string | null;
  last_step: string | null;
  last_field: string | null;
  /** node → first time reached (ISO): "stage:<milestone>", "step:<id>", "event:<name>". */
  reached: DefaultedJson<Record<string, string>>;
  events: Defaulted<number>;
  updated_at: Timestamp;
}

export interface KpiEntitiesTable {
  tenant_id: string;
  entity: string;
  /** What the entity last added to the rollups (model/contribution.ts), subtracted on its next fold. */
  contribution: DefaultedJson<object>;
  updated_at: Timestamp;
}

type Count = Defaulted<number>;
type Hist = Defaulted<number[]>;

/** The additive counters of kpi_cube and kpi_margin (see model/cube.ts for their meaning). */
export interface KpiCounters {
  started: Count;
  submitted: Count;
  abandoned: Count;
  decided: Count;
  approved: Count;
  funded: Count;
  opened: Count;
  converted: Count;
  single_channel: Count;
  touch_sum: Count;
  switch_sum: Count;
  touch_hist: Hist;
  ttf_n: Count;
  ttf_sum: Count;
  ttf_hist: Hist;
  ttd_n: Count;
  ttd_sum: Count;
  ttd_hist: Hist;
  tat_n: Count;
  tat_sum: Count;
  tat_hist: Hist;
  tat_in_sla: Count;
  contacts: Count;
  handle_sum: Count;
  handle_hist: Hist;
  intent: Count;
  active: Count;
  nps: Hist;
  csat: Hist;
  ces: Hist;
  fu_due: Count;
  fu_done: Count;
  fu_hist: Hist;
  responses: Count;
}

export type Grain = "day" | "month";

export interface KpiDims {
  product: Defaulted<string>;
  channel: Defaulted<string>;
  device: Defaulted<string>;
  segment: Defaulted<string>;
  region: Defaulted<string>;
  branch: Defaulted<string>;
  agent: Defaulted<string>;
  /** Contact-centre queue (contacts only). */
  queue: Defaulted<string>;
}

export interface KpiCubeTable extends KpiDims, KpiCounters {
  tenant_id: string;
  grain: Grain;
  /** The first day of the period (grain month: the 1st), UTC. */
  period: ColumnType<string, string, string>;
}

export interface KpiMarginTable extends KpiCounters {
  tenant_id: string;
  grain: Grain;
  period: ColumnType<string, string, string>;
  /** '' for the total, else one of the cube's dimension names. */
  dim: Defaulted<string>;
  value: Defaulted<string>;
}

export interface KpiTouchTable extends KpiDims {
  tenant_id: string;
  grain: Grain;
  period: ColumnType<string, string, string>;
  /** "stage:<milestone>", "step:<id>", "touch:<event name>", "field:<step>:<field>". */
  node: string;
  reached: Count;
  dropped: Count;
  hours_n: Count;
  hours_sum: Count;
  hours_hist: Hist;
  nps: Hist;
  csat: Hist;
  ces: Hist;
}

export interface JourneyDefinitionsTable {
  tenant_id: string;
  /** A product code, or '*' for every product without its own. */
  product: string;
  definition: DefaultedJson<object>;
  version: Defaulted<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type ImportKind = "events" | "contacts" | "requests";
export type ImportStatus = "queued" | "running" | "done" | "failed";

export interface EventImportsTable {
  tenant_id: string;
  id: string;
  kind: ImportKind;
  source_id: string;
  file_name: string;
  status: ImportStatus;
  bytes_total: Count;
  bytes_done: Count;
  rows_total: Count;
  rows_ok: Count;
  rows_duplicate: Count;
  rows_failed: Count;
  /** The per-row report: [{ row, field, message }] (capped; the counts are exact). */
  errors: DefaultedJson<object[]>;
  failure: string | null;
  created_by: string | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface JourneyTables {
  event_sources: EventSourcesTable;
  journey_events: JourneyEventsTable;
  kpi_dirty: KpiDirtyTable;
  journeys: JourneysTable;
  kpi_entities: KpiEntitiesTable;
  kpi_cube: KpiCubeTable;
  kpi_margin: KpiMarginTable;
  kpi_touch: KpiTouchTable;
  journey_definitions: JourneyDefinitionsTable;
  event_imports: EventImportsTable;
}

export type { JSONColumnType };
