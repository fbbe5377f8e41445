/**
 * Validation of Segment-compatible tracking calls (track, identify, page, batch) in plain code: a
 * batch of 2,500 events is checked in well under a millisecond per hundred events, with one field
 * issue per bad event (`body.batch.<i>.<field>`), so the caller can refuse the whole batch.
 */
import type { FieldIssue } from "../../../kernel/errors";
import type { JourneyEventType } from "../../../db/schema-journeys";

/** Segment's limits: 32 KB per event, 500 KB per batch call, and at most 2,500 events in a batch. */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
export const MAX_BATCH_EVENTS = 2500;
export const MAX_MESSAGE_ID = 100;
export const MAX_ID = 200;
export const MAX_EVENT_NAME = 200;
/** Timestamps before this, or more than FUTURE_SLACK_MS after the call arrived, are refused. */
export const EARLIEST_TIMESTAMP = Date.UTC(1990, 0, 1);
export const FUTURE_SLACK_MS = 5 * 60 * 1000;

export const EVENT_TYPES: readonly JourneyEventType[] = ["track", "identify", "page"];

/** One event as it will be stored (occurred_at as an ISO string; tenant, source and receivedAt come from the call). */
export interface IntakeRow {
  m: string;
  t: JourneyEventType;
  e: string | null;
  u: string | null;
  a: string | null;
  j: string | null;
  o: string;
  p: Record<string, unknown>;
  c: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Milliseconds of an ISO 8601 date or date-time (no zone: UTC), or NaN when it is not one. */
/** How deep properties, traits and context may nest (a bomb of nested arrays must not reach the store). */
export const MAX_DEPTH = 32;

/** Whether `value` nests objects or arrays deeper than `max` levels (iterative: no stack to overflow). */
export function depthOver(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== "object") continue;
    if (d > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) if (child !== null && typeof child === "object") stack.push([child, d + 1]);
  }
  return false;
}

export function parseIsoTimestamp(value: string): number {
  const m = ISO.exec(value);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(Number(y), month, 0)).getUTCDate()) return Number.NaN;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59))) return Number.NaN;
  let text = value.replace(" ", "T");
  if (h !== undefined && zone === undefined) text += "Z";
  else if (zone && /^[+-]\d{4}$/.test(zone)) text = `${text.slice(0, -5)}${zone.slice(0, 3)}:${zone.slice(3)}`;
  return Date.parse(text);
}

/** Collects issues for one event; `at` is the event's path (`body` or `body.batch.3`). */
class Checker {
  constructor(
    readonly issues: FieldIssue[],
    readonly at: string,
  ) {}
  add(field: string, message: string, code: string, params?: Record<string, number | string>) {
    this.issues.push({ path: field ? `${this.at}.${field}` : this.at, message, code, ...(params ? { params } : {}) });
  }
  /** A string of min..max characters; undefined/null allowed unless required. */
  text(ev: Obj, field: string, min: number, max: number, required: boolean): string | null | undefined {
    const v = ev[field];
    if (v === undefined || v === null) {
      if (required) this.add(field, "is required", "required");
      return v === null ? null : undefined;
    }
    if (typeof v !== "string") {
      this.add(field, "must be a string", "invalid_type", { expected: "string" });
      return undefined;
    }
    if (v.length < min) this.add(field, `must have at least ${min} character(s)`, "too_small", { minimum: min });
    else if (v.length > max) this.add(field, `must have at most ${max} characters`, "too_big", { maximum: max });
    else return v;
    return undefined;
  }
  object(ev: Obj, field: string): Obj | undefined {
    const v = ev[field];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) {
      this.add(field, "must be an object", "invalid_type", { expected: "object" });
      return undefined;
    }
    if (depthOver(v, MAX_DEPTH)) {
      this.add(field, `must not nest objects or arrays more than ${MAX_DEPTH} levels deep`, "too_deep", { maximum: MAX_DEPTH });
      return undefined;
    }
    return v;
  }
  time(ev: Obj, field: string): number | undefined {
    const v = ev[field];
    if (v === undefined || v === null) return undefined;
    const ms = typeof v === "string" ? parseIsoTimestamp(v) : Number.NaN;
    if (Number.isNaN(ms)) {
      this.add(field, "must be an ISO 8601 date-time, e.g. 2026-01-31T09:30:00.000Z", "invalid_format", { format: "date-time" });
      return undefined;
    }
    return ms;
  }
}

