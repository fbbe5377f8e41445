import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { surveys } from "../../api/surveys";
import type { Survey, SurveyLocale } from "../../api/types";
import { Link, useLocation } from "../../router";
import { useCan } from "../../session";
import { useResource } from "../../ui/data";
import { LoadError, Loading, PageHead } from "../../ui/Page";
import { DesignerContext, focusPath } from "./context";
import { DataPanel } from "./DataPanel";
import { EndingsPanel } from "./EndingsPanel";
import { LanguageBar } from "./LanguageBar";
import { type Definition, syncLanguages } from "./model";
import { PhonePreview } from "./Preview";
import { definitionPath, ProblemList, type ShownProblem } from "./Problems";
import { QuestionEditor } from "./QuestionEditor";
import { RulesEditor } from "./RulesEditor";
import { Structure } from "./Structure";
import { SurveyPanel } from "./SurveyPanel";
import { SaveStatus, SurveyActions } from "./SurveyActions";
import { useDraftSaver } from "./useDraftSaver";
import { VersionsPanel } from "./VersionsPanel";
import "./designer.css";

const TABS = ["questions", "logic", "endings", "survey", "preview", "versions"] as const;
type Tab = (typeof TABS)[number];
const READ_ONLY_TABS: Tab[] = ["preview", "versions"];

/** /surveys/edit?id=… : the survey designer. */
export function SurveyEditorPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const id = query.get("id") ?? "";
  const loaded = useResource(() => surveys.get(id), [id]);
  if (loaded.data && loaded.data.id === id) return <Designer key={id} initial={loaded.data} />;
  return (
    <>
      <PageHead title={t("surveys.editor.title")} />
      {loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} /> : <Loading />}
    </>
  );
}

/** Which section holds a definition path (`rules[2].when…` → logic). */
function tabOf(path: string): Tab {
  if (/^(rules|hiddenFields|variables|loops)\b/.test(path)) return "logic";
  if (/^(endings|quotas)\b/.test(path)) return "endings";
  if (/^(title|description|settings|languages|defaultLanguage)\b/.test(path)) return "survey";
  return "questions";
}

