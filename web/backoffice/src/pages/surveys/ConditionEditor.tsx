import { useId } from "react";
import { useTranslation } from "react-i18next";
import { OPERATORS } from "../../../../../src/modules/feedback/definition/types";
import type { Condition, Operand, Operator, Question } from "../../api/types";
import { useDesigner } from "./context";
import { inLang, questionLabel } from "./model";

const UNARY = new Set<Operator>(["isEmpty", "isNotEmpty", "isSubmitted", "isSkipped", "isPromoter", "isPassive", "isDetractor"]);
const LISTS = new Set<Operator>(["anyOf", "allOf", "noneOf"]);
const NPS_ONLY = new Set<Operator>(["isPromoter", "isPassive", "isDetractor"]);
const NUMERIC = new Set(["nps", "csat", "ces", "rating"]);
const MAX_DEPTH = 3;

type Comparison = { left: Operand; op: Operator; right?: Operand };
type Mode = "all" | "any" | "none";
type OperandKind = "question" | "hidden" | "variable" | "loopItem" | "value";

/** A first comparison for a new condition: the first question's answer is not empty. */
export function starterCondition(questionId: string | undefined): Condition {
  return { all: [questionId ? { left: { question: questionId }, op: "isNotEmpty" } : { left: { loopItem: true }, op: "isNotEmpty" }] };
}

function kindOf(o: Operand | undefined): OperandKind {
  if (!o) return "value";
  if ("question" in o) return "question";
  if ("hidden" in o) return "hidden";
  if ("variable" in o) return "variable";
  if ("loopItem" in o) return "loopItem";
  return "value";
}

/** Nested AND/OR/NOT groups of comparisons; every control is labelled and reachable by keyboard. */
export function ConditionEditor({ value, onChange, path, depth = 0, label }: { value: Condition; onChange(c: Condition): void; path: string; depth?: number; label?: string }) {
  if ("all" in value || "any" in value || "not" in value) return <GroupEditor value={value} onChange={onChange} path={path} depth={depth} label={label} />;
  return <ComparisonEditor value={value} onChange={onChange} path={path} />;
}

