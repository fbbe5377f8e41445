/**
 * The flow definition as the API accepts it, and its normalisation to FlowDefinition (types.ts).
 * Strict: unknown keys are refused. Texts are plain text (rendered as text nodes, never HTML);
 * a plain string becomes `{ [defaultLanguage]: s }`. URLs must be https:// or a /c/… path.
 * Logic problems (references, cycles, missing review step…) are checkFlow's job (check.ts); this
 * file only refuses what cannot be a flow at all.
 */
import type { ZodError } from "zod";
import { AppError, type FieldIssue } from "../../../kernel/errors";
import { z } from "../../../server/openapi";
import {
  FIELD_TYPES,
  FILE_TYPES,
  FLOW_LOCALES,
  type ChecklistItem,
  type Condition,
  type Field,
  type FlowDefinition,
  type FlowLocale,
  type PaymentSpec,
  PREFILL_KEYS,
  PRODUCTS,
  type Step,
  type Text,
} from "./types";

export const FLOW_LIMITS = { steps: 40, fields: 60, options: 100, welcome: 20, string: 2000, conditionDepth: 10, conditionItems: 50, settingsBytes: 10_000 } as const;
export const FLOW_ID_RE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const FILE_MAX_BYTES_CAP = 50 * 1024 * 1024;

const Id = z.string().regex(FLOW_ID_RE, "must start with a letter; then up to 63 letters, digits, - or _");
const Amount = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "must be a decimal amount like 1250.50");
const Currency = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code like USD");
const Country = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code like IL");
const Locale = z.enum(FLOW_LOCALES);

