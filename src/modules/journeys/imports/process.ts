/**
 * The import processor, shared by the job and `atrium import`: reads a byte stream, splits it into
 * rows (NDJSON lines, or CSV records with csv-parse), checks each row, and stores the good ones in
 * chunks while the next chunk is being parsed (as many chunks in flight as the sink takes). A bad row never stops the
 * others; every row is counted once as ok, duplicate or failed. Memory is bounded by one chunk, one
 * line (NDJSON lines over 32 KB are skipped, not buffered) and the first MAX_KEPT_ERRORS issues.
 */
import { isUtf8 } from "node:buffer";
import { once } from "node:events";
import { parse as csvParse } from "csv-parse";
import type { IntakeRow } from "../intake/validate";
import { MAX_EVENT_BYTES } from "../intake/validate";
import type { ReportWriter } from "./files";
import { CSV_COLUMNS, type CsvKind, checkHeader, contactRow, eventLine, type ImportKind, type RowIssue, requestRow } from "./rows";
import type { EventSink } from "./sink";

/** Issues kept on the import row (the counts stay exact; the report has them all). */
export const MAX_KEPT_ERRORS = 1_000;
export const PROGRESS_EVERY_MS = 500;

export interface Progress {
  bytesDone: number;
  rowsTotal: number;
  rowsOk: number;
  rowsDuplicate: number;
  rowsFailed: number;
  /** The first MAX_KEPT_ERRORS issues. */
  errors: RowIssue[];
}

/** A problem with the whole file (its header): nothing was imported. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportFileError";
  }
}

export interface ProcessOptions {
  kind: ImportKind;
  /** The file's bytes (already inflated). */
  body: Bytes;
  sink: EventSink;
  report: ReportWriter;
  /** "Now" for the future-time checks (milliseconds). */
  now: number;
  /** Called at most every `progressEveryMs` while running, and once at the end. */
  onProgress?: (p: Progress) => Promise<void> | void;
  progressEveryMs?: number;
  /** The clock the throttle reads (tests pass a manual one). */
  clock?: () => number;
}

/** The file's bytes, in order. */
export type Bytes = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

type Item = { row: number; event: IntakeRow | null; issues: RowIssue[] };

/** Splits bytes into lines (LF or CRLF); a line longer than `max` bytes is passed on as its length only. */
async function* ndjsonLines(body: Bytes, counted: (n: number) => void): AsyncGenerator<{ line: string | null; bytes: number; utf8: boolean }[]> {
  let rest: Buffer = Buffer.alloc(0);
  let skipping = 0;
  const decode = (b: Buffer) => {
    const end = b.length && b[b.length - 1] === 13 ? b.length - 1 : b.length;
    const slice = b.subarray(0, end);
    return { line: slice.toString("utf8"), bytes: slice.length, utf8: isUtf8(slice) };
  };
  for await (const chunk of body) {
    counted(chunk.byteLength);
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: { line: string | null; bytes: number; utf8: boolean }[] = [];
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      if (skipping) {
        out.push({ line: null, bytes: skipping + nl - start, utf8: true });
        skipping = 0;
      } else {
        const piece = buf.subarray(start, nl);
        const whole = rest.length ? Buffer.concat([rest, piece]) : piece;
        rest = Buffer.alloc(0);
        out.push(whole.length > MAX_EVENT_BYTES + 1 ? { line: null, bytes: whole.length, utf8: true } : decode(whole));
      }
      start = nl + 1;
    }
    const tail = buf.subarray(start);
    if (skipping) skipping += tail.length;
    else if (rest.length + tail.length > MAX_EVENT_BYTES + 1) {
      skipping = rest.length + tail.length;
      rest = Buffer.alloc(0);
    } else if (tail.length) rest = rest.length ? Buffer.concat([rest, tail]) : Buffer.from(tail);
    if (out.length) yield out;
  }
  if (skipping) yield [{ line: null, bytes: skipping, utf8: true }];
  else if (rest.length) yield [decode(rest)];
}

/** NDJSON → items; blank lines are not rows (their numbers still count, so row = line number). */
async function* ndjsonItems(body: Bytes, now: number, counted: (n: number) => void): AsyncGenerator<Item[]> {
  let lineNo = 0;
  for await (const lines of ndjsonLines(body, counted)) {
    const items: Item[] = [];
    for (const l of lines) {
      lineNo += 1;
      const issues: RowIssue[] = [];
      if (l.line === null) {
        issues.push({ row: lineNo, field: "", message: `the line is longer than ${MAX_EVENT_BYTES} bytes (the limit of one event)` });
        items.push({ row: lineNo, event: null, issues });
        continue;
      }
      if (!l.line.trim()) continue;
      if (!l.utf8) {
        issues.push({ row: lineNo, field: "", message: "is not valid UTF-8" });
        items.push({ row: lineNo, event: null, issues });
        continue;
      }
      const event = eventLine(l.line, l.bytes, lineNo, now, issues);
      items.push({ row: lineNo, event, issues });
    }
    if (items.length) yield items;
  }
}

