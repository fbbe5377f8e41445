/** Bulk imports (POST/GET /imports, /imports/{id}, /imports/{id}/report.csv); mirrors journeys/imports/routes.ts. */

export type ImportKind = "events" | "contacts" | "requests";
export type ImportStatus = "queued" | "running" | "done" | "failed";

/** One failed check: the 1-based data row (NDJSON: the line; 0: the header), the column or field ('' = the whole row). */
export interface ImportRowIssue {
  row: number;
  field: string;
  message: string;
}

export interface EventImportSummary {
  id: string;
  kind: ImportKind;
  sourceId: string;
  fileName: string;
  status: ImportStatus;
  bytesTotal: number;
  bytesDone: number;
  /** Always rowsOk + rowsDuplicate + rowsFailed. */
  rowsTotal: number;
  rowsOk: number;
  rowsDuplicate: number;
  rowsFailed: number;
  failure: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface EventImport extends EventImportSummary {
  /** The first 1,000 issues; report.csv has them all. */
  errors: ImportRowIssue[];
  errorsTruncated: boolean;
}
