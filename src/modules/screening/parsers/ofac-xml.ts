/**
 * OFAC SDN in its XML form (sdn.xml, root <sdnList>, one <sdnEntry> per entry with akaList,
 * dateOfBirthList, nationalityList, citizenshipList, addressList, placeOfBirthList, idList).
 * Names are written "LAST, First" like the CSV form, so both forms give the same entries.
 */
import type { EntryAlias, EntryKind } from "../../../db/schema-compliance";
import type { ParsedList } from "../types";
import { asArray, Collector, type ListFile, ListParseError, listDates, parseXml, str, textOf } from "./common";
import { countryOrText } from "./countries";

type Node = Record<string, unknown>;
const ARRAYS = new Set(["sdnEntry", "aka", "program", "dateOfBirthItem", "nationality", "citizenship", "address", "placeOfBirthItem", "id"]);
const KINDS: Record<string, EntryKind> = { individual: "individual", entity: "entity", vessel: "vessel", aircraft: "aircraft" };

const fullName = (n: Node) => {
  const last = str(n.lastName);
  const first = str(n.firstName);
  return last && first ? `${last}, ${first}` : last || first;
};
const list = (n: unknown, item: string): Node[] => asArray((n as Node | undefined)?.[item] as Node | Node[] | undefined);

export function parseOfacXml(file: ListFile): ParsedList {
  const doc = parseXml(file, textOf(file), ARRAYS);
  const root = doc.sdnList as Node | undefined;
  if (!root || typeof root !== "object") throw new ListParseError(file.name, "root element", "expected <sdnList> (the OFAC SDN XML format)");
  const out = new Collector(file.name);
  asArray(root.sdnEntry as Node[]).forEach((e, i) => {
    const where = `${file.name} sdnEntry #${i + 1}${str(e.uid) ? ` (uid ${str(e.uid)})` : ""}`;
    const kind = KINDS[str(e.sdnType).toLowerCase()];
    if (!kind) {
      out.problem(where, `unknown sdnType "${str(e.sdnType).slice(0, 40)}"`);
      return;
    }
    const aliases: EntryAlias[] = list(e.akaList, "aka").map((a) => ({ name: fullName(a), quality: str(a.category).toLowerCase() === "weak" ? "weak" : "strong" }));
    const nationalities = [...list(e.nationalityList, "nationality"), ...list(e.citizenshipList, "citizenship")].map((n) => countryOrText(str(n.country))).filter((c): c is string => !!c);
    const addresses = list(e.addressList, "address").map((a) => ({
      address: [str(a.address1), str(a.address2), str(a.address3)].filter(Boolean).join(", ") || undefined,
      city: [str(a.city), str(a.stateOrProvince), str(a.postalCode)].filter(Boolean).join(", ") || undefined,
      country: str(a.country) || undefined,
    }));
    if (kind !== "individual") {
      for (const a of addresses) {
        const c = a.country ? countryOrText(a.country) : null;
        if (c) nationalities.push(c);
      }
    }
    const vessel = e.vesselInfo as Node | undefined;
    const details = {
      remarks: str(e.remarks) || undefined,
      title: str(e.title) || undefined,
      addresses: addresses.length ? addresses : undefined,
      placesOfBirth: list(e.placeOfBirthList, "placeOfBirthItem").map((p) => str(p.placeOfBirth)).filter(Boolean),
      documents: list(e.idList, "id").map((d) => [str(d.idType), str(d.idNumber), str(d.idCountry)].filter(Boolean).join(" ")),
      vessel: vessel ? { callSign: str(vessel.callSign) || undefined, type: str(vessel.vesselType) || undefined, flag: str(vessel.vesselFlag) || undefined, owner: str(vessel.vesselOwner) || undefined } : undefined,
    };
    if (vessel && str(vessel.vesselFlag)) nationalities.push(countryOrText(str(vessel.vesselFlag)) ?? str(vessel.vesselFlag));
    out.add(
      {
        entryId: str(e.uid),
        kind,
        name: fullName(e),
        aliases,
        birthDates: list(e.dateOfBirthList, "dateOfBirthItem").flatMap((d) => listDates(str(d.dateOfBirth))),
        nationalities,
        programs: list(e.programList, "program").map((p) => str(p)),
        details: JSON.parse(JSON.stringify(details)) as Record<string, unknown>,
      },
      where,
    );
  });
  return out.finish();
}
