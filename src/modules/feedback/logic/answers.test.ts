import { describe, expect, it } from "vitest";
import type { Question, TextFormat } from "../definition/types";
import { checkAnswer, isEmptyAnswer } from "./answers";
import { choices, en } from "./testkit";

const base = { text: en("?"), required: false };
type Bare<T> = T extends unknown ? Omit<T, "text" | "required"> : never;
const Q = (q: Bare<Question>): Question => ({ ...base, ...q }) as Question;
const code = (q: Question, v: unknown) => {
  const r = checkAnswer(q, v);
  return r.ok ? "ok" : r.code;
};
const value = (q: Question, v: unknown) => {
  const r = checkAnswer(q, v);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe("isEmptyAnswer", () => {
  it("treats null, undefined, blank, [] and objects of empties as empty", () => {
    for (const v of [null, undefined, "", "   ", [], {}, { name: "", email: null }]) expect(isEmptyAnswer(v)).toBe(true);
    for (const v of [0, false, "x", ["a"], { name: "A" }, { fileId: "x" }]) expect(isEmptyAnswer(v)).toBe(false);
  });
});

describe("checkAnswer", () => {
  it("scales: whole numbers in range", () => {
    const nps = Q({ id: "n", type: "nps" });
    expect([0, 10].map((v) => code(nps, v))).toEqual(["ok", "ok"]);
    expect(code(nps, 11)).toBe("out_of_range");
    expect(code(nps, -1)).toBe("out_of_range");
    expect(code(nps, 7.5)).toBe("invalid_type");
    expect(code(nps, "7")).toBe("invalid_type");
    expect(code(Q({ id: "c", type: "csat" }), 0)).toBe("out_of_range");
    expect(code(Q({ id: "c", type: "csat" }), 5)).toBe("ok");
    expect(code(Q({ id: "c", type: "ces" }), 7)).toBe("ok");
    expect(code(Q({ id: "c", type: "ces" }), 8)).toBe("out_of_range");
    const rating = Q({ id: "r", type: "rating", style: "stars", points: 4 });
    expect(code(rating, 4)).toBe("ok");
    expect(code(rating, 5)).toBe("out_of_range");
  });
  it("single, dropdown and picture: a known choice id", () => {
    const s = Q({ id: "s", type: "single", choices: choices("a", "b"), randomizeChoices: false });
    expect(code(s, "a")).toBe("ok");
    expect(code(s, "z")).toBe("unknown_choice");
    expect(code(s, ["a"])).toBe("invalid_type");
    const pic = Q({ id: "p", type: "picture", choices: choices("a", "b"), multiple: true, randomizeChoices: false });
    expect(code(pic, ["a", "b"])).toBe("ok");
    expect(code(pic, "a")).toBe("invalid_type");
  });
  it("multi: known, distinct, within min/max", () => {
    const m = Q({ id: "m", type: "multi", choices: choices("a", "b", "c"), randomizeChoices: false, minChoices: 2, maxChoices: 2 });
    expect(code(m, ["a", "b"])).toBe("ok");
    expect(code(m, ["a"])).toBe("too_few");
    expect(code(m, ["a", "b", "c"])).toBe("too_many");
    expect(code(m, ["a", "a"])).toBe("invalid_format");
    expect(code(m, ["a", "x"])).toBe("unknown_choice");
    expect(code(m, "a")).toBe("invalid_type");
  });
  it("ranking: a permutation of every choice", () => {
    const r = Q({ id: "r", type: "ranking", choices: choices("a", "b", "c"), randomizeChoices: false });
    expect(code(r, ["c", "a", "b"])).toBe("ok");
    expect(code(r, ["c", "a"])).toBe("not_a_permutation");
    expect(code(r, ["c", "a", "a"])).toBe("not_a_permutation");
    expect(code(r, ["c", "a", "z"])).toBe("unknown_choice");
  });
  it("matrix: rows and columns exist", () => {
    const m = Q({ id: "x", type: "matrix", rows: choices("r1", "r2"), columns: choices("c1", "c2"), multiple: false, randomizeChoices: false });
    expect(value(m, { r1: "c1", r2: null })).toEqual({ r1: "c1" });
    expect(code(m, { r3: "c1" })).toBe("unknown_choice");
    expect(code(m, { r1: "c9" })).toBe("unknown_choice");
    expect(code(m, { r1: ["c1"] })).toBe("invalid_type");
    expect(code(m, ["c1"])).toBe("invalid_type");
    const mm = { ...m, multiple: true } as Question;
    expect(code(mm, { r1: ["c1", "c2"] })).toBe("ok");
  });
  it("text: trimmed, maxLength and formats", () => {
    const t = (format: string, maxLength = 20) => Q({ id: "t", type: "text", format: format as TextFormat, maxLength });
    expect(value(t("short"), "  hi  ")).toBe("hi");
    expect(code(t("short", 3), "abcd")).toBe("too_long");
    expect(code(t("short", 3), "  abc ")).toBe("ok");
    expect(code(t("short"), 5)).toBe("invalid_type");
    expect(code(t("email", 100), "a@b.co")).toBe("ok");
    expect(code(t("email", 100), "a@b")).toBe("invalid_format");
    expect(code(t("email", 100), "a b@c.de")).toBe("invalid_format");
    expect(code(t("phone"), "+972 (3) 555-1234")).toBe("ok");
    expect(code(t("phone"), "12345")).toBe("invalid_format");
    expect(code(t("phone", 40), "1".repeat(21))).toBe("invalid_format");
    expect(code(t("phone"), "555-CALL-NOW")).toBe("invalid_format");
    expect(code(t("number"), "-12.5")).toBe("ok");
    expect(code(t("number"), "12,5")).toBe("invalid_format");
    expect(code(t("number"), "Infinity")).toBe("invalid_format");
    expect(code(t("number", 400), "9".repeat(400))).toBe("invalid_format");
    expect(code(t("url", 100), "https://bank.example/x?y=1")).toBe("ok");
    expect(code(t("url", 100), "javascript:alert(1)")).toBe("invalid_format");
    expect(code(t("url", 100), "ftp://x.example")).toBe("invalid_format");
  });
  it("date: a real ISO date within min/max", () => {
    const d = Q({ id: "d", type: "date", min: "2024-01-01", max: "2024-12-31" });
    expect(code(d, "2024-02-29")).toBe("ok");
    expect(code(d, "2023-02-29")).toBe("invalid_format");
    expect(code(d, "2024-13-01")).toBe("invalid_format");
    expect(code(d, "29/02/2024")).toBe("invalid_format");
    expect(code(d, "2025-01-01")).toBe("out_of_range");
    expect(code(d, "2023-12-31")).toBe("out_of_range");
    expect(code(d, 20240101)).toBe("invalid_type");
  });
  it("consent, statement, file", () => {
    const c = Q({ id: "c", type: "consent", label: en("ok") });
    expect(code(c, true)).toBe("ok");
    expect(code(c, false)).toBe("ok");
    expect(code(c, "yes")).toBe("invalid_type");
    expect(code(Q({ id: "s", type: "statement" }), "x")).toBe("invalid_type");
    const f = Q({ id: "f", type: "file", accept: ["image/png"], maxBytes: 1000 });
    expect(value(f, { fileId: "0191B2C3-D4E5-7F60-8123-456789ABCDEF" })).toEqual({ fileId: "0191b2c3-d4e5-7f60-8123-456789abcdef" });
    expect(code(f, { fileId: "../../etc/passwd" })).toBe("invalid_format");
    expect(code(f, { fileId: "0191b2c3-d4e5-7f60-8123-456789abcdef", path: "/x" })).toBe("invalid_type");
  });
  it("contact and address: only declared fields, short strings, email format", () => {
    const c = Q({ id: "c", type: "contact", fields: ["name", "email"] });
    expect(value(c, { name: " Dana ", email: "d@bank.example" })).toEqual({ name: "Dana", email: "d@bank.example" });
    expect(code(c, { phone: "123456" })).toBe("invalid_type");
    expect(code(c, { email: "nope" })).toBe("invalid_format");
    expect(code(c, { name: "x".repeat(201) })).toBe("too_long");
    expect(code(c, { name: 5 })).toBe("invalid_type");
    const a = Q({ id: "a", type: "address", fields: ["city", "country"] });
    expect(value(a, { city: "Haifa", country: "" })).toEqual({ city: "Haifa" });
    expect(code(a, { line1: "x" })).toBe("invalid_type");
  });
  it("an empty answer is a skip", () => {
    expect(checkAnswer(Q({ id: "n", type: "nps" }), null)).toEqual({ ok: true, value: null });
  });
});
