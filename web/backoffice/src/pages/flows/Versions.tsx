import { useState } from "react";
import { useTranslation } from "react-i18next";
import { flows } from "../../api/flows";
import type { FlowVersionDetail, ProductId } from "../../api/types";
import { useResource } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { LoadError, Loading } from "../../ui/Page";
import { PhonePreview } from "./Preview";

/** Published versions, newest first; each opens read-only in the phone preview. */
export function Versions({ product, publishedVersion }: { product: ProductId; publishedVersion: number | null }) {
  const { t } = useTranslation();
  const list = useResource(() => flows.products().then((items) => items.find((p) => p.id === product)?.versions ?? []), [product, publishedVersion]);
  const [open, setOpen] = useState<FlowVersionDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const versions = [...(list.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <section className="card" aria-labelledby="flow-versions-title">
      <h2 id="flow-versions-title">{t("flows.versions.title")}</h2>
      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && versions.length === 0 ? <p className="muted">{t("flows.versions.none")}</p> : null}
      <ul className="versions">
        {versions.map((v) => (
          <li key={v.version}>
            <span className="strong">{t("flows.versions.version", { n: v.version })}</span> <span className="muted">{formatDateTime(v.publishedAt)}</span>{" "}
            {v.version === publishedVersion ? <span className="badge badge--ok">{t("flows.versions.live")}</span> : null}{" "}
            <button
              type="button"
              className="button button--small button--secondary"
              aria-pressed={open?.version === v.version}
              onClick={() => {
                setError(null);
                flows.version(product, v.version).then(setOpen, setError);
              }}
            >
              {t("flows.versions.view", { n: v.version })}
            </button>
          </li>
        ))}
      </ul>
      {error ? <LoadError error={error} /> : null}
      {open ? (
        <div className="versions__view">
          <h3>{t("flows.versions.viewing", { n: open.version })}</h3>
          <p className="muted">{t("flows.versions.readOnly")}</p>
          <PhonePreview key={open.version} def={open.definition} />
        </div>
      ) : null}
    </section>
  );
}
