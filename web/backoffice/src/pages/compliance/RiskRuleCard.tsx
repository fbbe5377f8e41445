import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RuleProblem } from "../../../../../src/modules/risk/rules";
import { TextAreaField, TextField } from "../../ui/Field";
import { type DraftRule, problemsAt, RISK_LOCALES } from "./RiskModel";

interface Props {
  rule: DraftRule;
  index: number;
  /** Opened at first (a rule just added). */
  startOpen?: boolean;
  problems: RuleProblem[];
  readOnly: boolean;
  onChange(rule: DraftRule): void;
  onRemove(): void;
}

/** A translated message for a problem of the rule set (by its code; the English message as a fallback). */
export function useProblemText() {
  const { t } = useTranslation();
  return (p: RuleProblem) => t(`risk.problems.${p.code}`, { defaultValue: p.message });
}

/** One rule: id, points, its reason in every language and its condition as JSON, checked as it is typed. */
export function RiskRuleCard({ rule, index, startOpen = false, problems, readOnly, onChange, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(startOpen);
  const text = useProblemText();
  const base = `rules.${index}`;
  const at = (field: string) => {
    const found = problemsAt(problems, `${base}.${field}`);
    return found.length ? found.map(text).join(" · ") : undefined;
  };
  const whenProblems = problemsAt(problems, `${base}.when`);
  const whenError = whenProblems.length ? whenProblems.map((p) => `${p.path.slice(base.length + 6) || "when"}: ${text(p)}`).join(" · ") : undefined;
  const mine = problemsAt(problems, base);
  return (
    <li className="card risk-rule" aria-label={t("risk.rules.ruleLabel", { id: rule.id || index + 1 })}>
      <details open={open || mine.length > 0} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <span className="strong" dir="ltr">
            {rule.id}
          </span>{" "}
          · {t("risk.try.points", { points: rule.points })} · <span dir="auto">{rule.label[i18n.language] || rule.label.en}</span>
          {mine.length ? <span className="badge badge--error"> {t("risk.rules.problems", { n: mine.length })}</span> : null}
        </summary>
      <div className="risk-rule__row">
        <TextField label={t("risk.rules.id")} value={rule.id} dir="ltr" readOnly={readOnly} maxLength={64} error={at("id")} onChange={(e) => onChange({ ...rule, id: e.target.value })} />
        <TextField
          label={t("risk.rules.points")}
          type="number"
          inputMode="numeric"
          min={-100}
          max={100}
          value={rule.points}
          readOnly={readOnly}
          error={at("points")}
          onChange={(e) => onChange({ ...rule, points: e.target.value })}
        />
      </div>
      <fieldset className="risk-rule__labels">
        <legend>{t("risk.rules.labels")}</legend>
        {RISK_LOCALES.map((lang) => (
          <TextField
            key={lang}
            label={t(`risk.languages.${lang}`)}
            lang={lang}
            dir="auto"
            value={rule.label[lang] ?? ""}
            readOnly={readOnly}
            maxLength={300}
            error={at(`label.${lang}`)}
            onChange={(e) => onChange({ ...rule, label: { ...rule.label, [lang]: e.target.value } })}
          />
        ))}
      </fieldset>
      <TextAreaField
        label={t("risk.rules.when")}
        hint={t("risk.rules.whenHint")}
        className="risk-rule__when"
        dir="ltr"
        spellCheck={false}
        rows={Math.min(14, rule.when.split("\n").length + 1)}
        value={rule.when}
        readOnly={readOnly}
        error={whenError}
        onChange={(e) => onChange({ ...rule, when: e.target.value })}
      />
      {readOnly ? null : (
        <button type="button" className="button button--small button--secondary" onClick={onRemove}>
          {t("risk.rules.remove", { id: rule.id })}
        </button>
      )}
      </details>
    </li>
  );
}