/** Strips control characters (tabs and newlines stay): texts are plain text, shown as text nodes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");

/** https:// only, or a path of the customer pages (/c/…); javascript:, data:, http: are refused. */
export function isFlowUrl(v: string): boolean {
  if (/[\s\\<>"'`]/.test(v)) return false;
  if (v.startsWith("/c/")) return !v.startsWith("//");
  try {
    const u = new URL(v);
    return u.protocol === "https:" && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    return false;
  }
}
const Url = z.string().max(2048).refine(isFlowUrl, { message: "must be an https:// URL or a /c/… path", params: { code: "unsafe_url" } });

function textIssues(v: unknown, ctx: z.RefinementCtx) {
  const tooLong = (s: string) => s.length > FLOW_LIMITS.string;
  if (v === undefined) return void ctx.addIssue({ code: "custom", message: "is required", params: { code: "required" } });
  if (typeof v === "string") {
    if (v.trim() === "") ctx.addIssue({ code: "custom", message: "must not be empty", params: { code: "required" } });
    else if (tooLong(v)) ctx.addIssue({ code: "custom", message: `must be at most ${FLOW_LIMITS.string} characters`, params: { code: "too_big" } });
    return;
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) return void ctx.addIssue({ code: "custom", message: "must be a string or an object of language → string", params: { code: "invalid_type" } });
  const entries = Object.entries(v);
  if (!entries.some(([, s]) => typeof s === "string" && s.trim() !== "")) ctx.addIssue({ code: "custom", message: "needs at least one language", params: { code: "required" } });
  for (const [k, s] of entries) {
    if (!(FLOW_LOCALES as readonly string[]).includes(k)) ctx.addIssue({ code: "custom", path: [k], message: `is not a language (${FLOW_LOCALES.join(", ")})`, params: { code: "unknown_field" } });
    else if (typeof s !== "string") ctx.addIssue({ code: "custom", path: [k], message: "must be a string", params: { code: "invalid_type" } });
    else if (tooLong(s)) ctx.addIssue({ code: "custom", path: [k], message: `must be at most ${FLOW_LIMITS.string} characters`, params: { code: "too_big" } });
  }
}
export const FlowTextInput = z
  .unknown()
  .superRefine(textIssues)
  .openapi("FlowText", { type: "object", description: `A string in the flow's default language, or one per language: \`{ "en": "…", "he": "…" }\` (${FLOW_LOCALES.join(", ")})` });

// Conditions are recursive: checked by hand for precise paths, documented as an object.
const UNARY = ["is_empty", "not_empty", "is_true", "is_false"];
const COMPARE = ["equals", "not_equals", "gt", "gte", "lt", "lte", "in", "not_in"];
type Out = { path: (string | number)[]; message: string; code: string }[];
function conditionIssues(v: unknown, path: (string | number)[], out: Out, depth: number) {
  if (depth > FLOW_LIMITS.conditionDepth) return void out.push({ path, message: `is nested too deeply (at most ${FLOW_LIMITS.conditionDepth} levels)`, code: "too_deep" });
  if (!v || typeof v !== "object" || Array.isArray(v)) return void out.push({ path, message: "must be a condition object", code: "invalid_type" });
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  for (const group of ["all", "any"] as const) {
    if (!(group in o)) continue;
    if (keys.length !== 1) return void out.push({ path, message: `a group has only "${group}"`, code: "unknown_field" });
    const list = o[group];
    if (!Array.isArray(list) || list.length === 0 || list.length > FLOW_LIMITS.conditionItems) return void out.push({ path: [...path, group], message: `must be a list of 1–${FLOW_LIMITS.conditionItems} conditions`, code: "invalid_type" });
    for (const [i, c] of list.entries()) conditionIssues(c, [...path, group, i], out, depth + 1);
    return;
  }
  if ("not" in o) {
    if (keys.length !== 1) return void out.push({ path, message: 'a negation has only "not"', code: "unknown_field" });
    return conditionIssues(o.not, [...path, "not"], out, depth + 1);
  }
  for (const k of keys) if (!["field", "op", "value"].includes(k)) out.push({ path: [...path, k], message: "is not an accepted field", code: "unknown_field" });
  if (typeof o.field !== "string" || !FLOW_ID_RE.test(o.field)) out.push({ path: [...path, "field"], message: "must be a field id", code: "invalid_type" });
  if (UNARY.includes(o.op as string)) {
    if ("value" in o) out.push({ path: [...path, "value"], message: `is not used with ${String(o.op)}`, code: "unknown_field" });
    return;
  }
  if (!COMPARE.includes(o.op as string)) return void out.push({ path: [...path, "op"], message: `must be one of ${[...COMPARE, ...UNARY].join(", ")}`, code: "invalid_value" });
  const scalar = (x: unknown) => (typeof x === "string" && x.length <= 200) || (typeof x === "number" && Number.isFinite(x));
  const val = o.value;
  if (o.op === "in" || o.op === "not_in") {
    if (!Array.isArray(val) || val.length === 0 || val.length > FLOW_LIMITS.options || !val.every(scalar)) out.push({ path: [...path, "value"], message: "must be a list of strings or numbers", code: "invalid_type" });
  } else if (!(scalar(val) || typeof val === "boolean")) {
    out.push({ path: [...path, "value"], message: "must be a string, number or boolean", code: "invalid_type" });
  }
}
export const FlowConditionInput = z
  .unknown()
  .superRefine((v, ctx) => {
    const out: Out = [];
    conditionIssues(v, [], out, 0);
    for (const i of out) ctx.addIssue({ code: "custom", path: i.path, message: i.message, params: { code: i.code } });
  })
  .openapi("FlowCondition", { type: "object", description: "`{ all: [Condition] }`, `{ any: [Condition] }`, `{ not: Condition }`, `{ field, op, value }` (equals, not_equals, gt, gte, lt, lte, in, not_in) or `{ field, op }` (is_empty, not_empty, is_true, is_false)" });

const OptionInput = z.strictObject({ id: Id, label: FlowTextInput });
const FieldInput = z.strictObject({
  id: Id,
  type: z.enum(FIELD_TYPES),
  label: FlowTextInput,
  help: FlowTextInput.optional(),
  required: z.boolean().optional(),
  showIf: FlowConditionInput.optional(),
  prefill: z.enum(PREFILL_KEYS).optional(),
  options: z.array(OptionInput).max(FLOW_LIMITS.options).optional(),
  maxLength: z.number().int().min(1).max(FLOW_LIMITS.string).optional(),
  min: Amount.optional(),
  max: Amount.optional(),
  currency: Currency.optional(),
  period: z.enum(["month", "year"]).optional(),
  minAge: z.number().int().min(0).max(150).optional(),
  maxAge: z.number().int().min(0).max(150).optional(),
  when: z.enum(["past", "future"]).optional(),
  country: Country.optional(),
  mobileOnly: z.boolean().optional(),
  accept: z.array(z.enum(FILE_TYPES)).max(FILE_TYPES.length).optional(),
  maxBytes: z.number().int().min(1).max(FILE_MAX_BYTES_CAP).optional(),
  maxFiles: z.number().int().min(1).max(20).optional(),
  document: Id.optional(),
});
const PaymentInput = z.strictObject({ purpose: z.enum(["deposit", "fee"]), currency: Currency.optional(), amount: Amount.optional(), amountField: Id.optional(), min: Amount.optional() });
const Settings = z
  .record(z.string().max(64), z.unknown())
  .refine((v) => JSON.stringify(v).length <= FLOW_LIMITS.settingsBytes, { message: `must be at most ${FLOW_LIMITS.settingsBytes} bytes of JSON`, params: { code: "too_big" } });
const StepInput = z.strictObject({
  id: Id,
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "must be a step kind like form, documents, payment, review"),
  title: FlowTextInput,
  help: FlowTextInput.optional(),
  helpUrl: Url.optional(),
  minutes: z.number().int().min(0).max(120).optional(),
  showIf: FlowConditionInput.optional(),
  fields: z.array(FieldInput).max(FLOW_LIMITS.fields).optional(),
  payment: PaymentInput.optional(),
  settings: Settings.optional(),
});
const ChecklistInput = z.strictObject({ id: Id, label: FlowTextInput, help: FlowTextInput.optional(), url: Url.optional() });

export const FlowDefinitionInput = z
  .strictObject({
    product: z.enum(PRODUCTS),
    title: FlowTextInput,
    description: FlowTextInput.optional(),
    defaultLanguage: Locale.optional(),
    languages: z.array(Locale).max(FLOW_LOCALES.length).optional(),
    currency: Currency.optional(),
    inactivityDays: z.number().int().min(1).max(365).optional(),
    reminderAfterHours: z.number().int().min(1).max(24 * 30).optional(),
    slaHours: z.number().int().min(1).max(24 * 60).optional(),
    steps: z.array(StepInput).max(FLOW_LIMITS.steps),
    welcome: z.array(ChecklistInput).max(FLOW_LIMITS.welcome).optional(),
  })
  .openapi("FlowDefinitionInput", { description: "A flow definition (src/modules/onboarding/flow/types.ts); plain strings are texts in the default language" });

type Input = z.infer<typeof FlowDefinitionInput>;
type FieldIn = z.infer<typeof FieldInput>;
type StepIn = z.infer<typeof StepInput>;

/** `["steps", 2, "type"]` → `steps.2.type` under `base` (the platform's dotted paths). */
export const joinPath = (base: string, path: readonly PropertyKey[]) => [base, ...path.map(String)].filter((s) => s !== "").join(".");

/** Zod issues → field issues under `base`; unknown keys are named one by one. */
export function flowZodIssues(err: ZodError, base: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const i of err.issues) {
    if (i.code === "unrecognized_keys") {
      for (const k of i.keys) out.push({ path: joinPath(base, [...i.path, k]), message: "is not an accepted field", code: "unknown_field" });
    } else {
      const code = i.code === "custom" ? String((i.params as { code?: string } | undefined)?.code ?? "invalid") : i.code;
      out.push({ path: joinPath(base, i.path), message: i.message, code });
    }
  }
  return out;
}

