import { useState } from "react";
import { useTranslation } from "react-i18next";
import { surveys } from "../../api/surveys";
import type { SurveyStatus } from "../../api/types";
import { Link } from "../../router";
import { useCan } from "../../session";
import { usePaged } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { PageHead } from "../../ui/Page";
import { PagedTable } from "../../ui/PagedTable";
import { LabelledCell } from "../../ui/TableWrap";
import { NewSurvey } from "./NewSurvey";
import "./designer.css";
import { SearchBar } from "../../ui/SearchBar";

const STATUSES = ["draft", "published", "closed"] as const;

/** /surveys: every survey with its state, and a way to start a new one. */
export function SurveysPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<SurveyStatus | "">("");
  const [creating, setCreating] = useState(false);
  const list = usePaged((cursor) => surveys.list({ q: search, status: status || undefined, cursor, limit: 50 }), [search, status]);
  const enc = encodeURIComponent;
  return (
    <>
      <PageHead
        title={t("surveys.title")}
        intro={t("surveys.list.intro")}
        actions={
          can("surveys:write") && !creating ? (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              {t("surveys.list.new")}
            </button>
          ) : null
        }
      />
      {creating ? <NewSurvey onCancel={() => setCreating(false)} /> : null}
      <SearchBar id="survey-search" label={t("surveys.list.search")} placeholder={t("surveys.list.searchPlaceholder")} onSearch={setSearch}>
        <label htmlFor="survey-status" className="visually-hidden">
          {t("common.status")}
        </label>
        <select id="survey-status" className="toolbar__select" value={status} onChange={(e) => setStatus(e.target.value as SurveyStatus | "")}>
          <option value="">{t("surveys.list.anyStatus")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`surveys.status.${s}`)}
            </option>
          ))}
        </select>
      </SearchBar>
      <PagedTable
        list={list}
        label={t("surveys.title")}
        className="table-wrap--stack"
        columns={[t("surveys.list.name"), t("common.status"), t("surveys.list.version"), t("surveys.list.draft"), t("surveys.list.updated"), t("common.actions")]}
        empty={t("surveys.list.none")}
        row={(s) => (
          <tr key={s.id}>
            <td className="cell--head">
              <Link to={`/surveys/edit?id=${enc(s.id)}`} className="strong" dir="auto">
                {s.name}
              </Link>
            </td>
            <LabelledCell label={t("common.status")}>
              <span className={`badge ${s.status === "published" ? "badge--ok" : s.status === "closed" ? "badge--muted" : "badge--warn"}`}>{t(`surveys.status.${s.status}`)}</span>
            </LabelledCell>
            <LabelledCell label={t("surveys.list.version")}>{s.publishedVersion ? t("surveys.versions.version", { n: s.publishedVersion }) : "—"}</LabelledCell>
            <LabelledCell label={t("surveys.list.draft")}>{s.draftChanged ? t("surveys.list.draftChanged") : t("surveys.list.draftSame")}</LabelledCell>
            <LabelledCell label={t("surveys.list.updated")}>{formatDateTime(s.updatedAt)}</LabelledCell>
            <td className="cell--actions">
              <Link to={`/surveys/edit?id=${enc(s.id)}`} className="button button--small button--secondary">
                {can("surveys:write") ? t("common.edit") : t("surveys.list.open")}
                <span className="visually-hidden"> {s.name}</span>
              </Link>{" "}
              <Link to={`/surveys/results?id=${enc(s.id)}`} className="button button--small button--secondary">
                {t("surveys.list.results")}
                <span className="visually-hidden"> {s.name}</span>
              </Link>{" "}
              {can("surveys:distribute") && s.status === "published" ? (
                <Link to={`/surveys/distribute?id=${enc(s.id)}`} className="button button--small button--secondary">
                  {t("surveys.list.distribute")}
                  <span className="visually-hidden"> {s.name}</span>
                </Link>
              ) : null}
            </td>
          </tr>
        )}
      />
    </>
  );
}
