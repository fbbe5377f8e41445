import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { foldTenant } from "../../src/modules/journeys/fold/fold";
import { insertSource } from "../../src/modules/journeys/sources";
import { makeTenant, makeUser } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

/**
 * Journeys of one bank, sent the way a bank's systems send them (the tracking API's /v1/batch with
 * a write key), then folded into the rollups the KPI engine reads. Every expected figure below is
 * computed from these plans, not read from the server.
 */
interface Cohort {
  channel: string;
  device: string | null;
  started: number;
  submitted: number;
  funded: number;
}
/** Period A: twelve days ago (inside "last 30 days"); past the 7-day inactivity window, so unsubmitted journeys are abandoned. */
const A: Cohort[] = [
  { channel: "web", device: "desktop", started: 30, submitted: 24, funded: 18 },
  { channel: "web", device: "mobile", started: 30, submitted: 24, funded: 17 },
  { channel: "app", device: "mobile", started: 30, submitted: 15, funded: 5 },
  { channel: "branch", device: null, started: 10, submitted: 7, funded: 5 },
];
/** Period B: forty days ago (inside the 30 days before). */
const B: Cohort[] = [{ channel: "web", device: "desktop", started: 100, submitted: 40, funded: 20 }];
/** Survey answers: NPS 0–10 and some CSAT 1–5. */
const ANSWERS_A = [
  { nps: 10, csat: 5 },
  { nps: 10, csat: 4 },
  { nps: 9, csat: 3 },
  { nps: 9, csat: 2 },
  { nps: 9 },
  { nps: 8 },
  { nps: 7 },
  { nps: 3 },
  { nps: 5 },
  { nps: 6 },
];
const ANSWERS_B = [{ nps: 10 }, { nps: 9 }, { nps: 9 }, { nps: 9 }, { nps: 8 }, { nps: 8 }, { nps: 7 }, { nps: 2 }, { nps: 4 }, { nps: 6 }];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const sum = (cs: Cohort[], k: "started" | "submitted" | "funded") => cs.reduce((a, c) => a + c[k], 0);
const pct = (v: number) => new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 }).format(v);
const nps = (scores: number[]) => (100 * (scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length)) / scores.length;

