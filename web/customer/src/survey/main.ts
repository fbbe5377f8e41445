/**
 * The respondent page, /c/{bank}/s/{surveyId}: loads the published survey, walks it with the same
 * logic engine the server runs (so Next is instant; the server re-checks everything), saves each
 * answer as it is given and resumes a closed tab from a token kept in localStorage. No cookies.
 */
import type { FileQuestion, SurveyDefinition } from "../../../../src/modules/feedback/definition/types";
import type { PageInstance, QuestionInstance, WalkResult } from "../../../../src/modules/feedback/logic/api";
import { isEmptyAnswer, localize, pipe, walk } from "../../../../src/modules/feedback/logic/index";
import { dirOf, format, isLocale, type Locale, MESSAGES, type Messages, matchLocale } from "../i18n";
import { browserLocale, problemText, validate } from "./checks";
import "../styles.css";
import "./survey.css";
import { type ApiError, api, type EndingOut, type PublicSurvey, type RespondResult } from "./api";
import { h } from "./dom";
import { firstControl, type QContext, setError } from "./frame";
import { downscale } from "./image";
import { renderQuestion } from "./question";
import * as storage from "./storage";
import { channel, embedded, openResponse, params, surveyId, UUID } from "./start";
import { type Ref, Sync } from "./sync";
import { maxSizeText } from "./fields";
import { durationText, endingView, frame, languageSwitch, postToParent, progressBar, reportHeight } from "./view";

type Screen =
  | { kind: "loading" }
  | { kind: "message"; title: keyof Messages; text: keyof Messages; retry?: boolean }
  | { kind: "page" }
  | { kind: "ending"; ending: EndingOut | null; quota?: boolean };

let screen: Screen = { kind: "loading" };
let survey: PublicSurvey | null = null;
let locale: Locale = browserLocale(["en", "he", "ar", "zh-Hans", "zh-Hant"]) ?? "en";
let answers: Record<string, unknown> = {};
let hidden: Record<string, string> = {};
let submitted: string[] = [];
let ref: Ref | null = null;
/** The page key on screen when it is not the current one (Back). */
let view: string | null = null;
/** Randomised orders stay as first shown while a page is on screen. */
let seed = "";
let lastMark = performance.now();
let blocks = new Map<string, HTMLElement>();
let waitingForEnd = false;

const def = (): SurveyDefinition => (survey as PublicSurvey).definition;
const walkNow = (): WalkResult => walk(def(), { answers, hidden, submitted, seed });
const viewed = (w: WalkResult): PageInstance | null => (view ? (w.path.find((p) => p.key === view) ?? w.current) : w.current);

/** A survey text in the page's language, with `{{…}}` recalls filled (walking only when there are some). */
function text(t: Parameters<typeof localize>[0], inst?: { loopItem?: QuestionInstance["loopItem"] }, walked?: WalkResult): string {
  const raw = localize(t, locale, def());
  if (!raw.includes("{{")) return raw;
  const variables = (walked ?? walkNow()).variables;
  return pipe(raw, { definition: def(), answers, hidden, variables, submittedKeys: new Set(submitted), loopItem: inst?.loopItem, language: locale });
}

const sync = new Sync({
  surveyId,
  ref: () => ref,
  startBody: () => ({ hiddenFields: hidden, channel }),
  language: () => locale,
  visible: (key) => walkNow().visibleKeys.has(key),
  started(r) {
    if (r.resumeToken) {
      ref = { id: r.id, token: r.resumeToken };
      storage.save(surveyId, { responseId: r.id, token: r.resumeToken });
    }
  },
  result(r, page) {
    if (r.finished || r.status !== "in_progress") return finish(r);
    // The server decides; when it disagrees with the page (and no later submit is on its way), follow it.
    if (page && !sync.submitQueued && (walkNow().current?.key ?? null) !== r.current) void resync();
  },
  failed(e, page) {
    if (waitingForEnd) setBusy(false);
    if (e.code === "survey_closed") return message("closedTitle", "closedText");
    if (e.code === "quota_full") return finish(null, true);
    if (e.status === 409) return void resync();
    if (page && submitted.includes(page)) {
      submitted = submitted.slice(0, submitted.indexOf(page));
      view = null;
      showPage(false);
    }
    showProblem(e);
  },
  status(s) {
    const el = document.getElementById("save-state");
    const offline = document.getElementById("offline");
    if (offline) offline.hidden = s !== "offline";
    if (el) el.textContent = s === "saving" ? MESSAGES[locale].saving : s === "idle" && ref ? MESSAGES[locale].saved : "";
  },
});

