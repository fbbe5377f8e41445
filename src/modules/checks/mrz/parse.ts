/**
 * parseMrz: ICAO 9303 machine-readable zones (TD1, TD2, TD3, MRV-A, MRV-B and the French identity
 * card of 1988–2021) → fields, check-digit errors, warnings and OCR corrections.
 */
import { checkDigit } from "./check-digit";
import { mrzDate, todayIso } from "./dates";
import { detectLayout, type FieldKind, type Layout, type RawField, type Span } from "./layouts";
import { isKnownState } from "./states";
import { EMPTY_FIELDS, type MrzCorrection, type MrzFields, type MrzIssue, type MrzResult, type MrzSex } from "./types";

/**
 * OCR-B confusions, corrected only where a position may hold letters only or digits only.
 * O/0, I/1 and B/8 are the classic ones; S/5 and Z/2 are as close in OCR-B (and in the
 * readings tesseract gives of it), and just as unambiguous in a single-class position.
 */
const TO_LETTER: Record<string, string> = { "0": "O", "1": "I", "8": "B", "5": "S", "2": "Z" };
const TO_DIGIT: Record<string, string> = { O: "0", I: "1", B: "8", S: "5", Z: "2" };

export interface ParseOptions {
  /** "Today" for choosing date centuries and for the `expired` warning (default: now). */
  now?: Date;
}

export const MRZ_SHAPES = "3 lines of 30 characters (TD1), or 2 lines of 36 (TD2) or 44 (TD3)";

function notAnMrz(code: string, lines: string[]): MrzResult {
  return { valid: false, format: null, variant: null, fields: { ...EMPTY_FIELDS }, errors: [{ field: "mrz", code }], warnings: [], corrections: [], lines };
}

/** Upper case, no spaces, \r\n or \n between lines, blank lines dropped (never re-split). */
export function normaliseMrzText(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/\s+/g, "").toUpperCase())
    .filter((l) => l.length > 0);
}

export function parseMrz(text: string, opts: ParseOptions = {}): MrzResult {
  const now = opts.now ?? new Date();
  const input = typeof text === "string" ? normaliseMrzText(text) : [];
  if (input.length === 0) return notAnMrz("empty", []);
  if (!input.every((l) => /^[A-Z0-9<]+$/.test(l))) return notAnMrz("invalid_characters", input);
  const layout = detectLayout(input);
  if (!layout) return notAnMrz("unknown_format", input);

  const grid = input.map((l) => l.split(""));
  const corrections = correct(grid, layout);
  const lines = grid.map((l) => l.join(""));
  const errors: MrzIssue[] = [];
  const warnings: MrzIssue[] = [];
  const raw = (name: RawField): string | null => {
    const span = layout.fields[name];
    return span ? slice(lines, span) : null;
  };

  for (const name of ["documentCode", "issuingState", "nationality", "name", "surname", "givenNames"] as const) {
    const value = raw(name);
    const bad = value === null ? -1 : value.search(/[^A-Z<]/);
    if (value === null || bad < 0) continue;
    errors.push({ field: name === "name" ? namePart(value, bad) : name, code: "invalid_characters" });
  }
  const documentCode = raw("documentCode") ?? "";
  if (!/^[A-Z]/.test(documentCode)) errors.push({ field: "documentCode", code: "invalid_document_code" });

  const checks = verifyChecks(lines, layout, errors);
  const number = documentNumber(lines, layout, checks.numberOverflow, errors);

  const fields: MrzFields = { ...EMPTY_FIELDS };
  fields.documentCode = clean(documentCode);
  fields.issuingState = clean(raw("issuingState"));
  fields.nationality = layout.variant === "fr-id" ? fields.issuingState : clean(raw("nationality"));
  fields.documentNumber = number.value;
  fields.optionalData = number.optional !== undefined ? number.optional : clean(raw("optionalData"), true);
  fields.optionalData2 = clean(raw("optionalData2"), true);
  const name = raw("name");
  if (name !== null) Object.assign(fields, splitName(name));
  else {
    fields.surname = words(raw("surname"));
    fields.givenNames = words(raw("givenNames"));
  }
  fields.sex = sexOf(raw("sex"), errors);
  fields.birthDate = dateOf("birthDate", raw("birthDate"), "birth", now, errors, warnings);
  fields.expiryDate = dateOf("expiryDate", raw("expiryDate"), "expiry", now, errors, warnings);

  for (const field of ["issuingState", "nationality"] as const) {
    const code = fields[field];
    if (code && /^[A-Z]+$/.test(code) && !isKnownState(code)) warnings.push({ field, code: "unknown_state" });
  }
  if (fields.expiryDate && fields.expiryDate < todayIso(now)) warnings.push({ field: "expiryDate", code: "expired" });
  return { valid: errors.length === 0, format: layout.format, variant: layout.variant, fields, errors, warnings, corrections, lines };
}

const slice = (lines: string[], s: Span) => (lines[s.line] ?? "").slice(s.start, s.end);

