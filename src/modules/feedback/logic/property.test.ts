/**
 * Property tests (fast-check): random valid surveys answered along random paths. The walk always
 * terminates, never shows a question whose display logic is false, never accepts a key outside
 * visibleKeys, and walkAll agrees with the page-by-page walk. Backward jumps are flagged as cycles.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Action, Condition, Page, Question, Rule, SurveyDefinition } from "../definition/types";
import { checkDefinition } from "./check";
import { evaluate } from "./conditions";
import { walk, walkAll } from "./engine";
import { mulberry32 } from "./random";
import { always, en, q, rule } from "./testkit";

type Kind = "nps" | "csat" | "text" | "single" | "multi";
const CHOICES = ["a", "b", "c"];

const leafArb = fc.record({ ref: fc.nat(), op: fc.nat(), val: fc.nat() });
const condArb = fc.record({ shape: fc.nat({ max: 4 }), a: leafArb, b: leafArb });
const ruleArb = fc.record({
  page: fc.nat(),
  when: condArb,
  action: fc.constantFrom("jump", "jumpQuestion", "end", "set", "calc", "require"),
  target: fc.nat(),
  val: fc.nat(),
});
const blueprintArb = fc.record({
  pages: fc.array(fc.array(fc.record({ kind: fc.constantFrom<Kind>("nps", "csat", "text", "single", "multi"), showIf: fc.option(condArb) }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
  rules: fc.array(ruleArb, { maxLength: 12 }),
  loop: fc.option(fc.record({ at: fc.nat(), len: fc.integer({ min: 1, max: 2 }) })),
  randomize: fc.boolean(),
});
type Blueprint = typeof blueprintArb extends fc.Arbitrary<infer T> ? T : never;
type Leaf = Blueprint["rules"][number]["when"]["a"];

interface Place {
  /** Questions a condition here may read (id and kind). */
  readable: { id: string; kind: Kind }[];
  inLoop: boolean;
}

function leaf(l: Leaf, place: Place): Condition {
  if (place.inLoop && l.op % 5 === 0) return { left: { loopItem: true }, op: "equals", right: { value: CHOICES[l.val % 3] as string } };
  const target = place.readable[l.ref % Math.max(1, place.readable.length)];
  if (!target) return { left: { hidden: "h" }, op: l.op % 2 ? "equals" : "isEmpty", right: { value: String(l.val % 3) } };
  const left = { question: target.id };
  const choice = CHOICES[l.val % 3] as string;
  const options: Condition[] = {
    nps: [
      { left, op: "isPromoter" },
      { left, op: "isPassive" },
      { left, op: "isDetractor" },
      { left, op: "lessThan", right: { value: l.val % 11 } },
      { left, op: "equals", right: { value: l.val % 11 } },
      { left, op: "isSkipped" },
    ],
    csat: [
      { left, op: "greaterOrEqual", right: { value: (l.val % 5) + 1 } },
      { left, op: "notEquals", right: { value: (l.val % 5) + 1 } },
      { left, op: "isSubmitted" },
    ],
    text: [
      { left, op: "contains", right: { value: "slow" } },
      { left, op: "isEmpty" },
      { left, op: "notContains", right: { value: "fast" } },
    ],
    single: [
      { left, op: "equals", right: { value: choice } },
      { left, op: "noneOf", right: { value: [choice] } },
      { left, op: "isNotEmpty" },
    ],
    multi: [
      { left, op: "contains", right: { value: choice } },
      { left, op: "allOf", right: { value: [choice, "a"] } },
      { left, op: "anyOf", right: { value: [choice] } },
    ],
  }[target.kind] as Condition[];
  return options[l.op % options.length] as Condition;
}

function condition(c: Blueprint["rules"][number]["when"], place: Place): Condition {
  const a = leaf(c.a, place);
  const b = leaf(c.b, place);
  return [a, { not: a }, { any: [a, b] }, { all: [a, b] }, { any: [{ all: [a] }, { not: b }] }][c.shape] as Condition;
}

