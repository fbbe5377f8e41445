/**
 * `atrium import <events|contacts|requests> <file> [--source name] [--tenant slug]`: the import
 * processor run in this process on a local file (gzip recognised by its magic bytes), recorded
 * as an import of the bank like an upload. A progress bar on a terminal (a plain line every few
 * seconds otherwise), then the counts and the first row errors. Exit 1 when a row failed, 2 on
 * usage errors.
 */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { Transform } from "node:stream";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import { sql } from "kysely";
import type { Config } from "../config";
import { AppError } from "../kernel/errors";
import { importSource, markFailed, runImport, startLocalImport } from "../modules/journeys/imports/imports";
import type { Progress } from "../modules/journeys/imports/process";
import { IMPORT_KINDS, type ImportKind, type RowIssue } from "../modules/journeys/imports/rows";
import type { EventSourceRow } from "../modules/journeys/sources";
import { resolveTenant } from "../modules/tenancy/queries";
import type { Deps } from "../server/deps";
import { UsageError, withDeps } from "./admin";

export const IMPORT_USAGE = "usage: atrium import <events|contacts|requests> <file> [--source <name>] [--tenant <slug>]";
/** Row errors printed after the summary (the rest are in the report). */
export const SHOWN_ERRORS = 20;

export interface ImportCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Progress output (stderr): a terminal gets a redrawn bar, anything else a line now and then. */
  progress?: { write: (s: string) => void; isTTY: boolean };
}

const stdio: ImportCommandIo = { out: (l) => console.log(l), err: (l) => console.error(l), progress: process.stderr };

/** Runs the command; returns the exit code (usage errors print the usage and give 2). */
export async function importCommand(config: Config, args: string[], io: ImportCommandIo = stdio, run = withDeps): Promise<number> {
  try {
    const { kind, file, source, tenant } = parseImportArgs(args);
    const size = await stat(file).then(
      (s) => (s.isFile() ? s.size : Number.NaN),
      () => Number.NaN,
    );
    if (Number.isNaN(size)) throw new UsageError(`Cannot read ${file}: no such file.`);
    return await run(config, (deps) => importFile(deps, { kind, file, size, source, tenant }, io));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(err.message);
    return 2;
  }
}

