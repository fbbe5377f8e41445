/** Builders for tests and the benchmark (not imported by the engine itself). */
import type { Choice, Condition, Page, Question, Rule, SurveyDefinition } from "../definition/types";
import type { EvalContext } from "./api";

export const en = (s: string) => ({ en: s });
export const choices = (...ids: string[]): Choice[] => ids.map((id) => ({ id, text: { en: id.toUpperCase() } }));

export const q = {
  nps: (id: string, extra: Partial<Question> = {}): Question => ({ id, type: "nps", text: en(id), required: false, ...extra }) as Question,
  csat: (id: string, extra: Partial<Question> = {}): Question => ({ id, type: "csat", text: en(id), required: false, ...extra }) as Question,
  single: (id: string, ids: string[], extra: Partial<Question> = {}): Question =>
    ({ id, type: "single", text: en(id), required: false, choices: choices(...ids), randomizeChoices: false, ...extra }) as Question,
  multi: (id: string, ids: string[], extra: Partial<Question> = {}): Question =>
    ({ id, type: "multi", text: en(id), required: false, choices: choices(...ids), randomizeChoices: false, ...extra }) as Question,
  ranking: (id: string, ids: string[], extra: Partial<Question> = {}): Question =>
    ({ id, type: "ranking", text: en(id), required: false, choices: choices(...ids), randomizeChoices: false, ...extra }) as Question,
  text: (id: string, extra: Partial<Question> = {}): Question => ({ id, type: "text", text: en(id), required: false, format: "short", maxLength: 200, ...extra }) as Question,
};

/** A definition with defaults; pages default to one per question. */
export function survey(parts: Partial<SurveyDefinition> & { questions: Question[] }): SurveyDefinition {
  const pages: Page[] = parts.pages ?? parts.questions.map((x) => ({ id: `p_${x.id}`, questionIds: [x.id], randomize: false }));
  return {
    title: en("Survey"),
    defaultLanguage: "en",
    languages: ["en"],
    hiddenFields: [],
    variables: [],
    rules: [],
    loops: [],
    endings: [{ id: "done", title: en("Thanks") }],
    quotas: [],
    settings: { showProgress: true, allowBack: false },
    ...parts,
    pages,
  };
}

export const page = (id: string, ...questionIds: string[]): Page => ({ id, questionIds, randomize: false });
export const rule = (id: string, pageId: string, when: Condition, then: Rule["then"]): Rule => ({ id, page: pageId, when, then });
export const always: Condition = { all: [] };

export function context(def: SurveyDefinition, over: Partial<EvalContext> = {}): EvalContext {
  return { definition: def, answers: {}, hidden: {}, variables: {}, submittedKeys: new Set(), language: "en", ...over };
}
