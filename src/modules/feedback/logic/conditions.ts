/** Evaluation of display-logic and rule conditions. Never throws: a missing value makes a comparison false. */
import type { Condition, Operand, Operator } from "../definition/types";
import { isEmptyAnswer, isIsoDate } from "./answers";
import type { EvalContext } from "./api";
import { answerKey, indexDefinition } from "./model";

export const UNARY_OPERATORS: ReadonlySet<Operator> = new Set([
  "isEmpty",
  "isNotEmpty",
  "isSubmitted",
  "isSkipped",
  "isPromoter",
  "isPassive",
  "isDetractor",
]);

/** The value an operand reads in this context (undefined when unknown or unanswered). */
export function resolveOperand(operand: Operand, ctx: EvalContext): unknown {
  if ("question" in operand) {
    return ctx.answers[answerKey(indexDefinition(ctx.definition), operand.question, ctx.loopItem)];
  }
  if ("hidden" in operand) return ctx.hidden[operand.hidden];
  if ("variable" in operand) return ctx.variables[operand.variable];
  if ("loopItem" in operand) return ctx.loopItem?.id;
  if ("value" in operand) return operand.value;
  return undefined;
}

const NUMERIC = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A finite number from a number or a numeric string; NaN otherwise. */
export function toNumber(v: unknown): number {
  if (typeof v === "number") return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v === "string" && NUMERIC.test(v)) return Number(v);
  return Number.NaN;
}

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

function scalarEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isScalar(a) || !isScalar(b)) return false;
  if (typeof a === "number" || typeof b === "number") {
    const na = toNumber(a);
    const nb = toNumber(b);
    return !Number.isNaN(na) && na === nb;
  }
  return String(a) === String(b);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const includes = (list: unknown[], item: unknown) => list.some((x) => scalarEquals(x, item));

function setEquals(a: unknown[], b: unknown[]): boolean {
  return a.every((x) => includes(b, x)) && b.every((x) => includes(a, x));
}

/** -1/0/1 for numbers or ISO dates, null when the two cannot be ordered. */
function order(a: unknown, b: unknown): number | null {
  if (isIsoDate(a) && isIsoDate(b)) return a < b ? -1 : a > b ? 1 : 0;
  const na = toNumber(a);
  const nb = toNumber(b);
  if (Number.isNaN(na) || Number.isNaN(nb)) return null;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function npsScore(v: unknown): number | null {
  const n = toNumber(v);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : null;
}

function compare(op: Operator, left: unknown, right: unknown, ctx: EvalContext, leftOperand: Operand): boolean {
  switch (op) {
    case "isEmpty":
      return isEmptyAnswer(left);
    case "isNotEmpty":
      return !isEmptyAnswer(left);
    case "isSubmitted":
    case "isSkipped": {
      if (!("question" in leftOperand)) return false;
      const key = answerKey(indexDefinition(ctx.definition), leftOperand.question, ctx.loopItem);
      if (!ctx.submittedKeys.has(key)) return false;
      return op === "isSubmitted" ? !isEmptyAnswer(left) : isEmptyAnswer(left);
    }
    case "isPromoter": {
      const s = npsScore(left);
      return s !== null && s >= 9;
    }
    case "isPassive": {
      const s = npsScore(left);
      return s !== null && s >= 7 && s <= 8;
    }
    case "isDetractor": {
      const s = npsScore(left);
      return s !== null && s <= 6;
    }
    default:
      break;
  }
  // Binary operators: a missing value on either side makes the comparison false.
  if (isEmptyAnswer(left) || right === undefined || right === null) return false;
  switch (op) {
    case "equals":
    case "notEquals": {
      let same: boolean;
      if (Array.isArray(left) || Array.isArray(right)) same = setEquals(asList(left), asList(right));
      else if (isScalar(left)) same = scalarEquals(left, right);
      else return false;
      return op === "equals" ? same : !same;
    }
    case "lessThan":
    case "lessOrEqual":
    case "greaterThan":
    case "greaterOrEqual": {
      const o = order(left, right);
      if (o === null) return false;
      if (op === "lessThan") return o < 0;
      if (op === "lessOrEqual") return o <= 0;
      if (op === "greaterThan") return o > 0;
      return o >= 0;
    }
    case "contains":
    case "notContains": {
      let has: boolean;
      if (Array.isArray(left)) has = asList(right).every((r) => includes(left, r));
      else if (typeof left === "string" && isScalar(right)) has = left.toLowerCase().includes(String(right).toLowerCase());
      else if (isScalar(left) && isScalar(right)) has = String(left).includes(String(right));
      else return false;
      return op === "contains" ? has : !has;
    }
    case "anyOf":
    case "allOf":
    case "noneOf": {
      const list = asList(right);
      const answer = asList(left);
      if (!answer.every(isScalar)) return false;
      if (op === "anyOf") return answer.some((a) => includes(list, a));
      if (op === "noneOf") return !answer.some((a) => includes(list, a));
      return list.every((r) => includes(answer, r));
    }
    default:
      return false;
  }
}

/** Evaluates a (possibly nested) condition. `{ all: [] }` is true, `{ any: [] }` is false. */
export function evaluate(cond: Condition, ctx: EvalContext): boolean {
  if (!cond || typeof cond !== "object") return false;
  if ("all" in cond) return Array.isArray(cond.all) && cond.all.every((c) => evaluate(c, ctx));
  if ("any" in cond) return Array.isArray(cond.any) && cond.any.some((c) => evaluate(c, ctx));
  if ("not" in cond) return !evaluate(cond.not, ctx);
  if (!("left" in cond) || !cond.left) return false;
  const left = resolveOperand(cond.left, ctx);
  const right = cond.right ? resolveOperand(cond.right, ctx) : undefined;
  return compare(cond.op, left, right, ctx, cond.left);
}
