import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { kpisOutput } from "../src/cli/kpis";
import { insertFacts } from "../src/modules/journeys/kpis/kpis.testkit";
import type { KpiReport } from "../src/modules/journeys/kpis/report";
import { createTestContext } from "./support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "./support/factories";
import { API } from "./support/routes";

/**
 * `atrium kpis …` runs in-process here against the suite's store (the command's own code, the
 * store already open); one real process checks the usage answer.
 */
const ctx = await createTestContext();
let T: TestTenant;

beforeAll(async () => {
  T = await makeTenant(ctx);
  const dims = (channel: string, product: string) => ({ channel, product, branch: T.branches[0]?.id ?? "", region: T.regions[0]?.id ?? "" });
  await insertFacts(ctx.deps.db, T.id, [
    ...Array.from({ length: 8 }, (_, i) => ({ kind: "journey" as const, day: "2026-03-02", dims: dims("web", "checking"), submitted: i < 6, funded: i < 4, ttfHours: i < 4 ? 48 : undefined, touches: 4, switches: 1 })),
    ...Array.from({ length: 4 }, (_, i) => ({ kind: "journey" as const, day: "2026-03-20", dims: dims("a-channel-with-a-very-long-name-that-must-be-shortened-to-fit", "card"), submitted: i < 1, touches: 2, switches: 0 })),
    ...Array.from({ length: 10 }, (_, i) => ({ kind: "answer" as const, day: "2026-03-05", dims: dims("web", "checking"), nps: i < 5 ? 10 : i < 7 ? 8 : 3 })),
  ]);
});

const run = (...args: string[]) => kpisOutput(ctx.deps, [...args, "--tenant", T.slug]);

describe("atrium kpis", () => {
  it("prints one row per group and a total, aligned within 120 columns", async () => {
    const out = await run("--from", "2026-01-01", "--to", "2026-12-31", "--by", "channel");
    const lines = out.split("\n");
    expect(lines[0]).toBe(`KPIs of ${T.slug}, journeys started 2026-01-01 … 2026-12-31 (UTC), by channel`);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(120);
    const header = lines[2] as string;
    expect(header).toMatch(/^channel\s+started\s+compl %\s+aband %\s+conv %\s+onb %\s+TTF h\s+TAT h\s+AHT s\s+touch\s+switch\s+1-ch %\s+NPS \(n\)$/);
    const web = lines.find((l) => l.startsWith("web")) as string;
    // 8 started, 6 submitted (75.0 %), median time to fund inside the 48 h bucket, NPS: 5 promoters − 3 detractors of 10 = 20.
    expect(web).toMatch(/^web\s+8\s+75\.0\s+0\.0\s+0\.0\s+—\s+4\d\.\d\s+—\s+—\s+4\.0\s+1\.00\s+0\.0\s+20\.0 \(10\)$/);
    const long = lines.find((l) => l.startsWith("a-channel")) as string;
    expect(long).toMatch(/…\s+4\s+25\.0/);
    const total = lines.find((l) => l.startsWith("Total")) as string;
    expect(total).toMatch(/^Total\s+12\s+58\.3\s/);
    // Every row's columns end at the same place (right-aligned numbers).
    expect(new Set([header, web, long, total].map((l) => l.length)).size).toBeLessThanOrEqual(2);
    expect(out).toContain("TTF h, TAT h: median time to fund");
  });

  it("--json prints exactly what the API answers", async () => {
    const json = JSON.parse(await run("--from", "2026-03-01", "--to", "2026-03-31", "--by", "product", "--product", "checking,card", "--json")) as KpiReport;
    const res = await ctx.app.request(`${API}/kpis?from=2026-03-01&to=2026-03-31&groupBy=product&product=checking,card`, { headers: await apiKeyHeaders(ctx, T, "viewer") });
    expect(json).toEqual(await res.json());
    expect(json.groups.map((g) => g.key)).toEqual(["checking", "card"]);
    const filtered = JSON.parse(await run("--from", "2026-03-01", "--to", "2026-03-31", "--product", "card", "--json")) as KpiReport;
    expect(filtered.total.counts.started).toBe(4);
  });

  it("refuses bad flags naming them", async () => {
    await expect(run("--to", "2026-01-01")).rejects.toThrow(/--from: /);
    await expect(run("--from", "2026-02-01", "--to", "2026-01-01")).rejects.toThrow(/--to: must not be before/);
    await expect(run("--from", "2026-01-01", "--to", "2026-02-01", "--by", "year")).rejects.toThrow(/--by: /);
    await expect(run("--from", "2026-01-01", "--to", "2026-02-01", "--colour")).rejects.toThrow(/Unknown option '--colour'/);
    await expect(kpisOutput(ctx.deps, ["--from", "2026-01-01", "--to", "2026-02-01", "--tenant", "no-such-bank"])).rejects.toThrow(/No bank with the slug no-such-bank/);
  });

  it("a real process explains its usage", () => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, "../bin/atrium.mjs"), "kpis", "--from", "2026-13-01", "--to", "2026-01-01"], { encoding: "utf8", timeout: 90_000, env: { ...process.env, LOG_LEVEL: "silent", NODE_ENV: "development" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--from: must be a date YYYY-MM-DD");
    expect(r.stderr).toContain("usage: atrium kpis --from YYYY-MM-DD --to YYYY-MM-DD");
  }, 120_000);
});
