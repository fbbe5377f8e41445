import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { screening } from "../../api/screening";
import type { ScreeningEntry, ScreeningHit, ScreeningSearchResult } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { TextField } from "../../ui/Field";
import { currentLocale } from "../../i18n";
import { useResource } from "../../ui/data";
import { Loading, LoadError, PageHead } from "../../ui/Page";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { useForm } from "../../ui/form";
import { ReviewBandBadge, ReviewScore } from "./ReviewParts";
import "./screening.css";

const FIELDS = ["name", "birthDate", "country"] as const;

/** /compliance/screening: screen a name against the active lists, with the scored matches and each entry's details. */
export function ScreeningPage() {
  const { t } = useTranslation();
  const form = useForm(FIELDS);
  const [name, setName] = useState("");
  const [birthDate, setBirthDate] = useState("");
  const [country, setCountry] = useState("");
  const [result, setResult] = useState<ScreeningSearchResult | null>(null);
  const [searched, setSearched] = useState("");

  const onSubmit = (e: FormEvent) =>
    void form.submit(
      e,
      async () => {
        const r = await screening.search({ name, ...(birthDate.trim() ? { birthDate: birthDate.trim() } : {}), ...(country.trim() ? { country: country.trim().toUpperCase() } : {}) });
        setResult(r);
        setSearched(name);
      },
      { name },
    );

  return (
    <>
      <PageHead title={t("screening.title")} intro={t("screening.intro")} />
      <form ref={form.ref} onSubmit={onSubmit} noValidate className="sc-form" aria-label={t("screening.title")}>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <TextField label={t("screening.name")} hint={t("screening.nameHint")} name="name" dir="auto" autoComplete="off" maxLength={300} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.fields.name} />
        <div className="sc-form__row">
          <TextField label={t("screening.birthDate")} hint={t("screening.birthDateHint")} name="birthDate" dir="ltr" inputMode="numeric" placeholder="1970-01-31" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} error={form.errors.fields.birthDate} />
          <TextField label={t("screening.country")} hint={t("screening.countryHint")} name="country" dir="ltr" maxLength={2} autoCapitalize="characters" placeholder="SA" value={country} onChange={(e) => setCountry(e.target.value)} error={form.errors.fields.country} />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? t("screening.searching") : t("screening.submit")}
          </button>
        </div>
      </form>
      {result ? <Results result={result} searched={searched} /> : null}
    </>
  );
}

