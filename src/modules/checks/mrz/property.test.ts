/**
 * Property tests: random valid zones of every layout (random fields, computed check digits) parse
 * valid and give the fields back; one digit changed in a dated field fails that field's check digit;
 * an OCR confusion in a single-class position is corrected, reported, and the zone stays valid.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeMrz, type MrzSource } from "./compose";
import { LAYOUT_BY_VARIANT } from "./layouts";
import { parseMrz } from "./parse";
import { knownStateCodes } from "./states";
import type { MrzVariant } from "./types";

const now = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const VARIANTS: MrzVariant[] = ["td1", "td2", "td3", "mrv-a", "mrv-b", "fr-id"];
const NAME_ROOM: Record<MrzVariant, number> = { td1: 30, td2: 31, td3: 39, "mrv-a": 39, "mrv-b": 31, "fr-id": 25 };
const OPTIONAL_ROOM: Record<MrzVariant, number> = { td1: 15, td2: 7, td3: 14, "mrv-a": 16, "mrv-b": 8, "fr-id": 0 };
const STATES = knownStateCodes();
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM = `${LETTERS}0123456789`;

const chars = (alphabet: string, min: number, max: number) => fc.array(fc.constantFrom(...alphabet.split("")), { minLength: min, maxLength: max }).map((a) => a.join(""));
const word = chars(LETTERS, 1, 9);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const yymmdd = (isoDate: string) => isoDate.slice(2).replace(/-/g, "");
/** A date between `from` and `to` (ISO) inclusive. */
const dateIn = (from: string, to: string) => fc.integer({ min: Date.parse(from) / DAY, max: Date.parse(to) / DAY }).map((d) => iso(new Date(d * DAY)));

interface Case {
  src: MrzSource;
  expected: Record<string, string | null>;
}

function caseFor(variant: MrzVariant): fc.Arbitrary<Case> {
  const fr = variant === "fr-id";
  const overflowable = variant === "td1" || variant === "td2";
  return fc
    .record({
      code: fr ? fc.constant("ID") : variant.startsWith("mrv") ? fc.constantFrom("V", "VI", "VB") : variant === "td3" ? fc.constantFrom("P", "PD", "PS") : fc.constantFrom("I", "ID", "AC", "IR", "C"),
      issuingState: fr ? fc.constant("FRA") : fc.constantFrom(...STATES),
      nationality: fc.constantFrom(...STATES),
      surname: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
      givenNames: fc.array(word, { minLength: fr ? 1 : 0, maxLength: fr ? 2 : 3 }).map((w) => w.join(" ")),
      number: fr ? chars(ALNUM, 12, 12) : overflowable ? chars(ALNUM, 1, 14) : chars(ALNUM, 1, 9),
      birth: dateIn("1927-12-01", iso(now)),
      expiry: dateIn("1977-01-01", "2076-01-01"),
      sex: fc.constantFrom("M", "F", "<") as fc.Arbitrary<"M" | "F" | "<">,
      optional: chars(ALNUM, 0, OPTIONAL_ROOM[variant]),
      optional2: variant === "td1" ? chars(ALNUM, 0, 11) : fc.constant(""),
    })
    .filter((r) => {
      const name = fr ? r.surname : `${r.surname}<<${r.givenNames}`;
      if (name.length > NAME_ROOM[variant]) return false;
      if (fr && r.givenNames.replace(/ /g, "<<").length > 14) return false;
      return true;
    })
    .map((r) => {
      const overflow = overflowable && r.number.length > 9;
      const src: MrzSource = {
        variant,
        documentCode: r.code,
        issuingState: r.issuingState,
        surname: r.surname,
        givenNames: r.givenNames,
        documentNumber: r.number,
        nationality: r.nationality,
        birthDate: yymmdd(r.birth),
        sex: r.sex,
        expiryDate: yymmdd(r.expiry),
        optionalData: overflow ? "" : r.optional,
        optionalData2: r.optional2,
      };
      const expected = {
        documentCode: r.code,
        issuingState: r.issuingState,
        nationality: fr ? "FRA" : r.nationality,
        surname: r.surname,
        givenNames: r.givenNames || null,
        documentNumber: r.number,
        birthDate: r.birth,
        expiryDate: fr ? null : r.expiry,
        sex: r.sex === "<" ? "X" : r.sex,
        optionalData: fr || overflow || r.optional === "" ? null : r.optional,
      };
      return { src, expected };
    });
}

const anyCase = fc.constantFrom(...VARIANTS).chain(caseFor);
const RUNS = { numRuns: 400, seed: 20261123 };

