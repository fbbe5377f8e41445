/**
 * Every check of the case with its evidence (provider, time, actor, input digest, list version)
 * and its details per kind: the MRZ read from an identity document (with corrections and
 * warnings, and the photo), the cross-check's review reasons, screening matches with a link to
 * the compliance review; then the risk assessment (level, score, reasons, rules version, EDD).
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import type { ApplicationCheck, ApplicationDetail } from "../../api/types";
import { Link } from "../../router";
import { formatDateTime } from "../../ui/format";
import { TableWrap } from "../../ui/TableWrap";
import { RiskBadge } from "./shared";

type T = (key: string, opts?: Record<string, unknown>) => string;
type Dict = Record<string, unknown>;

const TONE = { pass: "ok", review: "warn", fail: "error" } as const;
const MRZ_FIELDS = ["documentCode", "documentNumber", "surname", "givenNames", "nationality", "issuingState", "birthDate", "expiryDate", "sex", "optionalData"] as const;

const isDict = (v: unknown): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): Dict[] => (Array.isArray(v) ? v.filter(isDict) : []);
const str = (v: unknown): string => (v === null || v === undefined || v === "" ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

function actorText(t: T, actor: string): string {
  if (actor === "customer" || actor === "system") return t(`applications.actors.${actor}`);
  const [kind, id] = actor.split(":");
  return kind === "user" ? t("applications.checkDetails.byUser", { id }) : kind === "api_key" ? t("applications.checkDetails.byKey", { id }) : actor;
}

function Pairs({ rows, label }: { rows: [string, ReactNode][]; label: string }) {
  return (
    <TableWrap label={label}>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td dir="auto" className="ap-answer">
                {v}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Reasons({ reasons }: { reasons: Dict[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return <p className="muted">{t("applications.checkDetails.noReasons")}</p>;
  return (
    <ul className="ap-list" aria-label={t("applications.checkDetails.reasons")}>
      {reasons.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: reasons are a fixed list of the stored check
        <li key={i}>
          <span className="strong">{t(`applications.checkDetails.reasonCodes.${str(r.code)}`, { defaultValue: str(r.code) })}</span>
          {typeof r.message === "string" ? (
            <span dir="auto" className="muted">
              {" "}
              — {r.message}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function IdentityDocument({ app, check }: { app: ApplicationDetail; check: ApplicationCheck }) {
  const { t } = useTranslation();
  const d = check.details;
  if (d.status !== "read" || !isDict(d.mrz)) return <Reasons reasons={list(d.reasons)} />;
  const mrz = d.mrz;
  const fields = isDict(mrz.fields) ? mrz.fields : {};
  const rows: [string, ReactNode][] = [
    [t("applications.checkDetails.format"), str(mrz.format)],
    [t("applications.checkDetails.valid"), mrz.valid === true ? t("applications.answers.yes") : t("applications.answers.no")],
    ...MRZ_FIELDS.map((f): [string, ReactNode] => [t(`applications.checkDetails.mrz.${f}`), <span key={f} dir="ltr">{str(fields[f])}</span>]),
  ];
  const problems: { kind: "error" | "warning"; item: Dict }[] = [...list(mrz.errors).map((item) => ({ kind: "error" as const, item })), ...list(mrz.warnings).map((item) => ({ kind: "warning" as const, item }))];
  const corrections = list(mrz.corrections);
  const documentId = typeof d.documentId === "string" ? d.documentId : null;
  return (
    <>
      <Pairs rows={rows} label={t("applications.checkDetails.mrzTable")} />
      {problems.length > 0 ? (
        <ul className="ap-list" aria-label={t("applications.checkDetails.problems")}>
          {problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of the stored check
            <li key={i}>
              <span className={`badge badge--${p.kind === "error" ? "error" : "warn"}`}>{t(`applications.checkDetails.${p.kind}`)}</span> <span dir="ltr">{`${str(p.item.field)}: ${str(p.item.code)}`}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {corrections.length > 0 ? (
        <>
          <h4>{t("applications.checkDetails.corrections")}</h4>
          <ul className="ap-list">
            {corrections.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of the stored check
              <li key={i} dir="ltr" className="ap-mono">
                {t("applications.checkDetails.correction", { line: str(c.line), position: str(c.position), from: str(c.from), to: str(c.to), field: str(c.field) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {documentId ? (
        <p>
          <a href={applications.documentUrl(app.id, documentId)} target="_blank" rel="noopener noreferrer">
            {t("applications.checkDetails.viewPhoto")}
          </a>{" "}
          <span className="muted">({t("applications.documents.opensNewTab")})</span>
        </p>
      ) : null}
    </>
  );
}

/** Review ids a screening check may carry: details.reviewIds, details.reviewId, or matches[].reviewId. */
function reviewIdsOf(d: Dict): string[] {
  const ids = new Set<string>();
  if (Array.isArray(d.reviewIds)) for (const id of d.reviewIds) if (typeof id === "string") ids.add(id);
  if (typeof d.reviewId === "string") ids.add(d.reviewId);
  for (const m of list(d.matches)) if (typeof m.reviewId === "string") ids.add(m.reviewId);
  return [...ids];
}

