/**
 * Flow logic: conditions, visibility, per-field validation and progress. Pure TypeScript (its only
 * library is libphonenumber-js with the small "min" metadata), run by the server on every save and
 * by the customer page as the customer types, so both refuse the same values with the same codes.
 */
import type { MetadataJson } from "libphonenumber-js/core";
import phoneLengths from "libphonenumber-js/min/metadata";
import { validateBic } from "../../checks/account/bic";
import { isCountry } from "../../checks/account/countries";
import { emailProblem } from "../../checks/account/email";
import { readPhone } from "../../checks/account/phone";
import { ibanPrefixFor, validateIban } from "./iban";
import type { AddressValue, AnswerValue, Answers, Condition, Field, FlowDefinition, Step, Text } from "./types";

const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0) || v === false;

const num = (v: unknown): number | null => {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
};

/** True when the condition holds for these answers; a missing answer fails every comparison. */
export function evaluate(cond: Condition | undefined, answers: Answers): boolean {
  if (!cond) return true;
  if ("all" in cond) return cond.all.every((c) => evaluate(c, answers));
  if ("any" in cond) return cond.any.some((c) => evaluate(c, answers));
  if ("not" in cond) return !evaluate(cond.not, answers);
  const v = answers[cond.field];
  switch (cond.op) {
    case "is_empty":
      return isEmpty(v);
    case "not_empty":
      return !isEmpty(v);
    case "is_true":
      return v === true;
    case "is_false":
      return v !== true;
  }
  if (v === undefined || v === null) return false;
  const want = cond.value;
  switch (cond.op) {
    case "equals":
      return String(v) === String(want);
    case "not_equals":
      return String(v) !== String(want);
    case "in":
      return Array.isArray(want) && want.map(String).includes(String(v));
    case "not_in":
      return Array.isArray(want) && !want.map(String).includes(String(v));
    default: {
      const a = num(v);
      const b = num(want);
      if (a === null || b === null) return false;
      if (cond.op === "gt") return a > b;
      if (cond.op === "gte") return a >= b;
      if (cond.op === "lt") return a < b;
      return a <= b;
    }
  }
}

/** The steps this customer will see, in order. */
export const visibleSteps = (def: FlowDefinition, answers: Answers): Step[] => def.steps.filter((s) => evaluate(s.showIf, answers));

/** The fields of a step this customer sees (a field may depend on an earlier field of the same step). */
export const visibleFields = (step: Step, answers: Answers): Field[] => step.fields.filter((f) => evaluate(f.showIf, answers));

export function findField(def: FlowDefinition, id: string): { step: Step; field: Field } | null {
  for (const step of def.steps) {
    const field = step.fields.find((f) => f.id === id);
    if (field) return { step, field };
  }
  return null;
}

/** A field problem: a stable code plus the numbers or names its message needs. */
export interface FieldProblem {
  code: FieldCode;
  params?: Record<string, string | number>;
}
export type FieldCode =
  | "required"
  | "must_accept"
  | "too_long"
  | "invalid_email"
  | "invalid_phone"
  | "invalid_date"
  | "too_young"
  | "too_old"
  | "must_be_past"
  | "must_be_future"
  | "invalid_option"
  | "invalid_amount"
  | "too_small"
  | "too_large"
  | "invalid_iban"
  | "invalid_national_id"
  | "invalid_address"
  | "invalid_file"
  | "iban_unknown_country"
  | "iban_wrong_length"
  | "iban_bban_format"
  | "iban_checksum"
  | "iban_wrong_country"
  | "invalid_bic"
  | "bic_unknown_country"
  | "bic_wrong_country"
  | "invalid_country"
  | "phone_too_short"
  | "phone_too_long"
  | "phone_wrong_country"
  | "phone_not_valid"
  | "phone_not_mobile";

/**
 * What only the server has: the full phone metadata, to tell a mobile from a fixed line for
 * fields set to `mobileOnly` (the page cannot; the server's answer comes back on save).
 */
export interface CheckContext {
  phoneTypes?: MetadataJson;
}

export type Checked = { ok: true; value: AnswerValue | null } | { ok: false; problem: FieldProblem };

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COUNTRY = /^[A-Z]{2}$/;

