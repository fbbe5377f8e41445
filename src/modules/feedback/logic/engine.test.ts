import { describe, expect, it } from "vitest";
import type { Condition, SurveyDefinition } from "../definition/types";
import { contextAt, walk, walkAll } from "./engine";
import { pipe } from "./piping";
import { always, page, q, rule, survey } from "./testkit";

const promoter: Condition = { left: { question: "q1" }, op: "isPromoter" };
const detractor: Condition = { left: { question: "q1" }, op: "isDetractor" };

/** Five pages p1…p5 with one question each (q1 is NPS). */
function linear(extra: Partial<SurveyDefinition> = {}) {
  return survey({
    questions: [q.nps("q1"), q.text("q2"), q.text("q3"), q.text("q4"), q.text("q5")],
    pages: [page("p1", "q1"), page("p2", "q2"), page("p3", "q3"), page("p4", "q4"), page("p5", "q5")],
    endings: [
      { id: "done", title: { en: "Thanks" } },
      { id: "bye", title: { en: "Bye" } },
    ],
    ...extra,
  });
}
const state = (answers: Record<string, unknown>, submitted: string[], hidden: Record<string, string> = {}) => ({ answers, hidden, submitted, seed: "seed-1" });

describe("walk", () => {
  it("starts at the first page and moves on page by page", () => {
    const def = linear();
    expect(walk(def, state({}, [])).current?.key).toBe("p1");
    const r = walk(def, state({ q1: 5 }, ["p1", "p2"]));
    expect(r.current?.key).toBe("p3");
    expect(r.path.map((p) => p.key)).toEqual(["p1", "p2"]);
    expect([...r.visibleKeys]).toEqual(["q1", "q2", "q3"]);
    expect(r.progress).toEqual({ done: 2, total: 5 });
    expect(r.finished).toBe(false);
  });
  it("finishes with the first ending after the last page", () => {
    const r = walk(linear(), state({}, ["p1", "p2", "p3", "p4", "p5"]));
    expect(r.finished).toBe(true);
    expect(r.current).toBeNull();
    expect(r.ending?.id).toBe("done");
    expect(r.progress).toEqual({ done: 5, total: 5 });
  });
  it("jumps forward to a page or to the page holding a question; first jump wins", () => {
    const def = linear({
      rules: [rule("r1", "p1", promoter, [{ type: "jump", to: "q4" }]), rule("r2", "p1", always, [{ type: "jump", to: "p3" }])],
    });
    expect(walk(def, state({ q1: 10 }, ["p1"])).current?.key).toBe("p4");
    expect(walk(def, state({ q1: 3 }, ["p1"])).current?.key).toBe("p3");
  });
  it("ends with the chosen ending and stops later rules", () => {
    const def = linear({
      variables: [{ id: "v", type: "number", initial: 1 }],
      rules: [rule("r1", "p1", detractor, [{ type: "end", endingId: "bye" }]), rule("r2", "p1", always, [{ type: "set", variable: "v", value: { value: 7 } }])],
    });
    const r = walk(def, state({ q1: 2 }, ["p1"]));
    expect(r.finished).toBe(true);
    expect(r.ending?.id).toBe("bye");
    expect(r.variables.v).toBe(1);
    expect(walk(def, state({ q1: 9 }, ["p1"])).variables.v).toBe(7);
  });
  it("ignores a backward or same-page jump at run time", () => {
    const def = linear({ rules: [rule("r1", "p3", always, [{ type: "jump", to: "p1" }]), rule("r2", "p2", always, [{ type: "jump", to: "p2" }])] });
    expect(walk(def, state({}, ["p1", "p2", "p3"])).current?.key).toBe("p4");
  });
  it("set and calc variables; divide by zero leaves the value; text variables only set", () => {
    const def = linear({
      variables: [
        { id: "n", type: "number", initial: 10 },
        { id: "t", type: "text", initial: "x" },
      ],
      rules: [
        rule("r1", "p1", always, [
          { type: "calc", variable: "n", op: "add", value: { question: "q1" } },
          { type: "calc", variable: "n", op: "multiply", value: { value: 2 } },
          { type: "calc", variable: "n", op: "subtract", value: { value: 4 } },
          { type: "calc", variable: "n", op: "divide", value: { value: 0 } },
          { type: "calc", variable: "t", op: "add", value: { value: 1 } },
          { type: "set", variable: "t", value: { question: "q1" } },
        ]),
        rule("r2", "p2", always, [{ type: "calc", variable: "n", op: "divide", value: { value: 4 } }]),
      ],
    });
    expect(walk(def, state({ q1: 6 }, ["p1"])).variables).toEqual({ n: 28, t: "6" });
    expect(walk(def, state({ q1: 6 }, ["p1", "p2"])).variables).toEqual({ n: 7, t: "6" });
    expect(walk(def, state({}, [])).variables).toEqual({ n: 10, t: "x" });
  });
  it("display logic hides questions; a page with none visible is passed through (its rules still run)", () => {
    const def = linear({
      questions: [q.nps("q1"), q.text("q2", { showIf: detractor }), q.text("q3"), q.text("q4"), q.text("q5")],
      rules: [rule("r1", "p2", always, [{ type: "jump", to: "p4" }])],
    });
    const r = walk(def, state({ q1: 10 }, ["p1"]));
    expect(r.current?.key).toBe("p4");
    expect(r.visibleKeys.has("q2")).toBe(false);
    expect(walk(def, state({ q1: 1 }, ["p1"])).current?.key).toBe("p2");
  });
  it("require makes a later question required", () => {
    const def = linear({ rules: [rule("r1", "p1", detractor, [{ type: "require", questionId: "q3" }])] });
    const req = (a: Record<string, unknown>) => walk(def, state(a, ["p1", "p2"])).current?.questions[0]?.required;
    expect(req({ q1: 1 })).toBe(true);
    expect(req({ q1: 9 })).toBe(false);
  });
  it("conditions read hidden fields and isSubmitted / isSkipped", () => {
    const def = linear({
      hiddenFields: ["vip"],
      questions: [q.nps("q1"), q.text("q2", { showIf: { left: { hidden: "vip" }, op: "equals", right: { value: "1" } } }), q.text("q3", { showIf: { left: { question: "q1" }, op: "isSkipped" } }), q.text("q4"), q.text("q5")],
    });
    expect(walk(def, state({}, ["p1"], { vip: "1" })).current?.key).toBe("p2");
    expect(walk(def, state({}, ["p1"], {})).current?.key).toBe("p3");
    expect(walk(def, state({ q1: 4 }, ["p1"], {})).current?.key).toBe("p4");
  });
});

