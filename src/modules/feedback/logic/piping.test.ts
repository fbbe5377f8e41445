import { describe, expect, it } from "vitest";
import { localize, pipe } from "./piping";
import { context, q, survey } from "./testkit";

const def = survey({
  defaultLanguage: "en",
  languages: ["en", "ar"],
  questions: [
    q.single("s", ["a", "b"]),
    q.multi("m", ["a", "b", "c"]),
    q.nps("n"),
    q.text("t"),
    q.text("inloop"),
    { id: "ok", type: "consent", text: { en: "?" }, label: { en: "ok" }, required: false },
  ],
  hiddenFields: ["branch"],
  variables: [{ id: "total", type: "number", initial: 0 }],
});
def.questions[0] = { ...q.single("s", []), choices: [{ id: "a", text: { en: "Apple", ar: "تفاحة" } }, { id: "b", text: { en: "Bread" } }] } as (typeof def.questions)[0];
def.loops = [{ id: "l", source: "m", pages: ["p_inloop"] }];

describe("localize", () => {
  it("falls back to the default language, then the first value", () => {
    expect(localize({ en: "Hi", ar: "مرحبا" }, "ar", def)).toBe("مرحبا");
    expect(localize({ en: "Hi" }, "he", def)).toBe("Hi");
    expect(localize({ ar: "مرحبا" }, "he", def)).toBe("مرحبا");
    expect(localize({ en: "Hi", ar: "" }, "ar", def)).toBe("Hi");
    expect(localize(undefined, "en", def)).toBe("");
  });
});

describe("pipe", () => {
  const ctx = context(def, {
    answers: { s: "a", m: ["a", "c"], n: 9, t: "fast", "inloop#c": "tasty", ok: true },
    hidden: { branch: "Haifa" },
    variables: { total: 42 },
  });
  it("recalls answers, hidden fields and variables", () => {
    expect(pipe("You gave {{ n }} at {{hidden.branch}}; total {{var.total}}; said {{t}}", ctx)).toBe("You gave 9 at Haifa; total 42; said fast");
  });
  it("shows choice answers as their text in the language, with fallback to the default", () => {
    expect(pipe("{{s}}", ctx)).toBe("Apple");
    expect(pipe("{{s}}", { ...ctx, language: "ar" })).toBe("تفاحة");
    expect(pipe("{{s}}", { ...ctx, answers: { s: "b" }, language: "ar" })).toBe("Bread");
  });
  it("joins arrays with the locale's list format", () => {
    expect(pipe("{{m}}", ctx)).toBe("A and C");
    expect(pipe("{{m}}", { ...ctx, answers: { m: ["a", "b", "c"] } })).toBe("A, B, and C");
  });
  it("uses the fallback for unknown or empty references, else empty", () => {
    expect(pipe("Hi {{hidden.name|there}}!", ctx)).toBe("Hi there!");
    expect(pipe("Hi {{hidden.name}}!", ctx)).toBe("Hi !");
    expect(pipe("{{nope|x}} {{var.none}}", ctx)).toBe("x ");
    expect(pipe("{{t|none}}", { ...ctx, answers: { t: "   " } })).toBe("none");
  });
  it("recalls the loop item and loop answers inside a loop", () => {
    const inLoop = { ...ctx, loopItem: { id: "c", text: { en: "Cherry", ar: "كرز" } } };
    expect(pipe("Why {{loop.item}}? {{inloop}}", inLoop)).toBe("Why Cherry? tasty");
    expect(pipe("{{loop.item}}", { ...inLoop, language: "ar" })).toBe("كرز");
    expect(pipe("{{loop.item|it}}", ctx)).toBe("it");
  });
  it("shows booleans as yes/no and leaves text without references as it is", () => {
    expect(pipe("{{ok}}", ctx)).toBe("Yes");
    expect(pipe("{{ok}}", { ...ctx, language: "ar" })).toBe("نعم");
    expect(pipe("plain { text }", ctx)).toBe("plain { text }");
  });
});
