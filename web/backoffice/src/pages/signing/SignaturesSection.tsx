import { useState } from "react";
import { useTranslation } from "react-i18next";
import { saveBlob, signing } from "../../api/signing";
import type { ApplicationDetail, SignedDocument } from "../../api/types";
import { useCan } from "../../session";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { problemMessage } from "../../ui/errors";
import { formatDateTime } from "../../ui/format";
import { Loading, LoadError } from "../../ui/Page";
import { EnvelopeCard } from "./EnvelopeCard";
import { SendDialog } from "./SendDialog";
import { fileName, shortHash } from "./shared";
import "./signing.css";

/** The application page's "Signatures": signed documents, every signing request, and "Send for signature". */
export function SignaturesSection({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const canSend = can("signing:send");
  const res = useResource(() => signing.envelopes(app.id), [app.id]);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // GET /applications/{id} lists the sealed documents (contract: signedDocuments).
  const signed = app.signedDocuments;
  const items = res.data?.items ?? [];

  const downloadSigned = async (d: SignedDocument) => {
    setError(null);
    try {
      saveBlob(await signing.document(d.envelopeId, d.documentId, "signed"), fileName(d.name, "-signed.pdf"));
    } catch (err) {
      setError(problemMessage(t, err));
    }
  };

  return (
    <section className="section sg-section" aria-labelledby="sg-signatures">
      <div className="ap-section-head">
        <h2 id="sg-signatures">{t("signing.section.title")}</h2>
        {canSend ? (
          <button type="button" className="button button--small" onClick={() => setSending(true)}>
            {t("signing.section.send")}
          </button>
        ) : null}
      </div>
      <StatusMessage>{notice ? t(notice) : null}</StatusMessage>
      <div className="card sg-signed">
        <h3>{t("signing.section.signedTitle")}</h3>
        {signed.length === 0 ? (
          <p className="empty">{t("signing.section.signedNone")}</p>
        ) : (
          <ul className="sg-docs">
            {signed.map((d) => (
              <li key={`${d.envelopeId}-${d.documentId}`} data-signed-document={d.documentId}>
                <span dir="auto">{d.name}</span> <span className="muted">{t("signing.section.signedAt", { at: d.signedAt ? formatDateTime(d.signedAt) : "—" })}</span>{" "}
                <code dir="ltr" title={d.sha256}>
                  {shortHash(d.sha256)}
                </code>{" "}
                <button type="button" className="button button--link" onClick={() => void downloadSigned(d)}>
                  {t("signing.section.download")}
                  <span className="visually-hidden"> {d.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <ErrorMessage>{error}</ErrorMessage>
      </div>
      {res.error ? <LoadError error={res.error} retry={res.reload} /> : null}
      {!res.data && !res.error ? <Loading /> : null}
      {res.data && items.length === 0 ? <p className="empty">{t("signing.section.none")}</p> : null}
      <ul className="sg-envelopes">
        {items.map((e) => (
          <EnvelopeCard
            key={e.id}
            envelope={e}
            canSend={canSend}
            onChange={(next) => res.set({ items: items.map((x) => (x.id === next.id ? next : x)) })}
          />
        ))}
      </ul>
      {sending ? (
        <SendDialog
          app={app}
          onClose={() => setSending(false)}
          onSent={(envelope) => {
            setSending(false);
            res.set({ items: [envelope, ...items] });
            setNotice("signing.section.sent");
          }}
        />
      ) : null}
    </section>
  );
}
