import { useTranslation } from "react-i18next";
import { invitations } from "../api/endpoints";
import type { Invitation } from "../api/types";
import { ErrorMessage } from "../ui/Alert";
import { usePaged } from "../ui/data";
import { formatDateTime } from "../ui/format";
import { useForm } from "../ui/form";
import { LoadError, LoadMore } from "../ui/Page";
import { CellLabel, TableWrap } from "../ui/TableWrap";

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
      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      <TableWrap label={t("invitations.title")} className="table-wrap--stack">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("users.person")}</th>
              <th scope="col">{t("common.role")}</th>
              <th scope="col">{t("common.status")}</th>
              <th scope="col">{t("invitations.expires")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((i) => {
              const s = state(i);
              return (
                <tr key={i.id}>
                  <td className="cell--head">
                    <span className="strong">{i.name}</span>
                    <br />
                    <span className="muted" dir="ltr">
                      {i.email}
                    </span>
                  </td>
                  <td>
                    <CellLabel>{t("common.role")}</CellLabel>
                    <span>{t(`roles.${i.role}`)}</span>
                  </td>
                  <td>
                    <CellLabel>{t("common.status")}</CellLabel>
                    <span>{t(`invitations.state.${s}`)}</span>
                  </td>
                  <td>
                    <CellLabel>{t("invitations.expires")}</CellLabel>
                    <span>{formatDateTime(i.expiresAt)}</span>
                  </td>
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
            })}
          </tbody>
        </table>
        {!list.loading && list.items.length === 0 ? <p className="empty">{t("invitations.none")}</p> : null}
      </TableWrap>
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </div>
  );
}
