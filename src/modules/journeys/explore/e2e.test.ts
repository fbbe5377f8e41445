import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { API, send } from "../../../../tests/support/routes";
import { foldTenant, rebuild } from "../fold/fold";
import { type EventInput, getJson, insertEvents, makeSource } from "./explore.testkit";

/**
 * From raw events through the fold to every explore endpoint: three checking journeys (funded,
 * abandoned on a step, submitted), then a definition change and a rebuild that makes a new
 * touchpoint count. Expected values are read off the events below.
 */
const ctx = await createTestContext();
const db = ctx.deps.db;
let A: TestTenant;
let analyst: Record<string, string>;
let source: string;

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 4, 4, 9);
const iso = (ms: number) => new Date(ms).toISOString();
const NOW = T0 + 30 * D;

function journey(id: string, customer: string, steps: [string, number, Record<string, unknown>?][]): EventInput[] {
  return steps.map(([event, at, p = {}], i) => ({ messageId: `${id}-${i}`, event, journeyId: id, userId: customer, occurredAt: iso(T0 + at), properties: { journeyId: id, product: "checking", ...p } }));
}

beforeAll(async () => {
  A = await makeTenant(ctx);
  analyst = await apiKeyHeaders(ctx, A, "cx_analyst");
  source = await makeSource(ctx, A, "E2E website");
  await insertEvents(db, A.id, source, [
    ...journey("E-funded", "c-1", [
      ["application.started", 0, { channel: "web" }],
      ["application.step_viewed", H, { step: "identity", channel: "web" }],
      ["application.submitted", 2 * H, { channel: "web" }],
      ["call.completed", 3 * H],
      ["application.funded", 3 * D],
    ]),
    ...journey("E-left", "c-2", [
      ["application.started", D, { channel: "app" }],
      ["application.step_viewed", D + H, { step: "identity", field: "passport", channel: "app" }],
    ]),
    ...journey("E-sent", "c-3", [
      ["application.started", 2 * D, { channel: "web" }],
      ["kiosk.visit", 2 * D + H],
      ["application.submitted", 2 * D + 2 * H, { channel: "web" }],
    ]),
  ]);
  await foldTenant(db, A.id, { now: new Date(NOW) });
});

type J = { id: string; status: string; touchpoints: number; channels: string[]; abandonedStep: string | null; startChannel: string | null };

describe("events → fold → explore endpoints", () => {
  it("lists the folded journeys and their timelines", async () => {
    const page = await getJson<{ items: J[] }>(ctx, "/journeys?from=2026-05-01&to=2026-05-31", analyst);
    expect(page.items.map((j) => [j.id, j.status])).toEqual([
      ["E-sent", "submitted"],
      ["E-left", "abandoned"],
      ["E-funded", "funded"],
    ]);
    expect(page.items.find((j) => j.id === "E-left")).toMatchObject({ abandonedStep: "identity", startChannel: "app" });
    expect(page.items.find((j) => j.id === "E-funded")?.channels.sort()).toEqual(["call", "web"]);
    const detail = await getJson<{ timeline: { event: string }[] }>(ctx, "/journeys/E-funded", analyst);
    expect(detail.timeline.map((e) => e.event)).toEqual(["application.started", "application.step_viewed", "application.submitted", "call.completed", "application.funded"]);
    const tl = await getJson<{ items: { event: string }[]; journeys: J[] }>(ctx, "/customers/c-3/timeline", analyst);
    expect(tl.items.map((e) => e.event)).toEqual(["application.submitted", "kiosk.visit", "application.started"]);
    expect(tl.journeys.map((j) => j.id)).toEqual(["E-sent"]);
  });

  it("funnel and journey map agree with the events", async () => {
    const f = await getJson<{ steps: { entered: number; medianHours: number | null }[] }>(ctx, "/funnels?from=2026-05-01&to=2026-05-31&steps=started,step:identity,submitted,funded", analyst);
    expect(f.steps.map((s) => s.entered)).toEqual([3, 2, 1, 1]);
    expect(f.steps[1]?.medianHours).toBe(1);
    const m = await getJson<{ stages: { milestone: string; volume: number; dropOff: { count: number } }[]; steps: { step: string; reached: number; dropped: number; dropOffFields: { field: string; dropped: number }[] }[]; touchpoints: { event: string; volume: number }[] }>(ctx, "/journey-maps/checking?from=2026-05-01&to=2026-05-31", analyst);
    expect(m.stages.map((s) => [s.milestone, s.volume])).toEqual([
      ["started", 3],
      ["submitted", 2],
      ["decided", 0],
      ["funded", 1],
    ]);
    expect(m.steps.find((s) => s.step === "identity")).toMatchObject({ reached: 2, dropped: 1, dropOffFields: [{ field: "passport", dropped: 1 }] });
    expect(m.touchpoints.find((t) => t.event === "kiosk.visit")).toBeUndefined();
  });

  it("a definition change counts after the rebuild it asks for", async () => {
    const body = { name: "Checking", milestones: { "application.started": "started", "application.submitted": "submitted", "application.funded": "funded" }, touchpoints: [{ event: "application.*" }, { event: "kiosk.*", channel: "branch" }], stages: ["started", "submitted", "funded"] };
    expect((await ctx.app.request(`${API}/journey-definitions/checking`, send("PUT", body, analyst))).status).toBe(200);
    const res = await ctx.app.request(`${API}/journey-definitions/rebuild`, { method: "POST", headers: analyst });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    expect(await db.selectFrom("jobs").select("name").where("id", "=", jobId).executeTakeFirst()).toEqual({ name: "journeys.rebuild" });
    // What the job runs.
    await rebuild(db, A.id, { now: new Date(NOW) });
    const m = await getJson<{ touchpoints: { event: string; volume: number; channel: string | null }[] }>(ctx, "/journey-maps/checking?from=2026-05-01&to=2026-05-31", analyst);
    expect(m.touchpoints.find((t) => t.event === "kiosk.visit")).toMatchObject({ volume: 1, channel: "branch" });
    const sent = await getJson<J>(ctx, "/journeys/E-sent", analyst);
    expect(sent.channels.sort()).toEqual(["branch", "web"]);
  });
});
