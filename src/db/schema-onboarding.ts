import type { ColumnType, Generated, JSONColumnType } from "kysely";

/** Onboarding tables (migration 0005): flows, applications, links, sessions, documents, payments. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, T | string, T | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** A jsonb column with a database default: optional on insert. */
type DefaultedJson<T extends object = Record<string, unknown>> = ColumnType<T, T | string | undefined, T | string>;

/** The six products (the migration checks the same list). */
export type ProductKey = "checking" | "savings" | "credit_card" | "personal_loan" | "auto_loan" | "mortgage";
export type ApplicationStatus = "created" | "in_progress" | "abandoned" | "submitted" | "info_requested" | "approved" | "rejected" | "funded" | "cancelled";
export type DocumentStatus = "uploaded" | "accepted" | "rejected" | "replaced" | "removed";
export type LinkPurpose = "apply" | "reupload" | "welcome";

export interface FlowsTable {
  tenant_id: string;
  product: ProductKey;
  name: string;
  /** The working definition (normalised FlowDefinition); publishing snapshots it into a version. */
  draft: Json;
  draft_changed: Defaulted<boolean>;
  published_version: number | null;
  active: Defaulted<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface FlowVersionsTable {
  tenant_id: string;
  product: ProductKey;
  version: number;
  definition: Json;
  published_at: Timestamp;
  published_by: string | null;
}

export interface ApplicationsTable {
  tenant_id: string;
  id: string;
  seq: Generated<number>;
  /** Short human reference shown to customers and staff, e.g. "CHK-7Q4M2X". */
  reference: string;
  product: ProductKey;
  flow_version: number;
  status: ApplicationStatus;
  /** Start channel: branch, call_centre, web, app, email, sms, … */
  channel: string;
  language: string;
  customer_name: string;
  customer_email: string | null;
  customer_phone: string | null;
  /** The customer's id in the bank's core system, when known. */
  customer_ref: string | null;
  /** Known customer data by PrefillKey (customer.name, customer.dateOfBirth, …). */
  prefill: DefaultedJson;
  answers: DefaultedJson;
  completed_steps: DefaultedJson<string[]>;
  current_step: string | null;
  current_field: string | null;
  region_id: string | null;
  branch_id: string | null;
  agent_id: string | null;
  assignee_id: string | null;
  risk: "low" | "medium" | "high" | null;
  risk_score: number | null;
  /** Why: [{ rule, label, points }] of the rules that matched (risk/rules.ts). */
  risk_reasons: DefaultedJson<Array<{ rule: string; label: string; points: number }>>;
  risk_rules_version: number | null;
  risk_assessed_at: NullableTimestamp;
  /** High risk: enhanced-due-diligence steps are added before the review step. */
  edd_required: Defaulted<boolean>;
  device: string | null;
  channels_used: Defaulted<string[]>;
  reminders_sent: Defaulted<number>;
  last_reminder_at: NullableTimestamp;
  /** Items the reviewer asked for: [{ step?, field?, document?, note }]. */
  info_requested: DefaultedJson<Array<{ step?: string; field?: string; document?: string; note: string }>>;
  decision: "approve" | "reject" | "request_info" | null;
  decision_reason: string | null;
  decided_by: string | null;
  payment_status: "approved" | "declined" | null;
  /** Welcome checklist: item id → completion time (ISO). */
  welcome: DefaultedJson<Record<string, string>>;
  created_at: Timestamp;
  opened_at: NullableTimestamp;
  last_activity_at: Timestamp;
  submitted_at: NullableTimestamp;
  sla_due_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  funded_at: NullableTimestamp;
  abandoned_at: NullableTimestamp;
  abandoned_step: string | null;
  abandoned_field: string | null;
  updated_at: Timestamp;
}

export interface ApplicationLinksTable {
  tenant_id: string;
  id: string;
  application_id: string;
  token_hash: string;
  purpose: Defaulted<LinkPurpose>;
  /** Where the link leads: a step (reminder, re-upload) and a field (the one document). */
  step: string | null;
  field: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  sent_via: string | null;
  otp_hash: string | null;
  otp_channel: string | null;
  otp_sent_at: NullableTimestamp;
  otp_expires_at: NullableTimestamp;
  otp_attempts: Defaulted<number>;
  otp_sends: Defaulted<number>;
  locked_until: NullableTimestamp;
}

export interface ApplicationSessionsTable {
  token_hash: string;
  tenant_id: string;
  application_id: string;
  link_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ended_at: NullableTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApplicationDocumentsTable {
  tenant_id: string;
  id: string;
  application_id: string;
  field_id: string;
  kind: string;
  file_name: string;
  content_type: "image/jpeg" | "image/png" | "application/pdf";
  size: number;
  sha256: string;
  blob_key: string;
  status: Defaulted<DocumentStatus>;
  reject_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  uploaded_at: Timestamp;
}

export interface ApplicationPaymentsTable {
  tenant_id: string;
  id: string;
  application_id: string;
  step: string;
  provider: string;
  purpose: "deposit" | "fee";
  /** numeric(14,2), read as a string so no cent is lost. */
  amount: ColumnType<string, string | number, string | number>;
  currency: string;
  status: "approved" | "declined";
  transaction_id: string | null;
  card_brand: string | null;
  card_last4: string | null;
  decline_code: string | null;
  created_at: Timestamp;
}

export interface ApplicationChecksTable {
  tenant_id: string;
  id: string;
  application_id: string;
  kind: string;
  outcome: "pass" | "review" | "fail";
  summary: string;
  details: DefaultedJson;
  /** Evidence: which provider ran it, a SHA-256 of its input, the list version, who asked. */
  provider: Defaulted<string>;
  input_digest: string | null;
  list_version: string | null;
  /** "system", "customer", "user:<id>" or "api_key:<id>". */
  actor: Defaulted<string>;
  created_at: Timestamp;
}

export interface ApplicationTimelineTable {
  tenant_id: string;
  id: string;
  application_id: string;
  at: Timestamp;
  type: string;
  actor: "customer" | "user" | "api" | "system";
  actor_id: string | null;
  actor_label: string | null;
  step: string | null;
  field: string | null;
  data: DefaultedJson;
}
