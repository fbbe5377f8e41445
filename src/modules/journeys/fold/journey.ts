/**
 * A journey recomputed from ALL its events (pure): the fold never patches a journey, it re-reads
 * every event of the entity, so late and out-of-order events land where they belong. The result is
 * the `journeys` row plus the facts inside the journey (contacts, service requests) that the
 * contribution turns into cube cells.
 */
import type { JourneyStatus } from "../../../db/schema-journeys";
import type { Dims } from "../model/cube";
import { definitionFor, type JourneyDefinition, normalChannel, ruleMatches } from "../model/definition";
import { type ContactFact, contactFacts, type RequestFact, requestFacts } from "./facts";
import { DAY, type FoldEvent, inOrder, iso, ms, nameOf, obj, str } from "./values";

/** A journey's reached map holds at most this many nodes (a sender inventing event names cannot grow a row without bound). */
export const MAX_NODES = 300;

export interface JourneyState {
  journeyId: string;
  customer: string | null;
  product: string;
  segment: string;
  region: string;
  branch: string;
  agent: string;
  device: string;
  startChannel: string;
  channels: string[];
  touchpoints: number;
  channelSwitches: number;
  status: JourneyStatus;
  startedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  decision: string | null;
  fundedAt: string | null;
  openedAt: string | null;
  firstEventAt: string;
  lastActivityAt: string;
  abandonedAt: string | null;
  abandonedStep: string | null;
  abandonedField: string | null;
  lastStep: string | null;
  lastField: string | null;
  /** node → first time reached (ISO): "stage:<milestone>", "step:<id>", "event:<name>". */
  reached: Record<string, string>;
  events: number;
  /** Facts inside the journey, with the journey's dimensions (not stored in the row). */
  contacts: ContactFact[];
  requests: RequestFact[];
}

/** The journey's dimensions as the cube keys them (channel = start channel, queue ''). */
export const journeyDims = (s: Pick<JourneyState, "product" | "startChannel" | "device" | "segment" | "region" | "branch" | "agent">): Dims => ({
  product: s.product,
  channel: s.startChannel,
  device: s.device,
  segment: s.segment,
  region: s.region,
  branch: s.branch,
  agent: s.agent,
  queue: "",
});

const DIM_PROPS = [
  ["product", "product"],
  ["segment", "segment"],
  ["region", "regionId"],
  ["branch", "branchId"],
  ["agent", "agentId"],
] as const;

/**
 * Recomputes one journey from all its events (any order; duplicates were removed by the store).
 * `now` decides abandonment by inactivity. Returns null for an entity without events.
 */
