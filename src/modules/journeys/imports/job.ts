/**
 * journeys.import: processes one uploaded file. Delivery is at least once and a worker may stop
 * mid-file (its lease expires and the job is taken back): a run starts the file over, and the
 * message ids make that idempotent. The upload is removed once the import is done; after the last
 * failed attempt the import is marked failed with the reason, and the upload stays for a re-run.
 */
import { z } from "zod";
import { BlobNotFoundError } from "../../../blobs";
import { defineJob, type JobDefinition, PermanentJobError } from "../../../jobs/registry";
import { deleteUpload, readUpload } from "./files";
import { getImport, IMPORT_JOB, markFailed, runImport } from "./imports";

export const importJob = defineJob({
  name: IMPORT_JOB,
  payload: z.object({ tenantId: z.uuid(), importId: z.uuid() }),
  maxAttempts: 3,
  handler: async (deps, p) => {
    const imp = await getImport(deps.db, p.tenantId, p.importId);
    if (!imp) throw new PermanentJobError(`No import ${p.importId}`);
    if (imp.status === "done" || imp.status === "failed") return;
    let done: Awaited<ReturnType<typeof runImport>>;
    try {
      done = await runImport(deps, imp, readUpload(deps.blobs, imp.tenant_id, imp.id, imp.bytes_total));
    } catch (err) {
      if (err instanceof BlobNotFoundError) throw new PermanentJobError("The uploaded file is no longer in the blob store; upload it again");
      throw err;
    }
    deps.log.info({ importId: imp.id, kind: imp.kind, status: done.status, rows: done.rows_total, ok: done.rows_ok, duplicates: done.rows_duplicate, failed: done.rows_failed }, "import processed");
    await deleteUpload(deps.blobs, imp.tenant_id, imp.id, imp.bytes_total);
  },
  onDead: async (trx, p, dead) => {
    await markFailed(trx, p.tenantId, p.importId, dead.error, dead.now);
  },
});

export const importJobs: JobDefinition[] = [importJob as JobDefinition];
