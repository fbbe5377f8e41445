import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateBic } from "./bic";
import { COUNTRY_CODES, isCountry } from "./countries";

describe("validateBic", () => {
  it.each([
    ["DEUTDEFF", "DE", null],
    ["DEUTDEFF500", "DE", "500"],
    ["NEDSZAJJXXX", "ZA", "XXX"],
    ["CHASUS33", "US", null],
    ["1234SESS", "SE", null],
    ["UBSWCHZH80A", "CH", "80A"],
  ])("%s is a BIC of %s", (bic, country, branch) => {
    expect(validateBic(bic)).toMatchObject({ valid: true, bic, country, branch, errors: [] });
  });

  it("cleans what was typed and marks test BICs", () => {
    expect(validateBic(" deut de ff ")).toMatchObject({ valid: true, bic: "DEUTDEFF" });
    expect(validateBic("ABCDGB20").test).toBe(true);
    expect(validateBic("ABCDGB2L").test).toBe(false);
  });

  it.each([
    ["", "bic_empty"],
    ["DEUTDEF", "bic_length"],
    ["DEUTDEFF5", "bic_length"],
    ["DEUTDEFF5000", "bic_length"],
    ["DEUT.DEFF", "bic_invalid_characters"],
    ["DEUT1EFF", "bic_country_format"],
    ["DEUTXXFF", "bic_unknown_country"],
    ["DEUTUKFF", "bic_unknown_country"],
  ])("%s: %s", (bic, code) => {
    const r = validateBic(bic);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.code)).toEqual([code]);
    expect(r.country).toBeNull();
  });
});

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split("");
const chars = (n: number) => fc.array(fc.constantFrom(...ALNUM), { minLength: n, maxLength: n }).map((a) => a.join(""));
const anyBic = fc.tuple(chars(4), fc.constantFrom(...COUNTRY_CODES), chars(2), fc.option(chars(3), { nil: undefined })).map(([i, c, l, b]) => `${i}${c}${l}${b ?? ""}`);

describe("properties", () => {
  it("a BIC of any real country is valid; another length or a made-up country is not", () => {
    fc.assert(
      fc.property(anyBic, fc.constantFrom(...ALNUM), fc.nat(), (bic, extra, at) => {
        expect(validateBic(bic)).toMatchObject({ valid: true, country: bic.slice(4, 6) });
        const i = at % (bic.length + 1);
        expect(validateBic(bic.slice(0, i) + extra + bic.slice(i)).valid).toBe(false);
        expect(validateBic(bic.slice(0, -1)).valid).toBe(false);
      }),
      { numRuns: 1000, seed: 3 },
    );
  });

  it("country codes that are not assigned are refused", () => {
    const unassigned = fc.tuple(fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"), fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ")).map(([a, b]) => a + b).filter((c) => !isCountry(c));
    fc.assert(
      fc.property(unassigned, (c) => {
        expect(validateBic(`DEUT${c}FF`).errors[0]?.code).toBe("bic_unknown_country");
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
