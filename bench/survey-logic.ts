/**
 * Survey logic benchmark, printed (not asserted): a 60-question survey (12 pages, display logic,
 * 30 rules, a loop over a multiple choice, piping) answered question by question by many simulated
 * respondents. After every answer the server re-runs `walk` (where does the response stand, which
 * keys may be answered), so its time per answer is the figure, next to the target "< 1 ms per
 * answer". Also: `walk` on a freshly loaded definition (index not cached yet), `checkAnswer`, piping
 * the current page's texts, and `checkDefinition` for the same survey.
 * Run: `node bench/run.mjs survey-logic` (BENCH_RESPONSES=… to change the number of respondents).
 */
import { availableParallelism, loadavg } from "node:os";
import type { Condition, Page, Question, Rule, SurveyDefinition } from "../src/modules/feedback/definition/types";
import { checkAnswer, checkDefinition, pipe, walk } from "../src/modules/feedback/logic/index";
import { mulberry32 } from "../src/modules/feedback/logic/random";
import { rule } from "../src/modules/feedback/logic/testkit";

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 300);
const t = (en: string) => ({ en, ar: `${en} (ar)`, he: `${en} (he)` });
const opts = (...ids: string[]) => ids.map((id) => ({ id, text: t(`Option ${id}`) }));
const base = (id: string, text: string) => ({ id, text: t(text), required: false });

/** 60 questions on 12 pages of 5; pages 1–2 loop over the products picked in q2. */
function buildSurvey(): SurveyDefinition {
  const questions: Question[] = [
    { ...base("q1", "How likely are you to recommend {{hidden.bank|us}}?"), type: "nps" },
    { ...base("q2", "Which products do you use?"), type: "multi", choices: opts("card", "loan", "savings", "mortgage"), randomizeChoices: true },
    { ...base("q3", "How did you contact us?"), type: "single", choices: opts("branch", "app", "phone"), randomizeChoices: false },
    { ...base("q4", "Why {{q1}}?"), type: "text", format: "long", maxLength: 2000 },
    { ...base("q5", "Satisfied overall?"), type: "csat" },
  ];
  const kinds = ["csat", "ces", "single", "text", "rating", "nps", "multi", "date", "matrix", "consent"] as const;
  for (let i = 6; i <= 60; i++) {
    const kind = i <= 15 ? (["csat", "text", "ces", "single", "rating"] as const)[i % 5] : kinds[i % kinds.length];
    const b = base(`q${i}`, i <= 15 ? `About {{loop.item}} (${i}), after {{q3|your visit}}` : `Question ${i} — you said {{q2|nothing}}; score {{var.score}}`);
    if (i % 3 === 0) Object.assign(b, { showIf: { any: [{ left: { question: "q1" }, op: "isDetractor" }, { left: { question: "q5" }, op: "greaterOrEqual", right: { value: 2 } }] } satisfies Condition });
    switch (kind) {
      case "single":
        questions.push({ ...b, type: "single", choices: opts("a", "b", "c", "d"), randomizeChoices: true });
        break;
      case "multi":
        questions.push({ ...b, type: "multi", choices: opts("a", "b", "c", "d", "e"), randomizeChoices: false });
        break;
      case "text":
        questions.push({ ...b, type: "text", format: "short", maxLength: 200 });
        break;
      case "rating":
        questions.push({ ...b, type: "rating", style: "stars", points: 5 });
        break;
      case "date":
        questions.push({ ...b, type: "date", min: "2020-01-01", max: "2030-12-31" });
        break;
      case "matrix":
        questions.push({ ...b, type: "matrix", rows: opts("r1", "r2", "r3"), columns: opts("1", "2", "3", "4", "5"), multiple: false, randomizeChoices: true });
        break;
      case "consent":
        questions.push({ ...b, type: "consent", label: t("I agree") });
        break;
      default:
        questions.push({ ...b, type: kind as "nps" | "csat" | "ces" });
    }
  }
  const pages: Page[] = Array.from({ length: 12 }, (_, p) => ({
    id: `page${p}`,
    questionIds: Array.from({ length: 5 }, (_, k) => `q${p * 5 + k + 1}`),
    randomize: p % 4 === 3,
  }));
  const rules: Rule[] = [];
  for (let p = 0; p < 11; p++) {
    const first = `q${p * 5 + 1}`;
    const page = `page${p}`;
    rules.push(rule(`calc${p}`, page, { left: { question: first }, op: "isNotEmpty" }, [{ type: "calc", variable: "score", op: "add", value: { value: p + 1 } }]));
    if (p !== 1 && p !== 2) {
      rules.push(rule(`req${p}`, page, { all: [{ left: { question: "q1" }, op: "isDetractor" }, { not: { left: { question: "q3" }, op: "equals", right: { value: "app" } } }] }, [{ type: "require", questionId: `q${p * 5 + 7}` }]));
      rules.push(rule(`jump${p}`, page, { left: { question: "q4" }, op: "contains", right: { value: `skip${p}` } }, [{ type: "jump", to: `page${p === 0 ? 3 : Math.min(11, p + 2)}` }]));
    }
  }
  rules.push(rule("end-quiet", "page5", { left: { variable: "score" }, op: "greaterThan", right: { value: 10_000 } }, [{ type: "end", endingId: "early" }]));
  rules.push(rule("tag", "page0", { left: { hidden: "bank" }, op: "isNotEmpty" }, [{ type: "set", variable: "tag", value: { hidden: "bank" } }]));
  return {
    title: t("Relationship survey"),
    defaultLanguage: "en",
    languages: ["en", "ar", "he"],
    questions,
    pages,
    hiddenFields: ["bank"],
    variables: [
      { id: "score", type: "number", initial: 0 },
      { id: "tag", type: "text", initial: "" },
    ],
    rules,
    loops: [{ id: "per-product", source: "q2", pages: ["page1", "page2"] }],
    endings: [
      { id: "done", title: t("Thank you") },
      { id: "early", title: t("Thanks") },
    ],
    quotas: [],
    settings: { showProgress: true, allowBack: false },
  };
}

