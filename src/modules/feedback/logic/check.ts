/** The editor's pre-publish check: every logic error a definition can hold, each with a path. */
import { type Condition, OPERATORS, type Operand, type Operator, type Question, type SurveyDefinition } from "../definition/types";
import type { DefinitionProblem } from "./api";
import { evaluate, UNARY_OPERATORS } from "./conditions";
import { buildIndex, type DefIndex, type LoopSpan } from "./model";
import { checkTexts } from "./texts";

export type Report = (path: string, code: DefinitionProblem["code"], message: string) => void;

const SCALES = new Set(["nps", "csat", "ces", "rating"]);
const CHOICE_TYPES = new Set(["single", "dropdown", "multi", "picture", "ranking"]);
const NUMERIC_OPS = new Set<Operator>(["lessThan", "lessOrEqual", "greaterThan", "greaterOrEqual"]);
const NPS_OPS = new Set<Operator>(["isPromoter", "isPassive", "isDetractor"]);
const LIST_OPS = new Set<Operator>(["anyOf", "allOf", "noneOf"]);
const TEXT_OPS = new Set<Operator>(["contains", "notContains"]);
const VALUE_OPS = new Set<Operator>(["equals", "notEquals", "contains", "notContains", "anyOf", "allOf", "noneOf"]);
const NO_VALUE = new Set(["statement", "file", "matrix", "contact", "address"]);

/** Whether `op` makes sense on an answer of this question; a reason when it does not. */
function mismatch(op: Operator, q: Question): string | null {
  if (q.type === "statement") return "a statement has no answer to test";
  if (NPS_OPS.has(op)) return q.type === "nps" ? null : `${op} needs an NPS question`;
  if (NUMERIC_OPS.has(op)) {
    const ok = SCALES.has(q.type) || q.type === "date" || (q.type === "text" && q.format === "number");
    return ok ? null : `${op} needs a numeric, scale or date question`;
  }
  if (LIST_OPS.has(op)) return SCALES.has(q.type) || NO_VALUE.has(q.type) ? `${op} does not apply to a ${q.type} question` : null;
  if (TEXT_OPS.has(op)) return q.type === "text" || q.type === "multi" || q.type === "picture" || q.type === "ranking" ? null : `${op} needs a text or multiple-choice question`;
  if (op === "equals" || op === "notEquals") return NO_VALUE.has(q.type) ? `${op} does not apply to a ${q.type} question` : null;
  return null;
}

/** true/false when a condition holds or fails whatever the answers; undefined otherwise. */
export function constantValue(cond: Condition, def: SurveyDefinition): boolean | undefined {
  if (!cond || typeof cond !== "object") return undefined;
  if ("all" in cond) {
    const vals = (cond.all ?? []).map((c) => constantValue(c, def));
    if (vals.includes(false)) return false;
    return vals.every((v) => v === true) ? true : undefined;
  }
  if ("any" in cond) {
    const vals = (cond.any ?? []).map((c) => constantValue(c, def));
    if (vals.includes(true)) return true;
    return vals.every((v) => v === false) ? false : undefined;
  }
  if ("not" in cond) {
    const v = constantValue(cond.not, def);
    return v === undefined ? undefined : !v;
  }
  if (!cond.left || !("value" in cond.left)) return undefined;
  if (cond.right && !("value" in cond.right)) return undefined;
  return evaluate(cond, { definition: def, answers: {}, hidden: {}, variables: {}, submittedKeys: new Set(), language: def.defaultLanguage });
}

/** Where a condition is evaluated: which answers exist by then, and inside which loop. */
interface Scope {
  /** Page index whose answers are the latest readable (a rule's page); undefined: anything (quotas). */
  page?: number;
  /** For display logic: the question's position on its page (earlier questions of the page are readable). */
  before?: { page: number; position: number; randomized: boolean };
  loop?: LoopSpan;
}

