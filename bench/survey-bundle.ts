/**
 * The respondent page's weight on the wire: every JS and CSS file /c/{bank}/s/{surveyId} loads
 * (survey.html's script, module preloads, stylesheets, and any chunk they import), gzip -9, next to
 * the target (< 60 KB of JavaScript gzipped) and, as the peer, the back office's first load
 * (/app: index.html's files) measured the same way. Builds web/dist first when its sources changed.
 * Run: `node bench/run.mjs survey-bundle`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildWeb } from "../web/build.mjs";

const DIST = new URL("../web/dist/", import.meta.url).pathname;
const TARGET_JS = 60 * 1024;

interface Asset {
  file: string;
  raw: number;
  gzip: number;
}

/** Files a page loads up front: from its HTML, then static imports between chunks, transitively. */
function pageAssets(entry: string, html: string, base: string): Asset[] {
  const seen = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  const out: Asset[] = [];
  while (queue.length > 0) {
    const url = queue.shift() as string;
    if (!url.startsWith(base)) throw new Error(`${entry}: unexpected asset ${url}`);
    const rel = url.slice(base.length);
    if (seen.has(rel)) continue;
    seen.add(rel);
    const path = join(DIST, entry, rel);
    const bytes = readFileSync(path);
    out.push({ file: rel, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    if (rel.endsWith(".js")) {
      // Static imports only (`import … from "./x.js"`, `import "./x.js"`); dynamic import() loads later.
      const dir = rel.slice(0, rel.lastIndexOf("/") + 1);
      for (const m of bytes.toString("utf8").matchAll(/(?:^|[;}\s])import\s*(?:[^"'()]*?\sfrom\s*)?["'](\.\/[^"']+\.js)["']/g)) {
        queue.push(`${base}${dir}${(m[1] as string).slice(2)}`);
      }
    }
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sum = (list: Asset[], ext: string, key: "raw" | "gzip") => list.filter((a) => a.file.endsWith(ext)).reduce((s, a) => s + a[key], 0);

const built = await buildWeb({ ifStale: true, log: () => {} });
console.log(built ? "web/dist rebuilt from the current sources" : "web/dist is up to date with the sources");

const surveyHtml = join(DIST, "customer", "survey.html");
if (!existsSync(surveyHtml)) throw new Error("web/dist/customer/survey.html is missing: the customer build has no survey entry");
const survey = pageAssets("customer", readFileSync(surveyHtml, "utf8"), "/c/");
const backoffice = pageAssets("backoffice", readFileSync(join(DIST, "backoffice", "index.html"), "utf8"), "/app/");

console.log("\nrespondent page /c/{bank}/s/{surveyId} — files loaded up front:");
for (const a of survey) console.log(`  ${a.file.padEnd(36)} ${String(a.raw).padStart(8)} B raw ${String(a.gzip).padStart(8)} B gzip -9`);
const js = sum(survey, ".js", "gzip");
const css = sum(survey, ".css", "gzip");
console.log(`\n  JavaScript, gzip -9: ${js} B (${kb(js)})   target < ${kb(TARGET_JS)}: ${js < TARGET_JS ? "met" : "MISSED"} (${Math.round((js / TARGET_JS) * 100)} % of the budget)`);
console.log(`  CSS, gzip -9:        ${css} B (${kb(css)})`);
console.log(`  JavaScript raw:      ${sum(survey, ".js", "raw")} B`);

const peerJs = sum(backoffice, ".js", "gzip");
console.log(`\npeer: back office /app first load — JavaScript gzip -9 ${peerJs} B (${kb(peerJs)}), CSS ${sum(backoffice, ".css", "gzip")} B, ${backoffice.length} files`);
console.log(`  the respondent page ships ${(peerJs / Math.max(js, 1)).toFixed(1)}× less JavaScript than the back office`);
