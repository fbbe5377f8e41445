/** The respondent (public) API, as described in the public-api contract. No cookies: `credentials: "omit"`. */
import type { SurveyDefinition, Text } from "../../../../src/modules/feedback/definition/types";

export interface PublicSurvey {
  id: string;
  bank: { slug: string; name: string };
  status: "published" | "closed";
  version: number;
  definition: SurveyDefinition;
}

export interface EndingOut {
  id: string;
  title: Text | string;
  text?: Text | string;
  redirectUrl?: string;
}

export interface RespondResult {
  id: string;
  status: "in_progress" | "completed" | "screened_out" | "partial";
  resumeToken: string | null;
  current: string | null;
  finished: boolean;
  ending: EndingOut | null;
}

export interface ResponseOut {
  id: string;
  surveyId: string;
  version: number;
  status: RespondResult["status"];
  language: string;
  answers: Record<string, unknown>;
  hidden: Record<string, string>;
  submitted: string[];
  current: string | null;
  finished: boolean;
  ending: EndingOut | null;
}

export interface FieldProblem {
  path: string;
  message?: string;
  code?: string;
}

/** A problem+json answer, or `offline` (status 0) when the request never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(code);
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

const BASE = "/api/v1/public";

async function call<T>(method: string, path: string, opts: { body?: unknown; token?: string | null; raw?: Blob; keepalive?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: BodyInit | undefined;
  if (opts.raw) {
    headers["content-type"] = opts.raw.type || "application/octet-stream";
    body = opts.raw;
  } else if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, { method, headers, body, credentials: "omit", cache: "no-store", keepalive: opts.keepalive === true });
  } catch {
    throw new ApiError(0, "offline");
  }
  if (!res.ok) {
    let problem: { code?: string; errors?: FieldProblem[] } = {};
    try {
      problem = await res.json();
    } catch {
      // not JSON: a proxy's page; the status says enough
    }
    throw new ApiError(res.status, problem.code ?? (res.status >= 500 ? "internal_error" : "bad_request"), Array.isArray(problem.errors) ? problem.errors : []);
  }
  return (await res.json()) as T;
}

export interface StartBody {
  answers?: Record<string, unknown>;
  language?: string;
  hiddenFields?: Record<string, string>;
  channel?: string;
  timings?: Record<string, number>;
}

export interface SaveBody {
  answers?: Record<string, unknown>;
  timings?: Record<string, number>;
  submit?: string;
  language?: string;
}

const enc = encodeURIComponent;

export const api = {
  survey: (id: string) => call<PublicSurvey>("GET", `/surveys/${enc(id)}`),
  start: (surveyId: string, body: StartBody) => call<RespondResult>("POST", `/surveys/${enc(surveyId)}/responses`, { body }),
  invitation: (token: string, body: { language?: string; answers?: Record<string, unknown> }) =>
    call<RespondResult>("POST", `/invitations/${enc(token)}/responses`, { body }),
  response: (id: string, token: string) => call<ResponseOut>("GET", `/responses/${enc(id)}`, { token }),
  save: (id: string, token: string, body: SaveBody, keepalive = false) => call<RespondResult>("POST", `/responses/${enc(id)}/answers`, { body, token, keepalive }),
  upload: (id: string, token: string, key: string, file: Blob) =>
    call<{ fileId: string; size: number; contentType: string }>("POST", `/responses/${enc(id)}/files?question=${enc(key)}`, { token, raw: file }),
};
