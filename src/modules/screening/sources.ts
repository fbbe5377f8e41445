/**
 * Lists fetched from configured URLs (SCREENING_SOURCES) and imported on a schedule:
 *
 *   SCREENING_SOURCES="un=un-xml:https://scsanctions.un.org/resources/xml/en/consolidated.xml;
 *     ofac-sdn=ofac-csv:https://…/sdn.csv|https://…/alt.csv|https://…/add.csv"
 *
 * `;` separates lists, `<list id>=<format>:<url>` names one, `|` separates the files of ofac-csv.
 * Fetching is HTTPS only (plain HTTP only when NODE_ENV=test), bounded in time and size.
 */
import type { Db } from "../../db";
import type { ListFormat } from "../../db/schema-compliance";
import { type ImportResult, importList, recordFailedAttempt } from "./import";
import { LIST_ID_PATTERN } from "./lists";
import { isListFormat, type ListFile, LIST_FORMATS } from "./parsers";

export interface ScreeningSource {
  listId: string;
  format: ListFormat;
  urls: string[];
}

export class SourcesConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid SCREENING_SOURCES:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SourcesConfigError";
  }
}

/** Parses SCREENING_SOURCES; throws SourcesConfigError listing every problem. Empty → []. */
export function parseSources(raw: string | undefined, opts: { allowHttp?: boolean } = {}): ScreeningSource[] {
  if (!raw?.trim()) return [];
  const problems: string[] = [];
  const out: ScreeningSource[] = [];
  raw
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)
    .forEach((part, i) => {
      const label = `source ${i + 1} ("${part.slice(0, 60)}")`;
      const m = /^([^=]+)=([a-z-]+):(.+)$/.exec(part);
      if (!m) {
        problems.push(`${label}: expected <list id>=<format>:<url>[|<url>…]`);
        return;
      }
      const [, listId = "", format = "", rest = ""] = m.map((x) => x.trim());
      let ok = true;
      if (!LIST_ID_PATTERN.test(listId)) {
        problems.push(`${label}: list id "${listId}" must be lower-case letters, digits and dashes`);
        ok = false;
      }
      if (!isListFormat(format)) {
        problems.push(`${label}: format "${format}" must be one of ${LIST_FORMATS.join(", ")}`);
        ok = false;
      }
      const urls = rest.split("|").map((u) => u.trim());
      for (const u of urls) {
        let url: URL | null = null;
        try {
          url = new URL(u);
        } catch {
          problems.push(`${label}: "${u.slice(0, 80)}" is not a URL`);
          ok = false;
          continue;
        }
        if (url.protocol !== "https:" && !(opts.allowHttp && url.protocol === "http:")) {
          problems.push(`${label}: ${url.protocol}// is not allowed (https only)`);
          ok = false;
        }
      }
      if (isListFormat(format) && format !== "ofac-csv" && urls.length !== 1) {
        problems.push(`${label}: ${format} takes one URL (only ofac-csv takes sdn.csv|alt.csv|add.csv)`);
        ok = false;
      }
      if (format === "ofac-csv" && urls.length > 3) {
        problems.push(`${label}: ofac-csv takes at most 3 URLs (sdn.csv, alt.csv, add.csv)`);
        ok = false;
      }
      if (out.some((s) => s.listId === listId)) {
        problems.push(`${label}: list id "${listId}" is configured twice`);
        ok = false;
      }
      if (ok) out.push({ listId, format: format as ListFormat, urls });
    });
  if (problems.length) throw new SourcesConfigError(problems);
  return out;
}

export const FETCH_DEFAULTS = { timeoutMs: 120_000, maxBytes: 200 * 1024 * 1024 };

/** One URL's bytes, refusing non-2xx answers, slow servers and bodies over the cap. */
export async function fetchListFile(url: string, opts: { timeoutMs?: number; maxBytes?: number } = {}): Promise<ListFile> {
  const timeoutMs = opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = opts.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { signal, redirect: "follow", headers: { accept: "text/csv, application/xml, text/xml, */*" } });
  } catch (err) {
    throw new Error(signal.aborted ? `${url}: no answer within ${timeoutMs} ms` : `${url}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`${url}: the server answered ${res.status} ${res.statusText}`.trim());
  }
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new Error(`${url}: the file is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw new Error(`${url}: the file is over the ${maxBytes}-byte limit`);
      chunks.push(chunk);
    }
  } catch (err) {
    if (signal.aborted) throw new Error(`${url}: the download did not finish within ${timeoutMs} ms`);
    throw err;
  }
  const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || "") || "download";
  return { name, bytes: Buffer.concat(chunks) };
}

export type SourceOutcome = { listId: string; ok: true; result: ImportResult } | { listId: string; ok: false; error: string };

/** Fetches and imports each source; a failure is recorded on its list and does not stop the others. */
export async function importSources(db: Db, sources: ScreeningSource[], opts: { now: () => Date; importedBy?: string; timeoutMs?: number; maxBytes?: number }): Promise<SourceOutcome[]> {
  const out: SourceOutcome[] = [];
  for (const s of sources) {
    const source = s.urls.join(" | ");
    const importedBy = opts.importedBy ?? "schedule";
    let files: ListFile[];
    try {
      files = [];
      for (const url of s.urls) files.push(await fetchListFile(url, opts));
    } catch (err) {
      const error = (err as Error).message;
      await recordFailedAttempt(db, { listId: s.listId, format: s.format, source, importedBy, now: opts.now(), sourceUrl: s.urls[0] }, `download failed: ${error}`);
      out.push({ listId: s.listId, ok: false, error });
      continue;
    }
    try {
      const result = await importList(db, { listId: s.listId, format: s.format, files, source, importedBy, now: opts.now(), sourceUrl: s.urls[0] });
      out.push({ listId: s.listId, ok: true, result });
    } catch (err) {
      out.push({ listId: s.listId, ok: false, error: (err as Error).message });
    }
  }
  return out;
}
