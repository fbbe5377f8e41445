/**
 * Files of imports in the encrypted blob store. The store takes whole buffers, so a file of
 * hundreds of megabytes is kept as numbered parts of PART_BYTES: memory stays at one part while an
 * upload is written or read, and the number of parts follows from the size (no manifest to lose).
 * The per-row report is kept the same way, REPORT_PART_ROWS failed rows per part, so its part
 * count follows from rows_failed.
 */
import type { BlobStore } from "../../../blobs";
import type { RowIssue } from "./rows";

export const PART_BYTES = 8 * 1024 * 1024;
export const REPORT_PART_ROWS = 20_000;

const pad = (n: number) => String(n).padStart(6, "0");
export const uploadKey = (tenantId: string, importId: string, part: number) => `imports/${tenantId}/${importId}/upload-${pad(part)}`;
export const reportKey = (tenantId: string, importId: string, part: number) => `imports/${tenantId}/${importId}/report-${pad(part)}`;

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${limit} bytes`);
    this.name = "TooLargeError";
  }
}

/** Writes a byte stream as parts; more than `limit` bytes: the parts written are removed and TooLargeError thrown. */
export async function writeUpload(blobs: BlobStore, tenantId: string, importId: string, body: AsyncIterable<Uint8Array>, limit: number): Promise<number> {
  let bytes = 0;
  let part = 0;
  let buf = Buffer.allocUnsafe(PART_BYTES);
  let fill = 0;
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      if (bytes > limit) throw new TooLargeError(limit);
      let at = 0;
      while (at < chunk.byteLength) {
        const n = Math.min(PART_BYTES - fill, chunk.byteLength - at);
        buf.set(chunk.subarray(at, at + n), fill);
        fill += n;
        at += n;
        if (fill === PART_BYTES) {
          await blobs.put(uploadKey(tenantId, importId, part++), buf);
          buf = Buffer.allocUnsafe(PART_BYTES);
          fill = 0;
        }
      }
    }
    if (fill > 0) await blobs.put(uploadKey(tenantId, importId, part++), buf.subarray(0, fill));
    return bytes;
  } catch (err) {
    await deleteUpload(blobs, tenantId, importId, bytes);
    throw err;
  }
}

const uploadParts = (bytes: number) => Math.ceil(bytes / PART_BYTES);

/** The stored upload, part after part. */
export async function* readUpload(blobs: BlobStore, tenantId: string, importId: string, bytes: number): AsyncGenerator<Buffer> {
  for (let part = 0; part < uploadParts(bytes); part++) yield await blobs.get(uploadKey(tenantId, importId, part));
}

export async function deleteUpload(blobs: BlobStore, tenantId: string, importId: string, bytes: number): Promise<void> {
  // A part is made only once full or at the end: one more than the size says may exist when a write stopped.
  for (let part = 0; part <= uploadParts(bytes); part++) await blobs.delete(uploadKey(tenantId, importId, part));
}

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is neutralised (spreadsheet formulas). */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const REPORT_HEADER = "row,field,message\n";

/** Collects the full per-row report and writes it to the blob store, REPORT_PART_ROWS failed rows per part. */
export class ReportWriter {
  private lines: string[] = [];
  private rowsInPart = 0;
  private part = 0;
  private lastRow = -1;

  constructor(
    private readonly blobs: BlobStore,
    private readonly tenantId: string,
    private readonly importId: string,
  ) {}

  /** The issues of one failed row (all of them, in order). */
  async add(issues: RowIssue[]): Promise<void> {
    if (!issues.length) return;
    const row = (issues[0] as RowIssue).row;
    if (row !== this.lastRow) {
      if (this.rowsInPart === REPORT_PART_ROWS) await this.flush();
      this.rowsInPart += 1;
      this.lastRow = row;
    }
    for (const i of issues) this.lines.push(`${i.row},${csvCell(i.field)},${csvCell(i.message)}\n`);
  }

  private async flush(): Promise<void> {
    await this.blobs.put(reportKey(this.tenantId, this.importId, this.part++), Buffer.from(this.lines.join(""), "utf8"));
    this.lines = [];
    this.rowsInPart = 0;
  }

  async close(): Promise<void> {
    if (this.rowsInPart > 0) await this.flush();
  }
}

/** The report as CSV text, part after part (`rowsFailed` from the import says how many parts). */
export async function* readReport(blobs: BlobStore, tenantId: string, importId: string, rowsFailed: number): AsyncGenerator<Buffer> {
  yield Buffer.from(REPORT_HEADER);
  for (let part = 0; part < Math.ceil(rowsFailed / REPORT_PART_ROWS); part++) yield await blobs.get(reportKey(tenantId, importId, part));
}
