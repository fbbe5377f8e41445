import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PRODUCTS } from "../../../../../src/modules/onboarding/flow/types";
import { ApiError } from "../../api/client";
import { flows } from "../../api/flows";
import type { Flow, FlowLocale, FlowProblem, ProductId } from "../../api/types";
import { useLocation } from "../../router";
import { useCan } from "../../session";
import { useResource } from "../../ui/data";
import { LoadError, Loading, PageHead } from "../../ui/Page";
import { focusPath } from "../surveys/context";
import { FlowEditorContext } from "./context";
import { FlowActions, SaveStatus } from "./FlowActions";
import { FlowSettings } from "./FlowSettings";
import { LanguageBar } from "./LanguageBar";
import { type Definition, missingIn, textOf } from "./model";
import { PhonePreview } from "./Preview";
import { definitionPath, ProblemList } from "./Problems";
import { StepEditor } from "./StepEditor";
import { StepList } from "./StepList";
import { useFlowSaver } from "./useFlowSaver";
import { Versions } from "./Versions";
import "../surveys/designer.css";
import "./flows.css";

const TABS = ["steps", "settings", "preview", "versions"] as const;
type Tab = (typeof TABS)[number];
const READ_ONLY_TABS: Tab[] = ["preview", "versions"];

/** /flows/edit?product=… : the flow editor of a product's draft. */
export function FlowEditorPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const product = (query.get("product") ?? "") as ProductId;
  const known = (PRODUCTS as readonly string[]).includes(product);
  const loaded = useResource(() => (known ? flows.get(product) : Promise.reject(new ApiError("not_found", 404, "unknown product"))), [product]);
  if (loaded.data && loaded.data.product === product) return <Editor key={product} initial={loaded.data} />;
  return (
    <>
      <PageHead title={t("flows.editor.title")} />
      {loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} /> : <Loading />}
    </>
  );
}

/** Which tab holds a definition path (`welcome[1].label.he` → settings). */
function tabOf(path: string): Tab {
  return /^steps\b/.test(path) ? "steps" : "settings";
}

