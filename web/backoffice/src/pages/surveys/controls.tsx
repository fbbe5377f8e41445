import { type ReactNode, useEffect, useId, useState } from "react";
import { SelectField, TextField } from "../../ui/Field";

/** A checkbox with its label after it; `path` ties it to problems in the definition. */
export function Check({ label, checked, onChange, path, hint }: { label: string; checked: boolean; onChange(value: boolean): void; path?: string; hint?: string }) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" checked={checked} data-path={path} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint check__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A whole number; an emptied field reads as `undefined` (the setting is left out). */
export function NumberField({ label, value, onChange, path, min, max, hint }: { label: string; value: number | undefined; onChange(value: number | undefined): void; path: string; min?: number; max?: number; hint?: string }) {
  return (
    <TextField
      label={label}
      hint={hint}
      type="number"
      inputMode="numeric"
      dir="ltr"
      min={min}
      max={max}
      data-path={path}
      value={value ?? ""}
      onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
    />
  );
}

export function PlainField({ label, value, onChange, path, type = "text", hint, placeholder }: { label: string; value: string; onChange(value: string): void; path: string; type?: string; hint?: string; placeholder?: string }) {
  return <TextField label={label} hint={hint} type={type} dir="ltr" placeholder={placeholder} data-path={path} value={value} onChange={(e) => onChange(e.target.value)} />;
}

export function Choose<T extends string>({ label, value, options, onChange, path, hint }: { label: string; value: T; options: readonly { value: T; label: string }[]; onChange(value: T): void; path: string; hint?: string }) {
  return (
    <SelectField label={label} hint={hint} data-path={path} value={value} onChange={(e) => onChange(e.target.value as T)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
}

/** A named group of settings (fieldset + legend) so screen readers hear what the controls belong to. */
export function Group({ legend, children, className }: { legend: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={`group${className ? ` ${className}` : ""}`}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/**
 * An id (`q1`, `c2`): typed freely, committed when the field is left or Enter is pressed, so the
 * list it keys does not re-order under the cursor. Only letters, digits, - and _ are kept.
 */
export function IdField({ label, value, onCommit, path }: { label: string; value: string; onCommit(id: string): void; path: string }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    const clean = draft.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 64);
    if (clean && clean !== value) onCommit(clean);
    else setDraft(value);
  };
  return (
    <div className="field field--id">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        dir="ltr"
        data-path={path}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
      />
    </div>
  );
}
