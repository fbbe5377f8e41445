import fc from "fast-check";
import { type CountryCode, getCountries, getExampleNumber } from "libphonenumber-js/core";
import examples from "libphonenumber-js/examples.mobile.json";
import full from "libphonenumber-js/max/metadata";
import lengths from "libphonenumber-js/min/metadata";
import { describe, expect, it } from "vitest";
import { phoneType, readPhone } from "./phone";

const code = (r: ReturnType<typeof readPhone>) => (r.ok ? null : r.problem.code);
const e164 = (r: ReturnType<typeof readPhone>) => (r.ok ? r.value.e164 : `refused: ${r.problem.code}`);

describe("readPhone", () => {
  it("reads numbers as typed into E.164", () => {
    expect(e164(readPhone("+972 (50) 765-4321", {}, lengths))).toBe("+972507654321");
    expect(e164(readPhone("00972 50 765 4321", {}, lengths))).toBe("+972507654321");
    expect(e164(readPhone("050-765-4321", { country: "IL" }, lengths))).toBe("+972507654321");
    expect(e164(readPhone("+886 912 345 678", {}, full))).toBe("+886912345678");
    expect(e164(readPhone("(202) 555-0143", { country: "US" }, lengths))).toBe("+12025550143");
  });

  it("says what is wrong", () => {
    expect(code(readPhone("050-765-4321", {}, lengths))).toBe("invalid_phone");
    expect(code(readPhone("+972 50 abc", {}, lengths))).toBe("invalid_phone");
    expect(code(readPhone("+999 123 4567", {}, lengths))).toBe("invalid_phone");
    expect(code(readPhone("+972 50 76", {}, lengths))).toBe("phone_too_short");
    expect(code(readPhone("+972 50 765 4321 12345", {}, lengths))).toBe("phone_too_long");
    expect(readPhone("+44 20 7946 0958", { country: "IL" }, lengths)).toEqual({ ok: false, problem: { code: "phone_wrong_country", params: { country: "IL" } } });
    expect(code(readPhone("1".repeat(41), {}, lengths))).toBe("invalid_phone");
  });

  it("tells mobiles from fixed lines with the full metadata only", () => {
    expect(code(readPhone("03-555-1234", { country: "IL", mobileOnly: true }, lengths, full))).toBe("phone_not_mobile");
    expect(code(readPhone("03-555-1234", { country: "IL", mobileOnly: true }, lengths))).toBeNull();
    expect(code(readPhone("+972 50 765 4321", { mobileOnly: true }, lengths, full))).toBeNull();
    expect(phoneType("+97235551234", full)).toBe("fixed_line");
    expect(phoneType("+97235551234", lengths)).toBeNull();
  });

  it("checks the digits against the numbering plan with the full metadata", () => {
    // Right length for Israel, but a range the plan does not allocate.
    expect(code(readPhone("+972 51 123 4567", {}, lengths))).toBeNull();
    expect(readPhone("+972 51 123 4567", {}, full)).toEqual({ ok: false, problem: { code: "phone_not_valid", params: { country: "IL" } } });
  });
});

const countries = getCountries(full).filter((c) => getExampleNumber(c, examples as never, full));
const anyExample = fc.constantFrom(...countries).map((c) => ({ country: c as CountryCode, number: getExampleNumber(c, examples as never, full) as NonNullable<ReturnType<typeof getExampleNumber>> }));

describe("properties (libphonenumber-js's example mobile number of every country)", () => {
  it("international, national and spaced forms read to the same E.164, a mobile by the full plans", () => {
    fc.assert(
      fc.property(anyExample, ({ country, number }) => {
        const want = number.number;
        expect(e164(readPhone(number.formatInternational(), {}, full))).toBe(want);
        expect(e164(readPhone(number.formatNational(), { country }, full))).toBe(want);
        expect(e164(readPhone(want.replace(/^\+/, "00"), {}, lengths))).toBe(want);
        const r = readPhone(want, { mobileOnly: true }, lengths, full);
        expect(r.ok && ["mobile", "fixed_line_or_mobile"].includes(r.value.type ?? "")).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("too many digits are refused; a number of one country is refused for another", () => {
    fc.assert(
      fc.property(anyExample, fc.constantFrom(...countries), ({ country, number }, other) => {
        expect(readPhone(`${number.number}12345678`, {}, lengths).ok).toBe(false);
        const otherCode = getExampleNumber(other, examples as never, full)?.countryCallingCode;
        fc.pre(otherCode !== number.countryCallingCode);
        expect(code(readPhone(number.number, { country: other as CountryCode }, lengths))).toBe("phone_wrong_country");
        expect(country).toBeTruthy();
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
