import { useTranslation } from "react-i18next";
import { invitations } from "../api/endpoints";
import type { Invitation } from "../api/types";
import { ErrorMessage } from "../ui/Alert";
import { usePaged } from "../ui/data";
import { formatDateTime } from "../ui/format";
import { useForm } from "../ui/form";
import { PagedTable } from "../ui/PagedTable";
import { LabelledCell, PersonCell } from "../ui/TableWrap";

function state(i: Invitation): "accepted" | "revoked" | "expired" | "open" {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  if (new Date(i.expiresAt).getTime() <= Date.now()) return "expired";
  return "open";
}

/** Invitations sent from this bank, with a way to withdraw the open ones. */
export function InvitationsList() {
  const { t } = useTranslation();
  const list = usePaged((cursor) => invitations.list({ cursor, limit: 50 }), []);
  const form = useForm();

  const revoke = (i: Invitation) => {
    if (!window.confirm(t("invitations.revokeConfirm", { email: i.email }))) return;
    void form.submit(null, async () => {
      await invitations.revoke(i.id);
      list.reload();
    });
  };

  return (
    <div className="section">
      <h2 id="invitations-title">{t("invitations.title")}</h2>
      <ErrorMessage>{form.errors.message}</ErrorMessage>
      <PagedTable
        list={list}
        label={t("invitations.title")}
        className="table-wrap--stack"
        columns={[t("users.person"), t("common.role"), t("common.status"), t("invitations.expires"), t("common.actions")]}
        empty={t("invitations.none")}
        row={(i) => {
          const s = state(i);
          return (
            <tr key={i.id}>
              <PersonCell name={i.name} email={i.email} />
              <LabelledCell label={t("common.role")}>{t(`roles.${i.role}`)}</LabelledCell>
              <LabelledCell label={t("common.status")}>{t(`invitations.state.${s}`)}</LabelledCell>
              <LabelledCell label={t("invitations.expires")}>{formatDateTime(i.expiresAt)}</LabelledCell>
              <td className="cell--actions">
                {s === "open" ? (
                  <button type="button" className="button button--small button--danger" disabled={form.busy} onClick={() => revoke(i)}>
                    {t("invitations.revoke")}
                    <span className="visually-hidden"> {i.email}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          );
        }}
      />
    </div>
  );
}
