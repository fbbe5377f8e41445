import { describe, expect, it } from "vitest";
import type { Condition, Operand, Operator } from "../definition/types";
import { evaluate } from "./conditions";
import { context, q, survey } from "./testkit";

const def = survey({
  questions: [q.nps("n"), q.text("t"), q.multi("m", ["a", "b", "c"]), q.single("s", ["x", "y"]), q.text("d")],
  hiddenFields: ["branch"],
  variables: [{ id: "score", type: "number", initial: 0 }],
});

function check(op: Operator, left: unknown, right?: string | Operand, extra = {}): boolean {
  const r: Operand | undefined = typeof right === "string" ? { value: right } : right;
  const cond: Condition = r ? { left: { question: "x" }, op, right: r } : { left: { question: "x" }, op };
  const d = survey({ questions: [q.text("x")] });
  return evaluate(cond, context(d, { answers: left === undefined ? {} : { x: left }, ...extra }));
}

describe("evaluate: operators", () => {
  it("equals / notEquals on scalars, with number/string coercion", () => {
    expect(check("equals", "a", "a")).toBe(true);
    expect(check("equals", "a", "b")).toBe(false);
    expect(check("equals", 5, { value: 5 })).toBe(true);
    expect(check("equals", "5", { value: 5 })).toBe(true);
    expect(check("equals", true, { value: true })).toBe(true);
    expect(check("notEquals", "a", "b")).toBe(true);
    expect(check("notEquals", "a", "a")).toBe(false);
  });
  it("equals compares arrays as sets", () => {
    expect(check("equals", ["a", "b"], { value: ["b", "a"] })).toBe(true);
    expect(check("equals", ["a", "b"], { value: ["a"] })).toBe(false);
    expect(check("equals", ["a"], "a")).toBe(true);
    expect(check("notEquals", ["a", "b"], { value: ["a"] })).toBe(true);
  });
  it("less / greater, numeric and ISO dates", () => {
    expect(check("lessThan", 3, { value: 5 })).toBe(true);
    expect(check("lessThan", 5, { value: 5 })).toBe(false);
    expect(check("lessOrEqual", 5, { value: 5 })).toBe(true);
    expect(check("greaterThan", 6, { value: 5 })).toBe(true);
    expect(check("greaterThan", 5, { value: 5 })).toBe(false);
    expect(check("greaterOrEqual", 5, { value: 5 })).toBe(true);
    expect(check("greaterOrEqual", 4, { value: 5 })).toBe(false);
    expect(check("lessThan", "10", { value: 9 })).toBe(false);
    expect(check("lessThan", "2024-01-31", "2024-02-01")).toBe(true);
    expect(check("greaterThan", "2024-12-31", "2024-02-01")).toBe(true);
    expect(check("lessThan", "abc", { value: 5 })).toBe(false);
  });
  it("contains / notContains: case-insensitive substring, array membership", () => {
    expect(check("contains", "Very Slow service", "slow")).toBe(true);
    expect(check("contains", "fine", "slow")).toBe(false);
    expect(check("notContains", "fine", "slow")).toBe(true);
    expect(check("notContains", "SLOW", "slow")).toBe(false);
    expect(check("contains", ["a", "b"], "b")).toBe(true);
    expect(check("contains", ["a", "b"], "c")).toBe(false);
    expect(check("notContains", ["a", "b"], "c")).toBe(true);
  });
  it("anyOf / allOf / noneOf with scalar and array answers", () => {
    expect(check("anyOf", "a", { value: ["a", "b"] })).toBe(true);
    expect(check("anyOf", "c", { value: ["a", "b"] })).toBe(false);
    expect(check("anyOf", ["c", "b"], { value: ["a", "b"] })).toBe(true);
    expect(check("allOf", ["a", "b", "c"], { value: ["a", "b"] })).toBe(true);
    expect(check("allOf", ["a"], { value: ["a", "b"] })).toBe(false);
    expect(check("noneOf", ["c"], { value: ["a", "b"] })).toBe(true);
    expect(check("noneOf", ["c", "a"], { value: ["a", "b"] })).toBe(false);
    expect(check("noneOf", "a", { value: ["a", "b"] })).toBe(false);
  });
  it("isEmpty / isNotEmpty", () => {
    expect(check("isEmpty", undefined)).toBe(true);
    expect(check("isEmpty", "  ")).toBe(true);
    expect(check("isEmpty", [])).toBe(true);
    expect(check("isEmpty", 0)).toBe(false);
    expect(check("isNotEmpty", "x")).toBe(true);
    expect(check("isNotEmpty", null)).toBe(false);
  });
  it("isSubmitted / isSkipped need the question on a submitted page", () => {
    const submitted = { submittedKeys: new Set(["x"]) };
    expect(check("isSubmitted", "yes", undefined, submitted)).toBe(true);
    expect(check("isSubmitted", undefined, undefined, submitted)).toBe(false);
    expect(check("isSkipped", undefined, undefined, submitted)).toBe(true);
    expect(check("isSkipped", "yes", undefined, submitted)).toBe(false);
    expect(check("isSubmitted", "yes")).toBe(false);
    expect(check("isSkipped", undefined)).toBe(false);
  });
  it("NPS helpers split 0–6 / 7–8 / 9–10 and are false when unanswered", () => {
    const cls = (v: unknown) => (["isPromoter", "isPassive", "isDetractor"] as Operator[]).filter((op) => check(op, v));
    expect(cls(10)).toEqual(["isPromoter"]);
    expect(cls(9)).toEqual(["isPromoter"]);
    expect(cls(8)).toEqual(["isPassive"]);
    expect(cls(7)).toEqual(["isPassive"]);
    expect(cls(6)).toEqual(["isDetractor"]);
    expect(cls(0)).toEqual(["isDetractor"]);
    expect(cls(undefined)).toEqual([]);
    expect(cls(11)).toEqual([]);
    expect(cls(7.5)).toEqual([]);
  });
  it("a missing answer makes every comparison false, never throws", () => {
    for (const op of ["equals", "notEquals", "lessThan", "greaterThan", "contains", "notContains", "anyOf", "allOf", "noneOf"] as Operator[]) {
      expect(check(op, undefined, { value: ["a"] })).toBe(false);
      expect(check(op, "a", { variable: "nope" })).toBe(false);
      expect(check(op, { weird: { nested: 1 } }, { value: 1 })).toBe(false);
    }
  });
});

