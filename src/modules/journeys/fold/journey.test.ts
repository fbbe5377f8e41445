import { describe, expect, it } from "vitest";
import { HOURS, SECONDS, TOUCHES } from "../model/buckets";
import type { Counters } from "../model/cube";
import { DEFAULT_DEFINITION, type JourneyDefinition } from "../model/definition";
import { decode, encode } from "./codec";
import { journeyContribution } from "./contribution";
import { contactCell, contactFacts, customerContribution, requestCell, requestFacts, responseContribution, summarizeCustomer } from "./facts";
import { type JourneyState, journeyDims, recomputeJourney } from "./journey";
import type { FoldEvent } from "./values";

const T0 = Date.UTC(2026, 9, 5, 9, 0, 0); // 2026-10-05 09:00 UTC
const H = 3_600_000;
const D = 24 * H;
const DEFS = new Map<string, JourneyDefinition>();
let seq = 0;

function ev(event: string, at: number, properties: Record<string, unknown> = {}, extra: Partial<FoldEvent> = {}): FoldEvent {
  seq++;
  return { type: "track", event, user_id: null, anonymous_id: "anon-1", occurred_at: new Date(at), properties: { journeyId: "J1", ...properties }, context: {}, message_id: `m${String(seq).padStart(5, "0")}`, ...extra };
}
const A = "application.";
const shuffle = <T>(xs: T[]): T[] => xs.map((x, i) => [x, (i * 7919) % xs.length] as const).sort((a, b) => a[1] - b[1]).map(([x]) => x);
const state = (events: FoldEvent[], now = T0 + 400 * D, defs = DEFS) => recomputeJourney("J1", events, defs, new Date(now)) as JourneyState;
const cell = (s: JourneyState) => journeyContribution(s, DEFAULT_DEFINITION).cube[0]?.counters as Counters;

function funded(): FoldEvent[] {
  return [
    ev(`${A}started`, T0, { product: "checking", channel: "web", segment: "retail", regionId: "r1", branchId: "b1" }, { user_id: "cust-1" }),
    ev(`${A}step_viewed`, T0 + 60_000, { step: "personal" }),
    ev(`${A}step_completed`, T0 + 120_000, { step: "personal", field: "email" }),
    ev(`${A}step_viewed`, T0 + 180_000, { step: "documents", device: "mobile" }),
    ev(`${A}submitted`, T0 + 2 * H),
    ev(`${A}submitted`, T0 + 3 * H),
    ev(`${A}decided`, T0 + 26 * H, { decision: "approve", agentId: "ag-7" }),
    ev(`${A}funded`, T0 + 50 * H),
  ];
}

