import { useTranslation } from "react-i18next";
import type { ChecklistItem } from "../../api/types";
import { Group, IdField, NumberField, PlainField } from "../surveys/controls";
import { useFlowEditor } from "./context";
import { LocText } from "./LocText";
import { freshId, shift } from "./model";

/** The flow's own texts, currency and timings, and the welcome checklist after opening. */
export function FlowSettings() {
  const { t } = useTranslation();
  const { def, edit } = useFlowEditor();
  const setWelcome = (change: (list: ChecklistItem[]) => ChecklistItem[]) => edit((d) => ({ ...d, welcome: change(d.welcome) }));
  const item = (i: number) => t("flows.welcome.item", { n: i + 1 });
  return (
    <>
      <section className="card" aria-labelledby="flow-settings-title">
        <h2 id="flow-settings-title">{t("flows.settings.title")}</h2>
        <LocText label={t("flows.settings.name")} path="title" value={def.title} required onChange={(title) => edit((d) => ({ ...d, title }))} />
        <LocText label={t("flows.settings.description")} path="description" value={def.description} multiline onChange={(description) => edit((d) => ({ ...d, description }))} />
        <Group legend={t("flows.settings.timings")} className="flow-grid">
          <PlainField label={t("flows.settings.currency")} hint={t("flows.settings.currencyHint")} path="currency" value={def.currency} onChange={(v) => edit((d) => ({ ...d, currency: v.toUpperCase().replace(/[^A-Z]/g, "").slice(0, 3) }))} />
          <NumberField label={t("flows.settings.inactivityDays")} hint={t("flows.settings.inactivityHint")} path="inactivityDays" min={1} max={365} value={def.inactivityDays} onChange={(n) => edit((d) => ({ ...d, inactivityDays: n ?? 0 }))} />
          <NumberField label={t("flows.settings.reminderHours")} hint={t("flows.settings.reminderHint")} path="reminderAfterHours" min={1} max={720} value={def.reminderAfterHours} onChange={(n) => edit((d) => ({ ...d, reminderAfterHours: n ?? 0 }))} />
          <NumberField label={t("flows.settings.slaHours")} hint={t("flows.settings.slaHint")} path="slaHours" min={1} max={2000} value={def.slaHours} onChange={(n) => edit((d) => ({ ...d, slaHours: n ?? 0 }))} />
        </Group>
      </section>
      <section className="card" aria-labelledby="flow-welcome-title">
        <h2 id="flow-welcome-title">{t("flows.welcome.title")}</h2>
        <p className="muted">{t("flows.welcome.intro")}</p>
        {def.welcome.length === 0 ? <p className="muted">{t("flows.welcome.none")}</p> : null}
        <ol className="choices__list">
          {def.welcome.map((w, i) => (
            <li key={w.id} className="choices__item">
              <div>
                <IdField label={t("flows.welcome.id", { n: i + 1 })} path={`welcome[${i}].id`} value={w.id} onCommit={(id) => !def.welcome.some((x) => x.id === id) && setWelcome((l) => l.map((x, j) => (j === i ? { ...x, id } : x)))} />
                <LocText label={t("flows.welcome.label", { n: i + 1 })} path={`welcome[${i}].label`} value={w.label} required onChange={(label) => setWelcome((l) => l.map((x, j) => (j === i ? { ...x, label } : x)))} />
                <LocText label={t("flows.welcome.help", { n: i + 1 })} path={`welcome[${i}].help`} value={w.help} onChange={(help) => setWelcome((l) => l.map((x, j) => (j === i ? { ...x, help } : x)))} />
                <PlainField
                  label={t("flows.welcome.url", { n: i + 1 })}
                  path={`welcome[${i}].url`}
                  type="url"
                  value={w.url ?? ""}
                  onChange={(v) => setWelcome((l) => l.map((x, j) => (j === i ? (v.trim() ? { ...x, url: v.trim() } : (({ url: _, ...r }) => r)(x)) : x)))}
                />
              </div>
              <div className="choices__actions">
                <button type="button" className="button button--small button--secondary" disabled={i === 0} onClick={() => setWelcome((l) => shift(l, i, -1))}>
                  {t("flows.moveUp")}
                  <span className="visually-hidden"> {item(i)}</span>
                </button>
                <button type="button" className="button button--small button--secondary" disabled={i === def.welcome.length - 1} onClick={() => setWelcome((l) => shift(l, i, 1))}>
                  {t("flows.moveDown")}
                  <span className="visually-hidden"> {item(i)}</span>
                </button>
                <button type="button" className="button button--small button--secondary" onClick={() => setWelcome((l) => l.filter((_, j) => j !== i))}>
                  {t("flows.remove")}
                  <span className="visually-hidden"> {item(i)}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
        <button type="button" className="button button--small button--secondary" onClick={() => setWelcome((l) => [...l, { id: freshId("item", l.map((x) => x.id)), label: {} }])}>
          {t("flows.welcome.add")}
        </button>
      </section>
    </>
  );
}
