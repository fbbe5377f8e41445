/** Journey event sources (GET/POST /sources, /sources/{id}/rotate|disable|enable); mirrors journeys/sources-routes.ts. */

export type EventSourceKind = "http" | "import" | "atrium";

export interface EventSource {
  id: string;
  name: string;
  /** http: sends to the tracking API with a write key; import: bulk files; atrium: Atrium's own modules. */
  kind: EventSourceKind;
  /** The write key's last 4 characters (the key itself is shown once). */
  keyHint: string | null;
  createdAt: string;
  createdBy: string | null;
  /** Set: the write key is refused. */
  disabledAt: string | null;
}

/** The answer of create and rotate: the only time the write key is shown. */
export interface EventSourceWithKey {
  source: EventSource;
  writeKey: string | null;
}
