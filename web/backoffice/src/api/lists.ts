import { get } from "./client";
import type { ListVersion, Page, ScreeningList } from "./types";

const enc = encodeURIComponent;

/** The platform's sanctions and PEP lists and their imports (lists:read). Read-only: imports are the operator's. */
export const lists = {
  all: () => get<{ items: ScreeningList[] }>("/screening/lists").then((r) => r.items),
  versions: (listId: string, cursor: string | null, limit = 20) => get<Page<ListVersion>>(`/screening/lists/${enc(listId)}/versions`, { limit, cursor: cursor ?? undefined }),
};
