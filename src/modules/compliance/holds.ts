/**
 * What stops an application from being approved on compliance grounds: an open review of a
 * screening hit of this customer (open or waiting for a second officer), or a hit on a sanctions
 * list confirmed as a true match. A confirmed PEP match does not stop approval (it is a risk
 * factor, handled by enhanced due diligence).
 */
import type { Executor } from "../../db";
import type { ApplicationRow } from "../onboarding/timeline";
import { OPEN_STATUSES, subjectKeyOf } from "./subjects";

/** Why approval waits: a confirmed sanctions match, or reviews still open (with how many). */
export interface ComplianceHold {
  reason: "true_match" | "open_reviews";
  openReviews: number;
  message: string;
}

export async function complianceHold(db: Executor, app: Pick<ApplicationRow, "tenant_id" | "id" | "customer_ref">): Promise<ComplianceHold | null> {
  const rows = await db
    .selectFrom("compliance_reviews as r")
    .innerJoin("screening_subjects as s", (j) => j.onRef("s.tenant_id", "=", "r.tenant_id").onRef("s.id", "=", "r.subject_id"))
    .leftJoin("screening_lists as l", "l.id", "r.list_id")
    .select(["r.status", "l.kind"])
    .where("r.tenant_id", "=", app.tenant_id)
    .where((eb) => eb.or([eb("r.application_id", "=", app.id), eb("s.subject_key", "=", subjectKeyOf(app))]))
    .where("r.status", "in", [...OPEN_STATUSES, "true_match"])
    .execute();
  const open = rows.filter((r) => r.status !== "true_match").length;
  if (rows.some((r) => r.status === "true_match" && r.kind !== "pep")) {
    return { reason: "true_match", openReviews: open, message: "A sanctions screening hit of this applicant was confirmed as a true match" };
  }
  if (open) return { reason: "open_reviews", openReviews: open, message: `${open} compliance review(s) of screening hits are still open: a compliance officer must decide them first` };
  return null;
}

/** A subject's hit on a sanctions list (not a PEP list) decided as a true match. */
export async function sanctionsTrueMatch(db: Executor, tenantId: string, subjectId: string): Promise<boolean> {
  const row = await db
    .selectFrom("compliance_reviews as r")
    .leftJoin("screening_lists as l", "l.id", "r.list_id")
    .select("r.id")
    .where("r.tenant_id", "=", tenantId)
    .where("r.subject_id", "=", subjectId)
    .where("r.status", "=", "true_match")
    .where((eb) => eb.or([eb("l.kind", "is", null), eb("l.kind", "!=", "pep")]))
    .executeTakeFirst();
  return row !== undefined;
}
