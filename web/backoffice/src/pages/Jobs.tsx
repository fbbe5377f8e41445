import { useState } from "react";
import { useTranslation } from "react-i18next";
import { jobs } from "../api/endpoints";
import { type Job, JOB_STATUSES, type JobStatus } from "../api/types";
import { useCan } from "../session";
import { ErrorMessage, StatusMessage } from "../ui/Alert";
import { usePaged } from "../ui/data";
import { formatDateTime } from "../ui/format";
import { useForm } from "../ui/form";
import { PageHead } from "../ui/Page";
import { PagedTable } from "../ui/PagedTable";

/** Background jobs by status; failed (dead) ones show their last error and can be retried. */
export function JobsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<JobStatus | "">("dead");
  const [notice, setNotice] = useState<string | null>(null);
  const list = usePaged((cursor) => jobs.list({ cursor, limit: 50, ...(status ? { status } : {}) }), [status]);
  const retryForm = useForm();

  const retry = (job: Job) =>
    retryForm.submit(null, async () => {
      setNotice(null);
      await jobs.retry(job.id);
      setNotice(t("jobs.retried", { name: job.name }));
      list.reload();
    });

  return (
    <>
      <PageHead title={t("jobs.title")} intro={t("jobs.intro")} />
      <fieldset className="filter">
        <legend>{t("jobs.filter")}</legend>
        <div className="segmented">
          {(["", ...JOB_STATUSES] as const).map((s) => (
            <label key={s || "all"} className={status === s ? "segmented__item segmented__item--on" : "segmented__item"}>
              <input type="radio" name="job-status" value={s} checked={status === s} onChange={() => setStatus(s)} />
              {s ? t(`jobs.status.${s}`) : t("common.all")}
            </label>
          ))}
        </div>
      </fieldset>
      <StatusMessage>{notice}</StatusMessage>
      <ErrorMessage>{retryForm.errors.message}</ErrorMessage>
      <PagedTable
        list={list}
        label={t("jobs.title")}
        columns={[t("jobs.name"), t("common.status"), t("jobs.attempts"), t("jobs.runAt"), t("jobs.updated"), t("jobs.lastError"), can("jobs:retry") && t("common.actions")]}
        empty={t("jobs.none")}
        row={(job) => (
          <tr key={job.id}>
            <td>
              <code dir="ltr">{job.name}</code>
            </td>
            <td>
              <span className={`badge badge--${job.status === "dead" ? "error" : job.status === "done" ? "ok" : "muted"}`}>{t(`jobs.status.${job.status}`)}</span>
            </td>
            <td>{t("jobs.attemptsOf", { n: job.attempts, max: job.maxAttempts })}</td>
            <td className="nowrap">{formatDateTime(job.runAt)}</td>
            <td className="nowrap">{formatDateTime(job.finishedAt ?? job.updatedAt)}</td>
            <td>{job.lastError ? <pre className="error-text" dir="ltr">{job.lastError}</pre> : "—"}</td>
            {can("jobs:retry") ? (
              <td>
                {job.status === "dead" ? (
                  <button type="button" className="button button--small" disabled={retryForm.busy} onClick={() => void retry(job)}>
                    {t("jobs.retry")}
                    <span className="visually-hidden"> {job.name}</span>
                  </button>
                ) : null}
              </td>
            ) : null}
          </tr>
        )}
      />
    </>
  );
}