/** Fillers removed at the end (`trailingOnly`) or everywhere; empty → null. */
function clean(value: string | null, trailingOnly = false): string | null {
  if (value === null) return null;
  const out = trailingOnly ? value.replace(/<+$/, "") : value.replace(/</g, "");
  return out.length > 0 ? out : null;
}

const words = (value: string | null): string | null => {
  const out = (value ?? "").replace(/<+/g, " ").trim();
  return out.length > 0 ? out : null;
};

/** Which part of a combined name field position `at` belongs to. */
const namePart = (value: string, at: number): "surname" | "givenNames" => {
  const split = value.indexOf("<<");
  return split >= 0 && at >= split ? "givenNames" : "surname";
};

/** "ERIKSSON<<ANNA<MARIA<<<" → surname ERIKSSON, given names ANNA MARIA. */
function splitName(value: string): { surname: string | null; givenNames: string | null } {
  const at = value.indexOf("<<");
  if (at < 0) return { surname: words(value), givenNames: null };
  return { surname: words(value.slice(0, at)), givenNames: words(value.slice(at + 2)) };
}

function correct(grid: string[][], layout: Layout): MrzCorrection[] {
  const out: MrzCorrection[] = [];
  const fix = (line: number, pos: number, kind: FieldKind, field: string) => {
    const row = grid[line];
    const ch = row?.[pos];
    if (!row || ch === undefined) return;
    const to = kind === "alpha" ? TO_LETTER[ch] : kind === "numeric" ? TO_DIGIT[ch] : undefined;
    if (!to) return;
    row[pos] = to;
    out.push({ line: line + 1, position: pos + 1, from: ch, to, field });
  };
  for (const [name, span] of Object.entries(layout.fields)) {
    for (let p = span.start; p < span.end; p++) fix(span.line, p, span.kind, name);
  }
  for (const check of layout.checks) fix(check.line, check.pos, "numeric", `${check.field}CheckDigit`);
  const name = layout.fields.name;
  if (name) {
    const value = (grid[name.line] ?? []).slice(name.start, name.end).join("");
    for (const c of out) if (c.field === "name") c.field = namePart(value, c.position - 1 - name.start);
  }
  return out.sort((a, b) => a.line - b.line || a.position - b.position);
}

/** Every check digit of the layout; reports which failed and whether the number overflows (TD1/TD2). */
function verifyChecks(lines: string[], layout: Layout, errors: MrzIssue[]): { numberOverflow: boolean } {
  let numberOverflow = false;
  for (const check of layout.checks) {
    const actual = lines[check.line]?.[check.pos] ?? "";
    const covered = check.over.map((s) => slice(lines, s)).join("");
    if (check.field === "documentNumber" && layout.numberOverflow && actual === "<") {
      numberOverflow = true;
      continue;
    }
    if (actual === "<" && check.fillerIfEmpty && /^<*$/.test(covered)) continue;
    if (!/^\d$/.test(actual) || Number(actual) !== checkDigit(covered)) errors.push({ field: check.field, code: "invalid_check_digit" });
  }
  return { numberOverflow };
}

/**
 * The document number; with the overflow rule (ICAO 9303 Parts 5 and 6) a filler in place of its
 * check digit means the number continues in the optional data, ended by its own check digit and a filler.
 */
function documentNumber(lines: string[], layout: Layout, overflow: boolean, errors: MrzIssue[]): { value: string | null; optional?: string | null } {
  const span = layout.fields.documentNumber;
  if (!span) return { value: null };
  const principal = slice(lines, span);
  const optSpan = layout.numberOverflow ? layout.fields[layout.numberOverflow.optional] : undefined;
  if (!overflow || !optSpan) return { value: clean(principal) };
  const opt = slice(lines, optSpan);
  const end = opt.indexOf("<");
  const tail = end < 0 ? opt : opt.slice(0, end);
  const rest = end < 0 ? "" : opt.slice(end + 1);
  if (tail.length < 2 || principal.includes("<")) {
    errors.push({ field: "documentNumber", code: "invalid_check_digit" });
    return { value: clean(principal + tail), optional: clean(rest, true) };
  }
  const full = principal + tail.slice(0, -1);
  const digit = tail.slice(-1);
  if (!/^\d$/.test(digit) || Number(digit) !== checkDigit(full)) errors.push({ field: "documentNumber", code: "invalid_check_digit" });
  return { value: full, optional: clean(rest.replace(/^<+/, ""), true) };
}

function sexOf(value: string | null, errors: MrzIssue[]): MrzSex | null {
  if (value === null) return null;
  if (value === "M" || value === "F") return value;
  if (value === "<" || value === "X") return "X";
  errors.push({ field: "sex", code: "invalid_sex" });
  return null;
}

function dateOf(field: "birthDate" | "expiryDate", value: string | null, kind: "birth" | "expiry", now: Date, errors: MrzIssue[], warnings: MrzIssue[]): string | null {
  if (value === null) return null;
  const d = mrzDate(value, kind, now);
  if ("iso" in d) return d.iso;
  if ("unknown" in d) warnings.push({ field, code: "date_unknown" });
  else errors.push({ field, code: "invalid_date" });
  return null;
}
