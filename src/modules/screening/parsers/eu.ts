/**
 * The EU Financial Sanctions File (FSF), consolidated list of persons, groups and entities.
 * CSV: semicolon-separated, one row per name / birth date / citizenship / address of an entity,
 * grouped by Entity_LogicalId; columns are found by header name (the file has ~100 of them).
 * XML: <export><sanctionEntity logicalId> with nameAlias@wholeName, birthdate@birthdate|@year,
 * citizenship@countryIso2Code, address@countryIso2Code, regulation@programme, subjectType@code.
 */
import type { EntryAlias, EntryKind } from "../../../db/schema-compliance";
import type { ParsedEntry, ParsedList } from "../types";
import { asArray, Collector, csvRows, type ListFile, ListParseError, listDates, parseXml, str, textOf } from "./common";
import { countryOrText } from "./countries";

type Node = Record<string, unknown>;

const kindOf = (code: string): EntryKind => {
  const c = code.trim().toLowerCase();
  if (c === "p" || c === "person") return "individual";
  if (c === "e" || c === "enterprise" || c === "entity") return "entity";
  return "unknown";
};

const country = (iso: string, description: string) => {
  const code = iso.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && code !== "00") return code;
  return description ? countryOrText(description) : null;
};

interface Group {
  entry: ParsedEntry;
  addresses: Set<string>;
}

const REQUIRED = ["Entity_LogicalId", "NameAlias_WholeName"];

export async function parseEuCsv(file: ListFile): Promise<ParsedList> {
  const out = new Collector(file.name);
  const groups = new Map<string, Group>();
  let header: string[] | null = null;
  let col: (row: string[], name: string) => string = () => "";
  for await (const { line, cells } of csvRows(textOf(file), { delimiter: ";", onBad: (l, msg) => out.problem(`${file.name} line ${l}`, msg) })) {
    if (!header) {
      header = cells.map((c) => c.trim());
      const missing = REQUIRED.filter((r) => !header?.includes(r));
      if (missing.length) throw new ListParseError(file.name, "line 1 (header)", `not the EU financial sanctions CSV: missing column(s) ${missing.join(", ")}`);
      const index = new Map(header.map((h, i) => [h, i]));
      col = (row, name) => {
        const i = index.get(name);
        return i === undefined ? "" : (row[i] ?? "").trim();
      };
      continue;
    }
    const where = `${file.name} line ${line}`;
    if (cells.length !== header.length) {
      out.problem(where, `expected ${header.length} columns like the header, found ${cells.length}`);
      continue;
    }
    const id = col(cells, "Entity_LogicalId");
    if (!/^\d+$/.test(id)) {
      out.problem(where, `Entity_LogicalId "${id.slice(0, 40)}" is not a number`);
      continue;
    }
    let g = groups.get(id);
    if (!g) {
      g = {
        entry: {
          entryId: id,
          kind: kindOf(col(cells, "Entity_SubjectType_ClassificationCode") || col(cells, "Entity_SubjectType")),
          name: "",
          aliases: [],
          birthDates: [],
          nationalities: [],
          programs: [],
          details: JSON.parse(
            JSON.stringify({
              euReferenceNumber: col(cells, "Entity_EU_ReferenceNumber") || undefined,
              unitedNationId: col(cells, "Entity_UnitedNationId") || undefined,
              designationDate: col(cells, "Entity_DesignationDate") || undefined,
              remark: col(cells, "Entity_Remark") || undefined,
              publicationUrl: col(cells, "Entity_Regulation_PublicationUrl") || undefined,
            }),
          ) as Record<string, unknown>,
        },
        addresses: new Set(),
      };
      groups.set(id, g);
    }
    const e = g.entry;
    const whole = col(cells, "NameAlias_WholeName");
    if (whole) {
      if (!e.name) e.name = whole;
      else e.aliases.push({ name: whole, quality: /^(false|0|n)$/i.test(col(cells, "NameAlias_Strong")) ? "weak" : "strong" });
    }
    e.programs.push(col(cells, "Entity_Regulation_Programme"));
    e.birthDates.push(...listDates(col(cells, "BirthDate_BirthDate") || col(cells, "BirthDate_Year")));
    const citizenship = country(col(cells, "Citizenship_CountryIso2Code"), col(cells, "Citizenship_CountryDescription"));
    if (citizenship) e.nationalities.push(citizenship);
    const address = [col(cells, "Address_Street"), col(cells, "Address_City"), col(cells, "Address_CountryDescription")].filter(Boolean).join(", ");
    if (address) g.addresses.add(address);
    const addressCountry = country(col(cells, "Address_CountryIso2Code"), col(cells, "Address_CountryDescription"));
    if (addressCountry && e.kind !== "individual") e.nationalities.push(addressCountry);
  }
  if (!header) throw new ListParseError(file.name, out.problems[0]?.where ?? null, `not the EU financial sanctions CSV: missing column(s) ${REQUIRED.join(", ")} (no header row could be read${out.problems[0] ? `: ${out.problems[0].message}` : ""})`);
  for (const g of groups.values()) {
    if (g.addresses.size) g.entry.details.addresses = [...g.addresses];
    out.add(g.entry, `${file.name} Entity_LogicalId ${g.entry.entryId}`);
  }
  return out.finish();
}

