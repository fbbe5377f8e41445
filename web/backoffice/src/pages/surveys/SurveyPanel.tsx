import { useTranslation } from "react-i18next";
import { TextField } from "../../ui/Field";
import { useDesigner } from "./context";
import { Check, NumberField } from "./controls";
import { LocalizedField } from "./LocalizedField";

/** The survey's own texts and how the respondent moves through it. */
export function SurveyPanel({ name, onName }: { name: string; onName(name: string): void }) {
  const { t } = useTranslation();
  const { def, edit } = useDesigner();
  const settings = def.settings;
  const { estimatedMinutes: _m, ...rest } = settings;
  return (
    <section className="card" aria-labelledby="survey-settings-title">
      <h2 id="survey-settings-title">{t("surveys.survey.title")}</h2>
      <TextField label={t("surveys.survey.listName")} hint={t("surveys.survey.listNameHint")} dir="auto" maxLength={200} data-path="name" value={name} onChange={(e) => onName(e.target.value)} />
      <LocalizedField label={t("surveys.survey.name")} path="title" value={def.title} required onChange={(title) => edit((d) => ({ ...d, title }))} />
      <LocalizedField label={t("surveys.survey.description")} path="description" value={def.description} multiline onChange={(description) => edit((d) => ({ ...d, description }))} />
      <fieldset className="group">
        <legend>{t("surveys.survey.behaviour")}</legend>
        <Check label={t("surveys.survey.showProgress")} path="settings.showProgress" checked={settings.showProgress} onChange={(showProgress) => edit((d) => ({ ...d, settings: { ...d.settings, showProgress } }))} />
        <Check label={t("surveys.survey.allowBack")} path="settings.allowBack" checked={settings.allowBack} onChange={(allowBack) => edit((d) => ({ ...d, settings: { ...d.settings, allowBack } }))} />
        <NumberField
          label={t("surveys.survey.minutes")}
          hint={t("surveys.survey.minutesHint")}
          path="settings.estimatedMinutes"
          min={1}
          max={240}
          value={settings.estimatedMinutes}
          onChange={(n) => edit((d) => ({ ...d, settings: n === undefined ? rest : { ...d.settings, estimatedMinutes: n } }))}
        />
      </fieldset>
    </section>
  );
}