function Editor({ initial }: { initial: Flow }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const writable = can("flows:write");
  const [flow, setFlow] = useState(initial);
  const [def, setDef] = useState<Definition>(initial.draft);
  const [lang, setLang] = useState<FlowLocale>(initial.draft.defaultLanguage);
  const [tab, setTab] = useState<Tab>(writable ? "steps" : "preview");
  const [step, setStep] = useState<string | null>(initial.draft.steps[0]?.id ?? null);
  const [field, setField] = useState<string | null>(null);
  const [publishProblems, setPublishProblems] = useState<FlowProblem[]>([]);
  const saver = useFlowSaver(flow.product, useCallback((f: Flow) => setFlow(f), []));
  const skip = useRef(true);

  // Every change of the draft is autosaved (not the server's own copy, first or after Discard).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new draft triggers a save
  useEffect(() => {
    if (skip.current) {
      skip.current = false;
      return;
    }
    setPublishProblems([]);
    saver.schedule(def);
  }, [def]);

  const edit = useCallback((change: (d: Definition) => Definition) => setDef((d) => change(d)), []);
  const editLanguage = (l: FlowLocale) => setLang(l);
  const shownLang = def.languages.includes(lang) ? lang : def.defaultLanguage;

  const saveProblems: FlowProblem[] =
    saver.error instanceof ApiError
      ? saver.error.fieldProblems.map((p) => ({ path: definitionPath(p.path), code: p.code ?? "invalid", message: p.message, severity: "error" }))
      : [];
  const current = saver.state === "saved" || saver.state === "saving" ? flow.problems.map((p) => ({ ...p, path: definitionPath(p.path) })) : [];
  const seen = new Set<string>();
  const shown = [...publishProblems, ...saveProblems, ...current].filter((p) => {
    const key = `${p.path}|${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const perStep = new Map<string, number>();
  for (const p of shown) {
    const m = /^steps\[(\d+)\]/.exec(p.path);
    const sid = m ? def.steps[Number(m[1])]?.id : undefined;
    if (sid) perStep.set(sid, (perStep.get(sid) ?? 0) + 1);
  }
  const errors = flow.problems.filter((p) => p.severity !== "warning").length;

  const go = (path: string) => {
    setTab(tabOf(path));
    const s = /^steps\[(\d+)\](?:\.fields\[(\d+)\])?/.exec(path);
    if (s) {
      const target = def.steps[Number(s[1])];
      setStep(target?.id ?? null);
      setField(s[2] !== undefined ? (target?.fields[Number(s[2])]?.id ?? null) : null);
    }
    // A missing translation opens the first language it is missing in.
    const locale = (/\.(en|he|ar|zh-Hans|zh-Hant)$/.exec(path)?.[1] ?? def.languages.find((l) => missingIn(def, l).includes(`${path}.${l}`))) as FlowLocale | undefined;
    if (locale && def.languages.includes(locale)) setLang(locale);
    setTimeout(() => focusPath(path) || document.querySelector<HTMLElement>(".flow-editor__panel h2")?.focus(), 50);
  };

  const selectStep = (id: string | null) => {
    setStep(id);
    setField(null);
  };

  const tabs = writable ? TABS : READ_ONLY_TABS;
  const title = textOf(def.title, i18n.language, def.defaultLanguage) || flow.name || flow.product;
  return (
    <FlowEditorContext.Provider value={{ def, edit, lang: shownLang }}>
      <PageHead title={t("flows.editor.titleOf", { name: title })} intro={<SaveStatus flow={flow} saver={saver} writable={writable} />} />
      {writable ? (
        <FlowActions
          flow={flow}
          saver={saver}
          errors={errors}
          onChanged={(next, replaced) => {
            setFlow(next);
            if (replaced) {
              skip.current = true;
              setDef(next.draft);
              if (!next.draft.steps.some((s) => s.id === step)) setStep(next.draft.steps[0]?.id ?? null);
            }
          }}
          onProblems={(ps) => {
            setPublishProblems(ps);
            if (ps.length) setTimeout(() => document.getElementById("flow-problems-title")?.focus(), 50);
          }}
        />
      ) : null}
      <ProblemList problems={shown} def={def} onGo={go} headingId="flow-problems-title" />
      {writable ? <LanguageBar onEditLanguage={editLanguage} /> : null}
      <nav className="designer__tabs" aria-label={t("flows.editor.sections")}>
        {tabs.map((name) => (
          <button key={name} type="button" className={`designer__tab${tab === name ? " designer__tab--on" : ""}`} aria-current={tab === name ? "true" : undefined} onClick={() => setTab(name)}>
            {t(`flows.tabs.${name}`)}
          </button>
        ))}
      </nav>
      <div className="flow-editor__panel">
        {tab === "steps" ? (
          <div className="designer__split">
            <StepList selected={step} onSelect={selectStep} problems={perStep} writable={writable} />
            {step && def.steps.some((s) => s.id === step) ? (
              <StepEditor key={step} stepId={step} onSelect={selectStep} field={field} onField={setField} />
            ) : (
              <section className="card" aria-labelledby="flow-step-none">
                <h2 id="flow-step-none">{t("flows.steps.noneTitle")}</h2>
                <p className="muted">{t("flows.steps.noneText")}</p>
              </section>
            )}
          </div>
        ) : null}
        {tab === "settings" ? <FlowSettings /> : null}
        {tab === "preview" ? (
          <section className="card" aria-labelledby="flow-preview-title">
            <h2 id="flow-preview-title">{t("flows.preview.title")}</h2>
            <p className="muted">{t("flows.preview.intro")}</p>
            <PhonePreview def={def} initialLang={shownLang} initialStep={step} />
          </section>
        ) : null}
        {tab === "versions" ? <Versions product={flow.product} publishedVersion={flow.publishedVersion} /> : null}
      </div>
    </FlowEditorContext.Provider>
  );
}
