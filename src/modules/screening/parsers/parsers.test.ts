import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ParsedEntry } from "../types";
import { listDates } from "./common";
import { countryCode, countryOrText, type ListFile, ListParseError, parseList } from "./index";
import { parseOfacRemarks } from "./ofac-csv";

const SEEDS = join(import.meta.dirname, "../../../../seeds/lists");
const file = (path: string, name = path.split("/").pop() as string): ListFile => ({ name, bytes: readFileSync(join(SEEDS, path)) });
const text = (name: string, s: string): ListFile => ({ name, bytes: new TextEncoder().encode(s) });
const byId = (entries: ParsedEntry[], id: string) => {
  const e = entries.find((x) => x.entryId === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ListParseError);
    return (err as ListParseError).message;
  }
  throw new Error("expected the parse to fail");
};

describe("OFAC SDN CSV (sdn.csv + alt.csv + add.csv)", () => {
  it("reads every entry of the sample with aliases, remarks DOBs, nationalities, programs and addresses", async () => {
    const r = await parseList("ofac-csv", [file("ofac/sdn.csv"), file("ofac/alt.csv"), file("ofac/add.csv")]);
    expect(r.entries).toHaveLength(17);
    expect(r.problems).toEqual([]);
    const logan = byId(r.entries, "10278");
    expect(logan).toMatchObject({ kind: "individual", name: "LOGAN MOREY, Elvis Angus", birthDates: ["1963-07-28"], programs: ["SDNT"] });
    expect(logan.aliases).toEqual([{ name: "BURTON BURGESS", quality: "weak" }]);
    expect(logan.details.placesOfBirth).toEqual(["Toledo District, Belize"]);
    const khoroshev = byId(r.entries, "48603");
    expect(khoroshev.nationalities).toEqual(["RU"]);
    expect(khoroshev.birthDates).toEqual(["1993-04-17"]);
    expect(khoroshev.aliases).toEqual(
      expect.arrayContaining([
        { name: "KHOROSHEV, Dmitriy Yurevich", quality: "strong" },
        { name: "YURIEVICH, Dmitry", quality: "strong" },
        { name: "LOCKBITSUPP", quality: "weak" },
      ]),
    );
    const iami = byId(r.entries, "11195");
    expect(iami.kind).toBe("entity");
    expect(iami.programs).toEqual(["NPWMD", "IFSR", "IRAN-CON-ARMS-EO"]);
    expect(iami.nationalities).toEqual(["IR"]);
    expect((iami.details.addresses as unknown[]).length).toBe(5);
    expect(iami.aliases.filter((a) => a.quality === "strong").map((a) => a.name)).toContain("HESA TRADE CENTER");
    expect(byId(r.entries, "40716")).toMatchObject({ kind: "vessel", name: "IRIS MAKRAN", nationalities: ["IR"] });
    expect(byId(r.entries, "20540").kind).toBe("aircraft");
  });

  it("works from sdn.csv alone (aliases from the remarks) and refuses files it does not know", async () => {
    const r = await parseList("ofac-csv", [file("ofac/sdn.csv")]);
    expect(r.entries).toHaveLength(17);
    expect(byId(r.entries, "11195").aliases.map((a) => a.name)).toContain("HESA");
    expect(await failure(parseList("ofac-csv", [file("ofac/sdn.csv"), text("notes.txt", "x")]))).toMatch(/notes\.txt.*sdn\.csv, alt\.csv and add\.csv/);
  });

  it("reports a row with the wrong number of columns by line, and fails a file that is mostly wrong", async () => {
    const sdn = readFileSync(join(SEEDS, "ofac/sdn.csv"), "latin1").split("\r\n");
    sdn.splice(3, 0, '99999,"BROKEN ROW","individual"');
    const r = await parseList("ofac-csv", [text("sdn.csv", sdn.join("\r\n"))]);
    expect(r.entries).toHaveLength(17);
    expect(r.problems).toEqual([{ where: "sdn.csv line 4", message: "expected 12 columns (ent_num … Remarks), found 3" }]);
    const mostlyBad = ["1,A,x", "2,B,y", '3,"C",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '].join("\n");
    expect(await failure(parseList("ofac-csv", [text("sdn.csv", mostlyBad)]))).toMatch(/^sdn\.csv \(sdn\.csv line 1\): 2 of 3 rows could not be read/);
  });

  it("parses OFAC remarks: alternative DOBs, circa, ranges, months, citizenship", () => {
    const r = parseOfacRemarks("DOB 01 Feb 1960; alt. DOB circa 1962; alt. DOB 1964 to 1966; alt. DOB Mar 1970; nationality Iran; citizen Korea, North; a.k.a. 'THE UNCLE'; POB Basra, Iraq.");
    expect(r.birthDates).toEqual(["1960-02-01", "1962", "1964", "1965", "1966", "1970-03"]);
    expect(r.nationalities).toEqual(["IR", "KP"]);
    expect(r.weakAliases).toEqual(["THE UNCLE"]);
    expect(r.placesOfBirth).toEqual(["Basra, Iraq"]);
  });
});

