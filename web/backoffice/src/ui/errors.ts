import type { TFunction } from "i18next";
import { ApiError } from "../api/client";
import type { FieldProblem } from "../api/types";

/** A translated sentence for any failure: the API's stable code picks the message. */
export function problemMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    return t(`errors.${err.code}`, { defaultValue: t("errors.internal_error") });
  }
  return t("errors.internal_error");
}

/** Zod's issue codes (and ours) → a translated hint; the server's English text is only a fallback for developers. */
export function fieldMessage(t: TFunction, problem: FieldProblem): string {
  return t(`fieldErrors.${problem.code ?? "invalid"}`, { defaultValue: t("fieldErrors.invalid") });
}
