import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { compliance } from "../../api/compliance";
import type { ComplianceDecisionInput, ComplianceReviewDetail } from "../../api/types";
import { ErrorMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";
import { TextAreaField } from "../../ui/Field";

type Choice = ComplianceDecisionInput["decision"];

/**
 * True match or false positive, with a reason. On a clear-pending review (a first officer proposed
 * to clear a block-band hit) the second officer confirms the clearing or overturns it.
 */
export function ReviewDecisionForm({ review, onDecided }: { review: ComplianceReviewDetail; onDecided(): void }) {
  const { t } = useTranslation();
  const confirming = review.actions.includes("confirm");
  const [choice, setChoice] = useState<Choice>("false_positive");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (review.actions.length === 0) return null;
  const clearing = review.band === "block" && !confirming;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setReasonError(undefined);
    const text = reason.trim();
    if (text.length < 3) {
      setReasonError(t("compliance.decision.reasonTooShort"));
      return;
    }
    setBusy(true);
    try {
      await compliance.decide(review.id, { decision: choice, reason: text });
      setReason("");
      onDecided();
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const label = (c: Choice) => (confirming ? t(c === "false_positive" ? "compliance.decision.confirmClear" : "compliance.decision.overturn") : t(`compliance.decision.${c}`));
  return (
    <section className="card" aria-labelledby="co-decision">
      <h2 id="co-decision">{t(confirming ? "compliance.decision.secondTitle" : "compliance.decision.title")}</h2>
      {clearing ? <p className="muted">{t("compliance.decision.fourEyesHint")}</p> : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="filter">
          <legend>{t("compliance.decision.choice")}</legend>
          <div className="segmented">
            {(["false_positive", "true_match"] as const).map((c) => (
              <label key={c} className={`segmented__item${choice === c ? " segmented__item--on" : ""}`}>
                <input type="radio" name="decision" value={c} checked={choice === c} onChange={() => setChoice(c)} />
                {label(c)}
              </label>
            ))}
          </div>
        </fieldset>
        <TextAreaField label={t("compliance.decision.reason")} hint={t("compliance.decision.reasonHint")} value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError} maxLength={2000} rows={3} required />
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t(confirming ? "compliance.decision.submitSecond" : clearing && choice === "false_positive" ? "compliance.decision.propose" : "compliance.decision.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
