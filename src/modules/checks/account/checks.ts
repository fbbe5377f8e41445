/**
 * The account and contact checks behind POST /checks/iban, /checks/bic, /checks/phone and
 * /checks/email: each returns what was understood, `valid`, and every problem with a stable code
 * and an English message (the flow's customer-facing messages live in onboarding/flow/messages.ts).
 */
import type { CountryCode } from "libphonenumber-js/core";
import fullPlans from "libphonenumber-js/max/metadata";
import { type BicCode, validateBic } from "./bic";
import { countryName } from "./countries";
import { type EmailCode, emailProblem } from "./email";
import { isDisposableEmail } from "./disposable";
import { type IbanCode, validateIban } from "./iban";
import { type PhoneCode, type PhoneType, readPhone } from "./phone";

export interface CheckError {
  code: string;
  message: string;
}

type Params = Record<string, string | number> | undefined;
const fill = (text: string, params: Params) => text.replace(/\{(\w+)\}/g, (_, k: string) => (k === "country" && typeof params?.[k] === "string" ? `${countryName(params[k] as string, "en")} (${params[k]})` : String(params?.[k] ?? "")));

const MESSAGES: Record<IbanCode | BicCode | PhoneCode | EmailCode | "disposable_email", string> = {
  iban_empty: "No IBAN was given.",
  iban_invalid_characters: "An IBAN is 2 letters, 2 check digits and up to 30 letters or digits.",
  iban_unknown_country: "{country} is not a country of the SWIFT IBAN registry.",
  iban_wrong_length: "An IBAN of {country} has {length} characters.",
  iban_bban_format: "The account part does not have the structure the registry gives for {country}.",
  iban_checksum: "The check digits do not match (ISO 7064 MOD 97-10): a character is wrong or two are swapped.",
  bic_empty: "No BIC was given.",
  bic_length: "A BIC has 8 or 11 characters (this one has {length}).",
  bic_invalid_characters: "A BIC has only letters and digits.",
  bic_institution: "Characters 1-4 (the institution) must be letters or digits.",
  bic_country_format: "Characters 5-6 must be the letters of a country code.",
  bic_unknown_country: "{country} is not an ISO 3166-1 country code.",
  bic_location: "Characters 7-8 (the location) must be letters or digits.",
  bic_branch: "Characters 9-11 (the branch) must be letters or digits.",
  invalid_phone: "Not a phone number: give it with its +country code, or name the country.",
  phone_too_short: "Too short for a phone number of that country.",
  phone_too_long: "Too long for a phone number of that country.",
  phone_wrong_country: "Not a phone number of {country}.",
  phone_not_valid: "Not a valid number in the numbering plan of {country}.",
  phone_not_mobile: "Not a mobile number.",
  email_empty: "No email address was given.",
  invalid_email: "Not an email address (name@example.com).",
  email_too_long: "Too long for an email address (254 characters, 64 before the @).",
  disposable_email: "The domain is a disposable (throw-away) email service.",
};

const error = (code: keyof typeof MESSAGES, params?: Params): CheckError => ({ code, message: fill(MESSAGES[code], params) });

export function ibanCheck(input: string) {
  const r = validateIban(input);
  return { valid: r.valid, iban: r.iban, country: r.country, bban: r.bban, errors: r.errors.map((e) => error(e.code, e.params)) };
}

export function bicCheck(input: string) {
  const r = validateBic(input);
  return { ...r, errors: r.errors.map((e) => error(e.code, e.params)) };
}

/** Checked against the full numbering plans (metadata "max"): digits, country and type. */
export function phoneCheck(input: string, country?: string) {
  const r = readPhone(input, country ? { country: country as CountryCode } : {}, fullPlans);
  if (r.ok) return { valid: true, e164: r.value.e164, country: r.value.country, type: r.value.type, errors: [] as CheckError[] };
  return { valid: false, e164: null, country: country ?? null, type: null as PhoneType | null, errors: [error(r.problem.code, r.problem.params)] };
}

export function emailCheck(input: string) {
  const email = input.trim();
  const problem = emailProblem(email);
  const disposable = problem === null && isDisposableEmail(email);
  return { valid: problem === null, email, disposable, errors: problem ? [error(problem)] : [], warnings: disposable ? [error("disposable_email")] : [] };
}
