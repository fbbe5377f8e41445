import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { saveBlob, signing } from "../../api/signing";
import type { Envelope, EnvelopeSigner } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";
import { TextAreaField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { formatDateTime } from "../../ui/format";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { AuditTrail } from "./AuditTrail";
import { ENVELOPE_TONE, fileName, SEAL_TONE, SIGNER_TONE, useModal } from "./shared";

/** One signing request: its state, documents, signers, and what staff may do with it. */
export function EnvelopeCard({ envelope, canSend, onChange }: { envelope: Envelope; canSend: boolean; onChange(next: Envelope): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A catalogue key, so the message follows a change of language.
  const [notice, setNotice] = useState<string | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [trail, setTrail] = useState(false);
  const e = envelope;
  const open = e.status === "sent";
  const title = t("signing.section.envelopeTitle", { date: formatDateTime(e.createdAt) });
  const headId = `env-${e.id}`;

  const act = async (what: string, call: () => Promise<Envelope>, done: string) => {
    setBusy(what);
    setError(null);
    setNotice(null);
    try {
      onChange(await call());
      setNotice(done);
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(null);
    }
  };
  const download = async (documentId: string, name: string, version: "original" | "signed") => {
    setError(null);
    try {
      saveBlob(await signing.document(e.id, documentId, version), fileName(name, version === "signed" ? "-signed.pdf" : ".pdf"));
    } catch (err) {
      setError(problemMessage(t, err));
    }
  };

  return (
    <li className="card sg-envelope" data-envelope={e.id} aria-labelledby={headId}>
      <div className="ap-section-head">
        <h3 id={headId}>{title}</h3>
        <span className={`badge badge--${ENVELOPE_TONE[e.status]}`}>{t(`signing.status.${e.status}`)}</span>{" "}
        {e.sealStatus !== "none" ? <span className={`badge badge--${SEAL_TONE[e.sealStatus]}`}>{t(`signing.seal.${e.sealStatus}`)}</span> : null}
      </div>
      <dl className="facts sg-facts" aria-label={t("signing.envelope.facts")}>
        <div>
          <dt>{t("signing.envelope.routing")}</dt>
          <dd>{t(`signing.routing.${e.routing}`)}</dd>
        </div>
        <div>
          <dt>{t("signing.envelope.expires")}</dt>
          <dd>{formatDateTime(e.expiresAt)}</dd>
        </div>
        <div>
          <dt>{t("signing.envelope.reminders")}</dt>
          <dd>{e.reminderEveryHours ? t("signing.envelope.remindersEvery", { hours: e.reminderEveryHours }) : t("signing.envelope.remindersOff")}</dd>
        </div>
        {e.completedAt ? (
          <div>
            <dt>{t("signing.envelope.completed")}</dt>
            <dd>{formatDateTime(e.completedAt)}</dd>
          </div>
        ) : null}
        {e.closedAt ? (
          <div>
            <dt>{t("signing.envelope.closed")}</dt>
            <dd>
              {formatDateTime(e.closedAt)}
              {e.closeReason ? (
                <>
                  <br />
                  <span className="muted" dir="auto">
                    {t("signing.envelope.closeReason")}: {e.closeReason}
                  </span>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {e.stepId ? <p className="muted">{t("signing.envelope.fromStep", { step: e.stepId })}</p> : null}
      {e.sealStatus === "failed" ? (
        <div className="alert alert--error sg-seal-error">
          <p>
            {t("signing.seal.failedBecause")} <span dir="ltr">{e.sealError ?? "—"}</span>
          </p>
          {canSend ? (
            <button type="button" className="button button--small" disabled={busy !== null} onClick={() => void act("seal", () => signing.retrySeal(e.id), "signing.seal.retried")}>
              {t("signing.seal.retry")}
            </button>
          ) : null}
        </div>
      ) : null}

      <h4>{t("signing.envelope.documents")}</h4>
      <ul className="sg-docs">
        {e.documents.map((d) => (
          <li key={d.id} data-document={d.id}>
            <span dir="auto">{d.name}</span>{" "}
            <span className="muted">
              ({t(`applications.languages.${d.language}`, { defaultValue: d.language })}, v{d.templateVersion})
            </span>{" "}
            <button type="button" className="button button--link" onClick={() => void download(d.id, d.name, "original")}>
              {t("signing.envelope.original")}
              <span className="visually-hidden"> {t("signing.envelope.downloadOriginal", { name: d.name })}</span>
            </button>
            {d.signedSha256 ? (
              <>
                {" · "}
                <button type="button" className="button button--link" onClick={() => void download(d.id, d.name, "signed")}>
                  {t("signing.envelope.signed")}
                  <span className="visually-hidden"> {t("signing.envelope.downloadSigned", { name: d.name })}</span>
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>

      <h4>{t("signing.envelope.signers")}</h4>
      <SignersTable signers={e.signers} label={`${t("signing.envelope.signers")} — ${title}`} />

      <StatusMessage>{notice ? t(notice) : null}</StatusMessage>
      <ErrorMessage>{error}</ErrorMessage>
      <div className="actions">
        {canSend && open ? (
          <>
            <button type="button" className="button button--small button--secondary" disabled={busy !== null} onClick={() => void act("remind", () => signing.remind(e.id), "signing.envelope.reminded")}>
              {t("signing.envelope.remind")}
            </button>
            <button type="button" className="button button--small button--danger" disabled={busy !== null} onClick={() => setVoiding(true)}>
              {t("signing.envelope.void")}
            </button>
          </>
        ) : null}
        <button type="button" className="button button--small button--secondary" aria-expanded={trail} onClick={() => setTrail((v) => !v)}>
          {trail ? t("signing.envelope.hideAuditTrail") : t("signing.envelope.auditTrail")}
        </button>
      </div>
      {trail ? <AuditTrail envelope={e} /> : null}
      {voiding ? (
        <VoidDialog
          envelope={e}
          onClose={() => setVoiding(false)}
          onVoided={(next) => {
            setVoiding(false);
            onChange(next);
            setNotice("signing.envelope.voided");
          }}
        />
      ) : null}
    </li>
  );
}

function SignersTable({ signers, label }: { signers: EnvelopeSigner[]; label: string }) {
  const { t } = useTranslation();
  return (
    <TableWrap label={label} className="table-wrap--stack">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("signing.signer.name")}</th>
            <th scope="col">{t("signing.signer.role")}</th>
            <th scope="col">{t("signing.signer.contact")}</th>
            <th scope="col">{t("signing.signer.status")}</th>
            <th scope="col">{t("signing.signer.times")}</th>
            <th scope="col">{t("signing.signer.reminders")}</th>
          </tr>
        </thead>
        <tbody>
          {[...signers]
            .sort((a, b) => a.position - b.position)
            .map((s) => (
              <tr key={s.id} data-signer={s.id}>
                <th scope="row" className="cell--head" dir="auto">
                  {s.name}
                </th>
                <LabelledCell label={t("signing.signer.role")}>{t(`signing.roles.${s.role}`)}</LabelledCell>
                <LabelledCell label={t("signing.signer.contact")}>
                  <span dir="ltr">{[s.email, s.phone].filter(Boolean).join(" · ") || "—"}</span>
                </LabelledCell>
                <LabelledCell label={t("signing.signer.status")}>
                  <span className={`badge badge--${SIGNER_TONE[s.status]}`}>{t(`signing.signerStatus.${s.status}`)}</span>
                  {s.declineReason ? (
                    <>
                      <br />
                      <span className="muted">{t("signing.signer.declineReason")}</span> <span dir="auto">{s.declineReason}</span>
                    </>
                  ) : null}
                </LabelledCell>
                <LabelledCell label={t("signing.signer.times")}>
                  <SignerTimes signer={s} />
                </LabelledCell>
                <LabelledCell label={t("signing.signer.reminders")}>
                  {s.remindersSent}
                  {s.lastReminderAt ? <span className="muted"> ({t("signing.signer.lastReminder", { at: formatDateTime(s.lastReminderAt) })})</span> : null}
                </LabelledCell>
              </tr>
            ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function SignerTimes({ signer: s }: { signer: EnvelopeSigner }) {
  const { t } = useTranslation();
  const lines = [
    s.sentAt && t("signing.signer.sentAt", { at: formatDateTime(s.sentAt) }),
    s.viewedAt && t("signing.signer.viewedAt", { at: formatDateTime(s.viewedAt) }),
    s.consentedAt && t("signing.signer.consentedAt", { at: formatDateTime(s.consentedAt) }),
    s.signedAt && t("signing.signer.signedAt", { at: formatDateTime(s.signedAt) }),
    s.declinedAt && t("signing.signer.declinedAt", { at: formatDateTime(s.declinedAt) }),
  ].filter((x): x is string => Boolean(x));
  if (lines.length === 0) return <>—</>;
  return (
    <span className="sg-times">
      {lines.map((l) => (
        <span key={l}>{l}</span>
      ))}
    </span>
  );
}

/** Cancels the request: a reason is required and kept in the audit trail. */
function VoidDialog({ envelope, onClose, onVoided }: { envelope: Envelope; onClose(): void; onVoided(next: Envelope): void }) {
  const { t } = useTranslation();
  const ref = useModal();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!reason.trim()) return setError(t("fieldErrors.required"));
    setBusy(true);
    setError(null);
    try {
      onVoided(await signing.void(envelope.id, reason.trim()));
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="ap-dialog" aria-labelledby="sg-void-title" aria-describedby="sg-void-text" onCancel={onClose}>
      <form onSubmit={(ev) => void submit(ev)} noValidate>
        <h2 id="sg-void-title">{t("signing.voidDialog.title")}</h2>
        <p id="sg-void-text">{t("signing.voidDialog.text")}</p>
        <TextAreaField
          label={t("signing.voidDialog.reason")}
          hint={t("signing.voidDialog.reasonHint")}
          value={reason}
          onChange={(ev) => setReason(ev.target.value)}
          rows={3}
          maxLength={500}
          error={error ?? undefined}
          autoFocus
        />
        <FormActions busy={busy} submit={t("signing.voidDialog.submit")} busyLabel={t("common.working")} onCancel={onClose} />
      </form>
    </dialog>
  );
}
