import { describe, expect, it } from "vitest";
import { checkFlow } from "../onboarding/flow/check";
import { FLOW_TEMPLATES } from "../onboarding/flow/templates";
import { DEFAULT_RULE_SET } from "./default-rules";
import { withEdd } from "./edd";
import { evaluateRules, type Facts, holds, levelOf } from "./evaluate";
import { checkRules, type RiskCondition, type RuleSet } from "./rules";

const facts: Facts = {
  product: "credit_card",
  channel: "web",
  "applicant.age": 20,
  "applicant.nationality": "IR",
  "applicant.country": "IL",
  "checks.pep.outcome": "none",
  "checks.sanctions.band": "review",
  "identity.mismatches": 2,
  "identity.document_expired": true,
  "answers.depositAmount": 7500,
  "answers.nickname": "",
};

describe("conditions: every operator", () => {
  const cases: Array<[RiskCondition, boolean]> = [
    [{ fact: "product", op: "equals", value: "credit_card" }, true],
    [{ fact: "product", op: "equals", value: "checking" }, false],
    [{ fact: "product", op: "not_equals", value: "checking" }, true],
    [{ fact: "applicant.age", op: "gt", value: 20 }, false],
    [{ fact: "applicant.age", op: "gte", value: 20 }, true],
    [{ fact: "applicant.age", op: "lt", value: 21 }, true],
    [{ fact: "applicant.age", op: "lte", value: 19 }, false],
    [{ fact: "answers.depositAmount", op: "gte", value: 5000 }, true],
    [{ fact: "checks.sanctions.band", op: "in", value: ["block", "review"] }, true],
    [{ fact: "checks.sanctions.band", op: "not_in", value: ["block", "review"] }, false],
    [{ fact: "applicant.nationality", op: "in", list: "high_risk_countries" }, true],
    [{ fact: "applicant.country", op: "not_in", list: "high_risk_countries" }, true],
    [{ fact: "answers.nickname", op: "is_empty" }, true],
    [{ fact: "applicant.country", op: "not_empty" }, true],
    [{ fact: "identity.document_expired", op: "is_true" }, true],
    [{ fact: "identity.document_expired", op: "is_false" }, false],
  ];
  it.each(cases.map(([c, want], i) => ({ i, c, want })))("case $i", ({ c, want }) => {
    expect(holds(c, facts, { high_risk_countries: ["IR", "KP"] })).toBe(want);
  });

  it("nests all / any / not", () => {
    const young: RiskCondition = { fact: "applicant.age", op: "lt", value: 21 };
    const branch: RiskCondition = { fact: "channel", op: "equals", value: "branch" };
    expect(holds({ all: [young, { not: branch }] }, facts)).toBe(true);
    expect(holds({ all: [young, branch] }, facts)).toBe(false);
    expect(holds({ any: [branch, { all: [young, { any: [branch, { fact: "identity.mismatches", op: "gte", value: 2 }] }] }] }, facts)).toBe(true);
    expect(holds({ not: { any: [branch, young] } }, facts)).toBe(false);
  });

  it("a missing fact fails every comparison, and counts as empty", () => {
    const none: Facts = { "applicant.age": null };
    expect(holds({ fact: "applicant.age", op: "lt", value: 21 }, none)).toBe(false);
    expect(holds({ fact: "applicant.age", op: "gte", value: 21 }, none)).toBe(false);
    expect(holds({ fact: "applicant.nationality", op: "not_in", value: ["IR"] }, none)).toBe(false);
    expect(holds({ fact: "applicant.nationality", op: "not_equals", value: "IR" }, none)).toBe(false);
    expect(holds({ fact: "applicant.age", op: "is_empty" }, none)).toBe(true);
  });
});

describe("evaluation", () => {
  it("sums the points of matching rules, caps at 100, levels by the thresholds, keeps English labels", () => {
    const ev = evaluateRules(DEFAULT_RULE_SET, facts);
    const ids = ev.matched.map((m) => m.rule);
    expect(ids).toEqual(["sanctions_review_band", "identity_mismatch", "document_expired", "high_risk_nationality", "large_initial_deposit", "young_credit_applicant", "non_face_to_face"]);
    expect(ev.score).toBe(100);
    expect(ev.level).toBe("high");
    expect(ev.matched[0]).toEqual({ rule: "sanctions_review_band", label: "Possible sanctions list match (review band)", points: 40 });
  });

  it("a clean branch applicant is low risk with no reasons; one weak signal stays low", () => {
    const clean: Facts = { product: "checking", channel: "branch", "applicant.age": 40, "applicant.nationality": "IL", "checks.sanctions.band": "clear", "identity.mismatches": 0, "identity.document_expired": false };
    expect(evaluateRules(DEFAULT_RULE_SET, clean)).toEqual({ score: 0, level: "low", matched: [] });
    expect(evaluateRules(DEFAULT_RULE_SET, { ...clean, channel: "web" })).toMatchObject({ score: 5, level: "low" });
    expect(evaluateRules(DEFAULT_RULE_SET, { ...clean, "identity.mismatches": 1, channel: "web" })).toMatchObject({ score: 30, level: "medium" });
  });

  it("negative points lower the score but never under 0", () => {
    const set: RuleSet = { thresholds: { medium: 10, high: 20 }, rules: [{ id: "long_customer", label: { en: "Long-standing customer" }, points: -30, when: { fact: "channel", op: "equals", value: "branch" } }] };
    expect(evaluateRules(set, { channel: "branch" })).toMatchObject({ score: 0, level: "low" });
    expect(levelOf(19, set.thresholds)).toBe("medium");
    expect(levelOf(20, set.thresholds)).toBe("high");
  });
});

