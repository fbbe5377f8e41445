/**
 * `atrium seed --demo --journeys N --seed S [--until YYYY-MM-DD] [--tenant slug]` and the journeys
 * demo `npm start` writes after the server is listening. Writing is the slow part on the embedded
 * store (PGlite parses and indexes every row in WebAssembly: thousands of rows a second, so 50,000
 * journeys ≈ 600,000 events take minutes), so `start` writes in the background with progress lines
 * and the dashboards fill in as the fold catches up; the CLI writes in the foreground.
 */
import { parseArgs } from "node:util";
import type { Executor } from "../../src/db";
import { resolveTenant } from "../../src/modules/tenancy/queries";
import type { Deps } from "../../src/server/deps";
import { DEMO_TENANT, seedDemo } from "../demo";
import { todayUtc } from "./generate";
import { demoComplete, demoSourceId, seedJourneys, type WriteProgress } from "./writer";

export const DEFAULT_DEMO_JOURNEYS = 50_000;
export const DEFAULT_DEMO_SEED = 1;
const MAX_JOURNEYS = 20_000_000;

class UsageError extends Error {
  override name = "UsageError";
}

/** ATRIUM_DEMO_JOURNEYS (default 50,000; 0 turns the journeys demo off). */
export function demoJourneysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ATRIUM_DEMO_JOURNEYS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_DEMO_JOURNEYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > MAX_JOURNEYS) throw new UsageError(`ATRIUM_DEMO_JOURNEYS must be a whole number from 0 to ${MAX_JOURNEYS}, not ${raw}`);
  return n;
}

const validDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export interface DemoArgs {
  journeys: number;
  seed: number;
  until: string;
  tenant?: string;
}

/** The flags of `atrium seed --demo`; usage errors name the flag. */
export function parseDemoArgs(args: string[]): DemoArgs {
  let v: { journeys?: string; seed?: string; until?: string; tenant?: string };
  try {
    v = parseArgs({ args, options: { demo: { type: "boolean" }, journeys: { type: "string" }, seed: { type: "string" }, until: { type: "string" }, tenant: { type: "string" } } }).values;
  } catch (err) {
    // Unknown flags and missing values: a usage message, not a stack trace.
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\nusage: atrium seed --demo [--journeys N] [--seed S] [--until YYYY-MM-DD] [--tenant slug]`);
  }
  const journeys = v.journeys === undefined ? demoJourneysFromEnv() : Number(v.journeys);
  if (!Number.isInteger(journeys) || journeys < 0 || journeys > MAX_JOURNEYS) throw new UsageError(`--journeys must be a whole number from 0 to ${MAX_JOURNEYS}`);
  const seed = v.seed === undefined ? DEFAULT_DEMO_SEED : Number(v.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError("--seed must be a whole number");
  const until = v.until ?? todayUtc();
  if (!validDay(until)) throw new UsageError("--until must be a date YYYY-MM-DD");
  return { journeys, seed, until, tenant: v.tenant };
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** A progress printer: a line about every tenth of the units (and at the end). */
function progressLine(total: number, print: (line: string) => void): (p: WriteProgress) => void {
  let next = total / 10;
  return (p) => {
    if (p.units < next && p.units < total) return;
    next = p.units + total / 10;
    const rate = p.ms > 0 ? Math.round(p.rows / (p.ms / 1000)) : 0;
    print(`  demo journeys: ${fmt(p.units)} / ${fmt(total)} journeys, ${fmt(p.rows)} events (${fmt(rate)} events/s)`);
  };
}

async function demoTenantId(db: Executor, slug: string | undefined): Promise<string> {
  if (slug) return (await resolveTenant(db, slug, "--tenant")).id;
  const demo = await db.selectFrom("tenants").select("id").where("id", "=", DEMO_TENANT.id).executeTakeFirst();
  if (demo) return demo.id;
  return (await resolveTenant(db, undefined, "--tenant")).id;
}

/** `atrium seed --demo …`: seeds the demo bank on an empty store, then writes its journeys. */
export async function seedDemoCommand(deps: Deps, args: string[]): Promise<number> {
  const a = parseDemoArgs(args);
  if (deps.config.env === "production") throw new UsageError("The demo seed refuses to run in production (NODE_ENV=production).");
  if (!a.tenant) {
    const r = await seedDemo(deps);
    if (r.seeded) console.log(`Seeded the demo bank (${DEMO_TENANT.name}).`);
  }
  const tenantId = await demoTenantId(deps.db, a.tenant);
  console.log(`Writing ${fmt(a.journeys)} demo journeys (seed ${a.seed}, the 12 months before ${a.until}) under the source "Demo data"…`);
  const p = await seedJourneys(deps.db, { tenantId, journeys: a.journeys, seed: a.seed, until: a.until, now: deps.clock.now() }, progressLine(a.journeys, (l) => console.log(l)));
  const rate = p.ms > 0 ? Math.round(p.rows / (p.ms / 1000)) : 0;
  console.log(`Wrote ${fmt(p.rows)} events (${fmt(p.stored)} new, ${fmt(p.rows - p.stored)} already there) in ${(p.ms / 1000).toFixed(1)} s (${fmt(rate)} events/s).`);
  console.log("The worker folds them into journeys and KPIs as it runs (`atrium journeys fold` does it now).");
  return 0;
}

/**
 * `npm start`: the journeys demo in the background once the server listens, unless it is already
 * complete (a restart, or ATRIUM_DEMO_JOURNEYS=0). Resumes an interrupted run (rows already stored
 * are skipped by their message ids). `stop()` ends it between two chunks, for a clean shutdown.
 */
export function startDemoJourneys(deps: Deps, log: (line: string) => void = console.log): { done: Promise<void>; stop: () => Promise<void> } {
  const abort = new AbortController();
  const done = (async () => {
    const journeys = demoJourneysFromEnv();
    if (journeys === 0 || deps.config.env === "production") return;
    const tenant = await deps.db.selectFrom("tenants").select("id").where("id", "=", DEMO_TENANT.id).executeTakeFirst();
    if (!tenant) return;
    const sourceId = await demoSourceId(deps.db, tenant.id, deps.clock.now());
    if (await demoComplete(deps.db, tenant.id, sourceId, journeys, DEFAULT_DEMO_SEED)) return;
    log(`  Demo journeys  writing ${fmt(journeys)} journeys in the background; dashboards fill in as the worker folds them`);
    const p = await seedJourneys(deps.db, { tenantId: tenant.id, journeys, seed: DEFAULT_DEMO_SEED, until: todayUtc(), now: deps.clock.now() }, progressLine(journeys, log), abort.signal);
    if (!abort.signal.aborted) log(`  demo journeys: done, ${fmt(p.rows)} events in ${(p.ms / 1000).toFixed(1)} s`);
  })().catch((err) => {
    if (!abort.signal.aborted) log(`  demo journeys: stopped by an error: ${err instanceof Error ? err.message : String(err)}`);
  });
  return {
    done,
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}
