import type { SignedDocument } from "./types-signing";
/**
 * Onboarding applications and review, as the /api/v1 contract (issue 4) sends them. Every name is
 * prefixed (`Application…`) so the flow editor's types (types-flows.ts) can never clash with these
 * under `export *` in types.ts.
 */

/** A string per language: `{ "en": "…", "ar": "…" }` (flow texts, product titles). */
export type ApplicationText = Record<string, string>;

export const APPLICATION_PRODUCTS = ["checking", "savings", "credit_card", "personal_loan", "auto_loan", "mortgage"] as const;
export type ApplicationProduct = (typeof APPLICATION_PRODUCTS)[number];

export const APPLICATION_STATUSES = ["created", "in_progress", "abandoned", "submitted", "info_requested", "approved", "rejected", "funded", "cancelled"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** While the customer may still be working: the case view polls their progress. */
export const LIVE_STATUSES: readonly ApplicationStatus[] = ["created", "in_progress", "info_requested"];

export const APPLICATION_CHANNELS = ["branch", "call_centre", "web", "app", "email", "sms", "api"] as const;

export const RISKS = ["low", "medium", "high"] as const;
export type ApplicationRisk = (typeof RISKS)[number];

export const REJECT_REASONS = ["identity_not_verified", "affordability", "credit_history", "incomplete_documents", "policy", "fraud_suspected", "other"] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** One product of GET /products, as far as starting an application needs it. */
export interface ApplicationProductInfo {
  id: ApplicationProduct;
  title: ApplicationText;
  description: ApplicationText | null;
  active: boolean;
  publishedVersion: number | null;
  minutes: number;
}

export interface ApplicationPerson {
  id: string;
  name: string;
}

export interface ApplicationProgress {
  index: number;
  total: number;
  minutesLeft: number;
}

export interface ApplicationDetailProgress extends ApplicationProgress {
  completedSteps: string[];
}

export interface ApplicationCustomerInput {
  name: string;
  email?: string;
  phone?: string;
  language?: string;
  customerRef?: string;
}

export interface ApplicationInput {
  product: ApplicationProduct;
  customer: ApplicationCustomerInput;
  channel?: string;
  branchId?: string;
}

export interface ApplicationCreated {
  id: string;
  reference: string;
  status: ApplicationStatus;
  link: string;
}

export interface ApplicationLinkSent {
  sentVia: "sms" | "email";
  to: string;
  expiresAt: string;
}

export interface ApplicationDocument {
  id: string;
  fieldId: string;
  kind: string;
  fileName: string;
  contentType: "image/jpeg" | "image/png" | "application/pdf";
  size: number;
  status: "uploaded" | "accepted" | "rejected" | "replaced" | "removed";
  rejectReason: string | null;
  uploadedAt: string;
}

export interface ApplicationPayment {
  id: string;
  step: string;
  purpose: "deposit" | "fee";
  amount: string;
  currency: string;
  status: "approved" | "declined";
  transactionId: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  declineCode: string | null;
  createdAt: string;
}

export interface ApplicationCheck {
  id: string;
  kind: string;
  outcome: "pass" | "review" | "fail";
  summary: string;
  /** Kind-specific evidence (MRZ fields, matches, cross-check reasons, …). */
  details: Record<string, unknown>;
  provider: string;
  inputDigest: string | null;
  listVersion: string | null;
  /** "system", "customer", "user:<id>" or "api_key:<id>". */
  actor: string;
  createdAt: string;
}

export interface RiskAssessment {
  score: number;
  reasons: { rule: string; label: string; points: number }[];
  rulesVersion: number | null;
  assessedAt: string;
  eddRequired: boolean;
}

export interface ApplicationTimelineEntry {
  id: string;
  at: string;
  type: string;
  actor: "customer" | "user" | "api" | "system";
  actorLabel: string | null;
  step: string | null;
  field: string | null;
  data: Record<string, unknown>;
}

export type StepState = "done" | "current" | "todo" | "hidden";

export interface ApplicationStep {
  id: string;
  kind: string;
  title: ApplicationText;
  state: StepState;
}

export interface ApplicationField {
  id: string;
  step: string;
  type: string;
  label: ApplicationText;
  value: unknown;
  document?: string;
}

export interface InfoRequestItem {
  step?: string;
  field?: string;
  document?: string;
  note: string;
}

export interface ApplicationDetail {
  id: string;
  reference: string;
  product: ApplicationProduct;
  productTitle: ApplicationText;
  flowVersion: number;
  status: ApplicationStatus;
  channel: string;
  language: string;
  customer: { name: string; email: string | null; phone: string | null; customerRef: string | null };
  regionId: string | null;
  branchId: string | null;
  agent: ApplicationPerson | null;
  assignee: ApplicationPerson | null;
  risk: ApplicationRisk | null;
  device: string | null;
  channelsUsed: string[];
  currentStep: string | null;
  currentField: string | null;
  progress: ApplicationDetailProgress;
  steps: ApplicationStep[];
  fields: ApplicationField[];
  documents: ApplicationDocument[];
  payments: ApplicationPayment[];
  checks: ApplicationCheck[];
  riskAssessment: RiskAssessment | null;
  /** Approval waits for compliance: an open screening review, or a confirmed sanctions match. */
  complianceHold: { reason: "true_match" | "open_reviews"; openReviews: number } | null;
  timeline: ApplicationTimelineEntry[];
  decision: "approve" | "reject" | "request_info" | null;
  decisionReason: string | null;
  infoRequested: InfoRequestItem[];
  welcome: { id: string; label: ApplicationText; doneAt: string | null }[];
  link: { expiresAt: string; revoked: boolean; sentVia: string | null } | null;
  slaDueAt: string | null;
  lastActivityAt: string;
  /** Sealed documents of the application's envelopes. */
  signedDocuments: SignedDocument[];
  createdAt: string;
  openedAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  fundedAt: string | null;
  abandonedAt: string | null;
  abandonedStep: string | null;
  abandonedField: string | null;
}

export interface ApplicationLiveProgress {
  id: string;
  status: ApplicationStatus;
  currentStep: string | null;
  currentField: string | null;
  progress: ApplicationProgress;
  lastActivityAt: string;
  updatedAt: string;
  online: boolean;
}

export interface ApplicationListItem {
  id: string;
  reference: string;
  product: ApplicationProduct;
  status: ApplicationStatus;
  customerName: string;
  channel: string;
  branchId: string | null;
  agentId: string | null;
  assignee: ApplicationPerson | null;
  risk: ApplicationRisk | null;
  currentStep: string | null;
  progress: { index: number; total: number };
  lastActivityAt: string;
  createdAt: string;
  submittedAt: string | null;
  slaDueAt: string | null;
  slaBreached: boolean;
  ageHours: number;
}

export interface ApplicationListQuery {
  status?: string;
  product?: string;
  branchId?: string;
  assignee?: string;
  risk?: string;
  olderThanHours?: number;
  slaBreached?: boolean;
  q?: string;
  sort?: "sla" | "updated" | "submitted";
}

export type DecisionInput =
  | { decision: "approve"; reason?: string }
  | { decision: "reject"; reasonCode: RejectReason; reason?: string }
  | { decision: "request_info"; reason?: string; items: InfoRequestItem[] };

export interface DecisionResult {
  id: string;
  status: ApplicationStatus;
  decision: "approve" | "reject" | "request_info";
  /** Null after a request for information (no decision yet). */
  decidedAt: string | null;
}

/** What the case view reads from the application's flow version: option labels, the default language. */
export interface ApplicationFlowInfo {
  product: ApplicationProduct;
  version: number;
  definition: {
    defaultLanguage: string;
    steps: { id: string; fields: { id: string; options?: { id: string; label: ApplicationText }[] }[] }[];
  };
}
