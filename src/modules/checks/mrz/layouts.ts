/**
 * Where every field sits in each supported layout (0-based positions, end exclusive).
 * Sources: ICAO Doc 9303 Part 4 (TD3 passports), Part 5 (TD1), Part 6 (TD2), Part 7 (MRV-A/MRV-B
 * visas) and the French national identity card issued 1988–2021 (2 × 36, "IDFRA…").
 */
import type { MrzFormat, MrzVariant } from "./types";

export interface Span {
  line: number;
  start: number;
  end: number;
}

/**
 * How a position may be corrected: `alpha` holds only letters and fillers (names, state codes,
 * document code), `numeric` only digits and fillers (dates, check digits); `any` and `sex` are
 * never corrected, because there a letter and a digit are both legal.
 */
export type FieldKind = "alpha" | "numeric" | "any" | "sex";

export type RawField =
  | "documentCode"
  | "issuingState"
  | "name"
  | "surname"
  | "givenNames"
  | "documentNumber"
  | "nationality"
  | "birthDate"
  | "sex"
  | "expiryDate"
  | "optionalData"
  | "optionalData2";

export interface CheckSpec {
  /** The field the digit protects, as named in errors ("composite" for the composite digit). */
  field: string;
  line: number;
  pos: number;
  over: Span[];
  /** The digit may be a filler when every character it covers is a filler (TD3 personal number). */
  fillerIfEmpty?: boolean;
}

export interface Layout {
  variant: MrzVariant;
  format: MrzFormat;
  lines: number;
  length: number;
  fields: Partial<Record<RawField, Span & { kind: FieldKind }>>;
  checks: CheckSpec[];
  /** TD1/TD2: a document number longer than 9 characters continues in the optional data. */
  numberOverflow?: { optional: RawField };
}

const f = (line: number, start: number, end: number, kind: FieldKind) => ({ line, start, end, kind });
const s = (line: number, start: number, end: number): Span => ({ line, start, end });

/** Line 1 of TD2/TD3/visas: document code, issuing state, name. */
const head = (length: number) => ({ documentCode: f(0, 0, 2, "alpha"), issuingState: f(0, 2, 5, "alpha"), name: f(0, 5, length, "alpha") });

/** Line 2 of TD2/TD3/visas up to the expiry check digit (identical in all four). */
const body = {
  documentNumber: f(1, 0, 9, "any"),
  nationality: f(1, 10, 13, "alpha"),
  birthDate: f(1, 13, 19, "numeric"),
  sex: f(1, 20, 21, "sex"),
  expiryDate: f(1, 21, 27, "numeric"),
};
const bodyChecks: CheckSpec[] = [
  { field: "documentNumber", line: 1, pos: 9, over: [s(1, 0, 9)] },
  { field: "birthDate", line: 1, pos: 19, over: [s(1, 13, 19)] },
  { field: "expiryDate", line: 1, pos: 27, over: [s(1, 21, 27)] },
];

const TD3: Layout = {
  variant: "td3",
  format: "TD3",
  lines: 2,
  length: 44,
  fields: { ...head(44), ...body, optionalData: f(1, 28, 42, "any") },
  checks: [
    ...bodyChecks,
    { field: "optionalData", line: 1, pos: 42, over: [s(1, 28, 42)], fillerIfEmpty: true },
    { field: "composite", line: 1, pos: 43, over: [s(1, 0, 10), s(1, 13, 20), s(1, 21, 43)] },
  ],
};

const TD2: Layout = {
  variant: "td2",
  format: "TD2",
  lines: 2,
  length: 36,
  fields: { ...head(36), ...body, optionalData: f(1, 28, 35, "any") },
  checks: [...bodyChecks, { field: "composite", line: 1, pos: 35, over: [s(1, 0, 10), s(1, 13, 20), s(1, 21, 35)] }],
  numberOverflow: { optional: "optionalData" },
};