function Designer({ initial }: { initial: Survey }) {
  const { t } = useTranslation();
  const can = useCan();
  const [survey, setSurvey] = useState(initial);
  const [def, setDef] = useState<Definition>(initial.draft);
  const [name, setName] = useState(initial.name);
  const [lang, setLang] = useState<SurveyLocale>(initial.draft.defaultLanguage);
  const writable = initial.actions.includes("edit");
  const [tab, setTab] = useState<Tab>(writable ? "questions" : "preview");
  const [selected, setSelected] = useState<string | null>(initial.draft.pages[0]?.questionIds[0] ?? initial.draft.questions[0]?.id ?? null);
  const [publishProblems, setPublishProblems] = useState<ShownProblem[]>([]);
  const saver = useDraftSaver(survey.id, useCallback((s: Survey) => setSurvey(s), []));
  const first = useRef(true);

  // Every change of the draft is autosaved (the first render is the server's own copy).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new draft triggers a save
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setPublishProblems([]);
    saver.schedule(def, name);
  }, [def, name]);

  const edit = useCallback((change: (d: Definition) => Definition) => setDef((d) => syncLanguages(change(d))), []);

  const saveProblems: ShownProblem[] =
    saver.error instanceof ApiError
      ? saver.error.fieldProblems.map((p) => ({ path: definitionPath(p.path), code: p.code ?? "invalid", message: p.message, severity: "error", text: t("surveys.problems.notSaved") }))
      : [];
  const problems = [...publishProblems, ...saveProblems, ...(saver.state === "saved" || saver.state === "saving" ? survey.problems : [])];
  const seen = new Set<string>();
  const shown = problems.filter((p) => {
    const key = `${p.path}|${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const perQuestion = new Map<string, number>();
  for (const p of shown) {
    const m = /^questions\[(\d+)\]/.exec(p.path);
    const qid = m ? def.questions[Number(m[1])]?.id : undefined;
    if (qid) perQuestion.set(qid, (perQuestion.get(qid) ?? 0) + 1);
  }

  const go = (path: string) => {
    const target = tabOf(path);
    setTab(target);
    const q = /^questions\[(\d+)\]/.exec(path);
    if (q) setSelected(def.questions[Number(q[1])]?.id ?? null);
    const locale = /\.(en|he|ar|zh-Hans|zh-Hant)$/.exec(path)?.[1] as SurveyLocale | undefined;
    if (locale && def.languages.includes(locale)) setLang(locale);
    // After the section has rendered: the field itself, else the section's heading.
    setTimeout(() => focusPath(path) || document.querySelector<HTMLElement>(".designer__panel h2")?.focus(), 50);
  };

  const tabs = writable ? TABS : READ_ONLY_TABS;
  return (
    <DesignerContext.Provider value={{ def, edit, lang }}>
      <PageHead
        title={survey.name || t("surveys.editor.title")}
        intro={<SaveStatus survey={survey} saver={saver} writable={writable} />}
        actions={
          <>
            <Link className="button button--secondary" to={`/surveys/results?id=${encodeURIComponent(survey.id)}`}>
              {t("surveys.list.results")}
            </Link>
            {can("surveys:distribute") && survey.status === "published" ? (
              <Link className="button button--secondary" to={`/surveys/distribute?id=${encodeURIComponent(survey.id)}`}>
                {t("surveys.list.distribute")}
              </Link>
            ) : null}
          </>
        }
      />
      <SurveyActions survey={survey} saver={saver} onChanged={setSurvey} onProblems={(ps) => {
          setPublishProblems(ps);
          setTimeout(() => document.getElementById("problems-title")?.focus(), 50);
        }} />
      <ProblemList problems={shown} def={def} onGo={go} headingId="problems-title" />
      {writable ? <LanguageBar onEditLanguage={setLang} /> : null}
      <nav className="designer__tabs" aria-label={t("surveys.editor.sections")}>
        {tabs.map((name) => (
          <button key={name} type="button" className={`designer__tab${tab === name ? " designer__tab--on" : ""}`} aria-current={tab === name ? "true" : undefined} onClick={() => setTab(name)}>
            {t(`surveys.tabs.${name}`)}
          </button>
        ))}
      </nav>
      <div className="designer__panel">
        {tab === "questions" ? (
          <div className="designer__split">
            <Structure selected={selected} onSelect={setSelected} problems={perQuestion} />
            {selected && def.questions.some((q) => q.id === selected) ? (
              <QuestionEditor key={selected} id={selected} onRemoved={() => setSelected(null)} />
            ) : (
              <section className="card" aria-labelledby="q-none">
                <h2 id="q-none">{t("surveys.question.noneTitle")}</h2>
                <p className="muted">{t("surveys.question.noneText")}</p>
              </section>
            )}
          </div>
        ) : null}
        {tab === "logic" ? (
          <>
            <RulesEditor />
            <DataPanel />
          </>
        ) : null}
        {tab === "endings" ? <EndingsPanel /> : null}
        {tab === "survey" ? <SurveyPanel name={name} onName={setName} /> : null}
        {tab === "preview" ? <PreviewPanel survey={survey} def={def} lang={lang} /> : null}
        {tab === "versions" ? <VersionsPanel surveyId={survey.id} publishedVersion={survey.publishedVersion} /> : null}
      </div>
    </DesignerContext.Provider>
  );
}

function PreviewPanel({ survey, def, lang }: { survey: Survey; def: Definition; lang: SurveyLocale }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("surveys.preview.title")}</h2>
      <p className="muted">{t("surveys.preview.intro")}</p>
      {survey.status === "published" && survey.links.public ? (
        <p>
          <a href={survey.links.public} target="_blank" rel="noopener">
            {t("surveys.preview.openLive", { n: survey.publishedVersion ?? "" })}
          </a>
        </p>
      ) : null}
      <PhonePreview def={def} initialLang={lang} />
    </section>
  );
}
