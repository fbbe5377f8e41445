import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { FIELD_TYPES } from "../../../../../src/modules/onboarding/flow/types";
import type { FieldType, FlowStep } from "../../api/types";
import { IdField, NumberField, PlainField } from "../surveys/controls";
import { ConditionEditor, starterRow } from "./ConditionEditor";
import { useFlowEditor } from "./context";
import { FieldEditor } from "./FieldEditor";
import { LocText } from "./LocText";
import { IdentitySettings } from "./IdentitySettings";
import { addField, EDITOR_STEP_KINDS, earlierFields, fieldLabel, removeStep, renameStep, shiftField, updateStep, withKind } from "./model";
import { PaymentSettings } from "./PaymentSettings";
import { SignatureSettings } from "./SignatureSettings";

/** The selected step: texts, minutes, kind, condition, payment, and its fields in order. */
export function StepEditor({ stepId, onSelect, field, onField }: { stepId: string; onSelect(id: string | null): void; field: string | null; onField(id: string | null): void }) {
  const { t } = useTranslation();
  const { def, edit, lang } = useFlowEditor();
  const id = useId();
  const index = def.steps.findIndex((s) => s.id === stepId);
  const step = def.steps[index];
  // A documents step only asks for files.
  const [type, setType] = useState<FieldType>(step?.kind === "documents" ? "file" : "text");
  if (!step) return null;
  const path = `steps[${index}]`;
  const change = (c: (s: FlowStep) => FlowStep) => edit((d) => updateStep(d, step.id, c));
  const before = earlierFields(def, index);
  const fieldIndex = step.fields.findIndex((f) => f.id === field);
  const optionName = (n: number) => t("flows.field.optionDefault", { n, lng: def.defaultLanguage });
  return (
    <div className="flow-step">
      <section className="card" aria-labelledby={`${id}-title`}>
        <div className="q-editor__head">
          <h2 id={`${id}-title`} data-path={path} tabIndex={-1}>
            {t("flows.steps.step", { id: step.id })}
          </h2>
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => {
              if (!window.confirm(t("flows.steps.removeConfirm", { id: step.id }))) return;
              edit((d) => removeStep(d, step.id));
              onSelect(def.steps[index + 1]?.id ?? def.steps[index - 1]?.id ?? null);
            }}
          >
            {t("flows.steps.remove")}
          </button>
        </div>
        <div className="flow-grid">
          <IdField
            label={t("flows.steps.id")}
            path={`${path}.id`}
            value={step.id}
            onCommit={(next) => {
              const renamed = renameStep(def, step.id, next);
              if (!renamed) return window.alert(t("flows.steps.idTaken", { id: next }));
              edit(() => renamed);
              onSelect(next);
            }}
          />
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t("flows.steps.kind")}</label>
            <select
              id={`${id}-kind`}
              data-path={`${path}.kind`}
              value={step.kind}
              onChange={(e) => {
                const kind = e.target.value;
                change((s) => withKind(s, kind, def.currency));
              }}
            >
              {(EDITOR_STEP_KINDS as readonly string[]).includes(step.kind) ? null : <option value={step.kind}>{step.kind}</option>}
              {EDITOR_STEP_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`flows.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <NumberField label={t("flows.steps.minutes")} hint={t("flows.steps.minutesHint")} path={`${path}.minutes`} min={0} max={120} value={step.minutes} onChange={(n) => change((s) => ({ ...s, minutes: n ?? 0 }))} />
        </div>
        <LocText label={t("flows.steps.stepTitle")} path={`${path}.title`} value={step.title} required onChange={(title) => change((s) => ({ ...s, title }))} />
        <LocText label={t("flows.steps.help")} path={`${path}.help`} value={step.help} multiline onChange={(help) => change((s) => ({ ...s, help }))} />
        <PlainField
          label={t("flows.steps.helpUrl")}
          hint={t("flows.steps.helpUrlHint")}
          type="url"
          path={`${path}.helpUrl`}
          value={step.helpUrl ?? ""}
          onChange={(v) => change(({ helpUrl: _, ...s }) => (v.trim() ? { ...s, helpUrl: v.trim() } : s))}
        />
        {step.showIf ? (
          <>
            <ConditionEditor label={t("flows.cond.stepLegend")} path={`${path}.showIf`} value={step.showIf} fields={before} onChange={(showIf) => change((s) => ({ ...s, showIf }))} />
            <button type="button" className="button button--small button--secondary" onClick={() => change(({ showIf: _, ...s }) => s)}>
              {t("flows.cond.removeAll")}
            </button>
          </>
        ) : (
          <div>
            <button type="button" className="button button--small button--secondary" disabled={before.length === 0} onClick={() => change((s) => ({ ...s, showIf: { all: [starterRow(before[before.length - 1])] } }))}>
              {t("flows.cond.addStep")}
            </button>
            {before.length === 0 ? <p className="field__hint">{t("flows.cond.noEarlier")}</p> : null}
          </div>
        )}
        {step.kind === "payment" ? <PaymentSettings step={step} path={path} fields={before} onChange={change} /> : null}
        {step.kind === "identity" ? <IdentitySettings step={step} path={path} onChange={change} /> : null}
        {step.kind === "signature" ? <SignatureSettings step={step} path={path} fields={before} onChange={change} /> : null}
      </section>
      <section className="card" aria-labelledby={`${id}-fields`}>
        <h2 id={`${id}-fields`}>{t("flows.field.listTitle", { n: step.fields.length })}</h2>
        {step.fields.length === 0 ? <p className="muted">{t("flows.field.none")}</p> : null}
        <ol className="structure__questions">
          {step.fields.map((f, i) => (
            <li key={f.id} className={`structure__q${field === f.id ? " structure__q--on" : ""}`}>
              <button type="button" className="structure__select" aria-current={field === f.id ? "true" : undefined} onClick={() => onField(f.id)}>
                <span className="structure__type">{t(`flows.types.${f.type}`)}</span>
                <span dir="auto">{fieldLabel(f, lang, def.defaultLanguage)}</span>
                {f.required ? <span className="badge badge--muted">{t("flows.field.requiredBadge")}</span> : null}
                {f.showIf ? <span className="badge badge--muted">{t("flows.steps.conditional")}</span> : null}
              </button>
              <div className="structure__tools">
                <button type="button" className="button button--small button--secondary" disabled={i === 0} onClick={() => edit((d) => shiftField(d, step.id, f.id, -1))}>
                  {t("flows.moveUp")}
                  <span className="visually-hidden"> {f.id}</span>
                </button>
                <button type="button" className="button button--small button--secondary" disabled={i === step.fields.length - 1} onClick={() => edit((d) => shiftField(d, step.id, f.id, 1))}>
                  {t("flows.moveDown")}
                  <span className="visually-hidden"> {f.id}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
        <div className="structure__add">
          <label htmlFor={`${id}-newtype`} className="visually-hidden">
            {t("flows.field.newType", { step: step.id })}
          </label>
          <select id={`${id}-newtype`} value={type} onChange={(e) => setType(e.target.value as FieldType)}>
            {FIELD_TYPES.map((ft) => (
              <option key={ft} value={ft}>
                {t(`flows.types.${ft}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              const r = addField(def, step.id, type, optionName);
              edit(() => r.def);
              onField(r.id);
            }}
          >
            {t("flows.field.add")}
            <span className="visually-hidden"> ({step.id})</span>
          </button>
        </div>
      </section>
      {fieldIndex >= 0 ? <FieldEditor key={`${step.id}/${field}`} stepIndex={index} fieldIndex={fieldIndex} onRemoved={() => onField(null)} onRenamed={onField} /> : null}
    </div>
  );
}
