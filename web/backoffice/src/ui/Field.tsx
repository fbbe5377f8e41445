import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from "react";
import { useTranslation } from "react-i18next";

interface Common {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
}

/** What the control inside a field needs: its id and its ties to the hint and the error. */
interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * The label, hint and error around one control, tied to it for screen readers. `children` renders
 * the control itself from the props it must carry.
 */
function FieldFrame({ label, error, hint, className, children }: Common & { className?: string | undefined; children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const ids = [hint ? hintId : null, error ? errorId : null].filter(Boolean);
  return (
    <div className={`field${error ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": ids.length ? ids.join(" ") : undefined })}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and its error tied to it for screen readers. */
export function TextField({ label, error, hint, className, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} error={error} hint={hint} className={className}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
  );
}

/** A labelled text area with its hint and its error tied to it for screen readers. */
export function TextAreaField({ label, error, hint, className, ...area }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame label={label} error={error} hint={hint} className={className}>
      {(control) => <textarea {...control} {...area} />}
    </FieldFrame>
  );
}

export function SelectField({
  label,
  error,
  hint,
  children,
  className,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <select {...control} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

/** The code from an authenticator app (up to seven characters: a space in the middle is allowed). */
export function CodeField({ value, onChange, error, autoFocus }: { value: string; onChange(value: string): void; error: string | undefined; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t("login.code")}
      name="code"
      inputMode="numeric"
      dir="ltr"
      autoComplete="one-time-code"
      maxLength={7}
      autoFocus={autoFocus}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}
