/**
 * The KPI rollups' shape (migration 0011). Every KPI in kpis.md is read from additive counters
 * kept per (grain, period, dimensions): the fold (fold/) adds what each entity contributes and
 * subtracts what it contributed before; the KPI engine (kpis/) sums them. Unit of analysis and
 * time anchor of each counter:
 *
 * | counters | unit | anchored on (period) |
 * |---|---|---|
 * | started submitted abandoned decided approved funded opened touch_sum switch_sum touch_hist | journey (every journey entity is started, at its started milestone or else its first event) | start day |
 * | converted | journey funded (or opened) within the definition's conversion window of its start | start day |
 * | single_channel | submitted journey whose touchpoints all share one channel (÷ submitted) | start day |
 * | ttf_n ttf_sum ttf_hist (hours started → funded) | funded journey | start day |
 * | ttd_n ttd_sum ttd_hist (hours submitted → decided) | decided journey | start day |
 * | tat_n tat_sum tat_hist tat_in_sla (hours requested → fulfilled) | fulfilled request (service requests; an application's decision is a request of type "application") | request day |
 * | contacts handle_sum handle_hist (seconds talk + hold + after-call) | handled contact | contact start day |
 * | intent active | customer (first application start; active = any journey funded or opened) | the customer's first start day |
 * | responses | survey response with at least one NPS, CSAT or CES answer | response day |
 * | nps[11] csat[5] ces[7] | answer | response day |
 * | fu_due fu_done fu_hist (hours to first follow-up) | detractor (NPS 0–6) or low-CSAT (1–2) response | response day |
 *
 * Dimensions: '' = not recorded. A journey's dimensions: product, segment, region, branch, agent,
 * device = the last non-empty value its events carried (properties.product, segment, regionId,
 * branchId, agentId, device); channel = its start channel; queue = ''. Facts inside a journey
 * (contacts, answers with that journeyId) take the journey's dimensions, with their own channel,
 * agent and queue where they carry one; facts outside take what their own properties carry.
 */
import type { Grain } from "../../../db/schema-journeys";
import { CES_SIZE, CSAT_SIZE, HOURS, NPS_SIZE, SECONDS, TOUCHES } from "./buckets";

export const DIMENSIONS = ["product", "channel", "device", "segment", "region", "branch", "agent", "queue"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Dims = Record<Dimension, string>;

export const SCALAR_COUNTERS = [
  "started", "submitted", "abandoned", "decided", "approved", "funded", "opened", "converted", "single_channel",
  "touch_sum", "switch_sum", "ttf_n", "ttf_sum", "ttd_n", "ttd_sum", "tat_n", "tat_sum", "tat_in_sla",
  "contacts", "handle_sum", "intent", "active", "fu_due", "fu_done", "responses",
] as const;
export const HIST_COUNTERS = ["touch_hist", "ttf_hist", "ttd_hist", "tat_hist", "handle_hist", "nps", "csat", "ces", "fu_hist"] as const;
export type ScalarCounter = (typeof SCALAR_COUNTERS)[number];
export type HistCounter = (typeof HIST_COUNTERS)[number];

/** Some counters of one cube cell (absent = 0). */
export type Counters = Partial<Record<ScalarCounter, number>> & Partial<Record<HistCounter, number[]>>;

/** One cell an entity contributes to: its day (YYYY-MM-DD, UTC), dimensions and counters. */
export interface CubeCell {
  day: string;
  dims: Dims;
  counters: Counters;
}

export const TOUCH_SCALARS = ["reached", "dropped", "hours_n", "hours_sum"] as const;
export const TOUCH_HISTS = ["hours_hist", "nps", "csat", "ces"] as const;
/** Every histogram column's length (its layout's size), in kpi_cube, kpi_margin and kpi_touch. */
export const HIST_SIZES: Readonly<Record<HistCounter | (typeof TOUCH_HISTS)[number], number>> = {
  touch_hist: TOUCHES.size,
  ttf_hist: HOURS.size,
  ttd_hist: HOURS.size,
  tat_hist: HOURS.size,
  handle_hist: SECONDS.size,
  fu_hist: HOURS.size,
  hours_hist: HOURS.size,
  nps: NPS_SIZE,
  csat: CSAT_SIZE,
  ces: CES_SIZE,
};
export type TouchCounters = Partial<Record<(typeof TOUCH_SCALARS)[number], number>> & Partial<Record<(typeof TOUCH_HISTS)[number], number[]>>;

/** One journey-map node cell: "stage:<m>", "step:<id>", "touch:<event>", "field:<step>:<field>". */
export interface TouchCell {
  day: string;
  dims: Dims;
  node: string;
  counters: TouchCounters;
}

/** Everything one entity adds to the rollups; stored in kpi_entities and subtracted on its next fold. */
export interface Contribution {
  cube: CubeCell[];
  touch: TouchCell[];
}

export const EMPTY_DIMS: Dims = { product: "", channel: "", device: "", segment: "", region: "", branch: "", agent: "", queue: "" };

/** The period a day falls in at a grain (the month's first day for "month"). */
export const periodOf = (day: string, grain: Grain): string => (grain === "month" ? `${day.slice(0, 7)}-01` : day);

/** UTC day of a time. */
export const dayOf = (t: Date | string): string => new Date(t).toISOString().slice(0, 10);
