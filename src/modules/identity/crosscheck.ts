/**
 * The document against the application: name, date of birth, nationality, expiry and age. Every
 * mismatch is a review reason for a person to look at, never a silent rejection: the outcome is
 * "pass" or "review". Names are compared tolerantly: any order, case, diacritics and scripts
 * (transliterated to Latin), ICAO spellings (Ü → UE), hyphens and apostrophes, middle names
 * missing on either side, names cut short by the MRZ, and close spellings (Mohammed, Muhammad).
 */
import { doubleMetaphone } from "double-metaphone";
import { jaroWinkler } from "../screening/jaro";
import { normaliseName } from "../screening/normalise";
import { alpha2Of } from "./countries";

/** The parts of a parsed MRZ the cross-check reads (structurally H1's MrzResult). */
export interface MrzLike {
  valid: boolean;
  format: "TD1" | "TD2" | "TD3" | null;
  fields: {
    documentNumber: string | null;
    surname: string | null;
    givenNames: string | null;
    nationality: string | null;
    issuingState: string | null;
    birthDate: string | null;
    expiryDate: string | null;
    sex: string | null;
    documentCode: string | null;
  };
  errors: { field: string; code: string }[];
}

export interface Applicant {
  /** The name the customer gave (answers) or the application's customer name. */
  name: string | null;
  /** "YYYY-MM-DD" */
  birthDate: string | null;
  /** ISO 3166-1 alpha-2 (or alpha-3) */
  nationality: string | null;
}

