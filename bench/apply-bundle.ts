/**
 * The application page's weight on the wire: every JS and CSS file /c/{bank}/a/{token} loads
 * (apply.html's script, module preloads, stylesheets, and any chunk they import statically),
 * gzip -9, against the target (< 80 KB of JavaScript gzipped). The survey respondent page
 * (/c/{bank}/s/{surveyId}), its sibling bundle, is measured the same way in the same run as the
 * peer. Builds web/dist first when its sources changed. Run: `node bench/run.mjs apply-bundle`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildWeb } from "../web/build.mjs";

const DIST = new URL("../web/dist/customer/", import.meta.url).pathname;
const TARGET_JS = 80 * 1024;

interface Asset {
  file: string;
  raw: number;
  gzip: number;
}

/** Files a page loads up front: from its HTML, then static imports between chunks, transitively. */
function pageAssets(htmlFile: string): Asset[] {
  const path = join(DIST, htmlFile);
  if (!existsSync(path)) throw new Error(`web/dist/customer/${htmlFile} is missing: the customer build has no such entry`);
  const html = readFileSync(path, "utf8");
  const seen = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  const out: Asset[] = [];
  while (queue.length > 0) {
    const url = queue.shift() as string;
    if (!url.startsWith("/c/")) throw new Error(`${htmlFile}: unexpected asset ${url}`);
    const rel = url.slice("/c/".length);
    if (seen.has(rel)) continue;
    seen.add(rel);
    const bytes = readFileSync(join(DIST, rel));
    out.push({ file: rel, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    if (rel.endsWith(".js")) {
      const dir = rel.slice(0, rel.lastIndexOf("/") + 1);
      for (const m of bytes.toString("utf8").matchAll(/(?:^|[;}\s])import\s*(?:[^"'()]*?\sfrom\s*)?["'](\.\/[^"']+\.js)["']/g)) {
        queue.push(`/c/${dir}${(m[1] as string).slice(2)}`);
      }
    }
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sum = (list: Asset[], ext: string, key: "raw" | "gzip") => list.filter((a) => a.file.endsWith(ext)).reduce((s, a) => s + a[key], 0);

const built = await buildWeb({ ifStale: true, log: () => {} });
console.log(built ? "web/dist rebuilt from the current sources" : "web/dist is up to date with the sources");

const apply = pageAssets("apply.html");
console.log("\napplication page /c/{bank}/a/{token} — files loaded up front:");
for (const a of apply) console.log(`  ${a.file.padEnd(36)} ${String(a.raw).padStart(8)} B raw ${String(a.gzip).padStart(8)} B gzip -9`);
const js = sum(apply, ".js", "gzip");
const css = sum(apply, ".css", "gzip");
console.log(`\n  JavaScript, gzip -9: ${js} B (${kb(js)})   target < ${kb(TARGET_JS)}: ${js < TARGET_JS ? "met" : "MISSED"} (${Math.round((js / TARGET_JS) * 100)} % of the budget)`);
console.log(`  CSS, gzip -9:        ${css} B (${kb(css)})`);
console.log(`  JavaScript raw:      ${sum(apply, ".js", "raw")} B`);

const survey = pageAssets("survey.html");
const peerJs = sum(survey, ".js", "gzip");
console.log(`\npeer: survey respondent page /c/{bank}/s/{surveyId} — JavaScript gzip -9 ${peerJs} B (${kb(peerJs)}), CSS ${sum(survey, ".css", "gzip")} B, ${survey.length} files`);
const shared = apply.filter((a) => survey.some((b) => b.file === a.file));
console.log(`  shared with the application page (cached after either): ${shared.map((a) => a.file).join(", ") || "nothing"}`);
console.log(`  the application page ships ${(js / Math.max(peerJs, 1)).toFixed(2)}× the survey page's JavaScript`);
