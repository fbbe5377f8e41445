/** Screening search and list entries (server: src/modules/screening/search-routes.ts). */
import type { ScreeningBand } from "./types-compliance";

export type ScreeningEntryKind = "individual" | "entity" | "vessel" | "aircraft" | "unknown";

export interface ScreeningSearchInput {
  name: string;
  /** YYYY-MM-DD or YYYY. */
  birthDate?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  limit?: number;
}

export interface ScreeningHit {
  list: string;
  listVersion: number;
  entryId: string;
  name: string;
  /** The list name or alias that scored best. */
  matchedName: string;
  kind: ScreeningEntryKind;
  programs: string[];
  score: number;
  band: ScreeningBand;
}

export interface ScreeningSearchResult {
  /** "eu:2;ofac-sdn:7;un:3"; "" when no list is active. */
  listVersion: string;
  warning: "no_active_lists" | null;
  bands: { block: number; review: number; edd: number };
  matches: ScreeningHit[];
}

export interface ScreeningEntry {
  list: string;
  listName: string;
  listKind: "sanctions" | "pep";
  version: number;
  entryId: string;
  kind: ScreeningEntryKind;
  name: string;
  aliases: Array<{ name: string; quality: "strong" | "weak" }>;
  birthDates: string[];
  nationalities: string[];
  programs: string[];
  details: Record<string, unknown>;
}
