/** `atrium lists import|status`: sanctions and PEP lists from the command line. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config";
import type { ListFormat } from "../db/schema-compliance";
import { importList } from "../modules/screening/import";
import { type ListVersionView, listLists } from "../modules/screening/lists";
import { isListFormat, type ListFile, LIST_FORMATS } from "../modules/screening/parsers";
import { UsageError, withDeps } from "./admin";

const USAGE = `usage: atrium lists import --format ${LIST_FORMATS.join("|")} <path…> [--list <id>]
       atrium lists status`;

export async function listsCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "import") return listsImport(config, rest);
  if (sub === "status") return listsStatus(config);
  throw new UsageError(USAGE);
}

/** The files to import: paths as given; a folder stands for the files of its format inside it (ofac-csv: sdn.csv, alt.csv, add.csv). */
export function readListFiles(format: ListFormat, paths: string[]): ListFile[] {
  const files: ListFile[] = [];
  for (const p of paths) {
    const full = resolve(p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(full);
    } catch {
      throw new UsageError(`No such file or folder: ${p}`);
    }
    if (st.isDirectory()) {
      const names = readdirSync(full);
      const wanted = format === "ofac-csv" ? names.filter((n) => /^(sdn|alt|add)\.csv$/i.test(n)) : names.filter((n) => n.toLowerCase().endsWith(format.endsWith("xml") ? ".xml" : ".csv"));
      if (format === "ofac-csv" && !wanted.some((n) => /^sdn\.csv$/i.test(n))) throw new UsageError(`${p} has no sdn.csv`);
      if (format !== "ofac-csv" && wanted.length !== 1) throw new UsageError(`${p} must hold exactly one ${format.endsWith("xml") ? ".xml" : ".csv"} file for ${format} (found ${wanted.length}); name the file instead`);
      for (const n of wanted) files.push({ name: n, bytes: readFileSync(join(full, n)) });
    } else {
      files.push({ name: basename(full), bytes: readFileSync(full) });
    }
  }
  return files;
}

async function listsImport(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string" }, list: { type: "string" } } });
  if (!values.format || !isListFormat(values.format)) throw new UsageError(`--format must be one of: ${LIST_FORMATS.join(", ")}\n${USAGE}`);
  if (!positionals.length) throw new UsageError(`Name the file(s) to import.\n${USAGE}`);
  const format = values.format;
  const files = readListFiles(format, positionals);
  return withDeps(config, async (deps) => {
    const r = await importList(deps.db, {
      listId: values.list,
      format,
      files,
      source: files.map((f) => f.name).join(", "),
      importedBy: `cli:${safeUser()}`,
      now: deps.clock.now(),
    });
    if (r.status === "unchanged") {
      console.log(`${r.listId}: unchanged — the file(s) are those of the active version ${r.version} (${r.entries} entries, ${r.names} names).`);
      return 0;
    }
    console.log(`${r.listId}: imported version ${r.version} — ${r.entries} entries, ${r.names} names, ${r.problems.length} problem(s), ${r.ms} ms.`);
    for (const p of r.problems.slice(0, 20)) console.log(`  ${p.where}: ${p.message}`);
    if (r.problems.length > 20) console.log(`  … and ${r.problems.length - 20} more`);
    return 0;
  });
}

const safeUser = () => {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
};

const when = (v: ListVersionView | null) => (v ? `v${v.version} ${v.status} ${(v.finishedAt ?? v.startedAt).slice(0, 16).replace("T", " ")} by ${v.importedBy ?? "?"}` : "—");

async function listsStatus(config: Config): Promise<number> {
  return withDeps(config, async (deps) => {
    const lists = await listLists(deps.db);
    if (!lists.length) {
      console.log("No lists imported yet. Import one with:\n  atrium lists import --format un-xml consolidated.xml");
      return 0;
    }
    const rows = lists.map((l) => [l.id, l.kind, l.format, l.activeVersion ? `v${l.activeVersion.version}` : "none", String(l.activeVersion?.entries ?? 0), String(l.activeVersion?.names ?? 0), when(l.lastImport), when(l.lastFailure)]);
    const head = ["list", "kind", "format", "active", "entries", "names", "last import", "last failure"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] as number)).join("  ").trimEnd();
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    for (const l of lists) if (l.lastFailure?.error) console.log(`\n${l.id} v${l.lastFailure.version} failed: ${l.lastFailure.error}`);
    return 0;
  });
}