function questionAnswerable(qid: string, idx: DefIndex, def: SurveyDefinition, scope: Scope): string | null {
  const at = idx.pageOfQuestion.get(qid);
  if (at === undefined) return null;
  if (scope.before) {
    const { page, position, randomized } = scope.before;
    const pos = def.pages[page]?.questionIds.indexOf(qid) ?? -1;
    if (at > page || (at === page && (randomized || pos >= position))) return "display logic can only read answers given earlier";
  } else if (scope.page !== undefined && at > scope.page) {
    return "a rule can only read answers of its page and earlier pages";
  }
  const loop = idx.loopAt.get(at);
  if (loop && scope.page !== undefined && loop !== scope.loop) return `question "${qid}" is inside loop "${loop.loop.id}": only that loop can read it`;
  return null;
}

function checkOperand(operand: Operand | undefined, path: string, def: SurveyDefinition, idx: DefIndex, scope: Scope, report: Report): Question | undefined {
  if (!operand || typeof operand !== "object") {
    report(path, "invalid", "an operand is needed");
    return undefined;
  }
  if ("question" in operand) {
    const q = idx.questions.get(operand.question);
    if (!q) {
      report(`${path}.question`, "unknown_reference", `no question "${operand.question}"`);
      return undefined;
    }
    const why = questionAnswerable(operand.question, idx, def, scope);
    if (why) report(`${path}.question`, why.includes("loop") ? "bad_loop" : "invalid", why);
    return q;
  }
  if ("hidden" in operand) {
    if (!(def.hiddenFields ?? []).includes(operand.hidden)) report(`${path}.hidden`, "unknown_reference", `no hidden field "${operand.hidden}"`);
  } else if ("variable" in operand) {
    if (!idx.variables.has(operand.variable)) report(`${path}.variable`, "unknown_reference", `no variable "${operand.variable}"`);
  } else if ("loopItem" in operand) {
    if (!scope.loop) report(path, "bad_loop", "the loop item is only known inside a loop");
  } else if (!("value" in operand)) {
    report(path, "invalid", "unknown operand");
  }
  return undefined;
}

export function checkCondition(cond: Condition, path: string, def: SurveyDefinition, idx: DefIndex, scope: Scope, report: Report): void {
  if (!cond || typeof cond !== "object") {
      report(path, "invalid", "a condition is needed");
      return;
    }
  if ("all" in cond || "any" in cond) {
    const key = "all" in cond ? "all" : "any";
    const list = "all" in cond ? cond.all : cond.any;
    if (!Array.isArray(list)) {
      report(`${path}.${key}`, "invalid", "must be a list of conditions");
      return;
    }
    list.forEach((c, i) => {
      checkCondition(c, `${path}.${key}[${i}]`, def, idx, scope, report);
    });
    return;
  }
  if ("not" in cond) {
    checkCondition(cond.not, `${path}.not`, def, idx, scope, report);
    return;
  }
  if (!OPERATORS.includes(cond.op)) {
      report(`${path}.op`, "invalid", `unknown operator "${String(cond.op)}"`);
      return;
    }
  const left = checkOperand(cond.left, `${path}.left`, def, idx, scope, report);
  const unary = UNARY_OPERATORS.has(cond.op);
  if (!unary && !cond.right) report(`${path}.right`, "invalid", `${cond.op} needs a right-hand value`);
  if (!unary && cond.right) checkOperand(cond.right, `${path}.right`, def, idx, scope, report);
  if ((cond.op === "isSubmitted" || cond.op === "isSkipped") && !("question" in (cond.left ?? {}))) {
    report(`${path}.op`, "type_mismatch", `${cond.op} needs a question on the left`);
  }
  if (!left) return;
  const why = mismatch(cond.op, left);
  if (why) report(`${path}.op`, "type_mismatch", why);
  // Values compared with a choice question must be its choice ids.
  if (VALUE_OPS.has(cond.op) && CHOICE_TYPES.has(left.type) && cond.right && "value" in cond.right && "choices" in left) {
    const values = Array.isArray(cond.right.value) ? cond.right.value : [cond.right.value];
    for (const v of values) {
      if (!left.choices.some((c) => c.id === v)) report(`${path}.right.value`, "unknown_reference", `"${String(v)}" is not a choice of "${left.id}"`);
    }
  }
}

