/**
 * What one journey adds to the rollups (pure), exactly as the table in model/cube.ts says: the
 * journey's cell on its start day, the application decision as a request of type "application" on
 * the submitted day, its contacts and requests, and its journey-map nodes (kpi_touch).
 */
import { HOURS, one, TOUCHES } from "../model/buckets";
import { type Contribution, type Counters, type CubeCell, dayOf, type TouchCell, type TouchCounters } from "../model/cube";
import { type JourneyDefinition, ruleMatches } from "../model/definition";
import { contactCell, requestCell } from "./facts";
import { type JourneyState, journeyDims } from "./journey";
import { DAY, HOUR, quantize } from "./values";

const hoursBetween = (from: string, to: string): number => quantize((Date.parse(to) - Date.parse(from)) / HOUR);

export function journeyContribution(s: JourneyState, def: JourneyDefinition): Contribution {
  const dims = journeyDims(s);
  const day = dayOf(s.startedAt);
  const c: Counters = { started: 1, touch_sum: s.touchpoints, switch_sum: s.channelSwitches, touch_hist: one(TOUCHES, s.touchpoints) };
  if (s.submittedAt) c.submitted = 1;
  if (s.status === "abandoned") c.abandoned = 1;
  if (s.decidedAt) c.decided = 1;
  if (s.decidedAt && s.decision === "approved") c.approved = 1;
  if (s.fundedAt) c.funded = 1;
  if (s.openedAt) c.opened = 1;
  const won = [s.fundedAt, s.openedAt].filter((t): t is string => t !== null).sort()[0];
  const windowDays = Number.isFinite(def.conversionWindowDays) && def.conversionWindowDays > 0 ? def.conversionWindowDays : 30;
  if (won && Date.parse(won) - Date.parse(s.startedAt) <= windowDays * DAY) c.converted = 1;
  if (s.submittedAt && s.channels.length <= 1) c.single_channel = 1;
  // Negative durations (a sender's clock, or milestones out of lifecycle order) are not durations: left out.
  if (s.fundedAt) {
    const h = hoursBetween(s.startedAt, s.fundedAt);
    if (h >= 0) Object.assign(c, { ttf_n: 1, ttf_sum: h, ttf_hist: one(HOURS, h) });
  }
  const cube: CubeCell[] = [{ day, dims, counters: c }];
  if (s.submittedAt && s.decidedAt) {
    const h = hoursBetween(s.submittedAt, s.decidedAt);
    if (h >= 0) {
      Object.assign(c, { ttd_n: 1, ttd_sum: h, ttd_hist: one(HOURS, h) });
      const sla = def.slaHours.application;
      cube.push(requestCell({ day: dayOf(s.submittedAt), dims, type: "application", hours: h, inSla: typeof sla === "number" && h <= sla }));
    }
  }
  for (const f of s.contacts) cube.push(contactCell(f));
  for (const f of s.requests) cube.push(requestCell(f));
  return { cube, touch: touchCells(s, def, day, dims) };
}

/** Each reached stage, step and touchpoint node: reached, hours from the start; the node abandoned on: dropped. */
function touchCells(s: JourneyState, def: JourneyDefinition, day: string, dims: TouchCell["dims"]): TouchCell[] {
  const cells = new Map<string, TouchCounters>();
  let lastStage: [string, string] | null = null;
  for (const [node, when] of Object.entries(s.reached)) {
    let key: string | null = null;
    if (node.startsWith("stage:") || node.startsWith("step:")) key = node;
    else if (node.startsWith("event:")) {
      const name = node.slice(6);
      if (def.touchpoints.some((r) => ruleMatches(r, name))) key = `touch:${name}`;
    }
    if (!key) continue;
    if (node.startsWith("stage:") && (!lastStage || when >= lastStage[1])) lastStage = [node, when];
    const h = hoursBetween(s.startedAt, when);
    cells.set(key, h >= 0 ? { reached: 1, hours_n: 1, hours_sum: h, hours_hist: one(HOURS, h) } : { reached: 1 });
  }
  if (s.status === "abandoned") {
    const node = s.abandonedStep ? `step:${s.abandonedStep}` : (lastStage?.[0] ?? "stage:started");
    cells.set(node, { ...(cells.get(node) ?? {}), dropped: 1 });
    if (s.abandonedStep && s.abandonedField) cells.set(`field:${s.abandonedStep}:${s.abandonedField}`, { dropped: 1 });
  }
  return [...cells].map(([node, counters]) => ({ day, dims, node, counters }));
}