function GroupEditor({ value, onChange, path, depth, label }: { value: Condition; onChange(c: Condition): void; path: string; depth: number; label?: string | undefined }) {
  const { t } = useTranslation();
  const { def } = useDesigner();
  const id = useId();
  let mode: Mode;
  let items: Condition[];
  let itemsPath: string;
  if ("all" in value) [mode, items, itemsPath] = ["all", value.all, `${path}.all`];
  else if ("any" in value) [mode, items, itemsPath] = ["any", value.any, `${path}.any`];
  else if ("not" in value && "any" in value.not) [mode, items, itemsPath] = ["none", value.not.any, `${path}.not.any`];
  else if ("not" in value) [mode, items, itemsPath] = ["none", [value.not], `${path}.not`];
  else return null;
  const build = (m: Mode, list: Condition[]): Condition => (m === "all" ? { all: list } : m === "any" ? { any: list } : { not: { any: list } });
  const set = (list: Condition[]) => onChange(build(mode, list));
  const firstQuestion = def.questions[0]?.id;
  return (
    <fieldset className={`cond-group cond-group--${depth % 2 ? "odd" : "even"}`}>
      <legend>{label ?? t("surveys.logic.group")}</legend>
      <div className="cond-group__mode">
        <label htmlFor={id}>{t("surveys.logic.match")}</label>
        <select id={id} data-path={path} value={mode} onChange={(e) => onChange(build(e.target.value as Mode, items))}>
          <option value="all">{t("surveys.logic.modes.all")}</option>
          <option value="any">{t("surveys.logic.modes.any")}</option>
          <option value="none">{t("surveys.logic.modes.none")}</option>
        </select>
      </div>
      <ol className="cond-group__items">
        {items.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no ids; position is their identity
          <li key={i} className="cond-group__item">
            <ConditionEditor value={c} path={`${itemsPath}[${i}]`} depth={depth + 1} onChange={(next) => set(items.map((x, j) => (j === i ? next : x)))} />
            <button type="button" className="button button--small button--secondary" onClick={() => set(items.filter((_, j) => j !== i))}>
              {t("surveys.logic.removeCondition", { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" className="button button--small button--secondary" onClick={() => set([...items, { left: firstQuestion ? { question: firstQuestion } : { loopItem: true }, op: "isNotEmpty" }])}>
          {t("surveys.logic.addCondition")}
        </button>
        {depth < MAX_DEPTH ? (
          <button type="button" className="button button--small button--secondary" onClick={() => set([...items, { any: [] }])}>
            {t("surveys.logic.addGroup")}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

function ComparisonEditor({ value, onChange, path }: { value: Comparison; onChange(c: Condition): void; path: string }) {
  const { t } = useTranslation();
  const { def } = useDesigner();
  const id = useId();
  const question = "question" in value.left ? def.questions.find((q) => q.id === (value.left as { question: string }).question) : undefined;
  const ops = OPERATORS.filter((op) => !NPS_ONLY.has(op) || question?.type === "nps" || op === value.op);
  const setOp = (op: Operator) => {
    if (UNARY.has(op)) onChange({ left: value.left, op });
    else {
      const right = value.right && (LISTS.has(op) === Array.isArray((value.right as { value?: unknown }).value) || kindOf(value.right) !== "value") ? value.right : { value: LISTS.has(op) ? [] : "" };
      onChange({ left: value.left, op, right });
    }
  };
  return (
    <div className="cond">
      <OperandPicker label={t("surveys.logic.left")} value={value.left} path={`${path}.left`} onChange={(left) => onChange({ ...value, left })} />
      <div className="field cond__op">
        <label htmlFor={id}>{t("surveys.logic.operator")}</label>
        <select id={id} data-path={`${path}.op`} value={value.op} onChange={(e) => setOp(e.target.value as Operator)}>
          {ops.map((op) => (
            <option key={op} value={op}>
              {t(`surveys.operators.${op}`)}
            </option>
          ))}
        </select>
      </div>
      {UNARY.has(value.op) ? null : (
        <OperandPicker
          label={t("surveys.logic.right")}
          value={value.right ?? { value: "" }}
          path={`${path}.right`}
          allowValue
          question={question}
          list={LISTS.has(value.op)}
          onChange={(right) => onChange({ ...value, right })}
        />
      )}
    </div>
  );
}

interface PickerProps {
  label: string;
  value: Operand;
  onChange(o: Operand): void;
  path: string;
  allowValue?: boolean;
  /** The question on the left: its choices or scale shape the value input. */
  question?: Question | undefined;
  list?: boolean;
}

export function OperandPicker({ label, value, onChange, path, allowValue, question, list }: PickerProps) {
  const { t } = useTranslation();
  const { def, lang } = useDesigner();
  const id = useId();
  const kind = kindOf(value);
  const kinds: OperandKind[] = [...(allowValue ? (["value"] as const) : []), "question", "hidden", "variable", "loopItem"];
  const fresh = (k: OperandKind): Operand => {
    if (k === "question") return { question: def.questions[0]?.id ?? "" };
    if (k === "hidden") return { hidden: def.hiddenFields[0] ?? "" };
    if (k === "variable") return { variable: def.variables[0]?.id ?? "" };
    if (k === "loopItem") return { loopItem: true };
    return { value: list ? [] : "" };
  };
  return (
    <fieldset className="operand">
      <legend>{label}</legend>
      <div className="operand__row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t("surveys.logic.source")}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => onChange(fresh(e.target.value as OperandKind))}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`surveys.operands.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {"question" in value ? (
          <Picker id={`${id}-ref`} label={t("surveys.operands.question")} path={`${path}.question`} value={value.question} onChange={(v) => onChange({ question: v })}
            options={def.questions.map((q) => ({ value: q.id, label: questionLabel(q, lang, def.defaultLanguage) }))} />
        ) : null}
        {"hidden" in value ? (
          <Picker id={`${id}-ref`} label={t("surveys.operands.hidden")} path={`${path}.hidden`} value={value.hidden} onChange={(v) => onChange({ hidden: v })}
            options={def.hiddenFields.map((h) => ({ value: h, label: h }))} />
        ) : null}
        {"variable" in value ? (
          <Picker id={`${id}-ref`} label={t("surveys.operands.variable")} path={`${path}.variable`} value={value.variable} onChange={(v) => onChange({ variable: v })}
            options={def.variables.map((v) => ({ value: v.id, label: v.id }))} />
        ) : null}
        {"value" in value ? <ValueInput id={`${id}-value`} value={value.value} question={question} list={list} path={`${path}.value`} onChange={(v) => onChange({ value: v })} /> : null}
      </div>
    </fieldset>
  );
}

export function Picker({ id, label, value, options, onChange, path }: { id: string; label: string; value: string; options: { value: string; label: string }[]; onChange(v: string): void; path: string }) {
  const { t } = useTranslation();
  const known = options.some((o) => o.value === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-path={path} value={value} aria-invalid={known ? undefined : true} onChange={(e) => onChange(e.target.value)}>
        {known ? null : <option value={value}>{value ? t("surveys.logic.deleted", { id: value }) : t("common.choose")}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type Value = string | number | boolean | (string | number)[];

function ValueInput({ id, value, question, list, path, onChange }: { id: string; value: Value; question: Question | undefined; list: boolean | undefined; path: string; onChange(v: Value): void }) {
  const { t } = useTranslation();
  const { def, lang } = useDesigner();
  const choices = question && "choices" in question ? question.choices : undefined;
  const text = (c: { text: Record<string, string>; id: string }) => inLang(c.text, lang) || inLang(c.text, def.defaultLanguage) || c.id;
  if (choices && list) {
    const picked = Array.isArray(value) ? value.map(String) : [];
    return (
      <fieldset className="operand__choices" data-path={path} tabIndex={-1}>
        <legend>{t("surveys.operands.value")}</legend>
        {choices.map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" checked={picked.includes(c.id)} onChange={(e) => onChange(e.target.checked ? [...picked, c.id] : picked.filter((x) => x !== c.id))} />
            {text(c)}
          </label>
        ))}
      </fieldset>
    );
  }
  if (choices) {
    return <Picker id={id} label={t("surveys.operands.value")} path={path} value={String(value)} onChange={onChange} options={choices.map((c) => ({ value: c.id, label: text(c) }))} />;
  }
  const numeric = question && NUMERIC.has(question.type) && !list;
  return (
    <div className="field">
      <label htmlFor={id}>{t("surveys.operands.value")}</label>
      <input
        id={id}
        dir="auto"
        data-path={path}
        type={numeric ? "number" : "text"}
        aria-describedby={list ? `${id}-hint` : undefined}
        value={Array.isArray(value) ? value.join(", ") : String(value)}
        onChange={(e) => {
          const raw = e.target.value;
          if (list) onChange(raw.split(",").map((s) => s.trim()).filter(Boolean));
          else if (numeric) onChange(raw === "" ? "" : Number(raw));
          else onChange(raw);
        }}
      />
      {list ? (
        <p className="field__hint" id={`${id}-hint`}>
          {t("surveys.logic.listHint")}
        </p>
      ) : null}
    </div>
  );
}
