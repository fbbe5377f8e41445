import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { makeTenant, makeUser, TEST_PASSWORD, type TestTenant } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, runAxe, type RunningApp, seriousOnly, useLiveApp, watchProblems } from "./harness";

/** Set ATRIUM_E2E_SCREENSHOTS=dir to keep screenshots of the pages visited (for a human to look at). */
const SHOTS = process.env.ATRIUM_E2E_SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const html = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

async function signIn(page: Page, app: RunningApp, tenant: TestTenant, email: string) {
  await page.goto(`${app.baseUrl}/app/?tenant=${tenant.slug}`);
  await page.waitForURL(/\/app\/login\?/);
  // The bank comes from the link; the person types the rest.
  expect(await page.getByLabel("Bank code").inputValue()).toBe(tenant.slug);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`${app.baseUrl}/app/`);
}

describe.skipIf(!browserAvailable())("back office in chromium", () => {
  const live = useLiveApp();

  it("signs in, switches to Arabic right-to-left, and keeps Arabic for this user after a reload", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const admin = await makeUser(live.app.ctx, tenant, { role: "admin", email: `admin-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 1280, height: 800 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    // The login page is accessible: no serious or critical axe findings.
    await page.goto(`${live.app.baseUrl}/app/?tenant=${tenant.slug}`);
    await page.getByRole("heading", { level: 1, name: "Sign in to Atrium" }).waitFor();
    const violations = seriousOnly(await runAxe(page));
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    await signIn(page, live.app, tenant, admin.email);
    await page.getByRole("heading", { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
    expect(await html(page)).toEqual({ lang: "en", dir: "ltr" });
    // Admin sees every section the contract gives admins.
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const item of ["Users", "Organisation", "API keys", "Audit log", "Jobs", "Outbox"]) {
      await nav.getByRole("link", { name: item }).waitFor();
    }

    // Switch the language in the header: <html> changes at once, and the choice is saved on the account.
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PATCH");
    await page.getByRole("banner").getByLabel("Language").selectOption("ar");
    expect((await saved).status()).toBe(200);
    expect(await html(page)).toEqual({ lang: "ar", dir: "rtl" });
    await page.getByRole("heading", { level: 1, name: `مرحبًا، ${admin.name}` }).waitFor();

    // Forget the device's memory: Arabic must come back from the user's saved locale.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByRole("heading", { level: 1, name: `مرحبًا، ${admin.name}` }).waitFor();
    expect(await html(page)).toEqual({ lang: "ar", dir: "rtl" });
    await shot(page, "home-ar-desktop");

    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("fits a 360-pixel phone: no sideways scroll on the home page, menu button opens the navigation", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const admin = await makeUser(live.app.ctx, tenant, { role: "admin", email: `phone-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await page.goto(`${live.app.baseUrl}/app/?tenant=${tenant.slug}`);
    await page.getByRole("heading", { level: 1, name: "Sign in to Atrium" }).waitFor();
    await page.getByRole("banner").getByLabel("Language").selectOption("ar");
    expect(await html(page)).toEqual({ lang: "ar", dir: "rtl" });
    await shot(page, "login-ar-360");
    await expectNoSidewaysScroll(page, 360);
    await page.getByRole("banner").getByLabel("اللغة").selectOption("en");

    await signIn(page, live.app, tenant, admin.email);
    await page.getByRole("heading", { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
    await expectNoSidewaysScroll(page, 360);
    await shot(page, "home-en-360");

    // The navigation hides behind the menu button on a phone.
    const menu = page.getByRole("button", { name: "Menu" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await expectNoSidewaysScroll(page, 360);

    // Right-to-left on the phone as well.
    await page.getByRole("banner").getByLabel("Language").selectOption("he");
    await page.getByRole("heading", { level: 1, name: "משתמשים" }).waitFor();
    expect(await html(page)).toEqual({ lang: "he", dir: "rtl" });
    await expectNoSidewaysScroll(page, 360);
    // The list itself does not scroll sideways either: each person is a card of label/value lines.
    await page.getByRole("cell", { name: new RegExp(admin.email) }).waitFor();
    const list = page.getByRole("region", { name: "משתמשים", exact: true });
    expect(await list.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const row = page.getByRole("row").filter({ hasText: admin.email });
    expect(await row.getByText("תפקיד", { exact: true }).isVisible()).toBe(true);
    // The server offers no "disable" on oneself: the editor shows no such button.
    await row.getByRole("button", { name: new RegExp(admin.name) }).click();
    await page.getByRole("heading", { level: 2, name: new RegExp(admin.name) }).waitFor();
    expect(await page.getByRole("button", { name: "השבתת החשבון" }).count()).toBe(0);
    await expectNoSidewaysScroll(page, 360);
    await shot(page, "users-he-360");

    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
