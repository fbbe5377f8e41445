/**
 * One unit of the demo: a customer's application journey and the facts around it (calls, service
 * requests, survey answers, follow-ups). A unit collects its events, then the generator sorts and
 * emits them; message ids number the events in the order they were made, which depends only on
 * (seed, unit), never on the window, so re-running with a later `until` finds the same ids.
 * Event names and properties are those of DEFAULT_DEFINITION and model/cube.ts, and of the
 * contact-centre and service-request imports (contact.handled, request.fulfilled / request.opened).
 */
import { AFTER_CALL, HOLD, RESOLVED_RATE, REQUESTS, type ProductId, TALK_QUANTILES, COMMENT_RATE } from "./calibration";
import { commentFor } from "./comments";
import { PLANS, SURVEYS } from "./flows";
import type { DemoOrg } from "./org";
import { fromQuantiles, normalCdf, type Rng, weighted } from "./rng";
import type { Segment } from "./segments";
import { HOUR_MS, isoOf, type Tables } from "./tables";

export type Props = Record<string, unknown>;

/** √(1 + variance of mood + agent effect) over answers, measured on 50k units (calibration test). */
const MOOD_SCALE = 1.17;

export interface Pending {
  t: number;
  k: number;
  event: string;
  journeyId: string | null;
  props: Props;
}

export interface Customer {
  id: string;
  segment: Segment;
  branchId: string | undefined;
  regionId: string | undefined;
}

const bankers = new WeakMap<DemoOrg, Map<string, string[]>>();
/** Agent ids by branch, built once per org (agent() runs for most units). */
function bankersOf(org: DemoOrg): Map<string, string[]> {
  let m = bankers.get(org);
  if (!m) {
    m = new Map();
    for (const a of org.agents) if (a.branchId) m.set(a.branchId, [...(m.get(a.branchId) ?? []), a.id]);
    bankers.set(org, m);
  }
  return m;
}

export class Unit {
  readonly events: Pending[] = [];
  private responses = 0;
  private contacts = 0;

  constructor(
    readonly r: Rng,
    readonly key: string,
    readonly org: DemoOrg,
    readonly tables: Tables,
    readonly customer: Customer,
    /** A fixed quality per agent (−0.3..0.3) so agents differ in NPS and handle time. */
    readonly agentEffect: (agentId: string | undefined) => number,
  ) {}

  push(t: number, event: string, props: Props, journeyId: string | null = null): void {
    this.events.push({ t: Math.floor(t), k: this.events.length, event, journeyId, props });
  }

  /** An agent: a banker of the branch when there is one, else anyone. */
  agent(branchId?: string): string | undefined {
    const all = this.org.agents;
    if (all.length === 0) return undefined;
    if (branchId) {
      const local = bankersOf(this.org).get(branchId);
      if (local) return this.r.pick(local);
    }
    return this.r.pick(all).id;
  }

  /** A time on the day of `t` at an hour drawn from the channel's profile. */
  atHour(dayStart: number, kind: keyof Tables["hours"]): number {
    return dayStart + weighted(this.tables.hours[kind], this.r.next()) * HOUR_MS + this.r.int(3_600_000);
  }

  /**
   * A handled call (talk time from the calibrated quantiles, hold, after-call work). Inside a
   * journey it carries journeyId (a touchpoint of the journey); else it is its own entity.
   * Returns the call's end time.
   */
  contact(t: number, o: { queue: string; product: ProductId; agentId?: string; journeyId?: string; outbound?: boolean }): { end: number; resolved: boolean; agentId?: string } {
    const r = this.r;
    const agentId = o.agentId ?? this.agent();
    // A better agent resolves faster: talk time shifts by the agent's effect, at most ±10 %.
    const talk = Math.max(5, Math.round(fromQuantiles(TALK_QUANTILES.q, TALK_QUANTILES.seconds, r.next()) * (1 - this.agentEffect(agentId) / 3)));
    const hold = o.outbound || r.chance(HOLD.none) ? 0 : Math.round(r.logNormal(HOLD.median, HOLD.sigma));
    const afterCall = Math.round(r.logNormal(AFTER_CALL.median, AFTER_CALL.sigma));
    const resolved = o.outbound ? true : r.chance(RESOLVED_RATE + this.agentEffect(agentId) / 3);
    this.contacts += 1;
    const contactId = `${this.key}-c${this.contacts}`;
    const c = this.customer;
    this.push(
      t,
      "contact.handled",
      {
        contactId,
        agentId,
        queue: o.queue,
        channel: "call",
        customerId: c.id,
        talkSeconds: talk,
        holdSeconds: hold,
        afterCallSeconds: afterCall,
        resolved,
        product: o.product,
        segment: c.segment,
        regionId: c.regionId,
        ...(o.journeyId ? { journeyId: o.journeyId } : {}),
      },
      o.journeyId ?? null,
    );
    return { end: t + (talk + hold) * 1000, resolved, agentId };
  }

