import { useState } from "react";
import { useTranslation } from "react-i18next";
import { org, users } from "../api/endpoints";
import type { OrgTree, User } from "../api/types";
import { useCan } from "../session";
import { StatusMessage } from "../ui/Alert";
import { usePaged, useResource } from "../ui/data";
import { formatDateTime } from "../ui/format";
import { PageHead } from "../ui/Page";
import { PagedTable } from "../ui/PagedTable";
import { LabelledCell, PersonCell } from "../ui/TableWrap";
import { ScopeText } from "../ui/ScopeText";
import { InvitationsList } from "./Invitations";
import { InviteForm } from "./InviteForm";
import { UserEditor } from "./UserEditor";
import { UserStatusBadge } from "./user-status";
import { SearchBar } from "../ui/SearchBar";

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<User | null>(null);
  const [inviting, setInviting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [invitesVersion, setInvitesVersion] = useState(0);
  const list = usePaged((cursor) => users.list({ q: search, cursor, limit: 50 }), [search]);
  const tree = useResource<OrgTree | undefined>(() => (can("org:read") ? org.tree() : Promise.resolve(undefined)), []);
  const writable = can("users:write");
  // What may be done to each person is the server's answer (`actions`), never worked out here.
  const editable = list.items.some((u) => u.actions.includes("update"));

  return (
    <>
      <PageHead
        title={t("users.title")}
        actions={
          writable && !inviting ? (
            <button type="button" className="button" onClick={() => {
                setInviting(true);
                setNotice(null);
              }}>
              {t("users.invite")}
            </button>
          ) : null
        }
      />
      <StatusMessage>{notice}</StatusMessage>
      {inviting ? (
        <InviteForm
          org={tree.data}
          onCancel={() => setInviting(false)}
          onInvited={(email) => {
            setInviting(false);
            setNotice(t("users.invited", { email }));
            setInvitesVersion((v) => v + 1);
          }}
        />
      ) : null}
      {editing ? (
        <UserEditor
          key={editing.id}
          user={editing}
          org={tree.data}
          onClose={() => setEditing(null)}
          onSaved={(u) => {
            list.replace((x) => x.id === u.id, u);
            setEditing(u);
          }}
        />
      ) : null}
      <SearchBar id="user-search" label={t("users.search")} placeholder={t("users.searchPlaceholder")} onSearch={setSearch} />
      <PagedTable
        list={list}
        label={t("users.title")}
        className="table-wrap--stack"
        columns={[t("users.person"), t("common.role"), t("common.scope"), t("common.status"), t("users.lastLogin"), editable && t("common.actions")]}
        empty={t("users.none")}
        row={(u) => (
          <tr key={u.id}>
            <PersonCell name={u.name} email={u.email} />
            <LabelledCell label={t("common.role")}>{t(`roles.${u.role}`)}</LabelledCell>
            <LabelledCell label={t("common.scope")}>
              <ScopeText scope={u.scope} regionId={u.regionId} branchId={u.branchId} org={tree.data} />
            </LabelledCell>
            <LabelledCell label={t("common.status")}>
              <UserStatusBadge user={u} />
            </LabelledCell>
            <LabelledCell label={t("users.lastLogin")}>{formatDateTime(u.lastLoginAt)}</LabelledCell>
            {editable ? (
              <td className="cell--actions">
                {u.actions.includes("update") ? (
                  <button type="button" className="button button--small button--secondary" onClick={() => setEditing(u)}>
                    {t("common.edit")}
                    <span className="visually-hidden"> {u.name}</span>
                  </button>
                ) : null}
              </td>
            ) : null}
          </tr>
        )}
      />
      {writable ? <InvitationsList key={invitesVersion} /> : null}
    </>
  );
}
