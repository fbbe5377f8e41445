import { describe, expect, it } from "vitest";
import { checkIban, normaliseIban } from "./iban";
import { ageOn, type Checked, checkField, evaluate, hiddenAnswerKeys, localize, progress, stepProblems, visibleFields, visibleSteps } from "./logic";
import { fieldMessage } from "./messages";
import { FLOW_TEMPLATES } from "./templates";
import type { Answers, Condition, Field, FieldType } from "./types";

const TODAY = new Date("2026-11-23T10:00:00Z");
const f = (type: FieldType, extra: Partial<Field> = {}): Field => ({ id: "x", type, label: { en: "X" }, required: true, ...extra });
const code = (r: Checked) => (r.ok ? null : r.problem.code);
const value = (r: Checked) => (r.ok ? r.value : `refused: ${r.problem.code}`);

describe("evaluate", () => {
  const answers: Answers = { goal: "home", amount: "1500.50", agree: true, no: false, empty: "", list: [], missing: null };
  const cases: Array<[Condition, boolean]> = [
    [{ field: "goal", op: "equals", value: "home" }, true],
    [{ field: "goal", op: "equals", value: "car" }, false],
    [{ field: "goal", op: "not_equals", value: "car" }, true],
    [{ field: "goal", op: "in", value: ["car", "home"] }, true],
    [{ field: "goal", op: "not_in", value: ["car", "home"] }, false],
    [{ field: "amount", op: "gt", value: 1500 }, true],
    [{ field: "amount", op: "gt", value: "1500.50" }, false],
    [{ field: "amount", op: "gte", value: "1500.50" }, true],
    [{ field: "amount", op: "lt", value: 2000 }, true],
    [{ field: "amount", op: "lte", value: 1500 }, false],
    [{ field: "goal", op: "gt", value: 1 }, false],
    [{ field: "agree", op: "is_true" }, true],
    [{ field: "no", op: "is_false" }, true],
    [{ field: "absent", op: "is_false" }, true],
    [{ field: "agree", op: "is_false" }, false],
    [{ field: "empty", op: "is_empty" }, true],
    [{ field: "list", op: "is_empty" }, true],
    [{ field: "absent", op: "is_empty" }, true],
    [{ field: "goal", op: "not_empty" }, true],
    [{ field: "no", op: "not_empty" }, false],
    [{ all: [{ field: "goal", op: "equals", value: "home" }, { field: "agree", op: "is_true" }] }, true],
    [{ all: [{ field: "goal", op: "equals", value: "home" }, { field: "no", op: "is_true" }] }, false],
    [{ any: [{ field: "goal", op: "equals", value: "car" }, { field: "agree", op: "is_true" }] }, true],
    [{ any: [{ field: "goal", op: "equals", value: "car" }, { field: "no", op: "is_true" }] }, false],
    [{ not: { field: "goal", op: "equals", value: "car" } }, true],
    [{ not: { any: [{ field: "goal", op: "equals", value: "home" }] } }, false],
  ];
  it.each(cases)("%j → %s", (cond, want) => expect(evaluate(cond, answers)).toBe(want));

  it("fails every comparison on a missing answer (and no condition always holds)", () => {
    for (const op of ["equals", "not_equals", "gt", "gte", "lt", "lte", "in", "not_in"] as const) {
      const v = op === "in" || op === "not_in" ? ["home"] : "1";
      expect(evaluate({ field: "absent", op, value: v } as Condition, answers), op).toBe(false);
      expect(evaluate({ field: "missing", op, value: v } as Condition, answers), op).toBe(false);
    }
    expect(evaluate(undefined, {})).toBe(true);
  });
});

