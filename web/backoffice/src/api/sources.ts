import { get, post } from "./client";
import type { EventSource, EventSourceWithKey } from "./types";

const enc = encodeURIComponent;

/** The bank's journey event sources and their write keys (sources:manage). */
export const sources = {
  all: () => get<{ items: EventSource[] }>("/sources").then((r) => r.items),
  create: (body: { name: string; kind?: "http" | "import" }) => post<EventSourceWithKey>("/sources", body),
  rotate: (id: string) => post<EventSourceWithKey>(`/sources/${enc(id)}/rotate`),
  disable: (id: string) => post<EventSource>(`/sources/${enc(id)}/disable`),
  enable: (id: string) => post<EventSource>(`/sources/${enc(id)}/enable`),
};