const bad = (code: FieldCode, params?: FieldProblem["params"]): Checked => ({ ok: false, problem: params ? { code, params } : { code } });

function realDate(s: string): Date | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? d : null;
}

/** Whole years between a birth date and today. */
export function ageOn(birth: Date, today: Date): number {
  let age = today.getUTCFullYear() - birth.getUTCFullYear();
  const m = today.getUTCMonth() - birth.getUTCMonth();
  if (m < 0 || (m === 0 && today.getUTCDate() < birth.getUTCDate())) age -= 1;
  return age;
}

function checkAddress(v: unknown, field: Field): Checked {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return bad("invalid_address");
  const a = v as Record<string, unknown>;
  const str = (k: string, max: number) => (typeof a[k] === "string" ? (a[k] as string).trim().slice(0, max) : "");
  const out: AddressValue = { line1: str("line1", 200), city: str("city", 100), postcode: str("postcode", 20), country: str("country", 3).toUpperCase() };
  const line2 = str("line2", 200);
  if (line2) out.line2 = line2;
  if (!out.line1 || !out.city || !COUNTRY.test(out.country)) return bad("invalid_address");
  if (field.country && out.country !== field.country) return bad("invalid_address", { country: field.country });
  return { ok: true, value: out };
}

/** IBAN: the registry check (flow/iban.ts); the field's country, when set, must be the IBAN's. */
function checkIbanField(raw: unknown, field: Field): Checked {
  if (typeof raw !== "string") return bad("invalid_iban");
  const r = validateIban(raw);
  const first = r.errors[0];
  if (first) return first.code === "iban_empty" || first.code === "iban_invalid_characters" ? bad("invalid_iban") : bad(first.code, first.params);
  if (field.country && r.country !== ibanPrefixFor(field.country)) return bad("iban_wrong_country", { country: field.country });
  return { ok: true, value: r.iban };
}

function checkBicField(raw: unknown, field: Field): Checked {
  if (typeof raw !== "string") return bad("invalid_bic");
  const r = validateBic(raw);
  const first = r.errors[0];
  if (first) return first.code === "bic_unknown_country" ? bad("bic_unknown_country", first.params) : bad("invalid_bic");
  if (field.country && r.country !== field.country) return bad("bic_wrong_country", { country: field.country });
  return { ok: true, value: r.bic };
}

/**
 * Checks and normalises one value (trimmed text, IBAN and BIC without spaces in upper case, phone
 * numbers in E.164). An empty value passes here when the field is optional; `required` is reported
 * for empty values of required fields. `today` is the server's or the device's date, for ages and
 * past/future dates.
 */
