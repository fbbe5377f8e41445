/**
 * The identity step on a 360×740 phone in Arabic: the customer opens the SMS link, proves the
 * phone with the one-time code, lands on the identity step (the personal details are done), reads
 * the tips, photographs the passport's data page (the real fixture image, read by the real OCR),
 * sees the name read from it, and continues to the next step. No sideways scroll, right to left,
 * no serious axe findings at each screen; staff then see the checks on the case.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it, onTestFailed } from "vitest";
import { seedIdentityFlows } from "../../seeds/identity";
import { CHECKING_ANSWERS } from "../../src/modules/onboarding/review.testkit";
import { makeTenant } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { codeIn, expectAxeClean, langDir, linkPath, newestSms, staff } from "./onboarding-helpers";
import { shot } from "./ui-helpers";

const PHONE = "+971501234568";
const PASSPORT = readFileSync(new URL("../fixtures/mrz/td3-synthetic.jpg", import.meta.url)); // HAMDAN, LAYLA NOOR · 1991-03-05

describe.skipIf(!browserAvailable())("the identity step on a 360-px phone in Arabic", () => {
  const live = useLiveApp();

  it("photographs the passport, shows what was read and continues", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    await seedIdentityFlows(ctx.deps, tenant.id, ["checking"]);
    const api = await staff(ctx, tenant);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    const created = await api.call<{ id: string }>("POST", "/applications", { product: "checking", customer: { name: "ليلى حمدان", phone: PHONE, language: "ar" }, channel: "branch" });
    // The personal details are done (the onboarding journey test walks them): straight to the identity step.
    await ctx.deps.db
      .updateTable("applications")
      .set({ answers: JSON.stringify({ ...CHECKING_ANSWERS, fullName: "ليلى حمدان", dateOfBirth: "1991-03-05", nationality: "JO" }), completed_steps: JSON.stringify(["about"]), current_step: "identity", status: "in_progress" })
      .where("tenant_id", "=", tenant.id)
      .where("id", "=", created.id)
      .execute();
    await api.call("POST", `/applications/${created.id}/link`, { via: "sms" });
    await page.goto(`${baseUrl}${linkPath(await newestSms(api, PHONE, /link/))}`);
    await page.getByRole("button", { name: "أرسل لي رمزًا" }).click();
    await page.getByLabel("رمز من 6 أرقام").waitFor();
    await page.getByLabel("رمز من 6 أرقام").fill(codeIn(await newestSms(api, PHONE, /otp/)));
    await page.getByRole("button", { name: "تأكيد" }).click();

    // The identity step: document choice, tips, camera and file pickers, all labelled, right to left.
    await page.getByRole("heading", { level: 1, name: "وثيقة هويتك" }).waitFor();
    expect(await langDir(page)).toEqual(["ar", "rtl"]);
    await page.getByRole("radio", { name: "جواز سفر" }).check();
    await page.getByText("للحصول على صورة واضحة").waitFor();
    const camera = page.locator("#id-cam");
    expect(await camera.getAttribute("capture")).toBe("environment");
    expect(await camera.getAttribute("accept")).toBe("image/*");
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page, "identity: before the photo");
    await shot(page, "identity-ar-360-start");

    // Continue without a photo: said on the page, nothing sent.
    await page.getByRole("button", { name: "متابعة" }).click();
    await page.getByText("صوّر مستندك للمتابعة.").waitFor();

    // The photo: "Reading your document…", then what was read, with Retake.
    const read = page.waitForResponse((r) => /\/applications\/me\/identity\?/.test(r.url()) && r.request().method() === "POST");
    await camera.setInputFiles({ name: "passport.jpg", mimeType: "image/jpeg", buffer: PASSPORT });
    expect((await read).status()).toBe(201);
    await page.getByRole("heading", { name: "قرأنا مستندك" }).waitFor();
    const result = page.locator("#id-result");
    expect(await result.textContent()).toContain("LAYLA NOOR HAMDAN");
    expect(await result.textContent()).toContain("•••••K2M1");
    expect(await result.textContent()).not.toContain("C7Y40K2M1");
    expect(await page.locator("#id-status").getAttribute("aria-live")).toBe("polite");
    await page.getByRole("button", { name: "أعد التقاط الصورة" }).waitFor();
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page, "identity: read");
    await shot(page, "identity-ar-360-read");

    // Continue: the next step.
    await page.getByRole("button", { name: "متابعة" }).click();
    await page.getByRole("heading", { level: 1, name: "العمل والدخل" }).waitFor();
    expect(problems.errors).toEqual([]);

    // Staff see the evidence on the case.
    const detail = await api.call<{ checks: { kind: string; outcome: string }[] }>("GET", `/applications/${created.id}`);
    expect(detail.checks.filter((c) => c.kind.startsWith("identity_")).map((c) => c.kind).sort()).toEqual(["identity_crosscheck", "identity_document"]);
    await context.close();
  });
});
