import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { surveys } from "../../api/surveys";
import type { SurveyTemplate } from "../../api/types";
import { currentLocale } from "../../i18n";
import { navigate } from "../../router";
import { ErrorMessage } from "../../ui/Alert";
import { TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useForm } from "../../ui/form";
import { useResource } from "../../ui/data";
import { LoadError } from "../../ui/Page";

const BLANK = "";

/** A new survey: blank (one NPS question to start from) or from a banking template. */
export function NewSurvey({ onCancel }: { onCancel(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [template, setTemplate] = useState(BLANK);
  const form = useForm(["name", "template", "definition"]);
  const templates = useResource(() => surveys.templates(), []);
  const heading = useRef<HTMLHeadingElement>(null);
  const ui = currentLocale();
  const pick = (text: Record<string, string>) => text[ui] ?? text.en ?? Object.values(text)[0] ?? "";
  useEffect(() => heading.current?.focus(), []);

  const create = () =>
    form.submit(null, async () => {
      const lang = ui;
      const title = name.trim();
      const created = template
        ? await surveys.create({ template, ...(title ? { name: title } : {}) })
        : await surveys.create({
            name: title,
            definition: {
              title: { [lang]: title },
              defaultLanguage: lang,
              questions: [{ id: "q1", type: "nps", text: { [lang]: t("surveys.defaults.npsText", { lng: lang }) } }],
            },
          });
      navigate(`/surveys/edit?id=${encodeURIComponent(created.id)}`);
    }, template ? {} : { name });

  return (
    <section className="card" aria-labelledby="new-survey-title">
      <h2 id="new-survey-title" ref={heading} tabIndex={-1}>
        {t("surveys.new.title")}
      </h2>
      <form ref={form.ref} noValidate onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <TextField
          label={t("surveys.new.name")}
          hint={template ? t("surveys.new.nameFromTemplate") : undefined}
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={form.errors.fields.name}
        />
        <fieldset className="templates" data-path="template">
          <legend>{t("surveys.new.start")}</legend>
          {templates.error ? <LoadError error={templates.error} retry={templates.reload} /> : null}
          <ul className="templates__list">
            {[{ id: BLANK, name: { [ui]: t("surveys.new.blank") }, description: { [ui]: t("surveys.new.blankText") } } as SurveyTemplate, ...(templates.data ?? [])].map((tpl) => (
              <li key={tpl.id || "blank"}>
                <label className={`template${template === tpl.id ? " template--on" : ""}`}>
                  <input type="radio" name="template" value={tpl.id} checked={template === tpl.id} onChange={() => setTemplate(tpl.id)} />
                  <span className="template__name">{pick(tpl.name)}</span>
                  <span className="template__text">{pick(tpl.description)}</span>
                </label>
              </li>
            ))}
          </ul>
          {form.errors.fields.template ? <p className="field__error">{form.errors.fields.template}</p> : null}
        </fieldset>
        <FormActions busy={form.busy} submit={t("surveys.new.create")} busyLabel={t("common.working")} onCancel={onCancel} />
      </form>
    </section>
  );
}