/** CSV → items: the header first (unknown or missing columns stop the file), then one item per record. */
async function* csvItems(kind: CsvKind, body: Bytes, now: number, counted: (n: number) => void): AsyncGenerator<Item[]> {
  let columns: string[] | null = null;
  let row = 0;
  let queue: Item[] = [];
  let headerProblem: string | null = null;
  const toRow = kind === "contacts" ? contactRow : requestRow;
  const width = CSV_COLUMNS[kind].length;
  // on_record / on_skip run synchronously inside write(), in file order: the queue keeps that order.
  const parser = csvParse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: Error | undefined) => {
      if (!columns) {
        headerProblem ??= `the header cannot be read: ${err?.message ?? "malformed CSV"}`;
        return;
      }
      row += 1;
      queue.push({ row, event: null, issues: [{ row, field: "", message: `malformed CSV: ${(err?.message ?? "").slice(0, 200)}` }] });
    },
    on_record: (record: string[]) => {
      if (!columns) {
        const h = checkHeader(kind, record);
        if (h.problems.length) headerProblem ??= h.problems.join("; ");
        columns = h.columns;
        return null;
      }
      row += 1;
      const issues: RowIssue[] = [];
      if (record.length !== width) {
        issues.push({ row, field: "", message: `has ${record.length} cells; the header has ${width}` });
        queue.push({ row, event: null, issues });
        return null;
      }
      const rec: Record<string, string> = {};
      for (let i = 0; i < width; i++) rec[columns[i] as string] = record[i] as string;
      const event = toRow(rec, row, now, issues);
      queue.push({ row, event, issues });
      return null;
    },
  });
  const failed = new Promise<never>((_, reject) => parser.once("error", reject));
  failed.catch(() => undefined);
  // Nothing is pushed to the readable side (on_record returns null); flowing mode lets it end.
  parser.resume();
  const take = () => {
    if (headerProblem) throw new ImportFileError(headerProblem);
    const out = queue;
    queue = [];
    return out;
  };
  for await (const chunk of body) {
    counted(chunk.byteLength);
    if (!parser.write(chunk)) await Promise.race([new Promise((r) => parser.once("drain", r)), failed]);
    const items = take();
    if (items.length) yield items;
  }
  parser.end();
  await Promise.race([once(parser, "finish"), failed]);
  const items = take();
  if (!columns) throw new ImportFileError(`the file is empty: it needs the header ${CSV_COLUMNS[kind].join(",")}`);
  if (items.length) yield items;
}

/** Runs one import to the end and returns the final counts. Throws ImportFileError for a bad header. */
export async function processImport(o: ProcessOptions): Promise<Progress> {
  const clock = o.clock ?? Date.now;
  const every = o.progressEveryMs ?? PROGRESS_EVERY_MS;
  const p: Progress = { bytesDone: 0, rowsTotal: 0, rowsOk: 0, rowsDuplicate: 0, rowsFailed: 0, errors: [] };
  const counted = (n: number) => {
    p.bytesDone += n;
  };
  const items = o.kind === "events" ? ndjsonItems(o.body, o.now, counted) : csvItems(o.kind, o.body, o.now, counted);
  let pending: IntakeRow[] = [];
  // Chunks on their way to the store, oldest first; at most sink.parallel of them.
  const inFlight: Promise<void>[] = [];
  let lastReport = clock();
  const send = async (rows: IntakeRow[]) => {
    if (inFlight.length >= o.sink.parallel) await inFlight.shift();
    const write = o.sink.write(rows).then((stored) => {
      p.rowsOk += stored;
      p.rowsDuplicate += rows.length - stored;
    });
    // A failure is raised when this chunk is awaited; keep Node from calling it unhandled meanwhile.
    write.catch(() => undefined);
    inFlight.push(write);
  };
  try {
    for await (const batch of items) {
      for (const it of batch) {
        p.rowsTotal += 1;
        if (it.event) {
          pending.push(it.event);
          if (pending.length >= o.sink.chunkRows) {
            // Parsing goes on while the chunk is stored.
            await send(pending);
            pending = [];
          }
          continue;
        }
        p.rowsFailed += 1;
        for (const i of it.issues) if (p.errors.length < MAX_KEPT_ERRORS) p.errors.push(i);
        await o.report.add(it.issues);
      }
      if (o.onProgress && clock() - lastReport >= every) {
        lastReport = clock();
        // Rows still on their way to the store are not counted yet, so ok + duplicate + failed = total at every point.
        await o.onProgress({ ...p, rowsTotal: p.rowsOk + p.rowsDuplicate + p.rowsFailed, errors: [...p.errors] });
      }
    }
    if (pending.length) await send(pending);
    // In order, so the first failure is the one raised.
    while (inFlight.length) await inFlight.shift();
  } catch (err) {
    // Let the chunks already sent finish (stored or not) before the caller moves on: a re-run then sees a settled store.
    await Promise.allSettled(inFlight);
    throw err;
  }
  await o.report.close();
  if (o.onProgress) await o.onProgress({ ...p, errors: [...p.errors] });
  return p;
}
