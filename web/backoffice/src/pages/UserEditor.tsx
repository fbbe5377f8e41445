import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { users } from "../api/endpoints";
import type { OrgTree, User } from "../api/types";
import { ErrorMessage, StatusMessage } from "../ui/Alert";
import { TextField } from "../ui/Field";
import { useForm } from "../ui/form";
import { formatDateTime } from "../ui/format";
import { type Access, accessPayload, placementRequired, ScopeFields } from "../ui/ScopeFields";
import { isLocked } from "./user-status";

const FIELDS = ["name", "role", "scope", "regionId", "branchId", "status"];

interface Props {
  user: User;
  org: OrgTree | undefined;
  onSaved(user: User): void;
  onClose(): void;
}

/** Name, role, scope and placement of one user, plus disable/enable, unlock and two-step reset. */
export function UserEditor({ user, org, onSaved, onClose }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(user.name);
  const [access, setAccess] = useState<Access>({ role: user.role, scope: user.scope, regionId: user.regionId, branchId: user.branchId });
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm(FIELDS);
  const heading = useRef<HTMLHeadingElement>(null);
  // The server says what may be done to this person now (never "not yourself" worked out here).
  const updatable = user.actions.includes("update");
  const unlockable = user.actions.includes("unlock");
  const disablable = user.actions.includes("disable");
  const enablable = user.actions.includes("enable");
  const totpResettable = user.actions.includes("reset_totp");

  useEffect(() => heading.current?.focus(), []);

  const run = (action: () => Promise<User>, message: string, required: Record<string, string> = {}) =>
    form.submit(
      null,
      async () => {
        setNotice(null);
        onSaved(await action());
        setNotice(message);
      },
      required,
    );

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!updatable) return;
    return run(() => users.update(user.id, { name: name.trim(), ...accessPayload(access) }), t("common.saved"), {
      name,
      ...placementRequired(access),
    });
  };

  return (
    <section className="card" aria-labelledby="edit-user-title">
      <h2 id="edit-user-title" ref={heading} tabIndex={-1}>
        {t("users.editTitle", { name: user.name })}
      </h2>
      <p className="muted" dir="ltr">
        {user.email}
      </p>
      <StatusMessage>{notice}</StatusMessage>
      <form ref={form.ref} onSubmit={onSubmit} noValidate className="grid-form">
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <TextField label={t("profile.name")} name="name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.fields.name} />
        <ScopeFields value={access} onChange={setAccess} org={org} errors={form.errors.fields} />
        <div className="actions">
          {updatable ? (
            <button type="submit" className="button" disabled={form.busy}>
              {t("common.save")}
            </button>
          ) : null}
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("common.close")}
          </button>
        </div>
      </form>
      {unlockable || disablable || enablable || totpResettable ? (
        <div className="danger-zone">
          <h3>{t("users.account")}</h3>
          {unlockable ? (
            <p>
              {isLocked(user) ? <>{t("users.lockedUntil", { time: formatDateTime(user.lockedUntil) })} </> : null}
              <button type="button" className="button button--small button--secondary" disabled={form.busy} onClick={() => run(() => users.unlock(user.id).then((u) => u ?? users.get(user.id)), t("users.unlocked"))}>
                {t("users.unlock")}
              </button>
            </p>
          ) : null}
          {totpResettable ? (
            <p>
              <button
                type="button"
                className="button button--small button--secondary"
                disabled={form.busy}
                onClick={() => window.confirm(t("users.resetTotpConfirm", { name: user.name })) && run(() => users.resetTotp(user.id).then((u) => u ?? users.get(user.id)), t("users.totpReset"))}
              >
                {t("users.resetTotp")}
              </button>
            </p>
          ) : null}
          {disablable ? (
            <p>
              <button
                type="button"
                className="button button--small button--danger"
                disabled={form.busy}
                onClick={() => window.confirm(t("users.disableConfirm", { name: user.name })) && run(() => users.update(user.id, { status: "disabled" }), t("users.disabled"))}
              >
                {t("users.disable")}
              </button>
            </p>
          ) : null}
          {enablable ? (
            <p>
              <button type="button" className="button button--small button--secondary" disabled={form.busy} onClick={() => run(() => users.update(user.id, { status: "active" }), t("users.enabled"))}>
                {t("users.enable")}
              </button>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
