/** The walk: from the answers, hidden fields and submitted pages of a response, where it stands. */
import type { Action, Choice, Ending, Page, Question, SurveyDefinition } from "../definition/types";
import type { EvalContext, PageInstance, QuestionInstance, ResponseState, WalkResult } from "./api";
import { evaluate, resolveOperand, toNumber } from "./conditions";
import { answerKey, type DefIndex, indexDefinition, type LoopSpan, loopItems } from "./model";
import { seededShuffle } from "./random";

interface Frame {
  span: LoopSpan;
  items: Choice[];
  item: number;
}

function initialVariables(def: SurveyDefinition): Record<string, number | string> {
  const vars: Record<string, number | string> = {};
  for (const v of def.variables ?? []) {
    if (v.id in vars) continue;
    vars[v.id] = v.type === "number" ? (Number.isFinite(toNumber(v.initial)) ? toNumber(v.initial) : 0) : String(v.initial ?? "");
  }
  return vars;
}

function displayChoices(question: Question, key: string, seed: string): Choice[] | undefined {
  let list: Choice[] | undefined;
  if ("choices" in question) list = question.choices;
  else if (question.type === "matrix") list = question.rows;
  if (!list) return undefined;
  const shuffle = "randomizeChoices" in question && question.randomizeChoices;
  return shuffle ? seededShuffle(list, seed, key) : list;
}

function buildPage(
  idx: DefIndex,
  page: Page,
  key: string,
  ctx: EvalContext,
  seed: string,
  required: Set<string>,
): PageInstance {
  const ids = page.randomize ? seededShuffle(page.questionIds, seed, key) : page.questionIds;
  const questions: QuestionInstance[] = [];
  for (const id of ids) {
    const question = idx.questions.get(id);
    if (!question) continue;
    if (question.showIf && !evaluate(question.showIf, ctx)) continue;
    const qKey = answerKey(idx, id, ctx.loopItem);
    const inst: QuestionInstance = { key: qKey, question, required: question.required === true || required.has(id) };
    const choices = displayChoices(question, qKey, seed);
    if (choices) inst.choices = choices;
    if (ctx.loopItem) inst.loopItem = ctx.loopItem;
    questions.push(inst);
  }
  const inst: PageInstance = { key, page, questions };
  if (ctx.loopItem) inst.loopItem = ctx.loopItem;
  return inst;
}

type Outcome = { kind: "next" } | { kind: "jump"; to: number } | { kind: "end"; ending: Ending | null };

function applyAction(action: Action, ctx: EvalContext, idx: DefIndex, required: Set<string>): void {
  if (action.type === "require") {
    required.add(action.questionId);
    return;
  }
  if (action.type !== "set" && action.type !== "calc") return;
  const variable = idx.variables.get(action.variable);
  if (!variable) return;
  const raw = resolveOperand(action.value, ctx);
  if (raw === undefined || raw === null) return;
  const vars = ctx.variables;
  if (variable.type === "text") {
    if (action.type === "set") vars[variable.id] = Array.isArray(raw) ? raw.join(", ") : String(raw);
    return;
  }
  const n = toNumber(raw);
  if (Number.isNaN(n)) return;
  if (action.type === "set") {
    vars[variable.id] = n;
    return;
  }
  const current = toNumber(vars[variable.id]);
  const base = Number.isNaN(current) ? 0 : current;
  let next = base;
  if (action.op === "add") next = base + n;
  else if (action.op === "subtract") next = base - n;
  else if (action.op === "multiply") next = base * n;
  else if (action.op === "divide" && n !== 0) next = base / n;
  if (Number.isFinite(next)) vars[variable.id] = next;
}

/** Resolves a jump target (a page or the page holding a question) to a page index. */
function targetIndex(idx: DefIndex, to: string): number | undefined {
  return idx.pageIndex.get(to) ?? idx.pageOfQuestion.get(to);
}

function runRules(idx: DefIndex, page: Page, at: number, ctx: EvalContext, required: Set<string>): Outcome {
  const rules = idx.rulesByPage.get(page.id);
  if (!rules) return { kind: "next" };
  for (const rule of rules) {
    if (!evaluate(rule.when, ctx)) continue;
    for (const action of rule.then ?? []) {
      if (action.type === "end") return { kind: "end", ending: idx.endings.get(action.endingId) ?? null };
      if (action.type === "jump") {
        const to = targetIndex(idx, action.to);
        // A backward (or same-page) jump is ignored at run time; checkDefinition flags it.
        if (to !== undefined && to > at) return { kind: "jump", to };
        continue;
      }
      applyAction(action, ctx, idx, required);
    }
  }
  return { kind: "next" };
}

/** Page instances left from `at` on the default route (no jumps): the progress bar's remainder. */
function remaining(def: SurveyDefinition, idx: DefIndex, at: number, frame: Frame | null, answers: Record<string, unknown>): number {
  let count = 0;
  let i = at;
  if (frame) {
    const left = frame.items.length - frame.item - 1;
    count += frame.span.end - at + 1 + left * (frame.span.end - frame.span.start + 1);
    i = frame.span.end + 1;
  }
  while (i < def.pages.length) {
    const span = idx.loopStart.get(i);
    if (span) {
      const n = loopItems(idx.questions.get(span.loop.source), answers[span.loop.source]).length;
      count += n * (span.end - span.start + 1);
      i = span.end + 1;
    } else {
      count++;
      i++;
    }
  }
  return count;
}

