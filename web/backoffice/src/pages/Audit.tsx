import { useState } from "react";
import { useTranslation } from "react-i18next";
import { audit } from "../api/endpoints";
import type { AuditVerification } from "../api/types";
import { ErrorMessage, StatusMessage } from "../ui/Alert";
import { usePaged } from "../ui/data";
import { problemMessage } from "../ui/errors";
import { formatDateTime, formatNumber } from "../ui/format";
import { PageHead } from "../ui/Page";
import { PagedTable } from "../ui/PagedTable";

/** The tamper-evident audit log, newest first, and a check of its hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const list = usePaged((cursor) => audit.list({ cursor, limit: 50 }), []);
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<string | null>(null);

  const verify = async () => {
    setVerifying(true);
    setResult(null);
    setError(null);
    try {
      setResult(await audit.verify());
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setVerifying(false);
    }
  };

  const broken = result && !result.ok ? result.firstBroken : null;
  return (
    <>
      <PageHead
        title={t("audit.title")}
        intro={t("audit.intro")}
        actions={
          <button type="button" className="button" onClick={() => void verify()} disabled={verifying}>
            {verifying ? t("audit.verifying") : t("audit.verify")}
          </button>
        }
      />
      <StatusMessage>{result?.ok ? t("audit.ok", { n: formatNumber(result.checked) }) : null}</StatusMessage>
      <ErrorMessage>
        {error ??
          (result && !result.ok
            ? broken
              ? t("audit.broken", { seq: broken.seq, reason: t(`audit.reasons.${broken.reason}`, { defaultValue: broken.reason }), n: formatNumber(result.checked) })
              : t("audit.brokenUnknown")
            : null)}
      </ErrorMessage>
      <PagedTable
        list={list}
        label={t("audit.title")}
        columns={["#", t("audit.when"), t("audit.actor"), t("audit.action"), t("audit.subject"), t("audit.details")]}
        empty={t("audit.none")}
        row={(e) => (
          <tr key={e.id} className={broken?.id === e.id ? "row--error" : undefined}>
            <td>{e.seq}</td>
            <td className="nowrap">{formatDateTime(e.at)}</td>
            <td>{e.actorLabel ?? t(`audit.actorType.${e.actorType}`, { defaultValue: e.actorType })}</td>
            <td>
              <code dir="ltr">{e.action}</code>
            </td>
            <td>{e.subjectType ? <span dir="ltr">{e.subjectType}</span> : "—"}</td>
            <td>
              <details>
                <summary>{t("audit.show")}</summary>
                <dl className="facts facts--compact">
                  <div>
                    <dt>{t("audit.subjectId")}</dt>
                    <dd dir="ltr">{e.subjectId ?? "—"}</dd>
                  </div>
                  <div>
                    <dt>{t("audit.ip")}</dt>
                    <dd dir="ltr">{e.ip ?? "—"}</dd>
                  </div>
                  <div>
                    <dt>{t("audit.requestId")}</dt>
                    <dd dir="ltr">{e.requestId ?? "—"}</dd>
                  </div>
                  <div>
                    <dt>{t("audit.hash")}</dt>
                    <dd dir="ltr" className="hash">
                      {e.hash}
                    </dd>
                  </div>
                </dl>
                <pre dir="ltr">{JSON.stringify(e.data, null, 2)}</pre>
              </details>
            </td>
          </tr>
        )}
      />
    </>
  );
}