describe("recomputeJourney", () => {
  it("reads events in any order, keeps the first of duplicate milestones, and takes the last non-empty dimensions", () => {
    const s = state(shuffle(funded()));
    expect(s).toMatchObject({
      customer: "cust-1",
      product: "checking",
      segment: "retail",
      region: "r1",
      branch: "b1",
      agent: "ag-7",
      device: "mobile",
      startChannel: "web",
      channels: ["web"],
      touchpoints: 6, // started, 2 step_viewed, step_completed, 2 submitted (decided/funded are not touchpoints)
      channelSwitches: 0,
      status: "funded",
      startedAt: new Date(T0).toISOString(),
      submittedAt: new Date(T0 + 2 * H).toISOString(),
      decision: "approved",
      fundedAt: new Date(T0 + 50 * H).toISOString(),
      lastActivityAt: new Date(T0 + 50 * H).toISOString(),
      abandonedAt: null,
      events: 8,
    });
    expect(s.reached["step:personal"]).toBe(new Date(T0 + 60_000).toISOString());
    expect(s.reached["stage:submitted"]).toBe(new Date(T0 + 2 * H).toISOString());
    expect(s.reached[`event:${A}funded`]).toBe(new Date(T0 + 50 * H).toISOString());
  });

  it("abandons by inactivity exactly at the window, at the last activity, on the last step and field", () => {
    const events = [ev(`${A}started`, T0, { channel: "app" }), ev(`${A}step_viewed`, T0 + H, { step: "income" }), ev(`${A}step_completed`, T0 + 2 * H, { step: "income", field: "salary" })];
    expect(state(events, T0 + 2 * H + 7 * D - 1).status).toBe("open");
    const s = state(events, T0 + 2 * H + 7 * D);
    expect(s).toMatchObject({ status: "abandoned", abandonedAt: new Date(T0 + 2 * H).toISOString(), abandonedStep: "income", abandonedField: "salary" });
    const x = journeyContribution(s, DEFAULT_DEFINITION);
    expect(x.cube[0]?.counters.abandoned).toBe(1);
    expect(x.touch.find((t) => t.node === "step:income")?.counters).toMatchObject({ reached: 1, dropped: 1 });
    expect(x.touch.find((t) => t.node === "field:income:salary")?.counters).toEqual({ dropped: 1 });
    // The window is the product's own.
    const slow = new Map([["loan", { ...DEFAULT_DEFINITION, product: "loan", inactivityDays: 30 }]]);
    const loan = events.map((e) => ({ ...e, properties: { ...(e.properties as object), product: "loan" } }));
    expect(state(loan, T0 + 2 * H + 7 * D, slow).status).toBe("open");
    expect(state(loan, T0 + 2 * H + 30 * D, slow).status).toBe("abandoned");
  });

  it("abandons explicitly with the event's step and field, and a later submission un-abandons", () => {
    const base = [ev(`${A}started`, T0), ev(`${A}step_viewed`, T0 + H, { step: "id", field: "passport" }), ev(`${A}abandoned`, T0 + 2 * H, { step: "address", field: "zip" })];
    expect(state(base, T0 + 3 * H)).toMatchObject({ status: "abandoned", abandonedAt: new Date(T0 + 2 * H).toISOString(), abandonedStep: "address", abandonedField: "zip" });
    const back = state([...base, ev(`${A}submitted`, T0 + 5 * H)], T0 + 100 * D);
    expect(back).toMatchObject({ status: "submitted", abandonedAt: null, abandonedStep: null });
    expect(cell(back).abandoned).toBeUndefined();
  });

  it("counts channel switches between consecutive touchpoints and single-channel journeys", () => {
    const mixed = state([
      ev(`${A}started`, T0, { channel: "web" }),
      ev(`${A}step_viewed`, T0 + 1000, { step: "a", channel: "web" }),
      ev("call.inbound", T0 + 2000),
      ev(`${A}step_viewed`, T0 + 3000, { step: "b", channel: "Mobile" }),
      ev(`${A}step_viewed`, T0 + 4000, { step: "c" }), // no channel: the start channel
      ev(`${A}submitted`, T0 + 5000, { channel: "web" }),
    ]);
    expect(mixed).toMatchObject({ channels: ["web", "call", "app"], channelSwitches: 3, touchpoints: 6 });
    expect(cell(mixed).single_channel).toBeUndefined();
    const single = state([ev(`${A}started`, T0, { channel: "branch" }), ev(`${A}submitted`, T0 + H)]);
    expect(single).toMatchObject({ channels: ["branch"], channelSwitches: 0 });
    expect(cell(single)).toMatchObject({ single_channel: 1, switch_sum: 0, touch_sum: 2 });
  });

  it("converts only when funded within the conversion window of the start (the edge included)", () => {
    const at = (t: number) => cell(state([ev(`${A}started`, T0), ev(`${A}submitted`, T0 + H), ev(`${A}funded`, t)]));
    expect(at(T0 + 30 * D).converted).toBe(1);
    expect(at(T0 + 30 * D + 1).converted).toBeUndefined();
    expect(at(T0 + 30 * D + 1).funded).toBe(1);
  });

  it("keeps the decision: approve/approved count as approved, others not", () => {
    const d = (decision: unknown) => state([ev(`${A}started`, T0), ev(`${A}submitted`, T0 + H), ev(`${A}decided`, T0 + 3 * H, { decision })]);
    expect(cell(d("approved"))).toMatchObject({ decided: 1, approved: 1 });
    expect(cell(d("Approve")).approved).toBe(1);
    const rejected = d("declined");
    expect(rejected.decision).toBe("declined");
    expect(cell(rejected)).toMatchObject({ decided: 1, ttd_n: 1, ttd_sum: 2 });
    expect(cell(rejected).approved).toBeUndefined();
  });

  it("resists hostile input: long strings are cut, non-strings ignored, numbers taken as ids", () => {
    const long = "x".repeat(5000);
    const s = state([
      ev(`${A}started`, T0, { product: long, segment: { evil: true }, regionId: 42, branchId: ["b"], step: long, channel: 7 }),
      { type: "track", event: null, user_id: null, anonymous_id: null, occurred_at: new Date(T0 + 1), properties: "not an object", context: null },
    ]);
    expect(s.product).toHaveLength(200);
    expect(s).toMatchObject({ segment: "", region: "42", branch: "", startChannel: "" });
    expect(Object.keys(s.reached).every((k) => k.length <= 210)).toBe(true);
  });
});

