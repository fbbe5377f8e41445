import { useState } from "react";
import { useTranslation } from "react-i18next";
import { risk } from "../../api/risk";
import type { RiskRuleSetHistoryItem, RiskRuleSetVersion } from "../../api/types";
import { ErrorMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";
import { formatDateTime } from "../../ui/format";

/** Saved versions, newest first: each opens read-only and may be copied into the editor. */
export function RiskVersions({ versions, active, onCopy }: { versions: RiskRuleSetHistoryItem[]; active: number; onCopy?: (v: RiskRuleSetVersion) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<RiskRuleSetVersion | null>(null);
  const [error, setError] = useState<unknown>(null);
  const view = async (version: number) => {
    setError(null);
    if (open?.version === version) return setOpen(null);
    try {
      setOpen(await risk.version(version));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby="risk-versions-title">
      <h2 id="risk-versions-title">{t("risk.versions.title")}</h2>
      <ErrorMessage>{error ? problemMessage(t, error) : null}</ErrorMessage>
      <ul className="versions risk-versions">
        {versions.map((v) => (
          <li key={v.version}>
            <span className="strong">{t("risk.versions.version", { n: v.version })}</span> <span className="muted">{formatDateTime(v.publishedAt)}</span>{" "}
            <span className="muted">· {v.publishedByName ?? t("risk.versions.system")}</span> <span className="muted">· {t("risk.versions.rules", { n: v.rules })}</span>{" "}
            {v.version === active ? <span className="badge badge--ok">{t("risk.versions.active")}</span> : null}{" "}
            <button type="button" className="button button--small button--secondary" aria-pressed={open?.version === v.version} onClick={() => view(v.version)}>
              {t("risk.versions.view")}
            </button>
            {v.note ? (
              <p className="muted risk-versions__note" dir="auto">
                {v.note}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {open ? (
        <div className="risk-versions__open">
          <h3>{t("risk.versions.viewing", { n: open.version })}</h3>
          {onCopy ? (
            <button type="button" className="button button--small" onClick={() => onCopy(open)}>
              {t("risk.versions.copy")}
            </button>
          ) : null}
          <pre dir="ltr" className="risk-json">
            {JSON.stringify(open.definition, null, 2)}
          </pre>
        </div>
      ) : null}
    </section>
  );
}
