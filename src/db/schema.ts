import type { ComplianceTables } from "./schema-compliance";
import type { SigningTables } from "./schema-signing";
import type { JourneyTables } from "./schema-journeys";
import type { ColumnType, Generated, JSONColumnType } from "kysely";
import type {
  SurveysTable,
  SurveyVersionsTable,
  SurveyResponsesTable,
  SurveyResponseNotesTable,
  SurveyFilesTable,
  SurveyQuotaCountsTable,
  ContactsTable,
  FeedbackSettingsTable,
  SurveyCampaignsTable,
  SurveyTriggersTable,
  SurveyInvitationsTable,
  DistributionSkipsTable,
  SurveyRollupsDailyTable,
  SurveyRollupsTable,
  SurveyRollupStateTable,
  SurveyRollupRetractionsTable,
} from "./schema-feedback";
import type {
  FlowsTable,
  FlowVersionsTable,
  ApplicationsTable,
  ApplicationLinksTable,
  ApplicationSessionsTable,
  ApplicationDocumentsTable,
  ApplicationPaymentsTable,
  ApplicationChecksTable,
  ApplicationTimelineTable,
} from "./schema-onboarding";

export type * from "./schema-feedback";
export type * from "./schema-onboarding";

/** Timestamps are written as Date (or defaulted) and read as Date on both stores. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, T | string, T | string>;

export type Role =
  | "admin"
  | "cx_analyst"
  | "branch_manager"
  | "agent"
  | "reviewer"
  | "compliance_officer"
  | "viewer";
export type ScopeKind = "tenant" | "region" | "branch" | "own";

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  default_locale: string;
  created_at: Generated<Date>;
}

export interface RegionsTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  created_at: Generated<Date>;
}

export interface BranchesTable {
  tenant_id: string;
  id: string;
  region_id: string;
  code: string;
  name: string;
  created_at: Generated<Date>;
}

export interface UsersTable {
  tenant_id: string;
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: Role;
  scope: ScopeKind;
  region_id: string | null;
  branch_id: string | null;
  locale: string;
  status: "active" | "disabled";
  totp_secret_enc: string | null;
  totp_enabled_at: NullableTimestamp;
  /** Last accepted TOTP time step: a code is accepted once, never replayed. */
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  password_changed_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie token: a stolen table does not yield usable sessions. */
  id: string;
  tenant_id: string;
  user_id: string;
  mfa_pending: boolean;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface ApiKeysTable {
  tenant_id: string;
  id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  role: Role;
  scope: ScopeKind;
  region_id: string | null;
  branch_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface PasswordResetsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface InvitationsTable {
  tenant_id: string;
  id: string;
  email: string;
  name: string;
  role: Role;
  scope: ScopeKind;
  region_id: string | null;
  branch_id: string | null;
  locale: string;
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AuditLogTable {
  tenant_id: string;
  seq: number;
  id: string;
  at: Timestamp;
  actor_type: "user" | "api_key" | "system" | "anonymous";
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  request_id: string | null;
  data: Json;
  prev_hash: string;
  hash: string;
}

export interface EventsTable {
  tenant_id: string;
  id: string;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  actor_id: string | null;
  payload: Json;
  created_at: Timestamp;
  dispatched_at: NullableTimestamp;
}

export type JobStatus = "queued" | "running" | "done" | "dead";
export interface JobsTable {
  id: string;
  tenant_id: string | null;
  name: string;
  payload: Json;
  status: JobStatus;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface SchedulesTable {
  name: string;
  cron: string;
  job_name: string;
  payload: Json;
  enabled: boolean;
  next_run_at: Timestamp;
  last_run_at: NullableTimestamp;
}

export interface MessagesTable {
  tenant_id: string;
  id: string;
  channel: "email" | "sms";
  recipient: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  template: string;
  locale: string;
  sensitive: boolean;
  status: "queued" | "sent" | "failed";
  provider: string | null;
  provider_message_id: string | null;
  error: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface MigrationsTable {
  name: string;
  applied_at: Generated<Date>;
}

export interface DB extends ComplianceTables, SigningTables, JourneyTables {
  tenants: TenantsTable;
  regions: RegionsTable;
  branches: BranchesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  password_resets: PasswordResetsTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  events: EventsTable;
  jobs: JobsTable;
  schedules: SchedulesTable;
  messages: MessagesTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  survey_responses: SurveyResponsesTable;
  survey_response_notes: SurveyResponseNotesTable;
  survey_files: SurveyFilesTable;
  survey_quota_counts: SurveyQuotaCountsTable;
  contacts: ContactsTable;
  feedback_settings: FeedbackSettingsTable;
  survey_campaigns: SurveyCampaignsTable;
  survey_triggers: SurveyTriggersTable;
  survey_invitations: SurveyInvitationsTable;
  distribution_skips: DistributionSkipsTable;
  survey_rollups: SurveyRollupsTable;
  survey_rollups_daily: SurveyRollupsDailyTable;
  survey_rollup_state: SurveyRollupStateTable;
  survey_rollup_retractions: SurveyRollupRetractionsTable;
  flows: FlowsTable;
  flow_versions: FlowVersionsTable;
  applications: ApplicationsTable;
  application_links: ApplicationLinksTable;
  application_sessions: ApplicationSessionsTable;
  application_documents: ApplicationDocumentsTable;
  application_payments: ApplicationPaymentsTable;
  application_checks: ApplicationChecksTable;
  application_timeline: ApplicationTimelineTable;
  atrium_migrations: MigrationsTable;
}
