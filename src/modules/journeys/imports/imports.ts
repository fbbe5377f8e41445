/**
 * Bulk imports (event_imports): an uploaded file is kept in the encrypted blob store in parts
 * (files.ts) and processed by the journeys.import job; `atrium import` runs the same processor on
 * a local file. The import row carries the progress (bytes, rows so far), exact counts and the
 * first MAX_KEPT_ERRORS row issues; the full per-row report is kept in the blob store.
 */
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { type Selectable, sql } from "kysely";
import { type Executor, inTransaction } from "../../../db";
import type { EventImportsTable } from "../../../db/schema-journeys";
import { enqueueJob } from "../../../jobs/enqueue";
import { AppError } from "../../../kernel/errors";
import { isUuid, newId } from "../../../kernel/ids";
import type { Deps } from "../../../server/deps";
import { type AuditContext, recordAudit } from "../../audit/record";
import { type EventSourceRow, insertSource, isUniqueViolation } from "../sources";
import { deleteUpload, ReportWriter, TooLargeError, writeUpload } from "./files";
import { ImportFileError, type Progress, processImport } from "./process";
import type { ImportKind } from "./rows";
import { type EventSink, kyselySink, pgCopySink } from "./sink";

export type ImportRow = Selectable<EventImportsTable>;

export const IMPORT_JOB = "journeys.import";
/** The default upload cap: 512 MB (inflated). */
export const DEFAULT_MAX_IMPORT_BYTES = 512 * 1024 * 1024;
/** The source imports go to when none is chosen, made on first use. */
export const DEFAULT_SOURCE_NAME = "Imports";

const badSource = (message: string) => new AppError("validation_failed", `source: ${message}`, { issues: [{ path: "query.source", message, code: "invalid_value" }] });

/** The import source a file goes to: the chosen one (an enabled source of kind import), else the bank's "Imports" source, made on first use. */
export async function importSource(db: Executor, tenantId: string, sourceId: string | undefined, now: Date, createdBy: string | null = null): Promise<EventSourceRow> {
  if (sourceId !== undefined) {
    const row = isUuid(sourceId) ? await db.selectFrom("event_sources").selectAll().where("tenant_id", "=", tenantId).where("id", "=", sourceId).executeTakeFirst() : undefined;
    if (!row) throw badSource("is not a source of this bank");
    if (row.kind !== "import") throw badSource(`is a source of kind ${row.kind}; files go to a source of kind import`);
    if (row.disabled_at) throw badSource("is disabled");
    return row;
  }
  const byName = () => db.selectFrom("event_sources").selectAll().where("tenant_id", "=", tenantId).where(sql<string>`lower(name)`, "=", DEFAULT_SOURCE_NAME.toLowerCase()).executeTakeFirst();
  let row = await byName();
  if (!row) {
    try {
      row = (await inTransaction(db, (trx) => insertSource(trx, { tenantId, name: DEFAULT_SOURCE_NAME, kind: "import", createdBy, now }))).source;
    } catch (err) {
      // Two first imports at once: the other one made it.
      if (!isUniqueViolation(err)) throw err;
      row = await byName();
    }
  }
  if (row?.kind !== "import") throw badSource(`this bank's source named ${DEFAULT_SOURCE_NAME} is not an import source: choose an import source`);
  if (row.disabled_at) throw badSource(`this bank's source named ${DEFAULT_SOURCE_NAME} is disabled: enable it or choose another import source`);
  return row;
}

/** A file name from X-File-Name (percent-encoded UTF-8 allowed), without paths or control characters. */
export function cleanFileName(raw: string | undefined | null, fallback = "upload"): string {
  let name = (raw ?? "").trim();
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded: as sent
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  name = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (name || fallback).slice(0, 200);
}

export interface NewImport {
  kind: ImportKind;
  sourceId?: string;
  fileName?: string | null;
  /** The raw request body. */
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  gzip: boolean;
  maxBytes: number;
}

function inflated(body: NewImport["body"], gzip: boolean): AsyncIterable<Uint8Array> {
  const stream = "getReader" in body ? Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>) : Readable.from(body);
  if (!gzip) return stream;
  const gunzip = createGunzip();
  stream.on("error", (err) => gunzip.destroy(err));
  return stream.pipe(gunzip);
}

/** Stores the upload (streamed, inflated, capped) and queues its processing; the import is returned queued. */
export async function createImport(deps: Deps, ctx: AuditContext, tenantId: string, input: NewImport): Promise<ImportRow> {
  const createdBy = ctx.actor?.kind === "user" ? ctx.actor.id : null;
  const source = await importSource(deps.db, tenantId, input.sourceId, ctx.now, createdBy);
  const id = newId();
  let bytes: number;
  try {
    bytes = await writeUpload(deps.blobs, tenantId, id, inflated(input.body, input.gzip), input.maxBytes);
  } catch (err) {
    if (err instanceof TooLargeError) {
      throw new AppError("payload_too_large", `The file is larger than ${input.maxBytes} bytes`, { issues: [{ path: "body", message: `is larger than ${input.maxBytes} bytes${input.gzip ? " once inflated" : ""}`, code: "too_big", params: { maximum: input.maxBytes } }] });
    }
    if (input.gzip && (err as { code?: string }).code?.startsWith("Z_")) {
      throw new AppError("bad_request", "The body is not valid gzip", { issues: [{ path: "body", message: "is not valid gzip (Content-Encoding: gzip)", code: "invalid_format" }] });
    }
    throw err;
  }
  const fileName = cleanFileName(input.fileName, `${input.kind}.${input.kind === "events" ? "ndjson" : "csv"}`);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto("event_imports")
      .values({ tenant_id: tenantId, id, kind: input.kind, source_id: source.id, file_name: fileName, status: "queued", bytes_total: bytes, created_by: createdBy, created_at: ctx.now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await enqueueJob(trx, ctx.now, IMPORT_JOB, { tenantId, importId: id }, { tenantId, maxAttempts: 3 });
    await recordAudit(trx, ctx, { tenantId, action: "import.created", subjectType: "event_import", subjectId: id, data: { kind: input.kind, sourceId: source.id, sourceName: source.name, fileName, bytes } });
    return row;
  });
}

