import { get, post } from "./client";
import type { PageQuery } from "./endpoints";
import type { ComplianceDecisionInput, ComplianceDecisionResult, ComplianceReview, ComplianceReviewDetail, ComplianceReviewQuery, Page } from "./types";

const enc = encodeURIComponent;

export const compliance = {
  reviews: (f: ComplianceReviewQuery, q: PageQuery) =>
    get<Page<ComplianceReview>>("/compliance/reviews", { status: f.status || undefined, band: f.band || undefined, origin: f.origin || undefined, applicationId: f.applicationId, ...q }),
  alerts: (q: PageQuery) => get<Page<ComplianceReview>>("/compliance/alerts", { ...q }),
  review: (id: string) => get<ComplianceReviewDetail>(`/compliance/reviews/${enc(id)}`),
  decide: (id: string, body: ComplianceDecisionInput) => post<ComplianceDecisionResult>(`/compliance/reviews/${enc(id)}/decision`, body),
};
