import { sql } from "kysely";
import { type Executor, inTransaction } from "../../db";
import { type AuditContext, recordAudit } from "../audit/record";
import { retractResponses } from "./rollups";

export interface ErasureRequest {
  contactId?: string;
  email?: string;
  customerId?: string;
}

/**
 * Deletes every response of one customer across the tenant's surveys: by contact id; by email
 * (an email in any contact answer, or the hidden field `email`, case-insensitive); by customer id
 * (the hidden field `customerId`). Files and notes go with them (foreign keys cascade); the rollups
 * are decremented in the same transaction; the audit entry holds counts only, never the identifier.
 */
export async function eraseCustomer(db: Executor, ctx: AuditContext, tenantId: string, req: ErasureRequest): Promise<{ deleted: number }> {
  return inTransaction(db, async (trx) => {
    let q = trx.selectFrom("survey_responses").select(["id", "survey_id"]).where("tenant_id", "=", tenantId);
    q = q.where((eb) => {
      const ors = [];
      if (req.contactId) ors.push(eb("contact_id", "=", req.contactId));
      if (req.email) {
        const email = req.email.trim().toLowerCase();
        ors.push(eb(sql`lower(hidden ->> 'email')`, "=", email));
        ors.push(
          sql<boolean>`exists (select 1 from jsonb_each(survey_responses.answers) e
            where jsonb_typeof(e.value) = 'object' and lower(e.value ->> 'email') = ${email})`,
        );
      }
      if (req.customerId) ors.push(eb(sql`hidden ->> 'customerId'`, "=", req.customerId));
      return eb.or(ors);
    });
    // Row locks first, then the fold locks: the same order as a response being answered.
    const rows = await q.orderBy("id").forUpdate().execute();
    const bySurvey = new Map<string, string[]>();
    for (const r of rows) bySurvey.set(r.survey_id, [...(bySurvey.get(r.survey_id) ?? []), r.id]);
    let files = 0;
    let notes = 0;
    for (const [surveyId, ids] of [...bySurvey].sort(([a], [b]) => a.localeCompare(b))) {
      await retractResponses(trx, tenantId, surveyId, ids);
      files += Number((await trx.deleteFrom("survey_files").where("tenant_id", "=", tenantId).where("response_id", "in", ids).executeTakeFirst()).numDeletedRows);
      notes += Number((await trx.deleteFrom("survey_response_notes").where("tenant_id", "=", tenantId).where("response_id", "in", ids).executeTakeFirst()).numDeletedRows);
      await trx.deleteFrom("survey_responses").where("tenant_id", "=", tenantId).where("id", "in", ids).execute();
    }
    await recordAudit(trx, ctx, {
      tenantId,
      action: "responses.erased",
      subjectType: "customer",
      data: { by: Object.keys(req).filter((k) => req[k as keyof ErasureRequest]), deleted: rows.length, surveys: bySurvey.size, files, notes },
    });
    return { deleted: rows.length };
  });
}
