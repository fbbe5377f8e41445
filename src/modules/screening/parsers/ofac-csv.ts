/**
 * OFAC SDN in its legacy CSV form: sdn.csv (one row per entry), alt.csv (aliases) and add.csv
 * (addresses), joined on ent_num. No header; `-0- ` means empty. Dates of birth, nationalities,
 * places of birth and the weak aliases ('single-quoted' a.k.a.) live in the Remarks column.
 */
import type { EntryKind } from "../../../db/schema-compliance";
import type { ParsedEntry, ParsedList } from "../types";
import { Collector, csvRows, type ListFile, ListParseError, listDates, textOf } from "./common";
import { countryOrText } from "./countries";

const EMPTY = /^-0-\s*$/;
const cell = (v: string | undefined) => (v === undefined || EMPTY.test(v) ? "" : v.trim());

/** The remarks of an OFAC entry, split into what screening needs and what the officer reads. */
export function parseOfacRemarks(remarks: string) {
  const birthDates: string[] = [];
  const nationalities: string[] = [];
  const weakAliases: string[] = [];
  const strongAliases: string[] = [];
  const placesOfBirth: string[] = [];
  const parts = remarks
    .replace(/\.$/, "")
    .split(/;\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const p = part.replace(/^alt\.\s+/i, "");
    let m = /^DOB\s+(.+)$/i.exec(p);
    if (m) {
      birthDates.push(...listDates(m[1] as string));
      continue;
    }
    m = /^(?:nationality|citizen)\s+(.+)$/i.exec(p);
    if (m) {
      const c = countryOrText(m[1] as string);
      if (c) nationalities.push(c);
      continue;
    }
    m = /^POB\s+(.+)$/i.exec(p);
    if (m) {
      placesOfBirth.push((m[1] as string).trim());
      continue;
    }
    m = /^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+(.+)$/i.exec(p);
    if (m) {
      const alias = (m[1] as string).trim();
      const quoted = /^'(.*)'$/.exec(alias);
      if (quoted) weakAliases.push(quoted[1] as string);
      else strongAliases.push(alias);
    }
  }
  return { birthDates, nationalities, weakAliases, strongAliases, placesOfBirth };
}

const KINDS: Record<string, EntryKind> = { individual: "individual", vessel: "vessel", aircraft: "aircraft" };

/** Files are picked by name: sdn.csv (required), alt.csv and add.csv (optional). */
export async function parseOfacCsv(files: ListFile[]): Promise<ParsedList> {
  const byName = (re: RegExp) => files.find((f) => re.test(f.name.split(/[\\/]/).pop() ?? ""));
  const sdn = byName(/sdn[^/]*\.csv$/i) ?? (files.length === 1 ? files[0] : undefined);
  if (!sdn) throw new ListParseError(files.map((f) => f.name).join(", ") || "(no file)", null, "ofac-csv needs sdn.csv (and optionally alt.csv and add.csv)");
  const alt = byName(/^alt[^/]*\.csv$/i);
  const add = byName(/^add[^/]*\.csv$/i);
  const unknown = files.filter((f) => f !== sdn && f !== alt && f !== add);
  if (unknown.length) throw new ListParseError(unknown[0]?.name ?? "", null, "ofac-csv takes sdn.csv, alt.csv and add.csv only (by file name)");

  const out = new Collector(sdn.name);
  const entries = new Map<string, ParsedEntry>();
  for await (const { line, cells } of csvRows(textOf(sdn), { onBad: (l, msg) => out.problem(`${sdn.name} line ${l}`, msg) })) {
    const where = `${sdn.name} line ${line}`;
    if (cells.length !== 12) {
      out.problem(where, `expected 12 columns (ent_num … Remarks), found ${cells.length}`);
      continue;
    }
    const id = cell(cells[0]);
    if (!/^\d+$/.test(id)) {
      out.problem(where, `ent_num "${id.slice(0, 40)}" is not a number`);
      continue;
    }
    const remarks = cell(cells[11]);
    const r = parseOfacRemarks(remarks);
    const kind = KINDS[cell(cells[2]).toLowerCase()] ?? "entity";
    const flag = cell(cells[9]);
    const details: Record<string, unknown> = { remarks: remarks || undefined, title: cell(cells[4]) || undefined, placesOfBirth: r.placesOfBirth.length ? r.placesOfBirth : undefined };
    if (kind === "vessel") Object.assign(details, { callSign: cell(cells[5]) || undefined, vesselType: cell(cells[6]) || undefined, tonnage: cell(cells[7]) || undefined, grossRegisteredTonnage: cell(cells[8]) || undefined, flag: flag || undefined, owner: cell(cells[10]) || undefined });
    const entry: ParsedEntry = {
      entryId: id,
      kind,
      name: cell(cells[1]),
      aliases: [...r.strongAliases.map((name) => ({ name, quality: "strong" as const })), ...r.weakAliases.map((name) => ({ name, quality: "weak" as const }))],
      birthDates: r.birthDates,
      nationalities: kind === "individual" ? r.nationalities : [...r.nationalities, ...(flag ? [countryOrText(flag) ?? flag] : [])],
      programs: cell(cells[3])
        .split(/\]\s*\[/)
        .map((p) => p.trim()),
      details: JSON.parse(JSON.stringify(details)) as Record<string, unknown>,
    };
    out.add(entry, where);
    if (out.entries.at(-1) === entry) entries.set(id, entry);
  }

  if (alt) {
    for await (const { line, cells } of csvRows(textOf(alt), { onBad: (l, msg) => out.problem(`${alt.name} line ${l}`, msg) })) {
      const where = `${alt.name} line ${line}`;
      if (cells.length !== 5) {
        out.problem(where, `expected 5 columns (ent_num, alt_num, alt_type, alt_name, alt_remarks), found ${cells.length}`);
        continue;
      }
      const entry = entries.get(cell(cells[0]));
      // OFAC's own samples list aliases of entries outside the file; they have nothing to attach to.
      if (!entry) continue;
      const name = cell(cells[3]);
      if (!name) continue;
      const weak = /weak/i.test(cell(cells[4])) || /weak/i.test(cell(cells[2]));
      entry.aliases.push({ name, quality: weak ? "weak" : "strong" });
    }
  }

  if (add) {
    for await (const { line, cells } of csvRows(textOf(add), { onBad: (l, msg) => out.problem(`${add.name} line ${l}`, msg) })) {
      const where = `${add.name} line ${line}`;
      if (cells.length !== 6) {
        out.problem(where, `expected 6 columns (ent_num, add_num, address, city, country, remarks), found ${cells.length}`);
        continue;
      }
      const entry = entries.get(cell(cells[0]));
      if (!entry) continue;
      const country = cell(cells[4]);
      const address = { address: cell(cells[2]) || undefined, city: cell(cells[3]) || undefined, country: country || undefined, remarks: cell(cells[5]) || undefined };
      if (!address.address && !address.city && !address.country) continue;
      const list = (entry.details.addresses as unknown[] | undefined) ?? [];
      list.push(JSON.parse(JSON.stringify(address)));
      entry.details.addresses = list;
      // An organisation's, vessel's or aircraft's country is where it is based; a person's is their nationality.
      const code = country ? countryOrText(country) : null;
      if (code && entry.kind !== "individual" && !entry.nationalities.includes(code)) entry.nationalities.push(code);
    }
  }
  return out.finish();
}