/** Builds a valid definition from a blueprint (references only to earlier answers, forward jumps). */
function build(bp: Blueprint): SurveyDefinition {
  const n = bp.pages.length;
  const kinds = new Map<string, Kind>();
  const pageOf = new Map<string, number>();
  const pages: Page[] = bp.pages.map((qs, p) => {
    const ids = qs.map((_, i) => `q${p}_${i}`);
    ids.forEach((id, i) => {
      kinds.set(id, qs[i]?.kind ?? "text");
      pageOf.set(id, p);
    });
    return { id: `p${p}`, questionIds: ids, randomize: bp.randomize && p % 2 === 1 };
  });
  // A loop over pages after a page holding a multi question.
  let loopRange: [number, number] | null = null;
  let loopSource: string | null = null;
  if (bp.loop) {
    const sources = [...kinds].filter(([id, k]) => k === "multi" && (pageOf.get(id) ?? n) < n - 1);
    const src = sources[bp.loop.at % Math.max(1, sources.length)];
    if (src) {
      const start = (pageOf.get(src[0]) ?? 0) + 1;
      loopRange = [start, Math.min(n - 1, start + bp.loop.len - 1)];
      loopSource = src[0];
    }
  }
  const inLoop = (p: number) => loopRange !== null && p >= loopRange[0] && p <= loopRange[1];
  const readable = (upTo: number, includePage: boolean): Place["readable"] =>
    [...kinds]
      .filter(([id]) => {
        const p = pageOf.get(id) ?? 0;
        return (includePage ? p <= upTo : p < upTo) && !inLoop(p);
      })
      .map(([id, kind]) => ({ id, kind }));
  const questions: Question[] = [];
  bp.pages.forEach((qs, p) => {
    qs.forEach((spec, i) => {
      const id = `q${p}_${i}`;
      const extra: Partial<Question> = { text: en(inLoop(p) ? `${id} {{loop.item}}` : id) };
      if (spec.showIf) extra.showIf = condition(spec.showIf, { readable: readable(p, false), inLoop: inLoop(p) });
      const made = spec.kind === "single" || spec.kind === "multi" ? q[spec.kind](id, CHOICES, { ...extra, randomizeChoices: p % 2 === 0 }) : q[spec.kind](id, extra);
      questions.push(made);
    });
  });
  const rules: Rule[] = bp.rules.map((r, k): Rule => {
    const p = r.page % n;
    const place: Place = { readable: readable(p, true), inLoop: inLoop(p) };
    const jumpTargets = Array.from({ length: n }, (_, t) => t).filter(
      (t) => t > p && !(inLoop(t) && loopRange && t !== loopRange[0] && !inLoop(p)),
    );
    const later = [...pageOf].filter(([, qp]) => qp > p).map(([id]) => id);
    let action: Action = { type: "end", endingId: k % 2 ? "early" : "done" };
    if ((r.action === "jump" || r.action === "jumpQuestion") && jumpTargets.length > 0) {
      const t = jumpTargets[r.target % jumpTargets.length] as number;
      action = { type: "jump", to: r.action === "jump" ? `p${t}` : (pages[t]?.questionIds[0] ?? `p${t}`) };
    } else if (r.action === "set") action = { type: "set", variable: "v", value: { value: r.val % 7 } };
    else if (r.action === "calc") action = { type: "calc", variable: "v", op: (["add", "subtract", "multiply", "divide"] as const)[r.val % 4] ?? "add", value: { value: r.val % 3 } };
    else if (r.action === "require" && later.length > 0) action = { type: "require", questionId: later[r.target % later.length] as string };
    return rule(`r${k}`, `p${p}`, condition(r.when, place), [action]);
  });
  return {
    title: en("Random"),
    defaultLanguage: "en",
    languages: ["en"],
    questions,
    pages,
    hiddenFields: ["h"],
    variables: [{ id: "v", type: "number", initial: 1 }],
    rules,
    loops: loopRange && loopSource ? [{ id: "loop", source: loopSource, pages: pages.slice(loopRange[0], loopRange[1] + 1).map((x) => x.id) }] : [],
    endings: [
      { id: "done", title: en("Done") },
      { id: "early", title: en("Early") },
    ],
    quotas: [],
    settings: { showProgress: true, allowBack: false },
  };
}

/** A valid value for the question, or an empty one (a skip). */
function randomAnswer(question: Question, next: () => number): unknown {
  if (next() < 0.25) return next() < 0.5 ? null : undefined;
  const pick = () => CHOICES[Math.floor(next() * 3)] as string;
  switch (question.type) {
    case "nps":
      return Math.floor(next() * 11);
    case "csat":
      return 1 + Math.floor(next() * 5);
    case "single":
      return pick();
    case "multi":
      return CHOICES.filter(() => next() < 0.5);
    default:
      return ["slow queue", "fast service", "", "ok"][Math.floor(next() * 4)];
  }
}

interface Run {
  answers: Record<string, unknown>;
  hidden: Record<string, string>;
  submitted: string[];
  steps: number;
  final: ReturnType<typeof walk>;
}

