/**
 * MRZ benchmark, printed (not asserted): parseMrz on the ICAO TD3 specimen (µs per zone), then
 * readMrz (real tesseract.js OCR with the packaged English model) on each fixture image of
 * tests/fixtures/mrz: worker start-up once, then the median of BENCH_OCR_RUNS reads per image,
 * and whether the zone read equals the printed one.
 * Run: `node bench/run.mjs mrz-ocr`.
 */
import { readFileSync } from "node:fs";
import { parseMrz } from "../src/modules/checks/mrz";
import { readMrz, terminateOcr } from "../src/modules/identity/ocr";

const RUNS = Number(process.env.BENCH_OCR_RUNS ?? 3);
const DIR = new URL("../tests/fixtures/mrz/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("manifest.json", DIR), "utf8")) as Array<{ file: string; lines: string[] }>;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
const N = 50_000;
let t = performance.now();
for (let i = 0; i < N; i++) parseMrz(TD3);
console.log(`parseMrz: ${(((performance.now() - t) * 1000) / N).toFixed(1)} µs per TD3 zone (${N} zones)`);

t = performance.now();
await readMrz(readFileSync(new URL("td2-synthetic.png", DIR)));
console.log(`OCR worker start + first read: ${Math.round(performance.now() - t)} ms`);

console.log("image                 read ms (median)  confidence  zone as printed  valid");
for (const m of manifest.filter((x) => x.lines.length > 0)) {
  const bytes = readFileSync(new URL(m.file, DIR));
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof readMrz>> | null = null;
  for (let i = 0; i < RUNS; i++) {
    last = await readMrz(bytes);
    times.push(last.ms);
  }
  const same = last?.mrz.lines.join("\n") === m.lines.join("\n");
  console.log(`${m.file.padEnd(22)}${String(median(times)).padStart(16)}  ${String(last?.confidence).padStart(10)}  ${String(same).padStart(15)}  ${last?.mrz.valid}`);
}
await terminateOcr();
