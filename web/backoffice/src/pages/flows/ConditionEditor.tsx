import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { CompareOp, FlowCondition, FlowField, UnaryOp } from "../../api/types";
import { Picker } from "../surveys/ConditionEditor";
import { useFlowEditor } from "./context";
import { allFieldIds, fieldLabel, textOf } from "./model";

type Op = CompareOp | UnaryOp;
type Row = { field: string; op: Op; value?: string | number | boolean | Array<string | number> };
type Mode = "all" | "any" | "none";

const UNARY = new Set<Op>(["is_empty", "not_empty", "is_true", "is_false"]);
const LISTS = new Set<Op>(["in", "not_in"]);
const MAX_DEPTH = 2;

/** The operators that make sense for a field of this type. */
export function opsFor(field: FlowField | undefined): Op[] {
  switch (field?.type) {
    case "checkbox":
      return ["is_true", "is_false"];
    case "money":
    case "income":
      return ["equals", "not_equals", "gt", "gte", "lt", "lte", "is_empty", "not_empty"];
    case "file":
    case "address":
      return ["not_empty", "is_empty"];
    case "date":
      return ["equals", "not_equals", "is_empty", "not_empty"];
    default:
      return ["equals", "not_equals", "in", "not_in", "is_empty", "not_empty"];
  }
}

/** A first comparison on `field`: the operator its type suggests, with an empty value. */
export function starterRow(field: FlowField | undefined): FlowCondition {
  const op = field?.type === "checkbox" ? "is_true" : field?.type === "select" ? "equals" : "not_empty";
  if (UNARY.has(op)) return { field: field?.id ?? "", op: op as UnaryOp };
  return { field: field?.id ?? "", op: op as CompareOp, value: field?.options?.[0]?.id ?? "" };
}

/** Shown only when… : all / any / none of rows comparing an earlier field, nested one level. */
export function ConditionEditor({ value, onChange, path, fields, label }: { value: FlowCondition; onChange(c: FlowCondition): void; path: string; fields: FlowField[]; label: string }) {
  // A single comparison is edited as a group of one; saved as the group the analyst sees.
  if (!("all" in value || "any" in value || "not" in value)) return <Group value={{ all: [value] }} onChange={onChange} path={path} fields={fields} depth={0} label={label} innerPath={path} />;
  return <Group value={value} onChange={onChange} path={path} fields={fields} depth={0} label={label} />;
}

