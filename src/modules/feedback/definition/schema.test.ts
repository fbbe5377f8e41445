import { describe, expect, it } from "vitest";
import { AppError } from "../../../kernel/errors";
import { parseDefinition } from "./schema";

const MINIMAL = { title: { en: "Quick check" }, questions: [{ id: "q1", type: "nps", text: { en: "How likely?" } }] };

function issuesOf(input: unknown) {
  try {
    parseDefinition(input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).issues ?? [];
  }
  throw new Error("expected the definition to be refused");
}
const paths = (input: unknown) => issuesOf(input).map((i) => i.path);

describe("parseDefinition", () => {
  it("accepts the smallest definition as is and fills every default", () => {
    const d = parseDefinition(MINIMAL);
    expect(d).toMatchObject({
      title: { en: "Quick check" },
      defaultLanguage: "en",
      languages: ["en"],
      questions: [{ id: "q1", type: "nps", text: { en: "How likely?" }, required: false }],
      pages: [{ id: "q1", questionIds: ["q1"], randomize: false }],
      hiddenFields: [],
      variables: [],
      rules: [],
      loops: [],
      quotas: [],
      settings: { showProgress: true, allowBack: true },
    });
    expect(d.endings).toHaveLength(1);
    expect(d.endings[0]?.id).toBe("done");
    expect(Object.keys(d.endings[0]?.title ?? {}).sort()).toEqual(["ar", "en", "he", "zh-Hans", "zh-Hant"]);
    // Normalising twice changes nothing (a GET → PUT round trip is stable).
    expect(parseDefinition(d)).toEqual(d);
  });

  it("is lenient: plain strings, plain choices, per-type defaults", () => {
    const d = parseDefinition({
      title: "Bonjour",
      questions: [
        { id: "pick", type: "single", text: "Pick", choices: ["Cards", "Loans", { id: "own", text: "Own id" }, { en: "Both", ar: "كلاهما" }] },
        { id: "stars", type: "rating", text: "Rate" },
        { id: "long", type: "text", text: "Tell", format: "long" },
        { id: "short", type: "text", text: "Name" },
        { id: "doc", type: "file", text: "Upload" },
        { id: "who", type: "contact", text: "Who" },
        { id: "where", type: "address", text: "Where" },
        { id: "ok", type: "consent", text: "Agree?" },
      ],
    });
    expect(d.languages).toEqual(["en"]);
    const [pick, stars, long, short, doc, who, where, ok] = d.questions;
    expect(pick).toMatchObject({ choices: [{ id: "c1", text: { en: "Cards" } }, { id: "c2", text: { en: "Loans" } }, { id: "own" }, { id: "c4", text: { en: "Both", ar: "كلاهما" } }], randomizeChoices: false });
    expect(stars).toMatchObject({ points: 5, style: "stars" });
    expect(long).toMatchObject({ format: "long", maxLength: 5000 });
    expect(short).toMatchObject({ format: "short", maxLength: 1000 });
    expect(doc).toMatchObject({ accept: ["image/jpeg", "image/png", "application/pdf"], maxBytes: 10 * 1024 * 1024 });
    expect(who).toMatchObject({ fields: ["name", "email", "phone", "company"] });
    expect(where).toMatchObject({ fields: ["line1", "line2", "city", "region", "postalCode", "country"] });
    expect(Object.keys((ok as { label: object }).label)).toHaveLength(5);
  });

  it("derives languages from the title, default en when present else the first", () => {
    expect(parseDefinition({ ...MINIMAL, title: { ar: "عنوان", he: "כותרת" } })).toMatchObject({ defaultLanguage: "he", languages: ["he", "ar"] });
    expect(parseDefinition({ ...MINIMAL, title: { ar: "عنوان", en: "Title" } })).toMatchObject({ defaultLanguage: "en", languages: ["en", "ar"] });
    expect(parseDefinition({ ...MINIMAL, title: { ar: "عنوان", en: "Title" }, defaultLanguage: "ar" }).defaultLanguage).toBe("ar");
    expect(paths({ ...MINIMAL, defaultLanguage: "ar" })).toEqual(["body.definition.defaultLanguage"]);
    expect(paths({ ...MINIMAL, title: { fr: "Titre" } })).toEqual(["body.definition.title.fr"]);
    expect(paths({ ...MINIMAL, title: { en: " " } })).toEqual(["body.definition.title"]);
  });

  it("names each bad field with a bracketed path", () => {
    expect(issuesOf({ ...MINIMAL, questions: [{ id: "q1", type: "slider", text: "x" }] })[0]).toMatchObject({ path: "body.definition.questions[0].type" });
    expect(paths({ ...MINIMAL, questions: [{ id: "q#1", type: "nps", text: "x" }] })).toEqual(["body.definition.questions[0].id"]);
    expect(paths({ ...MINIMAL, questions: [{ id: "q1", type: "rating", text: "x", points: 11 }] })).toEqual(["body.definition.questions[0].points"]);
    expect(paths({ ...MINIMAL, questions: [{ id: "q1", type: "multi", text: "x", choices: ["a", "b"], minChoices: 3, maxChoices: 2 }] })).toContain("body.definition.questions[0].minChoices");
    // biome-ignore lint/suspicious/noThenProperty: a rule's actions are called `then` in the definition format
    expect(paths({ ...MINIMAL, rules: [{ page: "q1", when: { any: [{ left: { question: "q1" }, op: "near" }] }, then: [{ type: "jump" }] }] })).toEqual([
      "body.definition.rules[0].when.any[0].op",
      "body.definition.rules[0].then[0].to",
    ]);
    expect(issuesOf({ ...MINIMAL, colour: "red" })[0]).toMatchObject({ path: "body.definition.colour", code: "unknown_field" });
    expect(paths({ title: "x" })).toEqual(["body.definition.questions"]);
  });

  it("enforces the limits", () => {
    const q = (i: number) => ({ id: `q${i}`, type: "nps", text: "x" });
    expect(parseDefinition({ title: "x", questions: Array.from({ length: 300 }, (_, i) => q(i)) }).questions).toHaveLength(300);
    expect(paths({ title: "x", questions: Array.from({ length: 301 }, (_, i) => q(i)) })).toEqual(["body.definition.questions"]);
    const choices = (n: number) => Array.from({ length: n }, (_, i) => `Choice ${i}`);
    expect(parseDefinition({ title: "x", questions: [{ id: "m", type: "multi", text: "x", choices: choices(100) }] }).questions[0]).toHaveProperty("choices.length", 100);
    expect(paths({ title: "x", questions: [{ id: "m", type: "multi", text: "x", choices: choices(101) }] })).toEqual(["body.definition.questions[0].choices"]);
    expect(paths({ title: "x".repeat(5001), questions: [q(1)] })).toEqual(["body.definition.title"]);
    expect(parseDefinition({ title: "x".repeat(5000), questions: [q(1)] }).title.en).toHaveLength(5000);
    expect(paths({ title: "x", questions: [{ ...q(1), id: "a".repeat(65) }] })).toEqual(["body.definition.questions[0].id"]);
    expect(paths({ title: "x", questions: [{ id: "f", type: "file", text: "x", maxBytes: 20 * 1024 * 1024 + 1 }] })).toEqual(["body.definition.questions[0].maxBytes"]);
  });

  it("refuses every URL that is not https (naming the field) and strips control characters", () => {
    for (const url of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "http://bank.example", "data:text/html,<script>", "//evil.example/x", "https://bank.example/a b", "vbscript:x"]) {
      expect(issuesOf({ ...MINIMAL, endings: [{ id: "e", title: "Bye", redirectUrl: url }] })[0], url).toMatchObject({ path: "body.definition.endings[0].redirectUrl", code: "unsafe_url" });
    }
    expect(paths({ ...MINIMAL, questions: [{ id: "s", type: "statement", text: "Go", url: "javascript:void(0)" }] })).toEqual(["body.definition.questions[0].url"]);
    expect(paths({ ...MINIMAL, questions: [{ id: "p", type: "picture", text: "Pick", choices: [{ text: "A", imageUrl: "data:image/png;base64,AAAA" }] }] })).toEqual(["body.definition.questions[0].choices[0].imageUrl"]);
    const ok = parseDefinition({
      ...MINIMAL,
      questions: [{ id: "p", type: "picture", text: "Pick", choices: [{ text: "A", imageUrl: "/c/assets/a.png" }, { text: "B", imageUrl: "https://cdn.bank.example/b.png" }] }],
      endings: [{ id: "e", title: "Bye", redirectUrl: "https://bank.example/thanks?x=1" }],
    });
    expect(ok.endings[0]?.redirectUrl).toBe("https://bank.example/thanks?x=1");
    const cleaned = parseDefinition({ title: "Hi\u0000 there\u0007", questions: [{ id: "q1", type: "text", text: "Line one\nline\u001b[31m two\u009b" }] });
    expect(cleaned.title.en).toBe("Hi there");
    expect(cleaned.questions[0]?.text.en).toBe("Line one\nline[31m two");
    // Markup stays plain text: the pages never render HTML, so it is kept as typed.
    expect(parseDefinition({ title: "<b>Bold</b>", questions: MINIMAL.questions }).title.en).toBe("<b>Bold</b>");
  });
});
