/**
 * The screening contract shared by the matcher (index.ts, screen.ts), the list importer
 * (import.ts), compliance reviews and re-screening (modules/compliance) and risk (modules/risk).
 */
import type { Band, Bands, EntryAlias, EntryKind, ScreeningMatch } from "../../db/schema-compliance";

export type { Band, Bands, ScreeningMatch };

export interface ScreeningQuery {
  /** A person's or organisation's name in any script (Latin, Arabic, Hebrew, Cyrillic, Chinese, …). */
  name: string;
  /** "YYYY-MM-DD" or "YYYY": a matching year raises the score, a different one lowers it. */
  birthDate?: string;
  /** ISO 3166-1 alpha-2 nationality or country: a match raises the score, a difference lowers it. */
  country?: string;
}

export interface ScreeningOutcome {
  /** The active list versions the name was screened against, e.g. "eu:2;ofac-sdn:7;pep:1;un:3". */
  listVersion: string;
  /** Best first; only scores at or above the `edd` band (or `minScore`), at most `limit`. */
  matches: ScreeningMatch[];
}

/** One entry as the importer writes it (a row of screening_entries without list and version). */
export interface ParsedEntry {
  entryId: string;
  kind: EntryKind;
  name: string;
  aliases: EntryAlias[];
  birthDates: string[];
  nationalities: string[];
  programs: string[];
  details: Record<string, unknown>;
}

/** The list's parse: every entry, plus the problems of rows that could not be read (never silently dropped). */
export interface ParsedList {
  entries: ParsedEntry[];
  problems: Array<{ where: string; message: string }>;
}
