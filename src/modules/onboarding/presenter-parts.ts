/** Shapes shared by the staff and customer answers: documents and payments. */
import type { Selectable } from "kysely";
import type { ApplicationDocumentsTable, ApplicationPaymentsTable } from "../../db/schema-onboarding";
import { z } from "../../server/openapi";

export const DocumentSchema = z
  .object({
    id: z.uuid(),
    fieldId: z.string(),
    kind: z.string(),
    fileName: z.string(),
    contentType: z.enum(["image/jpeg", "image/png", "application/pdf"]),
    size: z.number().int(),
    status: z.enum(["uploaded", "accepted", "rejected", "replaced", "removed"]),
    rejectReason: z.string().nullable(),
    uploadedAt: z.string(),
  })
  .openapi("ApplicationDocument");

export const PaymentSchema = z
  .object({
    id: z.uuid(),
    step: z.string(),
    purpose: z.enum(["deposit", "fee"]),
    amount: z.string(),
    currency: z.string(),
    status: z.enum(["approved", "declined"]),
    transactionId: z.string().nullable(),
    cardBrand: z.string().nullable(),
    cardLast4: z.string().nullable(),
    declineCode: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ApplicationPayment");

export type DocumentOut = z.infer<typeof DocumentSchema>;
export type PaymentOut = z.infer<typeof PaymentSchema>;

export function presentDocument(d: Selectable<ApplicationDocumentsTable>): DocumentOut {
  return {
    id: d.id,
    fieldId: d.field_id,
    kind: d.kind,
    fileName: d.file_name,
    contentType: d.content_type,
    size: d.size,
    status: d.status,
    rejectReason: d.reject_reason,
    uploadedAt: d.uploaded_at.toISOString(),
  };
}

export function presentPayment(p: Selectable<ApplicationPaymentsTable>): PaymentOut {
  return {
    id: p.id,
    step: p.step,
    purpose: p.purpose,
    amount: Number(p.amount).toFixed(2),
    currency: p.currency,
    status: p.status,
    transactionId: p.transaction_id,
    cardBrand: p.card_brand,
    cardLast4: p.card_last4,
    declineCode: p.decline_code,
    createdAt: p.created_at.toISOString(),
  };
}