function normaliseText(v: unknown, lang: FlowLocale): Text {
  if (typeof v === "string") return { [lang]: clean(v.trim()) };
  const out: Text = {};
  for (const [k, s] of Object.entries(v as Record<string, string>)) if (s.trim() !== "") out[k] = clean(s.trim());
  return out;
}

function normaliseCondition(v: unknown): Condition {
  const o = v as Record<string, unknown>;
  if ("all" in o) return { all: (o.all as unknown[]).map(normaliseCondition) };
  if ("any" in o) return { any: (o.any as unknown[]).map(normaliseCondition) };
  if ("not" in o) return { not: normaliseCondition(o.not) };
  return ("value" in o ? { field: o.field, op: o.op, value: o.value } : { field: o.field, op: o.op }) as Condition;
}

function normaliseField(f: FieldIn, lang: FlowLocale): Field {
  const { label, help, showIf, options, accept, required, ...rest } = f;
  const out: Field = { ...rest, label: normaliseText(label, lang), required: required ?? false };
  if (help !== undefined) out.help = normaliseText(help, lang);
  if (showIf !== undefined) out.showIf = normaliseCondition(showIf);
  if (options !== undefined) out.options = options.map((o) => ({ id: o.id, label: normaliseText(o.label, lang) }));
  if (accept !== undefined) out.accept = [...new Set(accept)];
  return out;
}

