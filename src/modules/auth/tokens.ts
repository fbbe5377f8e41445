import { randomToken } from "../../kernel/ids";
import { hmacHex, sha256Hex } from "../../kernel/crypto";

export const SESSION_COOKIE = "atrium_session";
export const CSRF_HEADER = "x-csrf-token";

/** Session token for the cookie and the hash we store: the raw token never reaches the database. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomToken(32);
  return { token, id: sha256Hex(token) };
}

/** The CSRF token is bound to one session: a token from an ended or other session is refused. */
export function csrfTokenFor(secret: Buffer, sessionId: string): string {
  return hmacHex(secret, `csrf:${sessionId}`);
}

/** API keys: `atr_<prefix>_<secret>`; the prefix finds the row, the SHA-256 of the whole key proves it. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomToken(6).replace(/[-_]/g, "x").slice(0, 8);
  const key = `atr_${prefix}_${randomToken(32)}`;
  return { key, prefix, hash: sha256Hex(key) };
}

export function parseApiKey(key: string): { prefix: string } | null {
  const m = /^atr_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{40,}$/.exec(key);
  return m?.[1] ? { prefix: m[1] } : null;
}