/** The answer's context for the question renderers. */
const cx = (): QContext => ({
  m: MESSAGES[locale],
  locale,
  def: def(),
  text: (t, inst) => text(t, inst),
  value: (key) => answers[key],
  set(key, value, typing) {
    answers[key] = value;
    const now = performance.now();
    sync.answer(key, value, now - lastMark, typing);
    lastMark = now;
    const block = blocks.get(key);
    if (block?.classList.contains("q-invalid")) setError(block, null);
    refresh();
  },
  upload: uploadFile,
});

async function uploadFile(key: string, file: File, q: FileQuestion): Promise<string | null> {
  const m = MESSAGES[locale];
  const block = blocks.get(key);
  const fail = (msg: string) => {
    if (block) setError(block, msg);
    return msg;
  };
  if (!q.accept.includes(file.type as FileQuestion["accept"][number])) return fail(m.fileType);
  const blob = await downscale(file, q.maxBytes, q.accept);
  if (blob.size > q.maxBytes) return fail(format(m.fileTooBig, { size: maxSizeText(q, locale) }));
  const started = await sync.ensureStarted();
  if (!started) return fail(m.errServer);
  try {
    const out = await api.upload(started.id, started.token, key, blob);
    if (block) setError(block, null);
    cx().set(key, { fileId: out.fileId });
    return null;
  } catch (err) {
    const e = err as ApiError;
    return fail(e.status === 413 ? format(m.fileTooBig, { size: maxSizeText(q, locale) }) : e.status === 415 ? m.fileType : e.offline ? m.offline : m.errServer);
  }
}

/** Display logic on the same page: questions appear and disappear as answers change. */
function refresh(): void {
  const list = document.getElementById("questions");
  const w = walkNow();
  const pi = viewed(w);
  if (!list || !pi) return;
  const button = document.getElementById("next");
  if (button) button.textContent = isLast(w, pi) ? MESSAGES[locale].submit : MESSAGES[locale].next;
  const keys = pi.questions.map((q) => q.key);
  if (keys.join("\n") === [...blocks.keys()].join("\n")) return;
  const next = new Map<string, HTMLElement>();
  for (const inst of pi.questions) next.set(inst.key, blocks.get(inst.key) ?? renderQuestion(inst, cx()));
  blocks = next;
  list.replaceChildren(...next.values());
}

/** Whether submitting this page (with the answers so far) ends the survey: its button says Submit. */
const isLast = (w: WalkResult, pi: PageInstance) => pi === w.current && walk(def(), { answers, hidden, submitted: [...submitted, pi.key], seed }).finished;

/** A problem+json from a save: field errors on their questions, anything else in the page alert. */
function showProblem(e: ApiError): void {
  const m = MESSAGES[locale];
  const alert = document.getElementById("page-alert");
  let onField = false;
  for (const err of e.errors) {
    const key = /^body\.answers\.(.+)$/.exec(err.path)?.[1];
    const block = key ? blocks.get(key) : undefined;
    if (!block || !key) continue;
    setError(block, problemText(err.code, def().questions.find((q) => q.id === key.split("#")[0]), m));
    onField = true;
  }
  const general = e.offline ? m.offline : e.code === "rate_limited" ? m.rateLimited : e.status >= 500 ? m.errServer : onField ? m.errSummary : m.errInvalid;
  if (alert) alert.textContent = general;
}

