import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Region } from "../api/types";
import { ErrorMessage } from "../ui/Alert";
import { SelectField, TextField } from "../ui/Field";
import { useForm } from "../ui/form";
import { FormActions } from "../ui/FormActions";

/** Code (fixed once made, used in imports and reports) and display name of a new region or branch. */
export function CodeNameForm({ title, onSubmit, onCancel }: { title: string; onSubmit(v: { code: string; name: string }): Promise<void>; onCancel(): void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const form = useForm(["code", "name"]);
  return (
    <form
      ref={form.ref}
      className="card inline-form"
      noValidate
      aria-label={title}
      onSubmit={(e) => form.submit(e, () => onSubmit({ code: code.trim(), name: name.trim() }), { code, name })}
    >
      <h3>{title}</h3>
      <ErrorMessage>{form.errors.message}</ErrorMessage>
      <TextField label={t("org.code")} hint={t("org.codeHint")} name="code" dir="ltr" autoCapitalize="none" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} error={form.errors.fields.code} />
      <TextField label={t("org.name")} name="name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.fields.name} />
      <FormActions busy={form.busy} submit={t("common.add")} onCancel={onCancel} />
    </form>
  );
}

interface RenameProps {
  label: string;
  initial: string;
  /** For a branch: the regions it may move to. */
  regions?: Region[] | undefined;
  regionId?: string;
  onSubmit(name: string, regionId?: string): Promise<void>;
  onCancel(): void;
}

export function RenameForm({ label, initial, regions, regionId, onSubmit, onCancel }: RenameProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [region, setRegion] = useState(regionId ?? "");
  const form = useForm(["name", "regionId"]);
  return (
    <form
      ref={form.ref}
      className="inline-form"
      noValidate
      aria-label={label}
      onSubmit={(e) => form.submit(e, () => onSubmit(name.trim(), region || undefined), { name })}
    >
      <ErrorMessage>{form.errors.message}</ErrorMessage>
      <TextField label={label} name="name" value={name} autoFocus onChange={(e) => setName(e.target.value)} error={form.errors.fields.name} />
      {regions ? (
        <SelectField label={t("common.region")} name="regionId" value={region} onChange={(e) => setRegion(e.target.value)} error={form.errors.fields.regionId}>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <FormActions busy={form.busy} submit={t("common.save")} onCancel={onCancel} />
    </form>
  );
}
