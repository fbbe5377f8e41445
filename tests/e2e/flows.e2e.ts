
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { makeTenant, makeUser, } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

const sections = (page: Page) => page.locator("nav.designer__tabs");
const steps = (page: Page) => page.getByRole("navigation", { name: "Steps of the flow" });

/** Waits until the autosave has the latest draft. */
async function saved(page: Page) {
  await page.getByRole("status").filter({ hasText: /^Draft saved/ }).waitFor();
}

type StoredStep = { id: string; showIf?: unknown; fields: { id: string; type: string; showIf?: unknown; options?: unknown[] }[] };

describe.skipIf(!browserAvailable())("flow editor in chromium", () => {
  const live = useLiveApp();

  it("an analyst reorders the checking flow, adds a conditional select, previews it in Hebrew, publishes version 2, and a broken reference is refused", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const analyst = await makeUser(live.app.ctx, tenant, { role: "cx_analyst", email: `analyst-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    page.on("dialog", (d) => void d.accept());

    await signIn(page, live.app, tenant, analyst.email);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Products and flows" }).click();
    await page.getByRole("heading", { level: 1, name: "Products and flows" }).waitFor();
    const table = page.getByRole("region", { name: "Products and flows" });
    await table.getByRole("link", { name: "Checking account", exact: true }).waitFor();
    expect(await table.getByRole("row").count()).toBe(7);
    await expectAccessible(page, "flows", { every: true });
    await shot(page, "flows-list-en");

    // The checking flow: version 1 is live, the draft is the same.
    await table.getByRole("link", { name: "Edit flow Checking account" }).click();
    await page.waitForURL(/\/app\/flows\/edit\?product=checking/);
    await page.getByRole("heading", { level: 1, name: "Flow: Checking account" }).waitFor();
    await page.getByText("Live: version 1.").waitFor();
    expect(await page.getByRole("button", { name: "Publish a new version" }).isDisabled()).toBe(true);

    // Move a step with the keyboard-reachable buttons: "work" goes below "documents".
    await steps(page).getByRole("button", { name: "Move down Step work" }).click();
    await saved(page);
    const order = await steps(page).locator(".structure__select span[dir=auto]").allTextContents();
    expect(order.map((t) => t.split(" · ")[0])).toEqual(["about", "documents", "work", "deposit", "review"]);

    // A select field in "work", shown only when employment is "employed".
    await steps(page).getByRole("button", { name: /work · Work and income/ }).click();
    await page.getByLabel("Type of the new field in step work").selectOption("select");
    await page.getByRole("button", { name: "Add field (work)" }).click();
    await page.getByRole("heading", { level: 3, name: "Field field1" }).waitFor();
    await page.getByLabel("Label", { exact: true }).fill("Main use of the account");
    await page.getByLabel("Option 1", { exact: true }).fill("Salary");
    await page.getByLabel("Option 2", { exact: true }).fill("Savings");
    await page.getByRole("button", { name: "Show this field only when…" }).click();
    const condition = page.getByRole("group", { name: "Show this field only when" });
    // Only fields asked before this one are offered.
    const offered = await condition.getByLabel("Field", { exact: true }).locator("option").allTextContents();
    expect(offered.some((o) => o.startsWith("employment"))).toBe(true);
    expect(offered.some((o) => o.startsWith("idDocument"))).toBe(true);
    expect(offered.some((o) => o.startsWith("terms") || o.startsWith("field1"))).toBe(false);
    await condition.getByLabel("Field", { exact: true }).selectOption("employment");
    await condition.getByLabel("Operator").selectOption("equals");
    await condition.getByLabel("Value").selectOption("employed");
    await saved(page);
    // Only warnings (the new texts are not translated yet): publishing stays possible.
    await page.getByText("Only warnings: the flow can be published.").waitFor();
    expect(await page.getByRole("button", { name: "Publish a new version" }).isDisabled()).toBe(false);
    await expectAccessible(page, "flows", { every: true });
    await shot(page, "flows-editor-en");

    // The phone preview: hidden until employment is answered; in Hebrew, right to left.
    await sections(page).getByRole("button", { name: "Phone preview" }).click();
    const phone = page.getByRole("region", { name: "Phone screen" });
    await phone.getByRole("heading", { name: "Work and income" }).waitFor();
    await phone.getByText("Step 3 of 4 · about 3 minutes left").waitFor();
    expect(await phone.getByLabel(/Main use of the account/).count()).toBe(0);
    await page.locator(".preview__tools").getByLabel("Language").selectOption("he");
    await phone.getByRole("heading", { name: "תעסוקה והכנסה" }).waitFor();
    expect(await phone.getAttribute("dir")).toBe("rtl");
    await phone.getByLabel(/^תעסוקה/).selectOption("employed");
    // Untranslated texts fall back to the default language.
    await phone.getByLabel(/Main use of the account/).waitFor();
    await page.getByLabel("Fill sample answers").check();
    await phone.getByText("שלב 3 מתוך 5 · נותרו כ־4 דקות").waitFor();
    await expectAccessible(page, "flows", { every: true });
    await shot(page, "flows-preview-he");

    // Publish: version 2, with the new order and the conditional select.
    await page.getByRole("button", { name: "Publish a new version" }).click();
    await page.getByRole("status").filter({ hasText: "Published as version 2." }).waitFor();
    await page.getByText("Live: version 2.").waitFor();
    const db = live.app.ctx.deps.db;
    const stored = await db.selectFrom("flow_versions").select(["version", "definition"]).where("tenant_id", "=", tenant.id).where("product", "=", "checking").orderBy("version").execute();
    expect(stored.map((v) => v.version)).toEqual([1, 2]);
    const v2 = stored[1]?.definition as { steps: StoredStep[] };
    expect(v2.steps.map((s) => s.id)).toEqual(["about", "documents", "work", "deposit", "review"]);
    const added = v2.steps[2]?.fields.find((f) => f.id === "field1");
    expect(added).toMatchObject({ type: "select", showIf: { all: [{ field: "employment", op: "equals", value: "employed" }] } });
    expect(added?.options).toHaveLength(2);

    // The versions list shows both; version 1 opens read-only with the old order.
    await sections(page).getByRole("button", { name: "Versions" }).click();
    await page.getByRole("button", { name: "View version 1" }).click();
    await page.getByRole("region", { name: "Phone screen" }).getByRole("heading", { name: "About you" }).waitFor();

    // Break a reference: the deposit step (shown when wantsDeposit is ticked) moves before "work",
    // where that field is asked. Publishing is refused and the problem says why.
    await sections(page).getByRole("button", { name: "Steps and fields" }).click();
    await steps(page).getByRole("button", { name: "Move up Step deposit" }).click();
    await saved(page);
    const list = page.getByRole("region", { name: /^Problems:/ });
    await list.getByText("Refers to a field that is only asked later").waitFor();
    expect(await page.getByRole("button", { name: "Publish a new version" }).isDisabled()).toBe(true);
    await page.getByText("Fix the 2 error(s) listed below before publishing.").waitFor();
    // The problem's link opens the step and focuses the control it is about.
    await list.getByRole("button", { name: "Step deposit › Condition › Field" }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-path") === "steps[2].showIf.field");
    expect(await page.locator('[data-path="steps[2].showIf.field"] option:checked').textContent()).toBe("wantsDeposit (asked later)");
    // A missing translation's link opens the field in the first language it is missing in.
    await list.getByRole("button", { name: "Step work › Field field1 › Label" }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-path") === "steps[3].fields[5].label.he");
    expect(await page.getByRole("radio", { name: /עברית/ }).isChecked()).toBe(true);
    const versions = await db.selectFrom("flow_versions").select("version").where("tenant_id", "=", tenant.id).where("product", "=", "checking").execute();
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    await expectAccessible(page, "flows", { every: true });
    await shot(page, "flows-problems-en");

    // Hebrew on a 360 px phone: mirrored, nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole("banner").getByLabel("Language").selectOption("he");
    await page.getByRole("heading", { level: 1, name: "תהליך: חשבון עו״ש" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "flows", { every: true });
    await shot(page, "flows-problems-he-360");

    expect(problems.errors).toEqual([]);
    await context.close();
  });
  it("an agent reads the flows on a 360 px phone: no toggles, no editing, only the preview and the versions", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const agent = await makeUser(live.app.ctx, tenant, { role: "agent", email: `agent-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 360, height: 800 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await signIn(page, live.app, tenant, agent.email);
    await page.goto(`${live.app.baseUrl}/app/flows`);
    await page.getByRole("heading", { level: 1, name: "Products and flows" }).waitFor();
    const table = page.getByRole("region", { name: "Products and flows" });
    await table.getByRole("link", { name: "Open flow Mortgage pre-approval" }).waitFor();
    expect(await table.getByRole("checkbox").count()).toBe(0);
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "flows", { every: true });

    await table.getByRole("link", { name: "Open flow Checking account" }).click();
    await page.getByRole("heading", { level: 1, name: "Flow: Checking account" }).waitFor();
    await page.getByRole("region", { name: "Phone screen" }).getByRole("heading", { name: "About you" }).waitFor();
    expect(await sections(page).getByRole("button").allTextContents()).toEqual(["Phone preview", "Versions"]);
    expect(await page.getByRole("button", { name: /^Publish/ }).count()).toBe(0);
    expect(await page.getByRole("status").filter({ hasText: /Draft saved/ }).count()).toBe(0);
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "flows", { every: true });
    await shot(page, "flows-agent-360");

    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