function next(): void {
  const w = walkNow();
  const pi = viewed(w);
  if (!pi) return;
  const errors = validate(pi, answers, MESSAGES[locale]);
  for (const [key, block] of blocks) setError(block, errors.get(key) ?? null);
  const alert = document.getElementById("page-alert");
  if (errors.size > 0) {
    if (alert) alert.textContent = MESSAGES[locale].errSummary;
    const first = blocks.get([...errors.keys()][0] as string);
    if (first) firstControl(first)?.focus();
    return;
  }
  if (alert) alert.textContent = "";
  if (w.current && pi.key === w.current.key) {
    const pageAnswers: Record<string, unknown> = {};
    for (const inst of pi.questions) if (!isEmptyAnswer(answers[inst.key])) pageAnswers[inst.key] = answers[inst.key];
    submitted = [...submitted, pi.key];
    sync.submit(pi.key, pageAnswers);
    if (walkNow().finished) {
      // The ending waits for the server: it is the proof that the response is complete.
      waitingForEnd = true;
      setBusy(true);
      return;
    }
    view = null;
  } else {
    sync.flush();
    const i = w.path.findIndex((p) => p.key === pi.key);
    view = w.path[i + 1]?.key ?? null;
  }
  showPage(true);
}

function back(): void {
  const w = walkNow();
  const pi = viewed(w);
  const i = pi ? w.path.findIndex((p) => p.key === pi.key) : -1;
  const target = i === -1 ? w.path[w.path.length - 1] : w.path[i - 1];
  if (!target) return;
  sync.flush();
  view = target.key;
  showPage(true);
}

function setBusy(busy: boolean): void {
  const button = document.getElementById("next") as HTMLButtonElement | null;
  if (!button) return;
  button.disabled = busy;
  button.setAttribute("aria-busy", String(busy));
  if (!busy) waitingForEnd = false;
}

async function resync(): Promise<void> {
  if (!ref) return;
  try {
    const r = await api.response(ref.id, ref.token);
    answers = r.answers;
    submitted = r.submitted;
    hidden = r.hidden;
    if (r.finished || r.status !== "in_progress") return finish({ ...r, resumeToken: null });
    view = null;
    showPage(false);
  } catch (err) {
    showProblem(err as ApiError);
  }
}

function finish(r: RespondResult | null, quota = false): void {
  storage.forget(surveyId);
  const responseId = r?.id ?? ref?.id;
  ref = null;
  waitingForEnd = false;
  screen = { kind: "ending", ending: r?.ending ?? null, quota: quota || r?.status === "screened_out" };
  render(true);
  if (embedded) postToParent({ type: "completed", surveyId, responseId, endingId: r?.ending?.id ?? null });
  const url = r?.ending?.redirectUrl;
  if (url && /^https:\/\//i.test(url) && !embedded) setTimeout(() => location.assign(url), 3000);
}

function message(title: keyof Messages, body: keyof Messages, retry = false): void {
  screen = { kind: "message", title, text: body, retry };
  render(true);
}

function showPage(focus: boolean): void {
  screen = { kind: "page" };
  seed = ref?.id ?? "";
  lastMark = performance.now();
  render(focus);
}

function pageBody(m: Messages): Node[] {
  const d = def();
  const w = walkNow();
  const pi = viewed(w);
  const heading = h("h1", { id: "title", tabindex: "-1" }, text(d.title, undefined, w));
  if (!pi) return [heading, h("p", { role: "status" }, m.saving)];
  blocks = new Map(pi.questions.map((inst) => [inst.key, renderQuestion(inst, cx())]));
  const intro: Node[] = [];
  if (w.path.length === 0 && pi === w.current) {
    const desc = text(d.description, undefined, w);
    if (desc) intro.push(h("p", { class: "intro" }, desc));
    if (d.settings.estimatedMinutes) intro.push(h("p", { class: "muted" }, format(m.duration, { duration: durationText(d.settings.estimatedMinutes, locale) })));
  }
  const onPath = w.path.findIndex((p) => p.key === pi.key);
  const canBack = d.settings.allowBack && (onPath > 0 || (onPath === -1 && w.path.length > 0));

  const backButton = canBack ? h("button", { type: "button", class: "button button-quiet", id: "back" }, m.previous) : null;
  backButton?.addEventListener("click", back);
  const form = h(
    "form",
    { novalidate: true, class: "page" },
    h("div", { id: "questions" }, ...blocks.values()),
    h("p", { id: "page-alert", class: "page-alert", role: "alert" }),
    h("div", { class: "nav" }, backButton, h("button", { type: "submit", class: "button", id: "next" }, isLast(w, pi) ? m.submit : m.next)),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    next();
  });
  const retry = h("button", { type: "button", class: "button button-quiet" }, m.retry);
  retry.addEventListener("click", () => sync.retry());
  return [
    heading,
    ...intro,
    d.settings.showProgress ? progressBar(w.progress.done, w.progress.total, m) : null,
    h("div", { id: "offline", class: "notice", role: "alert", hidden: true }, h("p", {}, m.offline), retry),
    form,
    h("p", { id: "save-state", class: "save-state muted", role: "status" }),
  ].filter((n): n is HTMLElement => n !== null);
}

