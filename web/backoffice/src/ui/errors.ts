import type { TFunction } from "i18next";
import { ApiError, fieldName } from "../api/client";
import type { FieldProblem } from "../api/types";

/** A translated sentence for any failure: the API's stable code picks the message. */
export function problemMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    return t(`errors.${err.code}`, { defaultValue: t("errors.internal_error") });
  }
  return t("errors.internal_error");
}

/** Field codes with a message of their own in `fieldErrors.*`; anything else is "not valid". */
const KNOWN = new Set([
  "required",
  "taken",
  "unknown_reference",
  "mismatch",
  "empty",
  "wrong_password",
  "invalid_mfa_code",
  "token_invalid",
  "out_of_scope",
  "invalid_cursor",
  "password_too_short",
  "password_too_long",
  "password_is_email",
  "password_repeated",
  "too_small",
  "too_big",
  "invalid_type",
  "invalid_format",
  "invalid_value",
  "unknown_field",
]);

/** Fields the API takes as numbers: their `too_small` / `too_big` limits are values, not characters. */
const NUMERIC = new Set(["expiresInDays", "limit"]);

/**
 * The API's field code (and its `params`) → a translated hint next to the field. The server's
 * English `message` is never shown: it is for developers.
 */
export function fieldMessage(t: TFunction, problem: FieldProblem): string {
  const code = problem.code ?? "";
  if (!KNOWN.has(code)) return t("fieldErrors.invalid");
  const params = problem.params ?? {};
  const numeric = NUMERIC.has(fieldName(problem.path));
  if (code === "too_small" || code === "too_big") {
    const limit = code === "too_small" ? params.minimum : params.maximum;
    if (typeof limit !== "number") return t(`fieldErrors.${code}`);
    // A text that must have at least one character was left empty.
    if (code === "too_small" && limit <= 1 && !numeric) return t("fieldErrors.required");
    const key = `${code === "too_small" ? "tooShort" : "tooLong"}${numeric ? "Number" : ""}`;
    return t(`fieldErrors.${key}`, { minimum: params.minimum, maximum: params.maximum });
  }
  if (code === "invalid_format" && params.format === "email") return t("fieldErrors.invalidEmail");
  if (code === "password_too_short" || code === "password_too_long") {
    const limit = code === "password_too_short" ? params.minimum : params.maximum;
    if (typeof limit !== "number") return t(code === "password_too_short" ? "fieldErrors.too_small" : "fieldErrors.too_big");
    return t(`fieldErrors.${code}`, { minimum: params.minimum, maximum: params.maximum });
  }
  return t(`fieldErrors.${code}`);
}