const ARRAYS = new Set(["sanctionEntity", "nameAlias", "birthdate", "citizenship", "address", "regulation", "identification"]);

export function parseEuXml(file: ListFile): ParsedList {
  const doc = parseXml(file, textOf(file), ARRAYS);
  const root = doc.export as Node | undefined;
  if (!root || typeof root !== "object") throw new ListParseError(file.name, "root element", "expected <export> (the EU financial sanctions XML format)");
  const out = new Collector(file.name);
  asArray(root.sanctionEntity as Node[]).forEach((s, i) => {
    const id = str(s["@logicalId"]);
    const where = `${file.name} sanctionEntity #${i + 1}${id ? ` (logicalId ${id})` : ""}`;
    const subject = s.subjectType as Node | undefined;
    const kind = kindOf(str(subject?.["@classificationCode"]) || str(subject?.["@code"]));
    const names = asArray(s.nameAlias as Node[]).map((n) => ({
      name: str(n["@wholeName"]) || [str(n["@firstName"]), str(n["@middleName"]), str(n["@lastName"])].filter(Boolean).join(" "),
      quality: str(n["@strong"]) === "false" ? ("weak" as const) : ("strong" as const),
    }));
    const named = names.filter((n) => n.name);
    const primary = named.find((n) => n.quality === "strong") ?? named[0];
    const aliases: EntryAlias[] = named.filter((n) => n !== primary);
    const citizenships = asArray(s.citizenship as Node[])
      .map((c) => country(str(c["@countryIso2Code"]), str(c["@countryDescription"])))
      .filter((c): c is string => !!c);
    const addresses = asArray(s.address as Node[]);
    const addressCountries = kind === "individual" ? [] : addresses.map((a) => country(str(a["@countryIso2Code"]), str(a["@countryDescription"]))).filter((c): c is string => !!c);
    const details = {
      euReferenceNumber: str(s["@euReferenceNumber"]) || undefined,
      unitedNationId: str(s["@unitedNationId"]) || undefined,
      designationDate: str(s["@designationDate"]) || undefined,
      remark: str(s.remark) || undefined,
      addresses: addresses.map((a) => [str(a["@street"]), str(a["@city"]), str(a["@countryDescription"])].filter(Boolean).join(", ")).filter(Boolean),
    };
    out.add(
      {
        entryId: id,
        kind,
        name: primary?.name ?? "",
        aliases,
        birthDates: asArray(s.birthdate as Node[]).flatMap((b) => listDates(str(b["@birthdate"]) || str(b["@year"]))),
        nationalities: [...citizenships, ...addressCountries],
        programs: asArray(s.regulation as Node[]).map((r) => str(r["@programme"])),
        details: JSON.parse(JSON.stringify(details)) as Record<string, unknown>,
      },
      where,
    );
  });
  return out.finish();
}
