import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { feedbackSettings } from "../../api/feedback";
import type { FeedbackSettings } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { TextAreaField, TextField } from "../../ui/Field";
import { useForm } from "../../ui/form";
import { useResource } from "../../ui/data";
import { LoadError, Loading } from "../../ui/Page";

/** The bank's feedback settings (administrators): contact frequency rule and embedding origins. */
export function SettingsForm() {
  const { t } = useTranslation();
  const settings = useResource(() => feedbackSettings.get(), []);
  return (
    <section className="card section" aria-labelledby="fb-settings">
      <h2 id="fb-settings">{t("feedback.settings.title")}</h2>
      {settings.error ? <LoadError error={settings.error} retry={settings.reload} /> : null}
      {settings.data ? <Editor value={settings.data} onSaved={settings.set} /> : settings.error ? null : <Loading />}
    </section>
  );
}

function Editor({ value, onSaved }: { value: FeedbackSettings; onSaved(v: FeedbackSettings): void }) {
  const { t } = useTranslation();
  const form = useForm(["frequencyDays", "embedOrigins"]);
  const [days, setDays] = useState(String(value.frequencyDays));
  const [origins, setOrigins] = useState(value.embedOrigins.join("\n"));
  const [notice, setNotice] = useState<string | null>(null);

  const submit = (e: FormEvent) =>
    form.submit(
      e,
      async () => {
        setNotice(null);
        const n = Number(days);
        if (!Number.isInteger(n) || n < 0) return form.setFieldError("frequencyDays", t("fieldErrors.invalid"));
        const embedOrigins = origins.split(/\s+/).map((o) => o.trim()).filter(Boolean);
        onSaved(await feedbackSettings.put({ frequencyDays: n, embedOrigins }));
        setNotice(t("common.saved"));
      },
      { frequencyDays: days },
    );

  return (
    <form ref={form.ref} onSubmit={(e) => void submit(e)} noValidate>
      <ErrorMessage>{form.errors.message}</ErrorMessage>
      <StatusMessage>{notice}</StatusMessage>
      <TextField
        label={t("feedback.settings.frequency")}
        hint={t("feedback.settings.frequencyHint")}
        type="number"
        min={0}
        max={3650}
        inputMode="numeric"
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={form.errors.fields.frequencyDays}
      />
      <TextAreaField
        label={t("feedback.settings.origins")}
        hint={t("feedback.settings.originsHint")}
        rows={3}
        dir="ltr"
        className="fb-mono"
        value={origins}
        error={form.errors.fields.embedOrigins}
        onChange={(e) => setOrigins(e.target.value)}
      />
      <button type="submit" className="button" disabled={form.busy}>
        {t("feedback.settings.save")}
      </button>
    </form>
  );
}
