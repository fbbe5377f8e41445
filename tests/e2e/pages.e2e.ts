
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { makeTenant, makeUser, TEST_PASSWORD } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot } from "./ui-helpers";

const h1 = (page: Page, name: string) => page.getByRole("heading", { level: 1, name }).waitFor();

describe.skipIf(!browserAvailable())("every back-office page on a phone, right to left", () => {
  const live = useLiveApp();

  it("shows each admin page in Arabic at 360 px without sideways scroll or serious axe findings", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const admin = await makeUser(live.app.ctx, tenant, { role: "admin", locale: "ar", email: `tour-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await page.goto(`${live.app.baseUrl}/app/login?tenant=${tenant.slug}`);
    await page.getByLabel("Email address").fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // The saved locale of the user (Arabic) wins over the device's English after sign-in.
    await h1(page, `مرحبًا، ${admin.name}`);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expectAccessible(page, "home");

    const pages: [string, string][] = [
      ["/users", "المستخدمون"],
      ["/org", "الهيكل التنظيمي"],
      ["/api-keys", "مفاتيح API"],
      ["/audit", "سجل التدقيق"],
      ["/jobs", "المهام"],
      ["/outbox", "صندوق الصادر"],
      ["/profile", "ملفك الشخصي"],
    ];
    for (const [path, title] of pages) {
      await page.goto(`${live.app.baseUrl}/app${path}`);
      await h1(page, title);
      await page.waitForLoadState("networkidle");
      await expectNoSidewaysScroll(page, 360);
      await expectAccessible(page, path);
      await shot(page, `ar-360${path.replace("/", "-")}`);
    }

    // An API key is shown once, in a box that fits the phone.
    await page.goto(`${live.app.baseUrl}/app/api-keys`);
    await page.getByRole("button", { name: "إنشاء مفتاح API" }).click();
    await page.getByLabel("الاسم", { exact: true }).fill("Core sync");
    await page.getByRole("button", { name: "إنشاء المفتاح" }).click();
    const key = page.getByLabel("مفتاح API", { exact: true });
    await key.waitFor();
    expect((await key.inputValue()).length).toBeGreaterThan(20);
    await expectNoSidewaysScroll(page, 360);
    await shot(page, "ar-360-api-key-created");

    // The audit chain of a fresh bank verifies.
    await page.goto(`${live.app.baseUrl}/app/audit`);
    await page.getByRole("button", { name: "التحقق من السلسلة" }).click();
    await page.getByRole("status").filter({ hasText: "السلسلة سليمة" }).waitFor();

    // Two-factor enrolment shows the QR code as an image the CSP allows (data: URL).
    await page.goto(`${live.app.baseUrl}/app/profile`);
    await page.getByRole("button", { name: "إعداد التحقق بخطوتين" }).click();
    const qr = page.getByRole("img", { name: "رمز QR لتطبيق المصادقة" });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectNoSidewaysScroll(page, 360);
    await shot(page, "ar-360-totp-setup");

    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("customer shell: bank name, language from ?lang=, right to left, and a translated message for a bad link", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await page.goto(`${live.app.baseUrl}/c/${tenant.slug}/?lang=ar`);
    await page.getByRole("heading", { level: 1, name: `مرحبًا بك في ${tenant.name}` }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["ar", "rtl"]);
    await expect(page.getByRole("contentinfo").textContent()).resolves.toContain("اتصال آمن");
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "customer shell");
    await shot(page, "customer-ar-360");

    await page.getByRole("combobox").selectOption("zh-Hant");
    await page.getByRole("heading", { level: 1, name: `歡迎來到${tenant.name}` }).waitFor();
    expect(new URL(page.url()).searchParams.get("lang")).toBe("zh-Hant");
    expect(problems.errors).toEqual([]);

    await page.goto(`${live.app.baseUrl}/c/no-such-bank/?lang=he`);
    await page.getByRole("alert").filter({ hasText: "הקישור הזה אינו תקף או שפג תוקפו." }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await shot(page, "customer-invalid-he-360");
    // The only error is the browser logging the 404 of the unknown bank.
    expect(problems.errors.every((e) => e.includes("/api/v1/public/tenants/no-such-bank"))).toBe(true);
    await context.close();
  });
});
