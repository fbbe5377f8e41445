/**
 * Row checks of bulk imports, in plain code (they run once per row of files of millions of rows):
 * an NDJSON line is one tracking-API event (intake/validate.ts decides, exactly as /v1/track), a
 * contact-centre or service-request CSV row becomes a `contact.handled` or `request.*` event with
 * the property names the fold reads. Each failure is one issue { row, field, message }; a row with
 * issues is not stored, and the others are.
 */
import type { FieldIssue } from "../../../kernel/errors";
import { EARLIEST_TIMESTAMP, FUTURE_SLACK_MS, type IntakeRow, MAX_EVENT_BYTES, MAX_ID, parseIsoTimestamp, validateEvent } from "../intake/validate";

export type ImportKind = "events" | "contacts" | "requests";
export const IMPORT_KINDS: readonly ImportKind[] = ["events", "contacts", "requests"];

/** One failed check: the 1-based data row (NDJSON: the line), the column or event field ('' = the whole row). */
export interface RowIssue {
  row: number;
  field: string;
  message: string;
}

/** The columns of each CSV kind, all required in the header (any order). */
export const CSV_COLUMNS = {
  contacts: ["contact_id", "agent", "queue", "channel", "customer_id", "started_at", "talk_seconds", "hold_seconds", "after_call_seconds", "resolved"],
  requests: ["request_id", "type", "channel", "customer_id", "requested_at", "fulfilled_at"],
} as const;
export type CsvKind = keyof typeof CSV_COLUMNS;

/** Longest handled contact part: one day, in seconds. */
export const MAX_SECONDS = 86_400;
/** Longest free-text cell (agent, queue, channel, type). */
export const MAX_TEXT = 200;

const TRUE = new Set(["true", "1", "yes"]);
const FALSE = new Set(["false", "0", "no"]);