export interface ValidateOptions {
  /** The path's type for /v1/track, /v1/identify, /v1/page; undefined for /v1/batch (each event says). */
  impliedType?: JourneyEventType;
  /** When the call arrived (milliseconds). */
  receivedAt: number;
  /** Batch-level `sentAt` and `context` (Segment libraries send them beside `batch`). */
  sentAt?: number;
  context?: Obj;
}

/** Checks one event and returns its row, or null when it has issues (added to `issues`). */
export function validateEvent(raw: unknown, at: string, issues: FieldIssue[], o: ValidateOptions): IntakeRow | null {
  const before = issues.length;
  const ck = new Checker(issues, at);
  if (!isObject(raw)) {
    ck.add("", "must be an object (one event)", "invalid_type", { expected: "object" });
    return null;
  }
  let type: JourneyEventType | undefined = o.impliedType;
  const given = raw.type;
  if (o.impliedType) {
    if (given !== undefined && given !== null && given !== o.impliedType) ck.add("type", `must be "${o.impliedType}" on this endpoint (or left out)`, "invalid_value");
  } else if (given === undefined || given === null) {
    ck.add("type", "is required: track, identify or page", "required");
  } else if (typeof given !== "string" || !(EVENT_TYPES as readonly string[]).includes(given)) {
    ck.add("type", "must be track, identify or page (screen, group and alias calls are not accepted)", "invalid_value", { expected: "track|identify|page" });
  } else {
    type = given as JourneyEventType;
  }

  const messageId = ck.text(raw, "messageId", 1, MAX_MESSAGE_ID, true);
  const userId = ck.text(raw, "userId", 1, MAX_ID, false);
  const anonymousId = ck.text(raw, "anonymousId", 1, MAX_ID, false);
  if ((raw.userId === undefined || raw.userId === null) && (raw.anonymousId === undefined || raw.anonymousId === null)) {
    ck.add("userId", "userId or anonymousId is required", "required");
  }
  let event: string | null | undefined = null;
  if (type === "track") event = ck.text(raw, "event", 1, MAX_EVENT_NAME, true);
  else if (type === "page") event = ck.text(raw, "name", 1, MAX_EVENT_NAME, false) ?? null;
  const props = type === "identify" ? ck.object(raw, "traits") : ck.object(raw, "properties");
  const context = ck.object(raw, "context");
  const journeyId = props?.journeyId;
  if (typeof journeyId === "string" && (journeyId.length < 1 || journeyId.length > MAX_ID)) {
    ck.add(`${type === "identify" ? "traits" : "properties"}.journeyId`, `must have 1 to ${MAX_ID} characters`, journeyId.length ? "too_big" : "too_small", { minimum: 1, maximum: MAX_ID });
  }

  const timestamp = ck.time(raw, "timestamp");
  const original = ck.time(raw, "originalTimestamp");
  const sentAtOwn = ck.time(raw, "sentAt");
  if (issues.length > before) return null;

  // Segment's clock-skew correction: with no timestamp, the device's originalTimestamp is moved by
  // the difference between the device clock (sentAt) and ours (receivedAt).
  let occurred = o.receivedAt;
  let from = "timestamp";
  if (timestamp !== undefined) occurred = timestamp;
  else if (original !== undefined) {
    from = "originalTimestamp";
    const sentAt = sentAtOwn ?? o.sentAt;
    occurred = sentAt !== undefined ? o.receivedAt - (sentAt - original) : original;
  }
  if (occurred < EARLIEST_TIMESTAMP || occurred > o.receivedAt + FUTURE_SLACK_MS) {
    ck.add(from, "must be after 1990-01-01 and no more than 5 minutes in the future", "out_of_range", { minimum: "1990-01-01T00:00:00Z", maximum: "now + 5 minutes" });
    return null;
  }
  return {
    m: messageId as string,
    t: type as JourneyEventType,
    e: event ?? null,
    u: userId ?? null,
    a: anonymousId ?? null,
    j: typeof journeyId === "string" ? journeyId : null,
    o: new Date(occurred).toISOString(),
    p: props ?? {},
    c: o.context ? { ...o.context, ...(context ?? {}) } : (context ?? {}),
  };
}

