import { describe, expect, it } from "vitest";
import { CORE_MILESTONES, DEFAULT_DEFINITION, ruleMatches } from "../../src/modules/journeys/model/definition";
import { testDatabaseUrl } from "../../tests/support/context";
import { COMMENT_RATE, CSAT_SHARES, NPS_SHARES, PRODUCTS, SEGMENTS, TALK_QUANTILES } from "./calibration";
import { PLANS } from "./flows";
import { type EventRow, generate } from "./generate";
import { syntheticOrg } from "./org";
import { SEGMENT_IDS } from "./segments";

const org = syntheticOrg();
const UNTIL = "2026-11-23";
const take = (it: Iterable<EventRow>, n: number) => {
  const out: EventRow[] = [];
  for (const r of it) {
    if (out.length >= n) break;
    out.push(r);
  }
  return out;
};

// Pure (no store): run once, in the PGlite pass.
describe.skipIf(testDatabaseUrl() !== null)("the demo generator", () => {
  // One pass over 20,000 journeys feeds every distribution check below.
  const rows: EventRow[] = [...generate({ journeys: 20_000, seed: 7, until: UNTIL, org })];
  const of = (name: string) => rows.filter((r) => r.event === name);

  it("is deterministic: the same seed gives byte-identical rows, another seed other rows", () => {
    const a = JSON.stringify(take(generate({ journeys: 50_000, seed: 11, until: UNTIL, org }), 10_000));
    const b = JSON.stringify(take(generate({ journeys: 50_000, seed: 11, until: UNTIL, org }), 10_000));
    const c = JSON.stringify(take(generate({ journeys: 50_000, seed: 12, until: UNTIL, org }), 10_000));
    expect(a.length).toBeGreaterThan(1_000_000);
    expect(a === b).toBe(true);
    expect(a === c).toBe(false);
    // Message ids are unique and fixed by (seed, unit, k), never by the window.
    const ids = new Set(rows.map((r) => r.message_id));
    expect(ids.size).toBe(rows.length);
    const later = take(generate({ journeys: 20_000, seed: 7, until: "2026-12-23", org }), 200).map((r) => r.message_id);
    expect(later.filter((id) => ids.has(id)).length).toBeGreaterThan(190);
  });

  it("streams: the first rows of ten million journeys come at once", () => {
    const t0 = performance.now();
    const first = take(generate({ journeys: 10_000_000, seed: 1, until: UNTIL, org }), 1000);
    expect(first).toHaveLength(1000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("makes exactly one started journey per unit, every event inside the 12 months before until, under the org's ids", () => {
    const started = of("application.started");
    expect(started).toHaveLength(20_000);
    expect(new Set(started.map((r) => r.journey_id)).size).toBe(20_000);
    const end = Date.parse(`${UNTIL}T00:00:00Z`);
    for (const r of rows) {
      const t = Date.parse(r.occurred_at);
      if (!(t >= end - 365 * 86_400_000 && t < end)) throw new Error(`${r.message_id} at ${r.occurred_at}`);
    }
    const branchIds = new Set(org.branches.map((b) => b.id));
    const agentIds = new Set(org.agents.map((a) => a.id));
    for (const r of rows.slice(0, 5000)) {
      const p = r.properties;
      if (p.branchId !== undefined) expect(branchIds.has(p.branchId as string)).toBe(true);
      if (p.agentId !== undefined) expect(agentIds.has(p.agentId as string)).toBe(true);
      expect(r).toMatchObject({ tenant_id: org.tenantId, source_id: org.sourceId, type: "track" });
    }
  });

  it("uses only the event names the journey definition and the fold know", () => {
    const facts = new Set(["contact.handled", "request.fulfilled", "request.opened", "survey.response_completed", "feedback.followed_up"]);
    const names = new Set(rows.map((r) => r.event));
    for (const name of names) {
      const known = name in DEFAULT_DEFINITION.milestones || DEFAULT_DEFINITION.touchpoints.some((t) => ruleMatches(t, name)) || facts.has(name);
      expect(known, name).toBe(true);
    }
    const milestones = new Set(Object.entries(DEFAULT_DEFINITION.milestones).filter(([name]) => names.has(name)).map(([, m]) => m));
    for (const m of CORE_MILESTONES.filter((x) => x !== "opened")) expect(milestones.has(m), m).toBe(true);
    for (const name of ["branch.visit", "sms.link_opened", "email.link_opened", "application.resumed", "request.fulfilled", "feedback.followed_up"]) expect(names.has(name), name).toBe(true);
  });

  it("reproduces the calibrated NPS answers (±2 points), CSAT (±2) and comment rates (±4)", () => {
    const answers = of("survey.response_completed").map((r) => r.properties as { scores: { nps: number; csat?: number }; comment?: string });
    expect(answers.length).toBeGreaterThan(5000);
    const share = (xs: number[], v: number) => xs.filter((x) => x === v).length / xs.length;
    const nps = answers.map((a) => a.scores.nps);
    for (const [v, s] of NPS_SHARES.entries()) expect(Math.abs(share(nps, v) - s), `NPS ${v}`).toBeLessThan(0.02);
    const csat = answers.flatMap((a) => (a.scores.csat === undefined ? [] : [a.scores.csat]));
    for (const [i, s] of CSAT_SHARES.entries()) expect(Math.abs(share(csat, i + 1) - s), `CSAT ${i + 1}`).toBeLessThan(0.02);
    const rate = (lo: number, hi: number) => {
      const band = answers.filter((a) => a.scores.nps >= lo && a.scores.nps <= hi);
      return band.filter((a) => a.comment).length / band.length;
    };
    expect(Math.abs(rate(0, 6) - COMMENT_RATE.detractor)).toBeLessThan(0.04);
    expect(Math.abs(rate(7, 8) - COMMENT_RATE.passive)).toBeLessThan(0.04);
    expect(Math.abs(rate(9, 10) - COMMENT_RATE.promoter)).toBeLessThan(0.04);
  });

  it("reproduces the calibrated call talk time (median within 10 %) and the segment mix (±2 points)", () => {
    const talk = of("contact.handled").map((r) => r.properties.talkSeconds as number).sort((a, b) => a - b);
    const median = talk[talk.length >> 1] as number;
    const calibrated = TALK_QUANTILES.seconds[TALK_QUANTILES.q.indexOf(0.5)] as number;
    expect(Math.abs(median - calibrated) / calibrated).toBeLessThan(0.1);
    // Customers are drawn by segment share; each journey carries its customer's segment.
    const bySegment = new Map<string, Set<string>>();
    for (const r of of("application.started")) {
      const s = r.properties.segment as string;
      bySegment.set(s, (bySegment.get(s) ?? new Set()).add(r.user_id));
    }
    const customers = [...bySegment.values()].reduce((n, s) => n + s.size, 0);
    for (const s of SEGMENT_IDS) expect(Math.abs((bySegment.get(s)?.size ?? 0) / customers - SEGMENTS[s].share), s).toBeLessThan(0.02);
  });

  it("has a realistic funnel per product: fewer people reach each later step, then submit, decide, fund", () => {
    const reached = new Map<string, Set<string>>();
    const mark = (key: string, journey: string | null) => reached.set(key, (reached.get(key) ?? new Set()).add(journey ?? ""));
    for (const r of rows) {
      const p = r.properties;
      if (r.event === "application.step_viewed") mark(`${p.product}:step:${p.step}`, r.journey_id);
      else if (r.event.startsWith("application.")) mark(`${p.product}:${r.event}`, r.journey_id);
    }
    const n = (key: string) => reached.get(key)?.size ?? 0;
    for (const product of PRODUCTS) {
      const chain = [...PLANS[product].steps.map((s) => `${product}:step:${s.id}`), `${product}:application.submitted`, `${product}:application.decided`, `${product}:application.funded`];
      const counts = chain.map(n);
      for (let k = 1; k < counts.length; k++) expect(counts[k], `${chain[k]} after ${chain[k - 1]}: ${counts}`).toBeLessThanOrEqual(counts[k - 1] as number);
      expect(counts[0]).toBe(n(`${product}:application.started`));
      expect(counts[counts.length - 1], product).toBeGreaterThan(0);
    }
    // Deposit accounts complete more often than mortgages; abandonments are recorded with their step.
    const completion = (p: string) => n(`${p}:application.submitted`) / n(`${p}:application.started`);
    expect(completion("savings")).toBeGreaterThan(completion("mortgage") + 0.2);
    for (const r of of("application.abandoned").slice(0, 500)) expect(typeof r.properties.step).toBe("string");
  });

  it("funds mortgages in weeks and deposit accounts in hours to days", () => {
    const startOf = new Map(of("application.started").map((r) => [r.journey_id, Date.parse(r.occurred_at)]));
    const ttf = (product: string) => {
      const hours = of("application.funded")
        .filter((r) => r.properties.product === product)
        .map((r) => (Date.parse(r.occurred_at) - (startOf.get(r.journey_id) ?? 0)) / 3_600_000)
        .sort((a, b) => a - b);
      return hours[hours.length >> 1] as number;
    };
    expect(ttf("savings")).toBeLessThan(48);
    expect(ttf("checking")).toBeLessThan(72);
    expect(ttf("mortgage")).toBeGreaterThan(14 * 24);
    expect(ttf("mortgage")).toBeLessThan(70 * 24);
  });
});