describe("evaluate: operands and groups", () => {
  const ctx = context(def, {
    answers: { n: 9, t: "hello", m: ["a", "c"], s: "x" },
    hidden: { branch: "b-12" },
    variables: { score: 4 },
    loopItem: { id: "a", text: { en: "A" } },
  });
  it("reads hidden fields, variables, the loop item and values", () => {
    expect(evaluate({ left: { hidden: "branch" }, op: "equals", right: { value: "b-12" } }, ctx)).toBe(true);
    expect(evaluate({ left: { variable: "score" }, op: "greaterThan", right: { value: 3 } }, ctx)).toBe(true);
    expect(evaluate({ left: { loopItem: true }, op: "equals", right: { value: "a" } }, ctx)).toBe(true);
    expect(evaluate({ left: { question: "m" }, op: "contains", right: { loopItem: true } }, ctx)).toBe(true);
    expect(evaluate({ left: { question: "n" }, op: "greaterThan", right: { variable: "score" } }, ctx)).toBe(true);
  });
  it("nests all / any / not", () => {
    const promoter: Condition = { left: { question: "n" }, op: "isPromoter" };
    const isY: Condition = { left: { question: "s" }, op: "equals", right: { value: "y" } };
    expect(evaluate({ all: [promoter, isY] }, ctx)).toBe(false);
    expect(evaluate({ any: [promoter, isY] }, ctx)).toBe(true);
    expect(evaluate({ all: [promoter, { not: isY }] }, ctx)).toBe(true);
    expect(evaluate({ any: [{ all: [isY] }, { not: { any: [] } }] }, ctx)).toBe(true);
    expect(evaluate({ all: [] }, ctx)).toBe(true);
    expect(evaluate({ any: [] }, ctx)).toBe(false);
  });
});
