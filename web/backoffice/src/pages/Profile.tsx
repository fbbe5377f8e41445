import { useState } from "react";
import { useTranslation } from "react-i18next";
import { me as meApi } from "../api/endpoints";
import type { Locale } from "../api/types";
import { applyLocale } from "../i18n";
import { useMe, useSession } from "../session";
import { ErrorMessage, StatusMessage } from "../ui/Alert";
import { TextField } from "../ui/Field";
import { useForm } from "../ui/form";
import { LocaleField } from "../ui/LocaleField";
import { PageHead } from "../ui/Page";
import { NewPasswordFields, useNewPassword } from "./NewPassword";
import { TwoFactor } from "./TwoFactor";

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHead title={t("profile.title")} />
      <Details />
      <ChangePassword />
      <TwoFactor />
    </>
  );
}

function Details() {
  const { t } = useTranslation();
  const me = useMe();
  const { update } = useSession();
  const [name, setName] = useState(me.name);
  const [locale, setLocale] = useState<Locale>(me.locale);
  const [saved, setSaved] = useState(false);
  const form = useForm(["name", "locale"]);

  const onSubmit = (e: React.FormEvent) =>
    form.submit(
      e,
      async () => {
        setSaved(false);
        const next = await meApi.update({ name: name.trim(), locale });
        await applyLocale(next.locale);
        update(next);
        setSaved(true);
      },
      { name },
    );

  return (
    <section className="card" aria-labelledby="profile-details">
      <h2 id="profile-details">{t("profile.details")}</h2>
      <form ref={form.ref} onSubmit={onSubmit} noValidate className="grid-form">
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <StatusMessage>{saved ? t("common.saved") : null}</StatusMessage>
        <TextField label={t("login.email")} name="email" type="email" value={me.email} readOnly dir="ltr" />
        <TextField label={t("profile.name")} name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.fields.name} />
        <LocaleField value={locale} onChange={setLocale} error={form.errors.fields.locale} />
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {t("common.save")}
          </button>
        </div>
      </form>
    </section>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const me = useMe();
  const [current, setCurrent] = useState("");
  const pw = useNewPassword();
  const [done, setDone] = useState(false);
  const form = useForm(["currentPassword", "newPassword", "confirm"]);

  const onSubmit = async (e: React.FormEvent) => {
    setDone(false);
    const ok = await pw.submit(form, e, () => meApi.changePassword(current, pw.password), {
      currentPassword: current,
      newPassword: pw.password,
      confirm: pw.confirm,
    });
    if (ok) {
      setCurrent("");
      pw.clear();
      setDone(true);
    }
  };

  return (
    <section className="card" aria-labelledby="profile-password">
      <h2 id="profile-password">{t("password.changeTitle")}</h2>
      <form ref={form.ref} onSubmit={onSubmit} noValidate className="grid-form">
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <StatusMessage>{done ? t("password.changed") : null}</StatusMessage>
        <input type="text" name="username" autoComplete="username" hidden readOnly value={me.email} />
        <TextField
          label={t("password.current")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={form.errors.fields.currentPassword}
        />
        <NewPasswordFields {...pw.fields} errors={form.errors.fields} name="newPassword" />
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {t("password.changeSubmit")}
          </button>
        </div>
      </form>
    </section>
  );
}
