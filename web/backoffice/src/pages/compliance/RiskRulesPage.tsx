import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { risk } from "../../api/risk";
import type { RiskRuleSetVersion } from "../../api/types";
import { useCan } from "../../session";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { problemMessage } from "../../ui/errors";
import { TextAreaField, TextField } from "../../ui/Field";
import { LoadError, Loading, PageHead } from "../../ui/Page";
import { type Draft, draftProblems, fromDraft, newRule, problemsAt, toDraft } from "./RiskModel";
import { RiskRuleCard, useProblemText } from "./RiskRuleCard";
import { RiskTryIt } from "./RiskTryIt";
import { RiskVersions } from "./RiskVersions";
import "./risk.css";

/** /compliance/risk: the versioned risk rules, edited as a structured list, checked live, saved as a new version, tried on an application. */
export function RiskRulesPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const text = useProblemText();
  const editable = can("risk:write");
  const rules = useResource(() => risk.rules(), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  /** Rules loaded from a version start closed; rules added here start open. */
  const [initialKeys, setInitialKeys] = useState<Set<string>>(new Set());

  useEffect(() => {
    if (!rules.data) return;
    const d = toDraft(rules.data.active.definition);
    setInitialKeys(new Set(d.rules.map((r) => r.key)));
    setDraft(d);
  }, [rules.data]);

  const problems = useMemo(() => (draft ? draftProblems(draft) : []), [draft]);
  const built = useMemo(() => (draft ? fromDraft(draft).set : null), [draft]);
  const changed = !!(rules.data && built && JSON.stringify(built) !== JSON.stringify(fromDraft(toDraft(rules.data.active.definition)).set));

  function load(d: Draft) {
    setInitialKeys(new Set(d.rules.map((r) => r.key)));
    setDraft(d);
  }
  const update = (patch: Partial<Draft>) => {
    setSaved(null);
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };
  const save = async () => {
    if (!built || problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const v = await risk.save(built, note);
      setNote("");
      setSaved(v.version);
      rules.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const copy = (v: RiskRuleSetVersion) => {
    setSaved(null);
    load(toDraft(v.definition));
  };
  /** A matched rule's reason in the UI language, from the active version (the stored label is English). */
  const labelOf = (id: string, english: string) => {
    const rule = rules.data?.active.definition.rules.find((r) => r.id === id);
    return rule?.label[i18n.language] || english;
  };
  const at = (path: string) => {
    const found = problemsAt(problems, path).filter((p) => path !== "thresholds" || p.path === "thresholds");
    return found.length ? found.map(text).join(" · ") : undefined;
  };

  return (
    <>
      <PageHead title={t("risk.title")} intro={t("risk.intro")} />
      {rules.error ? <LoadError error={rules.error} retry={rules.reload} /> : null}
      {rules.loading && !rules.data ? <Loading /> : null}
      {rules.data && draft ? (
        <>
          <p>
            {t("risk.activeVersion", { n: rules.data.active.version })} {changed ? <span className="badge badge--warn">{t("risk.unsaved")}</span> : null}
          </p>
          <section className="card" aria-labelledby="risk-thresholds-title">
            <h2 id="risk-thresholds-title">{t("risk.thresholds.title")}</h2>
            <p className="muted">{t("risk.thresholds.intro")}</p>
            <div className="risk-rule__row">
              <TextField label={t("risk.thresholds.medium")} type="number" min={1} max={100} value={draft.medium} readOnly={!editable} error={at("thresholds.medium")} onChange={(e) => update({ medium: e.target.value })} />
              <TextField label={t("risk.thresholds.high")} type="number" min={1} max={100} value={draft.high} readOnly={!editable} error={at("thresholds.high") ?? at("thresholds")} onChange={(e) => update({ high: e.target.value })} />
            </div>
            <TextField
              label={t("risk.countries.label")}
              hint={t("risk.countries.hint")}
              dir="ltr"
              value={draft.countries}
              readOnly={!editable}
              error={at("lists")}
              onChange={(e) => update({ countries: e.target.value })}
            />
          </section>
          <section aria-labelledby="risk-rules-title">
            <h2 id="risk-rules-title">{t("risk.rules.title", { n: draft.rules.length })}</h2>
            <ol className="risk-rules">
              {draft.rules.map((r, i) => (
                <RiskRuleCard
                  key={r.key}
                  rule={r}
                  index={i}
                  startOpen={!initialKeys.has(r.key)}
                  problems={problems}
                  readOnly={!editable}
                  onChange={(next) => update({ rules: draft.rules.map((x) => (x.key === r.key ? next : x)) })}
                  onRemove={() => update({ rules: draft.rules.filter((x) => x.key !== r.key) })}
                />
              ))}
            </ol>
            {editable ? (
              <button type="button" className="button button--secondary" onClick={() => update({ rules: [...draft.rules, newRule(draft.rules.map((r) => r.id))] })}>
                {t("risk.rules.add")}
              </button>
            ) : null}
          </section>
          {editable ? (
            <section className="card" aria-labelledby="risk-save-title">
              <h2 id="risk-save-title">{t("risk.save.title")}</h2>
              <div role="status" className={problems.length ? "alert alert--info" : "alert-slot"}>
                {problems.length ? t("risk.save.problems", { n: problems.length }) : null}
              </div>
              <TextAreaField label={t("risk.save.note")} hint={t("risk.save.noteHint")} dir="auto" maxLength={500} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
              <div className="risk-actions">
                <button type="button" className="button" disabled={busy || problems.length > 0 || !changed} onClick={save}>
                  {busy ? t("risk.save.saving") : t("risk.save.button")}
                </button>
                <button type="button" className="button button--secondary" disabled={busy || !changed} onClick={() => copy(rules.data?.active as RiskRuleSetVersion)}>
                  {t("risk.save.discard")}
                </button>
              </div>
              <ErrorMessage>{error ? problemMessage(t, error) : null}</ErrorMessage>
              <StatusMessage>{saved ? t("risk.save.saved", { n: saved }) : null}</StatusMessage>
            </section>
          ) : null}
          <RiskTryIt draft={problems.length ? null : built} labelOf={labelOf} />
          <RiskVersions versions={rules.data.versions} active={rules.data.active.version} onCopy={editable ? copy : undefined} />
        </>
      ) : null}
    </>
  );
}