describe("OFAC SDN XML (sdnList)", () => {
  it("gives the same entries as the CSV form of the same records", async () => {
    const xml = await parseList("ofac-xml", [file("ofac/sdn.xml")]);
    const csv = await parseList("ofac-csv", [file("ofac/sdn.csv"), file("ofac/alt.csv"), file("ofac/add.csv")]);
    expect(xml.entries).toHaveLength(17);
    expect(xml.problems).toEqual([]);
    for (const c of csv.entries) {
      const x = byId(xml.entries, c.entryId);
      expect({ id: x.entryId, kind: x.kind, name: x.name, dob: x.birthDates, nat: x.nationalities, programs: x.programs }).toEqual({
        id: c.entryId,
        kind: c.kind,
        name: c.name,
        dob: c.birthDates,
        nat: c.nationalities,
        programs: c.programs,
      });
      expect(x.aliases.map((a) => `${a.name}/${a.quality}`).sort()).toEqual(c.aliases.map((a) => `${a.name}/${a.quality}`).sort());
    }
  });

  it("names the element of an unknown sdnType and refuses a document of another format", async () => {
    const doc = `<sdnList><sdnEntry><uid>1</uid><lastName>A</lastName><sdnType>Individual</sdnType></sdnEntry><sdnEntry><uid>2</uid><lastName>B</lastName><sdnType>Spaceship</sdnType></sdnEntry><sdnEntry><uid>3</uid><lastName>C</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>`;
    const r = await parseList("ofac-xml", [text("sdn.xml", doc)]);
    expect(r.entries.map((e) => e.entryId)).toEqual(["1", "3"]);
    expect(r.problems).toEqual([{ where: "sdn.xml sdnEntry #2 (uid 2)", message: 'unknown sdnType "Spaceship"' }]);
    expect(await failure(parseList("ofac-xml", [file("un/UN_consolidated.xml")]))).toMatch(/expected <sdnList>/);
  });
});

describe("UN Security Council consolidated XML", () => {
  it("reads the 730 individuals and 273 entities with aliases, dates of birth and nationalities", async () => {
    const r = await parseList("un-xml", [file("un/UN_consolidated.xml")]);
    expect(r.entries.filter((e) => e.kind === "individual")).toHaveLength(730);
    expect(r.entries.filter((e) => e.kind === "entity")).toHaveLength(273);
    expect(r.problems).toEqual([]);
    const badege = byId(r.entries, "6907993");
    expect(badege).toMatchObject({ name: "ERIC BADEGE", birthDates: ["1971"], nationalities: ["CD"], programs: ["DRC"] });
    const saddam = byId(r.entries, "6908048");
    expect(saddam).toMatchObject({ name: "SADDAM HUSSEIN AL-TIKRITI", birthDates: ["1937-04-28"], nationalities: ["IQ"] });
    expect(saddam.aliases).toEqual([
      { name: "Abu Ali", quality: "weak" },
      { name: "صدام حسين التكريتي", quality: "strong" },
    ]);
    const zawahiri = byId(r.entries, "111923");
    expect(zawahiri.aliases.filter((a) => a.quality === "weak").map((a) => a.name)).toEqual(["Abu Fatma", "Abu Mohammed"]);
    // BETWEEN dates become every year of the range.
    const between = r.entries.find((e) => e.birthDates.length >= 3 && e.birthDates.every((d) => /^\d{4}$/.test(d)));
    expect(between).toBeDefined();
    const adf = byId(r.entries, "6908402");
    expect(adf).toMatchObject({ kind: "entity", name: "ADF", nationalities: ["CD"] });
    expect(adf.aliases.map((a) => a.name)).toContain("Allied Democratic Forces");
  });

  it("names the line of a truncated file and refuses an empty list", async () => {
    const whole = readFileSync(join(SEEDS, "un/UN_consolidated.xml"), "utf8");
    const cut = whole.slice(0, Math.floor(whole.length / 2));
    expect(await failure(parseList("un-xml", [text("consolidated.xml", cut)]))).toMatch(/^consolidated\.xml \(line \d+, column \d+\): not well-formed XML/);
    expect(await failure(parseList("un-xml", [text("consolidated.xml", "<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>")]))).toMatch(/no INDIVIDUAL or ENTITY/);
  });
});

