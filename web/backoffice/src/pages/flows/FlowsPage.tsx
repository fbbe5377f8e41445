import { useState } from "react";
import { useTranslation } from "react-i18next";
import { flows } from "../../api/flows";
import type { ProductSummary } from "../../api/types";
import { Link } from "../../router";
import { useCan } from "../../session";
import { ErrorMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { problemMessage } from "../../ui/errors";
import { formatDateTime } from "../../ui/format";
import { LoadError, Loading, PageHead } from "../../ui/Page";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { textOf } from "./model";
import "../surveys/designer.css";
import "./flows.css";

/** /flows: the six products, their live flow version, unpublished changes and whether they are offered. */
export function FlowsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const list = useResource(() => flows.products(), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const enc = encodeURIComponent;

  const toggle = async (p: ProductSummary) => {
    setBusy(p.id);
    setError(null);
    try {
      const flow = await flows.update(p.id, { active: !p.active });
      list.set((list.data ?? []).map((x) => (x.id === p.id ? { ...x, active: flow.active } : x)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHead title={t("flows.title")} intro={t("flows.list.intro")} />
      <ErrorMessage>{error ? problemMessage(t, error) : null}</ErrorMessage>
      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <TableWrap label={t("flows.title")} className="table-wrap--stack">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("flows.list.product")}</th>
                <th scope="col">{t("flows.list.version")}</th>
                <th scope="col">{t("flows.list.draft")}</th>
                <th scope="col">{t("flows.list.minutes")}</th>
                <th scope="col">{t("flows.list.offered")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((p) => {
                const title = textOf(p.title, i18n.language, "en") || p.id;
                const latest = [...p.versions].sort((a, b) => b.version - a.version)[0];
                return (
                  <tr key={p.id}>
                    <td className="cell--head">
                      <Link to={`/flows/edit?product=${enc(p.id)}`} className="strong" dir="auto">
                        {title}
                      </Link>
                      {p.description ? (
                        <>
                          <br />
                          <span className="muted" dir="auto">
                            {textOf(p.description, i18n.language, "en")}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <LabelledCell label={t("flows.list.version")}>
                      {p.publishedVersion ? t("flows.versions.version", { n: p.publishedVersion }) : t("flows.list.notPublished")}
                      {latest ? <span className="muted"> · {formatDateTime(latest.publishedAt)}</span> : null}
                    </LabelledCell>
                    <LabelledCell label={t("flows.list.draft")}>
                      {p.draftChanged ? <span className="badge badge--warn">{t("flows.list.unpublished")}</span> : <span className="muted">{t("flows.list.draftSame")}</span>}
                    </LabelledCell>
                    <LabelledCell label={t("flows.list.minutes")}>{t("flows.list.aboutMinutes", { n: p.minutes })}</LabelledCell>
                    <LabelledCell label={t("flows.list.offered")}>
                      {can("flows:write") ? (
                        <label className="check flow-toggle">
                          <input type="checkbox" checked={p.active} disabled={busy === p.id} onChange={() => void toggle(p)} />
                          <span>{p.active ? t("flows.list.active") : t("flows.list.inactive")}</span>
                          <span className="visually-hidden"> {title}</span>
                        </label>
                      ) : (
                        <span className={`badge ${p.active ? "badge--ok" : "badge--muted"}`}>{p.active ? t("flows.list.active") : t("flows.list.inactive")}</span>
                      )}
                    </LabelledCell>
                    <td className="cell--actions">
                      <Link to={`/flows/edit?product=${enc(p.id)}`} className="button button--small button--secondary">
                        {can("flows:write") ? t("flows.list.edit") : t("flows.list.open")}
                        <span className="visually-hidden"> {title}</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}
