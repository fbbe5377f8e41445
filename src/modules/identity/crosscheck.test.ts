import { describe, expect, it } from "vitest";
import { alpha2Of } from "./countries";
import { type Applicant, ageOn, type CrossCheckOptions, crossCheck, documentTypeOf, type MrzLike, maskNumber, namesAgree } from "./crosscheck";

const TODAY = new Date("2026-11-23T10:00:00Z");

/** ICAO 9303's specimen passport (Anna Maria Eriksson of Utopia), with the dates moved so it is valid today. */
const mrz = (over: Partial<MrzLike["fields"]> = {}, valid = true): MrzLike => ({
  valid,
  format: "TD3",
  fields: {
    documentNumber: "L898902C3",
    surname: "ERIKSSON",
    givenNames: "ANNA MARIA",
    nationality: "SWE",
    issuingState: "SWE",
    birthDate: "1974-08-12",
    expiryDate: "2030-04-15",
    sex: "F",
    documentCode: "P",
    ...over,
  },
  errors: valid ? [] : [{ field: "documentNumber", code: "check_digit" }],
});
const anna: Applicant = { name: "Anna Eriksson", birthDate: "1974-08-12", nationality: "SE" };
const opts: CrossCheckOptions = { today: TODAY, minAge: 18, accepted: ["passport", "id_card", "residence_permit"] };
const codes = (m: MrzLike, a = anna, o = opts) => crossCheck(m, a, o).reasons.map((r) => r.code);

describe("cross-check", () => {
  it("passes when everything agrees", () => {
    const r = crossCheck(mrz(), anna, opts);
    expect(r).toMatchObject({ outcome: "pass", reasons: [], documentType: "passport", age: 52 });
  });

  it("turns each mismatch into its own review reason, never a rejection", () => {
    expect(codes(mrz(), { ...anna, name: "Dana Levi" })).toEqual(["name_mismatch"]);
    expect(codes(mrz(), { ...anna, birthDate: "1974-08-13" })).toEqual(["birth_date_mismatch"]);
    expect(codes(mrz(), { ...anna, nationality: "IL" })).toEqual(["nationality_mismatch"]);
    expect(codes(mrz({ expiryDate: "2026-11-22" }))).toEqual(["document_expired"]);
    expect(codes(mrz({ birthDate: "2009-01-01" }), { ...anna, birthDate: "2009-01-01" })).toEqual(["under_age"]);
    expect(codes(mrz({}, false))).toEqual(["mrz_invalid"]);
    expect(codes(mrz({ documentCode: "I" }), anna, { ...opts, accepted: ["passport"] })).toEqual(["document_type_not_accepted"]);
    expect(codes(mrz({ expiryDate: null, birthDate: null }))).toEqual(["expiry_unknown", "birth_date_unknown"]);
    const all = crossCheck(mrz({ expiryDate: "2020-01-01", birthDate: "2010-05-05" }), { name: "Someone Else", birthDate: "1990-01-01", nationality: "CN" }, opts);
    expect(all.outcome).toBe("review");
    expect(all.reasons.map((r) => r.code).sort()).toEqual(["birth_date_mismatch", "document_expired", "name_mismatch", "nationality_mismatch", "under_age"]);
    expect(all.reasons.every((r) => r.message.length > 10)).toBe(true);
  });

  it("expires at the end of the expiry day and counts age to the birthday", () => {
    expect(codes(mrz({ expiryDate: "2026-11-23" }))).toEqual([]);
    expect(ageOn("2008-11-23", TODAY)).toBe(18);
    expect(ageOn("2008-11-24", TODAY)).toBe(17);
    expect(codes(mrz({ birthDate: "2008-11-24" }), { ...anna, birthDate: null })).toEqual(["under_age"]);
    expect(codes(mrz({ birthDate: "2008-11-24" }), { ...anna, birthDate: null }, { ...opts, minAge: 16 })).toEqual([]);
  });

  it("compares nationality across alpha-2 and alpha-3 and the ICAO codes", () => {
    expect(alpha2Of("ISR")).toBe("IL");
    expect(alpha2Of("D<<")).toBe("DE");
    expect(alpha2Of("GBN")).toBe("GB");
    expect(alpha2Of("UTO")).toBeNull();
    expect(codes(mrz({ nationality: "D" }), { ...anna, nationality: "DE" })).toEqual([]);
    expect(codes(mrz({ nationality: "ISR" }), { ...anna, nationality: "ISR" })).toEqual([]);
    expect(codes(mrz(), { ...anna, nationality: null })).toEqual([]);
  });
});

describe("names", () => {
  it.each([
    ["ERIKSSON", "ANNA MARIA", "Anna Eriksson", "middle name missing in the application"],
    ["ERIKSSON", "ANNA", "Anna Maria Eriksson", "middle name missing on the document"],
    ["ERIKSSON", "ANNA MARIA", "eriksson ANNA maria", "order and case"],
    ["MUELLER", "JOSE", "José Müller", "diacritics and ICAO spelling"],
    ["OBRIEN", "SEAN", "Seán O'Brien", "apostrophe"],
    ["SMITH", "ANNE MARIE", "Anne-Marie Smith", "hyphen"],
    ["SMITH", "ANNEMARIE", "Anne Marie Smith", "joined given names"],
    ["ALI", "MOHAMMED", "Muhammad Ali", "spelling variant"],
    ["ALI", "MOHAMMED", "محمد علي", "Arabic script"],
    ["COHEN", "DANA", "דנה כהן", "Hebrew script"],
    ["WANG", "XIAOMING", "王小明", "Chinese script"],
    ["VONDERSCHULENBURGHAUS", "KARL", "Karl Vonderschulenburghausen", "surname cut short by the MRZ"],
  ])("%s, %s = %s (%s)", (surname, given, name) => {
    expect(namesAgree(surname, given, name)).toBe(true);
  });

  it.each([
    ["LEVI", "DANA", "Dana Cohen", "another surname"],
    ["LEVI", "DANA", "Dana", "a given name alone"],
    ["ERIKSSON", "ANNA MARIA", "Maria Svensson", "a given name and another surname"],
    ["ALI", "MOHAMMED", "Ahmed Hassan", "someone else"],
    ["ERIKSSON", "ANNA", "", "no name"],
  ])("%s, %s ≠ %s (%s)", (surname, given, name) => {
    expect(namesAgree(surname, given, name)).toBe(false);
  });
});

describe("evidence helpers", () => {
  it("masks all but the last four characters", () => {
    expect(maskNumber("L898902C3")).toBe("•••••02C3");
    expect(maskNumber("D23145890<")).toBe("•••••5890");
    expect(maskNumber("1234")).toBe("••••");
    expect(maskNumber(null)).toBeNull();
  });

  it("tells the document type from the ICAO document code", () => {
    expect(documentTypeOf("P<")).toBe("passport");
    expect(documentTypeOf("PD")).toBe("passport");
    expect(documentTypeOf("I<")).toBe("id_card");
    expect(documentTypeOf("ID")).toBe("id_card");
    expect(documentTypeOf("AC")).toBe("id_card");
    expect(documentTypeOf("IR")).toBe("residence_permit");
    expect(documentTypeOf("AR")).toBe("residence_permit");
    expect(documentTypeOf("V<")).toBeNull();
  });
});
