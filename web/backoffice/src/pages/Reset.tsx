import { useState } from "react";
import { useTranslation } from "react-i18next";
import { auth } from "../api/endpoints";
import { Link, useLocation } from "../router";
import { ErrorMessage, StatusMessage } from "../ui/Alert";
import { useForm } from "../ui/form";
import { PublicLayout } from "../ui/PublicLayout";
import { NewPasswordFields, useNewPassword } from "./NewPassword";

export function ResetPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const token = query.get("token") ?? "";
  const pw = useNewPassword();
  const [done, setDone] = useState(false);
  const form = useForm(["password", "confirm"]);

  const onSubmit = (e: React.FormEvent) =>
    pw.submit(
      form,
      e,
      async () => {
        await auth.reset(token, pw.password);
        setDone(true);
      },
      { password: pw.password, confirm: pw.confirm },
    );

  if (!token) {
    return (
      <PublicLayout title={t("reset.title")}>
        <ErrorMessage>{t("errors.token_invalid")}</ErrorMessage>
        <p className="links">
          <Link to="/forgot">{t("reset.again")}</Link>
        </p>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout title={t("reset.title")}>
      <StatusMessage>{done ? t("reset.done") : null}</StatusMessage>
      {done ? (
        <p className="links">
          <Link to="/login">{t("common.backToSignIn")}</Link>
        </p>
      ) : (
        <form ref={form.ref} onSubmit={onSubmit} noValidate>
          <ErrorMessage>{form.errors.message}</ErrorMessage>
          <NewPasswordFields {...pw.fields} errors={form.errors.fields} />
          <button type="submit" className="button button--block" disabled={form.busy}>
            {form.busy ? t("common.working") : t("reset.submit")}
          </button>
          <p className="links">
            <Link to="/forgot">{t("reset.again")}</Link>
          </p>
        </form>
      )}
    </PublicLayout>
  );
}