export const DOCUMENT_TYPES = ["passport", "id_card", "residence_permit"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export type ReasonCode =
  | "mrz_invalid"
  | "document_type_not_accepted"
  | "document_expired"
  | "expiry_unknown"
  | "name_mismatch"
  | "birth_date_mismatch"
  | "birth_date_unknown"
  | "nationality_mismatch"
  | "under_age";

export interface Reason {
  code: ReasonCode;
  /** English, for the reviewer. */
  message: string;
}

export interface CrossCheck {
  outcome: "pass" | "review";
  reasons: Reason[];
  documentType: DocumentType | null;
  age: number | null;
}

/** ICAO document codes: P… passport; I, A, C… identity cards; a second letter R marks a residence permit (IR, AR, CR). */
export function documentTypeOf(code: string | null | undefined): DocumentType | null {
  const c = (code ?? "").replace(/</g, "").toUpperCase();
  if (c.startsWith("P")) return "passport";
  if (/^[IAC]R/.test(c)) return "residence_permit";
  if (/^[IAC]/.test(c)) return "id_card";
  return null;
}

/** Whole years between a birth date and today (UTC). */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The name as Latin tokens, normalised exactly as screening does (transliteration, honorifics, particles). */
export function nameTokens(name: string | null | undefined): string[] {
  return normaliseName((name ?? "").replace(/</g, " "));
}

/** ICAO spells Ü, Ö, Ä as UE, OE, AE; transliteration gives U, O, A: one key for both. */
const icaoKey = (t: string) => t.replace(/([aou])e/g, "$1");

/** Arabic and Hebrew write few vowels: names from those scripts compare by their consonants ("mhmd" = "mohammed"). */
const skeleton = (t: string) =>
  t
    .replace(/ch|kh|ck|c|q/g, "k")
    .replace(/ph/g, "f")
    .replace(/[aeiouywh]/g, "")
    .replace(/(.)\1+/g, "$1");
const ABJAD = /[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f]/;

/** Two name tokens are the same name: equal (ICAO spelling aside), close, or the same sound and initial. */
export function sameToken(a: string, b: string, abjad = false): boolean {
  const x = icaoKey(a);
  const y = icaoKey(b);
  if (x === y) return true;
  if (abjad && skeleton(a) !== "" && skeleton(a) === skeleton(b)) return true;
  if (Math.min(x.length, y.length) >= 4 && jaroWinkler(x, y) >= 0.9) return true;
  if (x[0] !== y[0]) return false;
  const [p1, s1] = doubleMetaphone(x);
  const [p2, s2] = doubleMetaphone(y);
  return p1 !== "" && (p1 === p2 || p1 === s2 || s1 === p2);
}

/** The MRZ cuts long names: its last token may be the start of the real one. */
const covers = (mrzToken: string, token: string, last: boolean, abjad: boolean) => sameToken(mrzToken, token, abjad) || (last && mrzToken.length >= 3 && token.startsWith(mrzToken));

/**
 * The document's name and the applicant's agree when one side's tokens all appear on the other
 * (middle names may be missing on either side), the surname is among them, and at least two
 * tokens agree when both sides have two or more. Concatenated forms (ANNEMARIE) count too.
 */
export function namesAgree(surname: string | null, givenNames: string | null, applicantName: string | null): boolean {
  const sur = nameTokens(surname);
  const given = nameTokens(givenNames);
  const doc = [...sur, ...given];
  const app = nameTokens(applicantName);
  const abjad = ABJAD.test(applicantName ?? "");
  if (doc.length === 0 || app.length === 0) return false;
  const joined = (ts: string[]) => icaoKey(ts.join(""));
  const appJoined = joined(app);
  if ([joined([...given, ...sur]), joined([...sur, ...given])].some((d) => d === appJoined || (d.length >= 8 && jaroWinkler(d, appJoined) >= 0.95))) return true;
  const lastDoc = doc.length - 1;
  const used = new Set<number>();
  let agreed = 0;
  for (const token of app) {
    const i = doc.findIndex((d, n) => !used.has(n) && covers(d, token, n === lastDoc, abjad));
    if (i >= 0) {
      used.add(i);
      agreed++;
    }
  }
  const surnameSeen = sur.some((_, n) => used.has(n)) || sur.length === 0;
  const needed = Math.min(2, doc.length, app.length);
  const allOfOneSide = agreed === app.length || agreed === doc.length;
  return surnameSeen && agreed >= needed && allOfOneSide;
}

export interface CrossCheckOptions {
  today: Date;
  minAge: number;
  accepted: readonly DocumentType[];
}

/** The review reasons of one read document against the application. */
export function crossCheck(mrz: MrzLike, applicant: Applicant, opts: CrossCheckOptions): CrossCheck {
  const reasons: Reason[] = [];
  const add = (code: ReasonCode, message: string) => reasons.push({ code, message });
  const f = mrz.fields;
  if (!mrz.valid) add("mrz_invalid", `The MRZ did not validate (${mrz.errors.map((e) => `${e.field}: ${e.code}`).join(", ") || "check digits"})`);
  const documentType = documentTypeOf(f.documentCode);
  if (!documentType || !opts.accepted.includes(documentType)) add("document_type_not_accepted", `The document (${documentType ?? f.documentCode ?? "unknown type"}) is not one this step accepts (${opts.accepted.join(", ")})`);
  const today = isoDay(opts.today);
  if (!f.expiryDate) add("expiry_unknown", "The expiry date could not be read");
  else if (f.expiryDate < today) add("document_expired", `The document expired on ${f.expiryDate}`);
  if (!namesAgree(f.surname, f.givenNames, applicant.name)) add("name_mismatch", `The document's name (${[f.givenNames, f.surname].filter(Boolean).join(" ")}) differs from the application's (${applicant.name ?? "none"})`);
  let age: number | null = null;
  if (!f.birthDate) add("birth_date_unknown", "The date of birth could not be read");
  else {
    age = ageOn(f.birthDate, opts.today);
    if (applicant.birthDate && applicant.birthDate !== f.birthDate) add("birth_date_mismatch", `The document's date of birth (${f.birthDate}) differs from the application's (${applicant.birthDate})`);
    if (age < opts.minAge) add("under_age", `The applicant is ${age}, under the minimum age of ${opts.minAge}`);
  }
  const docCountry = alpha2Of(f.nationality);
  const appCountry = alpha2Of(applicant.nationality);
  if (appCountry && docCountry !== appCountry) add("nationality_mismatch", `The document's nationality (${f.nationality ?? "unknown"}) differs from the application's (${applicant.nationality})`);
  return { outcome: reasons.length ? "review" : "pass", reasons, documentType, age };
}

/** All but the last four characters hidden: "L898902C3" → "•••••02C3". */
export function maskNumber(n: string | null | undefined): string | null {
  const s = (n ?? "").replace(/</g, "");
  if (!s) return null;
  return s.length <= 4 ? "•".repeat(s.length) : `${"•".repeat(s.length - 4)}${s.slice(-4)}`;
}
