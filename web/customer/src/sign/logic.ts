/**
 * The signing UI's decisions, with no DOM (tested in tests/web-sign.test.ts): which screen a
 * signer's state calls for, which full-page message an error is, whether a drawn pad is blank,
 * reading the token from the address.
 */
import type { SignerField, SignerView } from "./api";

export type Stage = "welcome" | "consent" | "read" | "otp" | "sign" | "done" | "declined";

/** Where a fresh view puts the signer; `started` once they left the welcome screen this visit. */
export function stageFor(v: SignerView, started: boolean): Stage {
  if (v.status === "signed") return "done";
  if (v.status === "declined") return "declined";
  if (!v.consent.accepted) return started ? "consent" : "welcome";
  if (!started) return "welcome";
  return afterConsent(v);
}

/**
 * After the consent the one-time code comes first: the documents hold personal data, so the server
 * opens them only to a signer who confirmed a code (a link alone shows nothing personal).
 */
export const afterConsent = (v: SignerView): Stage => (v.authenticated ? "read" : "otp");

/** The screen after reading: signing, or a new code when the confirmation ran out meanwhile. */
export const afterReading = (v: SignerView): Stage => (v.authenticated ? "sign" : "otp");

export type Fatal = "used" | "expired" | "closed" | "invalid" | "copyExpired";

/** Errors that end the link (a full-page message), or null for ones shown in place. */
export function fatalOf(e: { status: number; code: string }): Fatal | null {
  if (e.code === "link_used") return "used";
  if (e.code === "token_expired") return "copyExpired";
  if (e.code === "envelope_expired") return "expired";
  if (e.code === "envelope_closed") return "closed";
  if (e.code === "token_invalid" || e.status === 401 && e.code === "unauthenticated") return "invalid";
  if (e.status === 410) return "used";
  return null;
}

/** The full-page message for a view whose envelope closed under the signer. */
export function closedStage(v: SignerView): Fatal | null {
  if (v.status === "signed" || v.status === "declined") return null;
  if (v.envelopeStatus === "expired") return "expired";
  if (v.envelopeStatus === "voided" || v.envelopeStatus === "declined" || v.envelopeStatus === "completed") return "closed";
  return null;
}

/** The token from `#<token>` (32 random bytes base64url: 43 characters), or null. */
export function tokenFromHash(hash: string): string | null {
  const raw = hash.replace(/^#/, "").trim();
  const token = raw.startsWith("token=") ? raw.slice(6) : raw;
  return /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
}

/**
 * A pad is blank when no pixel differs visibly from the background: `rgba` is the canvas's
 * ImageData (RGBA bytes). Transparent pixels and near-white ones count as background; `minInk`
 * marked pixels are needed (a stray dot is not a signature).
 */
export function isBlankPad(rgba: ArrayLike<number>, minInk = 20): boolean {
  let ink = 0;
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    const a = rgba[i + 3] as number;
    if (a < 32) continue;
    const light = Math.min(rgba[i] as number, rgba[i + 1] as number, rgba[i + 2] as number);
    if (light > 230) continue;
    ink++;
    if (ink >= minInk) return false;
  }
  return true;
}

/** The base64 of a data: URL (or the text itself when it has no prefix). */
export const stripDataUrl = (s: string): string => s.replace(/^data:[^,]*,/, "");

/** Bytes a base64 string decodes to. */
export function base64Bytes(b64: string): number {
  const clean = b64.replace(/\s/g, "");
  const pad = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

/** The server's limit for a drawn signature. */
export const MAX_SIGNATURE_BYTES = 512 * 1024;

export type TypedProblem = "typedLength" | null;
export function typedProblem(text: string): TypedProblem {
  const n = [...text.trim()].length;
  return n < 2 || n > 100 ? "typedLength" : null;
}

export type ReasonProblem = "declineNeeded" | "declineTooLong" | null;
export function reasonProblem(text: string): ReasonProblem {
  const t = text.trim();
  if (!t) return "declineNeeded";
  return [...t].length > 500 ? "declineTooLong" : null;
}

/** The fields the signer fills in themselves (the server fills signature, initials, name and date). */
export const fillable = (fields: SignerField[]): SignerField[] => fields.filter((f) => f.kind === "text" || f.kind === "checkbox");

/** Required fields left empty, by id. */
export function missingFields(fields: SignerField[], values: Record<string, string | boolean>): string[] {
  return fillable(fields)
    .filter((f) => f.required)
    .filter((f) => (f.kind === "checkbox" ? values[f.id] !== true : typeof values[f.id] !== "string" || !(values[f.id] as string).trim()))
    .map((f) => f.id);
}

/** Seconds left of a countdown that ends at `until` (ms), never negative. */
export const secondsLeft = (until: number, now: number): number => Math.max(0, Math.ceil((until - now) / 1000));

/** Text size steps of the reading view (rem). */
export const TEXT_SIZES = [0.875, 1, 1.125, 1.25, 1.5, 1.75] as const;
export const nextSize = (i: number, by: 1 | -1): number => Math.min(TEXT_SIZES.length - 1, Math.max(0, i + by));

/**
 * A used link may be the one the completion message carries (the signed copies): what the copy
 * call's refusal means. An expired copy link says so; anything else (not signed, not sealed yet,
 * unknown) keeps the plain "already signed" page.
 */
export const afterUsed = (e: { status: number; code: string }): Fatal => (e.code === "token_expired" ? "copyExpired" : "used");

/** A SHA-256 fingerprint shortened for reading aloud or comparing: first and last 8 hex digits, in groups of 4. */
export function shortHash(hex: string): string {
  const clean = hex.toLowerCase().replace(/[^0-9a-f]/g, "");
  const group = (s: string) => s.match(/.{1,4}/g)?.join(" ") ?? s;
  return clean.length <= 16 ? group(clean) : `${group(clean.slice(0, 8))} … ${group(clean.slice(-8))}`;
}

/** A file name for a downloaded PDF: no path, reserved, control or direction characters, no leading or trailing dots; the name at most 100 characters. */
export function pdfFileName(name: string, suffix = ""): string {
  const safe = (s: string) =>
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
      .replace(/[\\/:*?"<>|\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, " ")
      .replace(/\s+/g, " ")
      .replace(/^[.\s]+|[.\s]+$/g, "");
  const base = [...(safe(name) || "document")].slice(0, 100).join("").trim();
  const tail = safe(suffix);
  return `${tail ? `${base} - ${tail}` : base}.pdf`;
}
