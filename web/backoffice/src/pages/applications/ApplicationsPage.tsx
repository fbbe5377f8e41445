import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import { APPLICATION_STATUSES } from "../../api/types";
import { Link } from "../../router";
import { useCan, useMe } from "../../session";
import { usePaged } from "../../ui/data";
import { SelectField } from "../../ui/Field";
import { formatDateTime } from "../../ui/format";
import { PageHead } from "../../ui/Page";
import { PagedTable } from "../../ui/PagedTable";
import { SearchBar } from "../../ui/SearchBar";
import { LabelledCell } from "../../ui/TableWrap";
import { NewApplication } from "./NewApplication";
import { branchName, ProgressBar, productName, StatusBadge, stepOf, useBranches, useProducts } from "./shared";

/** /applications: the applications in the user's scope, with the customer's progress; start a new one. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const [product, setProduct] = useState("");
  const [creating, setCreating] = useState(false);
  const products = useProducts();
  const branches = useBranches();
  const list = usePaged(
    (cursor) => applications.list({ q: search, status, product, sort: "updated" }, { cursor, limit: 25 }),
    [search, status, product],
  );

  return (
    <>
      <PageHead
        title={t("applications.list.title")}
        intro={t("applications.list.intro")}
        actions={
          can("applications:create") && !creating ? (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              {t("applications.new.open")}
            </button>
          ) : null
        }
      />
      {creating ? (
        <NewApplication
          products={products.data ?? []}
          branches={(branches.data ?? []).filter((b) => (me.scope === "region" ? b.regionId === me.regionId : me.scope === "branch" || me.scope === "own" ? b.id === me.branchId || !me.branchId : true))}
          onClose={() => setCreating(false)}
          onCreated={list.reload}
        />
      ) : null}
      <div className="ap-filters">
        <SearchBar id="application-search" label={t("applications.list.search")} placeholder={t("applications.list.searchPlaceholder")} onSearch={setSearch} />
        <div className="ap-filters__row">
          <SelectField label={t("common.status")} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t("applications.filters.any")}</option>
            {APPLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`applications.status.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("applications.product")} value={product} onChange={(e) => setProduct(e.target.value)}>
            <option value="">{t("applications.filters.any")}</option>
            {(products.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {productName(products.data, p.id, t)}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <PagedTable
        list={list}
        label={t("applications.list.title")}
        className="table-wrap--stack"
        columns={[t("applications.reference"), t("applications.product"), t("common.status"), t("applications.progress"), t("applications.lastActivity"), t("applications.branch"), t("common.actions")]}
        empty={t("applications.list.none")}
        row={(a) => {
          const progress = stepOf(t, a.progress);
          return (
            <tr key={a.id} data-id={a.id}>
              <td className="cell--head">
                <span className="strong nowrap" dir="ltr">
                  {a.reference}
                </span>
                <br />
                <span className="muted" dir="auto">
                  {a.customerName}
                </span>
              </td>
              <LabelledCell label={t("applications.product")}>{productName(products.data, a.product, t)}</LabelledCell>
              <LabelledCell label={t("common.status")}>
                <StatusBadge status={a.status} />
              </LabelledCell>
              <LabelledCell label={t("applications.progress")}>
                <ProgressBar index={a.progress.index} total={a.progress.total} label={progress} />
              </LabelledCell>
              <LabelledCell label={t("applications.lastActivity")}>{formatDateTime(a.lastActivityAt ?? a.createdAt)}</LabelledCell>
              <LabelledCell label={t("applications.branch")}>{branchName(branches.data, a.branchId)}</LabelledCell>
              <td className="cell--actions">
                <Link to={`/applications/view?id=${encodeURIComponent(a.id)}`} className="button button--small button--secondary">
                  {t("applications.open")}
                  <span className="visually-hidden"> {a.reference}</span>
                </Link>
              </td>
            </tr>
          );
        }}
      />
    </>
  );
}
