/**
 * checkFlow: the logic problems of a (schema-valid, normalised) flow definition. Errors block
 * publishing; warnings (missing translations, steps estimated at 0 minutes) are shown in the
 * editor. Paths are relative to the definition: `steps.2.fields.0.showIf.field`.
 */
import { isCountry } from "../../checks/account/countries";
import { ibanPrefixFor } from "../../checks/account/iban";
import { knownStepKinds, stepHandler } from "../steps";
import { type Condition, type Field, type FlowDefinition, PREFILL_TYPES, type ProductId, type Step, type Text } from "./types";

export interface Problem {
  path: string;
  message: string;
  code: string;
  severity: "error" | "warning";
}

export const isError = (p: Problem) => p.severity === "error";

const NUMERIC = new Set(["money", "income"]);
const COMPARED_AS_OPTION = new Set(["equals", "not_equals", "in", "not_in"]);

interface Place {
  step: number;
  field: number;
  def: Field;
}

/** Every problem of the flow, errors first in definition order, then warnings. */
export function checkFlow(def: FlowDefinition, knownKinds: readonly string[] = knownStepKinds(), product?: ProductId): Problem[] {
  const out: Problem[] = [];
  const error = (path: string, code: string, message: string) => out.push({ path, code, message, severity: "error" });
  const warn = (path: string, code: string, message: string) => out.push({ path, code, message, severity: "warning" });

  if (product && def.product !== product) error("product", "product_mismatch", `is ${def.product}, but this is the ${product} flow`);
  if (def.steps.length === 0) error("steps", "no_steps", "a flow needs at least one step (and a review step last)");

  // Ids: steps, fields (across the whole flow), options, welcome items.
  const fields = new Map<string, Place>();
  const stepIds = new Set<string>();
  def.steps.forEach((s, si) => {
    if (stepIds.has(s.id)) error(`steps.${si}.id`, "duplicate_id", `another step already has the id ${s.id}`);
    stepIds.add(s.id);
    s.fields.forEach((f, fi) => {
      if (fields.has(f.id)) error(`steps.${si}.fields.${fi}.id`, "duplicate_id", `another field already has the id ${f.id}`);
      else fields.set(f.id, { step: si, field: fi, def: f });
      const optionIds = new Set<string>();
      f.options?.forEach((o, oi) => {
        if (optionIds.has(o.id)) error(`steps.${si}.fields.${fi}.options.${oi}.id`, "duplicate_id", `another option of this field already has the id ${o.id}`);
        optionIds.add(o.id);
      });
    });
  });
  const welcomeIds = new Set<string>();
  def.welcome.forEach((w, i) => {
    if (welcomeIds.has(w.id)) error(`welcome.${i}.id`, "duplicate_id", `another checklist item already has the id ${w.id}`);
    welcomeIds.add(w.id);
  });

  /** A condition at `path` may only use fields before (step, field); field = Infinity for a step's own condition → earlier steps only. */
  const checkCondition = (cond: Condition, path: string, at: { step: number; field: number }) => {
    if ("all" in cond) {
      for (const [i, c] of cond.all.entries()) checkCondition(c, `${path}.all.${i}`, at);
      return;
    }
    if ("any" in cond) {
      for (const [i, c] of cond.any.entries()) checkCondition(c, `${path}.any.${i}`, at);
      return;
    }
    if ("not" in cond) return checkCondition(cond.not, `${path}.not`, at);
    const ref = fields.get(cond.field);
    if (!ref) return error(`${path}.field`, "unknown_field", `no field has the id ${cond.field}`);
    const earlier = ref.step < at.step || (ref.step === at.step && ref.field < at.field);
    if (!earlier) {
      const where = ref.step === at.step ? "later in the same step (or this field itself)" : "in a later step";
      return error(`${path}.field`, "forward_reference", `${cond.field} is ${where}; a condition may only use answers given before it`);
    }
    const f = ref.def;
    if (cond.op === "is_true" || cond.op === "is_false") {
      if (f.type !== "checkbox") error(`${path}.op`, "type_mismatch", `${cond.op} needs a checkbox; ${cond.field} is ${f.type}`);
    } else if (cond.op === "gt" || cond.op === "gte" || cond.op === "lt" || cond.op === "lte") {
      if (!NUMERIC.has(f.type)) error(`${path}.op`, "type_mismatch", `${cond.op} compares amounts; ${cond.field} is ${f.type}`);
      else if (Number.isNaN(Number(cond.value))) error(`${path}.value`, "type_mismatch", "must be a number");
    } else if (COMPARED_AS_OPTION.has(cond.op) && f.type === "select" && "value" in cond) {
      const ids = new Set((f.options ?? []).map((o) => o.id));
      const values = Array.isArray(cond.value) ? cond.value : [cond.value];
      values.forEach((v, i) => {
        if (!ids.has(String(v))) error(Array.isArray(cond.value) ? `${path}.value.${i}` : `${path}.value`, "unknown_option", `${String(v)} is not an option of ${cond.field}`);
      });
    } else if (COMPARED_AS_OPTION.has(cond.op) && f.type === "country" && "value" in cond) {
      const values = Array.isArray(cond.value) ? cond.value : [cond.value];
      values.forEach((v, i) => {
        if (!isCountry(String(v))) error(Array.isArray(cond.value) ? `${path}.value.${i}` : `${path}.value`, "unknown_country", `${String(v)} is not an ISO 3166-1 alpha-2 country code (answers of ${cond.field} are, like IL)`);
      });
    }
  };

  const kinds = new Set(knownKinds);
  const reviewSteps = def.steps.flatMap((s, i) => (s.kind === "review" ? [i] : []));
  def.steps.forEach((s, si) => {
    const base = `steps.${si}`;
    if (!kinds.has(s.kind)) error(`${base}.kind`, "unknown_kind", `${s.kind} is not a step kind here (${[...kinds].join(", ")})`);
    if (s.showIf) checkCondition(s.showIf, `${base}.showIf`, { step: si, field: -1 });
    s.fields.forEach((f, fi) => {
      const fp = `${base}.fields.${fi}`;
      if (f.showIf) checkCondition(f.showIf, `${fp}.showIf`, { step: si, field: fi });
      checkField(f, fp, s, error);
    });
    checkPayment(s, base, si, fields, error);
    const handler = stepHandler(s.kind);
    if (handler?.checkSettings) for (const p of handler.checkSettings(s)) error(`${base}.${p.path}`.replace(/\.$/, ""), "invalid_settings", p.message);
    if (s.minutes === 0) warn(`${base}.minutes`, "zero_minutes", "is 0: the time left shown to the customer will not count this step");
  });
  if (def.steps.length > 0) {
    if (reviewSteps.length !== 1) error("steps", "review_count", `a flow needs exactly one review step (it has ${reviewSteps.length})`);
    const lastIndex = def.steps.length - 1;
    const last = def.steps[lastIndex] as Step;
    if (last.kind !== "review") error(`steps.${lastIndex}.kind`, "review_last", "the last step must be the review step");
    else if (last.showIf) error(`steps.${lastIndex}.showIf`, "review_last", "the review step is always shown: it cannot have a condition");
  }

  for (const [path, text] of texts(def)) {
    const missing = def.languages.filter((l) => !text[l]);
    if (missing.length > 0) warn(path, "missing_translation", `has no ${missing.join(", ")} translation`);
  }
  return [...out.filter(isError), ...out.filter((p) => !isError(p))];
}

