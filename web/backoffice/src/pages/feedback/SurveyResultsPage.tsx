import { useTranslation } from "react-i18next";
import { results } from "../../api/feedback";
import type { ResultsSummary } from "../../api/types";
import { Link, useLocation } from "../../router";
import { useCan } from "../../session";
import { StatusMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { Loading, LoadError, PageHead } from "../../ui/Page";
import { TableWrap } from "../../ui/TableWrap";
import { BarChart } from "./BarChart";
import { applyFilters, readFilters } from "./filters";
import { QuestionResults } from "./QuestionResults";
import { ResponsesTable } from "./ResponsesTable";
import { ResultsFilters } from "./ResultsFilters";
import { duration, localize, num, percent, questionText, Stat, type SurveyContext, useSurvey } from "./shared";

/** /surveys/results?id=…: headline figures, per-question results, drop-off, exports and responses. */
export function SurveyResultsPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const id = query.get("id") ?? "";
  const survey = useSurvey(id);
  if (!id) return <PageHead title={t("feedback.results.title")} intro={t("feedback.noSurvey")} />;
  if (survey.error) return (
    <>
      <PageHead title={t("feedback.results.title")} />
      <LoadError error={survey.error} retry={survey.reload} />
    </>
  );
  if (!survey.data) return (
    <>
      <PageHead title={t("feedback.results.title")} />
      <Loading />
    </>
  );
  return <Results ctx={survey.data} />;
}

function Results({ ctx }: { ctx: SurveyContext }) {
  const { t } = useTranslation();
  const can = useCan();
  const { path, query } = useLocation();
  const surveyId = ctx.survey.id;
  const filters = readFilters(query);
  const key = JSON.stringify(filters);
  const readable = can("responses:read");
  // Set by the single-response page after an erasure, to say how many went.
  const erased = query.get("erased");
  const summary = useResource<ResultsSummary | undefined>(() => (readable ? results.summary(surveyId, filters) : Promise.resolve(undefined)), [surveyId, key, readable]);
  const def = ctx.version?.definition;
  const name = def ? localize(def.title, def.defaultLanguage) || ctx.survey.name : ctx.survey.name;

  return (
    <>
      <PageHead
        title={t("feedback.results.titleOf", { name })}
        actions={
          <>
            {can("surveys:distribute") ? (
              <Link to={`/surveys/distribute?id=${encodeURIComponent(surveyId)}`} className="button button--secondary">
                {t("feedback.distribution.title")}
              </Link>
            ) : null}
            {can("responses:export") ? (
              <>
                <a className="button button--secondary" href={results.exportUrl(surveyId, "csv", filters)} download>
                  {t("feedback.results.exportCsv")}
                </a>
                <a className="button button--secondary" href={results.exportUrl(surveyId, "xlsx", filters)} download>
                  {t("feedback.results.exportXlsx")}
                </a>
              </>
            ) : null}
          </>
        }
      />
      <StatusMessage>{erased ? t("feedback.erase.done", { count: Number(erased) }) : null}</StatusMessage>
      <ResultsFilters key={key} ctx={ctx} value={filters} onApply={(next) => applyFilters(path, surveyId, next)} />
      {!readable ? <p>{t("feedback.results.noAccess")}</p> : null}
      {summary.error ? <LoadError error={summary.error} retry={summary.reload} /> : null}
      {readable && !summary.data && !summary.error ? <Loading /> : null}
      {summary.data ? <SummaryView ctx={ctx} s={summary.data} /> : null}
      {readable ? <ResponsesTable surveyId={surveyId} filters={filters} /> : null}
    </>
  );
}

function SummaryView({ ctx, s }: { ctx: SurveyContext; s: ResultsSummary }) {
  const { t } = useTranslation();
  const def = ctx.version?.definition;
  const lang = def?.defaultLanguage;
  const byId = new Map((def?.questions ?? []).map((q) => [q.id, q]));
  // Questions in the order of the definition, then any the latest version no longer has.
  const order = [...(def?.questions ?? []).map((q) => q.id).filter((qid) => s.questions[qid]), ...Object.keys(s.questions).filter((qid) => !byId.has(qid))];
  return (
    <>
      <section aria-labelledby="fb-headline" className="section">
        <h2 id="fb-headline">{t("feedback.results.overview")}</h2>
        <dl className="fb-stats">
          <Stat label={t("feedback.results.responses")} value={num(s.responses, 0)} />
          <Stat label={t("feedback.results.completionRate")} value={percent(s.completionRate)} hint={t("feedback.results.completionHint")} />
          <Stat label={t("feedback.results.medianTime")} value={duration(s.medianSecondsToComplete)} />
          <Stat label={t("feedback.results.started")} value={num(s.started, 0)} />
          <Stat label={t("feedback.status.completed")} value={num(s.completed, 0)} />
          <Stat label={t("feedback.status.partial")} value={num(s.partial, 0)} />
          <Stat label={t("feedback.status.in_progress")} value={num(s.inProgress, 0)} />
          <Stat label={t("feedback.status.screened_out")} value={num(s.screenedOut, 0)} />
        </dl>
      </section>
      <section aria-labelledby="fb-questions" className="section">
        <h2 id="fb-questions">{t("feedback.results.questions")}</h2>
        {order.length === 0 ? <p className="muted">{t("feedback.results.noQuestions")}</p> : null}
        {order.map((qid) => {
          const summary = s.questions[qid];
          return summary ? <QuestionResults key={qid} q={byId.get(qid)} title={questionText(byId.get(qid), qid, lang)} summary={summary} lang={lang} /> : null;
        })}
      </section>
      {s.dropOff.length > 0 ? (
        <section aria-labelledby="fb-dropoff" className="section">
          <h2 id="fb-dropoff">{t("feedback.dropOff.title")}</h2>
          <p className="muted">{t("feedback.dropOff.intro")}</p>
          <BarChart
            horizontal
            label={t("feedback.dropOff.chart")}
            bars={s.dropOff.map((d) => ({ label: questionText(byId.get(d.questionId), d.questionId, lang), value: d.droppedHere }))}
          />
          <TableWrap label={t("feedback.dropOff.title")}>
            <table className="fb-table">
              <thead>
                <tr>
                  <th scope="col">{t("feedback.dropOff.question")}</th>
                  <th scope="col">{t("feedback.dropOff.reached")}</th>
                  <th scope="col">{t("feedback.dropOff.answered")}</th>
                  <th scope="col">{t("feedback.dropOff.dropped")}</th>
                </tr>
              </thead>
              <tbody>
                {s.dropOff.map((d) => (
                  <tr key={d.questionId}>
                    <th scope="row">{questionText(byId.get(d.questionId), d.questionId, lang)}</th>
                    <td className="fb-num">{num(d.reached, 0)}</td>
                    <td className="fb-num">{num(d.answered, 0)}</td>
                    <td className="fb-num">{num(d.droppedHere, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}
    </>
  );
}
