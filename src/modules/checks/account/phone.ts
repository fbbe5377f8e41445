/**
 * Phone numbers with libphonenumber-js, read per country and stored in E.164. The metadata is a
 * parameter. Answers of phone fields are checked with the small "min" set (the lengths of each
 * country's numbers, ~19 KB gzipped, so the customer's page and the server agree): number plans
 * change faster than any copy of them, and the one-time code proves the number anyway. The full
 * "max" set is used where it matters: to tell a mobile from a fixed line (fields set to
 * `mobileOnly`, on the server) and by the /checks/phone route, which checks the digits against
 * the country's whole numbering plan.
 */
import { type CountryCode, getCountryCallingCode, isSupportedCountry, type MetadataJson, parsePhoneNumberFromString, validatePhoneNumberLength } from "libphonenumber-js/core";

export type PhoneCode = "invalid_phone" | "phone_too_short" | "phone_too_long" | "phone_wrong_country" | "phone_not_valid" | "phone_not_mobile";
export interface PhoneProblem {
  code: PhoneCode;
  params?: Record<string, string | number>;
}
/** What libphonenumber-js can tell of a number; null type when the metadata cannot say (min). */
export type PhoneType = "mobile" | "fixed_line" | "fixed_line_or_mobile" | "toll_free" | "premium_rate" | "shared_cost" | "voip" | "personal_number" | "pager" | "uan" | "voicemail";
export interface PhoneReading {
  e164: string;
  country: string | null;
  type: PhoneType | null;
}
export interface PhoneOptions {
  /** The country the number must belong to; numbers typed without +prefix are read as its numbers. */
  country?: string;
  mobileOnly?: boolean;
}
export type PhoneResult = { ok: true; value: PhoneReading } | { ok: false; problem: PhoneProblem };

const fail = (code: PhoneCode, country?: string | null): PhoneResult => ({ ok: false, problem: country ? { code, params: { country } } : { code } });

/** Reads a number as typed ("+972 (50) 123-4567", "050-1234567" with country IL, "00972…"). */
export function readPhone(raw: string, opts: PhoneOptions, metadata: MetadataJson, typing?: MetadataJson): PhoneResult {
  let s = raw.trim();
  if (s.length > 40 || !/^\+?[0-9\s().\-/\u00a0]+$/.test(s)) return fail("invalid_phone");
  s = s.replace(/^00/, "+");
  const country = opts.country && isSupportedCountry(opts.country as CountryCode, metadata) ? (opts.country as CountryCode) : undefined;
  if (!s.startsWith("+") && !country) return fail("invalid_phone");
  const length = validatePhoneNumberLength(s, country ? { defaultCountry: country } : {}, metadata);
  if (length === "TOO_SHORT") return fail("phone_too_short");
  if (length === "TOO_LONG") return fail("phone_too_long");
  if (length === "INVALID_COUNTRY" || length === "NOT_A_NUMBER") return fail("invalid_phone");
  const parsed = parsePhoneNumberFromString(s, country ? { defaultCountry: country } : {}, metadata);
  if (!parsed) return fail("invalid_phone");
  if (country && parsed.countryCallingCode !== getCountryCallingCode(country, metadata)) return fail("phone_wrong_country", country);
  if (country && parsed.country && parsed.country !== country) {
    // A calling code several countries share (+1, +590, +7…): the number must be one of this country's.
    const own = parsePhoneNumberFromString(parsed.nationalNumber, { defaultCountry: country }, metadata);
    if (!own?.isValid()) return fail("phone_wrong_country", country);
    return { ok: true, value: { e164: own.number, country, type: phoneType(own.number, typing ?? metadata) } };
  }
  if (length === "INVALID_LENGTH" || !parsed.isValid()) return parsed.country || country ? fail("phone_not_valid", parsed.country ?? country) : fail("invalid_phone");
  const type = phoneType(parsed.number, typing ?? metadata);
  if (opts.mobileOnly && type !== null && type !== "mobile" && type !== "fixed_line_or_mobile") return fail("phone_not_mobile");
  return { ok: true, value: { e164: parsed.number, country: parsed.country ?? null, type } };
}

/** The number's type by a metadata set (only "max" and "mobile" know types), or null. */
export function phoneType(e164: string, metadata: MetadataJson): PhoneType | null {
  return (parsePhoneNumberFromString(e164, metadata)?.getType()?.toLowerCase() ?? null) as PhoneType | null;
}
