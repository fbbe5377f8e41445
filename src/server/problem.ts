import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { AppError, type ErrorCode, ERROR_CODES, type FieldIssue } from "../kernel/errors";

export const PROBLEM_TYPE_BASE = "/api/docs/problems#";

const TITLES: Record<ErrorCode, string> = {
  validation_failed: "The request is not valid",
  malformed_json: "The request body is not valid JSON",
  unknown_field: "The request has a field this endpoint does not accept",
  bad_request: "Bad request",
  unauthenticated: "Sign in first",
  session_expired: "The session has expired",
  invalid_credentials: "Wrong email or password",
  mfa_required: "A two-factor code is required",
  invalid_mfa_code: "The two-factor code is not valid",
  invalid_api_key: "The API key is not valid",
  forbidden: "Not allowed",
  csrf_invalid: "The CSRF token is missing or not valid for this session",
  out_of_scope: "Outside your data scope",
  not_found: "Not found",
  conflict: "Conflict",
  already_exists: "Already exists",
  account_locked: "The account is temporarily locked",
  token_invalid: "The link is not valid",
  token_expired: "The link has expired",
  survey_closed: "The survey is closed",
  link_used: "This link has already been used",
  quota_full: "The survey has enough responses like this one",
  definition_invalid: "The survey has logic errors",
  flow_invalid: "The flow has errors",
  link_revoked: "This link is no longer valid",
  otp_invalid: "The one-time code is not valid",
  otp_locked: "Too many wrong codes: try again later",
  wrong_state: "Not possible in the application's current status",
  payment_declined: "The payment was declined",
  compliance_hold: "Approval waits for compliance",
  envelope_expired: "This signing request has expired",
  envelope_closed: "This signing request is closed",
  seal_failed: "The signed documents could not be sealed yet",
  list_import_failed: "The list could not be imported",
  four_eyes_required: "A second person must approve this",
  review_closed: "The review is already decided",
  ocr_unreadable: "The document could not be read",
  rules_invalid: "The risk rules have errors",
  payload_too_large: "The request body is too large",
  unsupported_media_type: "Unsupported content type",
  rate_limited: "Too many requests",
  not_ready: "Not ready",
  internal_error: "Something went wrong on our side",
};

export function problemTitles(): Record<ErrorCode, string> {
  return TITLES;
}

/** Zod issues → field issues with the request part in front (`body.email`, `query.limit`). */
export function zodIssues(error: ZodError, target: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = [target, ...issue.path.map(String)];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({ path: [...base, key].join("."), message: "is not an accepted field", code: "unknown_field" });
      }
    } else {
      const params: Record<string, number | string> = {};
      for (const k of ["minimum", "maximum", "format", "expected"] as const) {
        const v = (issue as unknown as Record<string, unknown>)[k];
        if (typeof v === "number" || typeof v === "string") params[k] = v;
        else if (typeof v === "bigint") params[k] = Number(v);
      }
      out.push({ path: base.join("."), message: issue.message, code: issue.code, ...(Object.keys(params).length ? { params } : {}) });
    }
  }
  return out;
}

export function validationError(error: ZodError, target: string): AppError {
  const issues = zodIssues(error, target);
  const allUnknown = issues.length > 0 && issues.every((i) => i.code === "unknown_field");
  const code = allUnknown ? "unknown_field" : "validation_failed";
  return new AppError(code, `${issues.length} problem(s) with ${target}: ${issues.map((i) => i.path).join(", ")}`, { issues });
}

/** Maps any thrown value to an AppError; unknown errors become internal_error with no details. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new AppError("payload_too_large", "The request body exceeds the size limit");
    if (err.status === 400 && /json/i.test(err.message)) return new AppError("malformed_json", "The request body could not be parsed as JSON");
    if (err.status === 400) return new AppError("bad_request", err.message || "Bad request");
    if (err.status === 401) return new AppError("unauthenticated", "Sign in first");
    if (err.status === 404) return new AppError("not_found", "Not found");
  }
  if (err instanceof SyntaxError && /JSON/.test(err.message)) {
    return new AppError("malformed_json", "The request body could not be parsed as JSON");
  }
  return new AppError("internal_error", "An unexpected error occurred; quote the request id to support", { cause: err });
}

export function problemBody(err: AppError, c: Context) {
  return {
    type: `${PROBLEM_TYPE_BASE}${err.code}`,
    title: TITLES[err.code],
    status: ERROR_CODES[err.code],
    detail: err.message,
    code: err.code,
    instance: c.req.path,
    requestId: c.get("requestId"),
    ...(err.issues ? { errors: err.issues } : {}),
  };
}

/** Built through the context so headers set earlier (request id, rate-limit state) are kept. */
export function problemResponse(err: AppError, c: Context): Response {
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  if (err.options.retryAfterSeconds) headers["retry-after"] = String(err.options.retryAfterSeconds);
  return c.body(JSON.stringify(problemBody(err, c)), err.status as 400, headers);
}
