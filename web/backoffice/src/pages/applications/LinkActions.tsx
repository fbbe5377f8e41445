import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";

/** The customer's link, read-only, with a Copy button (and a fallback when copying is blocked). */
export function CopyLink({ link }: { link: string }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("yes");
    } catch {
      input.current?.select();
      setCopied("no");
    }
  };
  return (
    <div className="field ap-copy">
      <label htmlFor={id}>{t("applications.link.label")}</label>
      <div className="ap-copy__row">
        <input id={id} ref={input} readOnly value={link} dir="ltr" spellCheck={false} className="ap-copy__value" onFocus={(e) => e.target.select()} />
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {t("applications.link.copy")}
        </button>
      </div>
      <p role="status" className="muted ap-copy__status">
        {copied === "yes" ? t("applications.link.copied") : copied === "no" ? t("applications.link.copyManually") : null}
      </p>
    </div>
  );
}

/** "Send by SMS" / "Send by email": a fresh link goes to the customer (earlier links stop working). */
export function SendLinkButtons({ id, hasPhone, hasEmail, onSent }: { id: string; hasPhone: boolean; hasEmail: boolean; onSent?(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<"sms" | "email" | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (via: "sms" | "email") => {
    setBusy(via);
    setError(null);
    setDone(null);
    try {
      const sent = await applications.sendLink(id, via);
      setDone(sent?.to ? t(`applications.link.sentTo.${via}`, { to: sent.to }) : t(`applications.link.sent.${via}`));
      onSent?.();
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="ap-send">
      <div className="actions">
        <button type="button" className="button button--secondary" disabled={!hasPhone || busy !== null} onClick={() => void send("sms")}>
          {busy === "sms" ? t("common.working") : t("applications.link.sendSms")}
        </button>
        <button type="button" className="button button--secondary" disabled={!hasEmail || busy !== null} onClick={() => void send("email")}>
          {busy === "email" ? t("common.working") : t("applications.link.sendEmail")}
        </button>
      </div>
      <StatusMessage>{done}</StatusMessage>
      <ErrorMessage>{error}</ErrorMessage>
    </div>
  );
}
