import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { QUESTION_TYPES } from "../../../../../src/modules/feedback/definition/types";
import type { QuestionType } from "../../api/types";
import { useDesigner } from "./context";
import { Check } from "./controls";
import { addPage, addQuestion, moveToPage, type Namer, questionLabel, removePage, shiftPage, shiftQuestion } from "./model";

interface Props {
  selected: string | null;
  onSelect(questionId: string): void;
  /** Problem counts by question id, shown beside each question. */
  problems: Map<string, number>;
}

/** Pages and their questions in order: select, reorder with buttons, move between pages, add. */
export function Structure({ selected, onSelect, problems }: Props) {
  const { t } = useTranslation();
  const { def, edit, lang } = useDesigner();
  const name: Namer = (kind, n) => t(`surveys.defaults.${kind}`, { n, lng: def.defaultLanguage });
  const add = (pageId: string, type: QuestionType) => {
    const r = addQuestion(def, type, pageId, name);
    edit(() => r.def);
    // The new question opens in the editor at once.
    onSelect(r.id);
  };
  return (
    <nav className="structure" aria-label={t("surveys.structure.label")}>
      <ol className="structure__pages">
        {def.pages.map((page, pi) => (
          <li key={page.id} className="structure__page">
            <section aria-labelledby={`page-${page.id}`}>
              <div className="structure__page-head">
                <h3 id={`page-${page.id}`} data-path={`pages[${pi}]`} tabIndex={-1}>
                  {t("surveys.structure.page", { n: pi + 1 })} <span className="code">{page.id}</span>
                </h3>
                <div className="structure__tools">
                  <button type="button" className="button button--small button--secondary" disabled={pi === 0} onClick={() => edit((d) => shiftPage(d, page.id, -1))}>
                    {t("surveys.moveUp")}
                    <span className="visually-hidden"> {t("surveys.structure.page", { n: pi + 1 })}</span>
                  </button>
                  <button type="button" className="button button--small button--secondary" disabled={pi === def.pages.length - 1} onClick={() => edit((d) => shiftPage(d, page.id, 1))}>
                    {t("surveys.moveDown")}
                    <span className="visually-hidden"> {t("surveys.structure.page", { n: pi + 1 })}</span>
                  </button>
                  {def.pages.length > 1 ? (
                    <button type="button" className="button button--small button--secondary" onClick={() => edit((d) => removePage(d, page.id))}>
                      {t("surveys.remove")}
                      <span className="visually-hidden"> {t("surveys.structure.page", { n: pi + 1 })}</span>
                    </button>
                  ) : null}
                </div>
              </div>
              <Check
                label={t("surveys.structure.randomize")}
                path={`pages[${pi}].randomize`}
                checked={page.randomize}
                onChange={(randomize) => edit((d) => ({ ...d, pages: d.pages.map((p) => (p.id === page.id ? { ...p, randomize } : p)) }))}
              />
              {page.questionIds.length === 0 ? <p className="muted">{t("surveys.structure.emptyPage")}</p> : null}
              <ol className="structure__questions">
                {page.questionIds.map((qid, qi) => {
                  const q = def.questions.find((x) => x.id === qid);
                  const label = q ? questionLabel(q, lang, def.defaultLanguage) : qid;
                  const count = problems.get(qid) ?? 0;
                  const first = pi === 0 && qi === 0;
                  const last = pi === def.pages.length - 1 && qi === page.questionIds.length - 1;
                  return (
                    <li key={qid} className={`structure__q${selected === qid ? " structure__q--on" : ""}`}>
                      <button type="button" className="structure__select" aria-current={selected === qid ? "true" : undefined} onClick={() => onSelect(qid)}>
                        <span className="structure__type">{q ? t(`surveys.types.${q.type}`) : "?"}</span>
                        <span dir="auto">{label}</span>
                        {q?.showIf ? <span className="badge badge--muted">{t("surveys.structure.conditional")}</span> : null}
                        {count > 0 ? <span className="badge badge--error">{t("surveys.structure.problems", { n: count })}</span> : null}
                      </button>
                      <div className="structure__tools">
                        <button type="button" className="button button--small button--secondary" disabled={first} onClick={() => edit((d) => shiftQuestion(d, qid, -1))}>
                          {t("surveys.moveUp")}
                          <span className="visually-hidden"> {qid}</span>
                        </button>
                        <button type="button" className="button button--small button--secondary" disabled={last} onClick={() => edit((d) => shiftQuestion(d, qid, 1))}>
                          {t("surveys.moveDown")}
                          <span className="visually-hidden"> {qid}</span>
                        </button>
                        {def.pages.length > 1 ? <MoveTo qid={qid} pageId={page.id} onMove={(to) => edit((d) => moveToPage(d, qid, to))} /> : null}
                      </div>
                    </li>
                  );
                })}
              </ol>
              <AddQuestion pageLabel={t("surveys.structure.page", { n: pi + 1 })} onAdd={(type) => add(page.id, type)} />
            </section>
          </li>
        ))}
      </ol>
      <button type="button" className="button button--secondary" onClick={() => edit((d) => addPage(d).def)}>
        {t("surveys.structure.addPage")}
      </button>
    </nav>
  );
}

function MoveTo({ qid, pageId, onMove }: { qid: string; pageId: string; onMove(pageId: string): void }) {
  const { t } = useTranslation();
  const { def } = useDesigner();
  const id = useId();
  return (
    <span className="structure__move">
      <label htmlFor={id} className="visually-hidden">
        {t("surveys.structure.moveTo", { id: qid })}
      </label>
      <select id={id} value="" onChange={(e) => e.target.value && onMove(e.target.value)}>
        <option value="">{t("surveys.structure.moveToShort")}</option>
        {def.pages.map((p, i) =>
          p.id === pageId ? null : (
            <option key={p.id} value={p.id}>
              {t("surveys.structure.page", { n: i + 1 })}
            </option>
          ),
        )}
      </select>
    </span>
  );
}

function AddQuestion({ pageLabel, onAdd }: { pageLabel: string; onAdd(type: QuestionType): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [type, setType] = useState<QuestionType>("nps");
  return (
    <div className="structure__add">
      <label htmlFor={id} className="visually-hidden">
        {t("surveys.structure.newType", { page: pageLabel })}
      </label>
      <select id={id} value={type} onChange={(e) => setType(e.target.value as QuestionType)}>
        {QUESTION_TYPES.map((qt) => (
          <option key={qt} value={qt}>
            {t(`surveys.types.${qt}`)}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small" onClick={() => onAdd(type)}>
        {t("surveys.structure.addQuestion")}
        <span className="visually-hidden"> ({pageLabel})</span>
      </button>
    </div>
  );
}
