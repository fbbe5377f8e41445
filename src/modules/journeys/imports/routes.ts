/**
 * Bulk imports over HTTP: POST /imports takes the file as the raw body (it bypasses the JSON body
 * limit, see RAW_UPLOAD_PATH in server/app.ts, and is streamed to the blob store under its own
 * cap); GET /imports, /imports/{id} (progress) and /imports/{id}/report.csv (every failed row).
 */
import { Readable } from "node:stream";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { stream } from "hono/streaming";
import { type Actor, can } from "../../../kernel/access";
import { isoOrNull } from "../../../kernel/clock";
import { AppError } from "../../../kernel/errors";
import type { Deps } from "../../../server/deps";
import type { AppEnv } from "../../../server/env";
import { auditContext, need, needActor } from "../../../server/guard";
import { IdParam, jsonContent, notFoundError, security, standardErrors, z } from "../../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../../server/pagination";
import { recordAudit } from "../../audit/record";
import { readReport } from "./files";
import { createImport, DEFAULT_MAX_IMPORT_BYTES, DEFAULT_SOURCE_NAME, getImport, type ImportRow, listImports } from "./imports";
import { MAX_KEPT_ERRORS } from "./process";
import { IMPORT_KINDS, type ImportKind } from "./rows";

const tags = ["Imports"];

const RowIssueSchema = z.object({
  row: z.number().int().openapi({ description: "The 1-based data row (CSV: after the header; NDJSON: the line number); 0 for the file's header" }),
  field: z.string().openapi({ description: "The column (CSV) or event field (NDJSON); empty for the whole row" }),
  message: z.string(),
});