  /**
   * A completed survey response (and perhaps its follow-up). `mood` shifts the answer: the NPS
   * answer is the calibrated distribution's inverse CDF at Φ(z), z = (mood + agent + ε) / MOOD_SCALE:
   * moods are centred so that over all answers z stays about standard normal and the answers keep
   * the calibrated shares (tested), while abandoned or slow journeys, unresolved calls and weaker
   * agents score lower. CSAT and CES follow the same z.
   */
  survey(t: number, o: { topic: "journey" | "call" | "request"; product: ProductId; mood: number; touchpoint: string; journeyId?: string; agentId?: string; channel?: string }): void {
    const r = this.r;
    const c = this.customer;
    const z = (o.mood + this.agentEffect(o.agentId) + r.normal()) / MOOD_SCALE;
    const nps = weighted(this.tables.nps, normalCdf(z));
    const scores: Props = { nps };
    let csat = 0;
    if (r.chance(SURVEYS.csat)) {
      csat = 1 + weighted(this.tables.csat, normalCdf(0.8 * z + 0.6 * r.normal()));
      scores.csat = csat;
    }
    if (o.topic === "journey" && r.chance(SURVEYS.ces)) scores.ces = 1 + weighted(this.tables.ces, normalCdf(0.7 * z + 0.71 * r.normal()));
    this.responses += 1;
    const responseId = `${this.key}-r${this.responses}`;
    const band = nps <= 6 ? "detractor" : nps <= 8 ? "passive" : "promoter";
    const comment = r.chance(COMMENT_RATE[band]) ? commentFor(nps, o.topic, r.next()) : undefined;
    const props: Props = {
      surveyId: `demo-${o.topic}-survey`,
      responseId,
      channel: o.channel ?? (r.chance(0.6) ? "email" : "sms"),
      scores,
      product: o.product,
      segment: c.segment,
      touchpoint: o.touchpoint,
      ...(o.journeyId ? { journeyId: o.journeyId } : {}),
      ...(o.agentId ? { agentId: o.agentId } : {}),
      ...(comment ? { comment } : {}),
    };
    this.push(t, "survey.response_completed", props, o.journeyId ?? null);
    // Detractors and low CSAT are due a follow-up (kpis.md "Closing the loop"); most get one.
    if ((nps <= 6 || (csat > 0 && csat <= 2)) && r.chance(SURVEYS.followUp)) {
      const by = this.agent(c.branchId);
      this.push(t + r.logNormal(SURVEYS.followUpMedianHours, 0.9) * HOUR_MS, "feedback.followed_up", { responseId, channel: "call", ...(by ? { agentId: by } : {}) });
    }
  }

  /** A service request (card replacement, address change or complaint) and its turnaround. */
  request(dayStart: number, product: ProductId): void {
    const r = this.r;
    const t = this.tables;
    const c = this.customer;
    const type = t.requestTypes.ids[weighted(t.requestTypes.cum, r.next())] ?? "complaint";
    const mix = t.requestChannels[type] ?? t.requestChannels.complaint;
    const channel = mix ? (mix.ids[weighted(mix.cum, r.next())] ?? "web") : "web";
    const about = type === "complaint" ? (t.complaintProducts.ids[weighted(t.complaintProducts.cum, r.next())] ?? product) : type === "card_replacement" ? (r.chance(0.5) ? "credit_card" : "checking") : product;
    const requested = this.atHour(dayStart, channel === "branch" ? "branch" : channel === "call" ? "call" : "digital");
    const tat = REQUESTS.turnaroundHours[type] ?? { median: 48, sigma: 0.8 };
    const fulfilled = requested + r.logNormal(tat.median, tat.sigma) * HOUR_MS;
    const requestId = `${this.key}-q`;
    const done = fulfilled < t.windowEnd;
    this.push(requested, done ? "request.fulfilled" : "request.opened", {
      requestId,
      type,
      channel,
      customerId: c.id,
      requestedAt: isoOf(requested),
      ...(done ? { fulfilledAt: isoOf(fulfilled) } : {}),
      product: about,
      segment: c.segment,
      regionId: c.regionId,
      ...(channel === "branch" ? { branchId: c.branchId } : {}),
    });
    if (done && r.chance(SURVEYS.afterRequest)) {
      const slow = fulfilled - requested > (type === "complaint" ? 360 : type === "card_replacement" ? 120 : 24) * HOUR_MS;
      this.survey(fulfilled + r.logNormal(3, 0.8) * HOUR_MS, { topic: "request", product: about, mood: slow ? -0.8 : 0.15, touchpoint: `request.${type}` });
    }
  }

  /** The queue of a call about a product. */
  static queueOf(product: ProductId): string {
    return PLANS[product].queue;
  }
}
