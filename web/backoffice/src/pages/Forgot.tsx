import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { auth } from "../api/endpoints";
import { Link, useLocation } from "../router";
import { ErrorMessage, StatusMessage } from "../ui/Alert";
import { TextField } from "../ui/Field";
import { useForm } from "../ui/form";
import { PublicLayout } from "../ui/PublicLayout";
import { useTenantRequired } from "./login-options";
import { rememberedTenant } from "./tenant-memory";

export function ForgotPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const [tenant, setTenant] = useState(() => query.get("tenant") ?? rememberedTenant());
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const form = useForm(["tenant", "email"]);
  const tenantRequired = useTenantRequired();
  // Once shown, the field stays (clearing it must not make it vanish under the cursor).
  const [showTenant, setShowTenant] = useState(tenant !== "");
  const tenantError = form.errors.fields.tenant;
  useEffect(() => {
    if (tenantError || tenantRequired) setShowTenant(true);
  }, [tenantError, tenantRequired]);

  const onSubmit = (e: React.FormEvent) =>
    form.submit(
      e,
      async () => {
        const slug = tenant.trim();
        await auth.forgot({ ...(slug ? { tenant: slug } : {}), email: email.trim() });
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
            {showTenant ? (
              <TextField
                label={t("login.tenant")}
                hint={t("login.tenantHint")}
                name="tenant"
                autoComplete="organization"
                dir="ltr"
                autoCapitalize="none"
                spellCheck={false}
                value={tenant}
                onChange={(e) => setTenant(e.target.value.toLowerCase())}
                error={form.errors.fields.tenant}
              />
            ) : null}
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
