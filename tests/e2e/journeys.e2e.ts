import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import type { Executor } from "../../src/db";
import { HOURS } from "../../src/modules/journeys/model/buckets";
import { insertSource } from "../../src/modules/journeys/sources";
import { makeTenant, makeUser, type TestTenant } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

/**
 * Journeys, their events and journey-map rollup rows are inserted as the fold leaves them, so the
 * pages are tested on known numbers; every expected figure below is computed from these inputs.
 */
const PRODUCT = "e2e_loan";
const DAY = "2026-11-05";
const at = (hh: string) => `${DAY}T${hh}:00.000Z`;
const XSS = '<img src=x onerror="window.__pwned=1">';

interface Ev {
  journey: string | null;
  event: string | null;
  type?: "track" | "identify" | "page";
  at: string;
  properties?: Record<string, unknown>;
}

function seedInput(s: string) {
  const customer = `cust-${s}`;
  const funded = `jf-${s}`;
  const abandoned = `ja-${s}`;
  const open = `jo-${s}`;
  const events: Ev[] = [
    { journey: funded, event: "application.started", at: at("09:00"), properties: { channel: "web", product: PRODUCT } },
    { journey: funded, event: "application.step_viewed", at: at("09:05"), properties: { channel: "web", step: "identity" } },
    { journey: funded, event: "call.inbound", at: at("10:00"), properties: { channel: "call" } },
    { journey: funded, event: "application.submitted", at: at("11:30"), properties: { channel: "branch" } },
    { journey: funded, event: "application.decided", at: at("15:30"), properties: { decision: "approved" } },
    { journey: funded, event: "application.funded", at: "2026-11-07T09:00:00.000Z", properties: {} },
    { journey: abandoned, event: "application.started", at: at("12:00"), properties: { channel: "app", product: PRODUCT } },
    { journey: abandoned, event: "application.step_viewed", at: at("12:02"), properties: { channel: "app", step: "income", field: "salary", note: XSS } },
    { journey: null, event: null, type: "identify", at: at("08:00"), properties: { segment: "mass" } },
  ];
  const journeys = [
    { id: funded, status: "funded" as const, channel: "web", channels: ["web", "call", "branch"], touchpoints: 4, switches: 2, started: at("09:00"), submitted: at("11:30"), decided: at("15:30"), funded: "2026-11-07T09:00:00.000Z", last: "2026-11-07T09:00:00.000Z", step: null, field: null },
    { id: abandoned, status: "abandoned" as const, channel: "app", channels: ["app"], touchpoints: 2, switches: 0, started: at("12:00"), submitted: null, decided: null, funded: null, last: at("12:02"), step: "income", field: "salary" },
    { id: open, status: "open" as const, channel: "web", channels: ["web"], touchpoints: 1, switches: 0, started: at("13:00"), submitted: null, decided: null, funded: null, last: at("13:00"), step: null, field: null },
  ];
  return { customer, funded, abandoned, open, events, journeys };
}

/** The map's rollup rows: one day, one product; histograms in the layouts of model/buckets.ts. */
const TOUCH = {
  started: { reached: 40, dropped: 10, hours: 10, nps: { 10: 10, 8: 4, 3: 6 }, csat: [0, 1, 2, 3, 4], ces: [0, 0, 1, 1, 2, 3, 3] },
  submitted: { reached: 24, dropped: 2 },
  identity: { reached: 40, dropped: 0 },
  income: { reached: 30, dropped: 6 },
  fields: { salary: 4, employer: 2 },
};

