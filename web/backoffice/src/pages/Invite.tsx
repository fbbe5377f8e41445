import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { auth } from "../api/endpoints";
import type { InvitationPreview } from "../api/types";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { ErrorMessage } from "../ui/Alert";
import { useResource } from "../ui/data";
import { problemMessage } from "../ui/errors";
import { TextField } from "../ui/Field";
import { useForm } from "../ui/form";
import { Loading } from "../ui/Page";
import { PublicLayout } from "../ui/PublicLayout";
import { NewPasswordFields, useNewPassword } from "./NewPassword";

export function InvitePage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const token = query.get("token") ?? "";
  const invitation = useResource<InvitationPreview | null>(
    () => (token ? auth.invitation(token) : Promise.resolve(null)),
    [token],
  );

  let body: ReactNode;
  if (invitation.loading) body = <Loading />;
  else if (invitation.error || !invitation.data) {
    body = (
      <>
        <ErrorMessage>{invitation.error ? problemMessage(t, invitation.error) : t("errors.token_invalid")}</ErrorMessage>
        <p>{t("invite.askAgain")}</p>
        <p className="links">
          <Link to="/login">{t("common.backToSignIn")}</Link>
        </p>
      </>
    );
  } else body = <AcceptForm token={token} invitation={invitation.data} />;

  return <PublicLayout title={t("invite.title")}>{body}</PublicLayout>;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [name, setName] = useState(invitation.name);
  const pw = useNewPassword();
  const form = useForm(["name", "password", "confirm"]);

  const onSubmit = (e: React.FormEvent) =>
    pw.submit(
      form,
      e,
      async () => {
        const result = await auth.acceptInvitation({ token, name: name.trim(), password: pw.password });
        signedIn(result.user, result.csrfToken);
        navigate("/", { replace: true });
      },
      { name, password: pw.password, confirm: pw.confirm },
    );

  return (
    <>
      <p className="lead">{t("invite.intro", { bank: invitation.tenantName })}</p>
      <form ref={form.ref} onSubmit={onSubmit} noValidate>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <TextField label={t("login.email")} name="email" type="email" dir="ltr" autoComplete="username" value={invitation.email} readOnly />
        <TextField
          label={t("profile.name")}
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={form.errors.fields.name}
        />
        <NewPasswordFields {...pw.fields} errors={form.errors.fields} />
        <button type="submit" className="button button--block" disabled={form.busy}>
          {form.busy ? t("common.working") : t("invite.submit")}
        </button>
      </form>
    </>
  );
}