/** Wilson 95 % interval of k of n (kpis.md), to check the band the tiles show. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [c - h, c + h];
}

function events(now: Date) {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = (daysAgo: number, hours: number) => new Date(midnight - daysAgo * DAY + (9 + hours) * HOUR).toISOString();
  const out: Record<string, unknown>[] = [];
  let customer = 0;
  const journeys = (cohorts: Cohort[], daysAgo: number) => {
    for (const c of cohorts) {
      for (let i = 0; i < c.started; i++) {
        const journeyId = `J-${randomUUID()}`;
        const userId = `customer-${++customer}`;
        const properties = { journeyId, channel: c.channel, product: "checking", ...(c.device ? { device: c.device } : {}) };
        const track = (event: string, hours: number) => out.push({ type: "track", messageId: randomUUID(), userId, event, properties, timestamp: at(daysAgo, hours) });
        track("application.started", 0);
        if (i < c.submitted) track("application.submitted", 2);
        if (i < c.funded) track("application.funded", 50);
      }
    }
  };
  const answers = (list: { nps: number; csat?: number }[], daysAgo: number) => {
    for (const [i, scores] of list.entries()) {
      const responseId = randomUUID();
      out.push({
        type: "track",
        messageId: randomUUID(),
        userId: `respondent-${daysAgo}-${i}`,
        event: "survey.response_completed",
        properties: { surveyId: "relationship", responseId, channel: "email", scores },
        timestamp: at(daysAgo, 5),
      });
    }
  };
  journeys(A, 12);
  journeys(B, 40);
  answers(ANSWERS_A, 12);
  answers(ANSWERS_B, 40);
  return out;
}

const tile = (page: Page, id: string) => page.locator(`li[data-kpi="${id}"]`);

describe.skipIf(!browserAvailable())("journey analytics pages in chromium", () => {
  const live = useLiveApp();

  it("dashboard tiles and groups, compare marks, funnel drop-off from journeys sent to /v1/batch; Arabic at 360 px", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    const source = await insertSource(ctx.deps.db, { tenantId: tenant.id, name: "Website", now: ctx.clock.now() });
    const batch = events(ctx.clock.now());
    expect(batch.length).toBeLessThanOrEqual(500);
    const res = await fetch(`${baseUrl}/v1/batch`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}` },
      body: JSON.stringify({ batch }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(batch.length);
    await foldTenant(ctx.deps.db, tenant.id);

    const analyst = await makeUser(ctx, tenant, { role: "cx_analyst" });
    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    // Dashboard: the last 30 days hold period A only.
    await signIn(page, live.app, tenant, analyst.email, "/analytics");
    await page.getByRole("heading", { level: 1, name: "Journey analytics" }).waitFor();
    const [started, submitted, funded] = [sum(A, "started"), sum(A, "submitted"), sum(A, "funded")];
    const completion = tile(page, "completionRate");
    await completion.waitFor();
    const [low, high] = wilson(submitted, started);
    expect(await completion.textContent()).toContain(pct(submitted / started));
    expect(await completion.textContent()).toContain(`${pct(low)} – ${pct(high)}`);
    expect(await completion.textContent()).toContain(`n = ${started}`);
    expect(await tile(page, "abandonmentRate").textContent()).toContain(pct((started - submitted) / started));
    expect(await tile(page, "conversionRate").textContent()).toContain(pct(funded / started));
    const npsA = ANSWERS_A.map((a) => a.nps);
    expect(await tile(page, "nps").textContent()).toMatch(new RegExp(`^NPS${nps(npsA)}.*n = ${npsA.length}`));
    const csat = ANSWERS_A.flatMap((a) => (a.csat ? [a.csat] : []));
    const csatTile = (await tile(page, "csat").textContent()) ?? "";
    expect(csatTile).toContain(pct(csat.filter((s) => s >= 4).length / csat.length));
    expect(csatTile).toContain("Scale 1–5, top-2-box");
    // The definition opens on demand.
    await completion.getByText("Definition").click();
    await completion.getByText("Journeys that reached submitted ÷ journeys started").waitFor();

    // By channel (the default grouping): each row from its own cohorts; sortable by a column.
    const web = A.filter((c) => c.channel === "web");
    // The section and the table inside it share the name; the section holds the table.
    const groups = page.getByRole("region", { name: "By Channel" }).first();
    const webRow = groups.getByRole("row").filter({ hasText: "Website" });
    expect(await webRow.textContent()).toContain(`Website${sum(web, "started")}${pct(sum(web, "submitted") / sum(web, "started"))}`);
    const bodyRows = groups.locator("tbody tr th");
    await groups.getByRole("button", { name: /Completion rate/ }).click();
    expect(await bodyRows.first().textContent()).toBe("Website");
    await groups.getByRole("button", { name: /Completion rate/ }).click();
    expect(await bodyRows.first().textContent()).toBe("Mobile app");
    expect(await groups.getByRole("columnheader", { name: /Completion rate/ }).getAttribute("aria-sort")).toBe("ascending");

    // Abandonment by device: desktop 6 of 30 abandoned.
    const byDevice = page.getByRole("region", { name: "By Device" });
    expect(await byDevice.getByRole("row").filter({ hasText: "Desktop" }).textContent()).toContain(`6 of 30${pct(6 / 30)}`);
    await expectAccessible(page, "analytics dashboard");
    await shot(page, "analytics-dashboard");

    // Compare: last 30 days against the 30 before. Completion moved from 40 % to 70 % (real);
    // NPS moved 10 points on ten answers each (noise, with each side's band).
    await page.getByRole("link", { name: "Compare" }).click();
    await page.getByRole("heading", { level: 1, name: "Compare" }).waitFor();
    const compRow = page.locator('tr[data-kpi="completionRate"]');
    await compRow.waitFor();
    expect(await compRow.textContent()).toContain(`${pct(submitted / started)}${pct(sum(B, "submitted") / sum(B, "started"))}`);
    expect(await compRow.textContent()).toContain("Real change");
    const npsRow = page.locator('tr[data-kpi="nps"]');
    expect(await npsRow.textContent()).toContain("Within noise");
    expect(await npsRow.textContent()).toContain("95 % interval");
    expect(await npsRow.textContent()).not.toContain("Real change");
    await expectAccessible(page, "analytics compare");
    // Two groups of one dimension: website against the app over the same range.
    const app = A.filter((c) => c.channel === "app");
    await page.getByText("Two groups", { exact: true }).click();
    await page.getByLabel("Group A").selectOption({ label: "Website" });
    await page.getByLabel("Group B").selectOption({ label: "Mobile app" });
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await page.waitForURL(/mode=groups/);
    await expect
      .poll(() => compRow.textContent())
      .toContain(`${pct(sum(web, "submitted") / sum(web, "started"))}${pct(sum(app, "submitted") / sum(app, "started"))}`);
    expect(await compRow.textContent()).toContain("Real change");
    await shot(page, "analytics-compare-groups");

    // Funnel: started → submitted → funded; the step losing most is "Submitted" (30 lost against 25).
    await page.goto(`${baseUrl}/app/analytics/funnels?steps=started,submitted,funded`);
    await page.getByRole("heading", { level: 1, name: "Funnels" }).waitFor();
    const table = page.getByRole("region", { name: "Funnel, 30-day window" }).first();
    await table.waitFor();
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toContain(`Started${started}`);
    expect(await rows.nth(1).textContent()).toContain(`SubmittedLargest drop-off${submitted}${pct(submitted / started)}`);
    expect(await rows.nth(2).textContent()).toContain(`Funded${funded}${pct(funded / started)}`);
    expect(await rows.nth(2).textContent()).toContain(pct(funded / submitted));
    expect(await table.locator("tr.an-row--drop").count()).toBe(1);
    await page.getByText(`Largest drop-off at Submitted: ${started - submitted} journeys lost`).waitFor();
    await expectAccessible(page, "analytics funnel");
    await shot(page, "analytics-funnel");

    // A filter chosen from the values present in the range: the app's journeys only.
    await page.getByRole("link", { name: "Dashboard" }).click();
    await page.getByText("Filters", { exact: true }).click();
    const channel = page.getByLabel("Channel", { exact: true });
    await expect.poll(() => channel.locator("option").allTextContents()).toContain("Mobile app");
    await channel.selectOption({ label: "Mobile app" });
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.waitForURL(/channel=app/);
    await expect.poll(() => completion.textContent()).toContain(`n = ${sum(app, "started")}`);
    expect(await completion.textContent()).toContain(pct(sum(app, "submitted") / sum(app, "started")));
    expect(problems.errors).toEqual([]);
    await context.close();

    // Without kpis:read the page says so; a bank with no data says so plainly.
    const agent = await makeUser(ctx, tenant, { role: "agent" });
    const other = await newPage(live.browser, { width: 1280, height: 900 });
    await signIn(other.page, live.app, tenant, agent.email, "/analytics");
    await other.page.getByRole("heading", { level: 1, name: "No access" }).waitFor();
    expect(await other.page.getByRole("link", { name: "Journey analytics" }).count()).toBe(0);
    await other.context.close();
    const empty = await makeTenant(ctx);
    const viewer = await makeUser(ctx, empty, { role: "viewer" });
    const blank = await newPage(live.browser, { width: 1280, height: 900 });
    await signIn(blank.page, live.app, empty, viewer.email, "/analytics");
    await blank.page.getByText("No journeys, contacts, requests or survey answers in this date range.").waitFor();
    expect(await blank.page.locator("li[data-kpi]").count()).toBe(0);
    await blank.context.close();

    // Arabic, right to left, on a phone: tiles stack, tables scroll inside their box.
    const arabic = await makeUser(ctx, tenant, { role: "cx_analyst", locale: "ar" });
    const phone = await newPage(live.browser, { width: 360, height: 780 });
    await signIn(phone.page, live.app, tenant, arabic.email, "/analytics");
    await phone.page.getByRole("heading", { level: 1, name: "تحليلات رحلة العميل" }).waitFor();
    expect(await phone.page.locator("html").getAttribute("dir")).toBe("rtl");
    await tile(phone.page, "completionRate").getByRole("heading", { name: "معدل الإكمال" }).waitFor();
    const boxes = await phone.page.locator("li[data-kpi]").evaluateAll((els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().top));
    expect(boxes[1]).toBeGreaterThan(boxes[0] as number);
    await phone.page.getByRole("region", { name: "حسب القناة" }).first().waitFor();
    await expectNoSidewaysScroll(phone.page, 360);
    await expectAccessible(phone.page, "analytics ar 360");
    await shot(phone.page, "analytics-ar-360");
    await phone.page.getByRole("link", { name: "مسارات التحويل" }).click();
    await phone.page.getByRole("heading", { level: 1, name: "مسارات التحويل" }).waitFor();
    await phone.page.locator("tr.an-row--drop").waitFor();
    await expectNoSidewaysScroll(phone.page, 360);
    await expectAccessible(phone.page, "analytics funnel ar 360");
    await shot(phone.page, "analytics-funnel-ar-360");
    await phone.context.close();
  }, 240_000);
});