describe("journeyContribution", () => {
  it("puts the journey on its start day, the decision as an application request on the submitted day, and its map nodes", () => {
    const s = state(funded());
    const x = journeyContribution(s, DEFAULT_DEFINITION);
    const [j, app] = x.cube;
    expect(j?.day).toBe("2026-10-05");
    expect(j?.dims).toEqual(journeyDims(s));
    expect(j?.counters).toMatchObject({ started: 1, submitted: 1, decided: 1, approved: 1, funded: 1, converted: 1, single_channel: 1, touch_sum: 6, ttf_n: 1, ttf_sum: 50, ttd_n: 1, ttd_sum: 24 });
    expect(j?.counters.ttf_hist?.[HOURS.bucket(50)]).toBe(1);
    expect(j?.counters.touch_hist?.[TOUCHES.bucket(6)]).toBe(1);
    // Submitted 11:00 on the 5th, decided 24 h later: SLA 48 h.
    expect(app).toMatchObject({ day: "2026-10-05", counters: { tat_n: 1, tat_sum: 24, tat_in_sla: 1 } });
    const nodes = Object.fromEntries(x.touch.map((t) => [t.node, t.counters]));
    expect(Object.keys(nodes).sort()).toEqual(
      ["stage:started", "stage:submitted", "stage:decided", "stage:funded", "step:personal", "step:documents", `touch:${A}started`, `touch:${A}step_viewed`, `touch:${A}step_completed`, `touch:${A}submitted`].sort(),
    );
    expect(nodes["stage:funded"]).toMatchObject({ reached: 1, hours_n: 1, hours_sum: 50 });
    // Stored compactly, and exactly recoverable.
    const stored = encode(x);
    expect(JSON.stringify(stored).length).toBeLessThan(1000);
    expect(norm(decode(JSON.parse(JSON.stringify(stored))))).toEqual(norm(x));
  });
});

/** Zeros are not stored: compare without zero counters and without histograms' trailing zeros. */
function norm(x: unknown): unknown {
  return JSON.parse(
    JSON.stringify(x, (_k, v) => {
      if (Array.isArray(v) && typeof v[0] === "number") {
        let n = v.length;
        while (n > 0 && v[n - 1] === 0) n--;
        return v.slice(0, n);
      }
      if (v && typeof v === "object" && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).filter(([, e]) => e !== 0));
      return v;
    }),
  );
}

