/**
 * The UN Security Council Consolidated List (consolidated.xml, root <CONSOLIDATED_LIST> with
 * INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY). DATAID is the entry id; the name is FIRST_NAME …
 * FOURTH_NAME; NAME_ORIGINAL_SCRIPT is kept as a strong alias; alias QUALITY "Low" is weak.
 */
import type { EntryAlias } from "../../../db/schema-compliance";
import type { ParsedList } from "../types";
import { asArray, Collector, type ListFile, ListParseError, listDates, parseXml, str, textOf } from "./common";
import { countryOrText } from "./countries";

type Node = Record<string, unknown>;
const ARRAYS = new Set([
  "INDIVIDUAL",
  "ENTITY",
  "INDIVIDUAL_ALIAS",
  "ENTITY_ALIAS",
  "INDIVIDUAL_DATE_OF_BIRTH",
  "INDIVIDUAL_PLACE_OF_BIRTH",
  "INDIVIDUAL_ADDRESS",
  "ENTITY_ADDRESS",
  "INDIVIDUAL_DOCUMENT",
  "NATIONALITY",
  "VALUE",
  "DESIGNATION",
  "TITLE",
]);

const values = (n: unknown): string[] => asArray(n as Node | Node[] | undefined).flatMap((x) => asArray((x as Node).VALUE as unknown[]).map(str)).filter(Boolean);

/** One INDIVIDUAL_DATE_OF_BIRTH: EXACT/APPROXIMATELY with DATE or YEAR, BETWEEN with FROM_YEAR/TO_YEAR. */
function birthDates(d: Node): string[] {
  if (str(d.DATE)) return listDates(str(d.DATE));
  if (str(d.YEAR)) return listDates(str(d.YEAR));
  if (str(d.FROM_YEAR) && str(d.TO_YEAR)) return listDates(`${str(d.FROM_YEAR)} to ${str(d.TO_YEAR)}`);
  return [];
}

const place = (a: Node) => [str(a.STREET), str(a.CITY), str(a.STATE_PROVINCE), str(a.COUNTRY), str(a.NOTE)].filter(Boolean).join(", ");

export function parseUnXml(file: ListFile): ParsedList {
  const doc = parseXml(file, textOf(file), ARRAYS);
  const root = doc.CONSOLIDATED_LIST as Node | undefined;
  if (!root || typeof root !== "object") throw new ListParseError(file.name, "root element", "expected <CONSOLIDATED_LIST> (the UN Security Council list format)");
  const out = new Collector(file.name);
  const people = asArray((root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL as Node[]);
  const entities = asArray((root.ENTITIES as Node | undefined)?.ENTITY as Node[]);
  if (!people.length && !entities.length) throw new ListParseError(file.name, "INDIVIDUALS/ENTITIES", "the list has no INDIVIDUAL or ENTITY elements");

  const common = (n: Node, aliasTag: string) => {
    const aliases: EntryAlias[] = asArray(n[aliasTag] as Node[])
      .map((a) => ({ name: str(a.ALIAS_NAME), quality: /^low$/i.test(str(a.QUALITY)) ? ("weak" as const) : ("strong" as const) }))
      .filter((a) => a.name);
    if (str(n.NAME_ORIGINAL_SCRIPT)) aliases.push({ name: str(n.NAME_ORIGINAL_SCRIPT), quality: "strong" });
    return {
      aliases,
      programs: [str(n.UN_LIST_TYPE)],
      details: {
        referenceNumber: str(n.REFERENCE_NUMBER) || undefined,
        listedOn: str(n.LISTED_ON) || undefined,
        comments: str(n.COMMENTS1) || undefined,
      },
    };
  };

  people.forEach((p, i) => {
    const where = `${file.name} INDIVIDUAL #${i + 1}${str(p.DATAID) ? ` (DATAID ${str(p.DATAID)})` : ""}`;
    const c = common(p, "INDIVIDUAL_ALIAS");
    const addresses = asArray(p.INDIVIDUAL_ADDRESS as Node[]).map(place).filter(Boolean);
    const details = {
      ...c.details,
      gender: str(p.GENDER) || undefined,
      titles: values(p.TITLE),
      designations: values(p.DESIGNATION),
      addresses,
      placesOfBirth: asArray(p.INDIVIDUAL_PLACE_OF_BIRTH as Node[]).map(place).filter(Boolean),
      documents: asArray(p.INDIVIDUAL_DOCUMENT as Node[])
        .map((d) => [str(d.TYPE_OF_DOCUMENT), str(d.NUMBER), str(d.ISSUING_COUNTRY), str(d.NOTE)].filter(Boolean).join(" "))
        .filter(Boolean),
    };
    out.add(
      {
        entryId: str(p.DATAID),
        kind: "individual",
        name: [p.FIRST_NAME, p.SECOND_NAME, p.THIRD_NAME, p.FOURTH_NAME].map(str).filter(Boolean).join(" "),
        aliases: c.aliases,
        birthDates: asArray(p.INDIVIDUAL_DATE_OF_BIRTH as Node[]).flatMap(birthDates),
        nationalities: values(p.NATIONALITY)
          .map(countryOrText)
          .filter((x): x is string => !!x),
        programs: c.programs,
        details: JSON.parse(JSON.stringify(details)) as Record<string, unknown>,
      },
      where,
    );
  });

  entities.forEach((e, i) => {
    const where = `${file.name} ENTITY #${i + 1}${str(e.DATAID) ? ` (DATAID ${str(e.DATAID)})` : ""}`;
    const c = common(e, "ENTITY_ALIAS");
    const addresses = asArray(e.ENTITY_ADDRESS as Node[]);
    out.add(
      {
        entryId: str(e.DATAID),
        kind: "entity",
        name: [e.FIRST_NAME, e.SECOND_NAME, e.THIRD_NAME, e.FOURTH_NAME].map(str).filter(Boolean).join(" "),
        aliases: c.aliases,
        birthDates: [],
        nationalities: addresses.map((a) => countryOrText(str(a.COUNTRY))).filter((x): x is string => !!x),
        programs: c.programs,
        details: JSON.parse(JSON.stringify({ ...c.details, addresses: addresses.map(place).filter(Boolean) })) as Record<string, unknown>,
      },
      where,
    );
  });
  return out.finish();
}
