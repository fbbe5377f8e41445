import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFlowEditor } from "./context";
import { addStep, EDITOR_STEP_KINDS, shiftStep, textOf } from "./model";

/** The steps in order: select one, reorder with buttons (keyboard friendly), add a new one. */
export function StepList({ selected, onSelect, problems, writable }: { selected: string | null; onSelect(id: string): void; problems: Map<string, number>; writable: boolean }) {
  const { t } = useTranslation();
  const { def, edit, lang } = useFlowEditor();
  const id = useId();
  const [kind, setKind] = useState<string>("form");
  return (
    <nav className="structure" aria-label={t("flows.steps.label")}>
      <h2 className="flow-steps__title">{t("flows.steps.title", { n: def.steps.length })}</h2>
      <ol className="structure__questions">
        {def.steps.map((s, i) => {
          const count = problems.get(s.id) ?? 0;
          const title = textOf(s.title, lang, def.defaultLanguage);
          return (
            <li key={s.id} className={`structure__q${selected === s.id ? " structure__q--on" : ""}`}>
              <button type="button" className="structure__select" aria-current={selected === s.id ? "true" : undefined} onClick={() => onSelect(s.id)}>
                <span className="structure__type">
                  {i + 1}. {t(`flows.kinds.${s.kind}`, { defaultValue: s.kind })}
                </span>
                <span dir="auto">
                  {s.id}
                  {title ? ` · ${title}` : ""}
                </span>
                <span className="muted">{t("flows.steps.fields", { n: s.fields.length })}</span>
                {s.showIf ? <span className="badge badge--muted">{t("flows.steps.conditional")}</span> : null}
                {count > 0 ? <span className="badge badge--error">{t("flows.steps.problems", { n: count })}</span> : null}
              </button>
              {writable ? (
                <div className="structure__tools">
                  <button type="button" className="button button--small button--secondary" disabled={i === 0} onClick={() => edit((d) => shiftStep(d, s.id, -1))}>
                    {t("flows.moveUp")}
                    <span className="visually-hidden"> {t("flows.steps.step", { id: s.id })}</span>
                  </button>
                  <button type="button" className="button button--small button--secondary" disabled={i === def.steps.length - 1} onClick={() => edit((d) => shiftStep(d, s.id, 1))}>
                    {t("flows.moveDown")}
                    <span className="visually-hidden"> {t("flows.steps.step", { id: s.id })}</span>
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {writable ? (
        <div className="structure__add">
          <label htmlFor={id} className="visually-hidden">
            {t("flows.steps.newKind")}
          </label>
          <select id={id} value={kind} onChange={(e) => setKind(e.target.value)}>
            {EDITOR_STEP_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`flows.kinds.${k}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              const r = addStep(def, kind, selected);
              edit(() => r.def);
              onSelect(r.id);
            }}
          >
            {t("flows.steps.add")}
          </button>
        </div>
      ) : null}
    </nav>
  );
}
