import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiKeys } from "../api/endpoints";
import type { ApiKeyCreated, OrgTree } from "../api/types";
import { ErrorMessage } from "../ui/Alert";
import { TextField } from "../ui/Field";
import { useForm } from "../ui/form";
import { FormActions } from "../ui/FormActions";
import { type Access, accessPayload, placementRequired, ScopeFields } from "../ui/ScopeFields";

const FIELDS = ["name", "role", "scope", "regionId", "branchId", "expiresInDays"];

export function ApiKeyForm({ org, onCreated, onCancel }: { org: OrgTree | undefined; onCreated(result: ApiKeyCreated): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [days, setDays] = useState("90");
  const [access, setAccess] = useState<Access>({ role: "viewer", scope: "tenant", regionId: null, branchId: null });
  const form = useForm(FIELDS);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const expiresInDays = days.trim() === "" ? undefined : Number(days);
    if (expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || expiresInDays < 1)) {
      return form.setFieldError("expiresInDays", t("fieldErrors.wholeDays"));
    }
    return form.submit(
      null,
      async () => {
        const payload = accessPayload(access);
        onCreated(await apiKeys.create({ name: name.trim(), ...payload, ...(expiresInDays ? { expiresInDays } : {}) }));
      },
      { name, ...placementRequired(access) },
    );
  };

  return (
    <section className="card" aria-labelledby="apikey-form-title">
      <h2 id="apikey-form-title">{t("apiKeys.create")}</h2>
      <form ref={form.ref} onSubmit={onSubmit} noValidate className="grid-form">
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <TextField label={t("apiKeys.name")} hint={t("apiKeys.nameHint")} name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.fields.name} />
        <ScopeFields value={access} onChange={setAccess} org={org} errors={form.errors.fields} scopes={["tenant", "region", "branch"]} />
        <TextField
          label={t("apiKeys.expiresInDays")}
          hint={t("apiKeys.expiresHint")}
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          min={1}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={form.errors.fields.expiresInDays}
        />
        <FormActions busy={form.busy} submit={t("apiKeys.createSubmit")} busyLabel={t("common.working")} onCancel={onCancel} />
      </form>
    </section>
  );
}