describe("checkField", () => {
  it("requires required values and accepts empty optional ones as null", () => {
    for (const type of ["text", "email", "phone", "date", "select", "money", "iban", "national_id", "employer", "income", "address", "file"] as const) {
      expect(code(checkField(f(type), "", TODAY)), type).toBe("required");
      expect(code(checkField(f(type), null, TODAY)), type).toBe("required");
      expect(value(checkField(f(type, { required: false }), undefined, TODAY)), type).toBeNull();
    }
  });

  it("text, employer, national id: trimmed, length-limited", () => {
    expect(value(checkField(f("text"), "  Dana   Levi ", TODAY))).toBe("Dana Levi");
    expect(code(checkField(f("text", { maxLength: 5 }), "abcdef", TODAY))).toBe("too_long");
    expect(code(checkField(f("employer"), "x".repeat(201), TODAY))).toBe("too_long");
    expect(value(checkField(f("national_id"), " 0123 4567-8 ", TODAY))).toBe("01234567-8");
    expect(code(checkField(f("national_id"), "12", TODAY))).toBe("invalid_national_id");
    expect(code(checkField(f("text"), 42, TODAY))).toBe("required");
  });

  it("email and phone", () => {
    expect(value(checkField(f("email"), " dana@example.com ", TODAY))).toBe("dana@example.com");
    for (const bad of ["dana", "dana@", "dana@example", "a b@example.com", "<x>@example.com"]) expect(code(checkField(f("email"), bad, TODAY)), bad).toBe("invalid_email");
    expect(value(checkField(f("phone"), "+972 (50) 123-4567", TODAY))).toBe("+972501234567");
    for (const bad of ["12345", "+972 50 abc", "050 123 4567"]) expect(code(checkField(f("phone"), bad, TODAY)), bad).toBe("invalid_phone");
    expect(code(checkField(f("phone"), "+1".padEnd(18, "1"), TODAY))).toBe("phone_too_long");
  });

  it("dates: real dates, ages on the exact birthday, past and future", () => {
    expect(code(checkField(f("date"), "2026-02-30", TODAY))).toBe("invalid_date");
    expect(code(checkField(f("date"), "23/11/2000", TODAY))).toBe("invalid_date");
    const adult = f("date", { minAge: 18, maxAge: 100 });
    expect(value(checkField(adult, "2008-11-23", TODAY))).toBe("2008-11-23");
    expect(checkField(adult, "2008-11-24", TODAY)).toEqual({ ok: false, problem: { code: "too_young", params: { minimum: 18 } } });
    expect(code(checkField(adult, "1926-11-23", TODAY))).toBeNull();
    expect(code(checkField(adult, "1925-11-22", TODAY))).toBe("too_old");
    expect(code(checkField(adult, "2027-01-01", TODAY))).toBe("must_be_past");
    expect(code(checkField(f("date", { when: "past" }), "2026-11-24", TODAY))).toBe("must_be_past");
    expect(code(checkField(f("date", { when: "future" }), "2026-11-23", TODAY))).toBe("must_be_future");
    expect(value(checkField(f("date", { when: "future" }), "2026-11-24", TODAY))).toBe("2026-11-24");
    expect(ageOn(new Date("2000-02-29T00:00:00Z"), new Date("2018-02-28T00:00:00Z"))).toBe(17);
    expect(ageOn(new Date("2000-02-29T00:00:00Z"), new Date("2018-03-01T00:00:00Z"))).toBe(18);
  });

  it("select and checkbox", () => {
    const select = f("select", { options: [{ id: "a", label: { en: "A" } }] });
    expect(value(checkField(select, "a", TODAY))).toBe("a");
    expect(code(checkField(select, "b", TODAY))).toBe("invalid_option");
    expect(code(checkField(select, ["a"], TODAY))).toBe("invalid_option");
    expect(code(checkField(f("checkbox"), false, TODAY))).toBe("must_accept");
    expect(code(checkField(f("checkbox"), undefined, TODAY))).toBe("must_accept");
    expect(value(checkField(f("checkbox"), true, TODAY))).toBe(true);
    expect(value(checkField(f("checkbox", { required: false }), undefined, TODAY))).toBe(false);
    expect(code(checkField(f("checkbox", { required: false }), "yes", TODAY))).toBe("required");
  });

  it("amounts: decimals with at most two places, within min and max", () => {
    const money = f("money", { min: "10", max: "10000" });
    expect(value(checkField(money, "1,250.50", TODAY))).toBe("1250.50");
    expect(value(checkField(money, 99, TODAY))).toBe("99");
    for (const bad of ["12.345", "-5", "ten", "1e3", "12."]) expect(code(checkField(money, bad, TODAY)), bad).toBe("invalid_amount");
    expect(checkField(money, "9.99", TODAY)).toEqual({ ok: false, problem: { code: "too_small", params: { minimum: "10" } } });
    expect(code(checkField(money, "10000.01", TODAY))).toBe("too_large");
    expect(value(checkField(f("income", { min: "0" }), "0", TODAY))).toBe("0");
  });

  it("IBAN: registry country, length, structure and mod-97, spaces and case forgiven", () => {
    expect(value(checkField(f("iban"), "de89 3704 0044 0532 0130 00", TODAY))).toBe("DE89370400440532013000");
    expect(value(checkField(f("iban"), "IL62 0108 0000 0009 9999 999", TODAY))).toBe("IL620108000000099999999");
    expect(code(checkField(f("iban"), "DE89370400440532013001", TODAY))).toBe("iban_checksum");
    expect(checkField(f("iban"), "DE8937040044053201300", TODAY)).toEqual({ ok: false, problem: { code: "iban_wrong_length", params: { country: "DE", length: 22 } } });
    expect(code(checkField(f("iban"), "XX89370400440532013000", TODAY))).toBe("iban_unknown_country");
    expect(code(checkField(f("iban"), "DE89 3704 ☃", TODAY))).toBe("invalid_iban");
    expect(code(checkField(f("iban"), "GB29 NWBK 6016 1331 9268 1X", TODAY))).toBe("iban_bban_format");
    expect(checkField(f("iban", { country: "IL" }), "DE89370400440532013000", TODAY)).toEqual({ ok: false, problem: { code: "iban_wrong_country", params: { country: "IL" } } });
    expect(value(checkField(f("iban", { country: "GP" }), "FR14 2004 1010 0505 0001 3M02 606", TODAY))).toBe("FR1420041010050500013M02606");
    expect(checkIban(normaliseIban("GB82 WEST 1234 5698 7654 32"))).toBe(true);
    expect(checkIban("GB82WEST12345698765433")).toBe(false);
  });

  it("addresses: street, city and a country code, optionally the expected country", () => {
    const addr = { line1: " 1 Herzl St ", city: "Tel Aviv", postcode: "6100000", country: "il" };
    expect(value(checkField(f("address"), addr, TODAY))).toEqual({ line1: "1 Herzl St", city: "Tel Aviv", postcode: "6100000", country: "IL" });
    expect(value(checkField(f("address"), { ...addr, line2: "Apt 4" }, TODAY))).toMatchObject({ line2: "Apt 4" });
    expect(code(checkField(f("address"), { ...addr, city: "" }, TODAY))).toBe("invalid_address");
    expect(code(checkField(f("address"), { ...addr, country: "Israel" }, TODAY))).toBe("invalid_address");
    expect(code(checkField(f("address"), "1 Herzl St, Tel Aviv", TODAY))).toBe("invalid_address");
    expect(code(checkField(f("address", { country: "US" }), addr, TODAY))).toBe("invalid_address");
  });

  it("files: a list of document ids, at most maxFiles", () => {
    expect(value(checkField(f("file"), ["d1", "d2"], TODAY))).toEqual(["d1", "d2"]);
    expect(code(checkField(f("file", { maxFiles: 1 }), ["d1", "d2"], TODAY))).toBe("invalid_file");
    expect(code(checkField(f("file"), "d1", TODAY))).toBe("invalid_file");
    expect(code(checkField(f("file"), [42], TODAY))).toBe("invalid_file");
  });

  it("has a message for every problem in every language", () => {
    for (const locale of ["en", "he", "ar", "zh-Hans", "zh-Hant"]) {
      expect(fieldMessage({ code: "too_young", params: { minimum: 18 } }, locale)).toContain("18");
    }
    expect(fieldMessage({ code: "required" }, "fr")).toBe("This is required.");
  });
});