function Screening({ check }: { check: ApplicationCheck }) {
  const { t } = useTranslation();
  const matches = list(check.details.matches);
  const reviews = reviewIdsOf(check.details);
  return (
    <>
      {matches.length === 0 ? (
        <p className="muted">{t("applications.checkDetails.noMatches")}</p>
      ) : (
        <TableWrap label={t("applications.checkDetails.matches")} className="table-wrap--stack">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("applications.checkDetails.list")}</th>
                <th scope="col">{t("applications.checkDetails.entryName")}</th>
                <th scope="col">{t("applications.checkDetails.score")}</th>
                <th scope="col">{t("applications.checkDetails.band")}</th>
              </tr>
            </thead>
            <tbody>
              {matches.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of the stored check
                <tr key={i}>
                  <td dir="ltr">{`${str(m.list)} · ${str(m.entryId)}`}</td>
                  <td dir="auto">{str(m.name)}</td>
                  <td dir="ltr">{typeof m.score === "number" ? m.score.toFixed(2) : str(m.score)}</td>
                  <td>{t(`applications.checkDetails.bands.${str(m.band)}`, { defaultValue: str(m.band) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {reviews.length > 0 ? (
        <ul className="ap-list">
          {reviews.map((id) => (
            <li key={id}>
              <Link to={`/compliance/review?id=${encodeURIComponent(id)}`}>{t("applications.checkDetails.openReview")}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Generic({ check }: { check: ApplicationCheck }) {
  const { t } = useTranslation();
  const entries = Object.entries(check.details);
  if (entries.length === 0) return null;
  return <Pairs rows={entries.map(([k, v]) => [k, <span key={k}>{str(v)}</span>])} label={t("applications.checkDetails.details")} />;
}

function CheckDetails({ app, check }: { app: ApplicationDetail; check: ApplicationCheck }) {
  switch (check.kind) {
    case "identity_document":
      return <IdentityDocument app={app} check={check} />;
    case "identity_crosscheck":
    case "identity_selfie":
      return <Reasons reasons={list(check.details.reasons)} />;
    case "sanctions":
    case "pep":
      return <Screening check={check} />;
    default:
      return <Generic check={check} />;
  }
}

function CheckItem({ app, check }: { app: ApplicationDetail; check: ApplicationCheck }) {
  const { t } = useTranslation();
  const digest = check.inputDigest;
  return (
    <li className="card ap-doc" data-check={check.kind}>
      <div className="ap-section-head">
        <h3>{t(`applications.checkDetails.kinds.${check.kind}`, { defaultValue: check.kind })}</h3>
        <span className={`badge badge--${TONE[check.outcome]}`}>{t(`applications.checkDetails.outcomes.${check.outcome}`)}</span>
      </div>
      <p dir="auto">{check.summary}</p>
      <dl className="facts">
        <div>
          <dt>{t("applications.checkDetails.provider")}</dt>
          <dd dir="ltr">{check.provider}</dd>
        </div>
        <div>
          <dt>{t("applications.checkDetails.at")}</dt>
          <dd>{formatDateTime(check.createdAt)}</dd>
        </div>
        <div>
          <dt>{t("applications.checkDetails.actor")}</dt>
          <dd>{actorText(t, check.actor)}</dd>
        </div>
        <div>
          <dt>{t("applications.checkDetails.digest")}</dt>
          <dd className="ap-mono" dir="ltr" title={digest ?? undefined}>
            {digest ? `${digest.slice(0, 12)}…` : "—"}
          </dd>
        </div>
        {check.listVersion ? (
          <div>
            <dt>{t("applications.checkDetails.listVersion")}</dt>
            <dd className="ap-mono" dir="ltr">
              {check.listVersion}
            </dd>
          </div>
        ) : null}
      </dl>
      <CheckDetails app={app} check={check} />
    </li>
  );
}

function RiskPanel({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  const r = app.riskAssessment;
  if (!r) return <p className="muted">{t("applications.checkDetails.noRisk")}</p>;
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t("applications.riskLabel")}</dt>
          <dd>
            <RiskBadge risk={app.risk} />
          </dd>
        </div>
        <div>
          <dt>{t("applications.checkDetails.riskScore")}</dt>
          <dd>{r.score}</dd>
        </div>
        <div>
          <dt>{t("applications.checkDetails.rulesVersion")}</dt>
          <dd>{r.rulesVersion ?? "—"}</dd>
        </div>
        <div>
          <dt>{t("applications.checkDetails.edd")}</dt>
          <dd>{r.eddRequired ? <span className="badge badge--warn">{t("applications.answers.yes")}</span> : t("applications.answers.no")}</dd>
        </div>
        <div>
          <dt>{t("applications.checkDetails.at")}</dt>
          <dd>{formatDateTime(r.assessedAt)}</dd>
        </div>
      </dl>
      {r.reasons.length ? (
        <ul className="ap-list" aria-label={t("applications.checkDetails.reasons")}>
          {r.reasons.map((x) => (
            <li key={x.rule}>
              <span dir="auto">{x.label}</span> <span className="muted">({t("applications.checkDetails.points", { points: x.points })})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("applications.checkDetails.noReasons")}</p>
      )}
    </>
  );
}

/** The checks of the case, newest first, and the risk assessment. */
export function ChecksSection({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  const checks = [...app.checks].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="section" aria-labelledby="ap-checks">
      <h2 id="ap-checks">{t("applications.checks.title")}</h2>
      <section className="card" aria-labelledby="ap-risk">
        <h3 id="ap-risk">{t("applications.checkDetails.riskTitle")}</h3>
        <RiskPanel app={app} />
      </section>
      {checks.length === 0 ? (
        <p className="muted">{t("applications.checks.none")}</p>
      ) : (
        <ul className="ap-docs">
          {checks.map((c) => (
            <CheckItem key={c.id} app={app} check={c} />
          ))}
        </ul>
      )}
    </section>
  );
}