describe("facts", () => {
  it("contacts: talk + hold + after-call, one per entity, latest values win, day of startedAt, own dimensions", () => {
    const events = [
      ev("contact.started", T0, { contactId: "C1", channel: "phone", agentId: "ag-1", queue: "cards", talkSeconds: 100, startedAt: "2026-10-04T23:59:00Z" }),
      ev("contact.ended", T0 + 600_000, { contactId: "C1", talkSeconds: 240, holdSeconds: 30, afterCallSeconds: "45" }),
    ].map((e) => ({ ...e, properties: { ...(e.properties as object), journeyId: undefined } }));
    const [f] = contactFacts(events, null);
    expect(f).toMatchObject({ day: "2026-10-04", seconds: 315, dims: { channel: "call", agent: "ag-1", queue: "cards" } });
    expect(contactCell(f as never).counters).toMatchObject({ contacts: 1, handle_sum: 315 });
    expect(contactCell(f as never).counters.handle_hist?.[SECONDS.bucket(315)]).toBe(1);
    expect(contactFacts([ev("contact.started", T0, { contactId: "C2" })], null)).toEqual([]);
  });

  it("contacts inside a journey take the journey's dimensions with their own channel, agent and queue", () => {
    const s = state([ev(`${A}started`, T0, { product: "loan", channel: "web", agentId: "ag-j" }), ev("contact.ended", T0 + H, { contactId: "C9", talkSeconds: 60, queue: "loans" })]);
    expect(s.contacts).toEqual([{ day: "2026-10-05", seconds: 60, dims: { ...journeyDims(s), channel: "web", agent: "ag-j", queue: "loans" } }]);
    expect(journeyContribution(s, DEFAULT_DEFINITION).cube.some((c) => c.counters.contacts === 1)).toBe(true);
  });

  it("requests: TAT from requestedAt/fulfilledAt or opened/fulfilled events, within the type's SLA", () => {
    const card = (hours: number) =>
      requestFacts([ev("request.opened", T0, { requestId: "R1", type: "card_replacement", product: "cards" }), ev("request.fulfilled", T0 + hours * H, { requestId: "R1" })], null, DEFS);
    expect(card(120)[0]).toMatchObject({ type: "card_replacement", hours: 120, inSla: true, day: "2026-10-05" });
    expect(card(120.5)[0]?.inSla).toBe(false);
    const props = requestFacts([ev("request.updated", T0, { type: "complaint", requestedAt: "2026-10-01T00:00:00Z", fulfilledAt: "2026-10-03T12:00:00Z" })], null, DEFS);
    expect(props[0]).toMatchObject({ day: "2026-10-01", hours: 60, inSla: true });
    expect(requestCell(props[0] as never).counters).toMatchObject({ tat_n: 1, tat_sum: 60, tat_in_sla: 1 });
    expect(requestFacts([ev("request.opened", T0, { type: "odd" }), ev("request.fulfilled", T0 + H)], null, DEFS)[0]?.inSla).toBe(false);
    expect(requestFacts([ev("request.opened", T0, { type: "complaint" })], null, DEFS)).toEqual([]);
  });

  it("responses: scores, follow-ups due and done, dimensions from the journey or the response, map node", () => {
    const s = state(funded());
    const linked = { dims: journeyDims(s), reached: s.reached, def: DEFAULT_DEFINITION };
    const detractor = [ev("survey.response_completed", T0 + 60 * H, { responseId: "R", channel: "email", scores: { nps: 3, csat: 4 } }), ev("feedback.followed_up", T0 + 65 * H, { responseId: "R" })];
    const x = responseContribution(detractor, linked);
    expect(x.cube[0]).toMatchObject({ day: "2026-10-07", dims: { ...journeyDims(s), channel: "email" }, counters: { fu_due: 1, fu_done: 1 } });
    expect(x.cube[0]?.counters.responses).toBe(1);
    expect(x.cube[0]?.counters.nps?.[3]).toBe(1);
    expect(x.cube[0]?.counters.csat?.[3]).toBe(1);
    expect(x.cube[0]?.counters.fu_hist?.[HOURS.bucket(5)]).toBe(1);
    // The journey's last step/touchpoint before the response (funded is not a touchpoint; submitted is).
    expect(x.touch[0]?.node).toBe(`touch:${A}submitted`);
    const promoter = responseContribution([ev("survey.response_completed", T0, { nps: 10, touchpoint: "branch.visit", product: "cards", segment: "gold" })], null);
    expect(promoter.cube[0]?.dims).toMatchObject({ product: "cards", segment: "gold" });
    expect(promoter.cube[0]?.counters.fu_due).toBeUndefined();
    expect(promoter.touch[0]?.node).toBe("touch:branch.visit");
    const lowCsat = responseContribution([ev("survey.response_completed", T0, { scores: { csat: 2, ces: 7, nps: 11 } })], null);
    expect(lowCsat.cube[0]?.counters).toMatchObject({ fu_due: 1 });
    expect(lowCsat.cube[0]?.counters.nps).toBeUndefined();
    expect(lowCsat.cube[0]?.counters.ces?.[6]).toBe(1);
    expect(responseContribution([ev("feedback.followed_up", T0)], null)).toEqual({ cube: [], touch: [] });
  });

  it("customers: intent at their first start, active when any journey is funded or opened", () => {
    const dims = (product: string) => ({ product, channel: "web", device: "", segment: "", region: "", branch: "", agent: "", queue: "" });
    const s = summarizeCustomer([
      { journeyId: "b", startedAt: "2026-10-09T00:00:00.000Z", dims: dims("loan"), funded: true },
      { journeyId: "a", startedAt: "2026-10-02T00:00:00.000Z", dims: dims("checking"), funded: false },
    ]);
    expect(customerContribution(s).cube).toEqual([{ day: "2026-10-02", dims: dims("checking"), counters: { intent: 1, active: 1 } }]);
    const idle = summarizeCustomer([{ journeyId: "a", startedAt: "2026-10-02T00:00:00.000Z", dims: dims("checking"), funded: false }]);
    expect(customerContribution(idle).cube[0]?.counters).toEqual({ intent: 1 });
    expect(customerContribution(summarizeCustomer([]))).toEqual({ cube: [], touch: [] });
  });
});
