import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import type { ApplicationDetail, ApplicationDocument } from "../../api/types";
import { ErrorMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";
import { TextAreaField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { formatDateTime } from "../../ui/format";
import { localText } from "./shared";

const TONE = { uploaded: "warn", accepted: "ok", rejected: "error", replaced: "muted", removed: "muted" } as const;

function kb(size: number): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(Math.max(1, size / 1024));
}

/** Uploaded documents: images inline, PDFs in a new tab; a reviewer accepts or rejects each. */
export function DocumentsSection({ app, canReview, onChanged }: { app: ApplicationDetail; canReview: boolean; onChanged(doc: ApplicationDocument): void }) {
  const { t } = useTranslation();
  const [rejecting, setRejecting] = useState<ApplicationDocument | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const docs = app.documents.filter((d) => d.status !== "removed");
  const fieldLabel = (id: string) => {
    const f = app.fields.find((x) => x.id === id);
    return f ? localText(f.label) || f.id : id;
  };
  const accept = async (d: ApplicationDocument) => {
    setBusy(d.id);
    setErrors((e) => ({ ...e, [d.id]: "" }));
    try {
      onChanged(await applications.acceptDocument(app.id, d.id));
    } catch (err) {
      setErrors((e) => ({ ...e, [d.id]: problemMessage(t, err) }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="section" aria-labelledby="ap-documents">
      <h2 id="ap-documents">{t("applications.documents.title")}</h2>
      {docs.length === 0 ? <p className="empty">{t("applications.documents.none")}</p> : null}
      <ul className="ap-docs">
        {docs.map((d) => {
          const url = applications.documentUrl(app.id, d.id);
          const open = d.status === "uploaded" || d.status === "accepted";
          return (
            <li key={d.id} className="card ap-doc" data-document={d.id}>
              <div className="ap-section-head">
                <h3 dir="auto">{fieldLabel(d.fieldId)}</h3>
                <span className={`badge badge--${TONE[d.status]}`}>{t(`applications.documents.status.${d.status}`)}</span>
              </div>
              {d.contentType === "application/pdf" ? (
                <p>
                  <a href={url} target="_blank" rel="noopener noreferrer" dir="auto">
                    {d.fileName || t("applications.documents.pdf")}
                  </a>{" "}
                  <span className="muted">({t("applications.documents.opensNewTab")})</span>
                </p>
              ) : (
                <a href={url} target="_blank" rel="noopener noreferrer" className="ap-doc__image">
                  <img src={url} alt={t("applications.documents.imageAlt", { name: d.fileName, field: fieldLabel(d.fieldId) })} loading="lazy" />
                </a>
              )}
              <p className="muted ap-note">
                <span dir="auto">{d.fileName}</span> · {t("applications.documents.kb", { size: kb(d.size) })} · {formatDateTime(d.uploadedAt)}
              </p>
              {d.rejectReason ? (
                <p className="ap-note">
                  {t("applications.documents.rejectedBecause")} <span dir="auto">{d.rejectReason}</span>
                </p>
              ) : null}
              {canReview && open ? (
                <div className="actions">
                  {d.status !== "accepted" ? (
                    <button type="button" className="button button--small" disabled={busy === d.id} onClick={() => void accept(d)}>
                      {t("applications.documents.accept")}
                      <span className="visually-hidden"> {d.fileName}</span>
                    </button>
                  ) : null}
                  <button type="button" className="button button--small button--danger" onClick={() => setRejecting(d)}>
                    {t("applications.documents.reject")}
                    <span className="visually-hidden"> {d.fileName}</span>
                  </button>
                </div>
              ) : null}
              <ErrorMessage>{errors[d.id] || null}</ErrorMessage>
            </li>
          );
        })}
      </ul>
      {rejecting ? (
        <RejectDialog
          appId={app.id}
          doc={rejecting}
          onClose={() => setRejecting(null)}
          onRejected={(doc) => {
            setRejecting(null);
            onChanged(doc);
          }}
        />
      ) : null}
    </section>
  );
}

/** A modal asking why: the customer reads the reason with the link to upload that item again. */
function RejectDialog({ appId, doc, onClose, onRejected }: { appId: string; doc: ApplicationDocument; onClose(): void; onRejected(doc: ApplicationDocument): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t("fieldErrors.required"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onRejected(await applications.rejectDocument(appId, doc.id, reason.trim()));
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="ap-dialog" aria-labelledby="ap-reject-title" onCancel={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="ap-reject-title">{t("applications.documents.rejectTitle")}</h2>
        <p dir="auto">{doc.fileName}</p>
        <TextAreaField
          label={t("applications.documents.reason")}
          hint={t("applications.documents.reasonHint")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          maxLength={500}
          error={error ?? undefined}
          autoFocus
        />
        <FormActions busy={busy} submit={t("applications.documents.rejectSubmit")} busyLabel={t("common.working")} onCancel={onClose} />
      </form>
    </dialog>
  );
}