function body(m: Messages): Node[] {
  switch (screen.kind) {
    case "loading":
      return [h("p", { role: "status", class: "muted" }, m.loading)];
    case "message": {
      const retry = screen.retry ? h("button", { type: "button", class: "button" }, m.retry) : null;
      retry?.addEventListener("click", () => void load());
      return [h("h1", { id: "title", tabindex: "-1" }, m[screen.title]), h("p", { role: "alert", class: "notice" }, m[screen.text]), ...(retry ? [retry] : [])];
    }
    case "page":
      return pageBody(m);
    case "ending": {
      const e = screen.ending;
      const local = e ? def().endings.find((x) => x.id === e.id) : undefined;
      const pick = (t: EndingOut["title"] | undefined) => (typeof t === "string" ? t : text(t));
      const title = local ? text(local.title) : e ? pick(e.title) : "";
      const body = local ? text(local.text) : e ? pick(e.text) : "";
      return endingView(title, body, e?.redirectUrl, screen.quota === true, m);
    }
  }
}

function setLocale(l: Locale): void {
  if (!isLocale(l)) return;
  locale = l;
  const url = new URL(location.href);
  url.searchParams.set("lang", l);
  history.replaceState(null, "", url);
  render(false);
  document.getElementById("lang")?.focus();
}

function render(focus: boolean): void {
  const m = MESSAGES[locale];
  document.documentElement.lang = locale;
  document.documentElement.dir = dirOf(locale);
  document.title = survey ? text(def().title) : "Atrium";
  const app = document.getElementById("app");
  if (!app) return;
  const lang = languageSwitch(survey?.definition ?? null, locale, m, setLocale);
  app.replaceChildren(...frame(body(m), survey?.bank.name ?? "", lang, embedded, m));
  if (focus) document.getElementById("title")?.focus();
}

async function load(): Promise<void> {
  screen = { kind: "loading" };
  render(false);
  if (!UUID.test(surveyId)) return message("invalidTitle", "surveyNotFound");
  try {
    survey = await api.survey(surveyId);
  } catch (err) {
    const e = err as ApiError;
    return e.status === 404 ? message("invalidTitle", "surveyNotFound") : message("invalidTitle", e.offline ? "networkError" : "errServer", true);
  }
  const d = def();
  const asked = matchLocale(params.get("lang"));
  const fromUrl = asked && d.languages.includes(asked) ? asked : null;
  locale = fromUrl ?? browserLocale(d.languages) ?? (isLocale(d.defaultLanguage) ? d.defaultLanguage : locale);
  for (const name of d.hiddenFields) {
    const v = params.get(name);
    if (v !== null) hidden[name] = v;
  }
  if (survey.status === "closed") return message("closedTitle", "closedText");
  const opening = await openResponse({ surveyId, definition: d, token: params.get("t"), answer: params.get("a"), language: fromUrl });
  if (opening.kind === "message") return message(opening.title, opening.text, opening.retry);
  if (opening.kind === "ended") return finish(opening.result, opening.quota);
  if (opening.kind === "resumed") {
    const r = opening.response;
    ref = opening.ref;
    answers = r.answers ?? {};
    hidden = r.hidden ?? hidden;
    submitted = r.submitted ?? [];
    if (!fromUrl && isLocale(r.language) && d.languages.includes(r.language)) locale = r.language;
    if (r.finished || r.status !== "in_progress") return finish({ ...r, resumeToken: null });
  }
  showPage(false);
}

if (embedded) document.documentElement.classList.add("embedded");
addEventListener("pagehide", () => sync.leave());
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") sync.flush();
});
if (embedded && UUID.test(surveyId)) reportHeight(surveyId);
void load();
