import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { API } from "../../../../tests/support/routes";
import { foldTenant, rebuild } from "../fold/fold";
import { makeSource, put, type Raw } from "../fold/fold.testkit";
import type { KpiReport } from "./report";

/**
 * From raw events through the fold to GET /kpis. Four journeys in May 2026 and two survey
 * responses; every expected figure below is read off these events.
 */
const ctx = await createTestContext();
const db = ctx.deps.db;
let T: TestTenant;
let viewer: Record<string, string>;
let source: string;

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 4, 4, 9);
const NOW = new Date(T0 + 30 * D);

const journey = (id: string, customer: string, product: string, steps: Array<[string, number, Record<string, unknown>?]>): Raw[] =>
  steps.map(([event, at, p = {}]) => ({ event, at: T0 + at, user: customer, props: { journeyId: id, product, ...p } }));

const EVENTS: Raw[] = [
  // K1: web only, submitted after 2 h, approved a day later, funded on day 3 → TTF 72 h, decision 24 h.
  ...journey("K1", "c-1", "checking", [
    ["application.started", 0, { channel: "web" }],
    ["application.step_viewed", H, { channel: "web", step: "identity" }],
    ["application.submitted", 2 * H, { channel: "web" }],
    ["application.decided", 26 * H, { decision: "approved" }],
    ["application.funded", 3 * D],
  ]),
  // K2: app, left on a step and never back → abandoned by the 7-day inactivity window.
  ...journey("K2", "c-2", "checking", [
    ["application.started", D, { channel: "app" }],
    ["application.step_viewed", D + H, { channel: "app", step: "identity" }],
  ]),
  // K3: web, submitted, then a call: two channels, one switch.
  ...journey("K3", "c-3", "checking", [
    ["application.started", 2 * D, { channel: "web" }],
    ["application.submitted", 2 * D + 2 * H, { channel: "web" }],
    ["call.completed", 2 * D + 3 * H],
  ]),
  // K4: a loan at the branch, submitted in one channel.
  ...journey("K4", "c-4", "loan", [
    ["application.started", 3 * D, { channel: "branch" }],
    ["application.submitted", 3 * D + H, { channel: "branch" }],
  ]),
  { event: "survey.response_completed", at: T0 + 4 * D, user: "c-1", props: { surveyId: "s", responseId: "r-1", channel: "email", journeyId: "K1", scores: { nps: 9 } } },
  { event: "survey.response_completed", at: T0 + 4 * D, user: "c-3", props: { surveyId: "s", responseId: "r-2", channel: "email", journeyId: "K3", scores: { nps: 3 } } },
];

beforeAll(async () => {
  T = await makeTenant(ctx);
  viewer = await apiKeyHeaders(ctx, T, "viewer");
  source = await makeSource(db, T.id);
  await put(db, T.id, source, EVENTS);
  await foldTenant(db, T.id, { now: NOW });
});

async function kpis(query: string): Promise<KpiReport> {
  const res = await ctx.app.request(`${API}/kpis?${query}`, { headers: viewer });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as KpiReport;
}

describe("events → fold → GET /kpis", () => {
  it("the month's KPIs are those of the events", async () => {
    const { total } = await kpis("from=2026-05-01&to=2026-05-31");
    expect(total.counts).toMatchObject({ started: 4, submitted: 3, abandoned: 1, decided: 1, approved: 1, funded: 1, responses: 2 });
    expect(total.completionRate).toMatchObject({ value: 0.75, n: 4 });
    expect(total.abandonmentRate).toMatchObject({ value: 0.25, n: 4 });
    // K1 and K4 stayed in one channel; K3 added a call.
    expect(total.singleChannelRate).toMatchObject({ value: 0.6667, n: 3 });
    expect(total.timeToFund).toMatchObject({ n: 1, meanHours: 72 });
    expect(total.timeToDecision).toMatchObject({ n: 1, meanHours: 24 });
    // Touchpoints: K1 3 (started, step, submitted), K2 2, K3 3, K4 2; one switch (K3, web → call).
    expect(total.touchpointsPerJourney).toEqual({ mean: 2.5, median: 2.5, n: 4 });
    expect(total.channelSwitches).toEqual({ mean: 0.25, n: 4 });
    // One promoter (9), one detractor (3).
    expect(total.nps).toMatchObject({ n: 2, promoters: 1, detractors: 1, score: 0 });
  });

  it("groups by channel and product as the journeys started", async () => {
    const byChannel = await kpis("from=2026-05-01&to=2026-05-31&groupBy=channel");
    const started = Object.fromEntries(byChannel.groups.map((g) => [g.key, g.kpis.counts.started]));
    expect(started).toMatchObject({ web: 2, app: 1, branch: 1 });
    expect(byChannel.groups[0]?.key).toBe("web");
    const loans = await kpis("from=2026-05-01&to=2026-05-31&product=loan");
    expect(loans.total.counts).toMatchObject({ started: 1, submitted: 1 });
    expect(loans.total.completionRate.value).toBe(1);
  });

  it("a late event changes the report after the next fold; a rebuild gives the same report", async () => {
    const before = await kpis("from=2026-05-01&to=2026-05-31");
    await put(db, T.id, source, journey("K4", "c-4", "loan", [["application.funded", 4 * D]]));
    await foldTenant(db, T.id, { now: NOW });
    const after = await kpis("from=2026-05-01&to=2026-05-31");
    expect(after.total.counts.funded).toBe(before.total.counts.funded + 1);
    // K4 started on day 3 and was funded on day 4: 24 h, next to K1's 72 h.
    expect(after.total.timeToFund).toMatchObject({ n: 2, meanHours: 48 });
    await rebuild(db, T.id, { now: NOW });
    expect(await kpis("from=2026-05-01&to=2026-05-31")).toEqual(after);
  });
});
