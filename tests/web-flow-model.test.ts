import { describe, expect, it } from "vitest";
import { checkFlow } from "../src/modules/onboarding/flow/check";
import { FLOW_TEMPLATES } from "../src/modules/onboarding/flow/templates";
import { addField, addStep, earlierFields, missingIn, removeField, renameField, setLanguages, shiftStep, withLang } from "../web/backoffice/src/pages/flows/model";

/** The flow editor's pure edits, checked against the server's own checkFlow. */
const checking = structuredClone(FLOW_TEMPLATES.checking);
const errors = (def: typeof checking) => checkFlow(def, undefined, "checking").filter((p) => p.severity === "error");
const ids = (def: typeof checking) => def.steps.map((s) => s.id);

describe("flow editor model", () => {
  it("starts from a clean template", () => {
    expect(errors(checking)).toEqual([]);
  });

  it("adds a step after the chosen one but never after the review step", () => {
    const { def, id } = addStep(checking, "form", "review");
    expect(ids(def).at(-1)).toBe("review");
    expect(ids(def).at(-2)).toBe(id);
    const early = addStep(checking, "documents", "about");
    expect(ids(early.def).slice(0, 2)).toEqual(["about", early.id]);
    expect(checking.steps).toHaveLength(5);
  });

  it("moves steps one place and keeps the ends in place", () => {
    expect(ids(shiftStep(checking, "work", -1))).toEqual(["work", "about", "documents", "deposit", "review"]);
    expect(ids(shiftStep(checking, "about", -1))).toEqual(ids(checking));
    expect(ids(shiftStep(checking, "review", 1))).toEqual(ids(checking));
  });

  it("moving a step before the field its condition reads is an error the server reports", () => {
    const moved = shiftStep(shiftStep(checking, "deposit", -1), "deposit", -1);
    expect(ids(moved).indexOf("deposit")).toBeLessThan(ids(moved).indexOf("work"));
    expect(errors(moved).map((p) => p.path)).toContain("steps.1.showIf.field");
  });

  it("renames a field with every condition and payment amount that refers to it, and refuses a taken id", () => {
    const renamed = renameField(checking, "depositAmount", "openingAmount");
    expect(renamed).not.toBeNull();
    if (!renamed) return;
    expect(renamed.steps.find((s) => s.id === "deposit")?.payment?.amountField).toBe("openingAmount");
    const again = renameField(renamed, "wantsDeposit", "deposit_opt_in");
    expect(again?.steps.find((s) => s.id === "deposit")?.showIf).toEqual({ field: "deposit_opt_in", op: "is_true" });
    expect(again && errors(again)).toEqual([]);
    expect(renameField(checking, "email", "phone")).toBeNull();
  });

  it("offers only earlier fields to a condition", () => {
    const forWorkStep = earlierFields(checking, 1).map((f) => f.id);
    expect(forWorkStep).toContain("dateOfBirth");
    expect(forWorkStep).not.toContain("employment");
    const forEmployer = earlierFields(checking, 1, 1).map((f) => f.id);
    expect(forEmployer).toContain("employment");
    expect(forEmployer).not.toContain("employer");
  });

  it("adds fields with fresh ids and removes them", () => {
    const a = addField(checking, "work", "select", (n) => `Option ${n}`);
    const b = addField(a.def, "work", "text", (n) => `Option ${n}`);
    expect(a.id).not.toBe(b.id);
    const field = b.def.steps.find((s) => s.id === "work")?.fields.find((f) => f.id === a.id);
    expect(field?.options).toHaveLength(2);
    expect(removeField(b.def, "work", a.id).steps.find((s) => s.id === "work")?.fields.map((f) => f.id)).not.toContain(a.id);
  });

  it("lists texts missing in a language and keeps the default language offered", () => {
    expect(missingIn(checking, "he")).toEqual([]);
    const title = { ...checking, title: withLang(checking.title, "he", "") };
    expect(missingIn(title, "he")).toEqual(["title.he"]);
    expect(setLanguages(checking, ["ar"]).languages).toEqual(["en", "ar"]);
  });
});