function Results({ result, searched }: { result: ScreeningSearchResult; searched: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const key = (m: ScreeningHit) => `${m.list}/${m.entryId}`;
  return (
    <section className="sc-results" aria-live="polite" aria-labelledby="sc-results-title">
      <h2 id="sc-results-title">{t("screening.resultsFor", { name: searched })}</h2>
      <p className="muted">
        {result.listVersion ? (
          <>
            {t("screening.listVersion")} <code dir="ltr">{result.listVersion}</code>
          </>
        ) : null}{" "}
        {t("screening.thresholds", { block: pct(result.bands.block), review: pct(result.bands.review), edd: pct(result.bands.edd) })}
      </p>
      {result.warning === "no_active_lists" ? <StatusMessage tone="info">{t("screening.noLists")}</StatusMessage> : null}
      {result.warning === null && result.matches.length === 0 ? <StatusMessage tone="success">{t("screening.noMatches", { edd: pct(result.bands.edd) })}</StatusMessage> : null}
      {result.matches.length > 0 ? (
        <TableWrap label={t("screening.matches")} className="table-wrap--stack">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("screening.score")}</th>
                <th scope="col">{t("screening.entry")}</th>
                <th scope="col">{t("screening.list")}</th>
                <th scope="col">{t("screening.programs")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {result.matches.map((m) => (
                <MatchRow key={key(m)} match={m} open={open === key(m)} toggle={() => setOpen(open === key(m) ? null : key(m))} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}

function MatchRow({ match: m, open, toggle }: { match: ScreeningHit; open: boolean; toggle: () => void }) {
  const { t } = useTranslation();
  const detailsId = `sc-entry-${m.list}-${m.entryId}`.replace(/[^A-Za-z0-9_-]/g, "_");
  return (
    <>
      <tr data-entry={`${m.list}/${m.entryId}`}>
        <LabelledCell label={t("screening.score")}>
          <span className="sc-score">
            <ReviewScore score={m.score} /> <ReviewBandBadge band={m.band} />
          </span>
        </LabelledCell>
        <td className="cell--head">
          <span className="strong" dir="auto">
            {m.name}
          </span>
          {m.matchedName !== m.name ? (
            <>
              <br />
              <span className="muted">
                {t("screening.matchedAs")} <bdi>{m.matchedName}</bdi>
              </span>
            </>
          ) : null}
          <br />
          <span className="muted">{t(`screening.kinds.${m.kind}`)}</span>
        </td>
        <LabelledCell label={t("screening.list")}>
          <span dir="ltr">
            {m.list} · {t("screening.versionN", { n: m.listVersion })}
          </span>
        </LabelledCell>
        <LabelledCell label={t("screening.programs")}>{m.programs.length ? <span dir="ltr">{m.programs.join(", ")}</span> : <span className="muted">{t("screening.none")}</span>}</LabelledCell>
        <td className="cell--actions">
          <button type="button" className="button button--small button--secondary" aria-expanded={open} aria-controls={detailsId} onClick={toggle}>
            {open ? t("screening.hideDetails") : t("screening.details")}
            <span className="visually-hidden"> {m.name}</span>
          </button>
        </td>
      </tr>
      {open ? (
        <tr className="sc-details-row">
          <td colSpan={5} id={detailsId}>
            <EntryDetails list={m.list} entryId={m.entryId} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function EntryDetails({ list, entryId }: { list: string; entryId: string }) {
  const { t } = useTranslation();
  const res = useResource(() => screening.entry(list, entryId), [list, entryId]);
  if (res.error) return <LoadError error={res.error} retry={res.reload} />;
  const entry: ScreeningEntry | undefined = res.data;
  if (!entry) return <Loading />;
  const details = Object.entries(entry.details).filter(([, v]) => v !== null && v !== "" && !(Array.isArray(v) && v.length === 0));
  return (
    <dl className="sc-entry">
      <dt>{t("screening.list")}</dt>
      <dd>
        <bdi>{entry.listName}</bdi> <span dir="ltr">({entry.list} · {t("screening.versionN", { n: entry.version })} · {entry.entryId})</span>
      </dd>
      <dt>{t("screening.aliases")}</dt>
      <dd>
        {entry.aliases.length ? (
          <ul>
            {entry.aliases.map((a) => (
              <li key={`${a.quality}-${a.name}`}>
                <bdi>{a.name}</bdi>
                {a.quality === "weak" ? <span className="badge badge--muted">{t("screening.weak")}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          t("screening.none")
        )}
      </dd>
      <dt>{t("screening.birthDates")}</dt>
      <dd dir="ltr">{entry.birthDates.join(", ") || t("screening.none")}</dd>
      <dt>{t("screening.nationalities")}</dt>
      <dd dir="ltr">{entry.nationalities.join(", ") || t("screening.none")}</dd>
      <dt>{t("screening.programs")}</dt>
      <dd dir="ltr">{entry.programs.join(", ") || t("screening.none")}</dd>
      {details.length ? (
        <>
          <dt>{t("screening.remarks")}</dt>
          <dd>
            <ul>
              {details.map(([k, v]) => (
                <li key={k}>
                  <span className="muted" dir="ltr">
                    {k}:
                  </span>{" "}
                  <bdi>{typeof v === "string" ? v : JSON.stringify(v)}</bdi>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** A band threshold as a percentage in the UI language. */
function pct(x: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: "percent", maximumFractionDigits: 0 }).format(x);
}