function Group({ value, onChange, path, fields, depth, label, innerPath }: { value: FlowCondition; onChange(c: FlowCondition): void; path: string; fields: FlowField[]; depth: number; label: string; innerPath?: string }) {
  const { t } = useTranslation();
  const id = useId();
  let mode: Mode;
  let items: FlowCondition[];
  let itemsPath: string;
  if ("all" in value) [mode, items, itemsPath] = ["all", value.all, `${path}.all`];
  else if ("any" in value) [mode, items, itemsPath] = ["any", value.any, `${path}.any`];
  else if ("not" in value && "any" in value.not) [mode, items, itemsPath] = ["none", value.not.any, `${path}.not.any`];
  else if ("not" in value) [mode, items, itemsPath] = ["none", [value.not], `${path}.not`];
  else return null;
  const build = (m: Mode, list: FlowCondition[]): FlowCondition => (m === "all" ? { all: list } : m === "any" ? { any: list } : { not: { any: list } });
  const set = (list: FlowCondition[]) => onChange(build(mode, list));
  const itemPath = (i: number) => (innerPath !== undefined && items.length === 1 ? innerPath : `${itemsPath}[${i}]`);
  return (
    <fieldset className={`cond-group cond-group--${depth % 2 ? "odd" : "even"}`}>
      <legend>{label}</legend>
      <div className="cond-group__mode">
        <label htmlFor={id}>{t("flows.cond.match")}</label>
        <select id={id} data-path={path} value={mode} onChange={(e) => onChange(build(e.target.value as Mode, items))}>
          <option value="all">{t("flows.cond.modes.all")}</option>
          <option value="any">{t("flows.cond.modes.any")}</option>
          <option value="none">{t("flows.cond.modes.none")}</option>
        </select>
      </div>
      <ol className="cond-group__items">
        {items.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no ids; position is their identity
          <li key={i} className="cond-group__item">
            {"all" in c || "any" in c || "not" in c ? (
              <Group value={c} path={itemPath(i)} fields={fields} depth={depth + 1} label={t("flows.cond.group")} onChange={(next) => set(items.map((x, j) => (j === i ? next : x)))} />
            ) : (
              <RowEditor value={c as Row} path={itemPath(i)} fields={fields} onChange={(next) => set(items.map((x, j) => (j === i ? next : x)))} />
            )}
            <button type="button" className="button button--small button--secondary" onClick={() => set(items.filter((_, j) => j !== i))}>
              {t("flows.cond.remove", { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" className="button button--small button--secondary" disabled={fields.length === 0} onClick={() => set([...items, starterRow(fields[fields.length - 1])])}>
          {t("flows.cond.add")}
        </button>
        {depth < MAX_DEPTH - 1 ? (
          <button type="button" className="button button--small button--secondary" disabled={fields.length === 0} onClick={() => set([...items, { any: [starterRow(fields[fields.length - 1])] }])}>
            {t("flows.cond.addGroup")}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

function RowEditor({ value, onChange, path, fields }: { value: Row; onChange(c: FlowCondition): void; path: string; fields: FlowField[] }) {
  const { t } = useTranslation();
  const { def, lang } = useFlowEditor();
  const id = useId();
  const field = fields.find((f) => f.id === value.field);
  const ops = opsFor(field);
  const setOp = (op: Op) => {
    if (UNARY.has(op)) onChange({ field: value.field, op: op as UnaryOp });
    else {
      const keep = value.value !== undefined && LISTS.has(op) === Array.isArray(value.value);
      onChange({ field: value.field, op: op as CompareOp, value: keep ? (value.value as Row["value"] & {}) : LISTS.has(op) ? [] : (field?.options?.[0]?.id ?? "") });
    }
  };
  return (
    <div className="cond">
      <Picker
        id={`${id}-field`}
        label={t("flows.cond.field")}
        path={`${path}.field`}
        value={value.field}
        options={[
          ...fields.map((f) => ({ value: f.id, label: fieldLabel(f, lang, def.defaultLanguage) })),
          // A field that exists but is asked later: named as such (the problems list says why it is wrong).
          ...(field || !allFieldIds(def).includes(value.field) ? [] : [{ value: value.field, label: t("flows.cond.later", { id: value.field }) }]),
        ]}
        onChange={(fid) => onChange(starterRow(fields.find((f) => f.id === fid)))}
      />
      <div className="field cond__op">
        <label htmlFor={`${id}-op`}>{t("flows.cond.operator")}</label>
        <select id={`${id}-op`} data-path={`${path}.op`} value={value.op} onChange={(e) => setOp(e.target.value as Op)}>
          {(ops.includes(value.op) ? ops : [value.op, ...ops]).map((op) => (
            <option key={op} value={op}>
              {t(`flows.ops.${op}`)}
            </option>
          ))}
        </select>
      </div>
      {UNARY.has(value.op) ? null : <ValueInput id={`${id}-value`} row={value} field={field} path={`${path}.value`} onChange={(v) => onChange({ field: value.field, op: value.op as CompareOp, value: v })} />}
    </div>
  );
}

type Value = string | number | boolean | Array<string | number>;

function ValueInput({ id, row, field, path, onChange }: { id: string; row: Row; field: FlowField | undefined; path: string; onChange(v: Value): void }) {
  const { t } = useTranslation();
  const { def, lang } = useFlowEditor();
  const list = LISTS.has(row.op);
  const options = field?.type === "select" ? (field.options ?? []) : undefined;
  const value = row.value ?? "";
  if (options && list) {
    const picked = Array.isArray(value) ? value.map(String) : [];
    return (
      <fieldset className="operand__choices" data-path={path} tabIndex={-1}>
        <legend>{t("flows.cond.value")}</legend>
        {options.map((o) => (
          <label key={o.id} className="check">
            <input type="checkbox" checked={picked.includes(o.id)} onChange={(e) => onChange(e.target.checked ? [...picked, o.id] : picked.filter((x) => x !== o.id))} />
            <span dir="auto">{textOf(o.label, lang, def.defaultLanguage) || o.id}</span>
          </label>
        ))}
      </fieldset>
    );
  }
  if (options) {
    return <Picker id={id} label={t("flows.cond.value")} path={path} value={String(value)} onChange={onChange} options={options.map((o) => ({ value: o.id, label: textOf(o.label, lang, def.defaultLanguage) || o.id }))} />;
  }
  const numeric = field?.type === "money" || field?.type === "income";
  return (
    <div className="field">
      <label htmlFor={id}>{t("flows.cond.value")}</label>
      <input
        id={id}
        dir="auto"
        data-path={path}
        type={field?.type === "date" ? "date" : "text"}
        inputMode={numeric ? "decimal" : undefined}
        aria-describedby={list ? `${id}-hint` : undefined}
        value={Array.isArray(value) ? value.join(", ") : String(value)}
        onChange={(e) => {
          const raw = e.target.value;
          if (list) onChange(raw.split(",").map((s) => s.trim()).filter(Boolean));
          else onChange(raw);
        }}
      />
      {list ? (
        <p className="field__hint" id={`${id}-hint`}>
          {t("flows.cond.listHint")}
        </p>
      ) : null}
    </div>
  );
}
