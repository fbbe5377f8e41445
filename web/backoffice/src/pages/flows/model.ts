/**
 * Pure edits of a flow definition for the flow editor. Every function returns a new definition
 * (React state is never mutated); field ids stay unique across the whole flow.
 */
import { CORE_STEP_KINDS, FLOW_LOCALES } from "../../../../../src/modules/onboarding/flow/types";
import type { FieldType, FlowDefinition, FlowField, FlowLocale, FlowStep, FlowText, StepKind } from "../../api/types";

export type Definition = FlowDefinition;

/** The first free id `prefix1`, `prefix2`… among `taken`. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function inLang(text: FlowText | undefined, lang: string): string {
  return text?.[lang] ?? "";
}

/** Sets one language of a text; an emptied language is dropped so it reads as "missing". */
export function withLang(text: FlowText | undefined, lang: string, value: string): FlowText {
  const next = { ...(text ?? {}) };
  if (value === "") delete next[lang];
  else next[lang] = value;
  return next;
}

/** The text in `lang`, else the default language, else any. */
export function textOf(text: FlowText | undefined, lang: string, fallback: string): string {
  return inLang(text, lang) || inLang(text, fallback) || Object.values(text ?? {})[0] || "";
}

export const allFieldIds = (def: Definition): string[] => def.steps.flatMap((s) => s.fields.map((f) => f.id));

/** A label for pickers: `id · label` in the language being edited. */
export function fieldLabel(f: FlowField, lang: string, fallback: string): string {
  const text = textOf(f.label, lang, fallback);
  return text ? `${f.id} · ${text.length > 50 ? `${text.slice(0, 47)}…` : text}` : f.id;
}

/**
 * The fields a condition may test: those of earlier steps, and (for a field) those before it in its
 * own step. `fieldIndex` undefined means the condition belongs to the step itself.
 */
export function earlierFields(def: Definition, stepIndex: number, fieldIndex?: number): FlowField[] {
  const out: FlowField[] = [];
  for (const [i, s] of def.steps.entries()) {
    if (i < stepIndex) out.push(...s.fields);
    else if (i === stepIndex && fieldIndex !== undefined) out.push(...s.fields.slice(0, fieldIndex));
  }
  return out;
}

/** A new field of `type` with the settings its type needs; the label is left to the analyst. */
export function blankField(type: FieldType, id: string, lang: string, optionName: (n: number) => string): FlowField {
  const base: FlowField = { id, type, label: {}, required: true };
  switch (type) {
    case "select":
      return { ...base, options: [1, 2].map((n) => ({ id: `o${n}`, label: { [lang]: optionName(n) } })) };
    case "checkbox":
      return { ...base, required: false };
    case "money":
      return { ...base, min: "0" };
    case "income":
      return { ...base, min: "0", period: "month" };
    case "file":
      return { ...base, accept: ["image/jpeg", "image/png", "application/pdf"], maxFiles: 1, document: "document" };
    default:
      return base;
  }
}

/** Changes a field's type: settings of the old type are dropped, those of the new one filled in. */
export function retypeField(f: FlowField, type: FieldType, lang: string, optionName: (n: number) => string): FlowField {
  const fresh = blankField(type, f.id, lang, optionName);
  return { ...fresh, label: f.label, help: f.help, required: type === "checkbox" ? f.required && f.type === "checkbox" : f.required, showIf: f.showIf, prefill: f.prefill };
}

/** The step kinds the editor offers: the core ones and the plugged-in identity and signature steps (src/modules/identity/step.ts, signing). */
export const EDITOR_STEP_KINDS = [...CORE_STEP_KINDS, "identity", "signature"] as const;

export const IDENTITY_DOCUMENTS = ["passport", "id_card", "residence_permit"] as const;
export type IdentityDocument = (typeof IDENTITY_DOCUMENTS)[number];
export interface IdentityStepSettings {
  documents: IdentityDocument[];
  selfie: boolean;
  minAge: number;
  maxAttempts: number;
}
/** The server's defaults (identity/step.ts IDENTITY_DEFAULTS). */
export const IDENTITY_DEFAULTS: IdentityStepSettings = { documents: [...IDENTITY_DOCUMENTS], selfie: false, minAge: 18, maxAttempts: 3 };

/** An identity step's settings with the defaults filled in, as the editor shows them. */
export function identitySettingsOf(step: FlowStep): IdentityStepSettings {
  const s = step.settings ?? {};
  const documents = Array.isArray(s.documents) ? IDENTITY_DOCUMENTS.filter((d) => (s.documents as unknown[]).includes(d)) : IDENTITY_DEFAULTS.documents;
  return {
    documents,
    selfie: s.selfie === true,
    minAge: typeof s.minAge === "number" ? s.minAge : IDENTITY_DEFAULTS.minAge,
    maxAttempts: typeof s.maxAttempts === "number" ? s.maxAttempts : IDENTITY_DEFAULTS.maxAttempts,
  };
}

/** Changes the step's kind: a payment gets its spec, an identity step its settings; other kinds drop both. */
export function withKind(step: FlowStep, kind: StepKind, currency: string): FlowStep {
  const { payment, settings, ...rest } = step;
  if (kind === "payment") return { ...rest, kind, payment: payment ?? { purpose: "fee", currency, amount: "10" } };
  if (kind === "identity") return { ...rest, kind, settings: step.kind === "identity" && settings ? settings : { ...IDENTITY_DEFAULTS, documents: [...IDENTITY_DEFAULTS.documents] } };
  if (kind === "signature") return { ...rest, kind, settings: step.kind === "signature" && settings ? settings : { documents: [] } };
  return { ...rest, kind };
}

