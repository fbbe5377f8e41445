/**
 * `atrium kpis --from … --to … [--by …] [filters] [--tenant slug] [--json]`: the KPI table in the
 * terminal. It runs the API's own code (the same query schema and kpiReport), unscoped: the whole
 * bank. `--json` prints exactly what GET /api/v1/kpis answers.
 */
import { parseArgs } from "node:util";
import type { Config } from "../config";
import { AppError } from "../kernel/errors";
import { DIMENSIONS } from "../modules/journeys/model/cube";
import type { Kpis } from "../modules/journeys/kpis/compute";
import { GROUP_BYS } from "../modules/journeys/kpis/rollups";
import { type KpiReport, kpiReport } from "../modules/journeys/kpis/report";
import { filtersOf, KpiQuery } from "../modules/journeys/kpis/schemas";
import { resolveTenant } from "../modules/tenancy/queries";
import type { Deps } from "../server/deps";
import { UsageError, withDeps } from "./admin";

export const KPIS_USAGE = `usage: atrium kpis --from YYYY-MM-DD --to YYYY-MM-DD [--by ${GROUP_BYS.join("|")}]
                   [--${DIMENSIONS.join(" v] [--")} v] (repeatable or comma-separated)
                   [--funded-within-days N] [--tenant <slug>] [--json]`;

const WIDTH = 120;

/** Flags → the API's query, checked by the API's schema (its field names become flags). */
function parse(args: string[]) {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const filterFlags = Object.fromEntries(DIMENSIONS.map((d) => [d, { type: "string" as const, multiple: true }]));
    parsed = parseArgs({
      args,
      options: { from: { type: "string" }, to: { type: "string" }, by: { type: "string" }, tenant: { type: "string" }, json: { type: "boolean" }, "funded-within-days": { type: "string" }, ...filterFlags },
    });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${KPIS_USAGE}`);
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const query: Record<string, unknown> = { from: v.from, to: v.to, groupBy: v.by, fundedWithinDays: v["funded-within-days"] };
  for (const d of DIMENSIONS) if (v[d] !== undefined) query[d] = v[d];
  for (const k of Object.keys(query)) if (query[k] === undefined) delete query[k];
  const r = KpiQuery.safeParse(query);
  if (!r.success) {
    const flag = (path: PropertyKey[]) => ({ groupBy: "by", fundedWithinDays: "funded-within-days" })[String(path[0])] ?? String(path[0]);
    throw new UsageError(`${r.error.issues.map((i) => `--${flag(i.path)}: ${i.message}`).join("\n")}\n${KPIS_USAGE}`);
  }
  return { query: r.data, tenant: v.tenant as string | undefined, json: v.json === true };
}

const dash = "—";
const pct = (x: number | null) => (x === null ? dash : (100 * x).toFixed(1));
const num = (x: number | null, digits = 1) => (x === null ? dash : x.toFixed(digits));

const COLUMNS: Array<[string, (k: Kpis) => string]> = [
  ["started", (k) => String(k.counts.started)],
  ["compl %", (k) => pct(k.completionRate.value)],
  ["aband %", (k) => pct(k.abandonmentRate.value)],
  ["conv %", (k) => pct(k.conversionRate.value)],
  ["onb %", (k) => pct(k.onboardingRate.value)],
  ["TTF h", (k) => num(k.timeToFund.medianHours)],
  ["TAT h", (k) => num(k.turnaroundTime.medianHours)],
  ["AHT s", (k) => num(k.averageHandleTime.meanSeconds, 0)],
  ["touch", (k) => num(k.touchpointsPerJourney.mean)],
  ["switch", (k) => num(k.channelSwitches.mean, 2)],
  ["1-ch %", (k) => pct(k.singleChannelRate.value)],
  ["NPS (n)", (k) => (k.nps.score === null ? dash : `${k.nps.score.toFixed(1)} (${k.nps.n})`)],
];

const LEGEND = `compl/aband/conv %: completion, abandonment, conversion of journeys started; onb %: onboarding (customers);
TTF h, TAT h: median time to fund and turnaround, hours; AHT s: mean handle time, seconds; touch, switch: touchpoints
and channel switches per journey (mean); 1-ch %: submitted journeys in a single channel; NPS (n): score (answers).`;

/** The report as an aligned table that fits 120 columns (long group names are shortened). */
export function kpiTable(report: KpiReport, bank: string): string {
  const rows = [...report.groups.map((g) => [g.key === "" ? "(not recorded)" : (g.label ?? g.key), ...COLUMNS.map(([, f]) => f(g.kpis))]), ["Total", ...COLUMNS.map(([, f]) => f(report.total))]];
  const head = [report.groupBy ?? "", ...COLUMNS.map(([h]) => h)];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const rest = widths.slice(1).reduce((a, w) => a + w + 2, 0);
  widths[0] = Math.max(8, Math.min(widths[0] as number, WIDTH - rest));
  const shorten = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s);
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? shorten(c, widths[0] as number).padEnd(widths[0] as number) : c.padStart(widths[i] as number))).join("  ").trimEnd();
  const by = report.groupBy ? `, by ${report.groupBy}` : "";
  const out = [`KPIs of ${bank}, journeys started ${report.from} … ${report.to} (UTC)${by}`, "", line(head)];
  const rule = "─".repeat(Math.min(WIDTH, widths.reduce((a, w) => a + w + 2, -2)));
  out.push(rule);
  for (const r of rows.slice(0, -1)) out.push(line(r));
  if (report.groups.length) out.push(rule);
  out.push(line(rows[rows.length - 1] as string[]), "", LEGEND);
  return out.join("\n");
}

/** What `atrium kpis …` prints, on a store that is already open (tests call this in-process). */
export async function kpisOutput(deps: Deps, args: string[]): Promise<string> {
  const { query, tenant: slug, json } = parse(args);
  let tenant: Awaited<ReturnType<typeof resolveTenant>>;
  try {
    tenant = await resolveTenant(deps.db, slug, "--tenant");
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw new UsageError(slug ? `No bank with the slug ${slug} on this server.` : "This server hosts more than one bank (or none): say which with --tenant <slug>.");
  }
  const report = await kpiReport(deps.db, tenant.id, null, { from: query.from, to: query.to, groupBy: query.groupBy ?? null, filters: filtersOf(query), fundedWithinDays: query.fundedWithinDays });
  return json ? JSON.stringify(report, null, 2) : kpiTable(report, tenant.slug);
}

export async function kpisCommand(config: Config, args: string[]): Promise<number> {
  // Usage problems are reported before the store is opened.
  parse(args);
  return withDeps(config, async (deps) => {
    console.log(await kpisOutput(deps, args));
    return 0;
  });
}
