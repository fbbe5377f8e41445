/**
 * The reverse of parseMrz: lines of a zone from its fields, with every check digit computed.
 * Used by the property tests and by scripts/make-mrz-images.mjs (synthetic documents).
 */
import { checkDigit } from "./check-digit";
import { LAYOUT_BY_VARIANT, type RawField } from "./layouts";
import type { MrzVariant } from "./types";

export interface MrzSource {
  variant: MrzVariant;
  /** "P", "I", "ID", "AC", "V"… (padded with a filler). */
  documentCode: string;
  issuingState: string;
  surname: string;
  givenNames: string;
  /** TD1 and TD2 numbers longer than 9 characters use the overflow rule. */
  documentNumber: string;
  nationality: string;
  /** YYMMDD (fillers for unknown parts). */
  birthDate: string;
  sex: "M" | "F" | "<";
  /** YYMMDD; ignored for the French card. */
  expiryDate: string;
  optionalData?: string;
  optionalData2?: string;
}

const fill = (value: string, n: number) => (value.replace(/ /g, "<") + "<".repeat(n)).slice(0, n);

export function composeMrz(src: MrzSource): string[] {
  const layout = LAYOUT_BY_VARIANT[src.variant];
  const grid = Array.from({ length: layout.lines }, () => Array<string>(layout.length).fill("<"));
  const put = (name: RawField, value: string) => {
    const span = layout.fields[name];
    if (!span) return;
    const row = grid[span.line] as string[];
    const text = fill(value, span.end - span.start);
    for (let i = 0; i < text.length; i++) row[span.start + i] = text[i] as string;
  };
  const overflow = !!layout.numberOverflow && src.documentNumber.length > 9;
  const optional = overflow ? `${src.documentNumber.slice(9)}${checkDigit(src.documentNumber)}<${src.optionalData ?? ""}` : (src.optionalData ?? "");
  put("documentCode", src.documentCode);
  put("issuingState", src.issuingState);
  put("name", `${src.surname}<<${src.givenNames}`);
  put("surname", src.surname);
  put("givenNames", src.givenNames.replace(/ /g, "<<"));
  put("documentNumber", src.documentNumber);
  put("nationality", src.nationality);
  put("birthDate", src.birthDate);
  put("sex", src.sex);
  put("expiryDate", src.expiryDate);
  put("optionalData", optional);
  put("optionalData2", src.optionalData2 ?? "");
  for (const check of layout.checks) {
    const row = grid[check.line] as string[];
    const covered = check.over.map((s) => (grid[s.line] as string[]).slice(s.start, s.end).join("")).join("");
    if (check.field === "documentNumber" && overflow) row[check.pos] = "<";
    else if (check.fillerIfEmpty && /^<*$/.test(covered)) row[check.pos] = "<";
    else row[check.pos] = String(checkDigit(covered));
  }
  return grid.map((r) => r.join(""));
}
