import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { imports } from "../../api/imports";
import type { EventImportSummary } from "../../api/types-imports";
import { usePaged, useResource } from "../../ui/data";
import { formatDateTime, formatNumber } from "../../ui/format";
import { LoadError, Loading, LoadMore, PageHead } from "../../ui/Page";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { UploadForm } from "./UploadForm";

/** Issues shown on the page; the CSV has all of them. */
const SHOWN = 50;
const BADGE: Record<EventImportSummary["status"], string> = { queued: "badge--muted", running: "badge--muted", done: "badge--ok", failed: "badge--error" };

/** One import's counts, the first row issues and the full report's download link. */
function Report({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const one = useResource(() => imports.get(id), [id]);
  const imp = one.data;
  return (
    <section className="card section" aria-labelledby="imports-report-title">
      <h2 id="imports-report-title">{t("imports.reportTitle", { name: imp?.fileName ?? "" })}</h2>
      {one.error ? <LoadError error={one.error} retry={one.reload} /> : null}
      {one.loading && !imp ? <Loading /> : null}
      {imp ? (
        <>
          <p>{t("imports.counts", { rows: formatNumber(imp.rowsTotal), ok: formatNumber(imp.rowsOk), duplicates: formatNumber(imp.rowsDuplicate), failed: formatNumber(imp.rowsFailed) })}</p>
          {imp.failure ? <p className="field__error">{imp.failure}</p> : null}
          {imp.errors.length ? (
            <TableWrap label={t("imports.errorsTitle")} className="table-wrap--stack">
              <table>
                <caption className="visually-hidden">{t("imports.errorsTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("imports.row")}</th>
                    <th scope="col">{t("imports.field")}</th>
                    <th scope="col">{t("imports.message")}</th>
                  </tr>
                </thead>
                <tbody>
                  {imp.errors.slice(0, SHOWN).map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several issues; their order is fixed
                    <tr key={`${e.row}-${i}`}>
                      <td className="cell--head">{e.row === 0 ? t("imports.header") : formatNumber(e.row)}</td>
                      <LabelledCell label={t("imports.field")}>{e.field ? <code dir="ltr">{e.field}</code> : "—"}</LabelledCell>
                      <LabelledCell label={t("imports.message")}>
                        <span dir="ltr">{e.message}</span>
                      </LabelledCell>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : (
            <p className="muted">{t("imports.noErrors")}</p>
          )}
          <p>
            {imp.errors.length > SHOWN || imp.errorsTruncated ? `${t("imports.moreInReport")} ` : null}
            <a className="button button--small button--secondary" href={imports.reportUrl(imp.id)} download>
              {t("imports.download")}
            </a>{" "}
            <button type="button" className="button button--small button--secondary" onClick={onClose}>
              {t("common.close")}
            </button>
          </p>
        </>
      ) : null}
    </section>
  );
}

/** /imports: upload NDJSON event files and contact-centre or service-request CSV files; past imports and their reports. */
export function ImportsPage() {
  const { t } = useTranslation();
  const list = usePaged((cursor) => imports.list(cursor), []);
  const [open, setOpen] = useState<string | null>(null);
  const reload = list.reload;
  const onChanged = useCallback(() => reload(), [reload]);

  return (
    <>
      <PageHead title={t("imports.title")} intro={t("imports.intro")} />
      <UploadForm onChanged={onChanged} onOpen={setOpen} />
      {open ? <Report key={open} id={open} onClose={() => setOpen(null)} /> : null}
      <section className="section" aria-labelledby="imports-past-title">
        <h2 id="imports-past-title">{t("imports.past")}</h2>
        {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
        {list.loading && !list.items.length ? <Loading /> : null}
        {!list.loading && !list.items.length && !list.error ? <p className="muted">{t("imports.none")}</p> : null}
        {list.items.length ? (
          <TableWrap label={t("imports.past")} className="table-wrap--stack">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("imports.file")}</th>
                  <th scope="col">{t("imports.kind")}</th>
                  <th scope="col">{t("common.status")}</th>
                  <th scope="col">{t("imports.rows")}</th>
                  <th scope="col">{t("imports.ok")}</th>
                  <th scope="col">{t("imports.duplicates")}</th>
                  <th scope="col">{t("imports.failed")}</th>
                  <th scope="col">{t("imports.created")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((x) => (
                  <tr key={x.id}>
                    <td className="cell--head">
                      <span className="strong" dir="auto">
                        {x.fileName}
                      </span>
                    </td>
                    <LabelledCell label={t("imports.kind")}>{t(`imports.kinds.${x.kind}`)}</LabelledCell>
                    <LabelledCell label={t("common.status")}>
                      <span className={`badge ${BADGE[x.status]}`}>{t(`imports.statuses.${x.status}`)}</span>
                    </LabelledCell>
                    <LabelledCell label={t("imports.rows")}>{formatNumber(x.rowsTotal)}</LabelledCell>
                    <LabelledCell label={t("imports.ok")}>{formatNumber(x.rowsOk)}</LabelledCell>
                    <LabelledCell label={t("imports.duplicates")}>{formatNumber(x.rowsDuplicate)}</LabelledCell>
                    <LabelledCell label={t("imports.failed")}>{formatNumber(x.rowsFailed)}</LabelledCell>
                    <LabelledCell label={t("imports.created")}>{formatDateTime(x.createdAt)}</LabelledCell>
                    <td className="cell--actions">
                      <button type="button" className="button button--small button--secondary" onClick={() => setOpen(x.id)}>
                        {t("imports.report")}
                        <span className="visually-hidden"> {x.fileName}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
        <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      </section>
    </>
  );
}
