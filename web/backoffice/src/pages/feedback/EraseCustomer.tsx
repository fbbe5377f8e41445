import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { responses } from "../../api/feedback";
import type { ResponseDetail } from "../../api/types";
import { navigate } from "../../router";
import { ErrorMessage } from "../../ui/Alert";
import { useForm } from "../../ui/form";

/** Who this response belongs to, in the terms the erasure API takes (contact, customer id, email). */
function subject(r: ResponseDetail): { contactId?: string; customerId?: string; email?: string } | null {
  if (r.contactId) return { contactId: r.contactId };
  if (r.hidden.customerId) return { customerId: r.hidden.customerId };
  if (r.hidden.email) return { email: r.hidden.email };
  return null;
}

/**
 * Right to erasure (responses:erase): deletes every response of this customer across the bank's
 * surveys, after a dialog that says so.
 */
export function EraseCustomer({ r }: { r: ResponseDetail }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useForm();
  const [done, setDone] = useState<number | null>(null);
  const who = subject(r);

  const erase = () =>
    form.submit(null, async () => {
      if (!who) return;
      const { deleted } = await responses.erase(who);
      setDone(deleted);
      dialog.current?.close();
      navigate(`/surveys/results?id=${encodeURIComponent(r.surveyId)}&erased=${deleted}`);
    });

  return (
    <section className="danger-zone" aria-labelledby="fb-erase">
      <h2 id="fb-erase">{t("feedback.erase.title")}</h2>
      {who ? (
        <>
          <p>{t("feedback.erase.intro")}</p>
          <button type="button" className="button button--danger" onClick={() => dialog.current?.showModal()}>
            {t("feedback.erase.open")}
          </button>
        </>
      ) : (
        <p className="muted">{t("feedback.erase.anonymous")}</p>
      )}
      {done !== null ? <p role="status">{t("feedback.erase.done", { count: done })}</p> : null}
      <dialog ref={dialog} className="fb-dialog" aria-labelledby="fb-erase-title">
        <h2 id="fb-erase-title">{t("feedback.erase.confirmTitle")}</h2>
        <p>{t("feedback.erase.consequence")}</p>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <div className="actions">
          <button type="button" className="button button--danger" disabled={form.busy} onClick={() => void erase()}>
            {t("feedback.erase.confirm")}
          </button>
          <button type="button" className="button button--secondary" onClick={() => dialog.current?.close()}>
            {t("common.cancel")}
          </button>
        </div>
      </dialog>
    </section>
  );
}
