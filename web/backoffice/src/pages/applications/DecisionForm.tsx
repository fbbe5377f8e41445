import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import { type ApplicationDetail, type DecisionInput, type DecisionResult, type InfoRequestItem, REJECT_REASONS, type RejectReason } from "../../api/types";
import { Link } from "../../router";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";
import { SelectField, TextAreaField } from "../../ui/Field";
import { localText } from "./shared";

type Choice = "approve" | "reject" | "request_info";

/** Approve, reject with a reason code, or ask the customer for named items (fields or steps). */
export function DecisionForm({ app, onDecided }: { app: ApplicationDetail; onDecided(result: DecisionResult): void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Choice>("approve");
  const [reasonCode, setReasonCode] = useState<RejectReason | "">("");
  const [reason, setReason] = useState("");
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ reasonCode?: string; items?: string; reason?: string }>({});
  const [busy, setBusy] = useState(false);
  const steps = app.steps.filter((s) => s.state !== "hidden");
  const held = choice === "approve" && app.complianceHold !== null;

  const toggle = (key: string) => setPicked((p) => (p.includes(key) ? p.filter((k) => k !== key) : [...p, key]));

  const body = (): DecisionInput | null => {
    const note = reason.trim();
    if (choice === "approve") return { decision: "approve", ...(note ? { reason: note } : {}) };
    if (choice === "reject") {
      if (!reasonCode) {
        setFieldErrors({ reasonCode: t("fieldErrors.required") });
        return null;
      }
      return { decision: "reject", reasonCode, ...(note ? { reason: note } : {}) };
    }
    if (picked.length === 0 || !note) {
      setFieldErrors({ ...(picked.length === 0 ? { items: t("applications.decision.pickItems") } : {}), ...(!note ? { reason: t("fieldErrors.required") } : {}) });
      return null;
    }
    const items: InfoRequestItem[] = picked.map((key) => {
      const [kind, id] = key.split(":") as ["step" | "field", string];
      if (kind === "step") return { step: id, note };
      const f = app.fields.find((x) => x.id === id);
      return { ...(f ? { step: f.step } : {}), field: id, note };
    });
    return { decision: "request_info", reason: note, items };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    const input = body();
    if (!input) {
      setError(t("form.checkFields"));
      return;
    }
    setBusy(true);
    try {
      onDecided(await applications.decide(app.id, input));
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="ap-decision">
      <h2 id="ap-decision">{t("applications.decision.title")}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="filter">
          <legend>{t("applications.decision.choice")}</legend>
          <div className="segmented">
            {(["approve", "reject", "request_info"] as const).map((c) => (
              <label key={c} className={`segmented__item${choice === c ? " segmented__item--on" : ""}`}>
                <input type="radio" name="decision" value={c} checked={choice === c} onChange={() => setChoice(c)} />
                {t(`applications.decision.${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {choice === "reject" ? (
          <SelectField label={t("applications.decision.reasonCode")} value={reasonCode} onChange={(e) => setReasonCode(e.target.value as RejectReason)} error={fieldErrors.reasonCode} required>
            <option value="">{t("applications.decision.chooseReason")}</option>
            {REJECT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`applications.rejectReasons.${r}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        {choice === "request_info" ? (
          <fieldset className="ap-picklist" aria-describedby={fieldErrors.items ? "ap-items-error" : undefined}>
            <legend>{t("applications.decision.items")}</legend>
            <ul>
              {steps.map((s) => (
                <li key={s.id}>
                  <label className="ap-check">
                    <input type="checkbox" checked={picked.includes(`step:${s.id}`)} onChange={() => toggle(`step:${s.id}`)} />
                    <span className="strong" dir="auto">
                      {t("applications.decision.wholeStep", { step: localText(s.title) || s.id })}
                    </span>
                  </label>
                  <ul>
                    {app.fields
                      .filter((f) => f.step === s.id)
                      .map((f) => (
                        <li key={f.id}>
                          <label className="ap-check">
                            <input type="checkbox" checked={picked.includes(`field:${f.id}`)} onChange={() => toggle(`field:${f.id}`)} />
                            <span dir="auto">{localText(f.label) || f.id}</span>
                          </label>
                        </li>
                      ))}
                  </ul>
                </li>
              ))}
            </ul>
            {fieldErrors.items ? (
              <p className="field__error" id="ap-items-error">
                {fieldErrors.items}
              </p>
            ) : null}
          </fieldset>
        ) : null}
        <TextAreaField
          label={choice === "request_info" ? t("applications.decision.noteToCustomer") : t("applications.decision.reason")}
          hint={choice === "request_info" ? t("applications.decision.noteHint") : undefined}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          maxLength={1000}
          error={fieldErrors.reason}
        />
        {held && app.complianceHold ? (
          <StatusMessage tone="info">
            {app.complianceHold.reason === "true_match" ? t("applications.decision.holdTrueMatch") : t("applications.decision.holdOpenReviews", { count: app.complianceHold.openReviews })}{" "}
            <Link to="/compliance">{t("applications.decision.holdLink")}</Link>
          </StatusMessage>
        ) : null}
        <ErrorMessage>{error}</ErrorMessage>
        <div className="actions">
          <button type="submit" className={`button${choice === "reject" ? " button--danger" : ""}`} disabled={busy || held}>
            {busy ? t("common.working") : t(`applications.decision.submit.${choice}`)}
          </button>
        </div>
      </form>
    </section>
  );
}
