import { useTranslation } from "react-i18next";
import { compliance } from "../../api/compliance";
import type { ComplianceReviewDetail } from "../../api/types";
import { Link, useLocation } from "../../router";
import { useResource } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { Loading, LoadError, PageHead } from "../../ui/Page";
import { ReviewDecisionForm } from "./ReviewDecisionForm";
import { ReviewBandBadge, ReviewHighlight, ReviewScore, ReviewStatusBadge } from "./ReviewParts";

const dash = (v: string | null | undefined) => v || "—";

/** Applicant and list entry side by side, the words that matched marked on both. */
function ReviewComparison({ r }: { r: ComplianceReviewDetail }) {
  const { t } = useTranslation();
  const entryName = r.entry?.name ?? r.entryName;
  return (
    <div className="co-compare">
      <section className="card" aria-labelledby="co-applicant">
        <h2 id="co-applicant">{t("compliance.applicant")}</h2>
        <dl>
          <dt>{t("compliance.name")}</dt>
          <dd className="co-name" data-testid="applicant-name">
            <ReviewHighlight text={r.subject.name} against={r.matchedName} />
          </dd>
          <dt>{t("compliance.birthDate")}</dt>
          <dd dir="ltr">{dash(r.subject.birthDate)}</dd>
          <dt>{t("compliance.nationality")}</dt>
          <dd dir="ltr">{dash(r.subject.nationality)}</dd>
          <dt>{t("compliance.application")}</dt>
          <dd>
            {r.application ? (
              <Link to={`/applications/view?id=${encodeURIComponent(r.application.id)}`} dir="ltr">
                {r.application.reference}
              </Link>
            ) : (
              "—"
            )}
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="co-entry">
        <h2 id="co-entry">{t("compliance.listEntry")}</h2>
        <dl>
          <dt>{t("compliance.name")}</dt>
          <dd className="co-name" data-testid="entry-name">
            <ReviewHighlight text={entryName} against={r.subject.name} />
          </dd>
          {r.entry?.aliases.length ? (
            <>
              <dt>{t("compliance.aliases")}</dt>
              <dd>
                <ul className="co-aliases">
                  {r.entry.aliases.map((a) => (
                    <li key={a.name} data-matched={a.name === r.matchedName || undefined}>
                      {a.name === r.matchedName ? <mark dir="auto">{a.name}</mark> : <span dir="auto">{a.name}</span>}
                      {a.quality === "weak" ? <span className="muted"> ({t("compliance.weakAlias")})</span> : null}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          <dt>{t("compliance.birthDate")}</dt>
          <dd dir="ltr">{dash(r.entry?.birthDates.join(", "))}</dd>
          <dt>{t("compliance.nationality")}</dt>
          <dd dir="ltr">{dash(r.entry?.nationalities.join(", "))}</dd>
          <dt>{t("compliance.programs")}</dt>
          <dd dir="ltr">{dash(r.entry?.programs.join(", "))}</dd>
          <dt>{t("compliance.list")}</dt>
          <dd>
            {r.list.name} <span className="muted">({t(`compliance.kind.${r.list.kind}`)})</span>
            {r.listVersion !== null ? <span dir="ltr"> · v{r.listVersion}</span> : null}
          </dd>
          <dt>{t("compliance.entryId")}</dt>
          <dd className="co-mono" dir="ltr">
            {r.entryId}
          </dd>
          {r.entry && Object.keys(r.entry.details).length ? (
            <>
              <dt>{t("compliance.entryDetails")}</dt>
              <dd className="co-mono" dir="ltr">
                {Object.entries(r.entry.details)
                  .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
                  .join("\n")}
              </dd>
            </>
          ) : null}
        </dl>
      </section>
    </div>
  );
}

function ReviewEvidence({ r }: { r: ComplianceReviewDetail }) {
  const { t } = useTranslation();
  return (
    <section className="card co-evidence" aria-labelledby="co-evidence">
      <h2 id="co-evidence">{t("compliance.evidence.title")}</h2>
      <dl>
        <dt>{t("compliance.evidence.screenedAt")}</dt>
        <dd>{formatDateTime(r.evidence.screenedAt)}</dd>
        <dt>{t("compliance.evidence.reason")}</dt>
        <dd>{t(`compliance.origin.${r.evidence.reason}`)}</dd>
        <dt>{t("compliance.evidence.listVersion")}</dt>
        <dd className="co-mono" dir="ltr">
          {dash(r.evidence.listVersion)}
        </dd>
        <dt>{t("compliance.evidence.digest")}</dt>
        <dd className="co-mono" dir="ltr" data-testid="input-digest">
          {r.evidence.inputDigest}
        </dd>
        <dt>{t("compliance.evidence.provider")}</dt>
        <dd dir="ltr">{r.evidence.provider}</dd>
        <dt>{t("compliance.evidence.actor")}</dt>
        <dd dir="ltr">{r.evidence.actor}</dd>
        <dt>{t("compliance.evidence.matches")}</dt>
        <dd>{r.evidence.matches.length}</dd>
      </dl>
    </section>
  );
}

/** /compliance/review?id=…: one review with its evidence and the four-eyes decision. */
export function ReviewPage() {
  const { t } = useTranslation();
  const id = useLocation().query.get("id") ?? "";
  const review = useResource(() => compliance.review(id), [id]);
  const r = review.data;
  if (review.error) return <LoadError error={review.error} retry={review.reload} />;
  if (!r) return <Loading />;
  return (
    <>
      <PageHead title={t("compliance.reviewTitle", { name: r.subject.name })} actions={<Link to="/compliance">{t("compliance.back")}</Link>} />
      <div className="co-summary" data-testid="review-summary">
        <ReviewStatusBadge status={r.status} />
        <ReviewBandBadge band={r.band} />
        <span>
          {t("compliance.score")}: <ReviewScore score={r.score} />
        </span>
        <span className="muted">{t(`compliance.origin.${r.origin}`)}</span>
      </div>
      {r.proposal && r.status === "clear_pending" ? (
        <p className="card co-pending" role="status" data-testid="four-eyes">
          {t("compliance.proposedBy", { name: r.proposal.by.name, at: formatDateTime(r.proposal.at) })} <span dir="auto">“{r.proposal.reason}”</span>
          {r.actions.length === 0 ? <> {t("compliance.ownProposal")}</> : null}
        </p>
      ) : null}
      {r.decision ? (
        <p className="card" role="status" data-testid="decided">
          {t("compliance.decidedBy", { decision: t(`compliance.status.${r.decision.decision}`), name: r.decision.by.name, at: formatDateTime(r.decision.at) })} <span dir="auto">“{r.decision.reason}”</span>
        </p>
      ) : null}
      <ReviewComparison r={r} />
      <ReviewDecisionForm key={`${r.status}-${r.actions.join()}`} review={r} onDecided={review.reload} />
      <ReviewEvidence r={r} />
      <section className="card" aria-labelledby="co-history">
        <h2 id="co-history">{t("compliance.history.title")}</h2>
        <ol className="co-history">
          {r.history.map((h) => (
            <li key={`${h.at}-${h.action}`}>
              <span dir="ltr">{formatDateTime(h.at)}</span> — {t(`compliance.history.${h.action.replace("compliance.", "")}`, { defaultValue: h.action })} · <span dir="auto">{h.actor === "system" ? t("compliance.history.system") : h.actor}</span>
              {typeof h.data.reason === "string" ? (
                <>
                  {" "}
                  <span dir="auto">“{h.data.reason}”</span>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
