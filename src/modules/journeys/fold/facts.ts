/**
 * Facts the KPIs count that are not journeys: handled contacts (AHT), fulfilled service requests
 * (TAT), survey answers (NPS, CSAT, CES, follow-ups) and customers (intent, active). Each is read
 * from the events of its own entity (c:, q:, r:, u:) or, for contacts and requests reported with a
 * journeyId, from the journey's events with the journey's dimensions. Pure functions.
 */
import { type Contribution, type CubeCell, type Dims, dayOf, type TouchCell } from "../model/cube";
import { CES_SIZE, CSAT_SIZE, HOURS, NPS_SIZE, one, SECONDS } from "../model/buckets";
import { definitionFor, type JourneyDefinition, normalChannel, ruleMatches } from "../model/definition";
import { amount, type FoldEvent, HOUR, inOrder, iso, ms, nameOf, type Obj, obj, propertyDims, quantize, str, time } from "./values";

export interface ContactFact {
  day: string;
  dims: Dims;
  /** Talk + hold + after-call work. */
  seconds: number;
}

export interface RequestFact {
  day: string;
  dims: Dims;
  type: string;
  hours: number;
  inSla: boolean;
}

/** Facts inside a journey keep its dimensions, with their own channel, agent and queue where they carry one. */
function factDims(p: Obj, c: Obj, base: Dims | null): Dims {
  if (!base) return propertyDims(p, c);
  return { ...base, channel: normalChannel(p.channel) || base.channel, agent: str(p.agentId) || base.agent, queue: str(p.queue) || base.queue };
}

/** Groups events by an id property (inside a journey), or keeps them as one group (an entity is one fact). */
function groups(events: readonly FoldEvent[], idProp: string, byId: boolean): FoldEvent[][] {
  if (!byId) return events.length ? [inOrder(events)] : [];
  const out = new Map<string, FoldEvent[]>();
  for (const e of inOrder(events)) {
    const id = str(obj(e.properties)[idProp]) || `message:${e.message_id ?? out.size}`;
    const g = out.get(id);
    if (g) g.push(e);
    else out.set(id, [e]);
  }
  return [...out.values()];
}

/**
 * Handled contacts: the latest talkSeconds, holdSeconds and afterCallSeconds the contact's events
 * carry (a corrected record replaces, never adds); a contact with none of them was not handled.
 * Day: properties.startedAt, else the first event.
 */
export function contactFacts(events: readonly FoldEvent[], base: Dims | null, byId = false): ContactFact[] {
  const out: ContactFact[] = [];
  for (const g of groups(events, "contactId", byId)) {
    const parts: Record<string, number> = {};
    let started: number | null = null;
    let p: Obj = {};
    let c: Obj = {};
    for (const e of g) {
      const props = obj(e.properties);
      for (const k of ["talkSeconds", "holdSeconds", "afterCallSeconds"]) {
        const v = amount(props[k]);
        if (v !== null) parts[k] = v;
      }
      started ??= time(props.startedAt);
      p = { ...p, ...props };
      c = { ...c, ...obj(e.context) };
    }
    if (Object.keys(parts).length === 0) continue;
    const seconds = quantize((parts.talkSeconds ?? 0) + (parts.holdSeconds ?? 0) + (parts.afterCallSeconds ?? 0));
    out.push({ day: dayOf(iso(started ?? ms((g[0] as FoldEvent).occurred_at))), dims: factDims(p, c, base), seconds });
  }
  return out;
}

const OPENED = new Set(["request.opened", "request.created", "request.requested", "request.submitted"]);
const FULFILLED = new Set(["request.fulfilled", "request.completed", "request.resolved", "request.closed"]);

/**
 * Fulfilled service requests: requested = properties.requestedAt, else the first opened event;
 * fulfilled = properties.fulfilledAt, else the first fulfilled event. Within SLA when the hours are
 * at most the definition's slaHours[type]; a type without an SLA is never within one.
 */
export function requestFacts(events: readonly FoldEvent[], base: Dims | null, defs: ReadonlyMap<string, JourneyDefinition>, byId = false): RequestFact[] {
  const out: RequestFact[] = [];
  for (const g of groups(events, "requestId", byId)) {
    let requested: number | null = null;
    let fulfilled: number | null = null;
    let type = "";
    let p: Obj = {};
    let c: Obj = {};
    for (const e of g) {
      const props = obj(e.properties);
      const name = nameOf(e) ?? "";
      requested ??= time(props.requestedAt) ?? (OPENED.has(name) ? ms(e.occurred_at) : null);
      fulfilled ??= time(props.fulfilledAt) ?? (FULFILLED.has(name) ? ms(e.occurred_at) : null);
      type = str(props.type) || str(props.requestType) || type;
      p = { ...p, ...props };
      c = { ...c, ...obj(e.context) };
    }
    if (requested === null || fulfilled === null || fulfilled < requested) continue;
    const dims = factDims(p, c, base);
    const hours = quantize((fulfilled - requested) / HOUR);
    const sla = definitionFor(defs, dims.product).slaHours[type];
    out.push({ day: dayOf(iso(requested)), dims, type, hours, inSla: typeof sla === "number" && hours <= sla });
  }
  return out;
}

