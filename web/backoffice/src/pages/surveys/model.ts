/**
 * Pure edits of a survey definition for the designer. Every function returns a new definition
 * (React state is never mutated) and keeps pages and questions consistent with each other.
 */
import { SURVEY_LOCALES } from "../../../../../src/modules/feedback/definition/types";
import type { Choice, LogicAction, Question, QuestionType, Rule, SurveyDefinition, SurveyLocale, Text } from "../../api/types";

export type Definition = SurveyDefinition;

/** The first free id `prefix1`, `prefix2`… among `taken`. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The text in one language, or "" when it has none there. */
export function inLang(text: Text | undefined, lang: string): string {
  return text?.[lang] ?? "";
}

/** Sets one language of a text; an emptied language is dropped so it reads as "missing". */
export function withLang(text: Text | undefined, lang: string, value: string): Text {
  const next = { ...(text ?? {}) };
  if (value === "") delete next[lang];
  else next[lang] = value;
  return next;
}

/** A short label for lists and pickers: the default-language text, or the id. */
export function questionLabel(q: Question, lang: string, fallback: string): string {
  const text = inLang(q.text, lang) || inLang(q.text, fallback) || Object.values(q.text)[0] || "";
  return text ? `${q.id} · ${text.length > 60 ? `${text.slice(0, 57)}…` : text}` : q.id;
}

/** Default texts of new choices, rows and columns ("Option 1"), in the survey's default language. */
export type Namer = (kind: "choice" | "row" | "column", n: number) => string;

