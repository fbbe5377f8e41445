import { useTranslation } from "react-i18next";
import { FILE_TYPES } from "../../../../../src/modules/onboarding/flow/types";
import type { FileType, FlowField } from "../../api/types";
import { Check, Choose, Group, IdField, NumberField, PlainField } from "../surveys/controls";
import { useFlowEditor } from "./context";
import { freshId, shift } from "./model";
import { LocText } from "./LocText";

interface Props {
  field: FlowField;
  /** `steps[1].fields[2]`: where this field lives, for problem links. */
  path: string;
  onChange(change: (f: FlowField) => FlowField): void;
}

const LENGTH = new Set(["text", "employer", "national_id"]);
const COUNTRY = new Set(["phone", "national_id", "iban", "bic", "address"]);

/** The settings only some field types have: options, limits, currency, ages, accepted files, country. */
export function FieldSettings({ field, path, onChange }: Props) {
  const { t } = useTranslation();
  const { def } = useFlowEditor();
  const set = <K extends keyof FlowField>(key: K, value: FlowField[K] | undefined) =>
    onChange((f) => {
      const next = { ...f };
      if (value === undefined || value === "") delete next[key];
      else next[key] = value;
      return next;
    });
  const upper = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, "");
  return (
    <>
      {field.type === "select" ? <Options field={field} path={path} onChange={onChange} /> : null}
      {field.type === "money" || field.type === "income" ? (
        <Group legend={t("flows.field.amounts")} className="flow-grid">
          <PlainField label={t("flows.field.min")} path={`${path}.min`} value={field.min ?? ""} onChange={(v) => set("min", v.trim())} />
          <PlainField label={t("flows.field.max")} path={`${path}.max`} value={field.max ?? ""} onChange={(v) => set("max", v.trim())} />
          <PlainField label={t("flows.field.currency")} hint={t("flows.field.currencyHint", { currency: def.currency })} path={`${path}.currency`} value={field.currency ?? ""} onChange={(v) => set("currency", upper(v).slice(0, 3))} />
          {field.type === "income" ? (
            <Choose
              label={t("flows.field.period")}
              path={`${path}.period`}
              value={field.period ?? "month"}
              options={[
                { value: "month", label: t("flows.field.periods.month") },
                { value: "year", label: t("flows.field.periods.year") },
              ]}
              onChange={(v) => set("period", v)}
            />
          ) : null}
        </Group>
      ) : null}
      {field.type === "date" ? (
        <Group legend={t("flows.field.dates")} className="flow-grid">
          <NumberField label={t("flows.field.minAge")} path={`${path}.minAge`} min={0} max={120} value={field.minAge} onChange={(v) => set("minAge", v)} />
          <NumberField label={t("flows.field.maxAge")} path={`${path}.maxAge`} min={0} max={150} value={field.maxAge} onChange={(v) => set("maxAge", v)} />
          <Choose
            label={t("flows.field.when")}
            path={`${path}.when`}
            value={field.when ?? ""}
            options={[
              { value: "", label: t("flows.field.whenAny") },
              { value: "past", label: t("flows.field.whenPast") },
              { value: "future", label: t("flows.field.whenFuture") },
            ]}
            onChange={(v) => set("when", v === "" ? undefined : v)}
          />
        </Group>
      ) : null}
      {field.type === "file" ? (
        <Group legend={t("flows.field.files")}>
          <fieldset className="group" data-path={`${path}.accept`} tabIndex={-1}>
            <legend>{t("flows.field.accept")}</legend>
            {FILE_TYPES.map((ft) => (
              <Check
                key={ft}
                label={t(`flows.field.fileTypes.${ft.replace("/", "_")}`)}
                checked={(field.accept ?? []).includes(ft)}
                onChange={(on) => set("accept", on ? FILE_TYPES.filter((x) => x === ft || (field.accept ?? []).includes(x)) : (field.accept ?? []).filter((x: FileType) => x !== ft))}
              />
            ))}
          </fieldset>
          <div className="flow-grid">
            <NumberField label={t("flows.field.maxFiles")} path={`${path}.maxFiles`} min={1} max={10} value={field.maxFiles} onChange={(v) => set("maxFiles", v)} />
            <PlainField label={t("flows.field.document")} hint={t("flows.field.documentHint")} path={`${path}.document`} value={field.document ?? ""} onChange={(v) => set("document", v.replace(/[^a-z0-9_]/g, ""))} />
          </div>
        </Group>
      ) : null}
      {LENGTH.has(field.type) || COUNTRY.has(field.type) ? (
        <div className="flow-grid">
          {LENGTH.has(field.type) ? <NumberField label={t("flows.field.maxLength")} path={`${path}.maxLength`} min={1} max={2000} value={field.maxLength} onChange={(v) => set("maxLength", v)} /> : null}
          {COUNTRY.has(field.type) ? (
            <PlainField label={t("flows.field.country")} hint={t("flows.field.countryHint")} path={`${path}.country`} value={field.country ?? ""} onChange={(v) => set("country", upper(v).slice(0, 2))} />
          ) : null}
        </div>
      ) : null}
      {field.type === "phone" ? <Check label={t("flows.field.mobileOnly")} hint={t("flows.field.mobileOnlyHint")} path={`${path}.mobileOnly`} checked={field.mobileOnly === true} onChange={(on) => set("mobileOnly", on ? true : undefined)} /> : null}
    </>
  );
}

/** The options of a select field: id and translated label, reordered with buttons. */
function Options({ field, path, onChange }: Props) {
  const { t } = useTranslation();
  const options = field.options ?? [];
  const setOptions = (change: (list: NonNullable<FlowField["options"]>) => NonNullable<FlowField["options"]>) => onChange((f) => ({ ...f, options: change(f.options ?? []) }));
  return (
    <fieldset className="choices" data-path={`${path}.options`} tabIndex={-1}>
      <legend>{t("flows.field.options")}</legend>
      <ol className="choices__list">
        {options.map((o, i) => (
          <li key={o.id} className="choices__item">
            <div className="choices__fields">
              <IdField label={t("flows.field.optionId", { n: i + 1 })} path={`${path}.options[${i}].id`} value={o.id} onCommit={(id) => setOptions((list) => list.map((x, j) => (j === i ? { ...x, id } : x)))} />
              <LocText label={t("flows.field.optionLabel", { n: i + 1 })} path={`${path}.options[${i}].label`} value={o.label} required onChange={(label) => setOptions((list) => list.map((x, j) => (j === i ? { ...x, label } : x)))} />
            </div>
            <div className="choices__actions">
              <button type="button" className="button button--small button--secondary" disabled={i === 0} onClick={() => setOptions((list) => shift(list, i, -1))}>
                {t("flows.moveUp")}
                <span className="visually-hidden"> {t("flows.field.optionLabel", { n: i + 1 })}</span>
              </button>
              <button type="button" className="button button--small button--secondary" disabled={i === options.length - 1} onClick={() => setOptions((list) => shift(list, i, 1))}>
                {t("flows.moveDown")}
                <span className="visually-hidden"> {t("flows.field.optionLabel", { n: i + 1 })}</span>
              </button>
              <button type="button" className="button button--small button--secondary" disabled={options.length <= 1} onClick={() => setOptions((list) => list.filter((_, j) => j !== i))}>
                {t("flows.remove")}
                <span className="visually-hidden"> {t("flows.field.optionLabel", { n: i + 1 })}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="button button--small button--secondary" onClick={() => setOptions((list) => [...list, { id: freshId("o", list.map((x) => x.id)), label: {} }])}>
        {t("flows.field.addOption")}
      </button>
    </fieldset>
  );
}
