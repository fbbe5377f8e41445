/**
 * BIC (ISO 9362): 4 characters for the institution (letters or digits since ISO 9362:2014), the
 * country (a real ISO 3166-1 alpha-2 code, or XK), 2 for the location and an optional 3 for the
 * branch ("XXX" = the primary office). A "0" as the second location character marks a test BIC.
 * No dependency: shared by the server and the customer's application page.
 */
import { isCountry } from "./countries";

export type BicCode = "bic_empty" | "bic_length" | "bic_invalid_characters" | "bic_institution" | "bic_country_format" | "bic_unknown_country" | "bic_location" | "bic_branch";
export interface BicProblem {
  code: BicCode;
  params?: Record<string, string | number>;
}
export interface BicResult {
  valid: boolean;
  /** Cleaned: no spaces, upper case. */
  bic: string;
  country: string | null;
  institution: string | null;
  location: string | null;
  /** The branch code, or null for an 8-character BIC (the primary office). */
  branch: string | null;
  test: boolean;
  errors: BicProblem[];
}

export const normaliseBic = (s: string) => s.replace(/[\s\u00a0-]/g, "").toUpperCase();

export function validateBic(input: string): BicResult {
  const bic = normaliseBic(input);
  const result = (errors: BicProblem[]): BicResult => {
    const ok = errors.length === 0;
    return {
      valid: ok,
      bic,
      country: ok ? bic.slice(4, 6) : null,
      institution: ok ? bic.slice(0, 4) : null,
      location: ok ? bic.slice(6, 8) : null,
      branch: ok && bic.length === 11 ? bic.slice(8) : null,
      test: ok && bic[7] === "0",
      errors,
    };
  };
  if (bic === "") return result([{ code: "bic_empty" }]);
  if (!/^[A-Z0-9]+$/.test(bic)) return result([{ code: "bic_invalid_characters" }]);
  if (bic.length !== 8 && bic.length !== 11) return result([{ code: "bic_length", params: { length: bic.length } }]);
  const errors: BicProblem[] = [];
  const country = bic.slice(4, 6);
  if (!/^[A-Z0-9]{4}$/.test(bic.slice(0, 4))) errors.push({ code: "bic_institution" });
  if (!/^[A-Z]{2}$/.test(country)) errors.push({ code: "bic_country_format" });
  else if (!isCountry(country)) errors.push({ code: "bic_unknown_country", params: { country } });
  if (!/^[A-Z0-9]{2}$/.test(bic.slice(6, 8))) errors.push({ code: "bic_location" });
  if (bic.length === 11 && !/^[A-Z0-9]{3}$/.test(bic.slice(8))) errors.push({ code: "bic_branch" });
  return result(errors);
}
