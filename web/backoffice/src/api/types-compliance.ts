/** Compliance reviews of screening hits (GET/POST /compliance/*): mirrors src/modules/compliance/routes.ts. */

export const REVIEW_STATUSES = ["open", "clear_pending", "true_match", "false_positive"] as const;
export type ComplianceReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_BANDS = ["block", "review", "edd"] as const;
export type ComplianceReviewBand = (typeof REVIEW_BANDS)[number];
export const REVIEW_ORIGINS = ["onboarding", "rescreen", "manual"] as const;
export type ComplianceReviewOrigin = (typeof REVIEW_ORIGINS)[number];
export type ScreeningSubjectStatus = "clear" | "edd" | "review" | "blocked" | "true_match";
export type ScreeningBand = "block" | "review" | "edd" | "clear";

export interface ComplianceActorRef {
  id: string;
  name: string;
}

export interface ComplianceReview {
  id: string;
  status: ComplianceReviewStatus;
  band: ComplianceReviewBand;
  origin: ComplianceReviewOrigin;
  score: number;
  list: { id: string; name: string; kind: "sanctions" | "pep" };
  entryId: string;
  entryName: string;
  subject: { id: string; name: string; birthDate: string | null; nationality: string | null; status: ScreeningSubjectStatus };
  application: { id: string; reference: string; customerName: string; status: string } | null;
  /** The first officer's proposal to clear a block-band hit (four-eyes). */
  proposal: { decision: "false_positive"; reason: string; by: ComplianceActorRef; at: string } | null;
  decision: { decision: "true_match" | "false_positive"; reason: string; by: ComplianceActorRef; at: string } | null;
  needsSecondOfficer: boolean;
  /** decide: open; confirm: clear-pending and proposed by someone else. Decided by the server. */
  actions: Array<"decide" | "confirm">;
  createdAt: string;
  ageHours: number;
}

export interface ScreeningMatchOut {
  list: string;
  listVersion: number;
  entryId: string;
  name: string;
  matchedName: string;
  score: number;
  band: ScreeningBand;
}

export interface ComplianceReviewDetail extends ComplianceReview {
  matchedName: string;
  listVersion: number | null;
  entry: {
    kind: "individual" | "entity" | "vessel" | "aircraft" | "unknown";
    name: string;
    aliases: Array<{ name: string; quality: "strong" | "weak" }>;
    birthDates: string[];
    nationalities: string[];
    programs: string[];
    details: Record<string, unknown>;
  } | null;
  evidence: {
    resultId: string;
    reason: ComplianceReviewOrigin;
    inputDigest: string;
    provider: string;
    listVersion: string;
    actor: string;
    screenedAt: string;
    topScore: number;
    band: ScreeningBand;
    matches: ScreeningMatchOut[];
  };
  history: Array<{ at: string; action: string; actor: string; data: Record<string, unknown> }>;
}

export interface ComplianceReviewQuery {
  /** Comma-separated statuses. */
  status?: string;
  band?: ComplianceReviewBand | "";
  origin?: ComplianceReviewOrigin | "";
  applicationId?: string;
}

export interface ComplianceDecisionInput {
  decision: "true_match" | "false_positive";
  reason: string;
}

export interface ComplianceDecisionResult {
  id: string;
  status: ComplianceReviewStatus;
}
