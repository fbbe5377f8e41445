import { useTranslation } from "react-i18next";
import { journeys } from "../../api/journeys";
import type { JourneyInstance } from "../../api/types-journeys";
import { Link, useLocation } from "../../router";
import { useResource } from "../../ui/data";
import { formatDateTime, formatNumber } from "../../ui/format";
import { LoadError, Loading, PageHead } from "../../ui/Page";
import { EventTable } from "./EventTable";
import { JourneyLinks } from "./JourneysPage";
import { ChannelChips, ChannelLabel, Code, formatHours, hoursBetween, StatusBadge } from "./shared";
import "./journeys.css";

type Milestone = { key: "started" | "submitted" | "decided" | "funded" | "opened" | "abandoned"; at: string | null };

/** The milestones in order; an abandoned journey ends where it was abandoned. */
function milestones(j: JourneyInstance): Milestone[] {
  const out: Milestone[] = [
    { key: "started", at: j.startedAt },
    { key: "submitted", at: j.submittedAt },
    { key: "decided", at: j.decidedAt },
    { key: "funded", at: j.fundedAt },
    // Only products that open an account after funding (or instead of it) have this one.
    ...(j.openedAt ? [{ key: "opened" as const, at: j.openedAt }] : []),
  ];
  if (j.status !== "abandoned") return out;
  const reached = out.filter((m) => m.at);
  return [...reached, { key: "abandoned", at: j.abandonedAt }];
}

/**
 * The milestones as a horizontal bar (it follows the reading direction, so it runs right to left in
 * Hebrew and Arabic, and stacks on a phone), with the time between each reached milestone and the
 * one before it.
 */
export function MilestoneBar({ journey }: { journey: JourneyInstance }) {
  const { t } = useTranslation();
  const list = milestones(journey);
  let previous: string | null = null;
  return (
    <ol className="jr-milestones" aria-label={t("journeys.detail.milestones")}>
      {list.map((m) => {
        const gap = m.at && previous ? hoursBetween(previous, m.at) : null;
        if (m.at) previous = m.at;
        const state = m.key === "abandoned" ? "abandoned" : m.at ? "reached" : "pending";
        return (
          <li key={m.key} className={`jr-milestone jr-milestone--${state}`}>
            {gap !== null ? <span className="jr-milestone__gap">{t("journeys.detail.after", { duration: formatHours(gap) })}</span> : null}
            <span className="jr-milestone__mark" aria-hidden="true">
              {state === "reached" ? "✓" : state === "abandoned" ? "✕" : "○"}
            </span>
            <span className="jr-milestone__name">{t(`journeys.milestones.${m.key}`)}</span>
            <span className="jr-milestone__time">
              {m.at ? <time dateTime={m.at}>{formatDateTime(m.at)}</time> : t("journeys.detail.notReached")}
            </span>
            {m.key === "decided" && journey.decision ? <span className="jr-milestone__time">{journey.decision}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

function customerLink(customer: string) {
  return `/journeys/customer?customer=${encodeURIComponent(customer)}`;
}

/** /journeys/view?id=…: one journey instance and every event in it. */
export function JourneyPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const id = query.get("id") ?? "";
  const detail = useResource(() => journeys.get(id), [id]);
  const j = detail.data;

  return (
    <>
      <PageHead
        title={t("journeys.detail.title", { id })}
        intro={
          j?.customer ? (
            <Link to={customerLink(j.customer)}>{t("journeys.detail.customerTimeline", { customer: j.customer })}</Link>
          ) : undefined
        }
      />
      <JourneyLinks />
      {detail.error ? <LoadError error={detail.error} retry={detail.reload} /> : null}
      {detail.loading && !detail.data ? <Loading /> : null}
      {j ? (
        <>
          <section className="card" aria-labelledby="jr-summary">
            <h2 id="jr-summary">{t("journeys.detail.summary")}</h2>
            <MilestoneBar journey={j} />
            <dl className="facts facts--compact">
              <div>
                <dt>{t("common.status")}</dt>
                <dd>
                  <StatusBadge status={j.status} />
                </dd>
              </div>
              <div>
                <dt>{t("journeys.customer")}</dt>
                <dd>{j.customer ? <Link to={customerLink(j.customer)}><Code>{j.customer}</Code></Link> : t("journeys.anonymous")}</dd>
              </div>
              <div>
                <dt>{t("journeys.filters.product")}</dt>
                <dd>{j.product || "—"}</dd>
              </div>
              <div>
                <dt>{t("journeys.filters.segment")}</dt>
                <dd>{j.segment || "—"}</dd>
              </div>
              <div>
                <dt>{t("journeys.startChannel")}</dt>
                <dd>
                  <ChannelLabel channel={j.startChannel} />
                </dd>
              </div>
              <div>
                <dt>{t("journeys.channelsUsed")}</dt>
                <dd>
                  <ChannelChips channels={j.channels} />
                </dd>
              </div>
              <div>
                <dt>{t("journeys.touchpoints")}</dt>
                <dd>{formatNumber(j.touchpoints)}</dd>
              </div>
              <div>
                <dt>{t("journeys.switches")}</dt>
                <dd>{formatNumber(j.channelSwitches)}</dd>
              </div>
              <div>
                <dt>{t("journeys.lastActivity")}</dt>
                <dd>{formatDateTime(j.lastActivityAt)}</dd>
              </div>
              {j.status === "abandoned" ? (
                <div>
                  <dt>{t("journeys.abandonedAt")}</dt>
                  <dd>
                    <Code>{j.abandonedStep}</Code>
                    {j.abandonedField ? (
                      <>
                        {" · "}
                        <Code>{j.abandonedField}</Code>
                      </>
                    ) : null}
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t("journeys.filters.region")}</dt>
                <dd>{j.region || "—"}</dd>
              </div>
              <div>
                <dt>{t("journeys.filters.branch")}</dt>
                <dd>{j.branch || "—"}</dd>
              </div>
              <div>
                <dt>{t("journeys.filters.agent")}</dt>
                <dd>{j.agent || "—"}</dd>
              </div>
            </dl>
          </section>
          <section className="section" aria-labelledby="jr-events">
            <h2 id="jr-events">{t("journeys.detail.events", { count: j.events })}</h2>
            {j.truncated ? <p className="muted">{t("journeys.detail.truncated", { shown: j.timeline.length, total: j.events })}</p> : null}
            <EventTable events={j.timeline} label={t("journeys.detail.eventsLabel")} />
          </section>
        </>
      ) : null}
    </>
  );
}