/** Answers only the current page's visible questions, submits, repeats; checks invariants on the way. */
function answerAlong(def: SurveyDefinition, seed: number, hidden: Record<string, string>): Run {
  const next = mulberry32(seed);
  const answers: Record<string, unknown> = {};
  const submitted: string[] = [];
  const limit = def.pages.length * (1 + CHOICES.length) + 2;
  for (let steps = 0; steps <= limit; steps++) {
    const r = walk(def, { answers, hidden, submitted, seed: String(seed) });
    for (const key of Object.keys(answers)) expect(r.visibleKeys.has(key), `answered ${key} outside visibleKeys`).toBe(true);
    if (r.finished) return { answers, hidden, submitted, steps, final: r };
    const current = r.current;
    if (!current) throw new Error("not finished and no current page");
    expect(submitted).not.toContain(current.key);
    const submittedKeys = new Set(r.path.flatMap((p) => p.questions.map((x) => x.key)));
    for (const inst of current.questions) {
      if (inst.question.showIf) {
        const ctx = { definition: def, answers, hidden, variables: r.variables, submittedKeys, language: "en", ...(current.loopItem ? { loopItem: current.loopItem } : {}) };
        expect(evaluate(inst.question.showIf, ctx), `${inst.key} shown while its showIf is false`).toBe(true);
      }
      const v = randomAnswer(inst.question, next);
      if (v !== undefined) answers[inst.key] = v;
    }
    submitted.push(current.key);
  }
  throw new Error(`walk did not finish within ${limit} pages`);
}

const hiddenArb = fc.constantFrom<Record<string, string>>({}, { h: "1" }, { h: "2" });

describe("logic engine properties", () => {
  it("random valid surveys: no problems, paths terminate, hidden questions never shown, walkAll agrees", () => {
    fc.assert(
      fc.property(blueprintArb, fc.integer(), hiddenArb, (bp, seed, hidden) => {
        const def = build(bp);
        expect(checkDefinition(def).filter((p) => p.severity === "error")).toEqual([]);
        const run = answerAlong(def, seed, hidden);
        const all = walkAll(def, run.answers, hidden, String(seed));
        const keys = (r: ReturnType<typeof walk>) => r.path.map((p) => p.key);
        expect(all.finished).toBe(true);
        expect(keys(all)).toEqual(keys(run.final));
        expect(all.ending?.id).toBe(run.final.ending?.id);
        expect(all.variables).toEqual(run.final.variables);
        expect([...all.visibleKeys]).toEqual([...run.final.visibleKeys]);
        expect(keys(run.final)).toEqual(run.submitted.filter((k) => run.final.path.some((p) => p.key === k)));
        // Randomised orders are stable: walking again gives the same display order.
        const again = walkAll(def, run.answers, hidden, String(seed));
        expect(again.path.map((p) => p.questions.map((x) => `${x.key}:${x.choices?.map((c) => c.id).join("")}`))).toEqual(
          all.path.map((p) => p.questions.map((x) => `${x.key}:${x.choices?.map((c) => c.id).join("")}`)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("damaged definitions never make checkDefinition throw; missing optional lists never make walk throw", () => {
    const damage = (value: unknown, next: () => number): unknown => {
      if (Array.isArray(value)) return value.map((v) => damage(v, next));
      if (value && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
          const roll = next();
          if (roll < 0.03) continue;
          out[k] = roll < 0.06 ? null : roll < 0.08 ? "zz" : damage(v, next);
        }
        return out;
      }
      return value;
    };
    fc.assert(
      fc.property(blueprintArb, fc.integer(), (bp, seed) => {
        const next = mulberry32(seed);
        const def = damage(build(bp), next) as SurveyDefinition;
        expect(() => checkDefinition(def)).not.toThrow();
        // The walk gets normalised definitions; it only has to survive missing optional lists.
        const sound = build(bp);
        const partial = { ...sound } as Partial<SurveyDefinition>;
        for (const key of ["rules", "loops", "variables", "hiddenFields", "quotas", "endings"] as const) if (next() < 0.5) delete partial[key];
        const answers = Object.fromEntries(sound.questions.map((x, i) => [x.id, i % 2 ? "a" : ["a", "b"]]));
        expect(() => walkAll(partial as SurveyDefinition, answers, {}, "s")).not.toThrow();
        expect(() => walk(partial as SurveyDefinition, { answers, hidden: {}, submitted: [], seed: "s" })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("backward jumps are flagged as cycles and the walk still terminates", () => {
    fc.assert(
      fc.property(blueprintArb, fc.nat(), fc.nat(), fc.integer(), (bp, from, to, seed) => {
        const base = build(bp);
        const n = base.pages.length;
        const src = from % n;
        const dst = to % (src + 1); // same page or earlier
        const def: SurveyDefinition = { ...base, rules: [...base.rules, rule("back", `p${src}`, always, [{ type: "jump", to: `p${dst}` }])] };
        const problems = checkDefinition(def);
        expect(problems.some((p) => p.code === "cycle" && p.path === `rules[${def.rules.length - 1}].then[0].to`)).toBe(true);
        const run = answerAlong(def, seed, {});
        expect(run.final.finished).toBe(true);
        expect(walkAll(def, run.answers, {}, String(seed)).finished).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
