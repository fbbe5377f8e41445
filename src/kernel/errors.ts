/**
 * One error type for the whole platform. Every code is stable (clients may switch on it) and maps
 * to one HTTP status here, in one place. Messages are for developers; the back office translates
 * by code. Never put SQL, stack traces or secrets into `detail`.
 */
export const ERROR_CODES = {
  validation_failed: 400,
  malformed_json: 400,
  unknown_field: 400,
  bad_request: 400,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  mfa_required: 401,
  invalid_mfa_code: 401,
  invalid_api_key: 401,
  forbidden: 403,
  csrf_invalid: 403,
  out_of_scope: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  account_locked: 423,
  token_invalid: 400,
  token_expired: 410,
  /** A survey that no longer takes responses. */
  survey_closed: 410,
  /** A single-use link whose response was already completed. */
  link_used: 410,
  /** The response matches a quota that is full. */
  quota_full: 409,
  /** Publishing a survey whose logic has errors (the problems are listed in `errors`). */
  definition_invalid: 422,
  /** Publishing a flow with errors (the problems are listed in `errors`). */
  flow_invalid: 422,
  /** An application link the bank revoked, or one replaced by a newer link. */
  link_revoked: 410,
  /** A wrong or expired one-time code (attempts left in `detail`). */
  otp_invalid: 401,
  /** Too many wrong one-time codes: the link is locked for a while. */
  otp_locked: 423,
  /** The application's status does not allow this (e.g. a decision before submission). */
  wrong_state: 409,
  /** The payment provider declined the card. */
  payment_declined: 402,
  /** A sanctions or PEP list file that could not be imported (the previous version stays active). */
  list_import_failed: 422,
  /** Clearing a block needs a second compliance officer: the one who proposed it may not approve it. */
  four_eyes_required: 409,
  /** A compliance review that is already decided. */
  review_closed: 409,
  /** No machine-readable zone could be read from the image. */
  ocr_unreadable: 422,
  /** Risk rules with errors (the problems are listed in `errors`). */
  rules_invalid: 422,
  /** Approval waits for compliance: an open screening review, or a confirmed sanctions match. */
  compliance_hold: 409,
  /** An envelope past its expiry date: nobody can sign it any more. */
  envelope_expired: 410,
  /** An envelope that is completed, declined or voided. */
  envelope_closed: 409,
  /** Sealing the signed documents failed; the envelope stays signed and sealing can be retried. */
  seal_failed: 503,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  not_ready: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  /** JSON-pointer-like dotted path into the request, e.g. `body.email` or `query.limit`. */
  path: string;
  message: string;
  /** Stable machine code for the field problem (e.g. `required`, `taken`, `too_small`). */
  code?: string;
  /** Limits for the message, e.g. `{ minimum: 12 }`, so clients can translate it. */
  params?: Record<string, number | string>;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { issues?: FieldIssue[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.status = ERROR_CODES[code];
  }
  get issues(): FieldIssue[] | undefined {
    return this.options.issues;
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);
export const forbidden = (why = "You do not have permission to do this") =>
  new AppError("forbidden", why);
export const invalidField = (path: string, message: string) =>
  new AppError("validation_failed", message, { issues: [{ path, message }] });