/** Walks the survey; `submitAll` treats every page reached as submitted (the whole-response path). */
export function walkInternal(def: SurveyDefinition, state: ResponseState, submitAll: boolean): WalkResult {
  const idx = indexDefinition(def);
  const pages = def.pages ?? [];
  const submitted = new Set(state.submitted ?? []);
  const answers = state.answers ?? {};
  const hidden = state.hidden ?? {};
  const seed = state.seed ?? "";
  const variables = initialVariables(def);
  const required = new Set<string>();
  const submittedKeys = new Set<string>();
  const visibleKeys = new Set<string>();
  const path: PageInstance[] = [];
  const ctx: EvalContext = { definition: def, answers, hidden, variables, submittedKeys, language: def.defaultLanguage };

  let maxItems = 0;
  for (const q of def.questions ?? []) if ("choices" in q) maxItems = Math.max(maxItems, q.choices.length);
  let budget = pages.length * (1 + maxItems) + 1;
  let frame: Frame | null = null;
  let i = 0;
  let current: PageInstance | null = null;
  let ending: Ending | null = null;
  let ended = false;

  while (i < pages.length) {
    if (budget-- <= 0) {
      // Cannot happen with forward-only moves; a guard so a bug can never loop: stop at this page.
      const page = pages[i] as Page;
      current = buildPage(idx, page, frame ? `${page.id}#${frame.items[frame.item]?.id}` : page.id, ctx, seed, required);
      break;
    }
    if (!frame) {
      const span = idx.loopStart.get(i);
      if (span) {
        // Only an answer the respondent could give (the source was visible on a submitted page) drives the loop.
        const source = span.loop.source;
        const items = submittedKeys.has(source) ? loopItems(idx.questions.get(source), answers[source]) : [];
        if (items.length === 0) {
          i = span.end + 1;
          continue;
        }
        frame = { span, items, item: 0 };
      }
    }
    const page = pages[i] as Page;
    const loopItem: Choice | undefined = frame ? frame.items[frame.item] : undefined;
    const key = loopItem ? `${page.id}#${loopItem.id}` : page.id;
    if (loopItem) ctx.loopItem = loopItem;
    else delete ctx.loopItem;
    const instance = buildPage(idx, page, key, ctx, seed, required);
    if (instance.questions.length > 0) {
      if (!submitAll && !submitted.has(key)) {
        current = instance;
        for (const q of instance.questions) visibleKeys.add(q.key);
        break;
      }
      path.push(instance);
      for (const q of instance.questions) {
        visibleKeys.add(q.key);
        submittedKeys.add(q.key);
      }
    }
    const outcome = runRules(idx, page, i, ctx, required);
    if (outcome.kind === "end") {
      ended = true;
      ending = outcome.ending ?? def.endings?.[0] ?? null;
      break;
    }
    if (outcome.kind === "jump") {
      if (frame && outcome.to <= frame.span.end) {
        i = outcome.to;
        continue;
      }
      frame = null;
      const into = idx.loopAt.get(outcome.to);
      // A jump into the middle of a loop body enters the loop at its first page.
      i = into && into.start > i ? into.start : outcome.to;
      continue;
    }
    if (frame && i >= frame.span.end) {
      frame.item++;
      if (frame.item < frame.items.length) i = frame.span.start;
      else {
        i = frame.span.end + 1;
        frame = null;
      }
      continue;
    }
    i++;
  }
  delete ctx.loopItem;

  const finished = current === null;
  if (finished && !ended) ending = def.endings?.[0] ?? null;
  const done = path.length;
  const total = finished ? done : done + remaining(def, idx, i, frame, answers);
  return { path, current, finished, ending, variables, visibleKeys, progress: { done, total } };
}

/**
 * The context conditions and piping read at a page of a walk (the respondent page uses it to pipe
 * texts and to re-check display logic while the page is being answered).
 */
export function contextAt(def: SurveyDefinition, state: Pick<ResponseState, "answers" | "hidden">, result: WalkResult, language: string, page?: PageInstance | null): EvalContext {
  const submittedKeys = new Set<string>();
  for (const p of result.path) for (const q of p.questions) submittedKeys.add(q.key);
  const ctx: EvalContext = { definition: def, answers: state.answers, hidden: state.hidden, variables: result.variables, submittedKeys, language };
  const item = page === undefined ? result.current?.loopItem : page?.loopItem;
  if (item) ctx.loopItem = item;
  return ctx;
}

/** Where a response stands: the submitted path, the page to show next (or the ending). */
export function walk(def: SurveyDefinition, state: ResponseState): WalkResult {
  return walkInternal(def, state, false);
}

/** The finished walk of a whole response (every page reached counts as submitted). */
export function walkAll(def: SurveyDefinition, answers: Record<string, unknown>, hidden: Record<string, string>, seed: string): WalkResult {
  return walkInternal(def, { answers, hidden, submitted: [], seed }, true);
}
