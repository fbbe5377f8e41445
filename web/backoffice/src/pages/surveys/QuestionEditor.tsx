import { useTranslation } from "react-i18next";
import type { Question } from "../../api/types";
import { ConditionEditor, starterCondition } from "./ConditionEditor";
import { useDesigner } from "./context";
import { Check, Group } from "./controls";
import { LocalizedField } from "./LocalizedField";
import { removeQuestion, updateQuestion } from "./model";
import { QuestionSettings } from "./QuestionSettings";

/** Everything about one question: texts, required, its type's settings and its display logic. */
export function QuestionEditor({ id, onRemoved }: { id: string; onRemoved(): void }) {
  const { t } = useTranslation();
  const { def, edit } = useDesigner();
  const index = def.questions.findIndex((q) => q.id === id);
  const q = def.questions[index];
  if (!q) return null;
  const path = `questions[${index}]`;
  const set = (next: Question) => edit((d) => updateQuestion(d, id, () => next));
  const order = def.pages.flatMap((p) => p.questionIds);
  const before = order.slice(0, Math.max(0, order.indexOf(id)));
  const { showIf, ...withoutLogic } = q;
  return (
    <section className="card q-editor" aria-labelledby="q-editor-title">
      <div className="q-editor__head">
        <h2 id="q-editor-title" tabIndex={-1}>
          {t("surveys.question.editTitle", { id: q.id })} <span className="badge badge--muted">{t(`surveys.types.${q.type}`)}</span>
        </h2>
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => {
            if (!window.confirm(t("surveys.question.removeConfirm", { id: q.id }))) return;
            edit((d) => removeQuestion(d, id));
            onRemoved();
          }}
        >
          {t("surveys.question.remove")}
        </button>
      </div>
      <LocalizedField label={t("surveys.question.text")} path={`${path}.text`} value={q.text} required multiline piping={q.id} onChange={(text) => set({ ...q, text })} />
      <LocalizedField label={t("surveys.question.description")} path={`${path}.description`} value={q.description} multiline piping={q.id} onChange={(description) => set({ ...q, description })} />
      {q.type === "statement" ? null : <Check label={t("surveys.question.required")} path={`${path}.required`} checked={q.required} onChange={(required) => set({ ...q, required })} />}
      <QuestionSettings q={q} path={path} onChange={set} />
      <Group legend={t("surveys.question.displayLogic")}>
        {showIf ? (
          <>
            <p className="muted">{t("surveys.question.showIfIntro")}</p>
            <ConditionEditor value={showIf} path={`${path}.showIf`} label={t("surveys.question.showIf")} onChange={(c) => set({ ...q, showIf: c })} />
            <button type="button" className="button button--small button--secondary" onClick={() => set(withoutLogic as Question)}>
              {t("surveys.question.removeLogic")}
            </button>
          </>
        ) : (
          <>
            <p className="muted">{t("surveys.question.alwaysShown")}</p>
            <button type="button" className="button button--small button--secondary" onClick={() => set({ ...q, showIf: starterCondition(before[before.length - 1]) })}>
              {t("surveys.question.addLogic")}
            </button>
          </>
        )}
      </Group>
    </section>
  );
}
