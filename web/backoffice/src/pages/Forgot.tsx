import { useState } from "react";
import { useTranslation } from "react-i18next";
import { auth } from "../api/endpoints";
import { Link } from "../router";
import { ErrorMessage, StatusMessage } from "../ui/Alert";
import { TextField } from "../ui/Field";
import { useForm } from "../ui/form";
import { PublicLayout } from "../ui/PublicLayout";
import { BankCodeField, useBankCode } from "./BankCodeField";

export function ForgotPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const form = useForm(["tenant", "email"]);
  const bank = useBankCode(form.errors.fields.tenant);

  const onSubmit = (e: React.FormEvent) =>
    form.submit(
      e,
      async () => {
        await auth.forgot({ ...bank.body, email: email.trim() });
        setSent(true);
      },
      { email },
    );

  return (
    <PublicLayout title={t("forgot.title")}>
      <StatusMessage>{sent ? t("forgot.sent") : null}</StatusMessage>
      {sent ? null : (
        <>
          <p>{t("forgot.intro")}</p>
          <form ref={form.ref} onSubmit={onSubmit} noValidate>
            <ErrorMessage>{form.errors.message}</ErrorMessage>
            <BankCodeField bank={bank} />
            <TextField
              label={t("login.email")}
              name="email"
              type="email"
              dir="ltr"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={form.errors.fields.email}
            />
            <button type="submit" className="button button--block" disabled={form.busy}>
              {form.busy ? t("common.working") : t("forgot.submit")}
            </button>
          </form>
        </>
      )}
      <p className="links">
        <Link to="/login">{t("common.backToSignIn")}</Link>
      </p>
    </PublicLayout>
  );
}
