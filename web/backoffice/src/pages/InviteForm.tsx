import { useState } from "react";
import { useTranslation } from "react-i18next";
import { invitations } from "../api/endpoints";
import type { Locale, OrgTree } from "../api/types";
import { currentLocale } from "../i18n";
import { ErrorMessage } from "../ui/Alert";
import { TextField } from "../ui/Field";
import { useForm } from "../ui/form";
import { LocaleField } from "../ui/LocaleField";
import { FormActions } from "../ui/FormActions";
import { type Access, accessPayload, NEW_ACCESS, placementRequired, ScopeFields } from "../ui/ScopeFields";

const FIELDS = ["email", "name", "locale", "role", "scope", "regionId", "branchId"];

/** Invites a person by email: they choose their own password from the link. */
export function InviteForm({ org, onInvited, onCancel }: { org: OrgTree | undefined; onInvited(email: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [locale, setLocale] = useState<Locale>(currentLocale());
  const [access, setAccess] = useState<Access>(NEW_ACCESS);
  const form = useForm(FIELDS);

  const onSubmit = (e: React.FormEvent) =>
    form.submit(
      e,
      async () => {
        await invitations.create({ email: email.trim(), name: name.trim(), locale, ...accessPayload(access) });
        onInvited(email.trim());
      },
      { email, name, ...placementRequired(access) },
    );

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("users.inviteTitle")}</h2>
      <p className="muted">{t("users.inviteIntro")}</p>
      <form ref={form.ref} onSubmit={onSubmit} noValidate className="grid-form">
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <TextField label={t("login.email")} name="email" type="email" dir="ltr" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={form.errors.fields.email} />
        <TextField label={t("profile.name")} name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.fields.name} />
        <LocaleField value={locale} onChange={setLocale} error={form.errors.fields.locale} />
        <ScopeFields value={access} onChange={setAccess} org={org} errors={form.errors.fields} />
        <FormActions busy={form.busy} submit={t("users.sendInvite")} busyLabel={t("common.working")} onCancel={onCancel} />
      </form>
    </section>
  );
}
