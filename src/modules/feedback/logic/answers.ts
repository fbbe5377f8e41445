/** Per-type validation of one answer (the same code runs on the server and in the respondent page). */
import type { Choice, Question } from "../definition/types";
import type { AnswerCheck } from "./api";

export type AnswerCode =
  | "invalid_type"
  | "out_of_range"
  | "unknown_choice"
  | "too_many"
  | "too_few"
  | "too_long"
  | "invalid_format"
  | "not_a_permutation";

const MAX_FIELD = 200;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE = /^[0-9\s+\-()]+$/;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** null, undefined, blank strings, [] and objects with no non-empty value are "no answer" (a skip). */
export function isEmptyAnswer(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") return v.trim() === "";
  if (typeof v === "number") return Number.isNaN(v);
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) {
    for (const key in v) if (!isEmptyAnswer(v[key])) return false;
    return true;
  }
  return false;
}

const fail = (code: AnswerCode, message: string): AnswerCheck => ({ ok: false, code, message });
const ok = (value: unknown): AnswerCheck => ({ ok: true, value });

function intIn(value: unknown, min: number, max: number): AnswerCheck {
  if (typeof value !== "number" || !Number.isInteger(value)) return fail("invalid_type", `must be a whole number from ${min} to ${max}`);
  if (value < min || value > max) return fail("out_of_range", `must be from ${min} to ${max}`);
  return ok(value);
}

function oneChoice(value: unknown, choices: Choice[]): AnswerCheck {
  if (typeof value !== "string") return fail("invalid_type", "must be a choice id (a string)");
  if (!choices.some((c) => c.id === value)) return fail("unknown_choice", `"${value}" is not one of the choices`);
  return ok(value);
}

function manyChoices(value: unknown, choices: Choice[], min?: number, max?: number): AnswerCheck {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return fail("invalid_type", "must be a list of choice ids");
  const ids = value as string[];
  const unknown = ids.find((id) => !choices.some((c) => c.id === id));
  if (unknown !== undefined) return fail("unknown_choice", `"${unknown}" is not one of the choices`);
  if (new Set(ids).size !== ids.length) return fail("invalid_format", "a choice is picked twice");
  if (min !== undefined && ids.length < min) return fail("too_few", `pick at least ${min}`);
  if (max !== undefined && ids.length > max) return fail("too_many", `pick at most ${max}`);
  return ok(ids);
}

function ranking(value: unknown, choices: Choice[]): AnswerCheck {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return fail("invalid_type", "must be a list of choice ids in ranked order");
  const ids = value as string[];
  const unknown = ids.find((id) => !choices.some((c) => c.id === id));
  if (unknown !== undefined) return fail("unknown_choice", `"${unknown}" is not one of the choices`);
  if (ids.length !== choices.length || new Set(ids).size !== ids.length) return fail("not_a_permutation", "must rank every choice exactly once");
  return ok(ids);
}

function matrix(value: unknown, rows: Choice[], columns: Choice[], multiple: boolean): AnswerCheck {
  if (!isPlainObject(value)) return fail("invalid_type", "must be an object of row id → column id");
  const out: Record<string, string | string[]> = {};
  for (const [row, cell] of Object.entries(value)) {
    if (!rows.some((r) => r.id === row)) return fail("unknown_choice", `"${row}" is not one of the rows`);
    if (isEmptyAnswer(cell)) continue;
    const checked = multiple ? manyChoices(cell, columns) : oneChoice(cell, columns);
    if (!checked.ok) return { ...checked, message: `row "${row}": ${checked.message}` };
    out[row] = checked.value as string | string[];
  }
  return ok(out);
}

function dateParts(s: string): number | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t;
}

/** True for a valid ISO calendar date "YYYY-MM-DD". */
export function isIsoDate(s: unknown): s is string {
  return typeof s === "string" && dateParts(s) !== null;
}

