import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import type { ApplicationDetail } from "../../api/types";
import { Link, useLocation } from "../../router";
import { useCan } from "../../session";
import { StatusMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { Loading, LoadError, PageHead } from "../../ui/Page";
import { AgentActions, ReviewActions } from "./CaseActions";
import { PaymentsSection, StepsAndAnswers, TimelineSection } from "./CaseSections";
import { SignaturesSection } from "../signing/SignaturesSection";
import { ChecksSection } from "./ChecksSection";
import { DecisionForm } from "./DecisionForm";
import { DocumentsSection } from "./DocumentsSection";
import { LivePanel, useLiveProgress } from "./LiveProgress";
import { branchName, LateBadge, localText, RiskBadge, StatusBadge, useBranches } from "./shared";

/** /applications/view?id=…: the case view for agents and reviewers. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const id = query.get("id") ?? "";
  const res = useResource(() => applications.get(id), [id]);
  if (!res.data)
    return (
      <>
        <PageHead title={t("applications.case.title")} />
        {res.error ? <LoadError error={res.error} retry={res.reload} /> : <Loading />}
      </>
    );
  return <CaseView app={res.data} reload={res.reload} onChange={res.set} />;
}

function CaseView({ app, reload, onChange }: { app: ApplicationDetail; reload(): void; onChange(next: ApplicationDetail): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const branches = useBranches();
  const [notice, setNotice] = useState<string | null>(null);
  const live = useLiveProgress(app.id, app.status);
  // Option labels and the flow's default language; without flows:read the raw values show.
  const readFlows = can("flows:read");
  const flow = useResource(() => (readFlows ? applications.flowVersion(app.product, app.flowVersion).catch(() => null) : Promise.resolve(null)), [app.product, app.flowVersion, readFlows]);

  // The customer moved on (another step, a new status): fetch the answers and timeline again.
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!live) return;
    const mark = `${live.status}|${live.currentStep}|${live.progress.index}|${live.lastActivityAt}`;
    if (seen.current !== null && seen.current !== mark) reload();
    seen.current = mark;
  }, [live, reload]);

  const late = app.slaDueAt !== null && app.status === "submitted" && new Date(app.slaDueAt).getTime() < Date.now();
  const title = localText(app.productTitle) || t(`applications.products.${app.product}`);
  const merge = (patch: Partial<ApplicationDetail>) => onChange({ ...app, ...patch });

  return (
    <>
      <PageHead
        title={t("applications.case.titleRef", { reference: app.reference })}
        intro={
          <>
            <span dir="auto">{title}</span> · <StatusBadge status={app.status} /> {late ? <LateBadge /> : null}
          </>
        }
        actions={
          <Link to={can("applications:review") ? "/review" : "/applications"} className="button button--secondary">
            {t("applications.case.back")}
          </Link>
        }
      />
      <StatusMessage>{notice}</StatusMessage>
      <section className="card" aria-label={t("applications.case.facts")}>
        <dl className="facts">
          <Fact label={t("applications.customer")}>
            <span dir="auto">{app.customer.name}</span>
            <br />
            <span className="muted" dir="ltr">
              {[app.customer.phone, app.customer.email].filter(Boolean).join(" · ")}
            </span>
          </Fact>
          <Fact label={t("applications.branch")}>{branchName(branches.data, app.branchId)}</Fact>
          <Fact label={t("applications.agent")}>{app.agent?.name ?? "—"}</Fact>
          <Fact label={t("applications.assignee")}>{app.assignee?.name ?? t("applications.unassigned")}</Fact>
          <Fact label={t("applications.slaDue")}>
            {formatDateTime(app.slaDueAt)} {late ? <LateBadge /> : null}
          </Fact>
          <Fact label={t("applications.riskLabel")}>
            <RiskBadge risk={app.risk} />
          </Fact>
          <Fact label={t("applications.channel")}>{t(`applications.channels.${app.channel}`, { defaultValue: app.channel })}</Fact>
          <Fact label={t("applications.language")}>{t(`applications.languages.${app.language}`, { defaultValue: app.language })}</Fact>
          <Fact label={t("applications.created")}>{formatDateTime(app.createdAt)}</Fact>
          <Fact label={t("applications.submitted")}>{formatDateTime(app.submittedAt)}</Fact>
          {app.decidedAt ? (
            <Fact label={t("applications.decided")}>
              {formatDateTime(app.decidedAt)}
              {app.decisionReason ? (
                <>
                  <br />
                  <span className="muted">{t(`applications.rejectReasons.${app.decisionReason}`, { defaultValue: app.decisionReason })}</span>
                </>
              ) : null}
            </Fact>
          ) : null}
          {app.fundedAt ? <Fact label={t("applications.funded")}>{formatDateTime(app.fundedAt)}</Fact> : null}
          {app.abandonedAt ? (
            <Fact label={t("applications.abandoned")}>
              {formatDateTime(app.abandonedAt)}
              {app.abandonedStep ? <span className="muted"> · {localText(app.steps.find((s) => s.id === app.abandonedStep)?.title) || app.abandonedStep}</span> : null}
            </Fact>
          ) : null}
        </dl>
      </section>
      {app.infoRequested.length > 0 && app.status === "info_requested" ? (
        <section className="card" aria-labelledby="ap-info">
          <h2 id="ap-info">{t("applications.case.infoRequested")}</h2>
          <ul className="ap-list">
            {app.infoRequested.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the requested items are a fixed list
              <li key={i} dir="auto">
                {localText(app.fields.find((f) => f.id === item.field)?.label) || localText(app.steps.find((s) => s.id === item.step)?.title) || item.field || item.step}
                {item.note ? ` — ${item.note}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <LivePanel app={app} live={live} />
      <div className="ap-columns">
        {can("applications:create") ? <AgentActions app={app} onChange={onChange} /> : null}
        <ReviewActions app={app} onChange={merge} />
      </div>
      {can("applications:decide") && app.status === "submitted" ? (
        <DecisionForm
          app={app}
          onDecided={(r) => {
            merge({ status: r.status, decision: r.decision, decidedAt: r.decidedAt });
            setNotice(t(`applications.decision.done.${r.decision}`, { defaultValue: t("common.saved") }));
            reload();
          }}
        />
      ) : null}
      <StepsAndAnswers app={app} flow={flow.data} />
      <DocumentsSection
        app={app}
        canReview={can("applications:review")}
        onChanged={(doc) => {
          merge({ documents: app.documents.map((d) => (d.id === doc.id ? doc : d)) });
          // A rejected document sends a submitted application back to the customer: status and timeline change.
          reload();
        }}
      />
      <SignaturesSection app={app} />
      <PaymentsSection app={app} />
      <ChecksSection app={app} />
      <TimelineSection app={app} />
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
