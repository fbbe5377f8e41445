/**
 * A unit's application journey: started, each step viewed and completed (or left, with the field
 * the customer was on), pauses brought back by SMS or email reminder links, channel switches,
 * help calls and branch visits, submission, the decision (approve, reject, or a request for
 * information answered later), funding, and the surveys that follow.
 */
import { BEHAVIOUR, DROP_FACTOR, HARD_FIELDS, PLANS, STEP_MINUTES, SURVEYS, type StartChannel } from "./flows";
import type { ProductId } from "./calibration";
import { DAY_MS, HOUR_MS } from "./tables";
import type { Props, Unit } from "./unit";

const MINUTE_MS = 60_000;

export interface JourneyStart {
  journeyId: string;
  product: ProductId;
  channel: StartChannel;
  t0: number;
  /** The agent who started it (assisted channels, a converted campaign call). */
  agentId?: string;
}

const deviceOf = (u: Unit, channel: string): string =>
  channel === "app" ? (u.r.chance(0.9) ? "mobile" : "tablet") : channel === "web" ? (u.r.chance(0.58) ? "desktop" : u.r.chance(0.8) ? "mobile" : "tablet") : "desktop";

/** The field the customer was on when they left: hard fields (income, documents, ids) three times as likely. */
function fieldLeftOn(u: Unit, fields: string[]): string | undefined {
  if (fields.length === 0) return undefined;
  const weights = fields.map((f) => (HARD_FIELDS.has(f) ? 3 : 1));
  let x = u.r.next() * weights.reduce((a, b) => a + b, 0);
  for (const [i, f] of fields.entries()) {
    x -= weights[i] ?? 1;
    if (x < 0) return f;
  }
  return fields[fields.length - 1];
}

