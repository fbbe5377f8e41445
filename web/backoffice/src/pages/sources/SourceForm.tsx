import { useState } from "react";
import { useTranslation } from "react-i18next";
import { sources } from "../../api/sources";
import type { EventSourceWithKey } from "../../api/types";
import { ErrorMessage } from "../../ui/Alert";
import { SelectField, TextField } from "../../ui/Field";
import { useForm } from "../../ui/form";
import { FormActions } from "../../ui/FormActions";

const FIELDS = ["name", "kind"];

/** A new source: its name (unique in the bank) and whether it sends over HTTP or by files. */
export function SourceForm({ onCreated, onCancel }: { onCreated(result: EventSourceWithKey): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"http" | "import">("http");
  const form = useForm(FIELDS);

  const onSubmit = (e: React.FormEvent) =>
    form.submit(
      e,
      async () => {
        onCreated(await sources.create({ name: name.trim(), kind }));
      },
      { name },
    );

  return (
    <section className="card" aria-labelledby="source-form-title">
      <h2 id="source-form-title">{t("sources.create")}</h2>
      <form ref={form.ref} onSubmit={onSubmit} noValidate className="grid-form">
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <TextField label={t("sources.name")} hint={t("sources.nameHint")} name="name" autoComplete="off" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.fields.name} />
        <SelectField label={t("sources.kind")} hint={t(`sources.kindHint.${kind}`)} name="kind" value={kind} onChange={(e) => setKind(e.target.value as "http" | "import")} error={form.errors.fields.kind}>
          <option value="http">{t("sources.kinds.http")}</option>
          <option value="import">{t("sources.kinds.import")}</option>
        </SelectField>
        <FormActions busy={form.busy} submit={t("sources.createSubmit")} busyLabel={t("common.working")} onCancel={onCancel} />
      </form>
    </section>
  );
}
