import { get } from "./client";
import type { CompareQuery, Funnel, FunnelQuery, KpiComparison, KpiQuery, KpiReport } from "./types-kpis";

/** The KPI engine (kpis:read): totals and groups, comparisons with their tests, funnels. */
export const kpis = {
  report: (q: KpiQuery, signal?: AbortSignal) => get<KpiReport>("/kpis", { ...q }, { signal }),
  compare: (q: CompareQuery) => get<KpiComparison>("/kpis/compare", { ...q }),
  // Steps travel as one comma-separated list, in order.
  funnel: ({ steps, ...q }: FunnelQuery) => get<Funnel>("/funnels", { ...q, steps: steps.join(",") }),
};
