/**
 * The acceptance journey on a 360-px phone in Hebrew: an agent's checking-account
 * application is created through the API and its link sent by SMS; the customer opens the link from
 * the outbox, proves the phone with the one-time code (a wrong one first), completes every step
 * (prefilled name, a reload that resumes at the same field, live conditions, a real JPEG photo that
 * the page downscales and a PDF, a declined then approved deposit, review) and submits; right to
 * left, no sideways scroll, axe-clean on each step, no cookies; a reviewer approves and the page
 * shows it.
 *
 * Then the other ways in, in English: the bank's public product page and start form (keyboard
 * only), a lock after wrong codes, a rejected document re-uploaded from its own link (which opens
 * on that field), resubmission, the welcome checklist after funding, and an unknown link.
 */
import { describe, expect, it, onTestFailed } from "vitest";
import { makeTenant } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { shot, tabTo } from "./survey-helpers";
import { cameraJpeg, codeIn, customerApi, expectAxeClean, focusedName, jpegSize, langDir, linkPath, newestSms, smallPdf, staff, tabSession } from "./onboarding-helpers";

const PHONE = "+972501234567";
const PHONE_AE = "+971501234567";

describe.skipIf(!browserAvailable())("the application page /c/{bank}/a/{token} on a 360-px phone", () => {
  const live = useLiveApp();

  it("completes a checking account in Hebrew from the SMS link to submission, then shows the approval", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    const api = await staff(ctx, tenant);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    const heading = (name: string) => page.getByRole("heading", { level: 1, name }).waitFor();
    const step = async (title: string, of: string, where: string) => {
      await heading(title);
      expect(await page.locator("#step-of").textContent()).toContain(of);
      expect(await langDir(page)).toEqual(["he", "rtl"]);
      await expectNoSidewaysScroll(page, 360);
      await expectAxeClean(page, where);
      await shot(page, `apply-he-360-${where}`);
    };
    const saved = (field: string) => page.waitForResponse((r) => r.url().endsWith("/applications/me/answers") && (r.request().postData() ?? "").includes(`"${field}"`) && r.ok());

    // The agent's side: the application, then the link by SMS.
    const created = await api.call<{ id: string; reference: string }>("POST", "/applications", {
      product: "checking",
      customer: { name: "נועה לוי", phone: PHONE, email: "noa@example.test", language: "he" },
      channel: "branch",
    });
    await api.call("POST", `/applications/${created.id}/link`, { via: "sms" });
    const path = linkPath(await newestSms(api, PHONE, /link/));

    // The link: nothing personal before the code; the browser speaks English, the application Hebrew.
    await page.goto(`${baseUrl}${path}`);
    await heading("אימות זהות");
    expect(await langDir(page)).toEqual(["he", "rtl"]);
    expect(await page.locator("body").textContent()).not.toContain("נועה");
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page, "code: choose channel");
    await shot(page, "apply-he-360-code");
    await page.getByRole("radio", { name: /SMS/ }).check();
    await page.getByRole("button", { name: "שליחת קוד" }).click();
    const code = page.getByLabel("קוד בן 6 ספרות");
    await code.waitFor();
    expect(await code.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await code.getAttribute("inputmode")).toBe("numeric");
    const right = codeIn(await newestSms(api, PHONE, /otp/));
    await code.fill(right === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "אישור" }).click();
    await page.getByText(/הקוד שגוי/).waitFor();
    await expectAxeClean(page, "code: wrong code");
    await code.fill(right);
    await page.getByRole("button", { name: "אישור" }).click();

    // About you: the name the agent typed is there already; the help link points at the knowledge base.
    await step("פרטים אישיים", "שלב 1 מתוך 4", "about");
    expect(await page.getByLabel("שם מלא").inputValue()).toBe("נועה לוי");
    expect(await page.getByRole("link", { name: /עזרה/ }).getAttribute("href")).toBe(`/c/${tenant.slug}/help?topic=checking.about`);
    await page.getByLabel("תאריך לידה").fill("1988-04-12");
    const idSaved = saved("nationalId");
    await page.getByLabel("מספר תעודת זהות").fill("12");
    await page.getByLabel("מספר תעודת זהות").press("Tab");
    await page.getByText("יש להזין את מספר הזהות כפי שהוא מופיע בתעודה.").waitFor();
    await page.getByLabel("מספר תעודת זהות").fill("123456782");
    await page.getByLabel("מספר תעודת זהות").press("Tab");
    await idSaved;
    await page.getByRole("status").filter({ hasText: "נשמר" }).waitFor();

    // A reload in the middle resumes at the same step and field, from this tab's session (no new code).
    await page.reload();
    await heading("פרטים אישיים");
    await expect.poll(() => focusedName(page)).toBe("nationalId");
    expect(await page.getByLabel("מספר תעודת זהות").inputValue()).toBe("123456782");
    expect(await page.getByLabel("תאריך לידה").inputValue()).toBe("1988-04-12");
    await page.getByLabel("רחוב ומספר בית").fill("הרצל 12");
    await page.getByLabel("עיר").fill("חיפה");
    await page.getByLabel("מיקוד").fill("3303012");
    await page.getByLabel("מדינה").selectOption("IL");
    await page.getByRole("button", { name: "המשך" }).click();

    // Work: the employer appears with "employed", the deposit step with the deposit box (5 steps then).
    await step("תעסוקה והכנסה", "שלב 2 מתוך 4", "work");
    // Right to left: Back sits at the inline start (right), Continue at the end (left).
    const backBox = await page.getByRole("button", { name: "חזרה" }).boundingBox();
    const nextBox = await page.getByRole("button", { name: "המשך" }).boundingBox();
    expect((backBox?.x ?? 0) > (nextBox?.x ?? 0)).toBe(true);
    await expect(page.getByLabel("מעסיק או עסק").count()).resolves.toBe(0);
    await page.getByRole("radio", { name: "שכיר/ה" }).check();
    await page.getByLabel("מעסיק או עסק").fill("בנק אטריום");
    const income = page.getByLabel(/הכנסה חודשית/);
    expect(await income.getAttribute("inputmode")).toBe("decimal");
    await income.fill("12000");
    await page.getByRole("checkbox", { name: /הפקדה ראשונה/ }).check();
    await expect.poll(() => page.locator("#step-of").textContent()).toContain("שלב 2 מתוך 5");
    await page.getByLabel(/סכום ההפקדה/).fill("100");
    await expectAxeClean(page, "work with conditions shown");
    await page.getByRole("button", { name: "המשך" }).click();

    // Documents: a camera-sized JPEG, downscaled on the phone before upload, and a PDF.
    await step("מסמכים", "שלב 3 מתוך 5", "documents");
    expect(await page.locator("#f-idDocument-cam").getAttribute("capture")).toBe("environment");
    const jpeg = await cameraJpeg(page);
    expect(jpegSize(jpeg)).toEqual({ width: 2600, height: 1800 });
    await page.locator("#f-idDocument-file").setInputFiles({ name: "teudat-zehut.jpg", mimeType: "image/jpeg", buffer: jpeg });
    await page.locator('[data-field="idDocument"] .doc').waitFor();
    const { documents } = await api.call<{ documents: { id: string; fieldId: string }[] }>("GET", `/applications/${created.id}`);
    const photo = documents.find((d) => d.fieldId === "idDocument");
    const stored = await api.bytes(`/applications/${created.id}/documents/${photo?.id}`);
    expect(stored.type).toContain("image/jpeg");
    expect(jpegSize(stored.body), "the photo as the reviewer gets it").toEqual({ width: 2000, height: 1385 });
    await page.locator("#f-proofOfAddress-file").setInputFiles({ name: "bill.pdf", mimeType: "application/pdf", buffer: smallPdf() });
    await page.locator('[data-field="proofOfAddress"] .doc').waitFor();
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page, "documents uploaded");
    await shot(page, "apply-he-360-documents-uploaded");
    await page.getByRole("button", { name: "המשך" }).click();

    // The deposit: Luhn-checked on the phone, a declined test card, then 4242….
    await step("הפקדה ראשונה", "שלב 4 מתוך 5", "deposit");
    expect(await page.getByLabel("מספר כרטיס").getAttribute("autocomplete")).toBe("cc-number");
    await page.getByLabel("מספר כרטיס").fill("4242 4242 4242 4241");
    await page.getByLabel("תוקף (MM/YY)").fill("1230");
    await page.getByLabel("קוד אבטחה (CVC)").fill("123");
    await page.getByLabel("השם על הכרטיס").fill("Noa Levi");
    const pay = page.locator("#next");
    await pay.click();
    await page.getByText("יש לבדוק את מספר הכרטיס.").waitFor();
    await page.getByLabel("מספר כרטיס").fill("4000 0000 0000 0002");
    await pay.click();
    await page.getByText("הכרטיס נדחה. כדאי לנסות כרטיס אחר.").waitFor();
    await expectAxeClean(page, "deposit declined");
    await page.getByLabel("מספר כרטיס").fill("4242 4242 4242 4242");
    await pay.click();

    // Review: every answer by step with Change links; the terms; submit.
    await step("בדיקה ושליחה", "שלב 5 מתוך 5", "review");
    const summary = (await page.locator("main").textContent()) ?? "";
    for (const text of ["נועה לוי", "123456782", "בנק אטריום", "teudat-zehut", "bill.pdf", "4242"]) expect(summary).toContain(text);
    expect(await page.getByRole("button", { name: /שינוי/ }).count()).toBe(4);
    await page.getByRole("button", { name: "שליחת הבקשה" }).click();
    await page.getByText("יש לסמן את התיבה כדי להמשיך.").waitFor();
    await page.getByRole("checkbox", { name: /אני מאשר/ }).check();
    await page.getByRole("button", { name: "שליחת הבקשה" }).click();
    await heading("הבקשה נשלחה");
    expect(await page.locator("main").textContent()).toContain(created.reference);
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page, "submitted");

    // No cookies; the session token only in this tab's sessionStorage.
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => [Object.keys(sessionStorage).filter((k) => k.startsWith("atrium.apply.")).length, localStorage.length])).toEqual([1, 0]);
    const detail = await api.call<{ status: string; payments: { status: string; cardLast4: string }[]; documents: unknown[] }>("GET", `/applications/${created.id}`);
    expect(detail.status).toBe("submitted");
    expect(detail.documents).toHaveLength(2);
    expect(detail.payments.filter((p) => p.status === "approved").map((p) => p.cardLast4)).toEqual(["4242"]);

    // The reviewer approves, which ends the customer's sessions: the same link asks for a new code,
    // then shows the approval.
    await api.call("POST", `/applications/${created.id}/decision`, { decision: "approve" });
    await page.reload();
    await heading("אימות זהות");
    ctx.clock.advance(31_000); // past the resend cooldown of the first code
    await page.getByRole("button", { name: "שליחת קוד" }).click();
    await page.getByLabel("קוד בן 6 ספרות").waitFor(); // the code is in the outbox once the page asks for it
    await page.getByLabel("קוד בן 6 ספרות").fill(codeIn(await newestSms(api, PHONE, /otp/)));
    await page.getByRole("button", { name: "אישור" }).click();
    await heading("הבקשה שלך אושרה");
    expect(await page.locator("main").textContent()).toContain(created.reference);
    await expectAxeClean(page, "approved");
    expect(problems.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it("starts from the product page, re-uploads a rejected document from its link, and ticks the welcome checklist", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    const api = await staff(ctx, tenant);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    const heading = (name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();
    const enterCode = async () => {
      await page.getByLabel("6-digit code").waitFor();
      await page.getByLabel("6-digit code").fill(codeIn(await newestSms(api, PHONE_AE, /otp/)));
      await page.getByRole("button", { name: "Confirm" }).click();
    };

    // A link that does not exist gets its own screen.
    await page.goto(`${baseUrl}/c/${tenant.slug}/a/not-a-real-link?lang=en`);
    await heading("We can't open this link");

    // The product page and the start form, by keyboard only.
    await page.goto(`${baseUrl}/c/${tenant.slug}/apply?lang=ar`);
    await heading(/^قدّم طلبك لدى /);
    expect(await langDir(page)).toEqual(["ar", "rtl"]);
    await expectNoSidewaysScroll(page, 360);
    await page.getByLabel("اللغة").selectOption("en");
    await heading(/^Apply with /);
    expect(await langDir(page)).toEqual(["en", "ltr"]);
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page, "products");
    await tabTo(page, 'a[href*="/apply/checking"]');
    await page.keyboard.press("Enter");
    await heading("Start: Checking account");
    await expectAxeClean(page, "start form");
    await tabTo(page, "#name");
    await page.keyboard.type("Omar Haddad");
    await tabTo(page, "#phone");
    await page.keyboard.type(PHONE_AE);
    await tabTo(page, "#start");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/a\/[\w-]+\?lang=en$/);
    await heading("Confirm it's you");
    await tabTo(page, "#send");
    await page.keyboard.press("Enter");
    await page.getByLabel("6-digit code").waitFor();

    // Wrong codes until the lock; after the lock time a new code works.
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("6-digit code").fill(i % 2 ? "000000" : "999999");
      await page.getByRole("button", { name: "Confirm" }).click();
      if (i < 4) await page.getByText(/That code is not right/).waitFor();
    }
    await heading("Too many attempts");
    expect(await page.locator("main").textContent()).toContain("15 minutes");
    ctx.clock.advance(16 * 60_000);
    await page.reload();
    await page.getByRole("button", { name: "Send me a code" }).click();
    await enterCode();
    await heading("About you");
    expect(await page.getByLabel("Full name").inputValue()).toBe("Omar Haddad");
    // Switching the language redraws the step and becomes the application's language.
    const languageSaved = page.waitForResponse((r) => r.url().endsWith("/applications/me/answers") && (r.request().postData() ?? "").includes("zh-Hant") && r.ok());
    await page.getByLabel("Language").selectOption("zh-Hant");
    await heading("個人資料");
    expect(await page.getByLabel("姓名").inputValue()).toBe("Omar Haddad");
    await languageSaved;
    const afterSwitch = await tabSession(page);
    expect((await api.call<{ language: string }>("GET", `/applications/${afterSwitch?.applicationId}`)).language).toBe("zh-Hant");
    await page.getByLabel("語言").selectOption("en");
    await heading("About you");

    // Idle for longer than the session allows: the next save says the session ended; a new code
    // brings the customer back to the same step.
    ctx.clock.advance(31 * 60_000);
    await page.getByLabel("Email").fill("omar@example.test");
    await page.getByLabel("Email").press("Tab");
    await heading("Your session has ended");
    await expectAxeClean(page, "session ended");
    await page.getByRole("button", { name: "Get a new code" }).click();
    await page.getByRole("button", { name: "Send me a code" }).click();
    await enterCode();
    await heading("About you");

    // The rest through the customer's API with this tab's session, then submit.
    const kept = await tabSession(page);
    if (!kept) throw new Error("no session kept in sessionStorage");
    const me = customerApi(ctx, kept.sessionToken);
    const save = (answers: Record<string, unknown>, step: string) => me("PATCH", "/applications/me/answers", { answers, at: { step } });
    await save({ email: "omar@example.test", dateOfBirth: "1990-02-03", nationalId: "784199012345", address: { line1: "1 Corniche Rd", city: "Abu Dhabi", postcode: "", country: "AE" } }, "about");
    await me("POST", "/applications/me/steps/about/complete");
    await save({ employment: "student", monthlyIncome: "3000", wantsDeposit: false }, "work");
    await me("POST", "/applications/me/steps/work/complete");
    const photo = await cameraJpeg(page, 800, 500);
    const first = await me<{ id: string }>("POST", "/applications/me/documents?field=idDocument", undefined, { type: "image/jpeg", name: "id.jpg", bytes: photo });
    await me("POST", "/applications/me/documents?field=proofOfAddress", undefined, { type: "application/pdf", name: "bill.pdf", bytes: smallPdf() });
    await me("POST", "/applications/me/steps/documents/complete");
    await save({ terms: true }, "review");
    await me("POST", "/applications/me/steps/review/complete");
    await me("POST", "/applications/me/submit");

    // The reviewer rejects the ID photo: the customer's SMS link opens straight on that document.
    await api.call("POST", `/applications/${kept.applicationId}/documents/${first.id}/reject`, { reason: "The photo is blurred" });
    await page.goto(`${baseUrl}${linkPath(await newestSms(api, PHONE_AE, /reject|document/))}?lang=en`);
    await page.getByRole("button", { name: "Send me a code" }).click();
    await enterCode();
    await heading("Your documents");
    await page.getByText("Not accepted: The photo is blurred").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("reupload") ?? false)).toBe(true);
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page, "re-upload");
    await page.locator("#f-idDocument-file").setInputFiles({ name: "id-sharp.jpg", mimeType: "image/jpeg", buffer: await cameraJpeg(page, 900, 600) });
    await page.locator(".doc-name", { hasText: "id-sharp.jpg" }).waitFor();
    await expect(page.getByText("Not accepted: The photo is blurred").count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Continue" }).click();
    await heading("Check and submit");
    expect(await page.getByRole("checkbox", { name: /I confirm/ }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Send application" }).click();
    await heading("Application sent");

    // Approved and opened: the welcome link shows the checklist, and ticks are kept.
    await api.call("POST", `/applications/${kept.applicationId}/decision`, { decision: "approve" });
    await api.call("POST", `/applications/${kept.applicationId}/funded`, { accountNumber: "12-345-678901" });
    ctx.clock.advance(31_000);
    await page.goto(`${baseUrl}${linkPath(await newestSms(api, PHONE_AE, /welcome|funded/))}?lang=en`);
    await page.getByRole("button", { name: "Send me a code" }).click();
    await enterCode();
    await heading(/^Welcome to /);
    expect(await page.getByText("0 of 4 done").count()).toBe(1);
    await page.getByRole("checkbox", { name: "Activate your debit card" }).check();
    await page.getByText("1 of 4 done").waitFor();
    await expectAxeClean(page, "welcome checklist");
    const detail = await api.call<{ status: string; welcome: { id: string; doneAt: string | null }[] }>("GET", `/applications/${kept.applicationId}`);
    expect(detail.status).toBe("funded");
    expect(detail.welcome.find((w) => w.id === "activate_card")?.doneAt).not.toBeNull();
    expect(await langDir(page)).toEqual(["en", "ltr"]);
    await page.getByLabel("Language").selectOption("zh-Hant");
    await heading(/^歡迎來到/);
    await page.getByText("已完成 1/4").waitFor();
    expect(await context.cookies()).toEqual([]);
  });
});
