import { useTranslation } from "react-i18next";
import { journeyQuery, journeys } from "../../api/journeys";
import { usePaged } from "../../ui/data";
import { formatDateTime, formatNumber } from "../../ui/format";
import { LoadError, LoadMore, Loading, PageHead } from "../../ui/Page";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { Link, useLocation } from "../../router";
import { useCan } from "../../session";
import { applyJourneyFilters, readJourneyFilters } from "./filters";
import { JourneyFilterForm } from "./JourneyFilterForm";
import { ChannelChips, Code, StatusBadge } from "./shared";
import "./journeys.css";

/** Links between the journey pages, shown to those who may open them. */
export function JourneyLinks() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <nav className="links jr-links" aria-label={t("journeys.linksLabel")}>
      {can("journeys:read") ? <Link to="/journeys">{t("journeys.nav")}</Link> : null}
      {can("kpis:read") ? <Link to="/journey-maps">{t("journeys.map.nav")}</Link> : null}
      {can("kpis:read") ? <Link to="/analytics">{t("analytics.nav")}</Link> : null}
      {can("kpis:read") ? <Link to="/journey-definitions">{t("journeys.definitions.nav")}</Link> : null}
    </nav>
  );
}

/** /journeys: journey instances, filtered and sliced, newest first, with keyset "load more". */
export function JourneysPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const filters = readJourneyFilters(query);
  const key = new URLSearchParams(journeyQuery(filters)).toString();
  const list = usePaged((cursor) => journeys.list(filters, { cursor, limit: 50 }), [key]);

  return (
    <>
      <PageHead title={t("journeys.title")} intro={t("journeys.intro")} />
      <JourneyLinks />
      <JourneyFilterForm key={key} value={filters} onApply={(next) => applyJourneyFilters("/journeys", next)} />
      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {list.loading && !list.items.length ? <Loading /> : null}
      {!list.loading && !list.error && !list.items.length ? <p className="muted">{t("journeys.none")}</p> : null}
      {list.items.length ? (
        <TableWrap label={t("journeys.title")} className="table-wrap--stack">
          <table className="jr-table">
            <thead>
              <tr>
                <th scope="col">{t("journeys.journey")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("journeys.channelsUsed")}</th>
                <th scope="col">{t("journeys.touchpoints")}</th>
                <th scope="col">{t("journeys.switches")}</th>
                <th scope="col">{t("journeys.started")}</th>
                <th scope="col">{t("journeys.lastActivity")}</th>
                <th scope="col">{t("journeys.abandonedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((j) => (
                <tr key={j.id}>
                  <td className="cell--head">
                    <Link to={`/journeys/view?id=${encodeURIComponent(j.id)}`}>
                      <Code>{j.id}</Code>
                    </Link>
                    <br />
                    <span className="muted">{j.product || t("common.unknown")}</span>
                  </td>
                  <LabelledCell label={t("common.status")}>
                    <StatusBadge status={j.status} />
                  </LabelledCell>
                  <LabelledCell label={t("journeys.channelsUsed")}>
                    <ChannelChips channels={j.channels} />
                  </LabelledCell>
                  <LabelledCell label={t("journeys.touchpoints")}>{formatNumber(j.touchpoints)}</LabelledCell>
                  <LabelledCell label={t("journeys.switches")}>{formatNumber(j.channelSwitches)}</LabelledCell>
                  <LabelledCell label={t("journeys.started")}>{formatDateTime(j.startedAt)}</LabelledCell>
                  <LabelledCell label={t("journeys.lastActivity")}>{formatDateTime(j.lastActivityAt)}</LabelledCell>
                  <LabelledCell label={t("journeys.abandonedAt")}>
                    {j.status === "abandoned" ? (
                      <>
                        <Code>{j.abandonedStep}</Code>
                        {j.abandonedField ? (
                          <>
                            {" · "}
                            <Code>{j.abandonedField}</Code>
                          </>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </LabelledCell>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
