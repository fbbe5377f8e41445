import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { LogicAction, Rule } from "../../api/types";
import { ConditionEditor, OperandPicker, Picker, starterCondition } from "./ConditionEditor";
import { useDesigner } from "./context";
import { newRule, questionLabel, withActions } from "./model";

const ACTIONS = ["jump", "end", "require", "set", "calc"] as const;
const CALC = ["add", "subtract", "multiply", "divide"] as const;

/** Page rules: after a page is submitted, when a condition holds, jump / end / require / set / calculate. */
export function RulesEditor() {
  const { t } = useTranslation();
  const { def, edit } = useDesigner();
  const setRules = (rules: Rule[]) => edit((d) => ({ ...d, rules }));
  const update = (i: number, rule: Rule) => setRules(def.rules.map((r, j) => (j === i ? rule : r)));
  const move = (i: number, delta: number) => {
    const rules = [...def.rules];
    const [r] = rules.splice(i, 1);
    if (r) rules.splice(i + delta, 0, r);
    setRules(rules);
  };
  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">{t("surveys.rules.title")}</h2>
      <p className="muted">{t("surveys.rules.intro")}</p>
      {def.rules.length === 0 ? <p className="muted">{t("surveys.rules.none")}</p> : null}
      <ol className="rules">
        {def.rules.map((rule, i) => (
          <li key={rule.id}>
            <fieldset className="rule">
              <legend>{t("surveys.rules.rule", { id: rule.id })}</legend>
              <Picker
                id={`rule-${i}-page`}
                label={t("surveys.rules.afterPage")}
                path={`rules[${i}].page`}
                value={rule.page}
                onChange={(page) => update(i, { ...rule, page })}
                options={def.pages.map((p, n) => ({ value: p.id, label: t("surveys.structure.page", { n: n + 1 }) }))}
              />
              <ConditionEditor label={t("surveys.rules.when")} value={rule.when} path={`rules[${i}].when`} onChange={(when) => update(i, { ...rule, when })} />
              <fieldset className="group">
                <legend>{t("surveys.rules.then")}</legend>
                <ol className="rule__actions">
                  {rule.then.map((a, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: actions have no ids; order is their identity
                    <li key={k}>
                      <ActionEditor
                        action={a}
                        path={`rules[${i}].then[${k}]`}
                        n={k + 1}
                        onChange={(next) => update(i, withActions(rule, rule.then.map((x, m) => (m === k ? next : x))))}
                      />
                      <button type="button" className="button button--small button--secondary" disabled={rule.then.length === 1} onClick={() => update(i, withActions(rule, rule.then.filter((_, m) => m !== k)))}>
                        {t("surveys.rules.removeAction", { n: k + 1 })}
                      </button>
                    </li>
                  ))}
                </ol>
                <button type="button" className="button button--small button--secondary" onClick={() => update(i, withActions(rule, [...rule.then, { type: "jump", to: def.pages[def.pages.length - 1]?.id ?? "" }]))}>
                  {t("surveys.rules.addAction")}
                </button>
              </fieldset>
              <div className="actions">
                <button type="button" className="button button--small button--secondary" disabled={i === 0} onClick={() => move(i, -1)}>
                  {t("surveys.moveUp")}
                  <span className="visually-hidden"> {rule.id}</span>
                </button>
                <button type="button" className="button button--small button--secondary" disabled={i === def.rules.length - 1} onClick={() => move(i, 1)}>
                  {t("surveys.moveDown")}
                  <span className="visually-hidden"> {rule.id}</span>
                </button>
                <button type="button" className="button button--small button--danger" onClick={() => setRules(def.rules.filter((_, j) => j !== i))}>
                  {t("surveys.remove")}
                  <span className="visually-hidden"> {rule.id}</span>
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() =>
          setRules([...def.rules, newRule(def, starterCondition(def.pages[0]?.questionIds[0] ?? def.questions[0]?.id))])
        }
      >
        {t("surveys.rules.add")}
      </button>
    </section>
  );
}

function ActionEditor({ action, path, n, onChange }: { action: LogicAction; path: string; n: number; onChange(a: LogicAction): void }) {
  const { t } = useTranslation();
  const { def, lang } = useDesigner();
  const id = useId();
  const questions = def.questions.map((q) => ({ value: q.id, label: questionLabel(q, lang, def.defaultLanguage) }));
  const variables = def.variables.map((v) => ({ value: v.id, label: v.id }));
  const fresh = (type: LogicAction["type"]): LogicAction => {
    const variable = def.variables[0]?.id ?? "";
    if (type === "jump") return { type, to: def.pages[def.pages.length - 1]?.id ?? "" };
    if (type === "end") return { type, endingId: def.endings[0]?.id ?? "" };
    if (type === "require") return { type, questionId: def.questions[0]?.id ?? "" };
    if (type === "set") return { type, variable, value: { value: "" } };
    return { type: "calc", variable, op: "add", value: { value: 1 } };
  };
  return (
    <fieldset className="rule__action">
      <legend>{t("surveys.rules.action", { n })}</legend>
      <div className="field">
        <label htmlFor={id}>{t("surveys.rules.actionType")}</label>
        <select id={id} data-path={`${path}.type`} value={action.type} onChange={(e) => onChange(fresh(e.target.value as LogicAction["type"]))}>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`surveys.actions.${a}`)}
            </option>
          ))}
        </select>
      </div>
      {action.type === "jump" ? (
        <Picker
          id={`${id}-to`}
          label={t("surveys.rules.jumpTo")}
          path={`${path}.to`}
          value={action.to}
          onChange={(to) => onChange({ ...action, to })}
          options={[...def.pages.map((p, i) => ({ value: p.id, label: t("surveys.structure.page", { n: i + 1 }) })), ...questions]}
        />
      ) : null}
      {action.type === "end" ? (
        <Picker id={`${id}-end`} label={t("surveys.rules.ending")} path={`${path}.endingId`} value={action.endingId} onChange={(endingId) => onChange({ ...action, endingId })} options={def.endings.map((e) => ({ value: e.id, label: e.id }))} />
      ) : null}
      {action.type === "require" ? (
        <Picker id={`${id}-req`} label={t("surveys.rules.requireQuestion")} path={`${path}.questionId`} value={action.questionId} onChange={(questionId) => onChange({ ...action, questionId })} options={questions} />
      ) : null}
      {action.type === "set" || action.type === "calc" ? (
        <>
          <Picker id={`${id}-var`} label={t("surveys.operands.variable")} path={`${path}.variable`} value={action.variable} onChange={(variable) => onChange({ ...action, variable })} options={variables} />
          {action.type === "calc" ? (
            <div className="field">
              <label htmlFor={`${id}-op`}>{t("surveys.rules.calcOp")}</label>
              <select id={`${id}-op`} data-path={`${path}.op`} value={action.op} onChange={(e) => onChange({ ...action, op: e.target.value as (typeof CALC)[number] })}>
                {CALC.map((c) => (
                  <option key={c} value={c}>
                    {t(`surveys.calc.${c}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <OperandPicker label={t("surveys.rules.byValue")} value={action.value} path={`${path}.value`} allowValue onChange={(value) => onChange({ ...action, value })} />
        </>
      ) : null}
    </fieldset>
  );
}