export function recomputeJourney(journeyId: string, events: readonly FoldEvent[], defs: ReadonlyMap<string, JourneyDefinition>, now: Date): JourneyState | null {
  if (events.length === 0) return null;
  const list = inOrder(events);
  // Pass 1: identity and dimensions (last non-empty value wins), so the product's definition is known.
  let userId = "";
  let anonymousId = "";
  const dims = { product: "", segment: "", region: "", branch: "", agent: "", device: "" };
  for (const e of list) {
    if (!userId && e.user_id) userId = e.user_id.slice(0, 200);
    if (!anonymousId && e.anonymous_id) anonymousId = e.anonymous_id.slice(0, 200);
    const p = obj(e.properties);
    for (const [dim, prop] of DIM_PROPS) {
      const v = str(p[prop]);
      if (v) dims[dim] = v;
    }
    const device = str(p.device) || str(obj(obj(e.context).device).type);
    if (device) dims.device = device;
  }
  const def = definitionFor(defs, dims.product);

  // Pass 2: milestones, steps, touchpoints, reached nodes.
  const reached: Record<string, string> = {};
  let nodes = 0;
  const reach = (node: string, t: number) => {
    if (node in reached || nodes >= MAX_NODES) return;
    reached[node] = iso(t);
    nodes++;
  };
  const first: Record<string, number> = {};
  let decision: string | null = null;
  let explicit: { t: number; step: string; field: string } | null = null;
  let lastStep = "";
  let lastField = "";
  const touches: { t: number; own: string }[] = [];
  for (const e of list) {
    const t = ms(e.occurred_at);
    const p = obj(e.properties);
    const name = nameOf(e);
    const step = str(p.step);
    const field = str(p.field);
    // A field belongs to its step: moving to another step forgets the previous step's field.
    if (step && step !== lastStep) lastField = "";
    if (step) lastStep = step;
    if (field) lastField = field;
    if (step) reach(`step:${step}`, t);
    if (name) reach(`event:${name}`, t);
    const milestone = name ? def.milestones[name] : undefined;
    if (milestone) {
      if (milestone === "abandoned") {
        // The last abandonment counts: where the customer finally left (its own step/field were read above).
        explicit = { t, step: lastStep, field: lastField };
      } else {
        if (!(milestone in first)) {
          first[milestone] = t;
          if (milestone === "decided") decision = decisionOf(p.decision);
        }
        reach(`stage:${milestone}`, t);
      }
    }
    if (name) {
      const rule = def.touchpoints.find((r) => ruleMatches(r, name));
      if (rule) touches.push({ t, own: normalChannel(p.channel) || normalChannel(obj(e.context).channel) || normalChannel(rule.channel) });
    }
  }

  const firstEvent = list[0] as FoldEvent;
  const firstAt = ms(firstEvent.occurred_at);
  const lastAt = ms((list[list.length - 1] as FoldEvent).occurred_at);
  const fp = obj(firstEvent.properties);
  const startChannel = touches[0]?.own || normalChannel(fp.channel) || normalChannel(obj(firstEvent.context).channel);
  const channels: string[] = [];
  let switches = 0;
  let previous = "";
  for (const touch of touches) {
    const ch = touch.own || startChannel;
    if (ch && !channels.includes(ch)) channels.push(ch);
    if (ch && previous && ch !== previous) switches++;
    if (ch) previous = ch;
  }

  const startedAt = first.started ?? firstAt;
  // Every journey is started (cube.ts): the map's first stage counts it even without the milestone event.
  if (!("stage:started" in reached)) reached["stage:started"] = iso(startedAt);
  const submittedAt = first.submitted ?? null;
  const decidedAt = first.decided ?? null;
  const fundedAt = first.funded ?? null;
  const openedAt = first.opened ?? null;

  // Abandonment: explicit (the last `abandoned` milestone) or by inactivity while nothing was submitted.
  let abandoned: { t: number; step: string; field: string } | null = explicit;
  const progressed = submittedAt !== null || decidedAt !== null || fundedAt !== null || openedAt !== null;
  if (!progressed && now.getTime() - lastAt >= inactivityMs(def) && (!abandoned || lastAt > abandoned.t)) {
    abandoned = { t: lastAt, step: lastStep, field: lastField };
  }
  // Status follows the latest milestone; on a tie the later stage of the lifecycle wins (a submission un-abandons).
  const candidates: [JourneyStatus, number | null][] = [
    ["abandoned", abandoned?.t ?? null],
    ["submitted", submittedAt],
    ["decided", decidedAt],
    ["funded", fundedAt === null ? openedAt : openedAt === null ? fundedAt : Math.max(fundedAt, openedAt)],
  ];
  let status: JourneyStatus = "open";
  let latest = Number.NEGATIVE_INFINITY;
  for (const [s, t] of candidates) {
    if (t !== null && t >= latest) {
      status = s;
      latest = t;
    }
  }
  const isAbandoned = status === "abandoned" && abandoned !== null;
  const base = { ...dims, startChannel };
  const baseDims = journeyDims(base);
  return {
    journeyId,
    customer: userId || anonymousId || null,
    ...base,
    channels,
    touchpoints: touches.length,
    channelSwitches: switches,
    status,
    startedAt: iso(startedAt),
    submittedAt: submittedAt === null ? null : iso(submittedAt),
    decidedAt: decidedAt === null ? null : iso(decidedAt),
    decision,
    fundedAt: fundedAt === null ? null : iso(fundedAt),
    openedAt: openedAt === null ? null : iso(openedAt),
    firstEventAt: iso(firstAt),
    lastActivityAt: iso(lastAt),
    abandonedAt: isAbandoned ? iso((abandoned as { t: number }).t) : null,
    abandonedStep: isAbandoned ? (abandoned as { step: string }).step || null : null,
    abandonedField: isAbandoned ? (abandoned as { field: string }).field || null : null,
    lastStep: lastStep || null,
    lastField: lastField || null,
    reached,
    events: list.length,
    contacts: contactFacts(
      list.filter((e) => nameOf(e)?.startsWith("contact.")),
      baseDims,
      true,
    ),
    requests: requestFacts(
      list.filter((e) => nameOf(e)?.startsWith("request.")),
      baseDims,
      defs,
      true,
    ),
  };
}

/** The inactivity window of a definition in ms (a bad value falls back to 7 days). */
export function inactivityMs(def: JourneyDefinition): number {
  const d = def.inactivityDays;
  return (typeof d === "number" && Number.isFinite(d) && d > 0 ? d : 7) * DAY;
}

/** "approve"/"approved" → approved; other decisions kept lower-case ("declined", "rejected" …). */
function decisionOf(v: unknown): string | null {
  const d = str(v).trim().toLowerCase();
  if (!d) return null;
  return d === "approve" || d === "approved" ? "approved" : d;
}