function choices(lang: string, count: number, kind: "choice" | "row" | "column", name: Namer): Choice[] {
  const prefix = kind === "choice" ? "c" : kind === "row" ? "r" : "k";
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i + 1}`, text: { [lang]: name(kind, i + 1) } }));
}

/** A new question of `type` with the server's defaults filled, its text left to the analyst. */
export function blankQuestion(type: QuestionType, id: string, lang: SurveyLocale, name: Namer): Question {
  const base = { id, text: {}, required: false };
  switch (type) {
    case "nps":
    case "csat":
    case "ces":
      return { ...base, type };
    case "rating":
      return { ...base, type, style: "stars", points: 5 };
    case "single":
    case "multi":
    case "dropdown":
    case "ranking":
      return { ...base, type, choices: choices(lang, 2, "choice", name), randomizeChoices: false };
    case "picture":
      return { ...base, type, choices: choices(lang, 2, "choice", name), multiple: false, randomizeChoices: false };
    case "matrix":
      return { ...base, type, rows: choices(lang, 2, "row", name), columns: choices(lang, 3, "column", name), multiple: false, randomizeChoices: false };
    case "text":
      return { ...base, type, format: "short", maxLength: 1000 };
    case "date":
      return { ...base, type };
    case "consent":
      return { ...base, type, label: {} };
    case "statement":
      return { ...base, type };
    case "file":
      return { ...base, type, accept: ["image/jpeg", "image/png", "application/pdf"], maxBytes: 10 * 1024 * 1024 };
    case "contact":
      return { ...base, type, fields: ["name", "email", "phone", "company"] };
    case "address":
      return { ...base, type, fields: ["line1", "line2", "city", "region", "postalCode", "country"] };
  }
}

export function updateQuestion(def: Definition, id: string, change: (q: Question) => Question): Definition {
  return { ...def, questions: def.questions.map((q) => (q.id === id ? change(q) : q)) };
}

/** Adds a question of `type` at the end of page `pageId` (a new page when there is none). */
export function addQuestion(def: Definition, type: QuestionType, pageId: string | null, name: Namer): { def: Definition; id: string } {
  const id = freshId("q", def.questions.map((q) => q.id));
  const question = blankQuestion(type, id, def.defaultLanguage, name);
  let pages = def.pages;
  const target = pages.find((p) => p.id === pageId) ?? pages[pages.length - 1];
  if (target) pages = pages.map((p) => (p === target ? { ...p, questionIds: [...p.questionIds, id] } : p));
  else pages = [{ id: freshId("p", []), questionIds: [id], randomize: false }];
  return { def: { ...def, questions: [...def.questions, question], pages }, id };
}

export function removeQuestion(def: Definition, id: string): Definition {
  return {
    ...def,
    questions: def.questions.filter((q) => q.id !== id),
    pages: def.pages.map((p) => ({ ...p, questionIds: p.questionIds.filter((x) => x !== id) })),
  };
}

/** Moves a question one place up or down; past the start or end of its page it crosses to the neighbour page. */
export function shiftQuestion(def: Definition, id: string, delta: -1 | 1): Definition {
  const pi = def.pages.findIndex((p) => p.questionIds.includes(id));
  const page = def.pages[pi];
  if (!page) return def;
  const ids = [...page.questionIds];
  const at = ids.indexOf(id);
  const to = at + delta;
  if (to >= 0 && to < ids.length) {
    ids.splice(at, 1);
    ids.splice(to, 0, id);
    return { ...def, pages: def.pages.map((p, i) => (i === pi ? { ...p, questionIds: ids } : p)) };
  }
  const neighbour = def.pages[pi + delta];
  if (!neighbour) return def;
  return moveToPage(def, id, neighbour.id, delta === 1 ? 0 : neighbour.questionIds.length);
}

/** Moves a question to another page (at `index`, default the end). */
export function moveToPage(def: Definition, id: string, pageId: string, index?: number): Definition {
  const pages = def.pages.map((p) => ({ ...p, questionIds: p.questionIds.filter((x) => x !== id) }));
  return {
    ...def,
    pages: pages.map((p) => {
      if (p.id !== pageId) return p;
      const ids = [...p.questionIds];
      ids.splice(index ?? ids.length, 0, id);
      return { ...p, questionIds: ids };
    }),
  };
}

export function addPage(def: Definition): { def: Definition; id: string } {
  const id = freshId("p", def.pages.map((p) => p.id));
  return { def: { ...def, pages: [...def.pages, { id, questionIds: [], randomize: false }] }, id };
}

export function shiftPage(def: Definition, pageId: string, delta: -1 | 1): Definition {
  const at = def.pages.findIndex((p) => p.id === pageId);
  const to = at + delta;
  if (at < 0 || to < 0 || to >= def.pages.length) return def;
  const pages = [...def.pages];
  const [page] = pages.splice(at, 1);
  if (page) pages.splice(to, 0, page);
  return { ...def, pages };
}

/** Removes a page; its questions join the page before it (or after, for the first page). */
export function removePage(def: Definition, pageId: string): Definition {
  const at = def.pages.findIndex((p) => p.id === pageId);
  const page = def.pages[at];
  if (!page || def.pages.length === 1) return def;
  const heir = at > 0 ? at - 1 : 1;
  const pages = def.pages.map((p, i) =>
    i === heir ? { ...p, questionIds: at > 0 ? [...p.questionIds, ...page.questionIds] : [...page.questionIds, ...p.questionIds] } : p,
  );
  return { ...def, pages: pages.filter((p) => p.id !== pageId) };
}

/** Every {{reference}} the analyst can pipe into a text (a question's own answer left out). */
export function pipingTokens(def: Definition, exclude?: string): string[] {
  return [
    ...def.questions.filter((q) => q.type !== "statement" && q.id !== exclude).map((q) => `{{${q.id}}}`),
    ...def.hiddenFields.map((h) => `{{hidden.${h}}}`),
    ...def.variables.map((v) => `{{var.${v.id}}}`),
    ...(def.loops.length ? ["{{loop.item}}"] : []),
  ];
}

/** Languages other than the default in which `text` has no string. */
export function missingLanguages(def: Definition, text: Text | undefined): string[] {
  return def.languages.filter((l) => !inLang(text, l).trim());
}

/** A rule with other actions (`then` is the definition's name for them). */
export function withActions(rule: Rule, actions: LogicAction[]): Rule {
  // biome-ignore lint/suspicious/noThenProperty: `then` is the field's name in the survey definition
  return { ...rule, then: actions };
}

/** A new rule after the first page, jumping to the last page (a rule needs at least one action). */
export function newRule(def: Definition, when: Rule["when"]): Rule {
  const last = def.pages[def.pages.length - 1]?.id ?? "";
  return withActions({ id: freshId("r", def.rules.map((r) => r.id)), page: def.pages[0]?.id ?? "", when } as Rule, [{ type: "jump", to: last }]);
}

/** The languages offered are those the title is written in (the server holds the same rule). */
export function syncLanguages(def: Definition): Definition {
  const languages = SURVEY_LOCALES.filter((l) => (def.title[l] ?? "").trim() !== "");
  if (languages.length === 0 || languages.join() === def.languages.join()) return def;
  return { ...def, languages };
}
