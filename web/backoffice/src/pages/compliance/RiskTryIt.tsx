import { useState } from "react";
import { useTranslation } from "react-i18next";
import { risk } from "../../api/risk";
import type { RiskRuleSet, RiskTestResult } from "../../api/types";
import { ErrorMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";
import { TextField } from "../../ui/Field";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LEVEL_BADGE = { low: "badge--ok", medium: "badge--warn", high: "badge--error" } as const;

/** "Try it": the draft (when it has no problems) or the active version against one application; nothing is stored. */
export function RiskTryIt({ draft, labelOf }: { draft: RiskRuleSet | null; labelOf: (rule: string, english: string) => string }) {
  const { t } = useTranslation();
  const [applicationId, setApplicationId] = useState("");
  const [result, setResult] = useState<RiskTestResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const valid = UUID.test(applicationId.trim());
  const run = async (withDraft: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await risk.test(applicationId.trim(), withDraft && draft ? draft : undefined));
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="risk-try-title">
      <h2 id="risk-try-title">{t("risk.try.title")}</h2>
      <TextField
        label={t("risk.try.application")}
        hint={t("risk.try.hint")}
        dir="ltr"
        value={applicationId}
        onChange={(e) => setApplicationId(e.target.value)}
        error={applicationId.trim() && !valid ? t("risk.try.notId") : undefined}
      />
      <div className="risk-actions">
        <button type="button" className="button" disabled={!valid || !draft || busy} onClick={() => run(true)}>
          {t("risk.try.draft")}
        </button>
        <button type="button" className="button button--secondary" disabled={!valid || busy} onClick={() => run(false)}>
          {t("risk.try.active")}
        </button>
      </div>
      <ErrorMessage>{error ? problemMessage(t, error) : null}</ErrorMessage>
      {result ? (
        <div role="status">
          <p>
            <span className={`badge ${LEVEL_BADGE[result.level]}`}>{t(`risk.levels.${result.level}`)}</span> {t("risk.try.score", { score: result.score })}
            {" · "}
            {result.rulesVersion === null ? t("risk.try.ofDraft") : t("risk.versions.version", { n: result.rulesVersion })}
            {result.eddRequired ? <> · {t("risk.try.edd")}</> : null}
          </p>
          {result.matched.length === 0 ? <p className="muted">{t("risk.try.noMatch")}</p> : null}
          <ul>
            {result.matched.map((m) => (
              <li key={m.rule}>
                <span dir="auto">{labelOf(m.rule, m.label)}</span> <span className="muted">({m.rule}, {t("risk.try.points", { points: m.points })})</span>
              </li>
            ))}
          </ul>
          <details>
            <summary>{t("risk.try.facts")}</summary>
            <TableWrap label={t("risk.try.facts")}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("risk.try.fact")}</th>
                    <th scope="col">{t("risk.try.value")}</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(result.facts).map(([k, v]) => (
                    <tr key={k}>
                      <td dir="ltr">{k}</td>
                      <LabelledCell label={t("risk.try.value")}>
                        <span dir="ltr">{v === null ? "—" : String(v)}</span>
                      </LabelledCell>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </details>
        </div>
      ) : null}
    </section>
  );
}
