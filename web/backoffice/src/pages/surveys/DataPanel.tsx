import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Loop, Variable } from "../../api/types";
import { Picker } from "./ConditionEditor";
import { useDesigner } from "./context";
import { Group, IdField } from "./controls";
import { freshId, questionLabel } from "./model";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Left-to-right isolate: a URL or token keeps its order inside a right-to-left sentence. */
const ltr = (s: string) => `\u2066${s}\u2069`;

/** Hidden fields (from the link), variables (set and calculated by rules) and loops. */
export function DataPanel() {
  return (
    <>
      <HiddenFields />
      <Variables />
      <Loops />
    </>
  );
}

function HiddenFields() {
  const { t } = useTranslation();
  const { def, edit } = useDesigner();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const add = () => {
    const n = name.trim();
    if (!ID.test(n)) return setError(t("surveys.data.badId"));
    if (def.hiddenFields.includes(n)) return setError(t("fieldErrors.taken"));
    edit((d) => ({ ...d, hiddenFields: [...d.hiddenFields, n] }));
    setName("");
    setError(null);
  };
  return (
    <section className="card" aria-labelledby="hidden-title">
      <h2 id="hidden-title">{t("surveys.data.hiddenTitle")}</h2>
      <p className="muted">{t("surveys.data.hiddenIntro", { example: ltr("?branch=HQ01") })}</p>
      <ul className="chips">
        {def.hiddenFields.map((h, i) => (
          <li key={h} className="chip" data-path={`hiddenFields[${i}]`} tabIndex={-1}>
            <code>{h}</code>
            <button type="button" className="button button--link" onClick={() => edit((d) => ({ ...d, hiddenFields: d.hiddenFields.filter((x) => x !== h) }))}>
              {t("surveys.remove")}
              <span className="visually-hidden"> {h}</span>
            </button>
          </li>
        ))}
      </ul>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          {t("surveys.data.hiddenName")}
        </label>
        <input id={id} dir="ltr" value={name} placeholder={t("surveys.data.hiddenName")} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button button--secondary">
          {t("surveys.data.addHidden")}
        </button>
        {error ? (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </form>
    </section>
  );
}

function Variables() {
  const { t } = useTranslation();
  const { def, edit } = useDesigner();
  const set = (variables: Variable[]) => edit((d) => ({ ...d, variables }));
  return (
    <section className="card" aria-labelledby="vars-title">
      <h2 id="vars-title">{t("surveys.data.variablesTitle")}</h2>
      <p className="muted">{t("surveys.data.variablesIntro")}</p>
      <ol className="rows">
        {def.variables.map((v, i) => (
          <li key={v.id} className="rows__item">
            <IdField label={t("surveys.data.variableId")} path={`variables[${i}].id`} value={v.id} onCommit={(id) => set(def.variables.map((x, j) => (j === i ? { ...x, id } : x)))} />
            <div className="field">
              <label htmlFor={`var-${i}-type`}>{t("surveys.data.variableType")}</label>
              <select
                id={`var-${i}-type`}
                data-path={`variables[${i}].type`}
                value={v.type}
                onChange={(e) => set(def.variables.map((x, j) => (j === i ? { ...x, type: e.target.value as Variable["type"], initial: e.target.value === "number" ? 0 : "" } : x)))}
              >
                <option value="number">{t("surveys.data.number")}</option>
                <option value="text">{t("surveys.data.text")}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`var-${i}-init`}>{t("surveys.data.initial")}</label>
              <input
                id={`var-${i}-init`}
                dir="auto"
                type={v.type === "number" ? "number" : "text"}
                data-path={`variables[${i}].initial`}
                value={String(v.initial)}
                onChange={(e) => set(def.variables.map((x, j) => (j === i ? { ...x, initial: v.type === "number" ? Number(e.target.value) || 0 : e.target.value } : x)))}
              />
            </div>
            <button type="button" className="button button--small button--secondary" onClick={() => set(def.variables.filter((_, j) => j !== i))}>
              {t("surveys.remove")}
              <span className="visually-hidden"> {v.id}</span>
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button button--secondary" onClick={() => set([...def.variables, { id: freshId("v", def.variables.map((v) => v.id)), type: "number", initial: 0 }])}>
        {t("surveys.data.addVariable")}
      </button>
    </section>
  );
}

function Loops() {
  const { t } = useTranslation();
  const { def, edit, lang } = useDesigner();
  const set = (loops: Loop[]) => edit((d) => ({ ...d, loops }));
  const sources = def.questions.filter((q) => q.type === "multi" || q.type === "ranking" || (q.type === "picture" && q.multiple));
  return (
    <section className="card" aria-labelledby="loops-title">
      <h2 id="loops-title">{t("surveys.loops.title")}</h2>
      <p className="muted">{t("surveys.loops.intro", { token: ltr("{{loop.item}}") })}</p>
      <ol className="rows">
        {def.loops.map((loop, i) => (
          <li key={loop.id}>
            <fieldset className="rule">
              <legend>{t("surveys.loops.loop", { id: loop.id })}</legend>
              <Picker
                id={`loop-${i}-source`}
                label={t("surveys.loops.source")}
                path={`loops[${i}].source`}
                value={loop.source}
                onChange={(source) => set(def.loops.map((l, j) => (j === i ? { ...l, source } : l)))}
                options={sources.map((q) => ({ value: q.id, label: questionLabel(q, lang, def.defaultLanguage) }))}
              />
              <Group legend={t("surveys.loops.pages")}>
                {def.pages.map((p, n) => (
                  <label key={p.id} className="check" data-path={n === 0 ? `loops[${i}].pages` : undefined}>
                    <input
                      type="checkbox"
                      checked={loop.pages.includes(p.id)}
                      onChange={(e) => {
                        const pages = def.pages.map((x) => x.id).filter((id) => (id === p.id ? e.target.checked : loop.pages.includes(id)));
                        set(def.loops.map((l, j) => (j === i ? { ...l, pages } : l)));
                      }}
                    />
                    {t("surveys.structure.page", { n: n + 1 })}
                  </label>
                ))}
              </Group>
              <button type="button" className="button button--small button--danger" onClick={() => set(def.loops.filter((_, j) => j !== i))}>
                {t("surveys.remove")}
                <span className="visually-hidden"> {loop.id}</span>
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      {sources.length === 0 ? <p className="muted">{t("surveys.loops.noSource")}</p> : null}
      <button
        type="button"
        className="button button--secondary"
        disabled={sources.length === 0}
        onClick={() => {
          const source = sources[0]?.id ?? "";
          const at = def.pages.findIndex((p) => p.questionIds.includes(source));
          const page = def.pages[at + 1] ?? def.pages[def.pages.length - 1];
          set([...def.loops, { id: freshId("loop", def.loops.map((l) => l.id)), source, pages: page ? [page.id] : [] }]);
        }}
      >
        {t("surveys.loops.add")}
      </button>
    </section>
  );
}
