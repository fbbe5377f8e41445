/**
 * The risk rule editor's working copy: rules with their condition as JSON text (edited as text,
 * parsed on every keystroke), turned back into a rule set for checkRules and saving.
 */
import { checkRules, RISK_LOCALES, type RuleProblem } from "../../../../../src/modules/risk/rules";
import type { RiskRule, RiskRuleSet } from "../../api/types";

export { RISK_LOCALES };
export const HIGH_RISK_LIST = "high_risk_countries";

export interface DraftRule {
  /** A stable React key: ids change while typing. */
  key: string;
  id: string;
  label: Record<string, string>;
  points: string;
  when: string;
}

export interface Draft {
  medium: string;
  high: string;
  countries: string;
  /** Lists other than the high-risk countries, kept as they are. */
  otherLists: Record<string, string[]>;
  rules: DraftRule[];
}

let seq = 0;
const key = () => `r${++seq}`;

export function toDraft(set: RiskRuleSet): Draft {
  const { [HIGH_RISK_LIST]: countries = [], ...otherLists } = set.lists ?? {};
  return {
    medium: String(set.thresholds.medium),
    high: String(set.thresholds.high),
    countries: countries.join(", "),
    otherLists,
    rules: set.rules.map((r) => ({ key: key(), id: r.id, label: { ...r.label }, points: String(r.points), when: JSON.stringify(r.when, null, 2) })),
  };
}

export const newRule = (taken: string[]): DraftRule => {
  let n = 1;
  while (taken.includes(`rule_${n}`)) n += 1;
  return { key: key(), id: `rule_${n}`, label: { en: "" }, points: "10", when: JSON.stringify({ fact: "channel", op: "equals", value: "web" }, null, 2) };
};

const num = (s: string): number => (s.trim() === "" || Number.isNaN(Number(s)) ? Number.NaN : Number(s));

/** The rule set the draft stands for, and the conditions whose JSON does not parse (by rule index). */
export function fromDraft(d: Draft): { set: RiskRuleSet; jsonErrors: Map<number, string> } {
  const jsonErrors = new Map<number, string>();
  const rules = d.rules.map((r, i): RiskRule => {
    let when: unknown = null;
    try {
      when = JSON.parse(r.when);
    } catch (err) {
      jsonErrors.set(i, err instanceof Error ? err.message : String(err));
    }
    const label = Object.fromEntries(Object.entries(r.label).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, v.trim()]));
    return { id: r.id.trim(), label, points: num(r.points), when: when as RiskRule["when"] };
  });
  const countries = d.countries
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  const lists = { ...d.otherLists, [HIGH_RISK_LIST]: [...new Set(countries)] };
  return { set: { thresholds: { medium: num(d.medium), high: num(d.high) }, lists, rules }, jsonErrors };
}

/** checkRules on the draft, plus the conditions that are not JSON at all. */
export function draftProblems(d: Draft): RuleProblem[] {
  const { set, jsonErrors } = fromDraft(d);
  const out = checkRules(set).filter((p) => !jsonErrors.has(Number(/^rules\.(\d+)\.when/.exec(p.path)?.[1] ?? -1)));
  for (const [i, message] of jsonErrors) out.push({ path: `rules.${i}.when`, code: "invalid_json", message });
  return out;
}

/** Problems under one path prefix (`rules.2`, `thresholds`). */
export const problemsAt = (problems: RuleProblem[], prefix: string) => problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`));
