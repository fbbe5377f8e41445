/**
 * Evaluating a rule set (rules.ts) over an application's facts. Pure: the server's assessment, the
 * editor's "try it" and the tests run the same code.
 */
import type { RiskCondition, RiskLevel, RuleSet } from "./rules";

/** Fact name → value; a fact the bank does not know yet is null (or absent). */
export type FactValue = string | number | boolean | null;
export type Facts = Record<string, FactValue>;

export interface MatchedRule {
  rule: string;
  /** The English label, stored with the application; the back office localises from the rule set version. */
  label: string;
  points: number;
}

export interface Evaluation {
  score: number;
  level: RiskLevel;
  matched: MatchedRule[];
}

const isEmpty = (v: FactValue | undefined) => v === undefined || v === null || v === "" || v === false;

const num = (v: FactValue | undefined): number | null => {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
};

/** True when the condition holds; a missing fact fails every comparison (and not_in). */
export function holds(cond: RiskCondition, facts: Facts, lists: Record<string, string[]> = {}): boolean {
  if ("all" in cond) return cond.all.every((c) => holds(c, facts, lists));
  if ("any" in cond) return cond.any.some((c) => holds(c, facts, lists));
  if ("not" in cond) return !holds(cond.not, facts, lists);
  const v = facts[cond.fact];
  switch (cond.op) {
    case "is_empty":
      return isEmpty(v);
    case "not_empty":
      return !isEmpty(v);
    case "is_true":
      return v === true || v === "true";
    case "is_false":
      return !(v === true || v === "true");
  }
  if (v === undefined || v === null) return false;
  if ("list" in cond) {
    const inList = (lists[cond.list] ?? []).includes(String(v));
    return cond.op === "in" ? inList : !inList;
  }
  const want = cond.value;
  switch (cond.op) {
    case "equals":
      return String(v) === String(want);
    case "not_equals":
      return String(v) !== String(want);
    case "in":
      return Array.isArray(want) && want.map(String).includes(String(v));
    case "not_in":
      return Array.isArray(want) && !want.map(String).includes(String(v));
    default: {
      const a = num(v);
      const b = num(want as FactValue);
      if (a === null || b === null) return false;
      if (cond.op === "gt") return a > b;
      if (cond.op === "gte") return a >= b;
      if (cond.op === "lt") return a < b;
      return a <= b;
    }
  }
}

export const levelOf = (score: number, thresholds: RuleSet["thresholds"]): RiskLevel => (score >= thresholds.high ? "high" : score >= thresholds.medium ? "medium" : "low");

/** Score = the points of every matching rule, summed and kept within 0–100; the level by the thresholds. */
export function evaluateRules(set: RuleSet, facts: Facts): Evaluation {
  const matched = set.rules.filter((r) => holds(r.when, facts, set.lists)).map((r) => ({ rule: r.id, label: r.label.en ?? r.id, points: r.points }));
  const score = Math.max(0, Math.min(100, matched.reduce((n, m) => n + m.points, 0)));
  return { score, level: levelOf(score, set.thresholds), matched };
}
