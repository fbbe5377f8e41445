import fc from "fast-check";
import { describe, expect, it } from "vitest";
import examples from "./fixtures/iban-registry-examples.json";
import { IBAN_COUNTRIES, ibanCheckDigits, ibanPrefixFor, normaliseIban, validateIban } from "./iban";

const DIGITS = "0123456789";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const classOf = (ch: string) => (DIGITS.includes(ch) ? DIGITS : LETTERS);
/** The same kind of character, but a different one (a typo the check digits must catch). */
const otherOf = (ch: string, pick: number) => {
  const pool = classOf(ch).replace(ch, "");
  return pool[pick % pool.length] as string;
};
const spaced = (s: string) => s.replace(/(.{4})/g, "$1 ").trim();

describe("the SWIFT IBAN registry examples", () => {
  it("cover exactly the registry's countries (release 103: 89)", () => {
    expect(examples.length).toBe(89);
    expect(examples.map((e) => e.slice(0, 2)).sort()).toEqual([...IBAN_COUNTRIES.keys()].sort());
  });

  it.each(examples)("%s is valid, in print format and in lower case too", (example) => {
    const country = example.slice(0, 2);
    expect(validateIban(example)).toEqual({ valid: true, iban: example, country, bban: example.slice(4), errors: [] });
    expect(example.length).toBe(IBAN_COUNTRIES.get(country)?.length);
    expect(validateIban(spaced(example).toLowerCase())).toMatchObject({ valid: true, iban: example });
    expect(validateIban(`IBAN ${spaced(example)}`).iban).toBe(example);
  });

  it.each(examples)("%s with one changed character fails", (example) => {
    for (let i = 2; i < example.length; i++) {
      const bad = example.slice(0, i) + otherOf(example[i] as string, i) + example.slice(i + 1);
      const r = validateIban(bad);
      expect(r.valid, bad).toBe(false);
      expect(r.errors.map((e) => e.code), bad).toContain(i < 4 ? "iban_checksum" : "iban_checksum");
    }
  });

  it.each(examples)("%s one character short or long fails on its length", (example) => {
    const length = example.length;
    expect(validateIban(example.slice(0, -1)).errors).toEqual([{ code: "iban_wrong_length", params: { country: example.slice(0, 2), length } }]);
    expect(validateIban(`${example}0`).errors[0]?.code).toBe("iban_wrong_length");
  });
});

describe("validateIban", () => {
  it("names each problem", () => {
    expect(validateIban("").errors).toEqual([{ code: "iban_empty" }]);
    expect(validateIban("DE89-3704.0044 0532 0130 00").valid).toBe(true);
    expect(validateIban("DE89 3704 0044 0532 0130 0€").errors).toEqual([{ code: "iban_invalid_characters" }]);
    expect(validateIban("1234567890").errors).toEqual([{ code: "iban_invalid_characters" }]);
    expect(validateIban(`DE89${"1".repeat(40)}`).errors).toEqual([{ code: "iban_invalid_characters" }]);
    expect(validateIban("US64SVBKUS6S3300958879").errors).toEqual([{ code: "iban_unknown_country", params: { country: "US" } }]);
    // Letters where the registry has digits: the structure is wrong even when MOD 97 happens to hold.
    const letters = `DE${ibanCheckDigits("DE", "37040044053201300A")}37040044053201300A`;
    expect(validateIban(letters).errors).toEqual([{ code: "iban_bban_format", params: { country: "DE" } }]);
    expect(validateIban("GB29 NWBK 6016 1331 9268 19").country).toBe("GB");
  });

  it("normalises as typed", () => {
    expect(normaliseIban(" gb29 nwbk\u00a06016-1331.9268 19 ")).toBe("GB29NWBK60161331926819");
    expect(normaliseIban("IBAN: GB29 NWBK 6016 1331 9268 19")).toBe("GB29NWBK60161331926819");
  });

  it("maps territories to their registry prefix", () => {
    expect(ibanPrefixFor("GP")).toBe("FR");
    expect(ibanPrefixFor("JE")).toBe("GB");
    expect(ibanPrefixFor("AX")).toBe("FI");
    expect(ibanPrefixFor("IL")).toBe("IL");
    expect(ibanPrefixFor("US")).toBeNull();
  });
});

/** A valid IBAN of any registry country, built from its BBAN structure. */
const anyIban = fc.constantFrom(...IBAN_COUNTRIES.values()).chain((spec) => {
  const parts = [...spec.bban.matchAll(/(\d+)([anc])/g)].map((m) => {
    const pool = m[2] === "n" ? DIGITS : m[2] === "a" ? LETTERS : DIGITS + LETTERS;
    return fc.array(fc.constantFrom(...pool), { minLength: Number(m[1]), maxLength: Number(m[1]) }).map((a) => a.join(""));
  });
  return fc.tuple(...parts).map((p) => {
    const bban = p.join("");
    return `${spec.country}${ibanCheckDigits(spec.country, bban)}${bban}`;
  });
});

describe("properties", () => {
  it("every generated IBAN is valid; any one-character typo of the same kind is not", () => {
    fc.assert(
      fc.property(anyIban, fc.nat(), fc.nat(), (iban, at, pick) => {
        expect(validateIban(iban).valid).toBe(true);
        const i = 2 + (at % (iban.length - 2));
        const bad = iban.slice(0, i) + otherOf(iban[i] as string, pick) + iban.slice(i + 1);
        expect(validateIban(bad).valid).toBe(false);
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it("swapping two different neighbouring digits is caught", () => {
    fc.assert(
      fc.property(anyIban, fc.nat(), (iban, at) => {
        const i = 4 + (at % (iban.length - 5));
        const [a, b] = [iban[i] as string, iban[i + 1] as string];
        fc.pre(a !== b && DIGITS.includes(a) && DIGITS.includes(b));
        expect(validateIban(iban.slice(0, i) + b + a + iban.slice(i + 2)).valid).toBe(false);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
