/**
 * What every list parser shares: reading bytes as text (refusing binary and empty files), streaming
 * CSV rows, parsing XML with a clear location on error, list dates, and collecting entries so a
 * duplicate id or an unreadable row becomes a `problem`, never a silent drop.
 */
import { Readable } from "node:stream";
import { type CsvError, parse as parseCsv } from "csv-parse";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { ParsedEntry, ParsedList } from "../types";

/** A file that cannot be imported at all; `file` and `where` say exactly what and where. */
export class ListParseError extends Error {
  constructor(
    readonly file: string,
    readonly where: string | null,
    message: string,
  ) {
    super(`${file}${where ? ` (${where})` : ""}: ${message}`);
    this.name = "ListParseError";
  }
}

export interface ListFile {
  name: string;
  bytes: Uint8Array;
}

/** UTF-8 text without BOM; windows-1252 when the bytes are not UTF-8 (older OFAC files). Refuses empty and binary files. */
export function textOf(file: ListFile): string {
  const { bytes, name } = file;
  if (bytes.length === 0) throw new ListParseError(name, null, "the file is empty");
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) throw new ListParseError(name, null, "the file is binary (it contains NUL bytes), not a text list");
    if (b < 9 || (b > 13 && b < 32)) control += 1;
  }
  if (control > head.length / 20) throw new ListParseError(name, null, "the file is binary, not a text list");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  if (text.includes("\u0000")) throw new ListParseError(name, null, "the file is binary (it contains NUL bytes), not a text list");
  text = text.replace(/^\uFEFF/, "");
  if (!text.trim()) throw new ListParseError(name, null, "the file is empty");
  return text;
}

/**
 * Streams CSV records (arrays of strings) with their line number. A record that csv-parse cannot
 * read (an unclosed quote, a stray quote) is handed to `onBad` instead of stopping the file.
 */
export async function* csvRows(text: string, opts: { delimiter?: string; onBad: (line: number, message: string) => void }): AsyncGenerator<{ line: number; cells: string[] }> {
  const parser = Readable.from([text]).pipe(
    parseCsv({
      delimiter: opts.delimiter ?? ",",
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (err: CsvError | undefined) => {
        if (err) opts.onBad(Number((err as { lines?: number }).lines ?? 0), err.message.replace(/^Invalid Record Length: /, ""));
      },
    }),
  );
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: rec.info.lines, cells: rec.record };
  }
}

