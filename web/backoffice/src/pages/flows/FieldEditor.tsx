import { useId } from "react";
import { useTranslation } from "react-i18next";
import { FIELD_TYPES, PREFILL_KEYS, PREFILL_TYPES } from "../../../../../src/modules/onboarding/flow/types";
import type { FieldType, FlowField, PrefillKey } from "../../api/types";
import { Check, IdField } from "../surveys/controls";
import { ConditionEditor, starterRow } from "./ConditionEditor";
import { useFlowEditor } from "./context";
import { FieldSettings } from "./FieldSettings";
import { LocText } from "./LocText";
import { earlierFields, removeField, renameField, retypeField, updateField } from "./model";

/** One field of a step: type, texts, required, prefill, type settings and its condition. */
export function FieldEditor({ stepIndex, fieldIndex, onRemoved, onRenamed }: { stepIndex: number; fieldIndex: number; onRemoved(): void; onRenamed(id: string): void }) {
  const { t } = useTranslation();
  const { def, edit } = useFlowEditor();
  const id = useId();
  const step = def.steps[stepIndex];
  const field = step?.fields[fieldIndex];
  if (!step || !field) return null;
  const path = `steps[${stepIndex}].fields[${fieldIndex}]`;
  const change = (c: (f: FlowField) => FlowField) => edit((d) => updateField(d, step.id, field.id, c));
  const optionName = (n: number) => t("flows.field.optionDefault", { n, lng: def.defaultLanguage });
  const before = earlierFields(def, stepIndex, fieldIndex);
  return (
    <section className="card flow-field" aria-labelledby={`${id}-title`}>
      <div className="q-editor__head">
        <h3 id={`${id}-title`} data-path={path} tabIndex={-1}>
          {t("flows.field.title", { id: field.id })}
        </h3>
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => {
            edit((d) => removeField(d, step.id, field.id));
            onRemoved();
          }}
        >
          {t("flows.field.remove")}
        </button>
      </div>
      <div className="flow-grid">
        <IdField
          label={t("flows.field.id")}
          path={`${path}.id`}
          value={field.id}
          onCommit={(next) => {
            const renamed = renameField(def, field.id, next);
            if (!renamed) return window.alert(t("flows.field.idTaken", { id: next }));
            edit(() => renamed);
            onRenamed(next);
          }}
        />
        <div className="field">
          <label htmlFor={`${id}-type`}>{t("flows.field.type")}</label>
          <select id={`${id}-type`} data-path={`${path}.type`} value={field.type} onChange={(e) => change((f) => retypeField(f, e.target.value as FieldType, def.defaultLanguage, optionName))}>
            {FIELD_TYPES.map((ft) => (
              <option key={ft} value={ft}>
                {t(`flows.types.${ft}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-prefill`}>{t("flows.field.prefill")}</label>
          <select id={`${id}-prefill`} data-path={`${path}.prefill`} value={field.prefill ?? ""} onChange={(e) => change((f) => ({ ...f, prefill: (e.target.value || undefined) as PrefillKey | undefined }))}>
            <option value="">{t("flows.field.noPrefill")}</option>
            {PREFILL_KEYS.filter((k) => PREFILL_TYPES[k].includes(field.type) || k === field.prefill).map((k) => (
              <option key={k} value={k}>
                {t(`flows.prefill.${k.replace("customer.", "")}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LocText label={t("flows.field.label")} path={`${path}.label`} value={field.label} required multiline={field.type === "checkbox"} onChange={(label) => change((f) => ({ ...f, label }))} />
      <LocText label={t("flows.field.help")} path={`${path}.help`} value={field.help} multiline onChange={(help) => change((f) => ({ ...f, help }))} />
      <Check
        label={field.type === "checkbox" ? t("flows.field.mustTick") : t("flows.field.required")}
        path={`${path}.required`}
        checked={field.required}
        onChange={(required) => change((f) => ({ ...f, required }))}
      />
      <FieldSettings field={field} path={path} onChange={change} />
      {field.showIf ? (
        <>
          <ConditionEditor label={t("flows.cond.fieldLegend")} path={`${path}.showIf`} value={field.showIf} fields={before} onChange={(showIf) => change((f) => ({ ...f, showIf }))} />
          <button type="button" className="button button--small button--secondary" onClick={() => change(({ showIf: _, ...f }) => f)}>
            {t("flows.cond.removeAll")}
          </button>
        </>
      ) : (
        <div>
          <button type="button" className="button button--small button--secondary" disabled={before.length === 0} aria-describedby={before.length === 0 ? `${id}-nocond` : undefined} onClick={() => change((f) => ({ ...f, showIf: { all: [starterRow(before[before.length - 1])] } }))}>
            {t("flows.cond.addField")}
          </button>
          {before.length === 0 ? (
            <p className="field__hint" id={`${id}-nocond`}>
              {t("flows.cond.noEarlier")}
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
