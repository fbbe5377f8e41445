import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jaro, jaroWinkler } from "./jaro";
import { checkScreeningName, normaliseName } from "./normalise";
import { phoneticKeys, skeleton } from "./phonetic";

describe("Jaro-Winkler", () => {
  it("gives the published values (Winkler 1990; Wikipedia)", () => {
    expect(jaroWinkler("MARTHA", "MARHTA")).toBeCloseTo(0.961, 3);
    expect(jaroWinkler("DWAYNE", "DUANE")).toBeCloseTo(0.84, 3);
    expect(jaroWinkler("DIXON", "DICKSONX")).toBeCloseTo(0.813, 3);
    expect(jaro("MARTHA", "MARHTA")).toBeCloseTo(0.944, 3);
    expect(jaro("CRATE", "TRACE")).toBeCloseTo(0.733, 3);
  });

  it("is 1 for equal strings, 0 for nothing in common or an empty side, and symmetric", () => {
    expect(jaroWinkler("laden", "laden")).toBe(1);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
    expect(jaroWinkler("", "abc")).toBe(0);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abcdefghij"), maxLength: 12 }), fc.string({ unit: fc.constantFrom(..."abcdefghij"), maxLength: 12 }), (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
        expect(s).toBeCloseTo(jaroWinkler(b, a), 12);
      }),
    );
  });

  it("grows its buffers for long strings (no stale flags between calls)", () => {
    const long = "a".repeat(200) + "b";
    expect(jaroWinkler(long, long.slice(0, 200))).toBeGreaterThan(0.99);
    expect(jaroWinkler("ab", "ba")).toBe(jaro("ab", "ba"));
  });
});

describe("normaliseName", () => {
  it("folds case, diacritics and punctuation; apostrophes join, hyphens separate", () => {
    expect(normaliseName("  MÜLLER-Lüdenscheidt, Hans ")).toEqual(["muller", "ludenscheidt", "hans"]);
    expect(normaliseName("Nguyễn Tấn Dũng")).toEqual(["nguyen", "tan", "dung"]);
    expect(normaliseName("Seán O'Brien")).toEqual(["sean", "obrien"]);
  });

  it("drops honorifics and titles in several languages, dotted abbreviations only with the dot", () => {
    expect(normaliseName("Dr. Ayman al-Zawahiri")).toEqual(["ayman", "zawahiri"]);
    expect(normaliseName("Sheikh Haji Omar")).toEqual(["omar"]);
    expect(normaliseName("Gen. Qasem Soleimani")).toEqual(["qasem", "soleimani"]);
    expect(normaliseName("Gen Li")).toEqual(["gen", "li"]);
    expect(normaliseName("Mr John Smith Jr")).toEqual(["john", "smith"]);
    expect(normaliseName("Rabbi Levi")).toEqual(["levi"]);
    expect(normaliseName("毛泽东先生")).toEqual(["mao", "zedong"]);
    expect(normaliseName("Sir")).toEqual(["sir"]);
  });

  it("keeps bin/abu as canonical particles, drops the article al, joins abd with its name", () => {
    expect(normaliseName("Usama ibn Laden")).toEqual(["usama", "bin", "laden"]);
    expect(normaliseName("Abou Bakr")).toEqual(["abu", "bakr"]);
    expect(normaliseName("Abdul Rahman")).toEqual(normaliseName("Abd al-Rahman"));
    expect(normaliseName("Abdelrahman")).toEqual(["abdrahman"]);
  });

  it("transliterates Cyrillic, Arabic, Hebrew and Chinese to Latin", () => {
    expect(normaliseName("Усама бен Ладен")).toEqual(["usama", "bin", "laden"]);
    expect(normaliseName("أسامة بن لادن")).toEqual(["asama", "bin", "ladn"]);
    expect(normaliseName("אוסאמה בן לאדן")).toEqual(["osama", "bin", "ladn"]);
    expect(normaliseName("مُحَمَّد")).toEqual(["muhammad"]);
    expect(normaliseName("القاعدة")).toEqual(["qada"]); // ʿayn next to alef is silent
    expect(normaliseName("习近平")).toEqual(["xi", "jinping"]);
    expect(normaliseName("習近平")).toEqual(["xi", "jinping"]);
    expect(normaliseName("Ωμέγα")).toEqual(["omega"]);
  });
});

describe("checkScreeningName", () => {
  it("refuses empty, over-long and letterless names, accepts names in any script", () => {
    expect(checkScreeningName("")).toMatch(/empty/);
    expect(checkScreeningName("   ")).toMatch(/empty/);
    expect(checkScreeningName("x".repeat(10_000))).toMatch(/300/);
    expect(checkScreeningName("!!! 123 ###")).toMatch(/letters/);
    expect(checkScreeningName("Иван Петров")).toBeNull();
    expect(checkScreeningName("李伟")).toBeNull();
    expect(checkScreeningName("محمد")).toBeNull();
  });
});

describe("phonetic keys", () => {
  it("agree for spelling variants and give consonant skeletons", () => {
    expect(phoneticKeys("mohammed").primary).toBe(phoneticKeys("muhammad").primary);
    expect(phoneticKeys("osama").primary).toBe(phoneticKeys("usama").primary);
    expect(phoneticKeys("123")).toEqual({ primary: "", alternate: "" });
    expect(skeleton("youssef")).toBe("ysf");
    expect(skeleton("muhammad")).toBe("mhmd");
  });
});
