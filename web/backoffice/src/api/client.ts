import { type FieldProblem, PROBLEM_CODES, type Problem, type ProblemCode } from "./types";

const BASE = "/api/v1";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Codes the client itself produces when no problem document came back. */
export type ClientCode = "network_error" | "unexpected_response";

/** A failed API call: the problem document's code, status and per-field messages. */
export class ApiError extends Error {
  readonly code: ProblemCode | ClientCode;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly fieldProblems: FieldProblem[];

  constructor(code: ProblemCode | ClientCode, status: number, detail: string, problem?: Partial<Problem>) {
    super(detail);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.requestId = problem?.requestId;
    this.fieldProblems = problem?.errors ?? [];
  }

  /** The first problem with a field, by its name without the request part (`body.email` → `email`). */
  field(name: string): FieldProblem | undefined {
    return this.fieldProblems.find((p) => fieldName(p.path) === name);
  }
}

export function fieldName(path: string): string {
  return path.replace(/^(body|query|param|params|path)\./, "");
}

let csrfToken: string | null = null;
const authLostListeners = new Set<(code: string) => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a signed-in call answers 401: the session ended elsewhere or timed out. */
export function onAuthLost(listener: (code: string) => void): () => void {
  authLostListeners.add(listener);
  return () => authLostListeners.delete(listener);
}

type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Public endpoints (login, reset…) must not report a 401 as a lost session. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ""}`;
}

function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === "string" && (PROBLEM_CODES as readonly string[]).includes(code);
}

async function toError(res: Response): Promise<ApiError> {
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      const code = isProblemCode(body.code) ? body.code : "unexpected_response";
      return new ApiError(code, res.status, body.detail ?? body.title ?? res.statusText, body);
    } catch {
      // fall through: a JSON content type with a body that is not JSON
    }
  }
  return new ApiError("unexpected_response", res.status, `HTTP ${res.status}`);
}

/** The one place the back office talks to the server. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (UNSAFE.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      credentials: "same-origin",
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError("network_error", 0, err instanceof Error ? err.message : "network error");
  }
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && !opts.anonymous && (error.code === "unauthenticated" || error.code === "session_expired")) {
      for (const listener of authLostListeners) listener(error.code);
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined as T;
  return (await res.json()) as T;
}

/** Sends a file as the raw body (e.g. a PDF to seal) and returns the file the server answers. */
export async function exchangeFile(path: string, file: Blob, contentType: string): Promise<Blob> {
  const headers: Record<string, string> = { "content-type": contentType, accept: `${contentType}, application/json, application/problem+json` };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url(path), { method: "POST", headers, credentials: "same-origin", body: file });
  } catch (err) {
    throw new ApiError("network_error", 0, err instanceof Error ? err.message : "network error");
  }
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && (error.code === "unauthenticated" || error.code === "session_expired")) {
      for (const listener of authLostListeners) listener(error.code);
    }
    throw error;
  }
  return res.blob();
}

export const get = <T>(path: string, query?: Query, opts: Omit<RequestOptions, "query" | "body"> = {}) =>
  request<T>("GET", path, { ...opts, query });
export const post = <T>(path: string, body?: unknown, opts: Omit<RequestOptions, "body"> = {}) =>
  request<T>("POST", path, { ...opts, body });
export const patch = <T>(path: string, body: unknown) => request<T>("PATCH", path, { body });
export const del = (path: string) => request<void>("DELETE", path);
