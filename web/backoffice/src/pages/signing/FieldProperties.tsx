import { useTranslation } from "react-i18next";
import { PREFILL_KEYS } from "../../../../../src/modules/onboarding/flow/types";
import type { FieldKind, PlacedField, SignerRole } from "../../api/types";
import { SelectField, TextField } from "../../ui/Field";
import { Check } from "../surveys/controls";
import { FIELD_KINDS, SIGNER_ROLES } from "./fields";
import { LANGUAGES, languageName } from "./shared";

const ANSWER = "__answer";

/** The selected field: id, kind, signer, required, its label per language, and (text) where it is filled from. */
export function FieldProperties({ field, errors, onChange, onRemove }: { field: PlacedField; errors: Record<string, string>; onChange(next: PlacedField): void; onRemove(): void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<PlacedField>) => onChange({ ...field, ...patch });
  const isPrefill = field.source !== undefined && (PREFILL_KEYS as readonly string[]).includes(field.source);
  const sourceChoice = field.source === undefined ? "" : isPrefill ? field.source : ANSWER;
  return (
    <div className="sg-props" data-selected-field={field.id}>
      <TextField
        label={t("signing.editor.fieldId")}
        dir="ltr"
        value={field.id}
        maxLength={64}
        error={errors.id}
        onChange={(e) => set({ id: e.target.value.replace(/[^A-Za-z0-9_-]/g, "") })}
      />
      <SelectField
        label={t("signing.editor.kind")}
        value={field.kind}
        error={errors.kind}
        onChange={(e) => {
          const kind = e.target.value as FieldKind;
          const { source: _, ...rest } = field;
          onChange(kind === "text" ? { ...field, kind } : { ...rest, kind });
        }}
      >
        {FIELD_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`signing.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("signing.editor.role")} value={field.role} error={errors.role} onChange={(e) => set({ role: e.target.value as SignerRole })}>
        {SIGNER_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`signing.roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <Check label={t("signing.editor.required")} checked={field.required} onChange={(required) => set({ required })} />
      {field.kind === "text" ? (
        <>
          <SelectField
            label={t("signing.editor.source")}
            value={sourceChoice}
            error={errors.source}
            onChange={(e) => {
              const v = e.target.value;
              const { source: _, ...rest } = field;
              onChange(v === "" ? rest : { ...field, source: v === ANSWER ? "" : v });
            }}
          >
            <option value="">{t("signing.editor.sourceNone")}</option>
            {PREFILL_KEYS.map((k) => (
              <option key={k} value={k}>
                {t(`flows.prefill.${k.replace("customer.", "")}`)}
              </option>
            ))}
            <option value={ANSWER}>{t("signing.editor.answerField")}</option>
          </SelectField>
          {sourceChoice === ANSWER ? (
            <TextField label={t("signing.editor.answerFieldId")} dir="ltr" value={field.source ?? ""} onChange={(e) => set({ source: e.target.value.trim() })} />
          ) : null}
        </>
      ) : null}
      <fieldset className="group">
        <legend>{t("signing.editor.label")}</legend>
        {LANGUAGES.map((l) => (
          <TextField
            key={l}
            label={languageName(t, l)}
            lang={l}
            dir="auto"
            maxLength={120}
            value={field.label?.[l] ?? ""}
            error={errors[`label.${l}`]}
            onChange={(e) => {
              const label = { ...(field.label ?? {}), [l]: e.target.value };
              if (!e.target.value) delete label[l];
              const { label: _, ...rest } = field;
              onChange(Object.keys(label).length ? { ...field, label } : rest);
            }}
          />
        ))}
      </fieldset>
      <p className="muted sg-pos" dir="ltr">
        {t("signing.editor.position", { x: field.x, y: field.y, width: field.width, height: field.height })}
      </p>
      {Object.entries(errors)
        .filter(([k]) => ["x", "y", "width", "height", "page", ""].includes(k))
        .map(([k, msg]) => (
          <p key={k} className="field__error">
            {msg}
          </p>
        ))}
      <button type="button" className="button button--small button--danger" onClick={onRemove}>
        {t("signing.editor.remove")}
      </button>
    </div>
  );
}
