/**
 * From OCR lines to candidate machine-readable zones: the last 2 or 3 lines of MRZ characters at
 * the bottom of the page, as read and with the usual OCR slips repaired (noise specks at the line
 * ends, fillers read as K/C/L/E, a character read twice as both twins of a confusable pair, fillers
 * dropped or added in the trailing run). Every candidate is parsed; the check digits decide.
 */
export interface OcrLine {
  text: string;
  confidence: number;
}

export interface Candidate {
  lines: string[];
  confidence: number;
}

const SHAPES: Array<{ count: number; length: number }> = [
  { count: 3, length: 30 },
  { count: 2, length: 44 },
  { count: 2, length: 36 },
];
const MAX_CANDIDATES = 64;
const TWINS = new Set(["O0", "0O", "I1", "1I", "B8", "8B", "S5", "5S", "Z2", "2Z", "D0", "0D", "Q0", "0Q"]);

/** Only MRZ characters, upper case; the guillemet some engines give for a filler pair becomes `<<`. */
export const cleanOcrLine = (text: string) =>
  text
    .toUpperCase()
    .replace(/«/g, "<<")
    .replace(/[^A-Z0-9<]/g, "");

/** Short space-separated specks at either end of a line (noise next to the zone). */
function trimSpecks(text: string): string {
  const tokens = text.trim().split(/\s+/);
  while (tokens.length > 1 && (tokens[0]?.length ?? 0) <= 2) tokens.shift();
  while (tokens.length > 1 && (tokens.at(-1)?.length ?? 0) <= 2) tokens.pop();
  return cleanOcrLine(tokens.join(""));
}

/** A filler read as K, C, L or E inside a run of fillers. */
function repairFillers(line: string): string {
  let out = line;
  for (let i = 0; i < 2; i++) out = out.replace(/(<<)[KCLE](?=<)/g, "$1<").replace(/(<)[KCLE](?=<<)/g, "$1<");
  return out.replace(/<[KCLE]$/, "<<");
}

/** Fillers added or dropped in the trailing run of fillers, so the line has `length` characters. */
function fitLength(line: string, length: number): string {
  if (line.length === length) return line;
  if (line.length < length) return line.endsWith("<") ? line + "<".repeat(length - line.length) : line;
  const run = /<+$/.exec(line);
  return run && line.length - length < run[0].length ? line.slice(0, length) : line;
}

/** One character too many: each deletion of one twin of a confusable pair read side by side. */
function dropTwins(line: string, length: number): string[] {
  if (line.length !== length + 1) return [];
  const out: string[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    if (TWINS.has(line.slice(i, i + 2))) out.push(line.slice(0, i) + line.slice(i + 1), line.slice(0, i + 1) + line.slice(i + 2));
  }
  return out;
}

function variantsOf(text: string, length: number): string[] {
  const seen = new Set<string>();
  for (const base of [cleanOcrLine(text), trimSpecks(text)]) {
    for (const line of [base, repairFillers(base)]) {
      const fitted = fitLength(line, length);
      seen.add(fitted);
      for (const d of [...dropTwins(line, length), ...dropTwins(fitted, length)]) seen.add(fitLength(d, length));
    }
  }
  const all = [...seen];
  // Lines of the right length first: only those can parse.
  return [...all.filter((l) => l.length === length), ...all.filter((l) => l.length !== length)];
}

function product(lists: string[][]): string[][] {
  let out: string[][] = [[]];
  for (const list of lists) {
    out = out.flatMap((prefix) => list.map((l) => [...prefix, l]));
    if (out.length > MAX_CANDIDATES) out = out.slice(0, MAX_CANDIDATES);
  }
  return out;
}

export function mrzCandidates(ocrLines: OcrLine[]): Candidate[] {
  const lines = ocrLines.filter((l) => cleanOcrLine(l.text).length >= 20);
  const out: Candidate[] = [];
  for (const shape of SHAPES) {
    // The zone is at the bottom of the page: the last lines of about this shape's length.
    const fits = lines.filter((l) => Math.abs(trimSpecks(l.text).length - shape.length) <= 3);
    if (fits.length < shape.count) continue;
    const last = fits.slice(-shape.count);
    const confidence = last.reduce((s, l) => s + l.confidence, 0) / last.length;
    for (const v of product(last.map((l) => variantsOf(l.text, shape.length)))) out.push({ lines: v, confidence });
  }
  return out;
}
