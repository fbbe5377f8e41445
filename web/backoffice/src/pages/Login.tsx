import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { auth, publicTenant } from "../api/endpoints";
import { safeNext } from "../App";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { ErrorMessage, StatusMessage } from "../ui/Alert";
import { CodeField, TextField } from "../ui/Field";
import { useForm } from "../ui/form";
import { PublicLayout } from "../ui/PublicLayout";
import { BankCodeField, useBankCode } from "./BankCodeField";
import { rememberTenant } from "./tenant-memory";

const FIELDS = ["tenant", "email", "password"] as const;

export function LoginPage() {
  const { t } = useTranslation();
  const { state, signedIn } = useSession();
  const { query } = useLocation();
  const [step, setStep] = useState<"credentials" | "totp">("credentials");
  const [bankName, setBankName] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const form = useForm(FIELDS);
  const totpForm = useForm(["code"]);
  // A server hosting several banks says so up front, or asks which one: the field is revealed.
  const bank = useBankCode(form.errors.fields.tenant);
  const tenant = bank.value;
  const next = safeNext(query.get("next"));

  // Show which bank this page signs in to when the link names one.
  useEffect(() => {
    const slug = tenant.trim();
    if (!/^[a-z0-9][a-z0-9-]+$/.test(slug)) return setBankName(null);
    let live = true;
    const timer = setTimeout(() => {
      publicTenant(slug)
        .then((b) => live && setBankName(b.name))
        .catch(() => live && setBankName(null));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [tenant]);

  const onCredentials = (e: React.FormEvent) =>
    form.submit(
      e,
      async () => {
        const result = await auth.login({ ...bank.body, email: email.trim(), password });
        rememberTenant(bank.slug);
        if (result.status === "mfa_required") {
          setStep("totp");
          return;
        }
        signedIn(result.user, result.csrfToken);
        navigate(next, { replace: true });
      },
      { email, password },
    );

  const onTotp = (e: React.FormEvent) =>
    totpForm.submit(
      e,
      async () => {
        const result = await auth.loginTotp(code.replace(/\s/g, ""));
        signedIn(result.user, result.csrfToken);
        navigate(next, { replace: true });
      },
      { code },
    );

  if (step === "totp") {
    return (
      <PublicLayout title={t("login.totpTitle")}>
        <p>{t("login.totpIntro")}</p>
        <form ref={totpForm.ref} onSubmit={onTotp} noValidate>
          <ErrorMessage>{totpForm.errors.message}</ErrorMessage>
          <CodeField value={code} onChange={setCode} error={totpForm.errors.fields.code} autoFocus />
          <div className="actions">
            <button type="submit" className="button" disabled={totpForm.busy}>
              {totpForm.busy ? t("common.working") : t("login.verify")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setStep("credentials")}>
              {t("common.back")}
            </button>
          </div>
        </form>
      </PublicLayout>
    );
  }

  const ended = state.status === "anonymous" && state.reason === "ended";
  return (
    <PublicLayout title={t("login.title")}>
      {bankName ? <p className="lead">{t("login.bank", { name: bankName })}</p> : null}
      <StatusMessage tone="info">{ended ? t("login.sessionEnded") : null}</StatusMessage>
      <form ref={form.ref} onSubmit={onCredentials} noValidate>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <BankCodeField bank={bank} />
        <TextField
          label={t("login.email")}
          name="email"
          type="email"
          dir="ltr"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.errors.fields.email}
        />
        <TextField
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.errors.fields.password}
        />
        <button type="submit" className="button button--block" disabled={form.busy}>
          {form.busy ? t("common.working") : t("login.submit")}
        </button>
      </form>
      <p className="links">
        <Link to={`/forgot${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ""}`}>{t("login.forgot")}</Link>
        {bank.shown ? null : (
          <button type="button" className="button button--link" onClick={bank.show}>
            {t("login.otherBank")}
          </button>
        )}
      </p>
    </PublicLayout>
  );
}