function checkField(f: Field, fp: string, s: Step, error: (path: string, code: string, message: string) => void) {
  if (f.prefill && !PREFILL_TYPES[f.prefill].includes(f.type)) error(`${fp}.prefill`, "prefill_mismatch", `${f.prefill} does not fit a ${f.type} field (${PREFILL_TYPES[f.prefill].join(" or ")})`);
  if (f.type === "select" && (f.options ?? []).length === 0) error(`${fp}.options`, "no_options", "a select needs at least one option");
  if (f.type === "file" && (f.accept ?? []).length === 0) error(`${fp}.accept`, "no_accept", "a file field must say which types it accepts");
  if (s.kind === "documents" && f.type !== "file") error(`${fp}.type`, "not_file", "a documents step only asks for files");
  if (f.min !== undefined && f.max !== undefined && Number(f.min) > Number(f.max)) error(`${fp}.min`, "min_above_max", "is above max");
  if (f.minAge !== undefined && f.maxAge !== undefined && f.minAge > f.maxAge) error(`${fp}.minAge`, "min_above_max", "is above maxAge");
  if (f.mobileOnly !== undefined && f.type !== "phone") error(`${fp}.mobileOnly`, "not_applicable", `only phone fields take mobileOnly (this is a ${f.type} field)`);
  if (f.country !== undefined) {
    if (!isCountry(f.country)) error(`${fp}.country`, "unknown_country", `${f.country} is not an ISO 3166-1 alpha-2 country code`);
    else if (f.type === "iban" && !ibanPrefixFor(f.country)) error(`${fp}.country`, "no_iban", `${f.country} has no IBAN in the SWIFT IBAN registry`);
  }
}

function checkPayment(s: Step, base: string, si: number, fields: Map<string, Place>, error: (path: string, code: string, message: string) => void) {
  if (s.kind !== "payment") {
    if (s.payment) error(`${base}.payment`, "not_payment_step", "only a payment step takes a payment");
    return;
  }
  const p = s.payment;
  if (!p) return error(`${base}.payment`, "missing_payment", "a payment step needs a payment (purpose, currency, amount or amountField)");
  if (p.amount === undefined && p.amountField === undefined) return error(`${base}.payment`, "no_amount", "give a fixed amount or the amountField to charge");
  if (p.amount !== undefined && p.amountField !== undefined) return error(`${base}.payment.amountField`, "exclusive", "give a fixed amount or an amountField, not both");
  if (p.amountField !== undefined) {
    const ref = fields.get(p.amountField);
    if (!ref || ref.step >= si || ref.def.type !== "money") error(`${base}.payment.amountField`, "bad_amount_field", `must be the id of a money field in an earlier step (${p.amountField} is not)`);
    else if (ref.def.currency && ref.def.currency !== p.currency) error(`${base}.payment.currency`, "currency_mismatch", `is ${p.currency}, but ${p.amountField} is in ${ref.def.currency}`);
  }
}

/** Every text of the definition with its path. */
function texts(def: FlowDefinition): Array<[string, Text]> {
  const out: Array<[string, Text]> = [["title", def.title]];
  if (def.description) out.push(["description", def.description]);
  for (const [si, s] of def.steps.entries()) {
    out.push([`steps.${si}.title`, s.title]);
    if (s.help) out.push([`steps.${si}.help`, s.help]);
    s.fields.forEach((f, fi) => {
      const fp = `steps.${si}.fields.${fi}`;
      out.push([`${fp}.label`, f.label]);
      if (f.help) out.push([`${fp}.help`, f.help]);
      for (const [oi, o] of (f.options ?? []).entries()) out.push([`${fp}.options.${oi}.label`, o.label]);
    });
  }
  def.welcome.forEach((w, i) => {
    out.push([`welcome.${i}.label`, w.label]);
    if (w.help) out.push([`welcome.${i}.help`, w.help]);
  });
  return out;
}
