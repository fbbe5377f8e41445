/**
 * Derives the demo generator's calibration constants from the public data sets in ../shared/data
 * (outside the repository; see its README.md for provenance and caveats) and prints them. The
 * generator does not read these files: it uses the constants committed in
 * seeds/journeys/calibration.ts, which this script's output was copied into. Run it again after the
 * data changes and compare:
 *
 *   npx tsx scripts/calibrate-demo.ts [data folder, default ../shared/data]
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { segmentOf } from "../seeds/journeys/segments";

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, "../../shared/data"));
type Row = Record<string, string>;

function readCsv(file: string, encoding: BufferEncoding = "utf8"): Row[] | null {
  const path = join(dir, file);
  if (!existsSync(path)) {
    console.log(`// ${file}: not found in ${dir}; skipped`);
    return null;
  }
  return parse(readFileSync(path, encoding), { columns: true, skip_empty_lines: true, relax_quotes: true }) as Row[];
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const shares = (counts: number[]) => {
  const n = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => round(c / n));
};
/** The value at quantile q of sorted numbers (linear between order statistics, as R's type 7). */
function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}
const QS = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99, 1];

// NPS answers 0–10, comment share per answer band, and the satisfaction 0–10 column folded onto 1–5
// (0–2 → 1, 3–4 → 2, 5–6 → 3, 7–8 → 4, 9–10 → 5). Latin-1: the file is not UTF-8 (README).
const nps = readCsv("nps-retail-cc0.csv", "latin1");
if (nps) {
  const counts = new Array(11).fill(0);
  const sat = new Array(5).fill(0);
  // [answers with a comment, answers] per band.
  const commented: Record<string, [number, number]> = { detractor: [0, 0], passive: [0, 0], promoter: [0, 0] };
  for (const r of nps) {
    const v = Number(r.nps);
    if (r.nps === "NA" || !Number.isInteger(v) || v < 0 || v > 10) continue;
    counts[v] += 1;
    const band = v <= 6 ? "detractor" : v <= 8 ? "passive" : "promoter";
    const c = commented[band] ?? [0, 0];
    c[1] += 1;
    if (r.explication && r.explication !== "NA") c[0] += 1;
    const s = Number(r.satisfaction);
    if (r.satisfaction !== "NA" && Number.isInteger(s) && s >= 0 && s <= 10) sat[s <= 2 ? 0 : s <= 4 ? 1 : s <= 6 ? 2 : s <= 8 ? 3 : 4] += 1;
  }
  const n = counts.reduce((a, b) => a + b, 0);
  const p = counts.slice(9).reduce((a, b) => a + b, 0) / n;
  const d = counts.slice(0, 7).reduce((a, b) => a + b, 0) / n;
  console.log(`// nps-retail-cc0.csv: ${n} answers, NPS ${round(100 * (p - d), 1)}`);
  console.log(`export const NPS_SHARES = ${JSON.stringify(shares(counts))};`);
  console.log(`export const CSAT_SHARES = ${JSON.stringify(shares(sat))};`);
  const rate = (x: [number, number] | undefined) => round((x?.[0] ?? 0) / Math.max(1, x?.[1] ?? 0), 3);
  console.log(`export const COMMENT_RATE = { detractor: ${rate(commented.detractor)}, passive: ${rate(commented.passive)}, promoter: ${rate(commented.promoter)} };`);
}

// Telemarketing: call talk time (duration, s), contacts per customer in a campaign (campaign),
// the campaign's conversion (outcome), and age/job/balance → customer segments with each segment's
// share of housing loans and personal loans (housing, loan), which weight mortgage and loan demand.
const uci = readCsv("uci-bank-marketing-full.csv");
if (uci) {
  const durations = uci.map((r) => Number(r.duration)).filter(Number.isFinite).sort((a, b) => a - b);
  console.log(`// uci-bank-marketing-full.csv: ${uci.length} rows; duration median ${quantile(durations, 0.5)} s, mean ${round(durations.reduce((a, b) => a + b, 0) / durations.length, 1)} s`);
  console.log(`export const TALK_QUANTILES = { q: ${JSON.stringify(QS)}, seconds: ${JSON.stringify(QS.map((q) => round(quantile(durations, q), 1)))} };`);
  const campaign = new Array(10).fill(0);
  for (const r of uci) campaign[Math.min(10, Math.max(1, Number(r.campaign))) - 1] += 1;
  console.log(`export const CAMPAIGN_CONTACTS_SHARES = ${JSON.stringify(shares(campaign))}; // 1..9, 10 = 10 or more`);
  const yes = uci.filter((r) => r.outcome === "yes").length;
  console.log(`export const CAMPAIGN_CONVERSION = ${round(yes / uci.length)};`);
  const seg = new Map<string, { n: number; housing: number; loan: number; balances: number[] }>();
  for (const r of uci) {
    const s = segmentOf(Number(r.age), r.job ?? "", Number(r.balance));
    const e = seg.get(s) ?? { n: 0, housing: 0, loan: 0, balances: [] };
    e.n += 1;
    if (r.housing === "yes") e.housing += 1;
    if (r.loan === "yes") e.loan += 1;
    e.balances.push(Number(r.balance));
    seg.set(s, e);
  }
  const out: Record<string, { share: number; housingLoan: number; personalLoan: number; medianBalance: number }> = {};
  for (const [k, e] of [...seg.entries()].sort()) {
    e.balances.sort((a, b) => a - b);
    out[k] = { share: round(e.n / uci.length), housingLoan: round(e.housing / e.n, 3), personalLoan: round(e.loan / e.n, 3), medianBalance: quantile(e.balances, 0.5) };
  }
  console.log(`export const SEGMENTS = ${JSON.stringify(out, null, 2)};`);
  console.log(`// overall: housing loan ${round(uci.filter((r) => r.housing === "yes").length / uci.length, 3)}, personal loan ${round(uci.filter((r) => r.loan === "yes").length / uci.length, 3)}`);
}

// Complaints: the product mix. This sample has only Product and the narrative (README): no
// `Submitted via`, no dates, no `Timely response?`, so the complaint channel mix and turnaround stay
// documented assumptions in calibration.ts; the script says so when the columns are absent.
const cfpb = readCsv("cfpb-complaints-sample.csv");
if (cfpb) {
  const columns = Object.keys(cfpb[0] ?? {});
  console.log(`// cfpb-complaints-sample.csv: ${cfpb.length} rows; columns ${JSON.stringify(columns)}`);
  for (const c of ["Submitted via", "Timely response?", "Date received", "Date sent to company"]) if (!columns.includes(c)) console.log(`//   no "${c}" column: kept as an assumption`);
  const counts = new Map<string, number>();
  for (const r of cfpb) counts.set(r.Product ?? "", (counts.get(r.Product ?? "") ?? 0) + 1);
  console.log(`export const CFPB_PRODUCT_COUNTS = ${JSON.stringify(Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1])))};`);
}