describe("visibility and progress", () => {
  const def = FLOW_TEMPLATES.checking;

  it("hides the deposit step and amount until the customer wants to deposit", () => {
    expect(visibleSteps(def, {}).map((s) => s.id)).toEqual(["about", "work", "documents", "review"]);
    expect(visibleSteps(def, { wantsDeposit: true }).map((s) => s.id)).toEqual(["about", "work", "documents", "deposit", "review"]);
    const work = def.steps[1];
    if (!work) throw new Error("template changed");
    expect(visibleFields(work, { employment: "student" }).map((x) => x.id)).toEqual(["employment", "monthlyIncome", "wantsDeposit"]);
    expect(stepProblems(work, { employment: "student", monthlyIncome: "100" }, TODAY)).toEqual([]);
    expect(stepProblems(work, { employment: "employed", monthlyIncome: "x" }, TODAY)).toEqual([
      { field: "employer", problem: { code: "required" } },
      { field: "monthlyIncome", problem: { code: "invalid_amount" } },
    ]);
    expect(hiddenAnswerKeys(def, { employment: "student", employer: "Acme", depositAmount: "50" }).sort()).toEqual(["depositAmount", "employer"]);
  });

  it("counts minutes left over the visible steps only", () => {
    expect(progress(def, {}, [])).toMatchObject({ index: 0, total: 4, minutesLeft: 8 });
    expect(progress(def, { wantsDeposit: true }, [])).toMatchObject({ index: 0, total: 5, minutesLeft: 9 });
    const mid = progress(def, { wantsDeposit: true }, ["about", "work"]);
    expect(mid).toMatchObject({ index: 2, total: 5, minutesLeft: 4 });
    expect(mid.step?.id).toBe("documents");
    // A completed step that became hidden does not count.
    expect(progress(def, {}, ["about", "work", "documents", "deposit"])).toMatchObject({ index: 3, total: 4, minutesLeft: 1 });
    const done = progress(def, {}, ["about", "work", "documents", "review"]);
    expect(done).toEqual({ step: null, index: 4, total: 4, minutesLeft: 0 });
  });

  it("localizes with fallbacks", () => {
    expect(localize({ en: "Hi", he: "שלום" }, "he", "en")).toBe("שלום");
    expect(localize({ en: "Hi" }, "ar", "en")).toBe("Hi");
    expect(localize({ he: "שלום" }, "ar", "en")).toBe("שלום");
    expect(localize(undefined, "en", "en")).toBe("");
  });
});
