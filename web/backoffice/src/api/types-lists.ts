/** Sanctions and PEP lists (GET /screening/lists, /screening/lists/{listId}/versions); mirrors screening/lists-routes.ts. */

export const LIST_FORMATS = ["ofac-csv", "ofac-xml", "un-xml", "eu-csv", "eu-xml", "pep-csv"] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
export type ListKind = "sanctions" | "pep";
export type ListVersionStatus = "importing" | "active" | "superseded" | "failed";

export interface ListProblem {
  where: string;
  message: string;
}

export interface ListVersion {
  version: number;
  status: ListVersionStatus;
  /** The file name(s) or URL(s) imported. */
  source: string;
  /** sha256 of the imported file(s); empty when the download failed. */
  sha256: string;
  entries: number;
  /** Names and aliases. */
  names: number;
  /** Rows of the file that could not be read; the first 50 are in `problems`. */
  problemCount: number;
  problems: ListProblem[];
  /** Why a failed import failed (English, for the operator). */
  error: string | null;
  importedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ScreeningList {
  id: string;
  name: string;
  kind: ListKind;
  format: ListFormat;
  sourceUrl: string | null;
  activeVersion: ListVersion | null;
  lastImport: ListVersion | null;
  lastFailure: ListVersion | null;
  createdAt: string;
}
