import { useTranslation } from "react-i18next";
import { results } from "../../api/feedback";
import type { ResponseFilters } from "../../api/types";
import { Link } from "../../router";
import { usePaged } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { PagedTable } from "../../ui/PagedTable";
import { LabelledCell } from "../../ui/TableWrap";
import { StatusBadge } from "./StatusBadge";
import { num } from "./shared";

/** The survey's responses under the page's filters; each opens the single-response page. */
export function ResponsesTable({ surveyId, filters }: { surveyId: string; filters: ResponseFilters }) {
  const { t } = useTranslation();
  const key = JSON.stringify(filters);
  const list = usePaged((cursor) => results.responses(surveyId, filters, { cursor, limit: 25 }), [surveyId, key]);
  return (
    <section className="section" aria-labelledby="fb-responses">
      <h2 id="fb-responses">{t("feedback.responses.title")}</h2>
      <PagedTable
        list={list}
        label={t("feedback.responses.title")}
        className="table-wrap--stack"
        columns={[t("feedback.responses.started"), t("common.status"), t("feedback.filters.channel"), t("feedback.responses.language"), "NPS", "CSAT", t("feedback.tags.title"), t("common.actions")]}
        empty={t("feedback.responses.none")}
        row={(r) => (
          <tr key={r.id}>
            <td className="cell--head nowrap">{formatDateTime(r.startedAt)}</td>
            <LabelledCell label={t("common.status")}>
              <StatusBadge status={r.status} />
            </LabelledCell>
            <LabelledCell label={t("feedback.filters.channel")}>{t(`feedback.channels.${r.channel}`, { defaultValue: r.channel })}</LabelledCell>
            <LabelledCell label={t("feedback.responses.language")}>{r.language}</LabelledCell>
            <LabelledCell label="NPS">{r.preview.nps === undefined || r.preview.nps === null ? "—" : num(r.preview.nps, 0)}</LabelledCell>
            <LabelledCell label="CSAT">{r.preview.csat === undefined || r.preview.csat === null ? "—" : num(r.preview.csat, 0)}</LabelledCell>
            <LabelledCell label={t("feedback.tags.title")}>{r.tags.length ? r.tags.join(", ") : "—"}</LabelledCell>
            <td className="cell--actions">
              <Link to={`/responses?id=${encodeURIComponent(r.id)}`} className="button button--small button--secondary">
                {t("feedback.responses.open")}
                <span className="visually-hidden"> {formatDateTime(r.startedAt)}</span>
              </Link>
            </td>
          </tr>
        )}
      />
    </section>
  );
}
