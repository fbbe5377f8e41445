import full from "libphonenumber-js/max/metadata";
import { describe, expect, it } from "vitest";
import type { AppError } from "../../../kernel/errors";
import { checkFlow } from "./check";
import { type Checked, checkField, evaluate, stepProblems } from "./logic";
import { FIELD_MESSAGES, fieldMessage, WARNING_MESSAGES } from "./messages";
import { parseFlow } from "./schema";
import { FLOW_TEMPLATES } from "./templates";
import { type Field, type FieldType, FLOW_LOCALES, PREFILL_TYPES } from "./types";

const TODAY = new Date("2026-11-23T10:00:00Z");
const f = (type: FieldType, extra: Partial<Field> = {}): Field => ({ id: "x", type, label: { en: "X" }, required: true, ...extra });
const code = (r: Checked) => (r.ok ? null : r.problem.code);
const value = (r: Checked) => (r.ok ? r.value : `refused: ${r.problem.code}`);

describe("bic fields", () => {
  it("store the cleaned BIC and name what is wrong", () => {
    expect(value(checkField(f("bic"), " deut de ff 500 ", TODAY))).toBe("DEUTDEFF500");
    expect(value(checkField(f("bic"), "NEDSZAJJ", TODAY))).toBe("NEDSZAJJ");
    expect(code(checkField(f("bic"), "DEUTDEF", TODAY))).toBe("invalid_bic");
    expect(code(checkField(f("bic"), 42, TODAY))).toBe("invalid_bic");
    expect(checkField(f("bic"), "DEUTQQFF", TODAY)).toEqual({ ok: false, problem: { code: "bic_unknown_country", params: { country: "QQ" } } });
    expect(checkField(f("bic", { country: "IL" }), "DEUTDEFF", TODAY)).toEqual({ ok: false, problem: { code: "bic_wrong_country", params: { country: "IL" } } });
    expect(code(checkField(f("bic"), "", TODAY))).toBe("required");
    expect(value(checkField(f("bic", { required: false }), "", TODAY))).toBeNull();
  });
});

describe("country fields", () => {
  it("store an ISO 3166-1 alpha-2 code", () => {
    expect(value(checkField(f("country"), "il", TODAY))).toBe("IL");
    expect(value(checkField(f("country"), "XK", TODAY))).toBe("XK");
    for (const bad of ["ZZ", "ISR", "Israel", "U", 7]) expect(code(checkField(f("country"), bad, TODAY)), String(bad)).toBe("invalid_country");
    expect(code(checkField(f("country"), "", TODAY))).toBe("required");
  });

  it("work in conditions and take the customer's nationality", () => {
    expect(evaluate({ field: "nat", op: "in", value: ["IL", "AE"] }, { nat: "AE" })).toBe(true);
    expect(evaluate({ field: "nat", op: "equals", value: "IL" }, { nat: "AE" })).toBe(false);
    expect(PREFILL_TYPES["customer.nationality"]).toEqual(["country"]);
  });
});

describe("phone fields", () => {
  it("store E.164, read a number without prefix as the field country's, and refuse another country's", () => {
    expect(value(checkField(f("phone", { country: "IL" }), "050-765-4321", TODAY))).toBe("+972507654321");
    expect(value(checkField(f("phone", { country: "IL" }), "+972 50 765 4321", TODAY))).toBe("+972507654321");
    expect(checkField(f("phone", { country: "IL" }), "+44 20 7946 0958", TODAY)).toEqual({ ok: false, problem: { code: "phone_wrong_country", params: { country: "IL" } } });
    expect(code(checkField(f("phone"), "+972 50 76", TODAY))).toBe("phone_too_short");
  });

  it("mobileOnly: refused on the server, which has the full plans; the page cannot tell", () => {
    const mobile = f("phone", { mobileOnly: true });
    expect(code(checkField(mobile, "+972 3 555 1234", TODAY, { phoneTypes: full }))).toBe("phone_not_mobile");
    expect(value(checkField(mobile, "+972 3 555 1234", TODAY))).toBe("+97235551234");
    expect(value(checkField(mobile, "+972 50 765 4321", TODAY, { phoneTypes: full }))).toBe("+972507654321");
    const step = { id: "s", kind: "form", title: { en: "S" }, minutes: 1, fields: [{ ...mobile, id: "m" }] };
    expect(stepProblems(step, { m: "+97235551234" }, TODAY, { phoneTypes: full })).toEqual([{ field: "m", problem: { code: "phone_not_mobile" } }]);
    expect(stepProblems(step, { m: "+97235551234" }, TODAY)).toEqual([]);
  });
});

