/** Helpers shared by the back-office and customer-page browser tests: sign in, screenshots, axe. */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { TEST_PASSWORD, type TestTenant } from "../support/factories";
import { type RunningApp, runAxe, seriousOnly } from "./harness";

/** Signs in through the login page and lands on `next` (a path under /app, default the home page). */
export async function signIn(page: Page, app: RunningApp, tenant: TestTenant, email: string, next = "/"): Promise<void> {
  await page.goto(`${app.baseUrl}/app${next}${next.includes("?") ? "&" : "?"}tenant=${tenant.slug}`);
  await page.waitForURL(/\/app\/login\?/);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/login"));
}

/** Set ATRIUM_E2E_SCREENSHOTS=dir to keep screenshots of the pages visited (for a human to look at). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.ATRIUM_E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** No serious or critical axe findings (`every`: no finding of any impact). */
export async function expectAccessible(page: Page, where: string, opts: { every?: boolean } = {}): Promise<void> {
  const all = await runAxe(page);
  const violations = opts.every ? all : seriousOnly(all);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}
