import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import type { ApplicationDetail } from "../../api/types";
import { useCan, useMe } from "../../session";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";
import { TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { formatDateTime } from "../../ui/format";
import { SendLinkButtons } from "./LinkActions";

const DECIDED = new Set(["approved", "rejected", "funded", "cancelled"]);

/** One button's call: busy while it runs, its error translated next to it. */
function useAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(problemMessage(t, err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** The agent's actions: send the link again, revoke it, cancel the application. */
export function AgentActions({ app, onChange }: { app: ApplicationDetail; onChange(next: ApplicationDetail): void }) {
  const { t } = useTranslation();
  const revoke = useAction();
  const cancel = useAction();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  if (DECIDED.has(app.status)) return null;
  const submitCancel = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError(t("fieldErrors.required"));
      return;
    }
    setReasonError(undefined);
    await cancel.run(async () => {
      onChange(await applications.cancel(app.id, reason.trim()));
      setCancelling(false);
    });
  };
  return (
    <section className="card" aria-labelledby="ap-link-actions">
      <h2 id="ap-link-actions">{t("applications.actions.linkTitle")}</h2>
      {app.link ? (
        <p className="muted">
          {app.link.revoked
            ? t("applications.actions.linkRevoked")
            : t("applications.actions.linkExpires", { at: formatDateTime(app.link.expiresAt) })}
        </p>
      ) : null}
      <SendLinkButtons id={app.id} hasPhone={!!app.customer.phone} hasEmail={!!app.customer.email} />
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={revoke.busy}
          onClick={() =>
            void revoke.run(async () => {
              onChange(await applications.revoke(app.id));
              setNotice(t("applications.actions.revoked"));
            })
          }
        >
          {t("applications.actions.revoke")}
        </button>
        {!cancelling ? (
          <button type="button" className="button button--danger" onClick={() => setCancelling(true)}>
            {t("applications.actions.cancel")}
          </button>
        ) : null}
      </div>
      <StatusMessage>{notice}</StatusMessage>
      <ErrorMessage>{revoke.error}</ErrorMessage>
      {cancelling ? (
        <form className="inline-form" onSubmit={(e) => void submitCancel(e)} noValidate>
          <TextField label={t("applications.actions.cancelReason")} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} error={reasonError} autoFocus />
          <ErrorMessage>{cancel.error}</ErrorMessage>
          <FormActions busy={cancel.busy} submit={t("applications.actions.cancelSubmit")} busyLabel={t("common.working")} onCancel={() => setCancelling(false)} />
        </form>
      ) : null}
    </section>
  );
}

/** Assign to me / unassign (applications:review), mark funded (applications:fund). */
export function ReviewActions({ app, onChange }: { app: ApplicationDetail; onChange(next: Partial<ApplicationDetail>): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const assign = useAction();
  const fund = useAction();
  const [account, setAccount] = useState("");
  const mine = app.assignee?.id === me.id;
  const review = can("applications:review") && !DECIDED.has(app.status);
  const funding = can("applications:fund") && app.status === "approved";
  if (!review && !funding) return null;
  return (
    <section className="card" aria-labelledby="ap-review-actions">
      <h2 id="ap-review-actions">{t("applications.actions.reviewTitle")}</h2>
      {review ? (
        <>
          <p>
            {t("applications.assignee")}: <span className="strong">{app.assignee?.name ?? t("applications.unassigned")}</span>
          </p>
          <div className="actions">
            {!mine ? (
              <button type="button" className="button button--secondary" disabled={assign.busy} onClick={() => void assign.run(async () => onChange(await applications.assign(app.id, me.id)))}>
                {t("applications.actions.assignMe")}
              </button>
            ) : null}
            {app.assignee ? (
              <button type="button" className="button button--secondary" disabled={assign.busy} onClick={() => void assign.run(async () => onChange(await applications.assign(app.id, null)))}>
                {t("applications.actions.unassign")}
              </button>
            ) : null}
          </div>
          <ErrorMessage>{assign.error}</ErrorMessage>
        </>
      ) : null}
      {funding ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void fund.run(async () => {
              const r = await applications.funded(app.id, account.trim() ? { accountNumber: account.trim() } : {});
              onChange({ status: r.status, fundedAt: r.fundedAt });
            });
          }}
        >
          <TextField label={t("applications.actions.accountNumber")} dir="ltr" value={account} onChange={(e) => setAccount(e.target.value)} maxLength={64} />
          <ErrorMessage>{fund.error}</ErrorMessage>
          <div className="actions">
            <button type="submit" className="button" disabled={fund.busy}>
              {t("applications.actions.markFunded")}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
