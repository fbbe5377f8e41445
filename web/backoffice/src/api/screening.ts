import { get, post } from "./client";
import type { ScreeningEntry, ScreeningSearchInput, ScreeningSearchResult } from "./types";

const enc = encodeURIComponent;

/** Name screening against the active sanctions and PEP lists (screening:search). */
export const screening = {
  search: (input: ScreeningSearchInput) => post<ScreeningSearchResult>("/screening/search", input),
  entry: (listId: string, entryId: string) => get<ScreeningEntry>(`/screening/entries/${enc(listId)}/${enc(entryId)}`),
};
