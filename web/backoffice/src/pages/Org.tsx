import { useState } from "react";
import { useTranslation } from "react-i18next";
import { org } from "../api/endpoints";
import type { Branch, OrgTree, Region } from "../api/types";
import { useCan } from "../session";
import { StatusMessage } from "../ui/Alert";
import { useResource } from "../ui/data";
import { Loading, LoadError, PageHead } from "../ui/Page";
import { CodeNameForm, RenameForm } from "./OrgForms";

type Editing = { kind: "region"; region: Region } | { kind: "branch"; branch: Branch; regionId: string } | { kind: "newBranch"; regionId: string } | { kind: "newRegion" } | null;

/** Regions and their branches; admins add and rename them, and move branches between regions. */
export function OrgPage() {
  const { t } = useTranslation();
  const can = useCan();
  const tree = useResource<OrgTree>(() => org.tree(), []);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const writable = can("org:write");

  const done = (message: string) => {
    setEditing(null);
    setNotice(message);
    tree.reload();
  };
  const start = (e: Editing) => {
    setNotice(null);
    setEditing(e);
  };

  return (
    <>
      <PageHead
        title={t("org.title")}
        intro={t("org.intro")}
        actions={
          writable ? (
            <button type="button" className="button" onClick={() => start({ kind: "newRegion" })}>
              {t("org.addRegion")}
            </button>
          ) : null
        }
      />
      <StatusMessage>{notice}</StatusMessage>
      {editing?.kind === "newRegion" ? (
        <CodeNameForm
          title={t("org.addRegion")}
          onCancel={() => setEditing(null)}
          onSubmit={async (v) => {
            await org.createRegion(v);
            done(t("org.regionAdded", { name: v.name }));
          }}
        />
      ) : null}
      {tree.error ? <LoadError error={tree.error} retry={tree.reload} /> : null}
      {tree.loading && !tree.data ? <Loading /> : null}
      {tree.data && tree.data.regions.length === 0 ? <p className="empty">{t("org.none")}</p> : null}
      <ul className="tree">
        {tree.data?.regions.map((region) => (
          <li key={region.id} className="card tree__region">
            {editing?.kind === "region" && editing.region.id === region.id ? (
              <RenameForm
                label={t("org.regionName")}
                initial={region.name}
                onCancel={() => setEditing(null)}
                onSubmit={async (name) => {
                  await org.renameRegion(region.id, name);
                  done(t("common.saved"));
                }}
              />
            ) : (
              <div className="tree__row">
                <h2>
                  {region.name} <span className="code">{region.code}</span>
                </h2>
                {writable ? (
                  <div className="tree__actions">
                    <button type="button" className="button button--small button--secondary" onClick={() => start({ kind: "region", region })}>
                      {t("org.rename")}
                      <span className="visually-hidden"> {region.name}</span>
                    </button>
                    <button type="button" className="button button--small button--secondary" onClick={() => start({ kind: "newBranch", regionId: region.id })}>
                      {t("org.addBranch")}
                      <span className="visually-hidden"> {region.name}</span>
                    </button>
                  </div>
                ) : null}
              </div>
            )}
            {editing?.kind === "newBranch" && editing.regionId === region.id ? (
              <CodeNameForm
                title={t("org.addBranchTo", { region: region.name })}
                onCancel={() => setEditing(null)}
                onSubmit={async (v) => {
                  await org.createBranch({ regionId: region.id, ...v });
                  done(t("org.branchAdded", { name: v.name }));
                }}
              />
            ) : null}
            {region.branches.length === 0 ? <p className="muted">{t("org.noBranches")}</p> : null}
            <ul className="tree__branches">
              {region.branches.map((branch) => (
                <li key={branch.id}>
                  {editing?.kind === "branch" && editing.branch.id === branch.id ? (
                    <RenameForm
                      label={t("org.branchName")}
                      initial={branch.name}
                      regions={tree.data?.regions}
                      regionId={region.id}
                      onCancel={() => setEditing(null)}
                      onSubmit={async (name, regionId) => {
                        await org.updateBranch(branch.id, regionId && regionId !== region.id ? { name, regionId } : { name });
                        done(t("common.saved"));
                      }}
                    />
                  ) : (
                    <div className="tree__row">
                      <span>
                        {branch.name} <span className="code">{branch.code}</span>
                      </span>
                      {writable ? (
                        <button type="button" className="button button--small button--secondary" onClick={() => start({ kind: "branch", branch, regionId: region.id })}>
                          {t("common.edit")}
                          <span className="visually-hidden"> {branch.name}</span>
                        </button>
                      ) : null}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
