import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { API, expectProblem, issuePaths } from "../../../../tests/support/routes";
import { getJson, insertEvents, insertJourneys, type JourneyInput, makeSource, scopedKey } from "./explore.testkit";

const ctx = await createTestContext();
const db = ctx.deps.db;
let A: TestTenant;
let B: TestTenant;
let admin: Record<string, string>;
let bAdmin: Record<string, string>;
let north: Record<string, string>;
let sourceA: string;
let sourceB: string;

type Journey = { id: string; status: string; startedAt: string; startChannel: string | null; region: string | null; product: string | null; channels: string[]; touchpoints: number; channelSwitches: number; abandonedStep: string | null; abandonedField: string | null; customer: string | null };
type Page = { items: Journey[]; nextCursor: string | null };
type Ev = { type: string; event: string | null; occurredAt: string; receivedAt: string; source: { id: string; name: string | null }; channel: string | null; step: string | null; field: string | null; journeyId: string | null; messageId: string; properties: Record<string, unknown> };
type Detail = Journey & { timeline: Ev[]; truncated: boolean; reached: Record<string, string> };
type Timeline = { customer: string; items: Ev[]; nextCursor: string | null; journeys: Journey[] };

const day = (d: number, h = 10) => new Date(Date.UTC(2026, 2, d, h)).toISOString();
const rid = (s: string) => `${s}-${crypto.randomUUID().slice(0, 8)}`;
let journeys: JourneyInput[];

beforeAll(async () => {
  [A, B] = [await makeTenant(ctx), await makeTenant(ctx)];
  admin = await apiKeyHeaders(ctx, A, "admin");
  bAdmin = await apiKeyHeaders(ctx, B, "admin");
  north = await scopedKey(ctx, A, "branch_manager", "region", { regionId: A.regions[0]?.id });
  sourceA = await makeSource(ctx, A, "Website");
  sourceB = await makeSource(ctx, B, "B website");
  const [rN, rS] = [A.regions[0]?.id as string, A.regions[1]?.id as string];
  // 25 journeys over March 2026: every 3rd in the south, some abandoned, channels alternating.
  journeys = Array.from({ length: 25 }, (_, i) => ({
    id: `J-${String(i).padStart(2, "0")}`,
    customer: i % 5 === 0 ? "cust-1" : `cust-${i}`,
    product: i % 2 ? "checking" : "loan",
    region: i % 3 === 0 ? rS : rN,
    startChannel: i % 2 ? "web" : "branch",
    channels: i % 2 ? ["web"] : ["branch", "web"],
    touchpoints: i + 1,
    switches: i % 2 ? 0 : 1,
    status: i % 4 === 0 ? "abandoned" : "open",
    abandonedStep: i % 4 === 0 ? "identity" : null,
    abandonedField: i % 4 === 0 ? "passport" : null,
    // Two journeys share each start time, so the keyset's tie-break on the id is exercised.
    startedAt: day(1 + Math.floor(i / 2)),
  }));
  await insertJourneys(db, A.id, journeys);
  await insertJourneys(db, B.id, [{ id: "J-00", startedAt: day(1), customer: "cust-1", product: "b-secret" }]);
  await insertEvents(db, B.id, sourceB, [{ journeyId: "J-00", userId: "cust-1", occurredAt: day(1), event: "b.secret" }]);
});

const list = (qs: string, headers = admin) => getJson<Page>(ctx, `/journeys${qs}`, headers);

