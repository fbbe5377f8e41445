/** The result of reading a machine-readable zone (contract 1 of issue 5; see README.md beside this file). */
export type MrzFormat = "TD1" | "TD2" | "TD3";

/**
 * The layout actually recognised: ICAO's three sizes, the two machine-readable visa sizes
 * (MRV-A shares TD3's lines, MRV-B TD2's) and the French national identity card of 1988–2021 (2 × 36).
 */
export type MrzVariant = "td1" | "td2" | "td3" | "mrv-a" | "mrv-b" | "fr-id";

export type MrzSex = "M" | "F" | "X";

export interface MrzFields {
  /** Without fillers; a TD1/TD2 number longer than 9 characters is rebuilt from the optional data. */
  documentNumber: string | null;
  surname: string | null;
  /** Given names separated by single spaces; null when the holder has none. */
  givenNames: string | null;
  /** Three-letter code as printed without fillers ("D" for Germany); FRA for the French card. */
  nationality: string | null;
  issuingState: string | null;
  birthDate: string | null;
  /** Null on the French card of 1988–2021, whose zone has no expiry date. */
  expiryDate: string | null;
  sex: MrzSex | null;
  /** "P", "I", "ID", "AC", "V"… without the trailing filler. */
  documentCode: string | null;
  /** TD3 personal number, TD2/visa optional data, TD1 first optional field (after any number overflow). */
  optionalData: string | null;
  /** TD1 only: the second optional field (line 2); the French card's administrative code. */
  optionalData2: string | null;
}

export interface MrzIssue {
  /** A field of `fields`, "composite" for the composite check digit, or "mrz" for the whole zone. */
  field: string;
  code: string;
}

export interface MrzCorrection {
  /** 1-based line and character position, as ICAO numbers them. */
  line: number;
  position: number;
  from: string;
  to: string;
  field: string;
}

export interface MrzResult {
  /** The structure is right and every check digit matches (warnings such as `expired` do not count). */
  valid: boolean;
  /** Null when the text is not recognisable as any machine-readable zone (then `errors` says why). */
  format: MrzFormat | null;
  variant: MrzVariant | null;
  fields: MrzFields;
  errors: MrzIssue[];
  warnings: MrzIssue[];
  corrections: MrzCorrection[];
  /** The lines as read after normalisation and corrections. */
  lines: string[];
}

export const EMPTY_FIELDS: Readonly<MrzFields> = Object.freeze({
  documentNumber: null,
  surname: null,
  givenNames: null,
  nationality: null,
  issuingState: null,
  birthDate: null,
  expiryDate: null,
  sex: null,
  documentCode: null,
  optionalData: null,
  optionalData2: null,
});
