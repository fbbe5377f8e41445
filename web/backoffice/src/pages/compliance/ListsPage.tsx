import { useState } from "react";
import { useTranslation } from "react-i18next";
import { lists } from "../../api/lists";
import type { ListVersion, ListVersionStatus, ScreeningList } from "../../api/types";
import { usePaged, useResource } from "../../ui/data";
import { formatDateTime, formatNumber } from "../../ui/format";
import { LoadError, Loading, LoadMore, PageHead } from "../../ui/Page";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";

const BADGE: Record<ListVersionStatus, string> = { active: "badge--ok", importing: "badge--warn", superseded: "badge--muted", failed: "badge--error" };

function StatusBadge({ status }: { status: ListVersionStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${BADGE[status]}`}>{t(`lists.statuses.${status}`)}</span>;
}

/** The commands an operator runs: lists are never uploaded through the back office. */
function OperatorHelp() {
  const { t } = useTranslation();
  return (
    <section className="card section" aria-labelledby="lists-operator">
      <h2 id="lists-operator">{t("lists.operator.title")}</h2>
      <p>{t("lists.operator.intro")}</p>
      <p>{t("lists.operator.import")}</p>
      <pre dir="ltr">
        <code>{"atrium lists import --format un-xml consolidated.xml\natrium lists import --format ofac-csv sdn.csv alt.csv add.csv\natrium lists import --format eu-csv --list eu eu-fsf.csv\natrium lists import --format pep-csv --list pep peps.csv"}</code>
      </pre>
      <p>{t("lists.operator.status")}</p>
      <pre dir="ltr">
        <code>atrium lists status</code>
      </pre>
      <p>{t("lists.operator.schedule")}</p>
      <pre dir="ltr">
        <code>{"SCREENING_SOURCES=un=un-xml:https://scsanctions.un.org/resources/xml/en/consolidated.xml\nSCREENING_IMPORT_CRON=30 2 * * *"}</code>
      </pre>
    </section>
  );
}

function Problems({ version }: { version: ListVersion }) {
  const { t } = useTranslation();
  if (!version.problemCount) return <span className="muted">{t("lists.noProblems")}</span>;
  return (
    <details>
      <summary>{t("lists.problemCount", { n: formatNumber(version.problemCount) })}</summary>
      <ul dir="ltr">
        {version.problems.map((p) => (
          <li key={`${p.where}:${p.message}`}>
            <code>{p.where}</code>: {p.message}
          </li>
        ))}
      </ul>
      {version.problemCount > version.problems.length ? <p className="muted">{t("lists.problemsTruncated", { n: formatNumber(version.problems.length) })}</p> : null}
    </details>
  );
}

/** Every import of one list, newest first, with its digest, problems and error. */
function Versions({ list }: { list: ScreeningList }) {
  const { t } = useTranslation();
  const paged = usePaged((cursor) => lists.versions(list.id, cursor), [list.id]);
  return (
    <section className="section" aria-labelledby="lists-versions">
      <h2 id="lists-versions">{t("lists.versionsOf", { name: list.name })}</h2>
      {paged.error ? <LoadError error={paged.error} retry={paged.reload} /> : null}
      {paged.loading && !paged.items.length ? <Loading /> : null}
      {paged.items.length ? (
        <TableWrap label={t("lists.versionsOf", { name: list.name })} className="table-wrap--stack">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("lists.version")}</th>
                <th scope="col">{t("lists.status")}</th>
                <th scope="col">{t("lists.when")}</th>
                <th scope="col">{t("lists.counts")}</th>
                <th scope="col">{t("lists.source")}</th>
                <th scope="col">{t("lists.problems")}</th>
              </tr>
            </thead>
            <tbody>
              {paged.items.map((v) => (
                <tr key={v.version}>
                  <td className="cell--head">{t("lists.versionN", { n: v.version })}</td>
                  <LabelledCell label={t("lists.status")}>
                    <StatusBadge status={v.status} />
                  </LabelledCell>
                  <LabelledCell label={t("lists.when")}>
                    {formatDateTime(v.finishedAt ?? v.startedAt)}
                    {v.importedBy ? <span className="muted"> · {t("lists.by", { who: v.importedBy })}</span> : null}
                  </LabelledCell>
                  <LabelledCell label={t("lists.counts")}>{t("lists.entriesNames", { entries: formatNumber(v.entries), names: formatNumber(v.names) })}</LabelledCell>
                  <LabelledCell label={t("lists.source")}>
                    <span dir="ltr" className="code">
                      {v.source}
                    </span>
                    {v.sha256 ? (
                      <>
                        <br />
                        <span className="muted">{t("lists.digest")} </span>
                        <code dir="ltr" title={v.sha256}>
                          {v.sha256.slice(0, 12)}…
                        </code>
                      </>
                    ) : null}
                  </LabelledCell>
                  <LabelledCell label={t("lists.problems")}>
                    {v.error ? (
                      <p className="error-text" dir="ltr">
                        {v.error}
                      </p>
                    ) : (
                      <Problems version={v} />
                    )}
                  </LabelledCell>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <LoadMore hasMore={paged.hasMore} loading={paged.loading} onClick={paged.loadMore} />
    </section>
  );
}

/** /compliance/lists: the sanctions and PEP lists, their versions, failures, and how operators import them. */
export function ListsPage() {
  const { t } = useTranslation();
  const all = useResource(() => lists.all(), []);
  const [open, setOpen] = useState<string | null>(null);
  const selected = all.data?.find((l) => l.id === open) ?? null;

  return (
    <>
      <PageHead title={t("lists.title")} intro={t("lists.intro")} />
      {all.error ? <LoadError error={all.error} retry={all.reload} /> : null}
      {all.loading && !all.data ? <Loading /> : null}
      {all.data && !all.data.length ? <p className="muted">{t("lists.empty")}</p> : null}
      {all.data?.length ? (
        <TableWrap label={t("lists.title")} className="table-wrap--stack">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("lists.list")}</th>
                <th scope="col">{t("lists.active")}</th>
                <th scope="col">{t("lists.lastImport")}</th>
                <th scope="col">{t("lists.lastFailure")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {all.data.map((l) => (
                <tr key={l.id}>
                  <td className="cell--head">
                    <span className="strong">{l.name}</span>
                    <br />
                    <span className="muted">
                      <code dir="ltr">{l.id}</code> · {t(`lists.kinds.${l.kind}`)} · <span dir="ltr">{l.format}</span>
                    </span>
                  </td>
                  <LabelledCell label={t("lists.active")}>
                    {l.activeVersion ? (
                      <>
                        {t("lists.versionN", { n: l.activeVersion.version })}
                        <br />
                        <span className="muted">{t("lists.entriesNames", { entries: formatNumber(l.activeVersion.entries), names: formatNumber(l.activeVersion.names) })}</span>
                      </>
                    ) : (
                      <span className="badge badge--error">{t("lists.noActive")}</span>
                    )}
                  </LabelledCell>
                  <LabelledCell label={t("lists.lastImport")}>
                    {l.lastImport ? (
                      <>
                        <StatusBadge status={l.lastImport.status} /> {formatDateTime(l.lastImport.finishedAt ?? l.lastImport.startedAt)}
                      </>
                    ) : (
                      "—"
                    )}
                  </LabelledCell>
                  <LabelledCell label={t("lists.lastFailure")}>
                    {l.lastFailure ? (
                      <>
                        {t("lists.versionN", { n: l.lastFailure.version })} · {formatDateTime(l.lastFailure.finishedAt ?? l.lastFailure.startedAt)}
                        <br />
                        <span className="error-text" dir="ltr">
                          {l.lastFailure.error}
                        </span>
                      </>
                    ) : (
                      <span className="muted">{t("lists.noFailure")}</span>
                    )}
                  </LabelledCell>
                  <td className="cell--actions">
                    <button type="button" className="button button--small button--secondary" aria-expanded={open === l.id} onClick={() => setOpen(open === l.id ? null : l.id)}>
                      {open === l.id ? t("lists.hideVersions") : t("lists.showVersions")}
                      <span className="visually-hidden"> {l.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {selected ? <Versions list={selected} /> : null}
      <OperatorHelp />
    </>
  );
}
