import { describe, expect, it, onTestFailed } from "vitest";
import { sourceByWriteKey } from "../../src/modules/journeys/sources";
import { makeTenant, makeUser } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

describe.skipIf(!browserAvailable())("event sources page in chromium", () => {
  const live = useLiveApp();

  it("an admin creates a source (key shown once), rotates its key and disables it; Arabic at 360 px", async () => {
    const db = live.app.ctx.deps.db;
    const tenant = await makeTenant(live.app.ctx);
    const admin = await makeUser(live.app.ctx, tenant, { role: "admin" });
    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    page.on("dialog", (d) => void d.accept());

    await signIn(page, live.app, tenant, admin.email, "/sources");
    await page.getByRole("heading", { level: 1, name: "Event sources" }).waitFor();
    await page.getByText("No event sources yet.").waitFor();
    await page.getByRole("button", { name: "New source" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Website");
    await page.getByRole("button", { name: "Create source" }).click();

    await page.getByRole("heading", { name: "Source Website created" }).waitFor();
    await page.getByText("it cannot be shown again", { exact: false }).waitFor();
    const field = page.getByLabel("Write key", { exact: true });
    expect(await field.getAttribute("readonly")).not.toBeNull();
    const key = await field.inputValue();
    expect(key).toMatch(/^wk_/);
    expect(await page.getByRole("button", { name: "Copy" }).count()).toBe(1);
    expect((await sourceByWriteKey(db, key))?.tenant_id).toBe(tenant.id);
    expect(await page.locator("pre").textContent()).toContain(`curl -u '${key}:'`);
    await expectAccessible(page, "sources key shown");
    await shot(page, "sources-created");
    await page.getByRole("button", { name: "I have saved the key" }).click();
    expect(await page.getByLabel("Write key", { exact: true }).count()).toBe(0);

    const row = page.getByRole("row").filter({ hasText: "Website" });
    await expect.poll(() => row.textContent()).toMatch(new RegExp(`HTTP tracking.*…${key.slice(-4).replace(/[-]/g, "\\-")}.*Enabled`));
    expect(await page.content()).not.toContain(key);

    await row.getByRole("button", { name: /^New key/ }).click();
    await page.getByRole("heading", { name: "New write key for Website" }).waitFor();
    const rotated = await page.getByLabel("Write key", { exact: true }).inputValue();
    expect(rotated).not.toBe(key);
    expect(await sourceByWriteKey(db, key)).toBeUndefined();
    expect((await sourceByWriteKey(db, rotated))?.name).toBe("Website");
    await page.getByRole("button", { name: "I have saved the key" }).click();

    await row.getByRole("button", { name: /^Disable/ }).click();
    await expect.poll(() => row.textContent()).toMatch(/Disabled/);
    expect(await sourceByWriteKey(db, rotated)).toBeUndefined();
    await row.getByRole("button", { name: /^Enable/ }).click();
    await expect.poll(() => row.textContent()).toMatch(/Enabled/);
    expect(problems.errors).toEqual([]);
    await context.close();

    const other = await makeUser(live.app.ctx, tenant, { role: "admin", locale: "ar" });
    const phone = await newPage(live.browser, { width: 360, height: 780 });
    phone.page.on("dialog", (d) => void d.accept());
    await signIn(phone.page, live.app, tenant, other.email, "/sources");
    await phone.page.getByRole("heading", { level: 1, name: "مصادر الأحداث" }).waitFor();
    expect(await phone.page.locator("html").getAttribute("dir")).toBe("rtl");
    await phone.page.getByRole("button", { name: "مصدر جديد" }).click();
    await phone.page.getByLabel("الاسم", { exact: true }).fill("مركز الاتصال");
    await phone.page.getByRole("button", { name: "إنشاء المصدر" }).click();
    await phone.page.getByRole("heading", { name: "تم إنشاء المصدر مركز الاتصال" }).waitFor();
    await expectNoSidewaysScroll(phone.page, 360);
    await expectAccessible(phone.page, "sources ar 360");
    await shot(phone.page, "sources-ar-360");
    await phone.context.close();
  }, 180_000);
});