async function seed(db: Executor, tenant: TestTenant, now: Date) {
  const s = tenant.slug.slice(2);
  const input = seedInput(s);
  const { source } = await insertSource(db, { tenantId: tenant.id, name: "Website", kind: "import", now });
  await db
    .insertInto("journey_events")
    .values(
      input.events.map((e, i) => ({
        tenant_id: tenant.id,
        source_id: source.id,
        message_id: `m-${s}-${i}`,
        type: e.type ?? "track",
        event: e.event,
        user_id: input.customer,
        anonymous_id: null,
        journey_id: e.journey,
        occurred_at: e.at,
        received_at: e.at,
        properties: JSON.stringify({ ...(e.journey ? { journeyId: e.journey } : {}), ...e.properties }),
        context: "{}",
      })),
    )
    .execute();
  await db
    .insertInto("journeys")
    .values(
      input.journeys.map((j) => ({
        tenant_id: tenant.id,
        journey_id: j.id,
        customer: input.customer,
        product: PRODUCT,
        start_channel: j.channel,
        channels: j.channels,
        touchpoints: j.touchpoints,
        channel_switches: j.switches,
        status: j.status,
        started_at: j.started,
        submitted_at: j.submitted,
        decided_at: j.decided,
        decision: j.decided ? "approved" : null,
        funded_at: j.funded,
        first_event_at: j.started,
        last_activity_at: j.last,
        abandoned_at: j.status === "abandoned" ? j.last : null,
        abandoned_step: j.step,
        abandoned_field: j.field,
        reached: JSON.stringify({ "stage:started": j.started }),
        events: input.events.filter((e) => e.journey === j.id).length,
        updated_at: now,
      })),
    )
    .execute();
  const hist = (counts: Record<number, number>, size: number) => Array.from({ length: size }, (_, i) => counts[i] ?? 0);
  const dayHours = Array.from({ length: HOURS.size }, (_, i) => (i === HOURS.bucket(24) ? TOUCH.started.hours : 0));
  const row = (node: string, o: { reached: number; dropped: number; hours?: number[]; nps?: number[]; csat?: number[]; ces?: number[] }) => ({
    tenant_id: tenant.id,
    grain: "day" as const,
    period: DAY,
    product: PRODUCT,
    channel: "web",
    node,
    reached: o.reached,
    dropped: o.dropped,
    hours_n: (o.hours ?? []).reduce((a, b) => a + b, 0),
    hours_hist: o.hours ?? [],
    nps: o.nps ?? [],
    csat: o.csat ?? [],
    ces: o.ces ?? [],
  });
  await db
    .insertInto("kpi_touch")
    .values([
      row("stage:started", { ...TOUCH.started, hours: dayHours, nps: hist(TOUCH.started.nps, 11) }),
      row("stage:submitted", TOUCH.submitted),
      row("step:identity", TOUCH.identity),
      row("step:income", TOUCH.income),
      row("field:income:salary", { reached: 30, dropped: TOUCH.fields.salary }),
      row("field:income:employer", { reached: 30, dropped: TOUCH.fields.employer }),
      row("touch:call.inbound", { reached: 12, dropped: 0 }),
    ])
    .execute();
  return input;
}

/** kpis.md: NPS and its adjusted-Wald interval, rounded as the API rounds (2 decimals). */
function npsExpected(counts: Record<number, number>) {
  let n = 0;
  let p = 0;
  let d = 0;
  for (const [score, c] of Object.entries(counts)) {
    n += c;
    if (Number(score) >= 9) p += c;
    else if (Number(score) <= 6) d += c;
  }
  const n2 = n + 3;
  const pp = (p + 0.75) / n2;
  const dd = (d + 0.75) / n2;
  const se = Math.sqrt((pp + dd - (pp - dd) ** 2) / n2);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return { n, score: r2((100 * (p - d)) / n), low: r2(100 * (pp - dd - 1.96 * se)), high: r2(100 * (pp - dd + 1.96 * se)) };
}

const one = (x: number) => new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(x);
const pct = (x: number) => new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 }).format(x);

async function rowsOf(page: Page, tableLabel: string) {
  return page.getByRole("region", { name: tableLabel, exact: true }).locator("tbody tr");
}