function duplicates(ids: unknown[], path: (i: number) => string, what: string, report: Report): void {
  const seen = new Set<unknown>();
  ids.forEach((id, i) => {
    if (typeof id !== "string" || id === "" || id.includes("#") || id.includes("{") || id.includes("}") || id.includes("|")) {
      report(path(i), "invalid", `${what} id must be a non-empty string without # { } |`);
    } else if (seen.has(id)) report(path(i), "duplicate_id", `${what} id "${id}" is used twice`);
    seen.add(id);
  });
}

function checkIds(def: SurveyDefinition, _idx: DefIndex, report: Report): void {
  duplicates(def.questions.map((q) => q.id), (i) => `questions[${i}].id`, "question", report);
  duplicates(def.pages.map((p) => p.id), (i) => `pages[${i}].id`, "page", report);
  duplicates(def.rules.map((r) => r.id), (i) => `rules[${i}].id`, "rule", report);
  duplicates(def.endings.map((e) => e.id), (i) => `endings[${i}].id`, "ending", report);
  duplicates(def.variables.map((v) => v.id), (i) => `variables[${i}].id`, "variable", report);
  duplicates(def.quotas.map((q) => q.id), (i) => `quotas[${i}].id`, "quota", report);
  duplicates(def.loops.map((l) => l.id), (i) => `loops[${i}].id`, "loop", report);
  duplicates(def.hiddenFields, (i) => `hiddenFields[${i}]`, "hidden field", report);
  def.questions.forEach((q, i) => {
    if ("choices" in q) duplicates(q.choices.map((c) => c.id), (j) => `questions[${i}].choices[${j}].id`, "choice", report);
    if (q.type === "matrix") {
      duplicates(q.rows.map((c) => c.id), (j) => `questions[${i}].rows[${j}].id`, "row", report);
      duplicates(q.columns.map((c) => c.id), (j) => `questions[${i}].columns[${j}].id`, "column", report);
    }
  });
}

function checkQuestions(def: SurveyDefinition, idx: DefIndex, report: Report): void {
  const placed = new Map<string, number>();
  def.pages.forEach((page, p) => {
    if (page.questionIds.length === 0) report(`pages[${p}].questionIds`, "empty_page", `page "${page.id}" has no question`);
    page.questionIds.forEach((qid, j) => {
      if (!idx.questions.has(qid)) report(`pages[${p}].questionIds[${j}]`, "unknown_reference", `no question "${qid}"`);
      else if (placed.has(qid)) report(`pages[${p}].questionIds[${j}]`, "invalid", `question "${qid}" is on two pages`);
      placed.set(qid, p);
    });
  });
  def.questions.forEach((q, i) => {
    if (!placed.has(q.id)) report(`questions[${i}]`, "unreachable", `question "${q.id}" is on no page`);
    if ("choices" in q && q.choices.length === 0) report(`questions[${i}].choices`, "invalid", "a choice question needs choices");
    if (q.type === "multi") {
      const n = q.choices.length;
      if ((q.minChoices ?? 0) > (q.maxChoices ?? n) || (q.minChoices ?? 0) > n) report(`questions[${i}].minChoices`, "invalid", "minChoices exceeds maxChoices or the number of choices");
    }
    if (q.type === "rating" && !(Number.isInteger(q.points) && q.points >= 3 && q.points <= 10)) report(`questions[${i}].points`, "invalid", "points must be 3–10");
    if (q.type === "date" && q.min && q.max && q.min > q.max) report(`questions[${i}].min`, "invalid", "min is after max");
    if (q.showIf) {
      const page = idx.pageOfQuestion.get(q.id);
      const scope: Scope = {};
      if (page !== undefined) {
        const pg = def.pages[page];
        scope.before = { page, position: pg?.questionIds.indexOf(q.id) ?? 0, randomized: pg?.randomize === true };
        scope.page = page;
        const loop = idx.loopAt.get(page);
        if (loop) scope.loop = loop;
      }
      checkCondition(q.showIf, `questions[${i}].showIf`, def, idx, scope, report);
    }
  });
}