export function checkField(field: Field, raw: unknown, today: Date, ctx: CheckContext = {}): Checked {
  const empty = raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "") || (Array.isArray(raw) && raw.length === 0);
  if (field.type === "checkbox") {
    if (raw !== undefined && raw !== null && typeof raw !== "boolean") return bad("required");
    if (field.required && raw !== true) return bad("must_accept");
    return { ok: true, value: raw === true };
  }
  if (empty) return field.required ? bad("required") : { ok: true, value: null };
  switch (field.type) {
    case "text":
    case "employer":
    case "national_id": {
      if (typeof raw !== "string") return bad("required");
      const s = raw.trim().replace(/\s+/g, " ");
      const max = field.maxLength ?? 200;
      if (s.length > max) return bad("too_long", { maximum: max });
      if (field.type === "national_id" && !/^[A-Za-z0-9-]{4,30}$/.test(s.replace(/ /g, ""))) return bad("invalid_national_id");
      return { ok: true, value: field.type === "national_id" ? s.replace(/ /g, "").toUpperCase() : s };
    }
    case "email": {
      if (typeof raw !== "string") return bad("invalid_email");
      return emailProblem(raw) === null ? { ok: true, value: raw.trim() } : bad("invalid_email");
    }
    case "phone": {
      if (typeof raw !== "string") return bad("invalid_phone");
      const r = readPhone(raw, { ...(field.country ? { country: field.country } : {}), ...(field.mobileOnly ? { mobileOnly: true } : {}) }, phoneLengths, ctx.phoneTypes);
      return r.ok ? { ok: true, value: r.value.e164 } : bad(r.problem.code, r.problem.params);
    }
    case "bic":
      return checkBicField(raw, field);
    case "country": {
      const s = typeof raw === "string" ? raw.trim().toUpperCase() : "";
      return isCountry(s) ? { ok: true, value: s } : bad("invalid_country");
    }
    case "date": {
      const d = typeof raw === "string" ? realDate(raw.trim()) : null;
      if (!d) return bad("invalid_date");
      const todayUtc = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
      if (field.minAge !== undefined || field.maxAge !== undefined) {
        if (d > todayUtc) return bad("must_be_past");
        const age = ageOn(d, todayUtc);
        if (field.minAge !== undefined && age < field.minAge) return bad("too_young", { minimum: field.minAge });
        if (field.maxAge !== undefined && age > field.maxAge) return bad("too_old", { maximum: field.maxAge });
      }
      if (field.when === "past" && d > todayUtc) return bad("must_be_past");
      if (field.when === "future" && d <= todayUtc) return bad("must_be_future");
      return { ok: true, value: (raw as string).trim() };
    }
    case "select": {
      const ok = typeof raw === "string" && (field.options ?? []).some((o) => o.id === raw);
      return ok ? { ok: true, value: raw as string } : bad("invalid_option");
    }
    case "money":
    case "income": {
      const s = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim().replace(/[,\s]/g, "") : "";
      if (!AMOUNT.test(s)) return bad("invalid_amount");
      const n = Number(s);
      if (field.min !== undefined && n < Number(field.min)) return bad("too_small", { minimum: field.min });
      if (field.max !== undefined && n > Number(field.max)) return bad("too_large", { maximum: field.max });
      return { ok: true, value: s };
    }
    case "iban":
      return checkIbanField(raw, field);
    case "address":
      return checkAddress(raw, field);
    case "file": {
      const ids = Array.isArray(raw) ? raw : null;
      if (!ids?.every((x) => typeof x === "string" && x.length <= 64)) return bad("invalid_file");
      if (ids.length > (field.maxFiles ?? 5)) return bad("invalid_file", { maximum: field.maxFiles ?? 5 });
      return { ok: true, value: ids as string[] };
    }
  }
  return bad("required");
}

/** The visible fields of a step that are missing or invalid, with their problems. */
export function stepProblems(step: Step, answers: Answers, today: Date, ctx: CheckContext = {}): Array<{ field: string; problem: FieldProblem }> {
  const out: Array<{ field: string; problem: FieldProblem }> = [];
  for (const f of visibleFields(step, answers)) {
    const r = checkField(f, answers[f.id], today, ctx);
    if (!r.ok) out.push({ field: f.id, problem: r.problem });
  }
  return out;
}

/** Where the customer is: the first visible step not completed, and the minutes left after it. */
export function progress(def: FlowDefinition, answers: Answers, completed: readonly string[]): { step: Step | null; index: number; total: number; minutesLeft: number } {
  const steps = visibleSteps(def, answers);
  const done = new Set(completed);
  const index = steps.findIndex((s) => !done.has(s.id));
  const remaining = index < 0 ? [] : steps.slice(index);
  return { step: index < 0 ? null : (steps[index] ?? null), index: index < 0 ? steps.length : index, total: steps.length, minutesLeft: remaining.reduce((n, s) => n + s.minutes, 0) };
}

/** A string in the wanted language, else the flow's default, else any. */
export function localize(text: Text | undefined, lang: string, fallback: string): string {
  if (!text) return "";
  return text[lang] ?? text[fallback] ?? Object.values(text)[0] ?? "";
}

/** Values of answers the customer removed by changing an earlier answer (hidden fields keep nothing). */
export function hiddenAnswerKeys(def: FlowDefinition, answers: Answers): string[] {
  const visible = new Set<string>();
  for (const s of visibleSteps(def, answers)) for (const f of visibleFields(s, answers)) visible.add(f.id);
  return Object.keys(answers).filter((k) => !visible.has(k));
}
