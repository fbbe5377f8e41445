/**
 * The bundled sanctions and PEP samples (seeds/lists/, provenance in its README), imported as the
 * platform's lists so screening works out of the box. Running it again changes nothing: the same
 * bytes as the active version are "unchanged". Real lists replace them via `atrium lists import`
 * or SCREENING_SOURCES.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ListFormat } from "../src/db/schema-compliance";
import { type ImportResult, importList } from "../src/modules/screening/import";
import type { Deps } from "../src/server/deps";

const DIR = join(import.meta.dirname, "lists");

export const BUNDLED_LISTS: Array<{ format: ListFormat; files: string[] }> = [
  { format: "ofac-csv", files: ["ofac/sdn.csv", "ofac/alt.csv", "ofac/add.csv"] },
  { format: "un-xml", files: ["un/UN_consolidated.xml"] },
  { format: "eu-csv", files: ["eu/eu-fsf-sample.csv"] },
  { format: "pep-csv", files: ["pep/demo-pep.csv"] },
];

export async function seedLists(deps: Deps): Promise<ImportResult[]> {
  const out: ImportResult[] = [];
  for (const l of BUNDLED_LISTS) {
    out.push(
      await importList(deps.db, {
        format: l.format,
        files: l.files.map((f) => ({ name: f.split("/").pop() as string, bytes: readFileSync(join(DIR, f)) })),
        source: l.files.map((f) => `seeds/lists/${f}`).join(", "),
        importedBy: "seed",
        now: deps.clock.now(),
      }),
    );
  }
  return out;
}