function isUrl(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

function isPhone(s: string): boolean {
  if (!PHONE.test(s)) return false;
  const digits = s.replace(/\D/g, "").length;
  return digits >= 6 && digits <= 20;
}

function text(value: unknown, format: string, maxLength: number): AnswerCheck {
  if (typeof value !== "string") return fail("invalid_type", "must be text");
  const s = value.trim();
  if ([...s].length > maxLength) return fail("too_long", `must be at most ${maxLength} characters`);
  if (format === "email" && !(s.length <= 254 && EMAIL.test(s))) return fail("invalid_format", "must be an email address");
  if (format === "phone" && !isPhone(s)) return fail("invalid_format", "must be a phone number (6–20 digits)");
  if (format === "number" && !(NUMBER.test(s) && Number.isFinite(Number(s)))) return fail("invalid_format", "must be a number");
  if (format === "url" && !isUrl(s)) return fail("invalid_format", "must be an http(s) link");
  return ok(s);
}

function fields(value: unknown, allowed: readonly string[]): AnswerCheck {
  if (!isPlainObject(value)) return fail("invalid_type", "must be an object");
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!allowed.includes(key)) return fail("invalid_type", `"${key}" is not a field of this question`);
    if (raw === null || raw === undefined) continue;
    if (typeof raw !== "string") return fail("invalid_type", `"${key}" must be text`);
    const s = raw.trim();
    if (s === "") continue;
    if ([...s].length > MAX_FIELD) return fail("too_long", `"${key}" must be at most ${MAX_FIELD} characters`);
    if (key === "email" && !(s.length <= 254 && EMAIL.test(s))) return fail("invalid_format", `"${key}" must be an email address`);
    if (key === "phone" && !isPhone(s)) return fail("invalid_format", `"${key}" must be a phone number (6–20 digits)`);
    out[key] = s;
  }
  return ok(out);
}

/**
 * Checks a NON-empty answer against its question (call isEmptyAnswer first: an empty answer is a
 * skip and is returned as `{ ok: true, value: null }`). The value comes back normalised.
 */
export function checkAnswer(question: Question, value: unknown): AnswerCheck {
  if (isEmptyAnswer(value)) return ok(null);
  switch (question.type) {
    case "nps":
      return intIn(value, 0, 10);
    case "csat":
      return intIn(value, 1, 5);
    case "ces":
      return intIn(value, 1, 7);
    case "rating":
      return intIn(value, 1, question.points);
    case "single":
    case "dropdown":
      return oneChoice(value, question.choices);
    case "multi":
      return manyChoices(value, question.choices, question.minChoices, question.maxChoices);
    case "picture":
      return question.multiple ? manyChoices(value, question.choices) : oneChoice(value, question.choices);
    case "ranking":
      return ranking(value, question.choices);
    case "matrix":
      return matrix(value, question.rows, question.columns, question.multiple);
    case "text":
      return text(value, question.format, question.maxLength);
    case "date": {
      if (typeof value !== "string") return fail("invalid_type", "must be a date (YYYY-MM-DD)");
      const s = value.trim();
      if (!isIsoDate(s)) return fail("invalid_format", "must be a valid date (YYYY-MM-DD)");
      if ((question.min && s < question.min) || (question.max && s > question.max)) {
        return fail("out_of_range", `must be between ${question.min ?? "…"} and ${question.max ?? "…"}`);
      }
      return ok(s);
    }
    case "consent":
      return typeof value === "boolean" ? ok(value) : fail("invalid_type", "must be true or false");
    case "statement":
      return fail("invalid_type", "a statement takes no answer");
    case "file": {
      if (!isPlainObject(value) || Object.keys(value).some((k) => k !== "fileId")) return fail("invalid_type", 'must be { "fileId": … }');
      const id = value.fileId;
      if (typeof id !== "string" || !UUID.test(id)) return fail("invalid_format", "fileId must be an uploaded file's id");
      return ok({ fileId: id.toLowerCase() });
    }
    case "contact":
      return fields(value, question.fields);
    case "address":
      return fields(value, question.fields);
    default:
      return fail("invalid_type", "unknown question type");
  }
}