describe("walk: loops", () => {
  const def = survey({
    questions: [q.multi("m", ["a", "b", "c"]), q.text("why", { text: { en: "Why {{loop.item}}?" } }), q.nps("score"), q.text("after")],
    pages: [page("p1", "m"), page("p2", "why"), page("p3", "score"), page("p4", "after")],
    loops: [{ id: "l", source: "m", pages: ["p2", "p3"] }],
    rules: [rule("r1", "p2", { left: { loopItem: true }, op: "equals", right: { value: "c" } }, [{ type: "jump", to: "p3" }])],
  });
  it("iterates the loop pages once per selected item, in the question's choice order", () => {
    const r = walkAll(def, { m: ["c", "a"], "why#a": "x", "score#a": 9, "why#c": "y" }, {}, "s");
    expect(r.path.map((p) => p.key)).toEqual(["p1", "p2#a", "p3#a", "p2#c", "p3#c", "p4"]);
    expect(r.path[1]?.loopItem?.id).toBe("a");
    expect(r.path[1]?.questions[0]?.key).toBe("why#a");
    expect(r.finished).toBe(true);
  });
  it("stops inside an iteration and counts progress with the items", () => {
    const r = walk(def, { answers: { m: ["a", "b"] }, hidden: {}, submitted: ["p1", "p2#a"], seed: "s" });
    expect(r.current?.key).toBe("p3#a");
    expect(r.progress).toEqual({ done: 2, total: 6 });
    expect([...r.visibleKeys]).toEqual(["m", "why#a", "score#a"]);
  });
  it("skips the loop when no item is selected", () => {
    expect(walk(def, { answers: {}, hidden: {}, submitted: ["p1"], seed: "s" }).current?.key).toBe("p4");
  });
  it("ignores a stale answer of a loop source that display logic hides", () => {
    const d = { ...def, questions: [q.multi("m", ["a", "b", "c"], { showIf: { left: { hidden: "x" }, op: "isNotEmpty" } }), ...def.questions.slice(1)] };
    const r = walkAll(d, { m: ["a"] }, {}, "s");
    expect(r.path.map((p) => p.key)).toEqual(["p4"]);
  });
  it("contextAt gives the current loop item, variables and submitted keys", () => {
    const st = { answers: { m: ["b"] }, hidden: {}, submitted: ["p1"], seed: "s" };
    const r = walk(def, st);
    const ctx = contextAt(def, st, r, "en");
    expect(ctx.loopItem?.id).toBe("b");
    expect([...ctx.submittedKeys]).toEqual(["m"]);
    expect(pipe("Why {{loop.item}}?", ctx)).toBe("Why B?");
  });
  it("follows a ranking's order", () => {
    const d = { ...def, questions: [q.ranking("m", ["a", "b", "c"]), ...def.questions.slice(1)] };
    const r = walkAll(d, { m: ["b", "c", "a"] }, {}, "s");
    expect(r.path.filter((p) => p.page.id === "p2").map((p) => p.key)).toEqual(["p2#b", "p2#c", "p2#a"]);
  });
  it("a jump to a page after the loop exits it", () => {
    const d = { ...def, rules: [rule("r1", "p2", { left: { loopItem: true }, op: "equals", right: { value: "a" } }, [{ type: "jump", to: "p4" }])] };
    const r = walkAll(d, { m: ["a", "b"] }, {}, "s");
    expect(r.path.map((p) => p.key)).toEqual(["p1", "p2#a", "p4"]);
  });
  it("a jump into the middle of a loop from outside enters the loop at its start", () => {
    const d = { ...def, rules: [rule("r1", "p1", always, [{ type: "jump", to: "p3" }])] };
    const r = walkAll(d, { m: ["b"] }, {}, "s");
    expect(r.path.map((p) => p.key)).toEqual(["p1", "p2#b", "p3#b", "p4"]);
  });
});

