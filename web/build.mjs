#!/usr/bin/env node
/**
 * Builds both web entries (back office → web/dist/backoffice, customer pages → web/dist/customer)
 * and writes web/dist/.stamp with a hash of their inputs.
 *
 *   node web/build.mjs              always build
 *   node web/build.mjs --if-stale   build only when the inputs changed since the last build
 *
 * Inputs are every file under web/ except web/dist, plus package-lock.json (a new Vite or React
 * version changes the output too). Prints one line per build and nothing when up to date.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(WEB, "..");
const DIST = join(WEB, "dist");
export const STAMP = join(DIST, ".stamp");
export const ENTRIES = ["backoffice", "customer"];

/** Paths (relative to web/, "/"-separated, sorted) of every input file. */
function inputFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (full === DIST || entry.name === "node_modules" || entry.name === ".DS_Store") continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(WEB, full).split(sep).join("/"));
    }
  };
  walk(WEB);
  return out.sort();
}

/** sha256 over names and contents, so renames count as changes too. */
export function inputHash() {
  const hash = createHash("sha256");
  for (const rel of inputFiles()) {
    hash.update(`${rel}\0`);
    hash.update(readFileSync(join(WEB, rel)));
    hash.update("\0");
  }
  const lock = join(ROOT, "package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.digest("hex");
}

export function isStale(hash = inputHash()) {
  if (!existsSync(STAMP)) return true;
  if (readFileSync(STAMP, "utf8").trim() !== hash) return true;
  return ENTRIES.some((name) => !existsSync(join(DIST, name, "index.html")));
}

/**
 * Runs both Vite builds. With `ifStale`, does nothing when the stamp matches.
 * Returns whether it built.
 */
export async function buildWeb({ ifStale = false, log = console.log } = {}) {
  const hash = inputHash();
  if (ifStale && !isStale(hash)) return false;
  const { build } = await import("vite");
  // Vite bakes process.env.NODE_ENV into the bundle; under a test runner it is "test", which
  // would ship React's development build. The pages are always built for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    for (const name of ENTRIES) {
      const started = performance.now();
      await build({ configFile: join(WEB, name, "vite.config.ts"), mode: "production", logLevel: "warn" });
      log(`web: built ${name} in ${Math.round(performance.now() - started)} ms`);
    }
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  mkdirSync(DIST, { recursive: true });
  writeFileSync(STAMP, `${hash}\n`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildWeb({ ifStale: process.argv.includes("--if-stale") }).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