function checkRules(def: SurveyDefinition, idx: DefIndex, report: Report): void {
  def.rules.forEach((rule, r) => {
    const at = idx.pageIndex.get(rule.page);
    if (at === undefined) report(`rules[${r}].page`, "unknown_reference", `no page "${rule.page}"`);
    const loop = at === undefined ? undefined : idx.loopAt.get(at);
    const scope: Scope = at === undefined ? {} : { page: at };
    if (loop) scope.loop = loop;
    checkCondition(rule.when, `rules[${r}].when`, def, idx, scope, report);
    (rule.then ?? []).forEach((action, a) => {
      const path = `rules[${r}].then[${a}]`;
      if (action.type === "jump") {
        const to = idx.pageIndex.get(action.to) ?? idx.pageOfQuestion.get(action.to);
        if (to === undefined) {
      report(`${path}.to`, "unknown_reference", `no page or question "${action.to}"`);
      return;
    }
        if (at !== undefined && to <= at) {
      report(`${path}.to`, "cycle", `jump from page "${rule.page}" back to "${action.to}"`);
      return;
    }
        const into = idx.loopAt.get(to);
        if (into && into !== loop && to !== into.start) report(`${path}.to`, "bad_loop", `jump into the middle of loop "${into.loop.id}"`);
      } else if (action.type === "end") {
        if (!idx.endings.has(action.endingId)) report(`${path}.endingId`, "unknown_reference", `no ending "${action.endingId}"`);
      } else if (action.type === "require") {
        const page = idx.pageOfQuestion.get(action.questionId);
        if (!idx.questions.has(action.questionId)) report(`${path}.questionId`, "unknown_reference", `no question "${action.questionId}"`);
        else if (at !== undefined && page !== undefined && page <= at) report(`${path}.questionId`, "invalid", "require can only apply to a question of a later page");
      } else if (action.type === "set" || action.type === "calc") {
        const variable = idx.variables.get(action.variable);
        if (!variable) report(`${path}.variable`, "unknown_reference", `no variable "${action.variable}"`);
        else if (action.type === "calc" && variable.type !== "number") report(`${path}.variable`, "type_mismatch", "only a number variable can be calculated");
        else if (action.type === "set" && variable.type === "number" && "value" in action.value && typeof action.value.value !== "number") {
          report(`${path}.value`, "type_mismatch", "a number variable needs a number");
        }
        if (action.type === "calc" && !["add", "subtract", "multiply", "divide"].includes(action.op)) report(`${path}.op`, "invalid", "unknown calculation");
        checkOperand(action.value, `${path}.value`, def, idx, scope, report);
      } else {
        report(`${path}.type`, "invalid", "unknown action");
      }
    });
  });
}

function checkLoops(def: SurveyDefinition, idx: DefIndex, report: Report): void {
  const owner = new Map<string, string>();
  def.loops.forEach((loop, l) => {
    const source = idx.questions.get(loop.source);
    const indexes: number[] = [];
    loop.pages.forEach((pid, j) => {
      const at = idx.pageIndex.get(pid);
      if (at === undefined) {
      report(`loops[${l}].pages[${j}]`, "unknown_reference", `no page "${pid}"`);
      return;
    }
      if (owner.has(pid)) report(`loops[${l}].pages[${j}]`, "bad_loop", `page "${pid}" is already in loop "${owner.get(pid)}"`);
      owner.set(pid, loop.id);
      indexes.push(at);
    });
    if (loop.pages.length === 0) report(`loops[${l}].pages`, "bad_loop", "a loop needs pages");
    const sorted = [...indexes].sort((a, b) => a - b);
    const first = sorted[0] ?? 0;
    if (sorted.some((v, k) => v !== first + k)) report(`loops[${l}].pages`, "bad_loop", "a loop's pages must be consecutive");
    if (!source) {
      report(`loops[${l}].source`, "unknown_reference", `no question "${loop.source}"`);
      return;
    }
    const fits = source.type === "multi" || source.type === "ranking" || (source.type === "picture" && source.multiple);
    if (!fits) report(`loops[${l}].source`, "bad_loop", "a loop's source must be a multiple choice, multiple picture or ranking question");
    const at = idx.pageOfQuestion.get(source.id);
    if (at !== undefined && indexes.length > 0 && at >= first) report(`loops[${l}].source`, "bad_loop", "a loop's source must be on an earlier page");
  });
}

