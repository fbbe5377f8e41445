import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { journeys } from "../../api/journeys";
import type { JourneyEvent, JourneyInstance } from "../../api/types-journeys";
import { Link, useLocation } from "../../router";
import { usePaged } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { LoadError, LoadMore, Loading, PageHead } from "../../ui/Page";
import { EventTable } from "./EventTable";
import { JourneyLinks } from "./JourneysPage";
import { Code, StatusBadge } from "./shared";
import "./journeys.css";

interface Group {
  journeyId: string | null;
  journey: JourneyInstance | undefined;
  events: JourneyEvent[];
}

/** Events in server order, grouped by journey in the order each journey first appears. */
function groupByJourney(events: JourneyEvent[], known: Map<string, JourneyInstance>): Group[] {
  const groups = new Map<string, Group>();
  for (const e of events) {
    const id = e.journeyId;
    const key = id ?? "";
    let g = groups.get(key);
    if (!g) {
      g = { journeyId: id, journey: id ? known.get(id) : undefined, events: [] };
      groups.set(key, g);
    }
    g.events.push(e);
  }
  return [...groups.values()];
}

/** /journeys/customer?customer=…: every event of one customer, across all their journeys. */
export function CustomerTimelinePage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const customer = query.get("customer") ?? "";
  // The journeys come with each page of events; kept across pages for the group headings.
  const known = useRef(new Map<string, JourneyInstance>());
  const events = usePaged(async (cursor) => {
    if (cursor === null) known.current = new Map();
    const page = await journeys.timeline(customer, { cursor, limit: 100 });
    for (const j of page.journeys) known.current.set(j.id, j);
    return { items: page.items, nextCursor: page.nextCursor };
  }, [customer]);
  const groups = groupByJourney(events.items, known.current);

  return (
    <>
      <PageHead title={t("journeys.timeline.title")} intro={<Code>{customer}</Code>} />
      <JourneyLinks />
      {events.error ? <LoadError error={events.error} retry={events.reload} /> : null}
      {events.loading && !events.items.length ? <Loading /> : null}
      {!events.loading && !events.error && !events.items.length ? <p className="muted">{t("journeys.timeline.none")}</p> : null}
      {groups.map((g, i) => {
        const headingId = `jr-group-${i}`;
        return (
          <section key={g.journeyId ?? ""} className="card jr-group" aria-labelledby={headingId}>
            <h2 id={headingId} className="jr-group__head">
              {g.journeyId ? (
                <>
                  <span>{t("journeys.timeline.journey", { product: g.journey?.product || t("common.unknown") })}</span>{" "}
                  <Link to={`/journeys/view?id=${encodeURIComponent(g.journeyId)}`}>
                    <Code>{g.journeyId}</Code>
                  </Link>
                </>
              ) : (
                t("journeys.timeline.outside")
              )}
            </h2>
            {g.journey ? (
              <p className="jr-group__meta">
                <StatusBadge status={g.journey.status} /> {t("journeys.started")}: {formatDateTime(g.journey.startedAt)} ·{" "}
                {t("journeys.lastActivity")}: {formatDateTime(g.journey.lastActivityAt)}
              </p>
            ) : null}
            <EventTable events={g.events} label={t("journeys.timeline.eventsOf", { journey: g.journeyId ?? t("journeys.timeline.outside") })} />
          </section>
        );
      })}
      <LoadMore hasMore={events.hasMore} loading={events.loading} onClick={events.loadMore} />
    </>
  );
}
