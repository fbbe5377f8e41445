#!/usr/bin/env node
// Entry for `node bench/run.mjs [name…]`: runs the named TypeScript benchmarks (bench/<name>.ts)
// through tsx, in order; with no name, every benchmark listed below.
import { existsSync } from "node:fs";
import { register } from "tsx/esm/api";

export const BENCHES = ["foundation", "survey-logic", "survey-bundle", "survey-responses", "survey-summary", "apply-bundle", "onboarding-autosave", "screening", "rescreen", "mrz-ocr", "sealing", "intake", "import", "kpis"];

register();
const asked = process.argv.slice(2);
for (const name of asked.length > 0 ? asked : BENCHES) {
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(file)) {
    console.error(`no benchmark named ${name} (have: ${BENCHES.join(", ")})`);
    process.exit(2);
  }
  console.log(`\n## ${name}`);
  await import(file.href);
}
