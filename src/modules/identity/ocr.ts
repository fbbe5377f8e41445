/**
 * Reading the machine-readable zone from a photo or scan of a document's data page, locally:
 * tesseract.js (WebAssembly) with the English LSTM model from the npm package
 * @tesseract.js-data/eng, loaded from node_modules (never from the network, never cached elsewhere).
 * One worker for the whole process, created on first use, jobs queued one after another, stopped
 * after a minute without work (or by terminateOcr() at shutdown).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createWorker, OEM, PSM, type Worker } from "tesseract.js";
import { AppError } from "../../kernel/errors";
import { type MrzResult, parseMrz } from "../checks/mrz";
import { mrzCandidates } from "./ocr-lines";

const require = createRequire(import.meta.url);
/** The LSTM-only ("best_int") model shipped by the package: smaller and faster than the legacy+LSTM one. */
export const LANG_PATH = join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int");
const WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
const IDLE_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;

export interface MrzReading {
  mrz: MrzResult;
  /** The text tesseract read from the whole image (only MRZ characters). */
  text: string;
  /** Mean confidence (0–100) of the lines taken as the zone. */
  confidence: number;
  ms: number;
}

let worker: Promise<Worker> | null = null;
let queue: Promise<unknown> = Promise.resolve();
let idle: NodeJS.Timeout | null = null;

async function startWorker(): Promise<Worker> {
  // errorHandler: without one, tesseract.js rethrows a failed job from its message listener (an
  // uncaught exception that would end the process); the job's promise rejects either way.
  const options = { langPath: LANG_PATH, gzip: true, cacheMethod: "none", errorHandler: () => undefined };
  const w = await createWorker("eng", OEM.LSTM_ONLY, options, {
    // No dictionaries: a zone is codes, not English words.
    load_system_dawg: "0",
    load_freq_dawg: "0",
    // Tesseract's own diagnostics ("Estimating resolution as …") would go to the process's stderr,
    // around the structured log. (A real init parameter the typings do not list.)
    ...({ debug_file: "/dev/null" } as object),
  });
  await w.setParameters({ tessedit_char_whitelist: WHITELIST, tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: "0" });
  return w;
}

function getWorker(): Promise<Worker> {
  if (!worker) {
    worker = startWorker();
    worker.catch(() => {
      worker = null;
    });
  }
  return worker;
}

function touch() {
  if (idle) clearTimeout(idle);
  idle = setTimeout(() => void terminateOcr(), IDLE_MS);
  idle.unref();
}

/** Stops the shared worker (tests, shutdown); the next read starts a new one. */
export async function terminateOcr(): Promise<void> {
  if (idle) clearTimeout(idle);
  idle = null;
  const w = worker;
  worker = null;
  if (w) await (await w.catch(() => null))?.terminate();
}

/** Runs `job` after the jobs already queued (one recognition at a time per process). */
function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError("ocr_unreadable", `Reading the image took longer than ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

async function recognise(image: Uint8Array, timeoutMs: number) {
  const w = await getWorker();
  const job = w.recognize(Buffer.from(image), { rotateAuto: true }, { text: true, blocks: true });
  try {
    return await withTimeout(job, timeoutMs);
  } catch (err) {
    // A stuck or failed recognition may hold the worker: drop it so the next read starts clean.
    await terminateOcr();
    if (err instanceof AppError) throw err;
    throw new AppError("ocr_unreadable", "The image could not be decoded or read", { cause: err });
  }
}

/**
 * OCR of a data page, then parseMrz on the zone found in it. Throws AppError("ocr_unreadable")
 * when no zone can be found; a zone with check-digit errors is returned (mrz.valid false).
 */
export function readMrz(image: Uint8Array, opts: { timeoutMs?: number; now?: Date } = {}): Promise<MrzReading> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return enqueue(async () => {
    const started = performance.now();
    try {
      const { data } = await recognise(image, timeoutMs);
      const lines = (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.map((l) => ({ text: l.text, confidence: l.confidence }))));
      // Tesseract leaves line confidences at 0 after some automatic rotations: the page's mean then stands in.
      const best = bestReading(lines, opts.now, data.confidence);
      if (!best) throw new AppError("ocr_unreadable", "No machine-readable zone was found in the image");
      return { mrz: best.mrz, text: data.text, confidence: Math.round(best.confidence * 10) / 10, ms: Math.round(performance.now() - started) };
    } finally {
      touch();
    }
  });
}

/** Of the candidate zones in the OCR lines, the first that parses valid, else the one with the fewest errors. */
function bestReading(lines: Array<{ text: string; confidence: number }>, now: Date | undefined, pageConfidence: number): { mrz: MrzResult; confidence: number } | null {
  let best: { mrz: MrzResult; confidence: number } | null = null;
  for (const c of mrzCandidates(lines)) {
    const mrz = parseMrz(c.lines.join("\n"), { now });
    if (mrz.format === null) continue;
    const confidence = c.confidence > 0 ? c.confidence : pageConfidence;
    if (mrz.valid) return { mrz, confidence };
    if (!best || mrz.errors.length < best.mrz.errors.length) best = { mrz, confidence };
  }
  return best;
}