describe("walk: randomisation", () => {
  const def = survey({
    questions: [
      q.multi("m", ["a", "b", "c", "d", "e", "f", "g", "h"], { randomizeChoices: true }),
      q.text("t1"),
      q.text("t2"),
      q.text("t3"),
      q.text("t4"),
      q.text("t5"),
    ],
    pages: [page("p1", "m"), { id: "p2", questionIds: ["t1", "t2", "t3", "t4", "t5"], randomize: true }],
  });
  const order = (seed: string) => {
    const r = walk(def, { answers: {}, hidden: {}, submitted: ["p1"], seed });
    const first = walk(def, { answers: {}, hidden: {}, submitted: [], seed });
    return { questions: r.current?.questions.map((x) => x.key).join(), choices: first.current?.questions[0]?.choices?.map((c) => c.id).join() };
  };
  it("is deterministic per seed and differs across seeds", () => {
    expect(order("r-1")).toEqual(order("r-1"));
    const seen = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(order(`r-${i}`))));
    expect(seen.size).toBeGreaterThan(10);
    const o = order("r-1");
    expect(o.questions?.split(",").sort()).toEqual(["t1", "t2", "t3", "t4", "t5"]);
    expect(o.choices?.split(",").sort()).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"]);
  });
  it("keeps the defined order when not randomised", () => {
    const d = { ...def, pages: [page("p1", "m"), page("p2", "t1", "t2", "t3", "t4", "t5")] };
    expect(walk(d, { answers: {}, hidden: {}, submitted: ["p1"], seed: "x" }).current?.questions.map((x) => x.key)).toEqual(["t1", "t2", "t3", "t4", "t5"]);
  });
});

describe("walkAll", () => {
  it("equals the walk with every reached page submitted", () => {
    const def = linear({ rules: [rule("r1", "p2", promoter, [{ type: "jump", to: "p5" }])] });
    const all = walkAll(def, { q1: 10 }, {}, "s");
    const step = walk(def, state({ q1: 10 }, ["p1", "p2", "p5"]));
    expect(all.path.map((p) => p.key)).toEqual(["p1", "p2", "p5"]);
    expect(step.finished).toBe(true);
    expect([...all.visibleKeys]).toEqual([...step.visibleKeys]);
  });
});
