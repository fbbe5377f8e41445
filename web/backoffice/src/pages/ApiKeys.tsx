import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiKeys, org } from "../api/endpoints";
import type { ApiKey, ApiKeyCreated, OrgTree } from "../api/types";
import { useCan } from "../session";
import { ErrorMessage } from "../ui/Alert";
import { usePaged, useResource } from "../ui/data";
import { formatDateTime } from "../ui/format";
import { useForm } from "../ui/form";
import { PageHead } from "../ui/Page";
import { PagedTable } from "../ui/PagedTable";
import { ScopeText } from "../ui/ScopeText";
import { ApiKeyForm } from "./ApiKeyForm";
import { SecretBox } from "./SecretBox";

function keyState(k: ApiKey): "revoked" | "expired" | "active" {
  if (k.revokedAt) return "revoked";
  if (k.expiresAt && new Date(k.expiresAt).getTime() <= Date.now()) return "expired";
  return "active";
}

export function ApiKeysPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const list = usePaged((cursor) => apiKeys.list({ cursor, limit: 50 }), []);
  const tree = useResource<OrgTree | undefined>(() => (can("org:read") ? org.tree() : Promise.resolve(undefined)), []);
  const revokeForm = useForm();

  const revoke = (k: ApiKey) => {
    if (!window.confirm(t("apiKeys.revokeConfirm", { name: k.name }))) return;
    void revokeForm.submit(null, async () => {
      await apiKeys.revoke(k.id);
      list.reload();
    });
  };

  return (
    <>
      <PageHead
        title={t("apiKeys.title")}
        intro={t("apiKeys.intro")}
        actions={
          creating || created ? null : (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              {t("apiKeys.create")}
            </button>
          )
        }
      />
      {created ? (
        <SecretBox
          title={t("apiKeys.createdTitle", { name: created.apiKey.name })}
          warning={t("apiKeys.onceWarning")}
          secret={created.key}
          label={t("apiKeys.keyLabel")}
          onDone={() => setCreated(null)}
        />
      ) : null}
      {creating ? (
        <ApiKeyForm
          org={tree.data}
          onCancel={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
            list.reload();
          }}
        />
      ) : null}
      <ErrorMessage>{revokeForm.errors.message}</ErrorMessage>
      <PagedTable
        list={list}
        label={t("apiKeys.title")}
        columns={[t("apiKeys.name"), t("apiKeys.prefix"), t("common.role"), t("common.scope"), t("common.status"), t("apiKeys.lastUsed"), t("apiKeys.expires"), t("common.actions")]}
        empty={t("apiKeys.none")}
        row={(k) => {
          const state = keyState(k);
          return (
            <tr key={k.id}>
              <td className="strong">{k.name}</td>
              <td>
                <code dir="ltr">{k.prefix}…</code>
              </td>
              <td>{t(`roles.${k.role}`)}</td>
              <td>
                <ScopeText scope={k.scope} regionId={k.regionId} branchId={k.branchId} org={tree.data} />
              </td>
              <td>
                <span className={`badge ${state === "active" ? "badge--ok" : "badge--muted"}`}>{t(`apiKeys.state.${state}`)}</span>
              </td>
              <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t("apiKeys.never")}</td>
              <td>{k.expiresAt ? formatDateTime(k.expiresAt) : t("apiKeys.noExpiry")}</td>
              <td>
                {state === "active" ? (
                  <button type="button" className="button button--small button--danger" disabled={revokeForm.busy} onClick={() => revoke(k)}>
                    {t("apiKeys.revoke")}
                    <span className="visually-hidden"> {k.name}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          );
        }}
      />
    </>
  );
}
