/**
 * Types of the /api/v1 contract, written by hand from the contract. When the OpenAPI
 * document settles these can be generated from /api/v1/openapi.json instead.
 */

export const LOCALES = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ["admin", "cx_analyst", "branch_manager", "agent", "reviewer", "compliance_officer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ["tenant", "region", "branch", "own"] as const;
export type Scope = (typeof SCOPES)[number];

export type Permission =
  | "checks:run"
  | "screening:search"
  | "lists:read"
  | "compliance:read"
  | "compliance:decide"
  | "risk:read"
  | "risk:write"
  | "retention:manage"
  | "org:read"
  | "org:write"
  | "users:read"
  | "users:write"
  | "apikeys:manage"
  | "audit:read"
  | "jobs:read"
  | "jobs:retry"
  | "outbox:read"
  | "surveys:read"
  | "surveys:write"
  | "surveys:distribute"
  | "responses:read"
  | "responses:manage"
  | "responses:export"
  | "responses:erase"
  | "contacts:read"
  | "contacts:write"
  | "flows:read"
  | "flows:write"
  | "applications:read"
  | "applications:create"
  | "applications:review"
  | "applications:decide"
  | "applications:fund"
  | "events:write"
  | "documents:seal"
  | "signing:send"
  | "signing:templates"
  | "sources:manage"
  | "kpis:read"
  | "journeys:read"
  | "journeys:manage"
  | "imports:write";

/** Who someone is, as every person-shaped answer (me, user, invitation) carries it. */
export interface Person {
  id: string;
  email: string;
  name: string;
}

/** A role and where in the bank it applies, as stored on a user, an invitation or an API key. */
export interface Placement {
  role: Role;
  scope: Scope;
  regionId: string | null;
  branchId: string | null;
}

export interface Me extends Person, Placement {
  locale: Locale;
  totpEnabled: boolean;
  tenant: { id: string; slug: string; name: string };
  abilities: Permission[];
}

export interface SignedIn {
  status: "ok";
  user: Me;
  csrfToken: string;
}
export type LoginResult = SignedIn | { status: "mfa_required" };
export interface SessionInfo {
  user: Me;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type UserStatus = "active" | "disabled";
/** What the signed-in caller may do to one user right now, decided by the server. */
export type UserAction = "update" | "disable" | "enable" | "unlock" | "reset_totp";
export interface User extends Person, Placement {
  locale: Locale;
  status: UserStatus;
  totpEnabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  /** The UI offers only these; it never re-derives them from role, status or identity. */
  actions: UserAction[];
}

export interface UserPatch {
  name?: string;
  role?: Role;
  scope?: Scope;
  regionId?: string | null;
  branchId?: string | null;
  status?: UserStatus;
}

export interface ScopedAccess {
  role: Role;
  scope: Scope;
  regionId?: string | null;
  branchId?: string | null;
}

export interface InvitationInput extends ScopedAccess {
  email: string;
  name: string;
  locale?: Locale;
}

export interface Invitation extends Person, Placement {
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface InvitationPreview {
  email: string;
  name: string;
  tenantName: string;
}

export interface Branch {
  id: string;
  code: string;
  name: string;
}
export interface Region {
  id: string;
  code: string;
  name: string;
  branches: Branch[];
}
export interface OrgTree {
  regions: Region[];
}

export interface ApiKey extends Placement {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}
export interface ApiKeyInput {
  name: string;
  role: Role;
  scope?: Scope;
  regionId?: string | null;
  branchId?: string | null;
  expiresInDays?: number;
}
export interface ApiKeyCreated {
  apiKey: ApiKey;
  /** The full secret: shown once, never retrievable again. */
  key: string;
}

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actorType: "user" | "api_key" | "system" | "anonymous";
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  requestId: string | null;
  data: Record<string, unknown>;
  hash: string;
  prevHash: string;
}
export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; id: string; reason: "hash_mismatch" | "link_broken" | "sequence_gap" } | null;
}

export const JOB_STATUSES = ["queued", "running", "done", "dead"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export interface Job {
  id: string;
  name: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export type Channel = "email" | "sms";
export interface OutboxMessage {
  id: string;
  channel: Channel;
  recipient: string;
  subject: string | null;
  bodyText: string;
  bodyHtml: string | null;
  template: string;
  locale: string;
  status: "queued" | "sent" | "failed";
  provider: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

export interface LoginOptions {
  /** The server hosts more than one bank: the sign-in form must ask which. */
  tenantRequired: boolean;
}

export interface PublicTenant {
  slug: string;
  name: string;
  defaultLocale: Locale;
}

export const PROBLEM_CODES = [
  "validation_failed",
  "malformed_json",
  "unknown_field",
  "bad_request",
  "unauthenticated",
  "session_expired",
  "invalid_credentials",
  "mfa_required",
  "invalid_mfa_code",
  "invalid_api_key",
  "forbidden",
  "csrf_invalid",
  "out_of_scope",
  "not_found",
  "conflict",
  "already_exists",
  "account_locked",
  "token_invalid",
  "token_expired",
  "survey_closed",
  "link_used",
  "quota_full",
  "definition_invalid",
  "flow_invalid",
  "link_revoked",
  "otp_invalid",
  "otp_locked",
  "wrong_state",
  "payment_declined",
  "compliance_hold",
  "envelope_expired",
  "envelope_closed",
  "seal_failed",
  "list_import_failed",
  "four_eyes_required",
  "review_closed",
  "ocr_unreadable",
  "rules_invalid",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "not_ready",
  "internal_error",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * One field's problem. `code` is stable (ours: `required`, `taken`, `password_too_short`…; zod's:
 * `too_small`, `invalid_format`…); `params` carries its limits (`minimum`, `maximum`, `format`).
 * `message` is English for developers only.
 */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, number | string>;
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ProblemCode;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

export * from "./types-surveys";
export * from "./types-feedback";
export * from "./types-applications";
export * from "./types-flows";
export * from "./types-risk";
export * from "./types-compliance";
export * from "./types-lists";
export * from "./types-screening";
export * from "./types-signing";
export * from "./types-sources";