export function simulateJourney(u: Unit, s: JourneyStart): void {
  const r = u.r;
  const plan = PLANS[s.product];
  const c = u.customer;
  const assisted = s.channel === "branch" || s.channel === "agent-assisted" || s.channel === "call";
  const inBranch = s.channel === "branch" || s.channel === "agent-assisted";
  let channel: string = s.channel;
  let device = deviceOf(u, channel);
  let agentId = s.agentId ?? (assisted ? u.agent(inBranch ? c.branchId : undefined) : undefined);
  let branchId = inBranch ? c.branchId : undefined;
  // Plain assignments rather than spreads: this runs for every journey event (throughput matters at 10M).
  const push = (t: number, event: string, step?: string, field?: string, extra?: Props) => {
    const p: Props = { journeyId: s.journeyId, product: s.product, channel, device, segment: c.segment, regionId: c.regionId };
    if (branchId) p.branchId = branchId;
    if (agentId) p.agentId = agentId;
    if (step !== undefined) p.step = step;
    if (field !== undefined) p.field = field;
    if (extra) Object.assign(p, extra);
    u.push(t, event, p, s.journeyId);
  };
  let mood = 0.25;
  let t = s.t0;
  push(t, "application.started", plan.steps[0]?.id);
  const helpAt = r.chance(BEHAVIOUR.helpCall) ? r.int(plan.steps.length) : -1;
  const visitAt = r.chance(BEHAVIOUR.branchVisit[s.product] ?? 0) ? plan.steps.findIndex((x) => x.kind === "documents") : -1;
  for (const [k, step] of plan.steps.entries()) {
    if (k > 0 && !assisted && r.chance(BEHAVIOUR.pause)) {
      const hours = r.logNormal(BEHAVIOUR.pauseMedianHours, 1.1);
      t += hours * HOUR_MS;
      mood -= 0.1;
      // Atrium's reminder brings the customer back through a link to the exact step.
      if (hours > 4) {
        const sms = r.chance(0.6);
        push(t, sms ? "sms.link_opened" : "email.link_opened", step.id, undefined, { channel: sms ? "sms" : "email" });
      }
      if (r.chance(BEHAVIOUR.switchAfterPause) && (channel === "web" || channel === "app")) {
        channel = channel === "web" ? "app" : "web";
        device = deviceOf(u, channel);
      }
      t += r.int(120_000);
      push(t, "application.resumed", step.id);
    }
    if (k === helpAt) {
      const call = u.contact(t + MINUTE_MS, { queue: plan.queue, product: s.product, journeyId: s.journeyId });
      t = call.end + MINUTE_MS;
      mood += call.resolved ? 0.1 : -0.5;
      // Some finish the application with the agent on the phone.
      if (r.chance(0.3)) {
        channel = "agent-assisted";
        agentId = call.agentId;
        device = "desktop";
      }
    }
    if (k === visitAt && c.branchId) {
      t += r.logNormal(48, 0.6) * HOUR_MS;
      branchId = c.branchId;
      const banker = u.agent(branchId);
      t = u.atHour(t - (t % DAY_MS), "branch");
      push(t, "branch.visit", step.id, undefined, banker ? { channel: "branch", agentId: banker } : { channel: "branch" });
      if (banker) agentId = banker;
    }
    const completes = 1 - (1 - step.completes) * DROP_FACTOR[s.channel];
    if (!r.chance(completes)) {
      const field = fieldLeftOn(u, step.fields);
      push(t, "application.step_viewed", step.id, field);
      const last = t + r.int(5 * MINUTE_MS);
      if (r.chance(BEHAVIOUR.explicitAbandon)) push(last + BEHAVIOUR.inactivityDays * DAY_MS + r.int(6 * HOUR_MS), "application.abandoned", step.id, field);
      if (r.chance(SURVEYS.afterAbandon)) u.survey(last + (BEHAVIOUR.inactivityDays + 1) * DAY_MS, { topic: "journey", product: s.product, mood: mood - 1.1, touchpoint: `step:${step.id}`, journeyId: s.journeyId, agentId });
      return;
    }
    push(t, "application.step_viewed", step.id);
    const [median, sigma] = STEP_MINUTES[step.kind];
    t += r.logNormal(median, sigma) * (assisted ? 1.5 : 1) * MINUTE_MS;
    push(t, "application.step_completed", step.id);
    t += r.int(20_000);
  }
  t += 2_000;
  push(t, "application.submitted");
  const d = plan.decision;
  let decidedAt = t + r.logNormal(d.medianHours, d.sigma) * HOUR_MS;
  const roll = r.next();
  let decision = roll < d.approve ? "approve" : roll < d.approve + d.reject ? "reject" : "request_info";
  if (decidedAt - t > 48 * HOUR_MS) mood -= 0.3;
  push(decidedAt, "application.decided", undefined, undefined, { decision });
  if (decision === "request_info") {
    if (!r.chance(BEHAVIOUR.infoAnswered)) return;
    const answered = decidedAt + r.logNormal(BEHAVIOUR.infoMedianHours, 0.8) * HOUR_MS;
    const step = plan.steps.find((x) => x.kind === "documents") ?? plan.steps[plan.steps.length - 1];
    push(answered, "application.resumed", step?.id);
    push(answered + 4 * MINUTE_MS, "application.step_completed", step?.id);
    decidedAt = answered + r.logNormal(d.medianHours / 2, d.sigma) * HOUR_MS;
    decision = r.chance(0.8) ? "approve" : "reject";
    mood -= 0.2;
    push(decidedAt, "application.decided", undefined, undefined, { decision });
  }
  if (decision === "reject") {
    if (r.chance(SURVEYS.afterDecision)) u.survey(decidedAt + r.logNormal(4, 0.8) * HOUR_MS, { topic: "journey", product: s.product, mood: mood - 1.2, touchpoint: "application.decided", journeyId: s.journeyId, agentId });
    return;
  }
  if (!r.chance(plan.funding.rate)) return;
  const fundedAt = decidedAt + r.logNormal(plan.funding.medianHours, plan.funding.sigma) * HOUR_MS;
  push(fundedAt, "application.funded");
  const days = (fundedAt - s.t0) / DAY_MS;
  if (r.chance(SURVEYS.afterFunding)) u.survey(fundedAt + r.logNormal(20, 0.7) * HOUR_MS, { topic: "journey", product: s.product, mood: mood + (days < 2 ? 0.35 : days > 30 ? -0.25 : 0.1), touchpoint: "application.funded", journeyId: s.journeyId, agentId });
}
