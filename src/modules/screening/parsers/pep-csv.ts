/**
 * Politically exposed persons in Atrium's own simple CSV (comma-separated, UTF-8, a header row):
 * `id,name,aliases,birth_date,nationality,position,country` — aliases separated by `;`,
 * birth_date "YYYY-MM-DD", "YYYY-MM" or "YYYY", nationality and country as ISO2 or English names.
 */
import type { ParsedList } from "../types";
import { Collector, csvRows, type ListFile, ListParseError, listDates, textOf } from "./common";
import { countryOrText } from "./countries";

export const PEP_COLUMNS = ["id", "name", "aliases", "birth_date", "nationality", "position", "country"] as const;

export async function parsePepCsv(file: ListFile): Promise<ParsedList> {
  const out = new Collector(file.name);
  let header = false;
  for await (const { line, cells } of csvRows(textOf(file), { onBad: (l, msg) => out.problem(`${file.name} line ${l}`, msg) })) {
    if (!header) {
      const got = cells.map((c) => c.trim().toLowerCase());
      if (got.join(",") !== PEP_COLUMNS.join(",")) throw new ListParseError(file.name, "line 1 (header)", `expected the header ${PEP_COLUMNS.join(",")}, found ${got.join(",").slice(0, 120)}`);
      header = true;
      continue;
    }
    const where = `${file.name} line ${line}`;
    if (cells.length !== PEP_COLUMNS.length) {
      out.problem(where, `expected ${PEP_COLUMNS.length} columns, found ${cells.length}`);
      continue;
    }
    const [id, name, aliases, birth, nationality, position, country] = cells.map((c) => c.trim()) as string[];
    const birthDates = birth ? listDates(birth) : [];
    if (birth && !birthDates.length) {
      out.problem(where, `birth_date "${birth.slice(0, 40)}" is not YYYY-MM-DD, YYYY-MM or YYYY`);
      continue;
    }
    const nat = nationality ? countryOrText(nationality) : null;
    out.add(
      {
        entryId: id ?? "",
        kind: "individual",
        name: name ?? "",
        aliases: (aliases ?? "")
          .split(";")
          .map((a) => a.trim())
          .filter(Boolean)
          .map((a) => ({ name: a, quality: "strong" as const })),
        birthDates,
        nationalities: nat ? [nat] : [],
        programs: ["PEP"],
        details: JSON.parse(JSON.stringify({ position: position || undefined, country: country ? (countryOrText(country) ?? country) : undefined })) as Record<string, unknown>,
      },
      where,
    );
  }
  if (!header) throw new ListParseError(file.name, out.problems[0]?.where ?? null, `expected the header ${PEP_COLUMNS.join(",")}; no header row could be read${out.problems[0] ? `: ${out.problems[0].message}` : ""}`);
  return out.finish();
}
