/**
 * IBAN (ISO 13616): every country of the SWIFT IBAN registry with its IBAN length and BBAN
 * structure, and the ISO 7064 MOD 97-10 check. No dependency: shared by the server (the
 * /checks/iban route, answers of iban fields) and the customer's application page.
 *
 * REGISTRY is SWIFT's "BBAN structure" column in short form: `4a` = 4 letters (A-Z), `3n` = 3
 * digits, `12c` = 12 letters or digits; the number after the country is the IBAN length.
 * Source: SWIFT IBAN Registry release 103 (89 countries; Brazil's bank code became alphanumeric).
 * A country added to the registry is one more entry here and one more example in iban.test.ts.
 */
const REGISTRY =
  "AD24 4n4n12c|AE23 3n16n|AL28 8n16c|AT20 5n11n|AZ28 4a20c|BA20 3n3n8n2n|BE16 3n7n2n|BG22 4a4n2n8c|BH22 4a14c|" +
  "BI27 5n5n11n2n|BR29 8c5n10n1a1c|BY28 4c4n16c|CH21 5n12c|CR22 4n14n|CY28 3n5n16c|CZ24 4n6n10n|DE22 8n10n|" +
  "DJ27 5n5n11n2n|DK18 4n9n1n|DO28 4c20n|EE20 2n14n|EG29 4n4n17n|ES24 4n4n1n1n10n|FI18 3n11n|FK18 2a12n|FO18 4n9n1n|" +
  "FR27 5n5n11c2n|GB22 4a6n8n|GE22 2a16n|GI23 4a15c|GL18 4n9n1n|GR27 3n4n16c|GT28 4c20c|HN28 4a20n|HR21 7n10n|" +
  "HU28 3n4n1n15n1n|IE22 4a6n8n|IL23 3n3n13n|IQ23 4a3n12n|IS26 4n2n6n10n|IT27 1a5n5n12c|JO30 4a4n18c|KW30 4a22c|" +
  "KZ20 3n13c|LB28 4n20c|LC32 4a24c|LI21 5n12c|LT20 5n11n|LU20 3n13c|LV21 4a13c|LY25 3n3n15n|MC27 5n5n11c2n|" +
  "MD24 2c18c|ME22 3n13n2n|MK19 3n10c2n|MN20 4n12n|MR27 5n5n11n2n|MT31 4a5n18c|MU30 4a2n2n12n3n3a|NI28 4a20n|" +
  "NL18 4a10n|NO15 4n6n1n|OM23 3n16c|PK24 4a16c|PL28 8n16n|PS29 4a21c|PT25 4n4n11n2n|QA29 4a21c|RO24 4a16c|" +
  "RS22 3n13n2n|RU33 9n5n15c|SA24 2n18c|SC31 4a2n2n16n3a|SD18 2n12n|SE24 3n16n1n|SI19 5n8n2n|SK24 4n6n10n|" +
  "SM27 1a5n5n12c|SO23 4n3n12n|ST25 4n4n11n2n|SV28 4a20n|TL23 3n14n2n|TN24 2n3n13n2n|TR26 5n1n16c|UA29 6n19c|" +
  "VA22 3n15n|VG24 4a16n|XK20 4n10n2n|YE30 4a4n18c";

export interface IbanCountry {
  country: string;
  length: number;
  /** The BBAN structure in the registry's short form, e.g. "4a6n8n". */
  bban: string;
  pattern: RegExp;
}

const CLASS: Record<string, string> = { a: "[A-Z]", n: "[0-9]", c: "[A-Z0-9]" };

export const IBAN_COUNTRIES: ReadonlyMap<string, IbanCountry> = new Map(
  REGISTRY.split("|").map((entry): [string, IbanCountry] => {
    const country = entry.slice(0, 2);
    const [len, bban] = entry.slice(2).split(" ") as [string, string];
    const source = bban.replace(/(\d+)([anc])/g, (_, n: string, k: string) => `${CLASS[k]}{${n}}`);
    return [country, { country, length: Number(len), bban, pattern: new RegExp(`^${source}$`) }];
  }),
);

/** Territories whose accounts carry their parent's IBAN prefix (the registry's "includes" column). */
export const IBAN_PREFIX_OF: Readonly<Record<string, string>> = {
  AX: "FI",
  ...Object.fromEntries(["GF", "GP", "MQ", "RE", "PF", "TF", "YT", "NC", "BL", "MF", "PM", "WF"].map((c) => [c, "FR"])),
  ...Object.fromEntries(["IM", "JE", "GG"].map((c) => [c, "GB"])),
};

/** The IBAN prefix for a country's accounts, or null when it has no IBAN. */
export function ibanPrefixFor(country: string): string | null {
  const prefix = IBAN_PREFIX_OF[country] ?? country;
  return IBAN_COUNTRIES.has(prefix) ? prefix : null;
}

export type IbanCode = "iban_empty" | "iban_invalid_characters" | "iban_unknown_country" | "iban_wrong_length" | "iban_bban_format" | "iban_checksum";
export interface IbanProblem {
  code: IbanCode;
  params?: Record<string, string | number>;
}
export interface IbanResult {
  valid: boolean;
  /** Electronic format: no spaces, upper case (what was typed, cleaned, even when not valid). */
  iban: string;
  country: string | null;
  bban: string | null;
  errors: IbanProblem[];
}

/** As typed (spaces, dashes, dots, lower case, a leading "IBAN") → electronic format. */
export function normaliseIban(s: string): string {
  const compact = s.replace(/[\s\u00a0\u2000-\u200b\u202f._-]/g, "").toUpperCase();
  return /^IBAN:?[A-Z]{2}\d{2}/.test(compact) ? compact.replace(/^IBAN:?/, "") : compact;
}

/** ISO 7064 MOD 97-10 over the rearranged IBAN (country and check digits moved to the end). */
export function ibanMod97(iban: string): number {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    if (code >= 65) rest = (rest * 100 + (code - 55)) % 97;
    else rest = (rest * 10 + (code - 48)) % 97;
  }
  return rest;
}

/** The two check digits that make `country + ?? + bban` valid. */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - ibanMod97(`${country}00${bban}`)).padStart(2, "0");
}

/** Every problem of an IBAN as typed; `valid` when there is none. */
export function validateIban(input: string): IbanResult {
  const iban = normaliseIban(input);
  const out = (errors: IbanProblem[], country: string | null = null, bban: string | null = null): IbanResult => ({ valid: errors.length === 0, iban, country, bban, errors });
  if (iban === "") return out([{ code: "iban_empty" }]);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban) || iban.length > 34) return out([{ code: "iban_invalid_characters" }]);
  const country = iban.slice(0, 2);
  const spec = IBAN_COUNTRIES.get(country);
  if (!spec) return out([{ code: "iban_unknown_country", params: { country } }]);
  const bban = iban.slice(4);
  if (iban.length !== spec.length) return out([{ code: "iban_wrong_length", params: { country, length: spec.length } }], country);
  const errors: IbanProblem[] = [];
  if (!spec.pattern.test(bban)) errors.push({ code: "iban_bban_format", params: { country } });
  if (ibanMod97(iban) !== 1) errors.push({ code: "iban_checksum" });
  return out(errors, country, bban);
}

/** True for a valid IBAN in electronic format. */
export const checkIban = (iban: string): boolean => validateIban(iban).valid && iban === normaliseIban(iban);