/** NUL characters and lone surrogates cannot be stored by PostgreSQL (as in intake/validate.ts). */
const UNSTORABLE = /\\u0000|(?:^|[^\\])(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL character is exactly what is refused
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Checks the header of a CSV kind: unknown and missing columns are file errors, each named. */
export function checkHeader(kind: CsvKind, header: string[]): { columns: string[]; problems: string[] } {
  const expected: readonly string[] = CSV_COLUMNS[kind];
  const columns = header.map((h) => h.trim().toLowerCase());
  const problems: string[] = [];
  const unknown = columns.filter((c) => !expected.includes(c));
  const missing = expected.filter((c) => !columns.includes(c));
  const twice = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (unknown.length) problems.push(`unknown column(s): ${unknown.map((c) => c || "(empty)").join(", ")} (expected ${expected.join(",")})`);
  if (missing.length) problems.push(`missing column(s): ${missing.join(", ")}`);
  if (twice.length) problems.push(`column(s) given twice: ${[...new Set(twice)].join(", ")}`);
  return { columns, problems };
}

/** Collects one row's issues. */
class RowChecker {
  constructor(
    readonly row: number,
    readonly issues: RowIssue[],
    readonly now: number,
  ) {}
  bad = false;
  add(field: string, message: string) {
    this.bad = true;
    this.issues.push({ row: this.row, field, message });
  }
  id(rec: Record<string, string>, field: string, required: boolean): string | null {
    const v = (rec[field] ?? "").trim();
    if (!v) {
      if (required) this.add(field, "is required");
      return null;
    }
    if (v.length > MAX_ID) this.add(field, `must have at most ${MAX_ID} characters`);
    else if (UNSTORABLE_TEXT.test(v)) this.add(field, "contains a NUL character or a lone UTF-16 surrogate");
    else return v;
    return null;
  }
  text(rec: Record<string, string>, field: string): string | null {
    const v = (rec[field] ?? "").trim();
    if (!v) return null;
    if (v.length > MAX_TEXT) this.add(field, `must have at most ${MAX_TEXT} characters`);
    else if (UNSTORABLE_TEXT.test(v)) this.add(field, "contains a NUL character or a lone UTF-16 surrogate");
    else return v;
    return null;
  }
  /** An ISO 8601 date-time with a zone (Z or ±hh:mm), after 1990 and at most 5 minutes ahead. */
  time(rec: Record<string, string>, field: string, required: boolean): number | null {
    const v = (rec[field] ?? "").trim();
    if (!v) {
      if (required) this.add(field, "is required");
      return null;
    }
    const ms = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/.test(v) && /[Tt ]\d{2}:\d{2}/.test(v) ? parseIsoTimestamp(v) : Number.NaN;
    if (Number.isNaN(ms)) this.add(field, "must be an ISO 8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z or 2026-01-31T11:30:00+02:00");
    else if (ms < EARLIEST_TIMESTAMP || ms > this.now + FUTURE_SLACK_MS) this.add(field, "must be after 1990-01-01 and no more than 5 minutes in the future");
    else return ms;
    return null;
  }
  seconds(rec: Record<string, string>, field: string): number | null {
    const v = (rec[field] ?? "").trim();
    if (!v) {
      this.add(field, "is required");
      return null;
    }
    if (!/^\d{1,6}$/.test(v) || Number(v) > MAX_SECONDS) {
      this.add(field, `must be a whole number of seconds from 0 to ${MAX_SECONDS}`);
      return null;
    }
    return Number(v);
  }
  bool(rec: Record<string, string>, field: string): boolean | null {
    const v = (rec[field] ?? "").trim().toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    this.add(field, v ? "must be true, false, 1, 0, yes or no" : "is required");
    return null;
  }
}

/** A contact-centre record → `contact.handled` (entity c:<contactId>), or null with its issues. */
export function contactRow(rec: Record<string, string>, row: number, now: number, issues: RowIssue[]): IntakeRow | null {
  const ck = new RowChecker(row, issues, now);
  const contactId = ck.id(rec, "contact_id", true);
  const agent = ck.text(rec, "agent");
  const queue = ck.text(rec, "queue");
  const channel = ck.text(rec, "channel");
  const customerId = ck.id(rec, "customer_id", false);
  const started = ck.time(rec, "started_at", true);
  const talk = ck.seconds(rec, "talk_seconds");
  const hold = ck.seconds(rec, "hold_seconds");
  const acw = ck.seconds(rec, "after_call_seconds");
  const resolved = ck.bool(rec, "resolved");
  if (ck.bad) return null;
  return {
    m: `contact:${contactId}`,
    t: "track",
    e: "contact.handled",
    u: customerId,
    a: customerId ? null : `contact:${contactId}`,
    j: null,
    o: new Date(started as number).toISOString(),
    p: { contactId, agentId: agent, queue, channel, customerId, talkSeconds: talk, holdSeconds: hold, afterCallSeconds: acw, resolved },
    c: {},
  };
}

/** A service request → `request.fulfilled` (fulfilled_at given) or `request.opened` (entity q:<requestId>). */
export function requestRow(rec: Record<string, string>, row: number, now: number, issues: RowIssue[]): IntakeRow | null {
  const ck = new RowChecker(row, issues, now);
  const requestId = ck.id(rec, "request_id", true);
  const type = ck.text(rec, "type");
  const channel = ck.text(rec, "channel");
  const customerId = ck.id(rec, "customer_id", false);
  const requested = ck.time(rec, "requested_at", true);
  const fulfilled = ck.time(rec, "fulfilled_at", false);
  if (!(rec.type ?? "").trim()) ck.add("type", "is required");
  if (requested !== null && fulfilled !== null && fulfilled < requested) ck.add("fulfilled_at", "must not be before requested_at");
  if (ck.bad) return null;
  const state = fulfilled === null ? "opened" : "fulfilled";
  return {
    m: `request:${requestId}:${state}`,
    t: "track",
    e: `request.${state}`,
    u: customerId,
    a: customerId ? null : `request:${requestId}`,
    j: null,
    o: new Date(requested as number).toISOString(),
    p: { requestId, type, channel, customerId, requestedAt: new Date(requested as number).toISOString(), fulfilledAt: fulfilled === null ? null : new Date(fulfilled).toISOString() },
    c: {},
  };
}

/** `body.<field>` (the tracking API's paths) → the event's own field path. */
const fieldOf = (path: string) => (path === "line" ? "" : path.startsWith("line.") ? path.slice(5) : path);

/**
 * One NDJSON line → the event as /v1/track would store it. `bytes` is the line's UTF-8 length:
 * lines over 32 KB are refused before parsing, as the tracking API refuses such events.
 */
export function eventLine(line: string, bytes: number, row: number, now: number, issues: RowIssue[]): IntakeRow | null {
  if (bytes > MAX_EVENT_BYTES) {
    issues.push({ row, field: "", message: `the line is longer than ${MAX_EVENT_BYTES} bytes (the limit of one event)` });
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    issues.push({ row, field: "", message: `malformed JSON: ${err instanceof Error ? err.message.replace(/^Unexpected /, "unexpected ").slice(0, 200) : "not JSON"}` });
    return null;
  }
  const found: FieldIssue[] = [];
  const ev = validateEvent(raw, "line", found, { receivedAt: now });
  if (!ev) {
    for (const i of found) issues.push({ row, field: fieldOf(i.path), message: i.message });
    return null;
  }
  // JSON.stringify writes \u escapes only for control characters and lone surrogates.
  if (line.includes("\\u")) {
    if (UNSTORABLE.test(JSON.stringify(ev))) {
      issues.push({ row, field: "", message: "contains a NUL character (\\u0000) or a lone UTF-16 surrogate, which cannot be stored" });
      return null;
    }
  }
  return ev;
}