/** Parses an XML document, checking well-formedness first so a truncated file names its line. */
export function parseXml(file: ListFile, text: string, arrays: ReadonlySet<string>): Record<string, unknown> {
  if (!/^\s*</.test(text)) throw new ListParseError(file.name, "line 1", "not XML: the file does not start with an element");
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ListParseError(file.name, `line ${valid.err.line}, column ${valid.err.col}`, `not well-formed XML: ${valid.err.msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name) => arrays.has(name),
  });
  return parser.parse(text) as Record<string, unknown>;
}

/** The text of an XML node (a string, or an object with #text), trimmed; "" when absent. */
export function str(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "object" && "#text" in (v as Record<string, unknown>)) return str((v as Record<string, unknown>)["#text"]);
  return "";
}

export const asArray = <T>(v: T | T[] | undefined | null): T[] => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);

const MONTHS: Record<string, string> = { jan: "01", feb: "02", mar: "03", apr: "04", may: "05", jun: "06", jul: "07", aug: "08", sep: "09", oct: "10", nov: "11", dec: "12" };

/**
 * A birth date as lists write it → "YYYY-MM-DD", "YYYY-MM" or "YYYY" (several for a range).
 * Accepts "12 Jan 1970", "Jan 1970", "1970", "circa 1970", "1968 to 1970", "1970-01-12",
 * "12/01/1970" (day first, as the EU writes it) and "1970-01-12T00:00:00". Unreadable → [].
 */
export function listDates(raw: string): string[] {
  const s = raw.trim().replace(/^(circa|ca\.?|approximately|approx\.?|about)\s+/i, "");
  if (!s) return [];
  const range = /^(\d{4})\s*(?:to|-|–)\s*(\d{4})$/.exec(s);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (to >= from && to - from <= 15) return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
    return [String(from), String(to)];
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return validDay(m[1] as string, m[2] as string, m[3] as string);
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (m) return validDay(m[3] as string, (m[2] as string).padStart(2, "0"), (m[1] as string).padStart(2, "0"));
  m = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(s);
  if (m && MONTHS[(m[2] as string).toLowerCase()]) return validDay(m[3] as string, MONTHS[(m[2] as string).toLowerCase()] as string, (m[1] as string).padStart(2, "0"));
  m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(s);
  if (m && MONTHS[(m[1] as string).toLowerCase()]) return [`${m[2]}-${MONTHS[(m[1] as string).toLowerCase()]}`];
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return [`${m[1]}-${m[2]}`];
  m = /^(\d{4})$/.exec(s);
  if (m) return [m[1] as string];
  return [];
}

/** A day that does not exist (31 Feb) keeps only its month; a month that does not exist is unreadable. */
function validDay(y: string, mo: string, d: string): string[] {
  if (Number(mo) < 1 || Number(mo) > 12) return [];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number(d) < 1 || date.getUTCMonth() !== Number(mo) - 1) return [`${y}-${mo}`];
  return [`${y}-${mo}-${d}`];
}

const MAX_PROBLEMS_RATIO = 0.5;

/**
 * Collects a list's entries: duplicate ids and rows that could not be read become problems.
 * `finish` refuses a file where nothing, or most rows, could be read (a failed import, not a partial one).
 */
export class Collector {
  readonly entries: ParsedEntry[] = [];
  readonly problems: ParsedList["problems"] = [];
  private readonly ids = new Set<string>();
  constructor(readonly file: string) {}

  problem(where: string, message: string) {
    this.problems.push({ where, message });
  }

  add(entry: ParsedEntry, where: string) {
    if (!entry.entryId) return this.problem(where, "the entry has no id");
    if (!entry.name.trim()) return this.problem(where, `entry ${entry.entryId} has no name`);
    if (this.ids.has(entry.entryId)) return this.problem(where, `entry id ${entry.entryId} appears twice; the second is skipped`);
    this.ids.add(entry.entryId);
    this.entries.push(entry);
  }

  /** The entries, tidied (no repeated aliases, dates, countries), or an error when the file is mostly unreadable. */
  finish(): ParsedList {
    for (const entry of this.entries) {
      entry.name = entry.name.trim().replace(/\s+/g, " ");
      entry.aliases = dedupeAliases(entry.name, entry.aliases);
      entry.birthDates = [...new Set(entry.birthDates)];
      entry.nationalities = [...new Set(entry.nationalities)];
      entry.programs = [...new Set(entry.programs.map((p) => p.trim()).filter(Boolean))];
    }
    if (this.entries.length === 0) {
      const first = this.problems[0];
      throw new ListParseError(this.file, first?.where ?? null, first ? `no entry could be read: ${first.message}` : "the file has no entries");
    }
    if (this.problems.length > (this.entries.length + this.problems.length) * MAX_PROBLEMS_RATIO) {
      const first = this.problems[0];
      throw new ListParseError(this.file, first?.where ?? null, `${this.problems.length} of ${this.entries.length + this.problems.length} rows could not be read (first: ${first?.message})`);
    }
    return { entries: this.entries, problems: this.problems };
  }
}

/** Aliases without the primary name and without repeats (a strong spelling wins over a weak one). */
function dedupeAliases(name: string, aliases: ParsedEntry["aliases"]): ParsedEntry["aliases"] {
  const key = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
  const seen = new Map<string, ParsedEntry["aliases"][number]>();
  const primary = key(name);
  for (const a of aliases) {
    const k = key(a.name);
    if (!k || k === primary) continue;
    const had = seen.get(k);
    if (!had || (had.quality === "weak" && a.quality === "strong")) seen.set(k, { name: a.name.trim().replace(/\s+/g, " "), quality: a.quality });
  }
  return [...seen.values()];
}