describe("checkRules", () => {
  it("accepts the default rule set", () => {
    expect(checkRules(DEFAULT_RULE_SET)).toEqual([]);
  });

  const problemsOf = (def: unknown) => checkRules(def).map((p) => `${p.path} ${p.code}`);
  const rule = (when: unknown, extra: Record<string, unknown> = {}) => ({ id: "r1", label: { en: "R" }, points: 10, when, ...extra });
  const set = (rules: unknown[], extra: Record<string, unknown> = {}) => ({ thresholds: { medium: 30, high: 60 }, lists: { high_risk_countries: ["IR"] }, rules, ...extra });

  it("names unknown facts, bad operators and values that do not fit the fact", () => {
    expect(problemsOf(set([rule({ fact: "applicant.shoeSize", op: "gt", value: 3 })]))).toEqual(["rules.0.when.fact unknown_fact"]);
    expect(problemsOf(set([rule({ fact: "product", op: "resembles", value: "x" })]))).toEqual(["rules.0.when.op invalid_value"]);
    expect(problemsOf(set([rule({ fact: "product", op: "gt", value: 3 })]))).toEqual(["rules.0.when.op type_mismatch"]);
    expect(problemsOf(set([rule({ fact: "applicant.age", op: "gt", value: "old" })]))).toEqual(["rules.0.when.value invalid_type"]);
    expect(problemsOf(set([rule({ fact: "checks.pep.outcome", op: "in", value: ["review", "maybe"] })]))).toEqual(["rules.0.when.value.1 invalid_value"]);
    expect(problemsOf(set([rule({ fact: "product", op: "is_true" })]))).toEqual(["rules.0.when.op type_mismatch"]);
    expect(problemsOf(set([rule({ fact: "applicant.nationality", op: "equals", value: "iran" })]))).toEqual(["rules.0.when.value invalid_value"]);
    expect(problemsOf(set([rule({ fact: "applicant.nationality", op: "in", list: "nowhere" })]))).toEqual(["rules.0.when.list unknown_list"]);
    expect(problemsOf(set([rule({ fact: "applicant.age", op: "is_empty", value: 3 })]))).toEqual(["rules.0.when.value unknown_field"]);
    expect(problemsOf(set([rule({ any: [{ fact: "answers.income", op: "gte", value: 1 }, { all: [] }] })]))).toEqual(["rules.0.when.any.1.all invalid_type"]);
  });

  it("names duplicate ids, bad points and labels, thresholds out of order and unknown keys", () => {
    const when = { fact: "channel", op: "equals", value: "web" };
    expect(problemsOf(set([rule(when), rule(when)]))).toEqual(["rules.1.id duplicate_id"]);
    expect(problemsOf(set([rule(when, { points: 1.5, label: { fr: "x" } })]))).toEqual(["rules.0.label.en required", "rules.0.label.fr unknown_field", "rules.0.points invalid_value"]);
    expect(problemsOf(set([rule(when, { id: "Bad Id" })]))).toEqual(["rules.0.id invalid_value"]);
    expect(problemsOf(set([], { thresholds: { medium: 60, high: 30 } }))).toEqual(["thresholds thresholds_order"]);
    expect(problemsOf(set([], { thresholds: { medium: 0, high: 101 }, extra: 1 }))).toEqual(["extra unknown_field", "thresholds.medium invalid_value", "thresholds.high invalid_value"]);
    expect(problemsOf(set([], { lists: { high_risk_countries: "IR" } }))).toEqual(["lists.high_risk_countries invalid_type"]);
    expect(problemsOf(null)).toEqual([" invalid_type"]);
    expect(problemsOf({ thresholds: { medium: 1, high: 2 } })).toEqual(["rules required"]);
  });

  it("refuses conditions nested too deeply", () => {
    let deep: unknown = { fact: "channel", op: "equals", value: "web" };
    for (let i = 0; i < 12; i++) deep = { not: deep };
    expect(problemsOf(set([rule(deep)]))[0]).toMatch(/^rules\.0\.when(\.not)+ too_deep$/);
  });
});

describe("enhanced due diligence steps", () => {
  it("go before the review step of every product's flow, which stays valid under checkFlow", () => {
    for (const def of Object.values(FLOW_TEMPLATES)) {
      expect(withEdd(def, { edd_required: false })).toBe(def);
      const extended = withEdd(def, { edd_required: true });
      const ids = extended.steps.map((s) => s.id);
      expect(ids.slice(-3)).toEqual(["edd_source_of_funds", "edd_purpose", def.steps.at(-1)?.id]);
      expect(withEdd(extended, { edd_required: true })).toBe(extended);
      expect(checkFlow(extended).filter((p) => p.severity === "error")).toEqual([]);
      // Every label in the five languages: no missing-translation warnings from the EDD steps.
      expect(checkFlow(extended).filter((p) => /^steps\.(\d+)/.test(p.path) && ids[Number(p.path.split(".")[1])]?.startsWith("edd_"))).toEqual([]);
    }
  });
});