function checkQuotas(def: SurveyDefinition, idx: DefIndex, report: Report): void {
  def.quotas.forEach((quota, i) => {
    if (!idx.endings.has(quota.endingId)) report(`quotas[${i}].endingId`, "unknown_reference", `no ending "${quota.endingId}"`);
    if (!(Number.isInteger(quota.limit) && quota.limit >= 0)) report(`quotas[${i}].limit`, "invalid", "limit must be a whole number ≥ 0");
    checkCondition(quota.when, `quotas[${i}].when`, def, idx, {}, report);
  });
}

/** Pages no route can reach (after an unconditional jump or end, and never jumped to). */
function checkReachable(def: SurveyDefinition, idx: DefIndex, report: Report): void {
  const n = def.pages.length;
  const reached = new Array<boolean>(n).fill(false);
  if (n > 0) reached[0] = true;
  const mark = (from: number, to: number) => {
    if (to >= n) return;
    const into = idx.loopAt.get(to);
    // A jump into the middle of another loop enters that loop at its first page.
    reached[into && to !== into.start && idx.loopAt.get(from) !== into ? into.start : to] = true;
  };
  for (let p = 0; p < n; p++) {
    if (!reached[p]) continue;
    const span = idx.loopStart.get(p);
    if (span) mark(p, span.end + 1); // zero items skip the loop
    const page = def.pages[p];
    let fallsThrough = true;
    for (const rule of page ? (idx.rulesByPage.get(page.id) ?? []) : []) {
      const always = constantValue(rule.when, def);
      if (always === false) continue;
      const action = (rule.then ?? []).find((a) => a.type === "end" || (a.type === "jump" && ((idx.pageIndex.get(a.to) ?? idx.pageOfQuestion.get(a.to) ?? -1) > p)));
      if (!action) continue;
      if (action.type === "jump") mark(p, idx.pageIndex.get(action.to) ?? idx.pageOfQuestion.get(action.to) ?? n);
      if (always === true) {
        fallsThrough = false;
        break;
      }
    }
    if (fallsThrough) mark(p, p + 1);
  }
  reached.forEach((r, p) => {
    if (!r) report(`pages[${p}]`, "unreachable", `no route reaches page "${def.pages[p]?.id}"`);
  });
}

/** Every problem of a definition, errors and (missing translations) warnings, each with a path. */
export function checkDefinition(def: SurveyDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const report: Report = (path, code, message) => {
    problems.push({ path, code, message, severity: code === "missing_translation" ? "warning" : "error" });
  };
  const d: SurveyDefinition = {
    ...def,
    questions: def.questions ?? [],
    pages: def.pages ?? [],
    rules: def.rules ?? [],
    loops: def.loops ?? [],
    endings: def.endings ?? [],
    variables: def.variables ?? [],
    quotas: def.quotas ?? [],
    hiddenFields: def.hiddenFields ?? [],
    languages: def.languages ?? [],
  };
  if (d.questions.length === 0) report("questions", "invalid", "a survey needs at least one question");
  if (d.pages.length === 0) report("pages", "invalid", "a survey needs at least one page");
  if (d.endings.length === 0) report("endings", "invalid", "a survey needs at least one ending");
  let idx: DefIndex;
  try {
    idx = buildIndex(d);
  } catch {
    report("", "invalid", "the definition is malformed");
    return problems;
  }
  // A malformed part (e.g. a draft with a missing list) is reported, never thrown.
  const parts: [string, (def: SurveyDefinition, idx: DefIndex, report: Report) => void][] = [
    ["questions", checkIds],
    ["questions", checkQuestions],
    ["rules", checkRules],
    ["loops", checkLoops],
    ["quotas", checkQuotas],
    ["pages", checkReachable],
    ["questions", checkTexts],
  ];
  for (const [path, check] of parts) {
    try {
      check(d, idx, report);
    } catch {
      report(path, "invalid", `the ${path} are malformed`);
    }
  }
  return problems;
}