function answerFor(q: Question, next: () => number): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
  switch (q.type) {
    case "nps":
      return Math.floor(next() * 11);
    case "csat":
      return 1 + Math.floor(next() * 5);
    case "ces":
      return 1 + Math.floor(next() * 7);
    case "rating":
      return 1 + Math.floor(next() * q.points);
    case "single":
    case "dropdown":
      return pick(q.choices).id;
    case "multi": {
      const ids = q.choices.filter(() => next() < 0.5).map((c) => c.id);
      return ids.length > 0 ? ids : [q.choices[0]?.id];
    }
    case "text":
      return pick(["Quick and friendly", "The queue was long", "skip3 please", "Good app"]);
    case "date":
      return "2026-11-20";
    case "matrix":
      return Object.fromEntries(q.rows.map((r) => [r.id, pick(q.columns).id]));
    case "consent":
      return true;
    default:
      return null;
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  const us = (ms: number) => (ms * 1000).toFixed(1);
  return `mean ${us(mean)} µs, p50 ${us(at(0.5))} µs, p99 ${us(at(0.99))} µs, max ${us(s[s.length - 1] ?? 0)} µs (n=${s.length})`;
};

const def = buildSurvey();
const json = JSON.stringify(def);
const problems = checkDefinition(def);
const walkTimes: number[] = [];
const coldTimes: number[] = [];
const checkTimes: number[] = [];
const pipeTimes: number[] = [];
let answered = 0;
let pagesSeen = 0;

// Warm-up (JIT) on a few respondents, not counted.
for (let run = -20; run < RESPONSES; run++) {
  const next = mulberry32(run + 1000);
  const state = { answers: {} as Record<string, unknown>, hidden: { bank: "Atrium Bank" }, submitted: [] as string[], seed: `resp-${run}` };
  let r = walk(def, state);
  for (let guard = 0; guard < 100 && r.current; guard++) {
    const page = r.current;
    for (const inst of page.questions) {
      const value = answerFor(inst.question, next);
      const t0 = performance.now();
      const checked = checkAnswer(inst.question, value);
      const t1 = performance.now();
      if (checked.ok) state.answers[inst.key] = checked.value;
      const t2 = performance.now();
      r = walk(def, state);
      const t3 = performance.now();
      if (run >= 0) {
        checkTimes.push(t1 - t0);
        walkTimes.push(t3 - t2);
        answered++;
      }
    }
    const ctx = { definition: def, answers: state.answers, hidden: state.hidden, variables: r.variables, submittedKeys: new Set<string>(), language: "ar" };
    const t4 = performance.now();
    for (const inst of page.questions) pipe(inst.question.text.ar ?? "", inst.loopItem ? { ...ctx, loopItem: inst.loopItem } : ctx);
    const t5 = performance.now();
    state.submitted.push(page.key);
    const fresh = JSON.parse(json) as SurveyDefinition;
    const t6 = performance.now();
    r = walk(fresh, state);
    const t7 = performance.now();
    if (run >= 0) {
      pipeTimes.push(t5 - t4);
      coldTimes.push(t7 - t6);
      pagesSeen++;
    }
    r = walk(def, state);
  }
}

const checkRuns: number[] = [];
for (let i = 0; i < 200; i++) {
  const fresh = JSON.parse(json) as SurveyDefinition;
  const t0 = performance.now();
  checkDefinition(fresh);
  checkRuns.push(performance.now() - t0);
}

const errors = problems.filter((p) => p.severity === "error");
console.log(
  [
    `Survey logic — node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)} at the end (other work on the machine inflates means and tails; p50 is the steadiest figure)`,
    `${def.questions.length} questions, ${def.pages.length} pages, ${def.rules.length} rules, 1 loop, piping; ${RESPONSES} respondents, ${answered} answers, ${pagesSeen} page submits; checkDefinition: ${errors.length} errors${errors.length > 0 ? ` (${errors.map((p) => `${p.code} ${p.path}`).join(", ")})` : ""}, ${problems.length - errors.length} warnings`,
    `walk after each answer (index cached):     ${stats(walkTimes)}   target < 1 ms per answer`,
    `walk on a freshly loaded definition:       ${stats(coldTimes)}   (definition parsed per request; includes building its index)`,
    `checkAnswer per answer:                    ${stats(checkTimes)}`,
    `pipe the current page's texts (ar):        ${stats(pipeTimes)}`,
    `checkDefinition (same survey, fresh copy): ${stats(checkRuns)}`,
  ].join("\n"),
);