export interface Validated {
  rows: IntakeRow[];
  issues: FieldIssue[];
  /** Events over MAX_EVENT_BYTES (the call is refused with 413). */
  tooBig: FieldIssue[];
  /** The rows as JSON, CHUNK_ROWS per chunk, when there are no issues. */
  chunks: string[];
}

const utf8Length = (s: string) => Buffer.byteLength(s, "utf8");

/** NUL characters and lone surrogates cannot be stored by PostgreSQL (text or jsonb). */
const UNSTORABLE = /\\u0000|(?:^|[^\\])(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/**
 * Validates a parsed call body. For /v1/batch the body is `{ batch: [...], sentAt?, context? }`;
 * for the others it is one event. `bodyBytes` is the body's size (events are measured one by one
 * only when the whole body is larger than one event may be).
 */
export function validateCall(body: unknown, impliedType: JourneyEventType | undefined, receivedAt: number, bodyBytes: number): Validated {
  const issues: FieldIssue[] = [];
  const tooBig: FieldIssue[] = [];
  const rows: IntakeRow[] = [];
  if (impliedType) {
    const row = validateEvent(body, "body", issues, { impliedType, receivedAt });
    if (row) rows.push(row);
    return finish(rows, issues, tooBig, () => "body");
  }
  if (!isObject(body)) {
    issues.push({ path: "body", message: "must be an object with a batch array", code: "invalid_type", params: { expected: "object" } });
    return { rows, issues, tooBig, chunks: [] };
  }
  const batch = body.batch;
  if (!Array.isArray(batch)) {
    issues.push({ path: "body.batch", message: batch === undefined ? "is required: an array of events" : "must be an array of events", code: batch === undefined ? "required" : "invalid_type" });
    return { rows, issues, tooBig, chunks: [] };
  }
  if (batch.length > MAX_BATCH_EVENTS) {
    tooBig.push({ path: "body.batch", message: `has more than ${MAX_BATCH_EVENTS} events`, code: "too_big", params: { maximum: MAX_BATCH_EVENTS } });
    return { rows, issues, tooBig, chunks: [] };
  }
  const ck = new Checker(issues, "body");
  const sentAt = ck.time(body, "sentAt");
  const context = ck.object(body, "context");
  const opts: ValidateOptions = { receivedAt, sentAt, context };
  if (bodyBytes > MAX_EVENT_BYTES) {
    for (let i = 0; i < batch.length; i++) {
      const size = utf8Length(JSON.stringify(batch[i]) ?? "");
      if (size > MAX_EVENT_BYTES) tooBig.push({ path: `body.batch.${i}`, message: `is larger than ${MAX_EVENT_BYTES} bytes`, code: "too_big", params: { maximum: MAX_EVENT_BYTES } });
    }
    if (tooBig.length) return { rows, issues, tooBig, chunks: [] };
  }
  for (let i = 0; i < batch.length; i++) {
    const row = validateEvent(batch[i], `body.batch.${i}`, issues, opts);
    if (row) rows.push(row);
  }
  return finish(rows, issues, tooBig, (i) => `body.batch.${i}`);
}

/** Rows per INSERT statement (and per serialized chunk). */
export const CHUNK_ROWS = 500;

/**
 * Serializes the rows in chunks of CHUNK_ROWS (what the store inserts) and refuses events holding
 * characters PostgreSQL cannot store; rows are looked at one by one only when a chunk has some.
 */
function finish(rows: IntakeRow[], issues: FieldIssue[], tooBig: FieldIssue[], pathOf: (i: number) => string): Validated {
  const chunks: string[] = [];
  if (issues.length) return { rows, issues, tooBig, chunks };
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const part = rows.slice(start, start + CHUNK_ROWS);
    const json = JSON.stringify(part);
    chunks.push(json);
    // JSON.stringify writes \u escapes only for control characters and lone surrogates.
    if (!json.includes("\\u") || !UNSTORABLE.test(json)) continue;
    for (let i = 0; i < part.length; i++) {
      if (UNSTORABLE.test(JSON.stringify(part[i]))) issues.push({ path: pathOf(start + i), message: "contains a NUL character (\\u0000) or a lone UTF-16 surrogate, which cannot be stored", code: "invalid_value" });
    }
  }
  return { rows, issues, tooBig, chunks };
}