async function all(qs: string, headers = admin): Promise<Journey[]> {
  const out: Journey[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await list(`${qs}${qs ? "&" : "?"}limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, headers);
    expect(page.items.length).toBeLessThanOrEqual(4);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Expected order, computed from the inputs: newest start first, then id descending. */
const expected = (pred: (j: JourneyInput) => boolean) =>
  journeys
    .filter(pred)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id))
    .map((j) => j.id);

describe("GET /journeys", () => {
  it("lists every journey newest first, keyset paged without repeats or gaps", async () => {
    const ids = (await all("")).map((j) => j.id);
    expect(ids).toEqual(expected(() => true));
  });

  it("filters by start range (inclusive days), status, product, channel and region", async () => {
    expect((await all("?from=2026-03-03&to=2026-03-05")).map((j) => j.id)).toEqual(expected((j) => j.startedAt >= day(3, 0) && j.startedAt < day(6, 0)));
    expect((await all("?status=abandoned")).map((j) => j.id)).toEqual(expected((j) => j.status === "abandoned"));
    expect((await all("?product=loan&channel=branch")).map((j) => j.id)).toEqual(expected((j) => j.product === "loan" && j.startChannel === "branch"));
    const rS = A.regions[1]?.id as string;
    expect((await all(`?region=${rS}`)).map((j) => j.id)).toEqual(expected((j) => j.region === rS));
    expect((await all("?from=2026-03-20")).map((j) => j.id)).toEqual(expected((j) => j.startedAt >= day(20, 0)));
  });

  it("presents the instance: channels, touchpoints, switches, abandoned step and field", async () => {
    const item = (await all("?status=abandoned")).find((j) => j.id === "J-04");
    expect(item).toMatchObject({ status: "abandoned", product: "loan", startChannel: "branch", channels: ["branch", "web"], touchpoints: 5, channelSwitches: 1, abandonedStep: "identity", abandonedField: "passport", customer: "cust-4", startedAt: day(3) });
  });

  it("a region-scoped branch manager sees only their region's journeys", async () => {
    const rN = A.regions[0]?.id as string;
    const ids = (await all("", north)).map((j) => j.id);
    expect(ids).toEqual(expected((j) => j.region === rN));
    expect(ids.length).toBeGreaterThan(0);
    // A branch-scoped reader of a branch no journey carries sees nothing (never everything).
    const branchKey = await scopedKey(ctx, A, "branch_manager", "branch", { branchId: A.branches[0]?.id });
    expect((await list("", branchKey)).items).toEqual([]);
  });

  it("another bank's journeys never show", async () => {
    const items = await all("");
    expect(items.some((j) => j.product === "b-secret")).toBe(false);
    expect((await list("", bAdmin)).items.map((j) => j.id)).toEqual(["J-00"]);
  });

  it("validates the query, naming the field", async () => {
    const bad = async (qs: string, path: string) => expect(issuePaths(await expectProblem(await ctx.app.request(`${API}/journeys${qs}`, { headers: admin }), 400, "validation_failed"))).toContain(path);
    await bad("?from=2026-02-30", "query.from");
    await bad("?from=2026-03-10&to=2026-03-01", "query.to");
    await bad("?limit=201", "query.limit");
    await bad("?status=lost", "query.status");
    await bad("?product=Not%20A%20Code", "query.product");
    await bad("?cursor=garbage", "query.cursor");
  });

  it("needs journeys:read", async () => {
    await expectProblem(await ctx.app.request(`${API}/journeys`, { headers: await apiKeyHeaders(ctx, A, "viewer") }), 403, "forbidden");
  });
});

describe("GET /journeys/{journeyId}", () => {
  const jid = rid("J-timeline");
  let website: string;
  beforeAll(async () => {
    website = await makeSource(ctx, A, "Call centre");
    await insertJourneys(db, A.id, [{ id: jid, startedAt: day(2), region: A.regions[0]?.id as string, reached: { "stage:started": day(2), "step:identity": day(2, 11) } }]);
    // Inserted out of order, from two sources; one event of another journey and one of another bank with the same id.
    await insertEvents(db, A.id, sourceA, [
      { messageId: "m3", journeyId: jid, event: "application.step_completed", occurredAt: day(2, 12), receivedAt: day(2, 13), properties: { journeyId: jid, step: "identity", field: "passport", channel: "Mobile", extra: { nested: [1, 2] } } },
      { messageId: "m1", journeyId: jid, event: "application.started", occurredAt: day(2, 10), properties: { journeyId: jid, product: "loan" }, context: { channel: "web" } },
      { messageId: "m-other", journeyId: rid("J-other"), event: "application.started", occurredAt: day(2, 10) },
    ]);
    await insertEvents(db, A.id, website, [{ messageId: "m2", journeyId: jid, event: "call.completed", occurredAt: day(2, 11), properties: { journeyId: jid, channel: "phone" } }]);
    await insertEvents(db, B.id, sourceB, [{ messageId: "b1", journeyId: jid, event: "b.secret", occurredAt: day(2, 11) }]);
  });

  it("returns the instance and every event of it in time order, properties as sent", async () => {
    const d = await getJson<Detail>(ctx, `/journeys/${jid}`, admin);
    expect(d.id).toBe(jid);
    expect(d.truncated).toBe(false);
    expect(d.reached).toEqual({ "stage:started": day(2), "step:identity": day(2, 11) });
    expect(d.timeline.map((e) => e.messageId)).toEqual(["m1", "m2", "m3"]);
    const [first, call, step] = d.timeline as [Ev, Ev, Ev];
    expect(first).toMatchObject({ type: "track", event: "application.started", occurredAt: day(2, 10), source: { id: sourceA, name: "Website" }, channel: "web", step: null, field: null });
    expect(call).toMatchObject({ source: { id: website, name: "Call centre" }, channel: "call" });
    expect(step).toMatchObject({ step: "identity", field: "passport", channel: "app", receivedAt: day(2, 13) });
    expect(step.properties).toEqual({ journeyId: jid, step: "identity", field: "passport", channel: "Mobile", extra: { nested: [1, 2] } });
  });

  it("ids with characters that need encoding are found", async () => {
    const odd = `app:${rid("x y/z")}`;
    await insertJourneys(db, A.id, [{ id: odd, startedAt: day(4) }]);
    expect((await getJson<Detail>(ctx, `/journeys/${encodeURIComponent(odd)}`, admin)).id).toBe(odd);
  });

  it("an unknown id, another bank's id and a journey outside the reader's region are not found", async () => {
    await expectProblem(await ctx.app.request(`${API}/journeys/nope-${crypto.randomUUID()}`, { headers: admin }), 404, "not_found");
    const bOnly = rid("J-b-only");
    await insertJourneys(db, B.id, [{ id: bOnly, startedAt: day(3) }]);
    await expectProblem(await ctx.app.request(`${API}/journeys/${bOnly}`, { headers: admin }), 404, "not_found");
    expect((await getJson<Detail>(ctx, `/journeys/${bOnly}`, bAdmin)).id).toBe(bOnly);
    const south = journeys.find((j) => j.region === A.regions[1]?.id) as JourneyInput;
    await expectProblem(await ctx.app.request(`${API}/journeys/${south.id}`, { headers: north }), 404, "not_found");
    expect((await getJson<Detail>(ctx, `/journeys/${jid}`, north)).id).toBe(jid);
  });
});

describe("GET /customers/{customer}/timeline", () => {
  const cust = rid("cust-tl");
  const [jNorth, jSouth] = [rid("J-n"), rid("J-s")];
  let events: { id: string; at: string; journey: string | null }[];
  beforeAll(async () => {
    await insertJourneys(db, A.id, [
      { id: jNorth, customer: cust, startedAt: day(5), region: A.regions[0]?.id as string },
      { id: jSouth, customer: cust, startedAt: day(6), region: A.regions[1]?.id as string },
    ]);
    // 9 events: as userId or anonymousId, in both journeys and outside any; two share a time.
    events = Array.from({ length: 9 }, (_, i) => ({ id: `tl-${i}`, at: day(5 + (i % 4), 8 + Math.floor(i / 2)), journey: i % 3 === 0 ? jNorth : i % 3 === 1 ? jSouth : null }));
    await insertEvents(
      db,
      A.id,
      sourceA,
      events.map((e, i) => ({ messageId: e.id, occurredAt: e.at, journeyId: e.journey, ...(i % 2 ? { userId: cust } : { anonymousId: cust }), event: `e.${i}` })),
    );
    // One event carrying the customer as both ids (stored once, shown once), and someone else's.
    await insertEvents(db, A.id, sourceA, [{ messageId: "tl-both", occurredAt: day(9), userId: cust, anonymousId: cust, journeyId: jNorth }, { messageId: "tl-other", occurredAt: day(9), userId: "someone-else" }]);
    events.push({ id: "tl-both", at: day(9), journey: jNorth });
  });

  async function pages(headers: Record<string, string>, limit = 2) {
    const out: Ev[] = [];
    let last: Timeline | null = null;
    let cursor: string | null = null;
    do {
      last = await getJson<Timeline>(ctx, `/customers/${cust}/timeline?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, headers);
      out.push(...last.items);
      cursor = last.nextCursor;
    } while (cursor);
    return out;
  }
  const order = (pred: (e: (typeof events)[number]) => boolean) =>
    events
      .filter(pred)
      .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
      .map((e) => e.id);

  it("every event of the customer, newest first, across pages, with their journeys", async () => {
    const all = await pages(admin);
    expect(all.map((e) => e.messageId)).toEqual(order(() => true));
    const first = await getJson<Timeline>(ctx, `/customers/${cust}/timeline`, admin);
    expect(first.customer).toBe(cust);
    expect(first.journeys.map((j) => j.id).sort()).toEqual([jNorth, jSouth].sort());
  });

  it("a region-scoped reader sees only events of journeys in their region", async () => {
    const seen = await pages(north, 3);
    expect(seen.map((e) => e.messageId)).toEqual(order((e) => e.journey === jNorth));
    const first = await getJson<Timeline>(ctx, `/customers/${cust}/timeline`, north);
    expect(first.journeys.map((j) => j.id)).toEqual([jNorth]);
  });

  it("another bank's customer of the same id shows nothing of theirs", async () => {
    const t = await getJson<Timeline>(ctx, "/customers/cust-1/timeline", admin);
    expect(JSON.stringify(t)).not.toContain("b.secret");
    expect(t.journeys.every((j) => j.product !== "b-secret")).toBe(true);
    const theirs = await getJson<Timeline>(ctx, "/customers/cust-1/timeline", bAdmin);
    expect(theirs.items.map((e) => e.event)).toEqual(["b.secret"]);
  });

  it("refuses a tampered cursor", async () => {
    const p = await expectProblem(await ctx.app.request(`${API}/customers/${cust}/timeline?cursor=${Buffer.from('["x"]').toString("base64url")}`, { headers: admin }), 400, "validation_failed");
    expect(issuePaths(p)).toEqual(["query.cursor"]);
  });
});
