import { describe, expect, it } from "vitest";
import { checkDigit } from "./check-digit";
import { composeMrz, type MrzSource } from "./compose";
import { parseMrz } from "./parse";
import { isKnownState } from "./states";

/** A fixed "today" so century choices and `expired` do not move with the calendar. */
const now = new Date("2026-11-23T12:00:00Z");
const parse = (lines: string[]) => parseMrz(lines.join("\n"), { now });

// ICAO Doc 9303 specimens: Part 4 (TD3), Part 5 (TD1), Part 6 (TD2), Part 7 (MRV-A, MRV-B).
const ICAO_TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];
const ICAO_TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"];
const ICAO_TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"];
const ICAO_MRVA = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"];
const ICAO_MRVB = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"];
// Doc 9303 Part 11 Appendix D.2: a 12-character document number (overflow rule) in TD1 and TD2.
const D2_TD1 = ["I<UTOD23145890<7349<<<<<<<<<<<", "3407127M9507122UTO<<<<<<<<<<<2", "STEVENSON<<PETER<JOHN<<<<<<<<<"];
const D2_TD2 = ["I<UTOSTEVENSON<<PETER<JOHN<<<<<<<<<<", "D23145890<UTO3407127M95071227349<<<8"];
// The French identity card specimen (1988–2021), without and with the administrative code.
const FR_ID = ["IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "8806923102858CORINNE<<<<<<<6512068F6"];
const FR_ID_CODE = ["IDFRABERTHIER<<<<<<<<<<<<<<<<<92C001", "8806923102858CORINNE<<<<<<<6512068F8"];

const td3 = (over: Partial<MrzSource>) =>
  composeMrz({ variant: "td3", documentCode: "P", issuingState: "UTO", surname: "ERIKSSON", givenNames: "ANNA", documentNumber: "L898902C3", nationality: "UTO", birthDate: "740812", sex: "F", expiryDate: "300101", ...over });

const ANNA = { surname: "ERIKSSON", givenNames: "ANNA MARIA", nationality: "UTO", issuingState: "UTO", birthDate: "1974-08-12", expiryDate: "2012-04-15", sex: "F" };

describe("check digits (7-3-1)", () => {
  it("computes the specimen digits", () => {
    expect(checkDigit("L898902C3")).toBe(6);
    expect(checkDigit("740812")).toBe(2);
    expect(checkDigit("120415")).toBe(9);
    expect(checkDigit("ZE184226B<<<<<")).toBe(1);
    expect(checkDigit("D23145890734")).toBe(9);
    expect(checkDigit("<<<<")).toBe(0);
  });
});

describe("ICAO specimens", () => {
  it("TD3 passport", () => {
    const r = parse(ICAO_TD3);
    expect(r).toMatchObject({ valid: true, format: "TD3", variant: "td3", errors: [], corrections: [] });
    expect(r.fields).toMatchObject({ ...ANNA, documentNumber: "L898902C3", documentCode: "P", optionalData: "ZE184226B" });
    expect(r.warnings).toEqual([{ field: "expiryDate", code: "expired" }]);
  });

  it("TD1 card", () => {
    const r = parse(ICAO_TD1);
    expect(r).toMatchObject({ valid: true, format: "TD1", variant: "td1", errors: [] });
    expect(r.fields).toMatchObject({ ...ANNA, documentNumber: "D23145890", documentCode: "I", optionalData: null, optionalData2: null });
  });

  it("TD2 card", () => {
    const r = parse(ICAO_TD2);
    expect(r).toMatchObject({ valid: true, format: "TD2", variant: "td2", errors: [] });
    expect(r.fields).toMatchObject({ ...ANNA, documentNumber: "D23145890", documentCode: "I" });
  });

  it("MRV-A and MRV-B visas (no composite digit; XXX nationality; expiry 1996)", () => {
    for (const [lines, format, variant, optional] of [
      [ICAO_MRVA, "TD3", "mrv-a", "6ZE184226B"],
      [ICAO_MRVB, "TD2", "mrv-b", null],
    ] as const) {
      const r = parse([...lines]);
      expect(r).toMatchObject({ valid: true, format, variant, errors: [] });
      expect(r.fields).toMatchObject({ documentCode: "V", documentNumber: "L8988901C", nationality: "XXX", birthDate: "1940-09-07", expiryDate: "1996-12-10", sex: "F", optionalData: optional });
    }
  });

  it("document numbers longer than 9 characters (Part 11 Appendix D.2) in TD1 and TD2", () => {
    for (const lines of [D2_TD1, D2_TD2]) {
      const r = parse(lines);
      expect(r.errors).toEqual([]);
      expect(r.fields).toMatchObject({ documentNumber: "D23145890734", surname: "STEVENSON", givenNames: "PETER JOHN", birthDate: "1934-07-12", expiryDate: "1995-07-12", sex: "M", optionalData: null });
    }
    const broken = [D2_TD1[0]?.replace("7349", "7348") ?? "", D2_TD1[1] ?? "", D2_TD1[2] ?? ""];
    expect(parse(broken).errors).toContainEqual({ field: "documentNumber", code: "invalid_check_digit" });
  });

  it("French identity card, with and without the administrative code", () => {
    for (const [lines, code] of [
      [FR_ID, null],
      [FR_ID_CODE, "92C001"],
    ] as const) {
      const r = parse([...lines]);
      expect(r).toMatchObject({ valid: true, format: "TD2", variant: "fr-id", errors: [] });
      expect(r.fields).toMatchObject({ documentCode: "ID", issuingState: "FRA", nationality: "FRA", surname: "BERTHIER", givenNames: "CORINNE", documentNumber: "880692310285", birthDate: "1965-12-06", expiryDate: null, sex: "F", optionalData2: code });
    }
  });
});

describe("check-digit failures name the field", () => {
  it.each([
    ["documentNumber", 1, 9],
    ["birthDate", 1, 19],
    ["expiryDate", 1, 27],
    ["optionalData", 1, 42],
    ["composite", 1, 43],
  ])("TD3 %s", (field, line, pos) => {
    const lines = [...ICAO_TD3];
    const row = lines[line] as string;
    const digit = String((Number(row[pos]) + 1) % 10);
    lines[line] = row.slice(0, pos) + digit + row.slice(pos + 1);
    const r = parse(lines);
    expect(r.valid).toBe(false);
    // The composite digit covers the other digits, so it fails with them.
    const expected = field === "composite" ? [{ field, code: "invalid_check_digit" }] : [{ field, code: "invalid_check_digit" }, { field: "composite", code: "invalid_check_digit" }];
    expect(r.errors).toEqual(expected);
  });

  it("a filler for the personal-number check digit is right only when the number is empty", () => {
    const empty = td3({ optionalData: "" });
    expect(empty[1]?.slice(28, 43)).toBe("<".repeat(15));
    expect(parse(empty).errors).toEqual([]);
    const filled = [ICAO_TD3[0] as string, (ICAO_TD3[1] as string).replace("<<<<<10", "<<<<<<0")];
    expect(parse(filled).errors).toContainEqual({ field: "optionalData", code: "invalid_check_digit" });
  });
});

describe("dates", () => {
  it("puts birth dates in the past and expiry dates within 50 years", () => {
    const r = parse(td3({ birthDate: "261124", expiryDate: "770101" }));
    expect(r.errors).toEqual([]);
    expect(r.fields.birthDate).toBe("1926-11-24");
    expect(r.fields.expiryDate).toBe("1977-01-01");
    const young = parse(td3({ birthDate: "261123", expiryDate: "760101" }));
    expect(young.fields.birthDate).toBe("2026-11-23");
    expect(young.fields.expiryDate).toBe("2076-01-01");
  });

  it("refuses impossible dates and flags unknown parts", () => {
    const feb30 = parse(td3({ birthDate: "850230" }));
    expect(feb30.errors).toEqual([{ field: "birthDate", code: "invalid_date" }]);
    expect(feb30.valid).toBe(false);
    const unknownDay = parse(td3({ birthDate: "8501<<" }));
    expect(unknownDay.valid).toBe(true);
    expect(unknownDay.fields.birthDate).toBeNull();
    expect(unknownDay.warnings).toContainEqual({ field: "birthDate", code: "date_unknown" });
  });
});

describe("input tolerance", () => {
  it("accepts \\r\\n, spaces, lower case and blank lines", () => {
    const messy = `\r\n  ${ICAO_TD3[0]?.toLowerCase()}  \r\n\r\n${ICAO_TD3[1]?.replace("UTO", "U T O")}\r\n`;
    const r = parseMrz(messy, { now });
    expect(r.valid).toBe(true);
    expect(r.lines).toEqual(ICAO_TD3);
  });

  it("never joins or splits lines", () => {
    expect(parse([ICAO_TD3.join("")]).errors).toEqual([{ field: "mrz", code: "unknown_format" }]);
    expect(parse([...ICAO_TD3, ICAO_TD3[1] as string]).format).toBeNull();
  });

  it.each([
    ["", "empty"],
    ["  \n \r\n", "empty"],
    ["hello world", "unknown_format"],
    ["P<UTO€RIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", "invalid_characters"],
    ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", "unknown_format"],
    ["<".repeat(30), "unknown_format"],
  ])("not a zone: %j → %s", (text, code) => {
    const r = parseMrz(text, { now });
    expect(r).toMatchObject({ valid: false, format: null, errors: [{ field: "mrz", code }] });
    expect(Object.values(r.fields).every((v) => v === null)).toBe(true);
  });

  it("reports a bad sex, digits in a name and a missing document code", () => {
    const sex = parse([ICAO_TD3[0] as string, (ICAO_TD3[1] as string).replace("2F1204", "2Q1204")]);
    expect(sex.errors).toContainEqual({ field: "sex", code: "invalid_sex" });
    const digits = parse([(ICAO_TD3[0] as string).replace("ANNA", "AN3A"), ICAO_TD3[1] as string]);
    expect(digits.errors).toEqual([{ field: "givenNames", code: "invalid_characters" }]);
    const code = parse([`<<${(ICAO_TD3[0] as string).slice(2)}`, ICAO_TD3[1] as string]);
    expect(code.errors).toContainEqual({ field: "documentCode", code: "invalid_document_code" });
  });
});

describe("OCR corrections", () => {
  it("corrects O/0, I/1, B/8, S/5, Z/2 where a position holds one class only, and reports each", () => {
    const lines = ["P<UT0ERIKSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<", "L898902C36UT07408I22F12O4I59ZE184226B<<<<<IO"];
    const r = parse(lines);
    expect(r.valid).toBe(true);
    expect(r.lines).toEqual(ICAO_TD3);
    expect(r.fields).toMatchObject(ANNA);
    expect(r.corrections).toEqual([
      { line: 1, position: 5, from: "0", to: "O", field: "issuingState" },
      { line: 1, position: 12, from: "0", to: "O", field: "surname" },
      { line: 1, position: 24, from: "1", to: "I", field: "givenNames" },
      { line: 2, position: 13, from: "0", to: "O", field: "nationality" },
      { line: 2, position: 18, from: "I", to: "1", field: "birthDate" },
      { line: 2, position: 24, from: "O", to: "0", field: "expiryDate" },
      { line: 2, position: 26, from: "I", to: "1", field: "expiryDate" },
      { line: 2, position: 43, from: "I", to: "1", field: "optionalDataCheckDigit" },
      { line: 2, position: 44, from: "O", to: "0", field: "compositeCheckDigit" },
    ]);
  });

  it("never corrects the document number or optional data (letters and digits are both legal there)", () => {
    const r = parse([ICAO_TD3[0] as string, (ICAO_TD3[1] as string).replace("L898902C3", "L8989O2C3")]);
    expect(r.corrections).toEqual([]);
    expect(r.errors).toContainEqual({ field: "documentNumber", code: "invalid_check_digit" });
  });
});

describe("state codes", () => {
  it("accepts ISO codes, D, UTO and ICAO's organisations; warns on unknown ones", () => {
    for (const code of ["FRA", "D", "UTO", "EUE", "UNO", "UNA", "UNK", "XXA", "XXB", "XXC", "XXX", "GBD", "ISR", "CHN", "TWN"]) expect(isKnownState(code), code).toBe(true);
    const unknown = parse([(ICAO_TD3[0] as string).replace("UTO", "QQQ"), ICAO_TD3[1] as string]);
    expect(unknown.valid).toBe(true);
    expect(unknown.warnings).toContainEqual({ field: "issuingState", code: "unknown_state" });
  });

  it("agrees with the state list of the mrz package (a second, independent source)", async () => {
    const { states } = (await import("mrz")) as unknown as { states: Record<string, string> };
    const theirs = Object.keys(states).filter((c) => c !== "XXK");
    expect(theirs.length).toBeGreaterThan(250);
    expect(theirs.filter((c) => !isKnownState(c))).toEqual([]);
  });
});