export function blankStep(kind: StepKind, id: string, currency: string): FlowStep {
  return withKind({ id, kind: "form", title: {}, minutes: 1, fields: [] }, kind, currency);
}

export function updateStep(def: Definition, id: string, change: (s: FlowStep) => FlowStep): Definition {
  return { ...def, steps: def.steps.map((s) => (s.id === id ? change(s) : s)) };
}

export function updateField(def: Definition, stepId: string, fieldId: string, change: (f: FlowField) => FlowField): Definition {
  return updateStep(def, stepId, (s) => ({ ...s, fields: s.fields.map((f) => (f.id === fieldId ? change(f) : f)) }));
}

/** Moves one item of a list one place up or down (unchanged at either end). */
export function shift<T>(list: T[], at: number, delta: -1 | 1): T[] {
  const to = at + delta;
  if (at < 0 || to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(at, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function shiftStep(def: Definition, id: string, delta: -1 | 1): Definition {
  return { ...def, steps: shift(def.steps, def.steps.findIndex((s) => s.id === id), delta) };
}

export function shiftField(def: Definition, stepId: string, fieldId: string, delta: -1 | 1): Definition {
  return updateStep(def, stepId, (s) => ({ ...s, fields: shift(s.fields, s.fields.findIndex((f) => f.id === fieldId), delta) }));
}

export function addStep(def: Definition, kind: StepKind, after: string | null): { def: Definition; id: string } {
  const id = freshId(kind === "form" ? "step" : kind, def.steps.map((s) => s.id));
  const steps = [...def.steps];
  // After the selected step, but never after the review step (it must stay last).
  const review = steps.findIndex((s) => s.kind === "review");
  let at = after === null ? steps.length : steps.findIndex((s) => s.id === after) + 1;
  if (at <= 0) at = steps.length;
  if (review >= 0 && kind !== "review" && at > review) at = review;
  steps.splice(at, 0, blankStep(kind, id, def.currency));
  return { def: { ...def, steps }, id };
}

export function removeStep(def: Definition, id: string): Definition {
  return { ...def, steps: def.steps.filter((s) => s.id !== id) };
}

export function addField(def: Definition, stepId: string, type: FieldType, optionName: (n: number) => string): { def: Definition; id: string } {
  const id = freshId("field", allFieldIds(def));
  return { def: updateStep(def, stepId, (s) => ({ ...s, fields: [...s.fields, blankField(type, id, def.defaultLanguage, optionName)] })), id };
}

export function removeField(def: Definition, stepId: string, fieldId: string): Definition {
  return updateStep(def, stepId, (s) => ({ ...s, fields: s.fields.filter((f) => f.id !== fieldId) }));
}

/** Every translatable string of a definition with its path, in reading order. */
export function allTexts(def: Definition): { path: string; text: FlowText | undefined }[] {
  const out: { path: string; text: FlowText | undefined }[] = [
    { path: "title", text: def.title },
    { path: "description", text: def.description },
  ];
  for (const [i, s] of def.steps.entries()) {
    out.push({ path: `steps[${i}].title`, text: s.title }, { path: `steps[${i}].help`, text: s.help });
    for (const [j, f] of s.fields.entries()) {
      const p = `steps[${i}].fields[${j}]`;
      out.push({ path: `${p}.label`, text: f.label }, { path: `${p}.help`, text: f.help });
      for (const [k, o] of (f.options ?? []).entries()) out.push({ path: `${p}.options[${k}].label`, text: o.label });
    }
  }
  for (const [i, w] of def.welcome.entries()) out.push({ path: `welcome[${i}].label`, text: w.label }, { path: `welcome[${i}].help`, text: w.help });
  return out;
}

/** Paths of strings written in the default language but not in `lang`. */
export function missingIn(def: Definition, lang: string): string[] {
  if (lang === def.defaultLanguage) return [];
  return allTexts(def)
    .filter(({ text }) => inLang(text, def.defaultLanguage).trim() !== "" && inLang(text, lang).trim() === "")
    .map(({ path }) => `${path}.${lang}`);
}

/** Sets which languages the flow offers; the default language is always one of them. */
export function setLanguages(def: Definition, languages: FlowLocale[]): Definition {
  const set = new Set([...languages, def.defaultLanguage]);
  return { ...def, languages: FLOW_LOCALES.filter((l) => set.has(l)) };
}

/** A condition with every reference to field `from` pointing at `to`. */
function renameIn(c: FlowStep["showIf"], from: string, to: string): FlowStep["showIf"] {
  if (!c) return c;
  if ("all" in c) return { all: c.all.map((x) => renameIn(x, from, to) ?? x) };
  if ("any" in c) return { any: c.any.map((x) => renameIn(x, from, to) ?? x) };
  if ("not" in c) return { not: renameIn(c.not, from, to) ?? c.not };
  return c.field === from ? { ...c, field: to } : c;
}

/** Renames a field and the conditions and payment amounts that refer to it (a taken id is refused). */
export function renameField(def: Definition, from: string, to: string): Definition | null {
  if (from === to) return def;
  if (allFieldIds(def).includes(to)) return null;
  return {
    ...def,
    steps: def.steps.map((s) => ({
      ...s,
      showIf: renameIn(s.showIf, from, to),
      payment: s.payment?.amountField === from ? { ...s.payment, amountField: to } : s.payment,
      fields: s.fields.map((f) => ({ ...f, id: f.id === from ? to : f.id, showIf: renameIn(f.showIf, from, to) })),
    })),
  };
}

/** Renames a step (a taken id is refused). */
export function renameStep(def: Definition, from: string, to: string): Definition | null {
  if (from === to) return def;
  if (def.steps.some((s) => s.id === to)) return null;
  return { ...def, steps: def.steps.map((s) => (s.id === from ? { ...s, id: to } : s)) };
}