describe("EU financial sanctions file", () => {
  it("CSV: groups the rows of each Entity_LogicalId into one entry", async () => {
    const r = await parseList("eu-csv", [file("eu/eu-fsf-sample.csv")]);
    expect(r.entries).toHaveLength(7);
    expect(r.problems).toEqual([]);
    const saddam = byId(r.entries, "13");
    expect(saddam).toMatchObject({ kind: "individual", name: "SADDAM HUSSEIN AL-TIKRITI", birthDates: ["1937-04-28"], nationalities: ["IQ"], programs: ["IRQ"] });
    expect(saddam.aliases.map((a) => a.name)).toEqual(["Abu Ali", "صدام حسين التكريتي"]);
    expect(saddam.details).toMatchObject({ euReferenceNumber: "EU.27.28", unitedNationId: "IQi.001" });
    expect(byId(r.entries, "9005").birthDates).toEqual(["1963-04-11", "1960-04-11"]);
    expect(r.entries.find((e) => e.kind === "entity")).toMatchObject({ name: "ADF", nationalities: ["CD"], programs: ["COD"] });
  });

  it("XML: the same entries as the CSV, with weak aliases from strong=false", async () => {
    const xml = await parseList("eu-xml", [file("eu/eu-fsf-sample.xml")]);
    const csv = await parseList("eu-csv", [file("eu/eu-fsf-sample.csv")]);
    expect(xml.entries.map((e) => [e.entryId, e.name, e.birthDates, e.nationalities, e.kind])).toEqual(csv.entries.map((e) => [e.entryId, e.name, e.birthDates, e.nationalities, e.kind]));
    expect(byId(xml.entries, "13").aliases).toContainEqual({ name: "Abu Ali", quality: "weak" });
  });

  it("refuses a CSV without the EU columns (naming them) and a comma-separated file", async () => {
    expect(await failure(parseList("eu-csv", [text("eu.csv", "id;name\n1;X\n")]))).toMatch(/eu\.csv \(line 1 \(header\)\): not the EU financial sanctions CSV: missing column\(s\) Entity_LogicalId, NameAlias_WholeName/);
    expect(await failure(parseList("eu-csv", [file("ofac/sdn.csv")]))).toMatch(/missing column/);
  });
});

describe("PEP CSV (Atrium's simple format)", () => {
  it("reads the synthetic demo file with aliases in several scripts", async () => {
    const r = await parseList("pep-csv", [file("pep/demo-pep.csv")]);
    expect(r.entries).toHaveLength(10);
    expect(r.problems).toEqual([]);
    expect(byId(r.entries, "PEP-0003")).toMatchObject({ kind: "individual", name: "Mohammed Al-Qarawi", birthDates: ["1970"], nationalities: ["JO"], programs: ["PEP"] });
    expect(byId(r.entries, "PEP-0003").aliases.map((a) => a.name)).toEqual(["Muhammad Alqarawi", "Mohamed El Karaoui", "محمد القراوي"]);
    expect(byId(r.entries, "PEP-0010").nationalities).toEqual(["NO"]);
    expect(byId(r.entries, "PEP-0007").birthDates).toEqual(["1980-04"]);
  });

  it("names a bad header, reports bad rows, and fails when most rows are bad", async () => {
    expect(await failure(parseList("pep-csv", [text("pep.csv", "name,id\nA,1\n")]))).toMatch(/pep\.csv \(line 1 \(header\)\): expected the header id,name,aliases/);
    const h = "id,name,aliases,birth_date,nationality,position,country\n";
    const r = await parseList("pep-csv", [text("pep.csv", `${h}1,Ann Example,,1970-01-01,GB,Mayor,GB\n2,Bob Example,,not a date,GB,Mayor,GB\n3,Cy Example,,,,Judge,\n`)]);
    expect(r.entries.map((e) => e.entryId)).toEqual(["1", "3"]);
    expect(r.problems).toEqual([{ where: "pep.csv line 3", message: 'birth_date "not a date" is not YYYY-MM-DD, YYYY-MM or YYYY' }]);
    expect(await failure(parseList("pep-csv", [text("pep.csv", `${h}1,A,,x,GB,M,GB\n2,B,,y,GB,M,GB\n3,C,,,,M,\n`)]))).toMatch(/2 of 3 rows could not be read/);
    const dup = await parseList("pep-csv", [text("pep.csv", `${h}1,Ann,,,,,\n1,Ann Again,,,,,\n2,Bo,,,,,\n3,Cy,,,,,\n`)]);
    expect(dup.problems).toEqual([{ where: "pep.csv line 3", message: "entry id 1 appears twice; the second is skipped" }]);
  });
});

