import { describe, expect, it } from "vitest";
import { registerStepKind } from "../steps";
import { checkFlow, type Problem } from "./check";
import { parseFlow } from "./schema";
import { FLOW_TEMPLATES } from "./templates";
import { type FlowDefinition, PRODUCTS } from "./types";

/** A small valid flow in English: form (3 fields), documents, payment, review. */
const base = () =>
  parseFlow({
    product: "savings",
    title: "Savings",
    steps: [
      {
        id: "about",
        kind: "form",
        title: "About you",
        minutes: 2,
        fields: [
          { id: "name", type: "text", label: "Name", required: true },
          { id: "goal", type: "select", label: "Goal", options: [{ id: "home", label: "Home" }, { id: "car", label: "Car" }] },
          { id: "amount", type: "money", label: "Deposit", required: true, showIf: { field: "goal", op: "in", value: ["home", "car"] } },
        ],
      },
      { id: "docs", kind: "documents", title: "Documents", fields: [{ id: "id", type: "file", label: "ID", accept: ["image/jpeg"] }] },
      { id: "pay", kind: "payment", title: "Deposit", payment: { purpose: "deposit", amountField: "amount" } },
      { id: "review", kind: "review", title: "Review", fields: [{ id: "terms", type: "checkbox", label: "I agree", required: true }] },
    ],
  });

const errors = (def: FlowDefinition, ...rest: Parameters<typeof checkFlow> extends [unknown, ...infer R] ? R : never) =>
  checkFlow(def, ...rest)
    .filter((p) => p.severity === "error")
    .map((p) => `${p.path} ${p.code}`);
const edit = (f: (d: FlowDefinition) => void) => {
  const d = base();
  f(d);
  return d;
};
const step = (d: FlowDefinition, i: number) => d.steps[i] as FlowDefinition["steps"][number];
const field = (d: FlowDefinition, s: number, f: number) => step(d, s).fields[f] as FlowDefinition["steps"][number]["fields"][number];

