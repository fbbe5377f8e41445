import { useState } from "react";
import { useTranslation } from "react-i18next";
import { saveBlob, signing } from "../../api/signing";
import type { Envelope } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { Loading, LoadError } from "../../ui/Page";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { problemMessage } from "../../ui/errors";
import { shortHash } from "./shared";

/** The envelope's hash-chained events, whether the chain holds, and the JSON and CSV exports. */
export function AuditTrail({ envelope }: { envelope: Envelope }) {
  const { t } = useTranslation();
  const res = useResource(() => signing.auditTrail(envelope.id), [envelope.id, envelope.events.length]);
  const [error, setError] = useState<string | null>(null);
  const signerName = (id: string | null) => envelope.signers.find((s) => s.id === id)?.name ?? null;
  const base = `audit-trail-${envelope.id}`;
  const exportJson = () => res.data && saveBlob(new Blob([JSON.stringify(res.data, null, 2)], { type: "application/json" }), `${base}.json`);
  const exportCsv = async () => {
    setError(null);
    try {
      saveBlob(await signing.auditTrailCsv(envelope.id), `${base}.csv`);
    } catch (err) {
      setError(problemMessage(t, err));
    }
  };
  if (!res.data) return res.error ? <LoadError error={res.error} retry={res.reload} /> : <Loading />;
  const trail = res.data;
  const label = t("signing.audit.title");
  return (
    <div className="sg-trail">
      <h4>{label}</h4>
      {trail.chainOk ? <StatusMessage>{t("signing.audit.chainOk")}</StatusMessage> : <ErrorMessage>{t("signing.audit.chainBroken")}</ErrorMessage>}
      {trail.events.length === 0 ? (
        <p className="empty">{t("signing.audit.none")}</p>
      ) : (
        <TableWrap label={label} className="table-wrap--stack">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("signing.audit.at")}</th>
                <th scope="col">{t("signing.audit.action")}</th>
                <th scope="col">{t("signing.audit.who")}</th>
                <th scope="col">{t("signing.audit.ip")}</th>
                <th scope="col">{t("signing.audit.hash")}</th>
              </tr>
            </thead>
            <tbody>
              {trail.events.map((ev) => (
                <tr key={ev.seq} data-event={ev.action}>
                  <th scope="row" className="cell--head">
                    {formatDateTime(ev.at)}
                  </th>
                  <LabelledCell label={t("signing.audit.action")}>{t(`signing.actions.${ev.action}`, { defaultValue: ev.action })}</LabelledCell>
                  <LabelledCell label={t("signing.audit.who")}>
                    <span dir="auto">{ev.actorLabel ?? signerName(ev.signerId) ?? "—"}</span>
                  </LabelledCell>
                  <LabelledCell label={t("signing.audit.ip")}>
                    <span dir="ltr">{ev.ip ?? "—"}</span>
                  </LabelledCell>
                  <LabelledCell label={t("signing.audit.hash")}>
                    <code dir="ltr" title={ev.hash}>
                      {shortHash(ev.hash)}
                    </code>
                  </LabelledCell>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <ErrorMessage>{error}</ErrorMessage>
      <div className="actions">
        <button type="button" className="button button--small button--secondary" onClick={exportJson}>
          {t("signing.audit.exportJson")}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={() => void exportCsv()}>
          {t("signing.audit.exportCsv")}
        </button>
      </div>
    </div>
  );
}
