/**
 * The Segment-compatible HTTP tracking API at the root, as api.segment.io/v1/…: POST /v1/track,
 * /v1/identify, /v1/page and /v1/batch. None of the /api/* middlewares apply here, so this file
 * does its own: HTTP Basic with the source's write key as the user name (empty password), a cap
 * on write-key failures per client network, body size caps read before parsing, gzip bodies, and
 * JSON parsing with a clear error. See README.md beside this file for the contract.
 */
import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import type { Context } from "hono";
import type { JourneyEventType } from "../../../db/schema-journeys";
import { AppError } from "../../../kernel/errors";
import { FailureCounter } from "../../../kernel/failure-counter";
import { networkOf } from "../../../kernel/network";
import type { Deps } from "../../../server/deps";
import type { AppEnv } from "../../../server/env";
import { type EventSourceRow, sourceByWriteKey } from "../sources";
import { storeEvents } from "./store";
import { MAX_BATCH_BYTES, MAX_EVENT_BYTES, validateCall } from "./validate";

/** Wrong write keys one network may send per window before it is refused (429) without a lookup. */
export const WRITE_KEY_FAILURES = 20;
export const WRITE_KEY_WINDOW_MS = 10 * 60 * 1000;

const decoder = new TextDecoder("utf-8", { fatal: true });

const tooLarge = (path: string, maximum: number) =>
  new AppError("payload_too_large", `The body is larger than ${maximum} bytes`, { issues: [{ path, message: `is larger than ${maximum} bytes`, code: "too_big", params: { maximum } }] });

/** The write key from `Authorization: Basic base64("<key>:")`; missing: 401 naming the header. */
export function writeKeyOf(header: string | undefined): string | null {
  const h = header?.trim();
  if (!h) {
    throw new AppError("unauthenticated", "Send the source's write key as the user name of HTTP Basic authentication", {
      issues: [{ path: "header.authorization", message: 'send Basic base64("<write key>:")', code: "required" }],
    });
  }
  const m = /^Basic\s+([A-Za-z0-9+/_-]+={0,2})$/i.exec(h);
  if (!m?.[1]) return null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

/** The body, at most `limit` bytes (after gunzip), refused with 413 naming `path` when larger. */
async function readBody(c: Context<AppEnv>, limit: number, path: string): Promise<{ text: string; bytes: number }> {
  const encoding = (c.req.header("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") {
    throw new AppError("unsupported_media_type", "Send the body as plain JSON or gzip (Content-Encoding: gzip)", { issues: [{ path: "header.content-encoding", message: "must be gzip or left out", code: "invalid_value" }] });
  }
  const length = c.req.header("content-length");
  if (length !== undefined && Number.parseInt(length, 10) > limit) throw tooLarge(path, limit);
  const stream = c.req.raw.body;
  const parts: Uint8Array[] = [];
  let size = 0;
  if (stream) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge(path, limit);
      }
      parts.push(value);
    }
  }
  let buf: Buffer = Buffer.concat(parts, size);
  if (encoding === "gzip") {
    try {
      buf = gunzipSync(buf, { maxOutputLength: limit });
    } catch (err) {
      if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) throw tooLarge(path, limit);
      throw new AppError("malformed_json", "The body is not valid gzip", { issues: [{ path: "body", message: "is not valid gzip", code: "invalid_format" }] });
    }
  }
  try {
    return { text: decoder.decode(buf), bytes: buf.byteLength };
  } catch {
    throw new AppError("malformed_json", "The body is not valid UTF-8", { issues: [{ path: "body", message: "is not valid UTF-8", code: "invalid_format" }] });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof SyntaxError ? err.message : "not JSON";
    throw new AppError("malformed_json", `The body could not be parsed as JSON: ${detail}`, { issues: [{ path: "body", message: "is not valid JSON", code: "invalid_format" }] });
  }
}

export function intakeRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const failures = new FailureCounter(WRITE_KEY_FAILURES, WRITE_KEY_WINDOW_MS);

  /** The enabled source of the write key; wrong, unknown and disabled keys all answer alike. */
  async function authenticate(c: Context<AppEnv>): Promise<EventSourceRow> {
    const net = networkOf(c.get("ip"));
    const now = deps.clock.now().getTime();
    if (failures.blocked(net, now)) {
      throw new AppError("rate_limited", "Too many wrong write keys from this network; try again later", { retryAfterSeconds: Math.ceil(WRITE_KEY_WINDOW_MS / 1000) });
    }
    const key = writeKeyOf(c.req.header("authorization"));
    const source = key ? await sourceByWriteKey(deps.db, key) : undefined;
    if (source?.kind !== "http") {
      failures.note(net, now);
      throw new AppError("invalid_api_key", "The write key is not valid", { issues: [{ path: "header.authorization", message: "is not the write key of an enabled source", code: "invalid" }] });
    }
    return source;
  }

  const handle = (type: JourneyEventType | undefined) => async (c: Context<AppEnv>) => {
    const source = await authenticate(c);
    const limit = type ? MAX_EVENT_BYTES : MAX_BATCH_BYTES;
    const { text, bytes } = await readBody(c, limit, type ? "body" : "body.batch");
    const body = parseJson(text);
    const receivedAt = deps.clock.now();
    const v = validateCall(body, type, receivedAt.getTime(), bytes);
    if (v.tooBig.length) {
      throw new AppError("payload_too_large", `${v.tooBig.length} part(s) of the batch are too large: ${v.tooBig.map((i) => i.path).join(", ")}`, { issues: v.tooBig });
    }
    if (v.issues.length) {
      const paths = v.issues.slice(0, 20).map((i) => i.path).join(", ");
      throw new AppError("validation_failed", `${v.issues.length} problem(s), nothing was stored: ${paths}${v.issues.length > 20 ? ", …" : ""}`, { issues: v.issues });
    }
    const result = await storeEvents(deps.db, { tenantId: source.tenant_id, sourceId: source.id, receivedAt, chunks: v.chunks, total: v.rows.length });
    return c.json({ success: true, ...result }, 200);
  };

  app.post("/v1/track", handle("track"));
  app.post("/v1/identify", handle("identify"));
  app.post("/v1/page", handle("page"));
  app.post("/v1/batch", handle(undefined));
  return app;
}
