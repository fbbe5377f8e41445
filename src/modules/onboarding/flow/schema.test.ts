import { describe, expect, it } from "vitest";
import { AppError } from "../../../kernel/errors";
import { parseFlow } from "./schema";

const minimal = (extra: Record<string, unknown> = {}) => ({
  product: "checking",
  title: "Checking",
  steps: [{ id: "review", kind: "review", title: "Review", fields: [{ id: "terms", type: "checkbox", label: "I agree" }] }],
  ...extra,
});

/** The issue paths parseFlow refuses `input` with. */
function refused(input: unknown): string[] {
  try {
    parseFlow(input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("validation_failed");
    return ((e as AppError).issues ?? []).map((i) => i.path);
  }
  throw new Error("accepted");
}

describe("parseFlow", () => {
  it("turns plain strings into texts of the default language and fills defaults", () => {
    const def = parseFlow(minimal({ defaultLanguage: "he", languages: ["en"] }));
    expect(def).toEqual({
      product: "checking",
      title: { he: "Checking" },
      defaultLanguage: "he",
      languages: ["he", "en"],
      currency: "USD",
      inactivityDays: 7,
      reminderAfterHours: 24,
      slaHours: 24,
      steps: [{ id: "review", kind: "review", title: { he: "Review" }, minutes: 1, fields: [{ id: "terms", type: "checkbox", label: { he: "I agree" }, required: false }] }],
      welcome: [],
    });
  });

  it("keeps texts plain: trims and strips control characters, refuses empty ones", () => {
    const def = parseFlow(minimal({ title: { en: "  Check\u0007ing  ", ar: "حساب" } }));
    expect(def.title).toEqual({ en: "Checking", ar: "حساب" });
    expect(refused(minimal({ title: { en: "   " } }))).toEqual(["body.definition.title"]);
    expect(refused(minimal({ title: { fr: "Compte" } }))).toEqual(["body.definition.title.fr"]);
    expect(refused(minimal({ title: "x".repeat(2001) }))).toEqual(["body.definition.title"]);
  });

  it("refuses unknown keys, bad ids and bad types with dotted paths", () => {
    expect(refused(minimal({ colour: "red" }))).toEqual(["body.definition.colour"]);
    const step = (f: Record<string, unknown>) => minimal({ steps: [{ id: "s1", kind: "form", title: "S", fields: [{ id: "a", type: "text", label: "A", ...f }] }] });
    expect(refused(step({ type: "signature" }))).toEqual(["body.definition.steps.0.fields.0.type"]);
    expect(refused(step({ id: "1abc" }))).toEqual(["body.definition.steps.0.fields.0.id"]);
    expect(refused(step({ id: "a".repeat(65) }))).toEqual(["body.definition.steps.0.fields.0.id"]);
    expect(refused(step({ html: "<b>x</b>" }))).toEqual(["body.definition.steps.0.fields.0.html"]);
    expect(refused(step({ min: "1,000" }))).toEqual(["body.definition.steps.0.fields.0.min"]);
    expect(refused(step({ accept: ["image/gif"] }))).toEqual(["body.definition.steps.0.fields.0.accept.0"]);
    expect(refused(minimal({ product: "boat_loan" }))).toEqual(["body.definition.product"]);
    expect(refused(minimal({ steps: [{ id: "s", kind: "Form!", title: "S", minutes: -1 }] }))).toEqual(["body.definition.steps.0.kind", "body.definition.steps.0.minutes"]);
  });

  it("enforces the size limits: 40 steps, 60 fields per step", () => {
    const steps = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, kind: "form", title: "S" }));
    expect(parseFlow(minimal({ steps: steps(40) })).steps).toHaveLength(40);
    expect(refused(minimal({ steps: steps(41) }))).toEqual(["body.definition.steps"]);
    const fields = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `f${i}`, type: "text", label: "F" }));
    expect(refused(minimal({ steps: [{ id: "s", kind: "form", title: "S", fields: fields(61) }] }))).toEqual(["body.definition.steps.0.fields"]);
  });

  it("accepts https and /c/ links only", () => {
    const withUrl = (helpUrl: string) => minimal({ steps: [{ id: "s", kind: "review", title: "S", helpUrl }] });
    expect(parseFlow(withUrl("https://help.example.com/kb/1")).steps[0]?.helpUrl).toBe("https://help.example.com/kb/1");
    expect(parseFlow(withUrl("/c/demo/help/1")).steps[0]?.helpUrl).toBe("/c/demo/help/1");
    for (const bad of ["javascript:alert(1)", "http://example.com", "data:text/html,x", "//evil.example", "/admin"]) {
      expect(refused(withUrl(bad)), bad).toEqual(["body.definition.steps.0.helpUrl"]);
    }
    expect(refused(minimal({ welcome: [{ id: "w", label: "W", url: "javascript:x" }] }))).toEqual(["body.definition.welcome.0.url"]);
  });

  it("checks conditions by hand with precise paths", () => {
    const cond = (showIf: unknown) => minimal({ steps: [{ id: "s", kind: "review", title: "S", showIf }] });
    expect(parseFlow(cond({ all: [{ field: "a", op: "equals", value: "x" }, { not: { field: "b", op: "is_true" } }] })).steps[0]?.showIf).toEqual({
      all: [{ field: "a", op: "equals", value: "x" }, { not: { field: "b", op: "is_true" } }],
    });
    expect(refused(cond({ field: "a", op: "like", value: "x" }))).toEqual(["body.definition.steps.0.showIf.op"]);
    expect(refused(cond({ any: [{ field: "a", op: "in", value: "x" }] }))).toEqual(["body.definition.steps.0.showIf.any.0.value"]);
    expect(refused(cond({ all: [] }))).toEqual(["body.definition.steps.0.showIf.all"]);
    expect(refused(cond({ field: "a", op: "is_empty", value: 1 }))).toEqual(["body.definition.steps.0.showIf.value"]);
    expect(refused(cond({ field: "a", op: "equals", value: { x: 1 }, extra: 1 }))).toEqual(["body.definition.steps.0.showIf.extra", "body.definition.steps.0.showIf.value"]);
    let deep: unknown = { field: "a", op: "not_empty" };
    for (let i = 0; i < 12; i++) deep = { not: deep };
    expect(refused(cond(deep))).toHaveLength(1);
  });

  it("gives payments the flow's currency by default", () => {
    const def = parseFlow(minimal({ currency: "ILS", steps: [{ id: "p", kind: "payment", title: "Fee", payment: { purpose: "fee", amount: "25" } }] }));
    expect(def.steps[0]?.payment).toEqual({ purpose: "fee", currency: "ILS", amount: "25" });
    expect(refused(minimal({ currency: "usd" }))).toEqual(["body.definition.currency"]);
  });
});