describe("messages", () => {
  it("every code and warning has a message in every language, each different from English", () => {
    const codes = Object.keys(FIELD_MESSAGES.en);
    for (const locale of FLOW_LOCALES) {
      expect(Object.keys(FIELD_MESSAGES[locale]).sort(), locale).toEqual([...codes].sort());
      expect(Object.keys(WARNING_MESSAGES[locale]), locale).toEqual(["disposable_email"]);
      if (locale === "en") continue;
      for (const c of codes) if (!/^(invalid_bic)$/.test(c)) expect(FIELD_MESSAGES[locale][c as keyof (typeof FIELD_MESSAGES)["en"]], `${locale} ${c}`).not.toBe(FIELD_MESSAGES.en[c as keyof (typeof FIELD_MESSAGES)["en"]]);
      expect(WARNING_MESSAGES[locale].disposable_email).not.toBe(WARNING_MESSAGES.en.disposable_email);
    }
  });

  it("name the country in the customer's language", () => {
    expect(fieldMessage({ code: "phone_wrong_country", params: { country: "IL" } }, "en")).toBe("Enter a phone number from Israel.");
    expect(fieldMessage({ code: "phone_wrong_country", params: { country: "IL" } }, "he")).toContain("ישראל");
    expect(fieldMessage({ code: "iban_wrong_length", params: { country: "DE", length: 22 } }, "ar")).toContain("ألمانيا");
    expect(fieldMessage({ code: "iban_wrong_length", params: { country: "DE", length: 22 } }, "zh-Hans")).toContain("德国");
    expect(fieldMessage({ code: "iban_wrong_country", params: { country: "DE" } }, "zh-Hant")).toContain("德國");
  });
});

describe("flow definitions with the new types", () => {
  const withField = (field: Record<string, unknown>, extra: Record<string, unknown>[] = []) => {
    const def = JSON.parse(JSON.stringify(FLOW_TEMPLATES.checking)) as { steps: { fields: Record<string, unknown>[] }[] };
    def.steps[0]?.fields.push(field, ...extra);
    return parseFlow(def);
  };

  it("accept bic, country with the nationality prefill, and mobileOnly phones", () => {
    const def = withField({ id: "nat", type: "country", label: "Nationality", prefill: "customer.nationality" }, [
      { id: "bic", type: "bic", label: "BIC", country: "DE", showIf: { field: "nat", op: "in", value: ["DE", "AT"] } },
      { id: "mob", type: "phone", label: "Mobile", mobileOnly: true, country: "IL" },
    ]);
    expect(checkFlow(def).filter((p) => p.severity === "error")).toEqual([]);
    expect(def.steps[0]?.fields.find((x) => x.id === "mob")?.mobileOnly).toBe(true);
  });

  it("refuse unknown countries, IBAN countries without IBANs and mobileOnly off phones", () => {
    const def = withField({ id: "acct", type: "iban", label: "IBAN", country: "US" }, [
      { id: "nat", type: "country", label: "Nationality" },
      { id: "home", type: "text", label: "Home", mobileOnly: true, showIf: { field: "nat", op: "equals", value: "ZZ" } },
      { id: "bic", type: "bic", label: "BIC", country: "QQ" },
    ]);
    const errors = checkFlow(def).filter((p) => p.severity === "error").map((p) => [p.code, p.path.replace(/^steps\.0\.fields\.\d+/, "f")]);
    expect(errors).toEqual([
      ["no_iban", "f.country"],
      ["unknown_country", "f.showIf.value"],
      ["not_applicable", "f.mobileOnly"],
      ["unknown_country", "f.country"],
    ]);
  });

  it("refuse a mobileOnly that is not a boolean with the field's path", () => {
    let issues: Array<{ path: string }> = [];
    try {
      withField({ id: "mob", type: "phone", label: "Mobile", mobileOnly: "yes" });
    } catch (e) {
      issues = (e as AppError).issues ?? [];
    }
    expect(issues.map((i) => i.path)).toEqual([`body.definition.steps.0.fields.${FLOW_TEMPLATES.checking.steps[0]?.fields?.length}.mobileOnly`]);
  });
});
