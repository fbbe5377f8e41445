/**
 * An index of a definition's ids, built once per definition object and cached (definitions are
 * treated as immutable once handed to the engine: build a new object after an edit).
 */
import type { Choice, Ending, Loop, Question, Rule, SurveyDefinition, Variable } from "../definition/types";

export interface LoopSpan {
  loop: Loop;
  /** Indexes (in def.pages) of the loop's first and last page. */
  start: number;
  end: number;
}

export interface DefIndex {
  questions: Map<string, Question>;
  pageIndex: Map<string, number>;
  /** Question id → index of the (first) page holding it. */
  pageOfQuestion: Map<string, number>;
  /** Page index → the loop whose body contains it. */
  loopAt: Map<number, LoopSpan>;
  /** Page index → the loop starting there. */
  loopStart: Map<number, LoopSpan>;
  rulesByPage: Map<string, Rule[]>;
  endings: Map<string, Ending>;
  variables: Map<string, Variable>;
}

const cache = new WeakMap<SurveyDefinition, DefIndex>();

export function indexDefinition(def: SurveyDefinition): DefIndex {
  const cached = cache.get(def);
  if (cached) return cached;
  const idx = buildIndex(def);
  cache.set(def, idx);
  return idx;
}

export function buildIndex(def: SurveyDefinition): DefIndex {
  const questions = new Map<string, Question>();
  for (const q of def.questions ?? []) if (!questions.has(q.id)) questions.set(q.id, q);
  const pageIndex = new Map<string, number>();
  const pageOfQuestion = new Map<string, number>();
  (def.pages ?? []).forEach((p, i) => {
    if (!pageIndex.has(p.id)) pageIndex.set(p.id, i);
    for (const qid of p.questionIds ?? []) if (!pageOfQuestion.has(qid)) pageOfQuestion.set(qid, i);
  });
  const loopAt = new Map<number, LoopSpan>();
  const loopStart = new Map<number, LoopSpan>();
  for (const loop of def.loops ?? []) {
    const indexes = (loop.pages ?? []).map((p) => pageIndex.get(p)).filter((i): i is number => i !== undefined);
    if (indexes.length === 0) continue;
    const span: LoopSpan = { loop, start: Math.min(...indexes), end: Math.max(...indexes) };
    if (loopStart.has(span.start)) continue;
    let overlaps = false;
    for (let i = span.start; i <= span.end; i++) if (loopAt.has(i)) overlaps = true;
    if (overlaps) continue;
    loopStart.set(span.start, span);
    for (let i = span.start; i <= span.end; i++) loopAt.set(i, span);
  }
  const rulesByPage = new Map<string, Rule[]>();
  for (const rule of def.rules ?? []) {
    const list = rulesByPage.get(rule.page);
    if (list) list.push(rule);
    else rulesByPage.set(rule.page, [rule]);
  }
  const endings = new Map<string, Ending>();
  for (const e of def.endings ?? []) if (!endings.has(e.id)) endings.set(e.id, e);
  const variables = new Map<string, Variable>();
  for (const v of def.variables ?? []) if (!variables.has(v.id)) variables.set(v.id, v);
  return { questions, pageIndex, pageOfQuestion, loopAt, loopStart, rulesByPage, endings, variables };
}

/** The answer key of a question: its id, or `${id}#${item}` when it sits in a loop body and an item is current. */
export function answerKey(idx: DefIndex, questionId: string, loopItem?: Choice): string {
  if (!loopItem) return questionId;
  const page = idx.pageOfQuestion.get(questionId);
  return page !== undefined && idx.loopAt.has(page) ? `${questionId}#${loopItem.id}` : questionId;
}

/** Splits an answer or page key into its id and, inside a loop, the item's choice id. */
export function splitKey(key: string): { id: string; item?: string } {
  const hash = key.indexOf("#");
  return hash < 0 ? { id: key } : { id: key.slice(0, hash), item: key.slice(hash + 1) };
}

/** The choices a loop iterates over (multi/picture: in the question's order; ranking: ranked order). */
export function loopItems(question: Question | undefined, answer: unknown): Choice[] {
  if (!question || !("choices" in question)) return [];
  const choices = question.choices;
  const picked = Array.isArray(answer) ? answer : typeof answer === "string" ? [answer] : [];
  if (picked.length === 0) return [];
  if (question.type === "ranking") {
    const out: Choice[] = [];
    for (const id of picked) {
      const c = choices.find((ch) => ch.id === id);
      if (c && !out.includes(c)) out.push(c);
    }
    return out;
  }
  const set = new Set(picked);
  return choices.filter((c) => set.has(c.id));
}
