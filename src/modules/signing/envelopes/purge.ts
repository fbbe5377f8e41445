/**
 * Retention: envelopes belong to their application's record. When the retention purge deletes an
 * application (risk/retention.ts), its envelopes go with it: first every file (the originals, the
 * sealed documents, the signature images) from the blob store, then, in the caller's transaction,
 * the events, signers, documents and envelopes. The audit log keeps its mirrored entries, which
 * name signers only by id.
 */
import type { Executor } from "../../../db";
import type { Deps } from "../../../server/deps";

const envelopesOf = (db: Executor, tenantId: string, applicationIds: string[]) =>
  db.selectFrom("envelopes").select("id").where("tenant_id", "=", tenantId).where("application_id", "in", applicationIds);

/** Deletes the files of these applications' envelopes (before their rows: a failure leaves rows to retry). */
export async function deleteEnvelopeFiles(deps: Deps, tenantId: string, applicationIds: string[]): Promise<void> {
  if (!applicationIds.length) return;
  const ids = envelopesOf(deps.db, tenantId, applicationIds);
  const docs = await deps.db.selectFrom("envelope_documents").select(["original_blob", "signed_blob"]).where("tenant_id", "=", tenantId).where("envelope_id", "in", ids).execute();
  const signers = await deps.db.selectFrom("envelope_signers").select("signature_blob").where("tenant_id", "=", tenantId).where("envelope_id", "in", ids).execute();
  const keys = [...docs.flatMap((d) => [d.original_blob, d.signed_blob]), ...signers.map((s) => s.signature_blob)].filter((k): k is string => typeof k === "string");
  for (const key of keys) await deps.blobs.delete(key);
}

/** Deletes the rows of these applications' envelopes, in the caller's transaction; returns how many envelopes. */
export async function deleteEnvelopeRows(trx: Executor, tenantId: string, applicationIds: string[]): Promise<number> {
  if (!applicationIds.length) return 0;
  const ids = (await envelopesOf(trx, tenantId, applicationIds).execute()).map((e) => e.id);
  if (!ids.length) return 0;
  for (const table of ["signing_events", "envelope_signers", "envelope_documents"] as const) {
    await trx.deleteFrom(table).where("tenant_id", "=", tenantId).where("envelope_id", "in", ids).execute();
  }
  await trx.deleteFrom("envelopes").where("tenant_id", "=", tenantId).where("id", "in", ids).execute();
  return ids.length;
}