describe("checkFlow", () => {
  it("passes the small flow and every shipped template with no error and no warning", () => {
    expect(checkFlow(base())).toEqual([]);
    for (const product of PRODUCTS) {
      const def = FLOW_TEMPLATES[product];
      expect(checkFlow(def, undefined, product), product).toEqual([]);
      // A template is a valid input as it is (GET → PUT round trip) and normalises to itself.
      expect(parseFlow(JSON.parse(JSON.stringify(def))), product).toEqual(def);
    }
  });

  it("finds duplicate step, field, option and checklist ids", () => {
    const d = edit((d) => {
      step(d, 1).id = "about";
      field(d, 3, 0).id = "name";
      (field(d, 0, 1).options ?? [])[1] = { id: "home", label: { en: "Home again" } };
      d.welcome = [{ id: "app", label: { en: "App" } }, { id: "app", label: { en: "App" } }];
    });
    expect(errors(d)).toEqual(expect.arrayContaining(["steps.1.id duplicate_id", "steps.3.fields.0.id duplicate_id", "steps.0.fields.1.options.1.id duplicate_id", "welcome.1.id duplicate_id"]));
  });

  it("refuses conditions on unknown fields, later steps, later fields of the same step and the field itself", () => {
    expect(errors(edit((d) => {
      field(d, 0, 0).showIf = { field: "nope", op: "not_empty" };
    }))).toEqual(["steps.0.fields.0.showIf.field unknown_field"]);
    expect(errors(edit((d) => {
      step(d, 1).showIf = { all: [{ field: "name", op: "not_empty" }, { any: [{ field: "terms", op: "is_true" }] }] };
    }))).toEqual(["steps.1.showIf.all.1.any.0.field forward_reference"]);
    expect(errors(edit((d) => {
      field(d, 0, 0).showIf = { not: { field: "goal", op: "is_empty" } };
    }))).toEqual(["steps.0.fields.0.showIf.not.field forward_reference"]);
    expect(errors(edit((d) => {
      field(d, 0, 1).showIf = { field: "goal", op: "is_empty" };
    }))).toEqual(["steps.0.fields.1.showIf.field forward_reference"]);
    // A step's condition may not use its own fields either.
    expect(errors(edit((d) => {
      step(d, 0).showIf = { field: "name", op: "not_empty" };
    }))).toEqual(["steps.0.showIf.field forward_reference"]);
  });

  it("refuses a select without options and comparisons with values that are not its options", () => {
    expect(errors(edit((d) => {
      field(d, 0, 1).options = [];
    }))).toEqual(expect.arrayContaining(["steps.0.fields.1.options no_options"]));
    expect(errors(edit((d) => {
      field(d, 0, 2).showIf = { field: "goal", op: "in", value: ["home", "boat"] };
    }))).toEqual(["steps.0.fields.2.showIf.value.1 unknown_option"]);
    expect(errors(edit((d) => {
      field(d, 0, 2).showIf = { field: "goal", op: "equals", value: "Home" };
    }))).toEqual(["steps.0.fields.2.showIf.value unknown_option"]);
    expect(errors(edit((d) => {
      field(d, 0, 2).showIf = { field: "name", op: "gt", value: 3 };
    }))).toEqual(["steps.0.fields.2.showIf.op type_mismatch"]);
    expect(errors(edit((d) => {
      field(d, 0, 2).showIf = { field: "goal", op: "is_true" };
    }))).toEqual(["steps.0.fields.2.showIf.op type_mismatch"]);
  });

  it("checks payment steps: a payment, and a fixed amount or an earlier money field", () => {
    expect(errors(edit((d) => void delete step(d, 2).payment))).toEqual(["steps.2.payment missing_payment"]);
    expect(errors(edit((d) => {
      step(d, 2).payment = { purpose: "fee", currency: "USD" };
    }))).toEqual(["steps.2.payment no_amount"]);
    expect(errors(edit((d) => {
      step(d, 2).payment = { purpose: "fee", currency: "USD", amount: "25.00" };
    }))).toEqual([]);
    expect(errors(edit((d) => {
      step(d, 2).payment = { purpose: "deposit", currency: "USD", amountField: "name" };
    }))).toEqual(["steps.2.payment.amountField bad_amount_field"]);
    expect(errors(edit((d) => {
      step(d, 2).payment = { purpose: "deposit", currency: "USD", amountField: "terms" };
    }))).toEqual(["steps.2.payment.amountField bad_amount_field"]);
    expect(errors(edit((d) => {
      step(d, 2).payment = { purpose: "deposit", currency: "USD", amountField: "ghost" };
    }))).toEqual(["steps.2.payment.amountField bad_amount_field"]);
    expect(errors(edit((d) => {
      step(d, 0).payment = { purpose: "fee", currency: "USD", amount: "1" };
    }))).toEqual(["steps.0.payment not_payment_step"]);
  });

  it("refuses prefill from data of another type and a payment in another currency than its amount", () => {
    expect(errors(edit((d) => {
      field(d, 0, 0).prefill = "customer.address";
    }))).toEqual(["steps.0.fields.0.prefill prefill_mismatch"]);
    expect(errors(edit((d) => {
      field(d, 0, 0).prefill = "customer.name";
    }))).toEqual([]);
    expect(errors(edit((d) => {
      field(d, 0, 2).currency = "EUR";
    }))).toEqual(["steps.2.payment.currency currency_mismatch"]);
    expect(errors(edit((d) => {
      field(d, 0, 2).currency = "USD";
    }))).toEqual([]);
  });

  it("refuses unknown step kinds and reports a plugged kind's settings problems", () => {
    expect(errors(edit((d) => {
      step(d, 0).kind = "never_registered";
    }))).toEqual(["steps.0.kind unknown_kind"]);
    registerStepKind({ kind: "test_identity", checkSettings: (s) => (s.settings?.provider ? [] : [{ path: "settings.provider", message: "is required" }]) });
    const plugged = edit((d) => void d.steps.splice(1, 0, { id: "identity", kind: "test_identity", title: { en: "Identity" }, minutes: 1, fields: [] }));
    expect(errors(plugged)).toEqual(["steps.1.settings.provider invalid_settings"]);
    expect(errors(plugged, ["form", "documents", "payment", "review"])).toEqual(["steps.1.kind unknown_kind", "steps.1.settings.provider invalid_settings"]);
    step(plugged, 1).settings = { provider: "test" };
    expect(errors(plugged)).toEqual([]);
  });

  it("needs steps, exactly one review step, last and unconditional", () => {
    expect(errors(edit((d) => {
      d.steps = [];
    }))).toEqual(["steps no_steps"]);
    expect(errors(edit((d) => void d.steps.reverse()))).toEqual(expect.arrayContaining(["steps.3.kind review_last"]));
    expect(errors(edit((d) => {
      step(d, 1).kind = "review";
    }))).toEqual(["steps review_count"]);
    expect(errors(edit((d) => void d.steps.pop()))).toEqual(["steps review_count", "steps.2.kind review_last"]);
    expect(errors(edit((d) => {
      step(d, 3).showIf = { field: "name", op: "not_empty" };
    }))).toEqual(["steps.3.showIf review_last"]);
  });

  it("documents steps ask only for files, and file fields say what they accept", () => {
    expect(errors(edit((d) => void step(d, 1).fields.push({ id: "note", type: "text", label: { en: "Note" }, required: false })))).toEqual(["steps.1.fields.1.type not_file"]);
    expect(errors(edit((d) => void delete field(d, 1, 0).accept))).toEqual(["steps.1.fields.0.accept no_accept"]);
    expect(errors(edit((d) => {
      field(d, 1, 0).accept = [];
    }))).toEqual(["steps.1.fields.0.accept no_accept"]);
  });

  it("refuses a definition for another product than the URL's", () => {
    expect(errors(base(), undefined, "mortgage")).toEqual(["product product_mismatch"]);
    expect(errors(base(), undefined, "savings")).toEqual([]);
  });

  it("warns about missing translations and steps of 0 minutes, without blocking", () => {
    const d = edit((d) => {
      d.languages = ["en", "he"];
      d.title = { en: "Savings", he: "חיסכון" };
      step(d, 0).minutes = 0;
    });
    const problems = checkFlow(d);
    expect(problems.every((p: Problem) => p.severity === "warning")).toBe(true);
    expect(problems.find((p) => p.path === "steps.0.minutes")?.code).toBe("zero_minutes");
    expect(problems.find((p) => p.path === "title")).toBeUndefined();
    const label = problems.find((p) => p.path === "steps.0.fields.1.options.0.label");
    expect(label).toMatchObject({ code: "missing_translation", severity: "warning" });
    expect(label?.message).toContain("he");
  });
});
