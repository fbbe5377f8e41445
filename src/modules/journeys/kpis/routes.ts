import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Permission } from "../../../kernel/access";
import type { Deps } from "../../../server/deps";
import type { AppEnv } from "../../../server/env";
import { need } from "../../../server/guard";
import { jsonContent, security, standardErrors } from "../../../server/openapi";
import { kpiCompare, kpiReport } from "./report";
import { CompareQuery, filtersOf, KpiComparisonSchema, KpiQuery, KpiReportSchema } from "./schemas";

const tags = ["KPIs"];

/**
 * Authorization before the query is validated: these routes have required query parameters, and
 * an actor who may not read KPIs learns nothing about them (401/403, never a 400 first).
 */
const allow =
  (permission: Permission): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    need(c, permission);
    await next();
  };

const reportDescription = `Every KPI of the bank's KPI definitions (completion, abandonment, onboarding, conversion, single-channel and follow-up rates with Wilson 95 % intervals; time to fund, to decision and turnaround; handle time; touchpoints and channel switches; NPS, CSAT, CES) for journeys started in [from, to] (UTC, inclusive), as a total and per group. Read from the rollups, never from raw events. Figures whose denominator is 0 are null. Scoped users see only their region, branch or own work.`;

export function kpiRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({ method: "get", path: "/kpis", tags, summary: "KPIs for a date range, in total and grouped", description: reportDescription, security, middleware: [allow("kpis:read")] as const, request: { query: KpiQuery }, responses: { 200: jsonContent(KpiReportSchema), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "kpis:read");
      const q = c.req.valid("query");
      const report = await kpiReport(deps.db, actor.tenantId, actor, { from: q.from, to: q.to, groupBy: q.groupBy ?? null, filters: filtersOf(q), fundedWithinDays: q.fundedWithinDays });
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/kpis/compare",
      tags,
      summary: "Compare the KPIs of two periods or two groups, with significance tests",
      description:
        "Two periods ([from, to] against [compareFrom, compareTo]) or two values a and b of one dimension over [from, to], with the same filters. Rates: pooled two-proportion z-test; NPS: z on the adjusted-Wald estimates; time to fund, turnaround and handle time: a seeded bootstrap 95 % interval of the difference of medians. `significant` is true only when the test passes (|z| > 1.96, or an interval that excludes 0).",
      security,
      middleware: [allow("kpis:read")] as const,
      request: { query: CompareQuery },
      responses: { 200: jsonContent(KpiComparisonSchema), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "kpis:read");
      const q = c.req.valid("query");
      const base = { from: q.from, to: q.to, filters: filtersOf(q), fundedWithinDays: q.fundedWithinDays };
      // The schema has made sure one of the two forms is complete.
      const input = q.dimension !== undefined ? { ...base, dimension: q.dimension, a: q.a ?? "", b: q.b ?? "" } : { ...base, compareFrom: q.compareFrom ?? q.from, compareTo: q.compareTo ?? q.to };
      return c.json(await kpiCompare(deps.db, actor.tenantId, actor, input), 200);
    },
  );

  return app;
}
