import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { CesSummary, ChoiceSummary, CsatSummary, MatrixSummary, NpsSummary, QuestionSummary, RankingSummary, RatingSummary, SurveyQuestionDef } from "../../api/types";
import { TableWrap } from "../../ui/TableWrap";
import { type Bar, BarChart } from "./BarChart";
import { choiceText, num, percent } from "./shared";

const GROUP_COLOURS = { detractors: "#b42318", passives: "#a15c00", promoters: "#166534" } as const;
const share = (part: number, n: number) => (n > 0 ? (part / n) * 100 : null);

interface Props {
  q: SurveyQuestionDef | undefined;
  title: string;
  summary: QuestionSummary;
  lang: string | undefined;
}

/** One question's results: its figures as text and tables, and a chart of the same numbers. */
export function QuestionResults({ q, title, summary, lang }: Props) {
  const { t } = useTranslation();
  return (
    <section className="card fb-question" aria-label={title}>
      <h3>{title}</h3>
      <p className="muted fb-question__meta">
        {t(`feedback.types.${summary.type}`, { defaultValue: summary.type })} · {t("feedback.answers", { count: summary.n })}
      </p>
      <Body t={t} q={q} title={title} summary={summary} lang={lang} />
    </section>
  );
}

function Body({ t, q, title, summary: s, lang }: Props & { t: TFunction }) {
  switch (s.type) {
    case "nps":
      return <Nps t={t} s={s} title={title} />;
    case "csat":
      return <Scale t={t} s={s} title={title} first={1} headline={t("feedback.csat.score", { value: percent(s.score), scale: s.scale.replace("-", "–") })} />;
    case "ces":
      return <Ces t={t} s={s} title={title} />;
    case "rating":
      return <Scale t={t} s={s} title={title} first={1} headline={t("feedback.rating.mean", { value: num(s.mean, 2), points: q?.points ?? s.distribution.length })} />;
    case "single":
    case "multi":
    case "dropdown":
    case "picture":
      return <Choices t={t} s={s} q={q} title={title} lang={lang} />;
    case "ranking":
      return <Ranking t={t} s={s} q={q} title={title} lang={lang} />;
    case "matrix":
      return <Matrix t={t} s={s} q={q} title={title} lang={lang} />;
    default:
      return s.type === "consent" && s.yes !== undefined ? <p>{t("feedback.consent.yes", { count: s.yes, percent: percent(share(s.yes, s.n)) })}</p> : null;
  }
}

function Nps({ t, s, title }: { t: TFunction; s: NpsSummary; title: string }) {
  const groups = [
    { key: "promoters", count: s.promoters, range: "9–10" },
    { key: "passives", count: s.passives, range: "7–8" },
    { key: "detractors", count: s.detractors, range: "0–6" },
  ] as const;
  const margin = s.interval95 ? (s.interval95[1] - s.interval95[0]) / 2 : null;
  const bars: Bar[] = s.distribution.map((count, i) => ({
    label: String(i),
    value: count,
    color: i >= 9 ? GROUP_COLOURS.promoters : i >= 7 ? GROUP_COLOURS.passives : GROUP_COLOURS.detractors,
  }));
  return (
    <>
      <p className="fb-headline" data-testid="nps-score">
        {s.score === null
          ? t("feedback.nps.noScore")
          : t("feedback.nps.score", { score: num(s.score, 1), margin: margin === null ? "—" : num(margin, 1) })}
      </p>
      {s.interval95 ? (
        <p className="muted">{t("feedback.nps.interval", { low: num(s.interval95[0], 1), high: num(s.interval95[1], 1) })}</p>
      ) : null}
      <TableWrap label={t("feedback.nps.groups", { title })}>
        <table className="fb-table">
          <thead>
            <tr>
              <th scope="col">{t("feedback.nps.group")}</th>
              <th scope="col">{t("feedback.count")}</th>
              <th scope="col">{t("feedback.share")}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key} data-group={g.key}>
                <th scope="row">
                  <span className={`fb-swatch fb-swatch--${g.key}`} aria-hidden="true" /> {t(`feedback.nps.${g.key}`)} <span className="muted">({g.range})</span>
                </th>
                <td className="fb-num">{num(g.count, 0)}</td>
                <td className="fb-num">{percent(share(g.count, s.n))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <BarChart label={t("feedback.chartOf", { title })} bars={bars} />
      <Distribution t={t} title={title} counts={s.distribution} first={0} />
    </>
  );
}

