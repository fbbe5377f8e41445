
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { apiKeyHeaders, makeTenant, makeUser, } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, runAxe, type RunningApp, seriousOnly, useLiveApp, watchProblems } from "./harness";
import { shot, signIn } from "./ui-helpers";

interface NpsEntry {
  type: "nps";
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  score: number | null;
  interval95: [number, number] | null;
}

const DEFINITION = {
  title: { en: "Branch visit", he: "ביקור בסניף" },
  questions: [
    { id: "q1", type: "nps", text: { en: "How likely are you to recommend us?", he: "עד כמה סביר שתמליצו עלינו?" } },
    { id: "q2", type: "single", text: { en: "What did you come for?", he: "לשם מה הגעתם?" }, choices: [{ id: "c1", text: { en: "A loan", he: "הלוואה" } }, { id: "c2", text: { en: "A card", he: "כרטיס" } }] },
  ],
};
/** A few customers: 3 promoters, 2 passives, 3 detractors, one who skipped the NPS question. */
const ANSWERS = [{ q1: 10, q2: "c1" }, { q1: 9, q2: "c2" }, { q1: 10, q2: "c1" }, { q1: 8, q2: "c1" }, { q1: 7 }, { q1: 6, q2: "c2" }, { q1: 3 }, { q1: 0, q2: "c1" }, { q2: "c2" }];