const TD1: Layout = {
  variant: "td1",
  format: "TD1",
  lines: 3,
  length: 30,
  fields: {
    documentCode: f(0, 0, 2, "alpha"),
    issuingState: f(0, 2, 5, "alpha"),
    documentNumber: f(0, 5, 14, "any"),
    optionalData: f(0, 15, 30, "any"),
    birthDate: f(1, 0, 6, "numeric"),
    sex: f(1, 7, 8, "sex"),
    expiryDate: f(1, 8, 14, "numeric"),
    nationality: f(1, 15, 18, "alpha"),
    optionalData2: f(1, 18, 29, "any"),
    name: f(2, 0, 30, "alpha"),
  },
  checks: [
    { field: "documentNumber", line: 0, pos: 14, over: [s(0, 5, 14)] },
    { field: "birthDate", line: 1, pos: 6, over: [s(1, 0, 6)] },
    { field: "expiryDate", line: 1, pos: 14, over: [s(1, 8, 14)] },
    { field: "composite", line: 1, pos: 29, over: [s(0, 5, 30), s(1, 0, 7), s(1, 8, 15), s(1, 18, 29)] },
  ],
  numberOverflow: { optional: "optionalData" },
};

/** Machine-readable visas: no composite digit, optional data to the end of line 2. */
const MRV_A: Layout = { variant: "mrv-a", format: "TD3", lines: 2, length: 44, fields: { ...head(44), ...body, optionalData: f(1, 28, 44, "any") }, checks: bodyChecks };
const MRV_B: Layout = { variant: "mrv-b", format: "TD2", lines: 2, length: 36, fields: { ...head(36), ...body, optionalData: f(1, 28, 36, "any") }, checks: bodyChecks };

/**
 * French national identity card (1988–2021): surname on line 1 with a 6-character administrative
 * code, a 12-character card number (issue year+month, department, sequence), given names, birth
 * date and sex on line 2; no expiry date and no nationality field (the issuing state is FRA).
 */
const FR_ID: Layout = {
  variant: "fr-id",
  format: "TD2",
  lines: 2,
  length: 36,
  fields: {
    documentCode: f(0, 0, 2, "alpha"),
    issuingState: f(0, 2, 5, "alpha"),
    surname: f(0, 5, 30, "alpha"),
    optionalData2: f(0, 30, 36, "any"),
    documentNumber: f(1, 0, 12, "any"),
    givenNames: f(1, 13, 27, "alpha"),
    birthDate: f(1, 27, 33, "numeric"),
    sex: f(1, 34, 35, "sex"),
  },
  checks: [
    { field: "documentNumber", line: 1, pos: 12, over: [s(1, 0, 12)] },
    { field: "birthDate", line: 1, pos: 33, over: [s(1, 27, 33)] },
    { field: "composite", line: 1, pos: 35, over: [s(0, 0, 36), s(1, 0, 35)] },
  ],
};

export const LAYOUTS = { TD1, TD2, TD3, MRV_A, MRV_B, FR_ID } as const;

export const LAYOUT_BY_VARIANT: Record<MrzVariant, Layout> = { td1: TD1, td2: TD2, td3: TD3, "mrv-a": MRV_A, "mrv-b": MRV_B, "fr-id": FR_ID };

/** The layout for these lines, decided by line count and length, then by the document code. */
export function detectLayout(lines: string[]): Layout | null {
  const n = lines.length;
  const len = lines[0]?.length ?? 0;
  if (!lines.every((l) => l.length === len)) return null;
  if (n === 3 && len === 30) return TD1;
  if (n !== 2) return null;
  const visa = lines[0]?.startsWith("V") ?? false;
  if (len === 44) return visa ? MRV_A : TD3;
  if (len === 36) {
    if (lines[0]?.startsWith("IDFRA")) return FR_ID;
    return visa ? MRV_B : TD2;
  }
  return null;
}