describe("corrupt files of any format", () => {
  const formats = ["ofac-csv", "ofac-xml", "un-xml", "eu-csv", "eu-xml", "pep-csv"] as const;
  it.each(formats)("%s: empty, binary and not-a-list files fail with the file name", async (format) => {
    const name = format.endsWith("xml") ? "list.xml" : format === "ofac-csv" ? "sdn.csv" : "list.csv";
    expect(await failure(parseList(format, [{ name, bytes: new Uint8Array() }]))).toBe(`${name}: the file is empty`);
    expect(await failure(parseList(format, [{ name, bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, 3]) }]))).toMatch(new RegExp(`^${name.replace(".", "\\.")}: the file is binary`));
    expect(await failure(parseList(format, [text(name, "   \n\n  ")]))).toBe(`${name}: the file is empty`);
  });

  it("XML formats refuse text that is not XML, naming the line", async () => {
    for (const format of ["ofac-xml", "un-xml", "eu-xml"] as const) {
      expect(await failure(parseList(format, [text("list.xml", "id,name\n1,A\n")]))).toBe("list.xml (line 1): not XML: the file does not start with an element");
      expect(await failure(parseList(format, [text("list.xml", "<a><b></a>")]))).toMatch(/^list\.xml \(line 1, column \d+\): not well-formed XML/);
    }
  });

  it("an unclosed or stray quote in a CSV is a reported problem naming the line, not a crash", async () => {
    const h = "id,name,aliases,birth_date,nationality,position,country\n";
    const rows = Array.from({ length: 6 }, (_, i) => `${i + 1},Person ${i + 1},,,,,`).join("\n");
    const unclosed = await parseList("pep-csv", [text("pep.csv", `${h}${rows}\n7,"Unclosed,,,,,\n`)]);
    expect(unclosed.entries).toHaveLength(6);
    expect(unclosed.problems).toEqual([{ where: "pep.csv line 8", message: expect.stringMatching(/^Quote Not Closed/) }]);
    const stray = await parseList("pep-csv", [text("pep.csv", `${h}9,A"b,,,,,\n${rows}\n`)]);
    expect(stray.entries.map((e) => e.entryId)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(stray.problems).toEqual([{ where: "pep.csv line 2", message: expect.stringMatching(/^Invalid Opening Quote/) }]);
  });
});

describe("dates and countries", () => {
  it("reads list dates", () => {
    expect(listDates("12 Jan 1970")).toEqual(["1970-01-12"]);
    expect(listDates("12/01/1970")).toEqual(["1970-01-12"]);
    expect(listDates("31 Feb 1970")).toEqual(["1970-02"]);
    expect(listDates("1970-01-12T00:00:00")).toEqual(["1970-01-12"]);
    expect(listDates("circa 1965")).toEqual(["1965"]);
    expect(listDates("sometime")).toEqual([]);
    expect(listDates("1970-13-01")).toEqual([]);
    expect(listDates("1970-01-12x")).toEqual([]);
  });
  it("maps the lists' country names to ISO codes and keeps what it cannot map", () => {
    expect(countryCode("Iran (Islamic Republic of)")).toBe("IR");
    expect(countryCode("Korea, North")).toBe("KP");
    expect(countryCode("Russian Federation")).toBe("RU");
    expect(countryCode("Türkiye")).toBe("TR");
    expect(countryCode("Côte d'Ivoire")).toBe("CI");
    expect(countryCode("Yemen")).toBe("YE");
    expect(countryCode("Democratic Republic of the Congo")).toBe("CD");
    expect(countryCode("Congo")).toBe("CG");
    expect(countryOrText("former Soviet Union")).toBe("former Soviet Union");
    expect(countryOrText("na")).toBeNull();
  });
});
