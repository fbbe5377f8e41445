import { useTranslation } from "react-i18next";
import type { Ending, Quota } from "../../api/types";
import { ConditionEditor, Picker, starterCondition } from "./ConditionEditor";
import { useDesigner } from "./context";
import { IdField, NumberField, PlainField } from "./controls";
import { LocalizedField } from "./LocalizedField";
import { freshId } from "./model";

/** Endings (thank-you screens, redirects) and quotas that end the survey when full. */
export function EndingsPanel() {
  const { t } = useTranslation();
  const { def, edit } = useDesigner();
  const setEndings = (endings: Ending[]) => edit((d) => ({ ...d, endings }));
  const setQuotas = (quotas: Quota[]) => edit((d) => ({ ...d, quotas }));
  return (
    <>
      <section className="card" aria-labelledby="endings-title">
        <h2 id="endings-title">{t("surveys.endings.title")}</h2>
        <p className="muted">{t("surveys.endings.intro")}</p>
        <ol className="rows">
          {def.endings.map((e, i) => {
            const path = `endings[${i}]`;
            const set = (next: Ending) => setEndings(def.endings.map((x, j) => (j === i ? next : x)));
            const { redirectUrl: _r, ...rest } = e;
            return (
              <li key={e.id}>
                <fieldset className="rule">
                  <legend>{t("surveys.endings.ending", { id: e.id })}</legend>
                  <IdField label={t("surveys.endings.id")} path={`${path}.id`} value={e.id} onCommit={(id) => set({ ...e, id })} />
                  <LocalizedField label={t("surveys.endings.heading")} path={`${path}.title`} value={e.title} required piping onChange={(title) => set({ ...e, title })} />
                  <LocalizedField label={t("surveys.endings.text")} path={`${path}.text`} value={e.text} multiline piping onChange={(text) => set({ ...e, text })} />
                  <PlainField
                    label={t("surveys.endings.redirect")}
                    hint={t("surveys.settings.httpsOnly")}
                    type="url"
                    placeholder="https://"
                    path={`${path}.redirectUrl`}
                    value={e.redirectUrl ?? ""}
                    onChange={(url) => set(url ? { ...e, redirectUrl: url } : rest)}
                  />
                  {def.endings.length > 1 ? (
                    <button type="button" className="button button--small button--danger" onClick={() => setEndings(def.endings.filter((_, j) => j !== i))}>
                      {t("surveys.remove")}
                      <span className="visually-hidden"> {e.id}</span>
                    </button>
                  ) : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setEndings([...def.endings, { id: freshId("end", def.endings.map((e) => e.id)), title: { [def.defaultLanguage]: t("surveys.defaults.ending", { lng: def.defaultLanguage }) } }])}
        >
          {t("surveys.endings.add")}
        </button>
      </section>
      <section className="card" aria-labelledby="quotas-title">
        <h2 id="quotas-title">{t("surveys.quotas.title")}</h2>
        <p className="muted">{t("surveys.quotas.intro")}</p>
        <ol className="rows">
          {def.quotas.map((q, i) => {
            const path = `quotas[${i}]`;
            const set = (next: Quota) => setQuotas(def.quotas.map((x, j) => (j === i ? next : x)));
            return (
              <li key={q.id}>
                <fieldset className="rule">
                  <legend>{t("surveys.quotas.quota", { name: q.name || q.id })}</legend>
                  <div className="grid-form">
                    <PlainField label={t("surveys.quotas.name")} path={`${path}.name`} value={q.name} onChange={(name) => set({ ...q, name })} />
                    <NumberField label={t("surveys.quotas.limit")} path={`${path}.limit`} min={1} value={q.limit} onChange={(limit) => set({ ...q, limit: limit ?? 1 })} />
                    <Picker id={`quota-${i}-ending`} label={t("surveys.quotas.ending")} path={`${path}.endingId`} value={q.endingId} onChange={(endingId) => set({ ...q, endingId })} options={def.endings.map((e) => ({ value: e.id, label: e.id }))} />
                  </div>
                  <ConditionEditor label={t("surveys.quotas.when")} value={q.when} path={`${path}.when`} onChange={(when) => set({ ...q, when })} />
                  <button type="button" className="button button--small button--danger" onClick={() => setQuotas(def.quotas.filter((_, j) => j !== i))}>
                    {t("surveys.remove")}
                    <span className="visually-hidden"> {q.name || q.id}</span>
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            setQuotas([
              ...def.quotas,
              { id: freshId("quota", def.quotas.map((q) => q.id)), name: t("surveys.quotas.defaultName", { n: def.quotas.length + 1 }), limit: 100, when: starterCondition(def.questions[0]?.id), endingId: def.endings[0]?.id ?? "" },
            ])
          }
        >
          {t("surveys.quotas.add")}
        </button>
      </section>
    </>
  );
}
