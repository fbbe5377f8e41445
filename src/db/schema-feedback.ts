import type { ColumnType, Generated, JSONColumnType } from "kysely";

/** Feedback tables (migrations 0002–0004): surveys, responses, rollups, contacts and distribution. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, T | string, T | string>;

export type SurveyStatus = "draft" | "published" | "closed";
export type ResponseStatus = "in_progress" | "completed" | "partial" | "screened_out";

export interface SurveysTable {
  tenant_id: string;
  id: string;
  name: string;
  status: ColumnType<SurveyStatus, SurveyStatus | undefined, SurveyStatus>;
  /** The working definition (normalised SurveyDefinition); publishing snapshots it into a version. */
  draft: Json;
  /** The draft differs from the latest published version. */
  draft_changed: ColumnType<boolean, boolean | undefined, boolean>;
  published_version: number | null;
  template: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface SurveyVersionsTable {
  tenant_id: string;
  survey_id: string;
  version: number;
  definition: Json;
  published_at: Timestamp;
  published_by: string | null;
}

export interface SurveyResponsesTable {
  tenant_id: string;
  id: string;
  /** Arrival order, for incremental rollups. */
  seq: Generated<number>;
  survey_id: string;
  version: number;
  status: ResponseStatus;
  channel: string;
  language: string;
  contact_id: string | null;
  invitation_id: string | null;
  region_id: string | null;
  branch_id: string | null;
  hidden: Json<Record<string, string>>;
  answers: Json;
  variables: Json<Record<string, number | string>>;
  /** Page keys submitted, in order. */
  submitted: Json<string[]>;
  current_page: string | null;
  ending_id: string | null;
  quota_id: string | null;
  /** Milliseconds spent per answer key. */
  timings: Json<Record<string, number>>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  resume_token_hash: string | null;
  user_agent: string | null;
  started_at: Timestamp;
  updated_at: Timestamp;
  completed_at: NullableTimestamp;
  duration_ms: number | null;
  /** Set by a trigger from a sequence when the response becomes final (rollups fold by it). */
  finalized_seq: ColumnType<number | null, never, never>;
}

export interface SurveyResponseNotesTable {
  tenant_id: string;
  id: string;
  response_id: string;
  author_id: string | null;
  author_label: string;
  body: string;
  created_at: Timestamp;
}

export interface SurveyFilesTable {
  tenant_id: string;
  id: string;
  survey_id: string;
  response_id: string;
  question_key: string;
  content_type: string;
  size: number;
  sha256: string;
  filename: string | null;
  data: Buffer;
  created_at: Timestamp;
}

export interface SurveyQuotaCountsTable {
  tenant_id: string;
  survey_id: string;
  quota_id: string;
  count: Generated<number>;
}

// ---- Feedback distribution (migration 0004) ----
export interface ContactsTable {
  tenant_id: string;
  id: string;
  /** Lower-cased. */
  email: string | null;
  /** E.164. */
  phone: string | null;
  name: string | null;
  locale: string | null;
  customer_id: string | null;
  lists: ColumnType<string[], string[] | undefined, string[]>;
  /** Pre-filled hidden fields of personal links. */
  attributes: Json<Record<string, string>>;
  unsubscribed_at: NullableTimestamp;
  last_surveyed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FeedbackSettingsTable {
  tenant_id: string;
  /** No contact is surveyed more than once per this many days (0 = off). */
  frequency_days: ColumnType<number, number | undefined, number>;
  /** https origins allowed to frame the survey pages. */
  embed_origins: ColumnType<string[], string[] | undefined, string[]>;
  updated_at: Timestamp;
}

export type CampaignStatus = "scheduled" | "sending" | "sent" | "cancelled";
export interface SurveyCampaignsTable {
  tenant_id: string;
  id: string;
  name: string;
  survey_id: string;
  channel: "email" | "sms";
  lists: string[];
  status: CampaignStatus;
  send_at: Timestamp;
  reminder_after_days: number | null;
  reminder_max: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface SurveyTriggersTable {
  tenant_id: string;
  id: string;
  event_type: string;
  delay_minutes: number;
  survey_id: string;
  channel: "email" | "sms";
  /** Payload property → value that must be equal. */
  conditions: Json<Record<string, string | number | boolean>>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyInvitationsTable {
  tenant_id: string;
  id: string;
  survey_id: string;
  contact_id: string | null;
  campaign_id: string | null;
  trigger_id: string | null;
  source_event_id: string | null;
  channel: "email" | "sms" | "link";
  /** SHA-256 of the link token; the token itself is never stored. */
  token_hash: string;
  hidden: Json<Record<string, string>>;
  expires_at: Timestamp;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  opened_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  response_id: string | null;
  reminders_sent: ColumnType<number, number | undefined, number>;
  last_reminded_at: NullableTimestamp;
}

export type SkipReason = "unsubscribed" | "frequency" | "no_address";
export interface DistributionSkipsTable {
  tenant_id: string;
  id: string;
  survey_id: string;
  contact_id: string;
  campaign_id: string | null;
  trigger_id: string | null;
  source_event_id: string | null;
  reason: SkipReason;
  created_at: Timestamp;
}

/** Summary counts per dimension (migration 0003); region_id/branch_id are '' when none. */
export interface SurveyRollupsDailyTable {
  tenant_id: string;
  survey_id: string;
  day: ColumnType<Date, string, string>;
  region_id: string;
  branch_id: string;
  bucket: "completed" | "partial" | "screened_out";
  question_key: string;
  value_key: string;
  count: number;
}

export interface SurveyRollupsTable {
  tenant_id: string;
  survey_id: string;
  language: string;
  channel: string;
  region_id: string;
  branch_id: string;
  bucket: "completed" | "partial" | "screened_out";
  question_key: string;
  value_key: string;
  count: number;
}

export interface SurveyRollupStateTable {
  tenant_id: string;
  survey_id: string;
  watermark: number;
  folded_at: NullableTimestamp;
}

export interface SurveyRollupRetractionsTable {
  id: Generated<number>;
  tenant_id: string;
  survey_id: string;
  response: Json;
}
