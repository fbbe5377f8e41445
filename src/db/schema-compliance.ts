import type { ColumnType, Generated, JSONColumnType } from "kysely";

/** Compliance tables (migrations 0006–0008): settings, risk rules, screening lists, screening and reviews. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, T | string, T | string>;
/** A jsonb column with a database default: optional on insert. */
type DefaultedJson<T extends object = Record<string, unknown>> = ColumnType<T, T | string | undefined, T | string>;

export type Band = "block" | "review" | "edd" | "clear";
/** Score thresholds (0..1): at or above `block` blocks, `review` reviews, `edd` enhanced due diligence. */
export interface Bands {
  block: number;
  review: number;
  edd: number;
}
/** Retention in years after the relationship ends, per record type. */
export type Retention = Partial<Record<string, number>>;

export interface ComplianceSettingsTable {
  tenant_id: string;
  bands: DefaultedJson<Bands>;
  retention: DefaultedJson<Retention>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface RiskRuleSetsTable {
  tenant_id: string;
  version: number;
  definition: Json;
  note: string | null;
  published_at: Timestamp;
  published_by: string | null;
}

export type ListKind = "sanctions" | "pep";
export type ListFormat = "ofac-csv" | "ofac-xml" | "un-xml" | "eu-csv" | "eu-xml" | "pep-csv";
export type ListVersionStatus = "importing" | "active" | "superseded" | "failed";
export type EntryKind = "individual" | "entity" | "vessel" | "aircraft" | "unknown";

export interface ScreeningListsTable {
  /** Stable id: "ofac-sdn", "un", "eu", "pep" (or "pep-<name>" for more PEP lists). */
  id: string;
  name: string;
  kind: ListKind;
  format: ListFormat;
  source_url: string | null;
  active_version: number | null;
  created_at: Generated<Date>;
}

export interface ScreeningListVersionsTable {
  list_id: string;
  version: number;
  status: ListVersionStatus;
  /** The file name or URL imported. */
  source: string;
  sha256: string;
  entry_count: ColumnType<number, number | undefined, number>;
  name_count: ColumnType<number, number | undefined, number>;
  /** Rows of the file that could not be read (the first 50 are kept in `problems`). */
  problem_count: ColumnType<number, number | undefined, number>;
  problems: DefaultedJson<Array<{ where: string; message: string }>>;
  error: string | null;
  imported_by: string | null;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
}

/** An alias of a list entry; weak aliases (OFAC "weak a.k.a.") score lower. */
export interface EntryAlias {
  name: string;
  quality: "strong" | "weak";
}

export interface ScreeningEntriesTable {
  list_id: string;
  version: number;
  entry_id: string;
  kind: EntryKind;
  name: string;
  aliases: DefaultedJson<EntryAlias[]>;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD" as the list gives them. */
  birth_dates: DefaultedJson<string[]>;
  /** ISO 3166-1 alpha-2 where the list's country could be mapped; otherwise the list's text. */
  nationalities: DefaultedJson<string[]>;
  programs: DefaultedJson<string[]>;
  /** Addresses, remarks, listing date: shown to the compliance officer, not matched. */
  details: DefaultedJson;
}

export type SubjectStatus = "clear" | "edd" | "review" | "blocked" | "true_match";

export interface ScreeningSubjectsTable {
  tenant_id: string;
  id: string;
  /** The customer's identity for remembered false positives: "ref:<customer_ref>" or "app:<application id>". */
  subject_key: string;
  application_id: string | null;
  customer_ref: string | null;
  name: string;
  birth_date: string | null;
  nationality: string | null;
  status: ColumnType<SubjectStatus, SubjectStatus | undefined, SubjectStatus>;
  last_list_version: string | null;
  last_screened_at: NullableTimestamp;
  relationship_ended_at: NullableTimestamp;
  created_at: Timestamp;
}

/** One scored candidate of a screening. */
export interface ScreeningMatch {
  list: string;
  listVersion: number;
  entryId: string;
  name: string;
  /** The list name or alias that scored best. */
  matchedName: string;
  score: number;
  band: Band;
}

export interface ScreeningResultsTable {
  tenant_id: string;
  id: string;
  subject_id: string;
  application_id: string | null;
  reason: "onboarding" | "rescreen" | "manual";
  input_digest: string;
  provider: string;
  list_version: string;
  actor: string;
  screened_at: Timestamp;
  top_score: number;
  band: Band;
  matches: DefaultedJson<ScreeningMatch[]>;
}

export type ReviewStatus = "open" | "clear_pending" | "true_match" | "false_positive";

export interface ComplianceReviewsTable {
  tenant_id: string;
  id: string;
  subject_id: string;
  application_id: string | null;
  result_id: string;
  list_id: string;
  entry_id: string;
  entry_name: string;
  score: number;
  band: Exclude<Band, "clear">;
  origin: "onboarding" | "rescreen" | "manual";
  status: ColumnType<ReviewStatus, ReviewStatus | undefined, ReviewStatus>;
  assignee_id: string | null;
  first_decision: string | null;
  first_reason: string | null;
  first_by: string | null;
  first_at: NullableTimestamp;
  decision: string | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ScreeningClearedTable {
  tenant_id: string;
  subject_key: string;
  list_id: string;
  entry_id: string;
  review_id: string;
  cleared_at: Timestamp;
  cleared_by: string;
}

export interface ComplianceTables {
  compliance_settings: ComplianceSettingsTable;
  risk_rule_sets: RiskRuleSetsTable;
  screening_lists: ScreeningListsTable;
  screening_list_versions: ScreeningListVersionsTable;
  screening_entries: ScreeningEntriesTable;
  screening_subjects: ScreeningSubjectsTable;
  screening_results: ScreeningResultsTable;
  compliance_reviews: ComplianceReviewsTable;
  screening_cleared: ScreeningClearedTable;
}
