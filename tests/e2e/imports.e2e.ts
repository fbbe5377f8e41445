import { describe, expect, it, onTestFailed } from "vitest";
import { importJob } from "../../src/modules/journeys/imports/job";
import type { TestContext } from "../support/context";
import { makeTenant, makeUser, type TestTenant } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

/** The live app has no worker: run the queued import's job as one would. */
async function runQueuedImports(ctx: TestContext, tenant: TestTenant): Promise<number> {
  const queued = await ctx.deps.db.selectFrom("event_imports").select("id").where("tenant_id", "=", tenant.id).where("status", "=", "queued").execute();
  for (const q of queued) await importJob.handler(ctx.deps, { tenantId: tenant.id, importId: q.id }, { id: "e2e", name: importJob.name, attempts: 1, maxAttempts: 3, tenantId: tenant.id });
  return queued.length;
}

const CONTACTS = [
  "contact_id,agent,queue,channel,customer_id,started_at,talk_seconds,hold_seconds,after_call_seconds,resolved",
  "c-1,ag-1,cards,call,cust-1,2026-01-05T09:00:00Z,300,20,40,yes",
  "c-2,ag-2,loans,chat,cust-2,2026-01-05T10:00:00Z,120,0,30,no",
  "c-3,ag-2,loans,chat,cust-3,2026-01-05T10:00:00Z,lots,0,30,no",
].join("\n");

describe.skipIf(!browserAvailable())("imports page in chromium", () => {
  const live = useLiveApp();

  it("an admin uploads a contact-centre CSV, follows it to the end and reads the per-row report; Hebrew at 360 px", async () => {
    const ctx = live.app.ctx;
    const tenant = await makeTenant(ctx);
    const admin = await makeUser(ctx, tenant, { role: "admin" });
    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await signIn(page, live.app, tenant, admin.email, "/imports");
    await page.getByRole("heading", { level: 1, name: "Imports" }).waitFor();
    await page.getByText("No imports yet.").waitFor();
    await expectAccessible(page, "imports empty");
    await page.getByLabel("Kind", { exact: true }).selectOption("contacts");
    expect(await page.getByLabel("Source", { exact: true }).inputValue()).toBe("");
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "calls-january.csv", mimeType: "text/csv", buffer: Buffer.from(CONTACTS) });
    await page.getByRole("button", { name: "Upload and import" }).click();
    await page.getByText("Waiting to start…").waitFor();
    await expect.poll(() => runQueuedImports(ctx, tenant)).toBe(1);
    await page.getByText("Done: 3 rows, 2 stored, 0 duplicates, 1 failed").waitFor();
    await shot(page, "imports-done");

    const row = page.getByRole("row").filter({ hasText: "calls-january.csv" });
    await expect.poll(() => row.textContent()).toMatch(/Contact-centre records \(CSV\).*Done.*3.*2.*0.*1/);
    await page.getByRole("button", { name: "See the report" }).click();
    await page.getByRole("heading", { name: "Report: calls-january.csv" }).waitFor();
    const issue = page.getByRole("row").filter({ hasText: "talk_seconds" });
    expect(await issue.textContent()).toMatch(/^3.*talk_seconds.*must be a whole number of seconds from 0 to 86400/);
    const link = page.getByRole("link", { name: "Download the full report (CSV)" });
    const href = (await link.getAttribute("href")) as string;
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(csv).toBe("row,field,message\n3,talk_seconds,must be a whole number of seconds from 0 to 86400\n");
    await expectAccessible(page, "imports report");
    const stored = await ctx.deps.db.selectFrom("journey_events").select("message_id").where("tenant_id", "=", tenant.id).where("event", "=", "contact.handled").orderBy("message_id").execute();
    expect(stored.map((e) => e.message_id)).toEqual(["contact:c-1", "contact:c-2"]);
    expect(problems.errors).toEqual([]);
    await context.close();

    // An analyst (may import, may not manage sources: no source to choose), in Hebrew on a phone.
    const analyst = await makeUser(ctx, tenant, { role: "cx_analyst", locale: "he" });
    const phone = await newPage(live.browser, { width: 360, height: 780 });
    await signIn(phone.page, live.app, tenant, analyst.email, "/imports");
    await phone.page.getByRole("heading", { level: 1, name: "ייבוא" }).waitFor();
    expect(await phone.page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await phone.page.getByLabel("מקור", { exact: true }).count()).toBe(0);
    await phone.page.getByRole("row").filter({ hasText: "calls-january.csv" }).waitFor();
    await phone.page.getByLabel("סוג", { exact: true }).selectOption("contacts");
    await phone.page.getByLabel("קובץ", { exact: true }).setInputFiles({ name: "again.csv", mimeType: "text/csv", buffer: Buffer.from(CONTACTS) });
    await phone.page.getByRole("button", { name: "העלאה וייבוא" }).click();
    await phone.page.getByText("ממתין להתחלה…").waitFor();
    await expect.poll(() => runQueuedImports(ctx, tenant)).toBe(1);
    await phone.page.getByText("הסתיים: 3 שורות, 0 נשמרו, 2 כפולות, 1 נכשלו").waitFor();
    await expectNoSidewaysScroll(phone.page, 360);
    await expectAccessible(phone.page, "imports he 360");
    await shot(phone.page, "imports-he-360");
    await phone.context.close();
  }, 180_000);
});