async function api<T>(app: RunningApp, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  const res = await app.ctx.app.request(`/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Creates and publishes the survey, records the answers through the public API; returns its id. */
async function surveyWithResponses(app: RunningApp, headers: Record<string, string>): Promise<string> {
  const { id } = await api<{ id: string }>(app, "POST", "/surveys", headers, { definition: DEFINITION });
  await api(app, "POST", `/surveys/${id}/publish`, headers);
  for (const answers of ANSWERS) {
    await api(app, "POST", `/public/surveys/${id}/responses`, {}, { answers, finished: true, language: "en", channel: "link" });
  }
  return id;
}

const fmt = (n: number) => new Intl.NumberFormat("en", { maximumFractionDigits: 1 }).format(n);

async function expectAxeClean(page: Page) {
  const violations = seriousOnly(await runAxe(page));
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

describe.skipIf(!browserAvailable())("survey results in chromium", () => {
  const live = useLiveApp();

  it("shows the summary's NPS and counts, opens a response, tags it and adds a note; also in Hebrew, right to left", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const analyst = await makeUser(live.app.ctx, tenant, { role: "cx_analyst", email: `analyst-${tenant.slug}@example.test` });
    const headers = await apiKeyHeaders(live.app.ctx, tenant, "admin");
    const surveyId = await surveyWithResponses(live.app, headers);
    const summary = await api<{ responses: number; questions: Record<string, NpsEntry> }>(live.app, "GET", `/surveys/${surveyId}/summary`, headers);
    const nps = summary.questions.q1 as NpsEntry;
    expect(nps.type).toBe("nps");
    expect(nps.n).toBe(8);
    if (nps.score === null || nps.interval95 === null) throw new Error("the summary has no NPS score");
    const margin = (nps.interval95[1] - nps.interval95[0]) / 2;

    // Tablet width: the results must fit without sideways scrolling.
    const { context, page } = await newPage(live.browser, { width: 820, height: 1000 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await signIn(page, live.app, tenant, analyst.email, `/surveys/results?id=${surveyId}`);
    await page.getByRole("heading", { level: 1, name: "Results: Branch visit" }).waitFor();

    // The score as the API computed it, with its 95% margin, and the three groups' counts.
    const score = page.getByTestId("nps-score");
    await score.waitFor();
    expect(await score.textContent()).toBe(`NPS ${fmt(nps.score)} (±${fmt(margin)})`);
    for (const group of ["promoters", "passives", "detractors"] as const) {
      const row = page.locator(`tr[data-group="${group}"]`);
      expect(await row.locator("td").first().textContent()).toBe(String(nps[group]));
    }
    expect(await page.getByText(`95% interval: [${fmt(nps.interval95[0])}, ${fmt(nps.interval95[1])}]`).count()).toBe(1);
    // The headline card says how many responses there are; the chart's code loaded and drew.
    const responsesCard = page.locator(".fb-stat").filter({ hasText: "Responses" }).first();
    expect(await responsesCard.locator(".fb-stat__value").textContent()).toBe(String(summary.responses));
    await page.locator(".fb-chart canvas").first().waitFor();
    await expectAxeClean(page);
    await expectNoSidewaysScroll(page, 820);
    await shot(page, "results-en-820");

    // A filter lives in the URL and narrows the summary (the NPS of those who came for a loan).
    await page.getByText("Filters", { exact: true }).click();
    await page.getByLabel("Question", { exact: true }).selectOption("q2");
    await page.getByLabel("Answer", { exact: true }).selectOption("c1");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/answer\.q2=c1/);
    const filtered = await api<{ questions: Record<string, NpsEntry> }>(live.app, "GET", `/surveys/${surveyId}/summary?answer.q2=c1`, headers);
    const loanNps = filtered.questions.q1 as NpsEntry;
    await page.locator(`tr[data-group="promoters"] td`).first().filter({ hasText: String(loanNps.promoters) }).waitFor();
    expect(await page.locator(`tr[data-group="detractors"] td`).first().textContent()).toBe(String(loanNps.detractors));

    // Open one response: answers with their question texts; add a tag and a note.
    await page.getByRole("region", { name: "Responses" }).getByRole("link", { name: /Open/ }).first().click();
    await page.getByRole("heading", { level: 1, name: /^Response of / }).waitFor();
    await page.getByRole("rowheader", { name: "How likely are you to recommend us?" }).waitFor();
    const responseId = new URL(page.url()).searchParams.get("id");
    await page.getByLabel("New tag").fill("follow-up");
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByRole("status").filter({ hasText: "Tag “follow-up” added." }).waitFor();
    await page.getByLabel("New note").fill("Called the customer back.");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.locator(".fb-note").filter({ hasText: "Called the customer back." }).waitFor();
    const saved = await api<{ tags: string[]; notes: { body: string; authorName: string | null }[] }>(live.app, "GET", `/responses/${responseId}`, headers);
    expect(saved.tags).toEqual(["follow-up"]);
    expect(saved.notes.map((n) => n.body)).toEqual(["Called the customer back."]);
    // The note says who wrote it, as the server records the author.
    const author = saved.notes[0]?.authorName;
    expect(author).toBeTruthy();
    expect(await page.locator(".fb-note .fb-note__meta .strong").first().textContent()).toBe(author);
    await expectAxeClean(page);
    await shot(page, "response-en-820");

    // Hebrew: the same figures, right to left, still accessible and fitting the tablet.
    const savedLocale = page.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PATCH");
    await page.getByRole("banner").getByLabel("Language").selectOption("he");
    expect((await savedLocale).status()).toBe(200);
    await page.goto(`${live.app.baseUrl}/app/surveys/results?id=${surveyId}`);
    await page.getByRole("heading", { level: 1, name: "תוצאות: ביקור בסניף" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    const heScore = page.getByTestId("nps-score");
    await heScore.waitFor();
    const he = (n: number) => new Intl.NumberFormat("he", { maximumFractionDigits: 1 }).format(n);
    expect(await heScore.textContent()).toBe(`ציון NPS: ${he(nps.score)} (±${he(margin)})`);
    expect(await page.locator(`tr[data-group="promoters"] td`).first().textContent()).toBe(String(nps.promoters));
    await page.locator(".fb-chart canvas").first().waitFor();
    await expectAxeClean(page);
    await expectNoSidewaysScroll(page, 820);
    await shot(page, "results-he-820");

    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("manages contacts (form, CSV import with a per-row report) and distributes a survey (link, QR, embed, personal link, trigger, campaign); Arabic RTL", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const admin = await makeUser(live.app.ctx, tenant, { role: "admin", email: `admin-${tenant.slug}@example.test` });
    const headers = await apiKeyHeaders(live.app.ctx, tenant, "admin");
    const { id: surveyId } = await api<{ id: string }>(live.app, "POST", "/surveys", headers, { definition: DEFINITION });
    await api(live.app, "POST", `/surveys/${surveyId}/publish`, headers);

    const { context, page } = await newPage(live.browser, { width: 820, height: 1000 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await signIn(page, live.app, tenant, admin.email, "/contacts");
    await page.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
    await page.getByRole("button", { name: "Add contact" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Dana Levi");
    await page.getByLabel("Email address").fill(`dana-${tenant.slug}@example.test`);
    await page.getByLabel("Lists").fill("vip");
    await page.getByRole("region", { name: "Add contact" }).getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Contact Dana Levi saved." }).waitFor();
    await page.getByRole("cell", { name: /^Dana Levi/ }).waitFor();

    // CSV import: the good row is kept, the bad one is reported with its line.
    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.getByLabel("Or paste the CSV").fill(`email,name,lists\nomer-${tenant.slug}@example.test,Omer,vip\n,Nobody,vip\n`);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Created: 1, updated: 0, rows with problems: 1." }).waitFor();
    const report = page.getByRole("region", { name: "Rows with problems" });
    expect(await report.locator("tbody tr").count()).toBe(1);
    expect(await report.locator("tbody td").first().textContent()).toBe("3");
    await page.getByRole("heading", { level: 2, name: "Feedback settings" }).waitFor();
    await expectAxeClean(page);
    await shot(page, "contacts-en-820");

    await page.goto(`${live.app.baseUrl}/app/surveys/distribute?id=${surveyId}`);
    await page.getByRole("heading", { level: 1, name: "Distribute: Branch visit" }).waitFor();
    expect(await page.getByLabel("Survey link").inputValue()).toBe(`${live.app.baseUrl}/c/${tenant.slug}/s/${surveyId}`);
    const qr = page.getByRole("img", { name: "QR code that opens the survey" });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.getByLabel("Plain iframe").inputValue()).toContain(`/s/${surveyId}`);

    // A personal link for Dana, shown once.
    const personal = page.getByRole("region", { name: "Personal links" });
    await personal.getByRole("checkbox", { name: /Dana Levi/ }).check();
    await personal.getByRole("button", { name: "Create links" }).click();
    expect(await personal.getByLabel("Link for Dana Levi").inputValue()).toMatch(/[?&]t=/);

    // A trigger, then paused from the list; a campaign to the "vip" list.
    await page.getByRole("button", { name: "New trigger" }).click();
    await page.getByLabel("Event type").fill("branch.visit");
    await page.getByLabel("Delay in minutes").fill("30");
    await page.getByLabel("Conditions").fill("branch=TLV");
    await page.getByRole("button", { name: "Create trigger" }).click();
    await page.getByRole("status").filter({ hasText: "Trigger for branch.visit created." }).waitFor();
    const toggle = page.getByRole("switch", { name: "Active (branch.visit)" });
    await toggle.waitFor();
    await toggle.uncheck();
    await page.getByRole("status").filter({ hasText: "Trigger for branch.visit is paused." }).waitFor();
    const triggers = await api<{ items: { eventType: string; active: boolean; conditions: Record<string, string> }[] }>(live.app, "GET", `/triggers?surveyId=${surveyId}`, headers);
    expect(triggers.items.map((t) => [t.eventType, t.active, t.conditions])).toEqual([["branch.visit", false, { branch: "TLV" }]]);

    await page.getByRole("button", { name: "New campaign" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Spring VIP");
    await page.getByLabel("Contact lists").fill("vip");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await page.getByRole("status").filter({ hasText: "Campaign “Spring VIP” created." }).waitFor();
    await page.getByRole("cell", { name: /^Spring VIP/ }).waitFor();
    await expectAxeClean(page);
    await expectNoSidewaysScroll(page, 820);

    // Arabic, right to left: still accessible and fitting the tablet.
    const savedLocale = page.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PATCH");
    await page.getByRole("banner").getByLabel("Language").selectOption("ar");
    expect((await savedLocale).status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "التوزيع: Branch visit" }).waitFor();
    await page.getByRole("cell", { name: /^Spring VIP/ }).waitFor();
    await expectAxeClean(page);
    await expectNoSidewaysScroll(page, 820);
    await shot(page, "distribution-ar-820");

    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