describe.skipIf(!browserAvailable())("journey pages in chromium", () => {
  const live = useLiveApp();

  it("list → filter → detail → customer timeline; journey map numbers; definition edit; Arabic at 360 px", async () => {
    const db = live.app.ctx.deps.db;
    const tenant = await makeTenant(live.app.ctx);
    const seeded = await seed(db, tenant, live.app.ctx.clock.now());
    const analyst = await makeUser(live.app.ctx, tenant, { role: "cx_analyst" });
    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    // The page in use when a step fails (the test moves through several browser contexts).
    let current = { page, problems };
    onTestFailed(async ({ task }) => console.error(await describeFailure(current.page, task.name, current.problems)));
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.accept();
    });

    // The list: every journey of the bank, newest start first, with status, channels and counts.
    await signIn(page, live.app, tenant, analyst.email, "/journeys");
    await page.getByRole("heading", { level: 1, name: "Journeys" }).waitFor();
    const rows = await rowsOf(page, "Journeys");
    await expect.poll(() => rows.count()).toBe(seeded.journeys.length);
    const fundedRow = rows.filter({ hasText: seeded.funded });
    expect(await fundedRow.textContent()).toMatch(/Funded/);
    expect(await fundedRow.locator(".jr-chip").allTextContents()).toEqual(["Web", "Call", "Branch"]);
    expect(await rows.first().textContent()).toContain(seeded.open);
    await expectAccessible(page, "journeys list");

    // Filter to abandoned journeys: the URL keeps the filter, one row is left, with its step and field.
    await page.getByText("Filters", { exact: true }).click();
    await page.getByLabel("Status").selectOption("abandoned");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/status=abandoned/);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/Abandoned.*income.*salary/);

    // Detail: milestones with the time between them, every event, properties as text (never run).
    await rows.first().getByRole("link").first().click();
    await page.getByRole("heading", { level: 1, name: `Journey ${seeded.abandoned}` }).waitFor();
    const bar = page.getByRole("list", { name: "Milestones" });
    // The heading shows before the journey's data has rendered: wait for the bar's items.
    await expect.poll(() => bar.locator("li").allTextContents()).toEqual([expect.stringMatching(/^✓Started/), expect.stringMatching(/^after 2 minutes✕Abandoned/)]);
    const events = await rowsOf(page, "Events of this journey");
    expect(await events.count()).toBe(seeded.events.filter((e) => e.journey === seeded.abandoned).length);
    await events.nth(1).getByText("Show properties").click();
    expect(await events.nth(1).locator("pre").textContent()).toContain(`"note": ${JSON.stringify(XSS)}`);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expectAccessible(page, "journey detail");
    await shot(page, "journey-detail");

    // Customer timeline: every event of the customer, grouped by journey, the unattached one apart.
    await page.getByRole("link", { name: `Everything customer ${seeded.customer} did, across journeys` }).click();
    await page.getByRole("heading", { level: 1, name: "Customer timeline" }).waitFor();
    const groups = page.locator("section.jr-group");
    await expect.poll(() => groups.count()).toBe(3);
    expect(await page.locator("section.jr-group tbody tr").count()).toBe(seeded.events.length);
    expect(await page.getByRole("heading", { level: 2, name: "Outside any journey" }).count()).toBe(1);
    const fundedGroup = groups.filter({ has: page.getByRole("link", { name: seeded.funded }) });
    expect(await fundedGroup.locator("tbody tr").count()).toBe(seeded.events.filter((e) => e.journey === seeded.funded).length);
    await expectAccessible(page, "customer timeline");

    // Journey map: stage volume, drop-off, median time and the scores tied to it, per-step completion.
    await page.goto(`${live.app.baseUrl}/app/journey-maps?product=${PRODUCT}&from=2026-11-02&to=2026-11-20`);
    await page.getByRole("heading", { level: 1, name: `Journey map: ${PRODUCT}` }).waitFor();
    const started = page.locator(".jr-stage").first().locator(".jr-node--stage");
    await started.getByRole("heading", { name: "Started" }).waitFor();
    const text = (await started.textContent()) ?? "";
    const { reached, dropped } = TOUCH.started;
    expect(text).toContain(`Reached${reached}`);
    expect(text).toContain(`Stopped here${dropped} (${pct(dropped / reached)})`);
    const [lo, hi] = HOURS.bounds(HOURS.bucket(24));
    const median = Math.round((lo + (hi - lo) * 0.5) * 100) / 100;
    expect(text).toContain(`Median time${new Intl.NumberFormat("en-GB", { style: "unit", unit: "hour", unitDisplay: "long", maximumFractionDigits: 1 }).format(median)}`);
    const nps = npsExpected(TOUCH.started.nps);
    expect(text).toContain(`NPS ${one(nps.score)} n = ${nps.n}; 95%: ${one(nps.low)} to ${one(nps.high)}`);
    const csat = TOUCH.started.csat;
    const csatN = csat.reduce((a, b) => a + b, 0);
    expect(text).toContain(`CSAT ${pct(((csat[3] ?? 0) + (csat[4] ?? 0)) / csatN)} answers 4–5 of 5; n = ${csatN}`);
    const ces = TOUCH.started.ces;
    const cesN = ces.reduce((a, b) => a + b, 0);
    expect(text).toContain(`CES ${one(ces.reduce((a, c, i) => a + c * (i + 1), 0) / cesN)} mean of 1–7; n = ${cesN}`);
    const call = page.locator(".jr-node--touch").filter({ hasText: "call.inbound" });
    expect(await call.textContent()).toMatch(/Call.*Reached12/);
    const steps = await rowsOf(page, "Completion per step");
    const income = steps.filter({ hasText: "income" });
    expect(await income.textContent()).toContain(pct(TOUCH.income.reached / TOUCH.identity.reached));
    expect(await income.locator(".jr-fields li").allTextContents()).toEqual([`salary (${TOUCH.fields.salary})`, `employer (${TOUCH.fields.employer})`]);
    await expectAccessible(page, "journey map");
    await shot(page, "journey-map");

    // Definitions: a new product's definition; two field errors from the API shown on their fields, then saved.
    await page.goto(`${live.app.baseUrl}/app/journey-definitions`);
    await page.getByRole("heading", { level: 1, name: "Journey definitions" }).waitFor();
    await page.getByLabel("Definition for another product").fill(PRODUCT);
    await page.getByRole("button", { name: "Open editor" }).click();
    await page.getByRole("heading", { name: `Definition for ${PRODUCT}` }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("E2E loan journey");
    // First: two fields the API checks one by one (a channel name, a number of days).
    await page.getByLabel("Rule 2: channel").fill("Call Centre");
    await page.getByLabel("Inactivity window (days)").fill("0");
    await page.getByRole("button", { name: "Save definition" }).click();
    await page.getByText("Please check the highlighted fields.").waitFor();
    const errorOf = async (label: string) => {
      const field = page.getByLabel(label, { exact: true });
      expect(await field.getAttribute("aria-invalid"), label).toBe("true");
      const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(" ");
      return page.locator(`[id="${ids.at(-1)}"]`).textContent();
    };
    expect(await errorOf("Rule 2: channel")).toBe("Use 1–40 of a-z, 0-9, _ and -, starting with a letter.");
    expect(await errorOf("Inactivity window (days)")).toBe("Enter 1 or more.");
    // Focus moves to the first field in error.
    const channelId = await page.getByLabel("Rule 2: channel").getAttribute("id");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(channelId);
    await expectAccessible(page, "definition errors");
    await shot(page, "journey-definition-errors");

    // Then a check across rules: the same event in two rules, named on the second.
    await page.getByLabel("Rule 2: channel").fill("");
    await page.getByLabel("Inactivity window (days)").fill("10");
    const first = await page.getByLabel("Rule 1: event").inputValue();
    const rule2 = page.getByLabel("Rule 2: event");
    const second = await rule2.inputValue();
    await rule2.fill(first);
    await page.getByRole("button", { name: "Save definition" }).click();
    await expect.poll(() => rule2.getAttribute("aria-invalid")).toBe("true");
    expect(await errorOf("Rule 2: event")).toBe("An earlier rule has this event already.");
    expect(await page.getByLabel("Inactivity window (days)").getAttribute("aria-invalid")).toBeNull();

    await rule2.fill(second);
    await page.getByRole("button", { name: "Save definition" }).click();
    await page.getByText(`Definition for ${PRODUCT} saved (version 1).`, { exact: false }).waitFor();
    const stored = await db.selectFrom("journey_definitions").selectAll().where("tenant_id", "=", tenant.id).where("product", "=", PRODUCT).executeTakeFirstOrThrow();
    const def = (typeof stored.definition === "string" ? JSON.parse(stored.definition) : stored.definition) as Record<string, unknown>;
    expect(def).toMatchObject({ name: "E2E loan journey", inactivityDays: 10 });
    expect((def.touchpoints as { event: string }[])[1]?.event).toBe(second);
    const list = await rowsOf(page, "Journey definitions");
    expect(await list.filter({ hasText: PRODUCT }).textContent()).toContain("E2E loan journey");

    await page.getByRole("button", { name: "Rebuild KPIs" }).click();
    await page.getByText("The rebuild is queued", { exact: false }).waitFor();
    expect(dialogs.at(-1)).toContain("recomputes all KPI rollups");
    // The browser logs the two refused saves (400) itself; nothing else may appear.
    const refused = problems.errors.filter((e) => e.includes("status of 400") && e.includes(`/api/v1/journey-definitions/${PRODUCT}`));
    expect(refused).toHaveLength(2);
    expect(problems.errors.filter((e) => !refused.includes(e))).toEqual([]);
    await context.close();

    // A viewer reads definitions and maps but cannot change them.
    const viewer = await makeUser(live.app.ctx, tenant, { role: "viewer" });
    const v = await newPage(live.browser, { width: 1280, height: 900 });
    current = { page: v.page, problems: watchProblems(v.page) };
    await signIn(v.page, live.app, tenant, viewer.email, `/journey-definitions?product=${PRODUCT}`);
    await v.page.getByRole("heading", { name: `Definition for ${PRODUCT}` }).waitFor();
    expect(await v.page.getByRole("button", { name: "Save definition" }).count()).toBe(0);
    expect(await v.page.getByLabel("Name", { exact: true }).isDisabled()).toBe(true);
    await v.context.close();

    // Arabic: the map runs right to left; every page fits a 360 px phone and passes axe.
    const arab = await makeUser(live.app.ctx, tenant, { role: "cx_analyst", locale: "ar" });
    const wide = await newPage(live.browser, { width: 1280, height: 900 });
    current = { page: wide.page, problems: watchProblems(wide.page) };
    await signIn(wide.page, live.app, tenant, arab.email, `/journey-maps?product=${PRODUCT}&from=2026-11-02&to=2026-11-20`);
    await wide.page.getByRole("heading", { level: 1, name: `خريطة الرحلة: ${PRODUCT}` }).waitFor();
    const boxes = await wide.page.locator(".jr-stage").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
    expect(boxes.length).toBeGreaterThan(1);
    expect(boxes[0]).toBeGreaterThan(boxes[1] ?? Number.POSITIVE_INFINITY);
    await wide.context.close();

    const phone = await newPage(live.browser, { width: 360, height: 780 });
    const phoneProblems = watchProblems(phone.page);
    current = { page: phone.page, problems: phoneProblems };
    await signIn(phone.page, live.app, tenant, arab.email, "/journeys");
    await phone.page.getByRole("heading", { level: 1, name: "رحلات العملاء" }).waitFor();
    expect(await phone.page.locator("html").getAttribute("dir")).toBe("rtl");
    await expect.poll(() => phone.page.locator("tbody tr").count()).toBe(seeded.journeys.length);
    const pages: [string, string][] = [
      ["/journeys", "رحلات العملاء"],
      [`/journeys/view?id=${seeded.funded}`, `الرحلة ${seeded.funded}`],
      [`/journeys/customer?customer=${seeded.customer}`, "السجل الزمني للعميل"],
      [`/journey-maps?product=${PRODUCT}&from=2026-11-02&to=2026-11-20`, `خريطة الرحلة: ${PRODUCT}`],
      [`/journey-definitions?product=${PRODUCT}`, "تعريفات الرحلات"],
    ];
    for (const [path, title] of pages) {
      await phone.page.goto(`${live.app.baseUrl}/app${path}`);
      await phone.page.getByRole("heading", { level: 1, name: title }).waitFor();
      await phone.page.locator("[role=status].loading").waitFor({ state: "detached" });
      await expectNoSidewaysScroll(phone.page, 360);
      await expectAccessible(phone.page, `ar 360 ${path}`);
      await shot(phone.page, `journeys-ar-360-${path.split("?")[0]?.replace(/\W+/g, "-")}`);
    }
    expect(phoneProblems.errors).toEqual([]);
    await phone.context.close();
  }, 240_000);
});
