import { describe, expect, it } from "vitest";
import type { Condition, SurveyDefinition } from "../definition/types";
import type { DefinitionProblem } from "./api";
import { checkDefinition } from "./check";
import { always, page, q, rule, survey } from "./testkit";

const base = () =>
  survey({
    questions: [q.multi("m", ["a", "b"]), q.nps("n"), q.text("t"), q.csat("c"), q.text("u")],
    pages: [page("p1", "m"), page("p2", "n"), page("p3", "t"), page("p4", "c"), page("p5", "u")],
    hiddenFields: ["branch"],
    variables: [{ id: "v", type: "number", initial: 0 }],
    endings: [
      { id: "done", title: { en: "Thanks" } },
      { id: "out", title: { en: "Bye" } },
    ],
  });
const problems = (def: SurveyDefinition) => checkDefinition(def).map((p) => `${p.code} ${p.path}`);
const errors = (def: SurveyDefinition): DefinitionProblem[] => checkDefinition(def).filter((p) => p.severity === "error");

describe("checkDefinition", () => {
  it("finds nothing in a clean survey with logic, loops and piping", () => {
    const def = base();
    def.questions[2] = q.text("t", { text: { en: "About {{loop.item}} at {{hidden.branch|the branch}} ({{n}}, {{var.v}})" } });
    def.loops = [{ id: "l", source: "m", pages: ["p3", "p4"] }];
    def.rules = [
      rule("r1", "p2", { left: { question: "n" }, op: "isDetractor" }, [{ type: "jump", to: "p5" }]),
      rule("r2", "p2", { left: { question: "m" }, op: "anyOf", right: { value: ["a"] } }, [{ type: "calc", variable: "v", op: "add", value: { question: "n" } }]),
      rule("r3", "p1", always, [{ type: "require", questionId: "u" }]),
    ];
    def.quotas = [{ id: "qa", name: "a", limit: 10, when: { left: { question: "n" }, op: "isPromoter" }, endingId: "out" }];
    expect(checkDefinition(def)).toEqual([]);
  });
  it("duplicate ids of questions, pages, choices, rules, endings, variables, quotas, loops", () => {
    const def = base();
    def.questions.push(q.text("t"));
    def.questions[0] = q.multi("m", ["a", "a"]);
    def.pages.push(page("p5"));
    def.rules = [rule("r", "p1", always, []), rule("r", "p1", always, [])];
    def.endings.push({ id: "done", title: { en: "x" } });
    def.variables.push({ id: "v", type: "text", initial: "" });
    def.quotas = [1, 2].map(() => ({ id: "qa", name: "a", limit: 1, when: always, endingId: "done" }));
    def.loops = [1, 2].map(() => ({ id: "l", source: "m", pages: [] as string[] }));
    const found = problems(def).filter((p) => p.startsWith("duplicate_id"));
    expect(found).toEqual([
      "duplicate_id questions[5].id",
      "duplicate_id pages[5].id",
      "duplicate_id rules[1].id",
      "duplicate_id endings[2].id",
      "duplicate_id variables[1].id",
      "duplicate_id quotas[1].id",
      "duplicate_id loops[1].id",
      "duplicate_id questions[0].choices[1].id",
    ]);
  });
  it("references to things that do not exist", () => {
    const def = base();
    def.pages[4] = page("p5", "u", "ghost");
    def.rules = [
      rule("r1", "nopage", always, []),
      rule("r2", "p1", { left: { question: "zz" }, op: "isEmpty" }, [
        { type: "jump", to: "nowhere" },
        { type: "end", endingId: "noend" },
        { type: "require", questionId: "nq" },
        { type: "set", variable: "nv", value: { hidden: "nohidden" } },
      ]),
    ];
    def.questions[2] = q.text("t", { text: { en: "{{deleted}} {{hidden.x}} {{var.y}}" } });
    def.quotas = [{ id: "qa", name: "a", limit: 1, when: { left: { variable: "w" }, op: "isEmpty" }, endingId: "nx" }];
    def.loops = [{ id: "l", source: "gone", pages: ["p3", "px"] }];
    expect(problems(def).filter((p) => p.startsWith("unknown_reference"))).toEqual([
      "unknown_reference pages[4].questionIds[1]",
      "unknown_reference rules[0].page",
      "unknown_reference rules[1].when.left.question",
      "unknown_reference rules[1].then[0].to",
      "unknown_reference rules[1].then[1].endingId",
      "unknown_reference rules[1].then[2].questionId",
      "unknown_reference rules[1].then[3].variable",
      "unknown_reference rules[1].then[3].value.hidden",
      "unknown_reference loops[0].pages[1]",
      "unknown_reference loops[0].source",
      "unknown_reference quotas[0].endingId",
      "unknown_reference quotas[0].when.left.variable",
      "unknown_reference questions[2].text.en",
      "unknown_reference questions[2].text.en",
      "unknown_reference questions[2].text.en",
    ]);
  });
  it("a choice value that is not a choice of the question", () => {
    const def = base();
    def.rules = [rule("r1", "p1", { left: { question: "m" }, op: "anyOf", right: { value: ["a", "zz"] } }, [])];
    expect(problems(def)).toEqual(["unknown_reference rules[0].when.right.value"]);
  });
  it("backward and same-page jumps are cycles", () => {
    const def = base();
    def.rules = [rule("r1", "p3", always, [{ type: "jump", to: "p1" }]), rule("r2", "p2", always, [{ type: "jump", to: "n" }])];
    expect(problems(def)).toEqual(["cycle rules[0].then[0].to", "cycle rules[1].then[0].to"]);
  });
  it("pages after an unconditional jump or end that nothing jumps to are unreachable", () => {
    const def = base();
    def.rules = [rule("r1", "p1", always, [{ type: "jump", to: "p3" }]), rule("r2", "p4", always, [{ type: "end", endingId: "done" }])];
    expect(problems(def)).toEqual(["unreachable pages[1]", "unreachable pages[4]"]);
    def.rules.push(rule("r3", "p3", { left: { question: "t" }, op: "isEmpty" }, [{ type: "jump", to: "p5" }]));
    expect(problems(def)).toEqual(["unreachable pages[1]"]);
    const q2 = base();
    q2.pages = q2.pages.filter((p) => p.id !== "p2");
    expect(problems(q2)).toEqual(["unreachable questions[1]"]);
  });
  it("loops: source type and place, consecutive pages, jumps into the body", () => {
    const def = base();
    def.loops = [{ id: "l", source: "n", pages: ["p2", "p4"] }];
    expect(problems(def)).toEqual(["bad_loop loops[0].pages", "bad_loop loops[0].source", "bad_loop loops[0].source"]);
    const d2 = base();
    d2.loops = [{ id: "l", source: "m", pages: ["p3", "p4"] }];
    d2.rules = [rule("r1", "p2", always, [{ type: "jump", to: "p4" }])];
    d2.questions[4] = q.text("u", { text: { en: "{{loop.item}}" } });
    expect(problems(d2)).toEqual(["bad_loop rules[0].then[0].to", "bad_loop questions[4].text.en"]);
    const d3 = base();
    d3.loops = [{ id: "l", source: "m", pages: ["p3"] }];
    d3.rules = [rule("r1", "p4", { left: { question: "t" }, op: "isEmpty" }, [])];
    expect(problems(d3)).toEqual(["bad_loop rules[0].when.left.question"]);
  });
  it("operators that do not fit the question type", () => {
    const def = base();
    const bad: Condition[] = [
      { left: { question: "t" }, op: "isPromoter" },
      { left: { question: "t" }, op: "lessThan", right: { value: 3 } },
      { left: { question: "m" }, op: "greaterThan", right: { value: 3 } },
      { left: { question: "c" }, op: "anyOf", right: { value: [1, 2] } },
      { left: { hidden: "branch" }, op: "isSubmitted" },
    ];
    def.rules = bad.map((when, i) => rule(`r${i}`, "p5", when, []));
    expect(problems(def)).toEqual(bad.map((_, i) => `type_mismatch rules[${i}].when.op`));
    const ok = base();
    ok.rules = [rule("r", "p5", { all: [{ left: { question: "c" }, op: "lessThan", right: { value: 3 } }, { left: { hidden: "branch" }, op: "isPromoter" }] }, [])];
    expect(problems(ok)).toEqual([]);
  });
  it("display logic and rules may only read answers given before", () => {
    const def = base();
    def.questions[1] = q.nps("n", { showIf: { left: { question: "t" }, op: "isEmpty" } });
    def.rules = [rule("r", "p1", { left: { question: "c" }, op: "isEmpty" }, [{ type: "require", questionId: "m" }])];
    expect(problems(def)).toEqual(["invalid questions[1].showIf.left.question", "invalid rules[0].when.left.question", "invalid rules[0].then[0].questionId"]);
  });
  it("empty pages, and a survey without questions, pages or endings", () => {
    const def = base();
    def.pages.push(page("p6"));
    expect(problems(def)).toEqual(["empty_page pages[5].questionIds"]);
    expect(problems({ ...base(), questions: [], pages: [], endings: [] })).toEqual(["invalid questions", "invalid pages", "invalid endings"]);
  });
  it("missing translations are warnings, for every language of the survey", () => {
    const def = base();
    def.languages = ["en", "ar"];
    def.title = { en: "T", ar: "ت" };
    for (const x of def.questions) x.text = { en: "x", ar: "س" };
    def.endings = [{ id: "done", title: { en: "Thanks", ar: "" } }];
    def.questions[0] = q.multi("m", ["a", "b"]);
    const first = def.questions[0];
    if ("choices" in first) first.choices = [first.choices[0] ?? { id: "a", text: {} }, { id: "b", text: { en: "B", ar: "ب" } }];
    first.text = { en: "x", ar: "س" };
    const found = checkDefinition(def);
    expect(found.map((p) => `${p.code} ${p.path} ${p.severity}`)).toEqual([
      "missing_translation questions[0].choices[0].text.ar warning",
      "missing_translation endings[0].title.ar warning",
    ]);
    expect(errors(def)).toEqual([]);
  });
});