function normaliseStep(s: StepIn, def: { lang: FlowLocale; currency: string }): Step {
  const { title, help, showIf, fields, payment, minutes, ...rest } = s;
  const out: Step = { ...rest, title: normaliseText(title, def.lang), minutes: minutes ?? 1, fields: (fields ?? []).map((f) => normaliseField(f, def.lang)) };
  if (help !== undefined) out.help = normaliseText(help, def.lang);
  if (showIf !== undefined) out.showIf = normaliseCondition(showIf);
  if (payment !== undefined) {
    const p: PaymentSpec = { purpose: payment.purpose, currency: payment.currency ?? def.currency };
    if (payment.amount !== undefined) p.amount = payment.amount;
    if (payment.amountField !== undefined) p.amountField = payment.amountField;
    if (payment.min !== undefined) p.min = payment.min;
    out.payment = p;
  }
  return out;
}

function normalise(d: Input): FlowDefinition {
  const lang = d.defaultLanguage ?? "en";
  const languages = [...new Set([lang, ...(d.languages ?? [])])];
  const currency = d.currency ?? "USD";
  const def: FlowDefinition = {
    product: d.product,
    title: normaliseText(d.title, lang),
    ...(d.description !== undefined ? { description: normaliseText(d.description, lang) } : {}),
    defaultLanguage: lang,
    languages,
    currency,
    inactivityDays: d.inactivityDays ?? 7,
    reminderAfterHours: d.reminderAfterHours ?? 24,
    slaHours: d.slaHours ?? 24,
    steps: d.steps.map((s) => normaliseStep(s, { lang, currency })),
    welcome: (d.welcome ?? []).map((w): ChecklistItem => {
      const item: ChecklistItem = { id: w.id, label: normaliseText(w.label, lang) };
      if (w.help !== undefined) item.help = normaliseText(w.help, lang);
      if (w.url !== undefined) item.url = w.url;
      return item;
    }),
  };
  return def;
}

/**
 * Validates and normalises a flow definition. Throws AppError validation_failed whose issues name
 * the field under `base`, e.g. `body.definition.steps.2.fields.0.type`.
 */
export function parseFlow(input: unknown, base = "body.definition"): FlowDefinition {
  const parsed = FlowDefinitionInput.safeParse(input);
  if (!parsed.success) {
    const issues = flowZodIssues(parsed.error, base);
    throw new AppError("validation_failed", `The flow definition is not valid: ${issues.slice(0, 5).map((i) => i.path).join(", ")}`, { issues });
  }
  return normalise(parsed.data);
}