/** An import of a local file run in this process (`atrium import`): recorded and audited like an upload, without a job. */
export async function startLocalImport(deps: Deps, ctx: AuditContext, tenantId: string, input: { kind: ImportKind; source: EventSourceRow; fileName: string; bytes: number }): Promise<ImportRow> {
  const id = newId();
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto("event_imports")
      .values({ tenant_id: tenantId, id, kind: input.kind, source_id: input.source.id, file_name: cleanFileName(input.fileName), status: "running", bytes_total: input.bytes, created_by: null, created_at: ctx.now, started_at: ctx.now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { tenantId, action: "import.created", subjectType: "event_import", subjectId: id, data: { kind: input.kind, sourceId: input.source.id, sourceName: input.source.name, fileName: row.file_name, bytes: input.bytes, via: "cli" } });
    return row;
  });
}

export async function getImport(db: Executor, tenantId: string, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom("event_imports").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

/** Newest first; `before` is the cursor (the last row's created_at and id). */
export async function listImports(db: Executor, tenantId: string, limit: number, before?: { createdAt: Date; id: string }): Promise<ImportRow[]> {
  let q = db.selectFrom("event_imports").selectAll().where("tenant_id", "=", tenantId);
  if (before) q = q.where((eb) => eb.or([eb("created_at", "<", before.createdAt), eb.and([eb("created_at", "=", before.createdAt), eb("id", "<", before.id)])]));
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
}

const counts = (p: Progress) => ({ bytes_done: p.bytesDone, rows_total: p.rowsTotal, rows_ok: p.rowsOk, rows_duplicate: p.rowsDuplicate, rows_failed: p.rowsFailed });

/** The store's fastest correct sink: COPY on PostgreSQL, multi-row inserts on PGlite. */
export async function openSink(deps: Deps, imp: ImportRow, receivedAt: Date): Promise<EventSink> {
  const target = { tenantId: imp.tenant_id, sourceId: imp.source_id, receivedAt };
  return deps.config.store.kind === "pg" ? pgCopySink(deps.config.store.url, target) : kyselySink(deps.db, target);
}

export interface RunOptions {
  /** Also told of every progress update (the command line's progress bar). */
  onProgress?: (p: Progress) => void;
  progressEveryMs?: number;
  /** Bytes of the file as stored read so far, when that is not what the processor reads (a gzip file). */
  bytesRead?: () => number;
}

/**
 * Processes an import from the start (a re-run after a crash stores nothing twice: the rows
 * stored before count as duplicates). A bad header marks the import failed; any other error is
 * thrown to the caller (the job retries, then marks it failed).
 */
export async function runImport(deps: Deps, imp: ImportRow, body: AsyncIterable<Uint8Array>, o: RunOptions = {}): Promise<ImportRow> {
  const startedAt = deps.clock.now();
  await deps.db
    .updateTable("event_imports")
    .set({ status: "running", started_at: startedAt, finished_at: null, failure: null, errors: JSON.stringify([]), bytes_done: 0, rows_total: 0, rows_ok: 0, rows_duplicate: 0, rows_failed: 0 })
    .where("tenant_id", "=", imp.tenant_id)
    .where("id", "=", imp.id)
    .execute();
  const sink = await openSink(deps, imp, startedAt);
  let sentErrors = 0;
  const save = async (p: Progress, extra: Partial<{ status: "done" | "failed"; failure: string; finished_at: Date }> = {}) => {
    const errors = p.errors.length !== sentErrors || extra.status ? { errors: JSON.stringify(p.errors) } : {};
    sentErrors = p.errors.length;
    const done = o.bytesRead ? { ...p, bytesDone: o.bytesRead() } : p;
    await deps.db.updateTable("event_imports").set({ ...counts(done), ...errors, ...extra }).where("tenant_id", "=", imp.tenant_id).where("id", "=", imp.id).execute();
  };
  try {
    const final = await processImport({
      kind: imp.kind,
      body,
      sink,
      report: new ReportWriter(deps.blobs, imp.tenant_id, imp.id),
      now: startedAt.getTime(),
      progressEveryMs: o.progressEveryMs,
      onProgress: async (p) => {
        o.onProgress?.(o.bytesRead ? { ...p, bytesDone: o.bytesRead() } : p);
        await save(p);
      },
    });
    await save(final, { status: "done", finished_at: deps.clock.now() });
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    const p: Progress = { bytesDone: 0, rowsTotal: 0, rowsOk: 0, rowsDuplicate: 0, rowsFailed: 0, errors: [{ row: 0, field: "header", message: err.message }] };
    await save(p, { status: "failed", failure: `The file was not imported: ${err.message}`, finished_at: deps.clock.now() });
  } finally {
    await sink.close();
  }
  return (await getImport(deps.db, imp.tenant_id, imp.id)) as ImportRow;
}

/** Marks an import failed with a reason (the job's last attempt failed). */
export async function markFailed(db: Executor, tenantId: string, id: string, reason: string, now: Date): Promise<void> {
  await db.updateTable("event_imports").set({ status: "failed", failure: reason.slice(0, 2_000), finished_at: now }).where("tenant_id", "=", tenantId).where("id", "=", id).where("status", "!=", "done").execute();
}

export { deleteUpload };