export function parseImportArgs(args: string[]): { kind: ImportKind; file: string; source?: string; tenant?: string } {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: { source: { type: "string" }; tenant: { type: "string" } } }>>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { source: { type: "string" }, tenant: { type: "string" } } });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${IMPORT_USAGE}`);
  }
  const [kind, file, ...extra] = parsed.positionals;
  if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`${kind ? `Unknown kind ${kind}: ` : ""}choose events (NDJSON), contacts or requests (CSV).\n${IMPORT_USAGE}`);
  if (!file) throw new UsageError(`Name the file to import.\n${IMPORT_USAGE}`);
  if (extra.length) throw new UsageError(`Unexpected: ${extra.join(" ")}\n${IMPORT_USAGE}`);
  return { kind: kind as ImportKind, file, source: parsed.values.source, tenant: parsed.values.tenant };
}

async function tenantOf(deps: Deps, slug: string | undefined) {
  try {
    return await resolveTenant(deps.db, slug, "--tenant");
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (slug) throw new UsageError(`No bank with the slug ${slug} on this server.`);
    throw new UsageError("Say which bank with --tenant <slug> (this server hosts more than one, or none yet).");
  }
}

async function sourceByName(deps: Deps, tenantId: string, slug: string, name: string): Promise<EventSourceRow> {
  const row = await deps.db.selectFrom("event_sources").selectAll().where("tenant_id", "=", tenantId).where(sql<string>`lower(name)`, "=", name.trim().toLowerCase()).executeTakeFirst();
  if (!row) throw new UsageError(`${slug} has no source named "${name}". Make one with: atrium source create "${name}" --kind import --tenant ${slug}`);
  if (row.kind !== "import") throw new UsageError(`"${row.name}" is a source of kind ${row.kind}; files go to a source of kind import.`);
  if (row.disabled_at) throw new UsageError(`The source "${row.name}" is disabled.`);
  return row;
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, "r");
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const clockText = (s: number) => (Number.isFinite(s) ? `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}` : "–");

/** One progress line: the bar (terminals), bytes, rows, rate and ETA. */
export function progressLine(p: Progress, total: number, seconds: number, bar: boolean): string {
  const share = total > 0 ? Math.min(1, p.bytesDone / total) : 1;
  const rate = seconds > 0 ? Math.round(p.rowsTotal / seconds) : 0;
  const eta = share > 0 ? (seconds / share) * (1 - share) : Number.POSITIVE_INFINITY;
  const width = 24;
  const filled = Math.round(share * width);
  const head = bar ? `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` : "";
  return `${head}${(share * 100).toFixed(0).padStart(3)}%  ${mb(p.bytesDone)} / ${mb(total)}  ${p.rowsTotal.toLocaleString("en")} rows  ${rate.toLocaleString("en")} rows/s  ETA ${clockText(eta)}`;
}

async function importFile(deps: Deps, a: { kind: ImportKind; file: string; size: number; source?: string; tenant?: string }, io: ImportCommandIo): Promise<number> {
  const tenant = await tenantOf(deps, a.tenant);
  const ctx = { actor: null, now: deps.clock.now(), requestId: "cli" };
  const source = a.source ? await sourceByName(deps, tenant.id, tenant.slug, a.source) : await importSource(deps.db, tenant.id, undefined, ctx.now);
  const imp = await startLocalImport(deps, ctx, tenant.id, { kind: a.kind, source, fileName: basename(a.file), bytes: a.size });
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      read += chunk.length;
      cb(null, chunk);
    },
  });
  const raw = createReadStream(a.file, { highWaterMark: 1 << 20 }).pipe(counter);
  const body = (await isGzip(a.file)) ? raw.pipe(createGunzip()) : raw;
  const started = performance.now();
  const tty = io.progress?.isTTY ?? false;
  let lastLine = 0;
  const onProgress = (p: Progress) => {
    if (!io.progress) return;
    const seconds = (performance.now() - started) / 1000;
    if (tty) io.progress.write(`\r${progressLine(p, a.size, seconds, true)}\u001b[K`);
    else if (seconds - lastLine >= 5) {
      lastLine = seconds;
      io.progress.write(`${progressLine(p, a.size, seconds, false)}\n`);
    }
  };
  let done: Awaited<ReturnType<typeof runImport>>;
  try {
    done = await runImport(deps, imp, body, { onProgress, bytesRead: () => read, progressEveryMs: tty ? 200 : 500 });
  } catch (err) {
    await markFailed(deps.db, tenant.id, imp.id, err instanceof Error ? err.message : String(err), deps.clock.now());
    if (tty) io.progress?.write("\n");
    throw err;
  }
  const seconds = (performance.now() - started) / 1000;
  const final: Progress = { bytesDone: a.size, rowsTotal: done.rows_total, rowsOk: done.rows_ok, rowsDuplicate: done.rows_duplicate, rowsFailed: done.rows_failed, errors: [] };
  if (tty) io.progress?.write(`\r${progressLine(final, a.size, seconds, true)}\u001b[K\n`);
  if (done.status === "failed") {
    io.err(`${basename(a.file)} was not imported: ${done.failure ?? "failed"}`);
    return 1;
  }
  io.out(`Imported ${basename(a.file)} (${a.kind}) into "${source.name}" of ${tenant.slug}: ${done.rows_total.toLocaleString("en")} rows in ${seconds.toFixed(1)} s (${Math.round(done.rows_total / Math.max(seconds, 0.001)).toLocaleString("en")} rows/s).`);
  io.out(`  ok ${done.rows_ok.toLocaleString("en")}, duplicates ${done.rows_duplicate.toLocaleString("en")}, failed ${done.rows_failed.toLocaleString("en")}`);
  io.out(`  import id: ${done.id}`);
  const errors = done.errors as RowIssue[];
  if (errors.length) {
    io.out(`First row errors${errors.length > SHOWN_ERRORS ? ` (${SHOWN_ERRORS} shown; all of them: GET /api/v1/imports/${done.id}/report.csv, or the Imports page)` : ""}:`);
    for (const e of errors.slice(0, SHOWN_ERRORS)) io.out(`  row ${e.row}${e.field ? `, ${e.field}` : ""}: ${e.message}`);
  }
  return done.rows_failed > 0 ? 1 : 0;
}
