import { useTranslation } from "react-i18next";
import { responses } from "../../api/feedback";
import type { ResponseDetail } from "../../api/types";
import { Link, useLocation } from "../../router";
import { useCan } from "../../session";
import { useResource } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { Loading, LoadError, PageHead } from "../../ui/Page";
import { TableWrap } from "../../ui/TableWrap";
import { EraseCustomer } from "./EraseCustomer";
import { Notes, TagsEditor } from "./ResponseEditors";
import { StatusBadge } from "./StatusBadge";
import { duration, num } from "./shared";

/** /responses?id=…: one response as the respondent gave it, with the team's tags and notes. */
export function ResponsePage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const id = query.get("id") ?? "";
  const res = useResource(() => responses.get(id), [id]);
  if (!res.data)
    return (
      <>
        <PageHead title={t("feedback.response.title")} />
        {res.error ? <LoadError error={res.error} retry={res.reload} /> : <Loading />}
      </>
    );
  return <ResponseView r={res.data} onChange={res.set} />;
}

function Pairs({ label, values }: { label: string; values: Record<string, string | number> }) {
  const { t } = useTranslation();
  const entries = Object.entries(values);
  return (
    <section className="card" aria-label={label}>
      <h2>{label}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t("common.none")}</p>
      ) : (
        <dl className="facts facts--compact">
          {entries.map(([k, v]) => (
            <div key={k}>
              <dt dir="auto">{k}</dt>
              <dd dir="auto">{String(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function ResponseView({ r, onChange }: { r: ResponseDetail; onChange(next: ResponseDetail): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can("responses:manage");
  return (
    <>
      <PageHead
        title={t("feedback.response.titleAt", { at: formatDateTime(r.startedAt) })}
        actions={
          <Link to={`/surveys/results?id=${encodeURIComponent(r.surveyId)}`} className="button button--secondary">
            {t("feedback.response.back")}
          </Link>
        }
      />
      <section className="card" aria-label={t("feedback.response.facts")}>
        <dl className="facts">
          <div>
            <dt>{t("common.status")}</dt>
            <dd>
              <StatusBadge status={r.status} />
            </dd>
          </div>
          <div>
            <dt>{t("feedback.responses.started")}</dt>
            <dd>{formatDateTime(r.startedAt)}</dd>
          </div>
          <div>
            <dt>{t("feedback.response.completed")}</dt>
            <dd>{formatDateTime(r.completedAt)}</dd>
          </div>
          <div>
            <dt>{t("feedback.response.duration")}</dt>
            <dd>{duration(r.durationSeconds)}</dd>
          </div>
          <div>
            <dt>{t("feedback.responses.language")}</dt>
            <dd>{r.language}</dd>
          </div>
          <div>
            <dt>{t("feedback.filters.channel")}</dt>
            <dd>{t(`feedback.channels.${r.channel}`, { defaultValue: r.channel })}</dd>
          </div>
          <div>
            <dt>{t("feedback.filters.version")}</dt>
            <dd>{t("feedback.versionN", { version: r.version })}</dd>
          </div>
          <div>
            <dt>{t("feedback.response.ending")}</dt>
            <dd>{r.ending ? r.ending.title || r.ending.id : "—"}</dd>
          </div>
        </dl>
      </section>

      <section className="section" aria-labelledby="fb-answers">
        <h2 id="fb-answers">{t("feedback.response.answers")}</h2>
        <TableWrap label={t("feedback.response.answers")} className="table-wrap--stack">
          <table className="fb-table">
            <thead>
              <tr>
                <th scope="col">{t("feedback.response.question")}</th>
                <th scope="col">{t("feedback.answer")}</th>
                <th scope="col">{t("feedback.response.time")}</th>
              </tr>
            </thead>
            <tbody>
              {r.answers.map((a) => (
                <tr key={a.key}>
                  <th scope="row" className="cell--head" dir="auto">
                    {a.question}
                    {a.loopItem ? <span className="muted"> — {a.loopItem}</span> : null}
                  </th>
                  <td dir="auto">
                    {a.fileId ? (
                      <a href={responses.fileUrl(r.id, a.fileId)} download>
                        {a.display || t("feedback.response.download")}
                      </a>
                    ) : (
                      <span className="fb-answer">{a.display || "—"}</span>
                    )}
                  </td>
                  <td className="nowrap">{a.timingMs === null ? "—" : duration(a.timingMs / 1000)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.answers.length === 0 ? <p className="empty">{t("feedback.response.noAnswers")}</p> : null}
        </TableWrap>
      </section>

      <div className="fb-columns section">
        <Pairs label={t("feedback.response.hidden")} values={r.hidden} />
        <Pairs label={t("feedback.response.variables")} values={r.variables} />
      </div>

      {r.files.length > 0 ? (
        <section className="card" aria-labelledby="fb-files">
          <h2 id="fb-files">{t("feedback.response.files")}</h2>
          <ul className="fb-list">
            {r.files.map((f) => (
              <li key={f.id}>
                <a href={responses.fileUrl(r.id, f.id)} download>
                  {f.name ?? f.id}
                </a>{" "}
                <span className="muted">
                  ({f.contentType}, {t("feedback.response.kb", { size: num(f.size / 1024, 1) })})
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <TagsEditor r={r} editable={manage} onSaved={onChange} />
      <Notes r={r} editable={manage} onAdded={(note) => onChange({ ...r, notes: [...r.notes, note] })} />
      {can("responses:erase") ? <EraseCustomer r={r} /> : null}
    </>
  );
}