export const contactCell = (f: ContactFact): CubeCell => ({ day: f.day, dims: f.dims, counters: { contacts: 1, handle_sum: f.seconds, handle_hist: one(SECONDS, f.seconds) } });

export const requestCell = (f: RequestFact): CubeCell => ({
  day: f.day,
  dims: f.dims,
  counters: { tat_n: 1, tat_sum: f.hours, tat_hist: one(HOURS, f.hours), ...(f.inSla ? { tat_in_sla: 1 } : {}) },
});

/** What a survey response needs of the journey its journeyId names. */
export interface LinkedJourney {
  dims: Dims;
  reached: Record<string, string>;
  def: JourneyDefinition;
}

const score = (v: unknown, lo: number, hi: number): number | null => (typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi ? v : null);

/**
 * A survey response (entity r:): its first completed event gives the answers and the day; NPS 0–10,
 * CSAT 1–5, CES 1–7 (`scores.*`, or top-level nps/csat/ces). A detractor (NPS ≤ 6) or low-CSAT (≤ 2)
 * response is due a follow-up; done at its first `feedback.followed_up`. The answers also score a
 * journey-map node: the touchpoint the response names, else the journey's last step or touchpoint
 * reached before the response.
 */
export function responseContribution(events: readonly FoldEvent[], journey: LinkedJourney | null): Contribution {
  const list = inOrder(events);
  const done = list.find((e) => nameOf(e) === "survey.response_completed");
  if (!done) return { cube: [], touch: [] };
  const at = ms(done.occurred_at);
  const p = obj(done.properties);
  const s = obj(p.scores);
  const nps = score(s.nps ?? p.nps, 0, 10);
  const csat = score(s.csat ?? p.csat, 1, 5);
  const ces = score(s.ces ?? p.ces, 1, 7);
  if (nps === null && csat === null && ces === null) return { cube: [], touch: [] };
  const day = dayOf(done.occurred_at);
  const dims = journey ? { ...journey.dims, channel: normalChannel(p.channel) || journey.dims.channel, agent: str(p.agentId) || journey.dims.agent } : propertyDims(p, obj(done.context));
  const answers = {
    ...(nps !== null ? { nps: at0(NPS_SIZE, nps) } : {}),
    ...(csat !== null ? { csat: at0(CSAT_SIZE, csat - 1) } : {}),
    ...(ces !== null ? { ces: at0(CES_SIZE, ces - 1) } : {}),
  };
  const cell: CubeCell = { day, dims, counters: { responses: 1, ...answers } };
  if ((nps !== null && nps <= 6) || (csat !== null && csat <= 2)) {
    cell.counters.fu_due = 1;
    const follow = list.find((e) => nameOf(e) === "feedback.followed_up");
    if (follow) {
      const hours = quantize(Math.max(0, ms(follow.occurred_at) - at) / HOUR);
      Object.assign(cell.counters, { fu_done: 1, fu_hist: one(HOURS, hours) });
    }
  }
  const touch: TouchCell[] = [];
  const node = str(p.touchpoint) ? `touch:${str(p.touchpoint)}` : journey ? lastNodeBefore(journey, at) : null;
  if (node) touch.push({ day, dims, node, counters: answers });
  return { cube: [cell], touch };
}

const at0 = (size: number, index: number): number[] => {
  const h = new Array<number>(size).fill(0);
  h[index] = 1;
  return h;
};

/** The journey's last step or touchpoint (step:<id> / touch:<event>) reached at or before `at`. */
function lastNodeBefore(j: LinkedJourney, at: number): string | null {
  let best: string | null = null;
  let bestAt = Number.NEGATIVE_INFINITY;
  for (const [node, when] of Object.entries(j.reached)) {
    let key: string | null = null;
    if (node.startsWith("step:")) key = node;
    else if (node.startsWith("event:")) {
      const name = node.slice(6);
      if (j.def.touchpoints.some((r) => ruleMatches(r, name))) key = `touch:${name}`;
    }
    const t = Date.parse(when);
    if (key && t <= at && t >= bestAt) {
      best = key;
      bestAt = t;
    }
  }
  return best;
}

/** What a customer's contribution needs: their first journey (by start) and whether any journey is funded or opened. */
export interface CustomerSummary {
  first: { startedAt: string; dims: Dims } | null;
  active: boolean;
}

export function summarizeCustomer(journeys: readonly { journeyId: string; startedAt: string; dims: Dims; funded: boolean }[]): CustomerSummary {
  let first: (typeof journeys)[number] | null = null;
  for (const j of journeys) {
    if (!first || j.startedAt < first.startedAt || (j.startedAt === first.startedAt && j.journeyId < first.journeyId)) first = j;
  }
  return { first: first ? { startedAt: first.startedAt, dims: first.dims } : null, active: journeys.some((j) => j.funded) };
}

/** A customer (entity u:): intent at the day and dimensions of their first start; active if any journey was funded or opened. */
export function customerContribution(s: CustomerSummary): Contribution {
  if (!s.first) return { cube: [], touch: [] };
  return { cube: [{ day: dayOf(s.first.startedAt), dims: s.first.dims, counters: { intent: 1, ...(s.active ? { active: 1 } : {}) } }], touch: [] };
}
