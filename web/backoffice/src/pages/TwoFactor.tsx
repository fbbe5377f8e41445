import { useState } from "react";
import { useTranslation } from "react-i18next";
import { me as meApi } from "../api/endpoints";
import type { TotpSetup } from "../api/types";
import { useMe, useSession } from "../session";
import { ErrorMessage, StatusMessage } from "../ui/Alert";
import { CodeField, TextField } from "../ui/Field";
import { useForm } from "../ui/form";

/** The secret in groups of four, easier to type into an authenticator by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** Two-factor sign-in: enrol with a QR code (or the secret typed by hand), confirm with a code; or turn off. */
export function TwoFactor() {
  const { t } = useTranslation();
  const me = useMe();
  const { update } = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm(["code", "password"]);
  const clean = code.replace(/\s/g, "");

  const start = () =>
    form.submit(null, async () => {
      setNotice(null);
      setSetup(await meApi.totpSetup());
    });

  const enable = (e: React.FormEvent) =>
    form.submit(
      e,
      async () => {
        update(await meApi.totpEnable(clean));
        setSetup(null);
        setCode("");
        setNotice(t("profile.totpEnabled"));
      },
      { code },
    );

  const disable = (e: React.FormEvent) =>
    form.submit(
      e,
      async () => {
        update(await meApi.totpDisable(password, clean));
        setPassword("");
        setCode("");
        setNotice(t("profile.totpDisabled"));
      },
      { password, code },
    );

  const codeField = <CodeField value={code} onChange={setCode} error={form.errors.fields.code} />;

  return (
    <section className="card" aria-labelledby="profile-totp">
      <h2 id="profile-totp">{t("profile.totpTitle")}</h2>
      <StatusMessage>{notice}</StatusMessage>
      <p>
        {t("common.status")}: <strong>{me.totpEnabled ? t("profile.totpOn") : t("profile.totpOff")}</strong>
      </p>
      {me.totpEnabled ? (
        <form ref={form.ref} onSubmit={disable} noValidate className="grid-form">
          <p className="muted">{t("profile.totpDisableIntro")}</p>
          <ErrorMessage>{form.errors.message}</ErrorMessage>
          <TextField
            label={t("password.current")}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={form.errors.fields.password}
          />
          {codeField}
          <div className="actions">
            <button type="submit" className="button button--danger" disabled={form.busy}>
              {t("profile.totpDisable")}
            </button>
          </div>
        </form>
      ) : setup ? (
        <form ref={form.ref} onSubmit={enable} noValidate>
          <ol className="steps">
            <li>{t("profile.totpStep1")}</li>
            <li>
              {t("profile.totpStep2")}
              <div className="qr">
                <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`} alt={t("profile.qrAlt")} width={200} height={200} />
              </div>
              <p>
                {t("profile.manualSecret")} <code className="secret-code" dir="ltr">{grouped(setup.secret)}</code>
              </p>
            </li>
            <li>{t("profile.totpStep3")}</li>
          </ol>
          <ErrorMessage>{form.errors.message}</ErrorMessage>
          {codeField}
          <div className="actions">
            <button type="submit" className="button" disabled={form.busy}>
              {t("profile.totpConfirm")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => {
                setSetup(null);
                form.clear();
              }}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <form
          ref={form.ref}
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <p className="muted">{t("profile.totpIntro")}</p>
          <ErrorMessage>{form.errors.message}</ErrorMessage>
          <button type="submit" className="button" disabled={form.busy}>
            {t("profile.totpSetup")}
          </button>
        </form>
      )}
    </section>
  );
}