function Ces({ t, s, title }: { t: TFunction; s: CesSummary; title: string }) {
  return (
    <>
      <p className="fb-headline">{t("feedback.ces.mean", { value: num(s.mean, 2) })}</p>
      <p>{t("feedback.ces.agree", { value: percent(s.agreePercent) })}</p>
      <BarChart label={t("feedback.chartOf", { title })} bars={s.distribution.map((count, i) => ({ label: String(i + 1), value: count }))} />
      <Distribution t={t} title={title} counts={s.distribution} first={1} />
    </>
  );
}

function Scale({ t, s, title, first, headline }: { t: TFunction; s: CsatSummary | RatingSummary; title: string; first: number; headline: string }) {
  return (
    <>
      <p className="fb-headline">{headline}</p>
      <BarChart label={t("feedback.chartOf", { title })} bars={s.distribution.map((count, i) => ({ label: String(i + first), value: count }))} />
      <Distribution t={t} title={title} counts={s.distribution} first={first} />
    </>
  );
}

/** Counts per scale point as a table (what the chart draws). */
function Distribution({ t, title, counts, first }: { t: TFunction; title: string; counts: number[]; first: number }) {
  return (
    <TableWrap label={t("feedback.distributionOf", { title })} className="fb-dist">
      <table className="fb-table">
        <tbody>
          <tr>
            <th scope="row">{t("feedback.answer")}</th>
            {counts.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: scale points are positions
              <th key={i} scope="col" className="fb-num">
                {i + first}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="row">{t("feedback.count")}</th>
            {counts.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: scale points are positions
              <td key={i} className="fb-num">
                {num(c, 0)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </TableWrap>
  );
}

type ChoiceProps = { t: TFunction; q: SurveyQuestionDef | undefined; title: string; lang: string | undefined };

function Choices({ t, s, q, title, lang }: ChoiceProps & { s: ChoiceSummary }) {
  const rows = s.choices.map((c) => ({ ...c, text: choiceText(q?.choices, c.id, lang) }));
  return (
    <>
      <BarChart horizontal label={t("feedback.chartOf", { title })} bars={rows.map((c) => ({ label: c.text, value: c.count, text: `${num(c.count, 0)} (${percent(c.percent)})` }))} />
      <TableWrap label={t("feedback.choicesOf", { title })}>
        <table className="fb-table">
          <thead>
            <tr>
              <th scope="col">{t("feedback.choice")}</th>
              <th scope="col">{t("feedback.count")}</th>
              <th scope="col">{t("feedback.share")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.text}</th>
                <td className="fb-num">{num(c.count, 0)}</td>
                <td className="fb-num">{percent(c.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

function Ranking({ t, s, q, title, lang }: ChoiceProps & { s: RankingSummary }) {
  const rows = [...s.choices].sort((a, b) => (a.averageRank ?? Infinity) - (b.averageRank ?? Infinity));
  return (
    <TableWrap label={t("feedback.choicesOf", { title })}>
      <table className="fb-table">
        <thead>
          <tr>
            <th scope="col">{t("feedback.choice")}</th>
            <th scope="col">{t("feedback.averageRank")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <th scope="row">{choiceText(q?.choices, c.id, lang)}</th>
              <td className="fb-num">{num(c.averageRank, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Matrix({ t, s, q, title, lang }: ChoiceProps & { s: MatrixSummary }) {
  const columns = q?.columns?.map((c) => c.id) ?? [...new Set(s.rows.flatMap((r) => r.columns.map((c) => c.id)))];
  return (
    <TableWrap label={t("feedback.choicesOf", { title })}>
      <table className="fb-table">
        <thead>
          <tr>
            <td />
            {columns.map((c) => (
              <th key={c} scope="col">
                {choiceText(q?.columns, c, lang)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {s.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{choiceText(q?.rows, r.id, lang)}</th>
              {columns.map((c) => (
                <td key={c} className="fb-num">
                  {num(r.columns.find((x) => x.id === c)?.count ?? 0, 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
