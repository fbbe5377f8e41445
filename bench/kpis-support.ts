/**
 * What the KPI benchmark (bench/kpis.ts) needs around the measurement: the RSS sampler, timing
 * statistics, loading the demo generator's events with COPY, and handing the same events to DuckDB.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { type EventRow, type GenerateOptions, generateUnits } from "../seeds/journeys/generate";

// ---- memory ----

/**
 * Samples this process's RSS every 250 ms and keeps the peak per phase. The server here is this
 * process (engine, fold and, for PGlite, the database itself run in it).
 */
export class RssSampler {
  private phase = "start";
  private readonly peaks = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  constructor() {
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
  }
  private sample() {
    const rss = process.memoryUsage().rss;
    if (rss > (this.peaks.get(this.phase) ?? 0)) this.peaks.set(this.phase, rss);
  }
  /** Starts a phase (the sample at the switch belongs to both). */
  enter(phase: string) {
    this.sample();
    this.phase = phase;
    this.sample();
  }
  stop() {
    this.sample();
    clearInterval(this.timer);
  }
  report(): string[] {
    const mib = (b: number) => `${Math.round(b / 2 ** 20)} MiB`;
    // The DuckDB peer runs in this process too, but it is not the server: its phase is left out of the verdict.
    const server = [...this.peaks].filter(([p]) => !p.startsWith("duckdb"));
    const max = Math.max(0, ...server.map(([, b]) => b));
    return [
      ...[...this.peaks].map(([p, b]) => `  ${p.padEnd(34)} peak RSS ${mib(b)}`),
      `  server peak RSS (every phase but the DuckDB peer) ${mib(max)} — ${max < 2 ** 30 ? "under" : "OVER"} the 1 GiB target`,
    ];
  }
}

// ---- timing ----

export interface Timing {
  p50: number;
  p90: number;
  max: number;
  runs: number;
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;

/** `warmup` unmeasured runs, then `runs` timed ones (ms): nearest-rank p50 and p90, max. */
export async function timeRuns<T>(fn: () => Promise<T>, runs: number, warmup: number): Promise<Timing & { last: T }> {
  let last: T | undefined;
  for (let i = 0; i < warmup; i++) last = await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: at(ms, 0.5), p90: at(ms, 0.9), max: ms[ms.length - 1] ?? 0, runs, last: last as T };
}

export const fmtMs = (t: Timing) => `p50 ${t.p50.toFixed(1)} ms, p90 ${t.p90.toFixed(1)} ms, max ${t.max.toFixed(1)} ms (${t.runs} runs)`;
export const fmtN = (n: number) => Math.round(n).toLocaleString("en-US");

// ---- loading ----

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is null. */
const esc = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
const cell = (v: string | null) => (v === null ? "\\N" : esc(v));
const line = (r: EventRow) =>
  `${r.tenant_id}\t${r.source_id}\t${cell(r.message_id)}\ttrack\t${cell(r.event)}\t${cell(r.user_id)}\t${cell(r.anonymous_id)}\t${cell(r.journey_id)}\t${r.occurred_at}\t${r.received_at}\t${esc(JSON.stringify(r.properties))}\t${esc(JSON.stringify(r.context))}\n`;

const COLUMNS = "tenant_id, source_id, message_id, type, event, user_id, anonymous_id, journey_id, occurred_at, received_at, properties, context";

/**
 * Streams the generator's events into journey_events with COPY, one COPY statement (one
 * transaction, one firing of the dirty-marking statement trigger) per `perCopy` rows, cut between
 * units. Returns the rows written and the journeys (units) made.
 */
export async function copyEvents(url: string, o: GenerateOptions, perCopy = 500_000, onCopy?: (rows: number) => void): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  try {
    const units = generateUnits(o);
    let done = false;
    while (!done) {
      const stream = client.query(copyFrom(`copy journey_events (${COLUMNS}) from stdin`));
      let inCopy = 0;
      let buf = "";
      for (;;) {
        const next = units.next();
        if (next.done) {
          done = true;
          break;
        }
        for (const r of next.value) buf += line(r);
        inCopy += next.value.length;
        if (buf.length > 1 << 20) {
          if (!stream.write(buf)) await once(stream, "drain");
          buf = "";
        }
        if (inCopy >= perCopy) break;
      }
      stream.end(buf);
      await once(stream, "finish");
      rows += inCopy;
      onCopy?.(rows);
    }
  } finally {
    await client.end();
  }
  return rows;
}

/**
 * Exports one tenant's events as CSV (the columns the peer reads; occurred_at as UTC text) for
 * DuckDB's read_csv. Returns the file's size in bytes.
 */
export async function exportCsv(url: string, tenantId: string, file: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("set time zone 'UTC'");
    const src = client.query(
      copyTo(`copy (select entity, event, user_id, to_char(occurred_at, 'YYYY-MM-DD HH24:MI:SS.MS') as t, message_id, properties from journey_events where tenant_id = '${tenantId}') to stdout with (format csv, header true)`),
    );
    await pipeline(src, createWriteStream(file, { highWaterMark: 1 << 20 }));
  } finally {
    await client.end();
  }
}
