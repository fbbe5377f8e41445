import { type FormEvent, useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, fieldName } from "../api/client";
import { fieldMessage, problemMessage } from "./errors";

export interface FormErrors {
  /** For the whole form, announced with role="alert". */
  message: string | null;
  /** Translated messages by field name (`email`, `regionId`). */
  fields: Record<string, string>;
}

const NONE: FormErrors = { message: null, fields: {} };

/**
 * Submission state for one form: busy flag, required-field checks with translated messages, and
 * API problems mapped onto the fields they name. Focus moves to the first field in error.
 */
export function useForm(knownFields: readonly string[] = []) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);

  const focusFirstInvalid = useCallback(() => {
    requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
  }, []);

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof DOMException && err.name === "AbortError") return;
      const fields: Record<string, string> = {};
      const stray: string[] = [];
      // A specific problem (a wrong TOTP code, an expired link) says more than "check the fields".
      const generic = !(err instanceof ApiError) || err.code === "validation_failed" || err.code === "unknown_field";
      if (err instanceof ApiError) {
        for (const p of err.fieldProblems) {
          const name = fieldName(p.path);
          // The field's own code (`password_too_short`, `invalid_mfa_code`) with its limits, translated.
          const message = p.code || generic ? fieldMessage(t, p) : problemMessage(t, err);
          if (knownFields.includes(name)) fields[name] ??= message;
          // A problem with no field on this form (`body`, `token`) is said once, above the form.
          else if (generic && !stray.includes(message)) stray.push(message);
        }
      }
      const base = Object.keys(fields).length > 0 && generic ? t("form.checkFields") : problemMessage(t, err);
      const message = stray.length > 0 && Object.keys(fields).length === 0 && generic ? stray.join(" ") : [base, ...stray].join(" ");
      setErrors({ message, fields });
      focusFirstInvalid();
    },
    [knownFields, t, focusFirstInvalid],
  );

  /**
   * Runs `action` unless a required value is empty. Returns true when the action succeeded.
   */
  const submit = useCallback(
    async (e: FormEvent | null, action: () => Promise<void>, required: Record<string, string> = {}): Promise<boolean> => {
      e?.preventDefault();
      const missing = Object.entries(required).filter(([, v]) => v.trim() === "");
      if (missing.length > 0) {
        setErrors({
          message: t("form.checkFields"),
          fields: Object.fromEntries(missing.map(([k]) => [k, t("fieldErrors.required")])),
        });
        focusFirstInvalid();
        return false;
      }
      setBusy(true);
      setErrors(NONE);
      try {
        await action();
        return true;
      } catch (err) {
        fail(err);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t, fail, focusFirstInvalid],
  );

  const setFieldError = useCallback((name: string, message: string) => {
    setErrors({ message: t("form.checkFields"), fields: { [name]: message } });
    focusFirstInvalid();
  }, [t, focusFirstInvalid]);

  return { ref, errors, busy, submit, fail, setFieldError, clear: () => setErrors(NONE) };
}
