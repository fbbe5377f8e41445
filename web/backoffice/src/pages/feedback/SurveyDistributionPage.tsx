import { useState } from "react";
import { useTranslation } from "react-i18next";
import { distribution } from "../../api/feedback";
import { isLocale, LOCALE_NAMES } from "../../i18n/locales";
import { Link, useLocation } from "../../router";
import { useCan } from "../../session";
import { useResource } from "../../ui/data";
import { SelectField } from "../../ui/Field";
import { LoadError, Loading, PageHead } from "../../ui/Page";
import { CampaignsSection } from "./CampaignsSection";
import { PersonalLinks } from "./PersonalLinks";
import { TriggersSection } from "./TriggersSection";
import { CopyField, localize, type SurveyContext, useSurvey } from "./shared";

/** /surveys/distribute?id=…: every way to reach customers with one survey. */
export function SurveyDistributionPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const id = query.get("id") ?? "";
  const survey = useSurvey(id);
  if (!id) return <PageHead title={t("feedback.distribution.title")} intro={t("feedback.noSurvey")} />;
  if (!survey.data)
    return (
      <>
        <PageHead title={t("feedback.distribution.title")} />
        {survey.error ? <LoadError error={survey.error} retry={survey.reload} /> : <Loading />}
      </>
    );
  return <Distribution ctx={survey.data} />;
}

function Distribution({ ctx }: { ctx: SurveyContext }) {
  const { t } = useTranslation();
  const can = useCan();
  const { survey, version } = ctx;
  const def = version?.definition;
  const name = def ? localize(def.title, def.defaultLanguage) || survey.name : survey.name;
  const publicUrl = new URL(survey.links.public, location.origin).toString();
  return (
    <>
      <PageHead
        title={t("feedback.distribution.titleOf", { name })}
        actions={
          <Link to={`/surveys/results?id=${encodeURIComponent(survey.id)}`} className="button button--secondary">
            {t("feedback.results.title")}
          </Link>
        }
      />
      {survey.status !== "published" ? (
        <p className="alert alert--info">{t(survey.publishedVersion ? "feedback.distribution.closed" : "feedback.distribution.notPublished")}</p>
      ) : null}
      <section className="card" aria-labelledby="fb-link">
        <h2 id="fb-link">{t("feedback.distribution.anonymous")}</h2>
        <p className="muted">{t("feedback.distribution.anonymousIntro")}</p>
        <CopyField label={t("feedback.distribution.link")} value={publicUrl} />
      </section>
      <Qr surveyId={survey.id} languages={def?.languages ?? []} />
      <Embed surveyId={survey.id} />
      {can("contacts:read") ? <PersonalLinks surveyId={survey.id} /> : null}
      <CampaignsSection surveyId={survey.id} />
      <TriggersSection surveyId={survey.id} />
    </>
  );
}

function Qr({ surveyId, languages }: { surveyId: string; languages: string[] }) {
  const { t } = useTranslation();
  const [lang, setLang] = useState("");
  const svg = distribution.qrUrl(surveyId, "svg", lang || undefined);
  return (
    <section className="card" aria-labelledby="fb-qr">
      <h2 id="fb-qr">{t("feedback.distribution.qr")}</h2>
      <p className="muted">{t("feedback.distribution.qrIntro")}</p>
      {languages.length > 1 ? (
        <SelectField label={t("feedback.distribution.qrLanguage")} value={lang} onChange={(e) => setLang(e.target.value)}>
          <option value="">{t("feedback.distribution.qrAnyLanguage")}</option>
          {languages.map((l) => (
            <option key={l} value={l}>
              {isLocale(l) ? LOCALE_NAMES[l] : l}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="qr fb-qr">
        <img src={svg} alt={t("feedback.distribution.qrAlt")} width={192} height={192} />
      </div>
      <div className="actions">
        <a className="button button--secondary" href={distribution.qrUrl(surveyId, "png", lang || undefined)} download={`survey-${surveyId}.png`}>
          {t("feedback.distribution.downloadPng")}
        </a>
        <a className="button button--secondary" href={svg} download={`survey-${surveyId}.svg`}>
          {t("feedback.distribution.downloadSvg")}
        </a>
      </div>
    </section>
  );
}

function Embed({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const snippets = useResource(() => distribution.embed(surveyId), [surveyId]);
  return (
    <section className="card" aria-labelledby="fb-embed">
      <h2 id="fb-embed">{t("feedback.distribution.embed")}</h2>
      <p className="muted">{t("feedback.distribution.embedIntro")}</p>
      {snippets.error ? <LoadError error={snippets.error} retry={snippets.reload} /> : null}
      {snippets.data ? (
        <>
          <CopyField multiline label={t("feedback.distribution.embedScript")} value={snippets.data.script} />
          <CopyField multiline label={t("feedback.distribution.embedIframe")} value={snippets.data.iframe} />
        </>
      ) : snippets.error ? null : (
        <Loading />
      )}
    </section>
  );
}
