import { useState } from "react";
import { useTranslation } from "react-i18next";
import { surveys } from "../../api/surveys";
import type { SurveyVersionDetail } from "../../api/types";
import { useResource } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { LoadError, Loading } from "../../ui/Page";
import { PhonePreview } from "./Preview";

/** Published versions, newest first; each opens read-only as the respondent saw it. */
export function VersionsPanel({ surveyId, publishedVersion }: { surveyId: string; publishedVersion: number | null }) {
  const { t } = useTranslation();
  const list = useResource(() => surveys.versions(surveyId), [surveyId, publishedVersion]);
  const [open, setOpen] = useState<SurveyVersionDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const versions = [...(list.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title">{t("surveys.versions.title")}</h2>
      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && versions.length === 0 ? <p className="muted">{t("surveys.versions.none")}</p> : null}
      <ul className="versions">
        {versions.map((v) => (
          <li key={v.version}>
            <span className="strong">{t("surveys.versions.version", { n: v.version })}</span> <span className="muted">{formatDateTime(v.publishedAt)}</span>{" "}
            {v.version === publishedVersion ? <span className="badge badge--ok">{t("surveys.versions.live")}</span> : null}{" "}
            <button
              type="button"
              className="button button--small button--secondary"
              aria-pressed={open?.version === v.version}
              onClick={() => {
                setError(null);
                surveys.version(surveyId, v.version).then(setOpen, setError);
              }}
            >
              {t("surveys.versions.view", { n: v.version })}
            </button>
          </li>
        ))}
      </ul>
      {error ? <LoadError error={error} /> : null}
      {open ? (
        <div className="versions__view">
          <h3>{t("surveys.versions.viewing", { n: open.version })}</h3>
          <p className="muted">{t("surveys.versions.readOnly")}</p>
          <PhonePreview key={open.version} def={open.definition} />
        </div>
      ) : null}
    </section>
  );
}