describe("random valid zones", () => {
  it("parse valid, in the right format, and give every field back", () => {
    fc.assert(
      fc.property(anyCase, ({ src, expected }) => {
        const r = parseMrz(composeMrz(src).join("\n"), { now });
        expect(r.errors).toEqual([]);
        expect(r.valid).toBe(true);
        expect(r.variant).toBe(src.variant);
        expect(r.format).toBe(LAYOUT_BY_VARIANT[src.variant].format);
        expect(r.corrections).toEqual([]);
        expect(r.fields).toMatchObject(expected);
      }),
      RUNS,
    );
  });

  it("one digit changed in a date (or its check digit) fails that date's check digit, named", () => {
    fc.assert(
      fc.property(anyCase, fc.constantFrom("birthDate", "expiryDate"), fc.nat(6), fc.integer({ min: 1, max: 9 }), ({ src }, field, offset, delta) => {
        const layout = LAYOUT_BY_VARIANT[src.variant];
        const span = layout.fields[field];
        const check = layout.checks.find((c) => c.field === field);
        if (!span || !check) return; // the French card has no expiry date
        const lines = composeMrz(src);
        const [line, pos] = offset < 6 ? [span.line, span.start + offset] : [check.line, check.pos];
        const row = lines[line] as string;
        const digit = String((Number(row[pos]) + delta) % 10);
        lines[line] = row.slice(0, pos) + digit + row.slice(pos + 1);
        const r = parseMrz(lines.join("\n"), { now });
        expect(r.valid).toBe(false);
        expect(r.errors).toContainEqual({ field, code: "invalid_check_digit" });
      }),
      RUNS,
    );
  });

  it("a digit changed in the document number fails its check digit (or the overflow's)", () => {
    fc.assert(
      fc.property(anyCase, fc.nat(), fc.integer({ min: 1, max: 9 }), ({ src }, pick, delta) => {
        const digits = [...src.documentNumber].map((ch, i) => (/\d/.test(ch) ? i : -1)).filter((i) => i >= 0);
        if (digits.length === 0) return;
        const at = digits[pick % digits.length] as number;
        const mutated = src.documentNumber.slice(0, at) + String((Number(src.documentNumber[at]) + delta) % 10) + src.documentNumber.slice(at + 1);
        // Same zone except the number, whose check digit is the original one.
        const good = composeMrz(src);
        const bad = composeMrz({ ...src, documentNumber: mutated });
        const layout = LAYOUT_BY_VARIANT[src.variant];
        const numberCheck = layout.checks.find((c) => c.field === "documentNumber");
        const overflow = src.documentNumber.length > 9 && !!layout.numberOverflow;
        if (!numberCheck || overflow) return;
        const row = bad[numberCheck.line] as string;
        bad[numberCheck.line] = row.slice(0, numberCheck.pos) + (good[numberCheck.line] as string)[numberCheck.pos] + row.slice(numberCheck.pos + 1);
        const r = parseMrz(bad.join("\n"), { now });
        expect(r.errors).toContainEqual({ field: "documentNumber", code: "invalid_check_digit" });
      }),
      RUNS,
    );
  });

  it("an OCR confusion in a letters-only or digits-only position is corrected and reported; the zone stays valid", () => {
    const TO_WRONG: Record<string, string> = { "0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", O: "0", I: "1", B: "8", S: "5", Z: "2" };
    fc.assert(
      fc.property(anyCase, fc.nat(), ({ src, expected }, pick) => {
        const layout = LAYOUT_BY_VARIANT[src.variant];
        const lines = composeMrz(src);
        const spots: Array<[number, number]> = [];
        for (const [name, span] of Object.entries(layout.fields)) {
          if (span.kind !== "alpha" && span.kind !== "numeric") continue;
          if (name === "documentCode" && span.start === 0) continue; // the layout is chosen by the first letters
          if (src.variant === "fr-id" && (name === "documentCode" || name === "issuingState")) continue;
          for (let p = span.start; p < span.end; p++) {
            const ch = (lines[span.line] as string)[p] as string;
            if (TO_WRONG[ch] && (span.kind === "alpha") === /[A-Z]/.test(ch)) spots.push([span.line, p]);
          }
        }
        if (spots.length === 0) return;
        const [line, pos] = spots[pick % spots.length] as [number, number];
        const row = lines[line] as string;
        const from = TO_WRONG[row[pos] as string] as string;
        lines[line] = row.slice(0, pos) + from + row.slice(pos + 1);
        const r = parseMrz(lines.join("\n"), { now });
        expect(r.valid).toBe(true);
        expect(r.fields).toMatchObject(expected);
        expect(r.corrections).toHaveLength(1);
        expect(r.corrections[0]).toMatchObject({ line: line + 1, position: pos + 1, from, to: row[pos] });
      }),
      RUNS,
    );
  });
});
