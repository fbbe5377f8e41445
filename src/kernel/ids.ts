import { randomBytes } from "node:crypto";
import { v7 } from "uuid";

/** Time-ordered UUIDv7: index-friendly primary keys that still reveal nothing guessable. */
export function newId(): string {
  return v7();
}

/** A URL-safe random token with `bytes` bytes of entropy (default 32 = 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
