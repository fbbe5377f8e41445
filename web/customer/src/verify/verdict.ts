/**
 * What the verification page concludes from the server's answer (POST /api/v1/signing/verify),
 * with no DOM: the verdict is a pure function so it is tested on its own (tests/web-verify.test.ts).
 *
 * Green only when the seal is there, the signed bytes are unchanged, they are the whole file, the
 * chain ends at this server's seal CA, and the sealing bank is the bank whose page this is.
 * Everything else names the first thing wrong (the most serious first) and lists the rest; the
 * signer's trust and bank are judged only when the signature is intact.
 */

/** One event of the signing audit trail embedded in a sealed document (contract: AuditTrailEvent). */
export interface TrailEvent {
  at: string;
  action: string;
  signer: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
  hash: string;
}

/** The contract's answer: `auditTrail` is [] unless the seal holds; `timestamp` is the B-T time-stamp when there is one. */
export interface VerifyResult {
  sealed: boolean;
  intact: boolean;
  coversWholeDocument: boolean;
  signer: { subject: string; issuer: string } | null;
  signedAt: string | null;
  timestamp?: { at: string; authority: string } | null;
  auditTrail: unknown[];
  trusted: boolean;
  testSeal: boolean;
  bank: { slug: string; name: string } | null;
  problems: string[];
}

/** Most serious first: the headline is the first one found. */
export const ISSUES = ["notSealed", "altered", "appended", "unknownSigner", "otherBank"] as const;
export type Issue = (typeof ISSUES)[number];

export interface Verdict {
  /** ok: green; bad: the content cannot be relied on (red); doubt: intact, but not this bank's (amber). */
  tone: "ok" | "bad" | "doubt";
  /** Everything wrong, most serious first; empty when ok. */
  issues: Issue[];
}

const BAD: ReadonlySet<Issue> = new Set(["notSealed", "altered", "appended"]);

export function verdict(r: VerifyResult, pageBank: string): Verdict {
  if (!r.sealed) return { tone: "bad", issues: ["notSealed"] };
  const issues: Issue[] = [];
  if (!r.intact) issues.push("altered");
  if (!r.coversWholeDocument) issues.push("appended");
  // Who sealed it is known only when the signature itself held: a server reports an altered file
  // as untrusted too (its seal proves nothing), which is not a stranger's certificate.
  if (r.intact && !r.trusted) issues.push("unknownSigner");
  else if (r.intact && r.bank?.slug !== pageBank) issues.push("otherBank");
  if (issues.length === 0) return { tone: "ok", issues };
  return { tone: issues.some((i) => BAD.has(i)) ? "bad" : "doubt", issues };
}

/** The page's own limit; the server enforces its own too. */
export const MAX_BYTES = 10 * 1024 * 1024;

/** How much of a file's start the page reads to find the PDF header. */
export const HEAD_BYTES = 1024;

export type FileProblem = "empty" | "tooBig" | "notPdf";

/**
 * Checks a chosen file before anything is sent: its size, then its first bytes (`%PDF-`), not its
 * name or the browser's guess at its type (a renamed picture still says .pdf).
 */
export function fileProblem(size: number, head: Uint8Array): FileProblem | null {
  if (size === 0) return "empty";
  if (size > MAX_BYTES) return "tooBig";
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  // A PDF may start with a little junk before the header (readers look in the first 1024 bytes).
  for (let at = 0; at + magic.length <= Math.min(head.length, HEAD_BYTES); at++) {
    if (magic.every((b, i) => head[at + i] === b)) return null;
  }
  return "notPdf";
}

/** What to say when the server refused the check (HTTP status of a problem+json answer). */
export type RequestProblem = "tooBig" | "notPdf" | "rateLimited" | "unreadable" | "server";

export function requestProblem(status: number): RequestProblem {
  if (status === 413) return "tooBig";
  if (status === 415) return "notPdf";
  if (status === 429) return "rateLimited";
  if (status === 400 || status === 422) return "unreadable";
  return "server";
}

/** Accepts only an answer shaped like the contract (a proxy's HTML page is not a verdict). */
export function isVerifyResult(v: unknown): v is VerifyResult {
  if (!v || typeof v !== "object") return false;
  const r = v as Record<string, unknown>;
  const flags = ["sealed", "intact", "coversWholeDocument", "trusted", "testSeal"].every((k) => typeof r[k] === "boolean");
  const signer = r.signer === null || (typeof r.signer === "object" && typeof (r.signer as Record<string, unknown>).subject === "string");
  const bank = r.bank === null || (typeof r.bank === "object" && typeof (r.bank as Record<string, unknown>).slug === "string");
  return flags && signer && bank && (r.signedAt === null || typeof r.signedAt === "string") && Array.isArray(r.problems);
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * The trail's events worth showing: only when the seal holds (intact, whole, trusted: the trail is
 * then the sealed one), only well-formed entries, in time order.
 */
export function trailOf(r: VerifyResult): TrailEvent[] {
  if (!r.sealed || !r.intact || !r.coversWholeDocument || !r.trusted) return [];
  const out: TrailEvent[] = [];
  for (const e of Array.isArray(r.auditTrail) ? r.auditTrail : []) {
    if (!e || typeof e !== "object") continue;
    const o = e as Record<string, unknown>;
    const at = str(o.at);
    const action = str(o.action);
    if (!at || !action || Number.isNaN(Date.parse(at))) continue;
    out.push({ at, action, signer: str(o.signer), role: str(o.role), ip: str(o.ip), userAgent: str(o.userAgent), hash: str(o.hash) ?? "" });
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The time-stamp, when the answer carries a well-formed one. */
export function timestampOf(r: VerifyResult): { at: string; authority: string } | null {
  const t = r.timestamp;
  return t && typeof t.at === "string" && typeof t.authority === "string" && !Number.isNaN(Date.parse(t.at)) ? t : null;
}
