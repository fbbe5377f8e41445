/**
 * `atrium journeys fold|rebuild`: the journey fold from the command line. `fold` folds what is
 * pending now (the worker does it every 2 seconds); `rebuild` recomputes a bank's journeys and KPI
 * rollups from all its events, after its journey definitions changed or to repair the rollups.
 */
import { parseArgs } from "node:util";
import type { Config } from "../config";
import { AppError } from "../kernel/errors";
import { type FoldCounts, foldPending, foldTenant, rebuild } from "../modules/journeys/fold/fold";
import { resolveTenant } from "../modules/tenancy/queries";
import type { Deps } from "../server/deps";
import { UsageError, withDeps } from "./admin";

const USAGE = `usage: atrium journeys fold [--tenant <slug>]
       atrium journeys rebuild [--tenant <slug>]`;

export async function journeysCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "fold") return journeysFold(config, rest);
  if (sub === "rebuild") return journeysRebuild(config, rest);
  throw new UsageError(USAGE);
}

function parse(args: string[]) {
  try {
    const r = parseArgs({ args, allowPositionals: true, options: { tenant: { type: "string" } } });
    if (r.positionals.length) throw new Error(`Unexpected: ${r.positionals.join(" ")}`);
    return r.values;
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

/** The "only bank" default and unknown slugs as usage errors that name --tenant. */
async function tenantOf(deps: Deps, slug: string | undefined) {
  try {
    return await resolveTenant(deps.db, slug, "--tenant");
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (slug) throw new UsageError(`No bank with the slug ${slug} on this server.`);
    throw new UsageError("This server hosts more than one bank (or none): say which with --tenant <slug>.");
  }
}

const rate = (n: number, ms: number) => (ms > 0 ? Math.round((n * 1000) / ms).toLocaleString("en-US") : "—");
const summary = (c: FoldCounts) =>
  `${c.entities.toLocaleString("en-US")} entities (${c.journeys.toLocaleString("en-US")} journeys, ${c.customers.toLocaleString("en-US")} customers), ${c.events.toLocaleString("en-US")} events in ${(c.ms / 1000).toFixed(1)} s — ${rate(c.journeys, c.ms)} journeys/s, ${rate(c.events, c.ms)} events/s`;

/** A progress line at most once a second (and never on a pipe: a log wants the final line only). */
function progress(label: string) {
  let last = 0;
  return (c: FoldCounts) => {
    if (!process.stdout.isTTY || Date.now() - last < 1000) return;
    last = Date.now();
    process.stdout.write(`\r${label}: ${c.entities.toLocaleString("en-US")} entities, ${c.events.toLocaleString("en-US")} events…`);
  };
}
const endProgress = () => {
  if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
};

async function journeysFold(config: Config, args: string[]): Promise<number> {
  const values = parse(args);
  return withDeps(config, async (deps) => {
    const now = deps.clock.now();
    const log = (fields: Record<string, unknown>, message: string) => deps.log.warn(fields, message);
    if (values.tenant) {
      const tenant = await tenantOf(deps, values.tenant);
      const c = await foldTenant(deps.db, tenant.id, { now, log, onBatch: progress(`Folding ${tenant.slug}`) });
      endProgress();
      console.log(`Folded ${tenant.slug}: ${summary(c)}; ${c.swept} open journeys past their inactivity window.`);
    } else {
      const c = await foldPending(deps.db, { now, log, onBatch: progress("Folding") });
      endProgress();
      console.log(c.entities ? `Folded every bank: ${summary(c)}.` : "Nothing was pending: the rollups are up to date.");
    }
    return 0;
  });
}

async function journeysRebuild(config: Config, args: string[]): Promise<number> {
  const values = parse(args);
  return withDeps(config, async (deps) => {
    const tenant = await tenantOf(deps, values.tenant);
    console.log(`Rebuilding the journeys and KPI rollups of ${tenant.slug} from its events…`);
    const log = (fields: Record<string, unknown>, message: string) => deps.log.warn(fields, message);
    const c = await rebuild(deps.db, tenant.id, { now: deps.clock.now(), log, onBatch: progress(`Rebuilding ${tenant.slug}`) });
    endProgress();
    console.log(`Rebuilt ${tenant.slug}: ${c.marked.toLocaleString("en-US")} entities from the events; ${summary(c)}.`);
    return 0;
  });
}