export const ImportSummary = z
  .object({
    id: z.uuid(),
    kind: z.enum(["events", "contacts", "requests"]),
    sourceId: z.uuid(),
    fileName: z.string(),
    status: z.enum(["queued", "running", "done", "failed"]),
    bytesTotal: z.number().int(),
    bytesDone: z.number().int().openapi({ description: "Bytes of the (inflated) file read so far" }),
    rowsTotal: z.number().int().openapi({ description: "Rows processed so far; always rowsOk + rowsDuplicate + rowsFailed" }),
    rowsOk: z.number().int(),
    rowsDuplicate: z.number().int().openapi({ description: "Rows whose message id this source already had (not stored again)" }),
    rowsFailed: z.number().int(),
    failure: z.string().nullable().openapi({ description: "Why the whole import failed (a bad header, or the job's last error)" }),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi("EventImportSummary");

export const ImportSchema = ImportSummary.extend({
  errors: z.array(RowIssueSchema).openapi({ description: `The first ${MAX_KEPT_ERRORS} row issues; report.csv has them all` }),
  errorsTruncated: z.boolean().openapi({ description: "True when report.csv has more issues than `errors`" }),
}).openapi("EventImport");

const summary = (r: ImportRow) => ({
  id: r.id,
  kind: r.kind,
  sourceId: r.source_id,
  fileName: r.file_name,
  status: r.status,
  bytesTotal: r.bytes_total,
  bytesDone: r.bytes_done,
  rowsTotal: r.rows_total,
  rowsOk: r.rows_ok,
  rowsDuplicate: r.rows_duplicate,
  rowsFailed: r.rows_failed,
  failure: r.failure,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  startedAt: isoOrNull(r.started_at),
  finishedAt: isoOrNull(r.finished_at),
});

export const presentImport = (r: ImportRow) => {
  const errors = (r.errors as { row: number; field: string; message: string }[]).map((e) => ({ row: e.row, field: e.field, message: e.message }));
  const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
  return { ...summary(r), errors, errorsTruncated: errors.length >= MAX_KEPT_ERRORS || rowsWithErrors < r.rows_failed };
};

/** Reading imports: whoever may import, or manage the sources they go to. */
function needReader(c: Parameters<typeof need>[0]): Actor {
  const actor = needActor(c);
  return can(actor, "sources:manage") ? actor : need(c, "imports:write");
}

const CreateQuery = z.object({
  // Checked in the handler (after authorization), so a missing or wrong kind is a 400 naming query.kind.
  kind: z.string().max(40).optional().openapi({ description: "events (NDJSON), contacts or requests (CSV)", example: "contacts" }),
  source: z.string().max(100).optional().openapi({ description: `An enabled import source of this bank (its id); default: the source named ${DEFAULT_SOURCE_NAME}, made on first use` }),
});

export interface ImportRouteOptions {
  /** The largest file accepted (inflated), default 512 MB. */
  maxBytes?: number;
}

export function importRoutes(deps: Deps, opts: ImportRouteOptions = {}) {
  const app = new OpenAPIHono<AppEnv>();
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;

  app.openapi(
    createRoute({
      method: "post",
      path: "/imports",
      tags,
      summary: "Upload a file to import (NDJSON events, contact-centre CSV, service-request CSV)",
      description: `The raw body is the file (Content-Encoding: gzip accepted; at most ${maxBytes} bytes once inflated). It is stored encrypted and processed by a job: poll GET /imports/{id}. NDJSON: one tracking-API event per line, checked as /v1/track checks it. contacts CSV header: contact_id,agent,queue,channel,customer_id,started_at,talk_seconds,hold_seconds,after_call_seconds,resolved. requests CSV header: request_id,type,channel,customer_id,requested_at,fulfilled_at (columns in any order). A bad row never stops the others; each is reported with its row number.`,
      security,
      request: {
        query: CreateQuery,
        headers: z.object({ "x-file-name": z.string().max(1000).optional().openapi({ description: "The file's name (percent-encoded UTF-8 allowed)" }) }),
        body: { required: true, description: "The file's bytes", content: { "application/x-ndjson": { schema: z.string().openapi({ format: "binary" }) }, "text/csv": { schema: z.string().openapi({ format: "binary" }) }, "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
      },
      responses: { 202: jsonContent(z.object({ import: ImportSchema }), "Stored and queued"), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "imports:write");
      const q = c.req.valid("query");
      if (!q.kind || !(IMPORT_KINDS as readonly string[]).includes(q.kind)) {
        throw new AppError("validation_failed", "kind: choose events, contacts or requests", { issues: [{ path: "query.kind", message: q.kind ? "must be events, contacts or requests" : "is required: events, contacts or requests", code: q.kind ? "invalid_value" : "required" }] });
      }
      const encoding = (c.req.header("content-encoding") ?? "identity").trim().toLowerCase();
      if (encoding !== "identity" && encoding !== "gzip") {
        throw new AppError("unsupported_media_type", "Send the file as is or gzip (Content-Encoding: gzip)", { issues: [{ path: "header.content-encoding", message: "must be gzip or left out", code: "invalid_value" }] });
      }
      const length = c.req.header("content-length");
      if (encoding === "identity" && length !== undefined && Number.parseInt(length, 10) > maxBytes) {
        throw new AppError("payload_too_large", `The file is larger than ${maxBytes} bytes`, { issues: [{ path: "body", message: `is larger than ${maxBytes} bytes`, code: "too_big", params: { maximum: maxBytes } }] });
      }
      const body = c.req.raw.body;
      if (!body) throw new AppError("validation_failed", "Send the file as the body", { issues: [{ path: "body", message: "is required: the file's bytes", code: "required" }] });
      const row = await createImport(deps, auditContext(c, deps.clock.now()), actor.tenantId, { kind: q.kind as ImportKind, sourceId: q.source, fileName: c.req.header("x-file-name"), body, gzip: encoding === "gzip", maxBytes });
      return c.json({ import: presentImport(row) }, 202);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/imports", tags, summary: "Imports of this bank, newest first", description: "Keyset paged. Each with its status and counts (the row issues are on GET /imports/{id}).", security, request: { query: PageQuery }, responses: { 200: jsonContent(pageOf(ImportSummary)), ...standardErrors } }),
    async (c) => {
      const actor = needReader(c);
      const { limit, cursor } = c.req.valid("query");
      const after = decodeCursor(cursor, z.tuple([z.iso.datetime(), z.uuid()]));
      const rows = await listImports(deps.db, actor.tenantId, limit + 1, after ? { createdAt: new Date(after[0]), id: after[1] } : undefined);
      const page = paginate(rows, limit, (r) => [r.created_at.toISOString(), r.id]);
      return c.json({ items: page.items.map(summary), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/imports/{id}", tags, summary: "One import: progress, counts and the first row issues", security, request: { params: IdParam }, responses: { 200: jsonContent(ImportSchema), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = needReader(c);
      const row = await getImport(deps.db, actor.tenantId, c.req.valid("param").id);
      if (!row) throw new AppError("not_found", "No import with this id");
      return c.json(presentImport(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/imports/{id}/report.csv",
      tags,
      summary: "The full per-row report of an import (CSV: row,field,message)",
      description: "Every issue of every failed row, in file order (the import row keeps only the first ones). Complete once the import is done.",
      security,
      request: { params: IdParam },
      responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = needReader(c);
      const row = await getImport(deps.db, actor.tenantId, c.req.valid("param").id);
      if (!row) throw new AppError("not_found", "No import with this id");
      await recordAudit(deps.db, auditContext(c, deps.clock.now()), { tenantId: actor.tenantId, action: "import.report_downloaded", subjectType: "event_import", subjectId: row.id, data: { rowsFailed: row.rows_failed } });
      c.header("content-type", "text/csv; charset=utf-8");
      c.header("content-disposition", `attachment; filename="import-${row.id}-report.csv"`);
      c.header("cache-control", "no-store");
      // A header-only report while the import runs: the parts are written as it goes, the last at the end.
      const failed = row.status === "done" ? row.rows_failed : 0;
      const headerError = row.status === "failed" && row.rows_total === 0 ? (row.errors as { row: number; field: string; message: string }[]) : [];
      return stream(c, async (s) => {
        const parts = Readable.from(readReport(deps.blobs, row.tenant_id, row.id, failed));
        for await (const part of parts) await s.write(part as Uint8Array);
        for (const e of headerError) await s.write(`${e.row},${e.field},"${e.message.replace(/"/g, '""')}"\n`);
      });
    },
  );

  return app;
}
