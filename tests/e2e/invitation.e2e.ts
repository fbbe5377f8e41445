import { describe, expect, it, onTestFailed } from "vitest";
import { makeTenant, makeUser, TEST_PASSWORD } from "../support/factories";
import { browserAvailable, describeFailure, newPage, useLiveApp, watchProblems } from "./harness";

describe.skipIf(!browserAvailable())("inviting a colleague in chromium", () => {
  const live = useLiveApp();

  it("admin invites in Hebrew, the email lands in the outbox, the invitee accepts and is signed in", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const admin = await makeUser(live.app.ctx, tenant, { role: "admin", locale: "he", email: `inviter-${tenant.slug}@example.test` });
    const invitee = `dana-${tenant.slug}@example.test`;
    const { context, page } = await newPage(live.browser, { width: 1024, height: 768 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await page.goto(`${live.app.baseUrl}/app/login?tenant=${tenant.slug}`);
    await page.getByLabel("Email address").fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `שלום, ${admin.name}` }).waitFor();

    await page.getByRole("navigation").getByRole("link", { name: "משתמשים" }).click();
    await page.getByRole("button", { name: "הזמנת משתמש" }).click();
    const form = page.getByRole("region", { name: "הזמנת משתמש" });
    await form.getByLabel("כתובת אימייל").fill(invitee);
    await form.getByLabel("שם מלא").fill("Dana Levi");
    await form.getByLabel("היקף נתונים").selectOption("region");
    await form.getByLabel("אזור").selectOption({ index: 1 });
    await form.getByRole("button", { name: "שליחת הזמנה" }).click();
    await page.getByRole("status").filter({ hasText: `ההזמנה נשלחה אל ${invitee}.` }).waitFor();
    await page.getByRole("cell", { name: /Dana Levi/ }).waitFor();

    // The invitation email, as the outbox keeps it in development, carries the link.
    await page.getByRole("navigation").getByRole("link", { name: "דואר יוצא" }).click();
    const body = page.locator(".message__body").filter({ hasText: "/app/invite?token=" }).first();
    const link = /\S+\/app\/invite\?token=[\w-]+/.exec((await body.textContent()) ?? "")?.[0];
    expect(link).toBeTruthy();
    await page.getByRole("button", { name: "התנתקות" }).click();
    await page.getByRole("heading", { level: 1, name: "כניסה ל-Atrium" }).waitFor();

    const url = new URL(link as string);
    await page.goto(`${live.app.baseUrl}${url.pathname}${url.search}`);
    await page.getByRole("heading", { level: 1, name: "קבלת ההזמנה" }).waitFor();
    expect(await page.getByLabel("כתובת אימייל").inputValue()).toBe(invitee);
    expect(await page.getByLabel("שם מלא").inputValue()).toBe("Dana Levi");
    await page.getByLabel("סיסמה חדשה").fill("a long and memorable phrase");
    await page.getByLabel("הקלדה חוזרת של הסיסמה החדשה").fill("a long and memorable phrase");
    await page.getByRole("button", { name: "יצירת החשבון שלי" }).click();
    await page.getByRole("heading", { level: 1, name: "שלום, Dana Levi" }).waitFor();
    // The invitee got the inviter's language (chosen in the form) and a region scope.
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["he", "rtl"]);
    await page.getByText("אזור: north region").waitFor();

    expect(problems.errors.filter((e) => !/status of 401.*\/api\/v1\/auth\/session\)$/.test(e))).toEqual([]);
    await context.close();
  });
});
