import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, type RunningApp, useLiveApp, watchProblems } from "./harness";
import { smallPdf } from "./onboarding-helpers";
import { expectAccessible, shot } from "./ui-helpers";

/** Seals a PDF through the real API with an admin API key of `tenant`. */
async function seal(app: RunningApp, tenant: TestTenant, pdf: Buffer): Promise<Buffer> {
  const res = await fetch(`${app.baseUrl}/api/v1/signing/seal`, {
    method: "POST",
    headers: { ...(await apiKeyHeaders(app.ctx, tenant)), "content-type": "application/pdf" },
    body: new Uint8Array(pdf),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/pdf");
  return Buffer.from(await res.arrayBuffer());
}

const CHOOSE_HE = "בחירת קובץ PDF";

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel(CHOOSE_HE).setInputFiles({ name, mimeType: "application/pdf", buffer });
}

/**
 * Waits for the check to end (a result card or a problem message), then reads the card: its
 * heading must match `name`, which gives a clear failure when the page said something else.
 */
async function resultHeading(page: Page, name: string | RegExp): Promise<{ verdict: string | null; focused: boolean }> {
  const pattern = typeof name === "string" ? `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$` : name.source;
  await page.waitForFunction((source) => {
    const heading = document.getElementById("result-title");
    return (heading !== null && new RegExp(source).test(heading.textContent ?? "")) || document.getElementById("problem") !== null;
  }, pattern);
  expect(await page.locator("#outcome").textContent()).toMatch(new RegExp(pattern.replace(/^\^|\$$/g, "")));
  return {
    verdict: await page.locator(".result").getAttribute("data-verdict"),
    focused: await page.evaluate(() => document.activeElement?.id === "result-title"),
  };
}

describe.skipIf(!browserAvailable())("the public seal check at /c/{bank}/verify", () => {
  const live = useLiveApp();

  it("shows the bank, explains the check, refuses a picture named .pdf before sending it, in Hebrew at 360 px", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    const requests: string[] = [];
    page.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));

    await page.goto(`${live.app.baseUrl}/c/${tenant.slug}/verify?lang=he`);
    await page.getByRole("heading", { level: 1, name: "בדיקת מסמך חתום" }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["he", "rtl"]);
    expect(await page.locator("header .bank").textContent()).toBe(tenant.name);
    await expect(page.locator("main").textContent()).resolves.toContain(`נחתם בחותמת של ${tenant.name}`);
    await expect(page.locator("main").textContent()).resolves.toContain("ולשום מקום אחר");
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "verify page");
    await shot(page, "verify-he-360");

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    await upload(page, "scan.pdf", png);
    await page.getByText("הקובץ הזה אינו PDF. יש לבחור מסמך PDF.").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("problem");
    expect(requests.filter((r) => r.includes("/signing/"))).toEqual([]);

    // Every language from the switch: its title, its direction, nothing wider than the phone.
    for (const [lang, title, dir] of [
      ["ar", "التحقق من مستند مختوم", "rtl"],
      ["zh-Hans", "验证已盖章的文件", "ltr"],
      ["zh-Hant", "驗證已用印的文件", "ltr"],
      ["en", "Check a sealed document", "ltr"],
    ] as const) {
      await page.getByRole("combobox").selectOption(lang);
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dir), lang).toBe(dir);
      expect(new URL(page.url()).searchParams.get("lang")).toBe(lang);
      await expectNoSidewaysScroll(page, 360);
      await shot(page, `verify-${lang}-360`);
    }

    await page.goto(`${live.app.baseUrl}/c/no-such-bank/verify?lang=he`);
    await page.getByRole("heading", { level: 1, name: "הדף לא נמצא" }).waitFor();
    // The only console error is the browser logging the unknown bank's 404.
    expect(problems.errors.every((e) => e.includes("/api/v1/public/tenants/no-such-bank"))).toBe(true);
    await context.close();
  });

  it("green for the bank's sealed PDF; altered for one flipped byte; added content; unsealed; another bank's", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const other = await makeTenant(live.app.ctx);
    const original = smallPdf("Account statement, November 2026, balance 1,234.56");
    const sealed = await seal(live.app, tenant, original);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await page.goto(`${live.app.baseUrl}/c/${tenant.slug}/verify?lang=he`);
    await page.getByRole("heading", { level: 1, name: "בדיקת מסמך חתום" }).waitFor();

    await upload(page, "statement-sealed.pdf", sealed);
    const ok = await resultHeading(page, new RegExp(`^נחתם בחותמת של ${tenant.name} ולא שונה מאז `));
    expect(ok).toEqual({ verdict: "ok", focused: true });
    await expect(page.locator(".result").getAttribute("class")).resolves.toContain("result-ok");
    // A locally generated seal says so, and the details name the seal certificate.
    await page.getByText("חותמת בדיקה — אינה תקפה למסמכים אמיתיים").waitFor();
    await expect(page.locator(".seal-details").textContent()).resolves.toContain(`${tenant.name} electronic seal (TEST)`);
    await expect(page.locator(".seal-details").textContent()).resolves.toContain("Atrium Test Seal CA");
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "verify: sealed and intact");
    await shot(page, "verify-he-360-ok");

    // One byte of the signed content changed (a digit of the balance).
    const tampered = Buffer.from(sealed);
    const at = tampered.indexOf("1,234.56");
    expect(at).toBeGreaterThan(0);
    tampered[at] = "9".charCodeAt(0);
    await upload(page, "statement-tampered.pdf", tampered);
    const altered = await resultHeading(page, "המסמך הזה שונה אחרי שנחתם");
    expect(altered).toEqual({ verdict: "altered", focused: true });
    // The change is the whole story: the bank's certificate is not called unknown.
    expect(await page.locator(".also-list").count()).toBe(0);
    await expect(page.locator(".result").getAttribute("class")).resolves.toContain("result-bad");
    await expectAccessible(page, "verify: altered");
    await shot(page, "verify-he-360-altered");

    // Bytes after the seal (an incremental update someone added): not covered by it.
    const appended = Buffer.concat([sealed, Buffer.from("\n% added after sealing\n", "latin1")]);
    await page.getByRole("button", { name: "בדיקת מסמך נוסף" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("file");
    await upload(page, "statement-appended.pdf", appended);
    expect((await resultHeading(page, "נוסף תוכן אחרי החותמת")).verdict).toBe("appended");
    await expect(page.locator(".result").getAttribute("class")).resolves.toContain("result-bad");

    // The same PDF before sealing.
    await upload(page, "statement.pdf", original);
    expect((await resultHeading(page, "המסמך הזה אינו חתום")).verdict).toBe("notSealed");

    // Sealed by another bank on this server: intact, but not this bank's.
    await upload(page, "other.pdf", await seal(live.app, other, original));
    expect((await resultHeading(page, `נחתם על ידי בנק אחר, לא על ידי ${tenant.name}`)).verdict).toBe("otherBank");
    await expect(page.locator(".result").getAttribute("class")).resolves.toContain("result-doubt");
    await expect(page.locator(".result").textContent()).resolves.toContain(other.name);

    // Dropped on the box instead of chosen; the result survives a language switch.
    const dropped = await page.evaluateHandle((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], "dropped.pdf", { type: "application/pdf" }));
      return dt;
    }, [...sealed]);
    await page.dispatchEvent("#drop", "drop", { dataTransfer: dropped });
    expect((await resultHeading(page, new RegExp(`^נחתם בחותמת של ${tenant.name}`))).verdict).toBe("ok");
    await page.getByRole("combobox").selectOption("en");
    await page.getByRole("heading", { level: 2, name: new RegExp(`^Sealed by ${tenant.name} and unchanged since `) }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("ltr");

    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
