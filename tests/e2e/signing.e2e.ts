/**
 * Signing on a 360×740 phone in Arabic: staff send the loan contract (a built-in template) through
 * the API; the applicant opens the SMS link /c/{bank}/sign#{token}, accepts the electronic-records
 * consent, confirms the one-time code from the outbox (a wrong one first), reads the contract (right
 * to left, larger text), is refused a blank pad, draws a signature with pointer moves and
 * signs. The envelope completes, its sealed PDF verifies intact with the trail inside (the check
 * page shows it); the request's link then says "already signed" and the completion SMS's link opens the signed
 * copies: a one-time code, then the sealed PDF downloads and verifies. No sideways scroll, no serious axe
 * findings. Also: an uploaded PDF drawn by pdf.js with a typed signature (Hebrew), the flow's
 * signature step, and a decline.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, it, onTestFailed } from "vitest";
import { seedSigningFlows } from "../../seeds/signing";
import { publishedFlow } from "../../src/modules/onboarding/flows";
import { CHECKING_ANSWERS } from "../../src/modules/onboarding/review.testkit";
import { shortHash } from "../../web/customer/src/sign/logic";
import { apiKeyHeaders, makeTenant } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { codeIn, expectAxeClean, langDir, linkPath, newestSms, smallPdf, staff } from "./onboarding-helpers";
import { drawSignature, type Envelope } from "./signing-helpers";
import { shot } from "./ui-helpers";

const PHONE = "+971501234569";
const NAME = "ليلى حمدان";

describe.skipIf(!browserAvailable())("signing on a 360-px phone in Arabic", () => {
  const live = useLiveApp();

  it("consents, confirms the code, reads, signs; the sealed PDF verifies, and the completion SMS's link downloads the signed copy after a code", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    const api = await staff(ctx, tenant);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    let current = page;
    onTestFailed(async ({ task }) => console.error(await describeFailure(current, task.name, problems)));

    const app = await api.call<{ id: string }>("POST", "/applications", { product: "personal_loan", customer: { name: NAME, phone: PHONE, language: "ar" }, channel: "branch" });
    const sent = await api.call<Envelope>("POST", `/applications/${app.id}/envelopes`, {
      documents: ["builtin-loan_contract"],
      signers: [{ role: "applicant", name: NAME, phone: PHONE, language: "ar" }],
      routing: "sequential",
    });
    const sms = await newestSms(api, PHONE, /^signing\.request/);
    const link = /\/c\/[^/\s]+\/sign#[\w-]+/.exec(sms.bodyText)?.[0];
    if (!link) throw new Error(`no signing link in the SMS: ${sms.bodyText}`);

    // Welcome: the bank, the signer, the document; the token leaves the address at once.
    const opened = await page.goto(`${baseUrl}${link}`);
    expect(opened?.headers()["content-security-policy"]).toContain("script-src 'self';");
    await page.getByRole("heading", { level: 1, name: "مستندات للتوقيع" }).waitFor();
    expect(await langDir(page)).toEqual(["ar", "rtl"]);
    expect(new URL(page.url()).hash).toBe("");
    expect(await page.locator("header .bank").textContent()).toBe(tenant.name);
    await expect(page.locator("main").textContent()).resolves.toContain(NAME);
    await expectNoSidewaysScroll(page, 360);
    await shot(page, "signing-ar-360-welcome");
    await page.getByRole("button", { name: "ابدأ" }).click();

    // Consent: nothing goes on until the box is ticked.
    const agree = page.getByLabel("قرأت هذا وأوافق على استلام هذه المستندات وتوقيعها إلكترونيًا.");
    await agree.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("sign-title");
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page, "signing: consent");
    await shot(page, "signing-ar-360-consent");
    await page.getByRole("button", { name: "متابعة" }).click();
    await page.getByText("ضع علامة في المربع للموافقة قبل المتابعة.").waitFor();
    await agree.check();
    await page.getByRole("button", { name: "متابعة" }).click();

    // The one-time code before the documents open (they hold personal data): a wrong one says how
    // many attempts are left, the right one goes on.
    await page.getByRole("heading", { level: 1, name: "أكّد هويتك" }).waitFor();
    await page.getByRole("button", { name: "أرسل الرمز" }).click();
    const codeBox = page.getByLabel("رمز من 6 أرقام");
    await codeBox.waitFor();
    expect(await codeBox.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await codeBox.getAttribute("inputmode")).toBe("numeric");
    const code = codeIn(await newestSms(api, PHONE, /^signing\.otp/));
    await codeBox.fill(code === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "تأكيد" }).click();
    await page.getByText(/هذا الرمز غير صحيح\. المحاولات المتبقية: \d+\./).waitFor();
    await codeBox.fill(code);
    await page.getByRole("button", { name: "تأكيد" }).click();

    // Read: the contract as text, right to left, larger on request; downloadable as the PDF.
    await page.getByRole("heading", { level: 1, name: "اقرأ المستند" }).waitFor();
    const body = page.locator("#doc-body");
    expect(await body.getAttribute("dir")).toBe("rtl");
    expect(((await body.textContent()) ?? "").length).toBeGreaterThan(200);
    const before = await body.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    await page.getByRole("button", { name: "تكبير النص" }).click();
    expect(await body.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(before);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "تنزيل ملف PDF" }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await expectNoSidewaysScroll(page, 360);
    await shot(page, "signing-ar-360-read");
    await page.getByRole("button", { name: "قرأته، متابعة" }).click();

    // Sign: a blank pad is refused here; a drawn signature goes through.
    await page.getByRole("heading", { level: 1, name: "التوقيع" }).waitFor();
    expect(await page.getByRole("tab", { name: "رسم" }).getAttribute("aria-selected")).toBe("true");
    const pad = await page.locator("#sign-pad").evaluate((c: HTMLCanvasElement) => ({ width: c.width, css: c.getBoundingClientRect().width, ratio: devicePixelRatio }));
    expect(pad.width).toBe(Math.floor(pad.css * pad.ratio));
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page, "signing: sign");
    const signRequests: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/public/signing/sign")) signRequests.push(r.method());
    });
    await page.getByRole("button", { name: "توقيع", exact: true }).click();
    await page.getByText("المربع فارغ. ارسم توقيعك أولًا.").waitFor();
    expect(signRequests).toEqual([]);
    await drawSignature(page);
    await shot(page, "signing-ar-360-sign");
    await page.getByRole("button", { name: "توقيع", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "تم التوقيع" }).waitFor();
    expect(await page.locator("#sign-done").textContent()).toBe("شكرًا لك. وقّع الجميع، وستصلك المستندات الموقّعة.");
    await shot(page, "signing-ar-360-done");
    // The one expected console line: the browser's own log of the wrong code's 401.
    expect(problems.errors.filter((e) => !/401 .*\/public\/signing\/otp\/verify/.test(e))).toEqual([]);

    // The envelope completed and was sealed; its signed PDF verifies intact with the trail in it.
    let envelope = await api.call<Envelope>("GET", `/envelopes/${sent.id}`);
    for (let i = 0; i < 100 && envelope.sealStatus !== "sealed" && envelope.sealStatus !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 200));
      envelope = await api.call<Envelope>("GET", `/envelopes/${sent.id}`);
    }
    expect(envelope).toMatchObject({ status: "completed", sealStatus: "sealed", sealError: null });
    expect(envelope.signers[0]).toMatchObject({ status: "signed", authMethod: "otp_sms" });
    const docId = envelope.documents[0]?.id as string;
    const signed = await api.bytes(`/envelopes/${sent.id}/documents/${docId}?version=signed`);
    expect(signed.type).toContain("application/pdf");
    const res = await ctx.app.request("/api/v1/signing/verify", { method: "POST", headers: { "content-type": "application/pdf" }, body: new Uint8Array(signed.body) });
    const verdict = (await res.json()) as { sealed: boolean; intact: boolean; coversWholeDocument: boolean; auditTrail: { action: string }[] };
    expect(verdict).toMatchObject({ sealed: true, intact: true, coversWholeDocument: true });
    expect(verdict.auditTrail.map((e) => e.action)).toEqual(expect.arrayContaining(["consented", "authenticated", "signed"]));

    // The bank's check page shows the seal holding and the trail sealed inside, in Arabic.
    const check = await context.newPage();
    current = check;
    await check.goto(`${baseUrl}/c/${tenant.slug}/verify?lang=ar`);
    await check.getByLabel("اختر ملف PDF").setInputFiles({ name: "signed.pdf", mimeType: "application/pdf", buffer: signed.body });
    await check.locator(".trail").waitFor();
    expect(await check.locator(".result").getAttribute("data-verdict")).toBe("ok");
    const signedEvent = check.locator('.trail-event[data-action="signed"]');
    expect(await signedEvent.textContent()).toContain("تم التوقيع");
    expect(await signedEvent.textContent()).toContain(NAME);
    expect(await check.locator('.trail-event[data-action="authenticated"]').count()).toBe(1);
    await expectNoSidewaysScroll(check, 360);
    await expectAxeClean(check, "verify: signed document with its trail");
    await shot(check, "signing-ar-360-verify-trail");
    await check.close();

    // The request's link was replaced by a copy link when the documents were sealed: opened again,
    // it says "already signed" and where the copy comes from, naming the bank.
    const again = await context.newPage();
    current = again;
    // The signer's language is remembered on this device: the used link cannot tell it.
    await again.goto(`${baseUrl}${link}`);
    await again.getByRole("heading", { level: 1, name: "تم التوقيع مسبقًا" }).waitFor();
    await again.locator('[data-fatal="used"]', { hasText: tenant.name }).waitFor();
    expect(await langDir(again)).toEqual(["ar", "rtl"]);
    await expectNoSidewaysScroll(again, 360);
    await again.close();

    // The completion SMS carries the link to the signed copies: the same page shows "your signed
    // documents", asks a one-time code, then downloads the sealed PDF, which verifies intact.
    const copyLink = /\/c\/[^/\s]+\/sign#[\w-]+/.exec((await newestSms(api, PHONE, /^signing\.completed/)).bodyText)?.[0];
    if (!copyLink) throw new Error("no link in the completion SMS");
    expect(copyLink).not.toBe(link);
    // The signer opens it later than the signing code's resend pause.
    ctx.clock.advance(60_000);
    const mine = await context.newPage();
    current = mine;
    const copyProblems = watchProblems(mine);
    await mine.goto(`${baseUrl}${copyLink}`);
    await mine.getByRole("heading", { level: 1, name: "مستنداتك الموقّعة" }).waitFor();
    expect(await mine.evaluate(() => document.activeElement?.id)).toBe("sign-title");
    expect(await langDir(mine)).toEqual(["ar", "rtl"]);
    expect(new URL(mine.url()).hash).toBe("");
    expect(await mine.locator("header .bank").textContent()).toBe(tenant.name);
    expect(await mine.locator(".sign-docs li").count()).toBe(1);
    expect(await mine.locator("#copy-until").textContent()).toMatch(/\d/);
    // Nothing downloads before the code.
    expect(await mine.locator(".copy-download").count()).toBe(0);
    await expectNoSidewaysScroll(mine, 360);
    await expectAxeClean(mine, "signing: signed copies, before the code");
    await shot(mine, "signing-ar-360-copy-code");
    await mine.getByRole("button", { name: "أرسل الرمز" }).click();
    const copyCodeBox = mine.getByLabel("رمز من 6 أرقام");
    await copyCodeBox.waitFor();
    await copyCodeBox.fill(codeIn(await newestSms(api, PHONE, /^signing\.otp/)));
    await mine.getByRole("button", { name: "تأكيد" }).click();

    const get = mine.getByRole("button", { name: "تنزيل ملف PDF الموقّع" });
    await get.waitFor();
    expect(await mine.locator(".signing").getAttribute("data-authenticated")).toBe("true");
    const sha = envelope.documents[0]?.signedSha256 as string;
    expect(await mine.locator(".copy-hash-value").textContent()).toBe(shortHash(sha));
    expect(await mine.locator("#copy-check").getAttribute("href")).toBe(`/c/${tenant.slug}/verify?lang=ar`);
    await expectNoSidewaysScroll(mine, 360);
    await expectAxeClean(mine, "signing: signed copies, download");
    await shot(mine, "signing-ar-360-copy-download");
    const saved = mine.waitForEvent("download");
    await get.click();
    const file = await saved;
    expect(file.suggestedFilename()).toMatch(/ - موقّع\.pdf$/);
    const copy = await readFile(await file.path());
    expect(createHash("sha256").update(copy).digest("hex")).toBe(sha);
    const copyVerdict = await ctx.app.request("/api/v1/signing/verify", { method: "POST", headers: { "content-type": "application/pdf" }, body: new Uint8Array(copy) });
    expect(await copyVerdict.json()).toMatchObject({ sealed: true, intact: true, coversWholeDocument: true });
    // The one expected console line: the browser's own log of the signing call's 410 (the link is a copy's).
    expect(copyProblems.errors.filter((e) => !/410 .*\/public\/signing\)$/.test(e))).toEqual([]);
    // The confirmation lasts 30 minutes: later, a download asks the code again (said in the live region).
    ctx.clock.advance(31 * 60_000);
    await get.click();
    await mine.getByText("انتهت مدة التأكيد. أكّد هويتك مرة أخرى للتنزيل.").waitFor();
    expect(await mine.locator(".signing").getAttribute("data-authenticated")).toBe("false");
    expect(await mine.locator("#copy-note").getAttribute("role")).toBe("status");
    await mine.getByRole("button", { name: "أرسل الرمز" }).waitFor();
    // The download is in the envelope's trail.
    const trail = await api.call<{ chainOk: boolean; events: { action: string }[] }>("GET", `/envelopes/${sent.id}/audit-trail?format=json`);
    expect(trail.chainOk).toBe(true);
    expect(trail.events.map((e) => e.action)).toEqual(expect.arrayContaining(["copy_otp_sent", "copy_authenticated", "copy_downloaded"]));

    // After 30 days the copy link has expired, and says so (the token stays in this tab for a reload).
    ctx.clock.advance(30 * 24 * 3_600_000);
    await mine.reload();
    await mine.getByRole("heading", { level: 1, name: "انتهت صلاحية هذا الرابط" }).waitFor();
    expect(await mine.locator("[data-fatal]").getAttribute("data-fatal")).toBe("copyExpired");
    expect(await mine.evaluate(() => document.activeElement?.id)).toBe("sign-title");
    await expectNoSidewaysScroll(mine, 360);
    await context.close();
  });

  it("shows an uploaded PDF's pages with pdf.js (its worker from this origin), takes a typed signature and a required box, in Hebrew", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    const api = await staff(ctx, tenant);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    const phone = "+972501234561";
    const name = "נועה לוי";

    const res = await ctx.app.request("/api/v1/signing/templates?name=Fee%20schedule&language=he&product=personal_loan", {
      method: "POST",
      headers: { ...(await apiKeyHeaders(ctx, tenant)), "content-type": "application/pdf" },
      body: new Uint8Array(smallPdf("Fee schedule: 12 ILS a month")),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const template = (await res.json()) as { key: string };
    await api.call("PUT", `/signing/templates/${template.key}`, {
      fields: [
        { id: "sig", kind: "signature", role: "applicant", page: 0, x: 72, y: 600, width: 200, height: 50, required: true },
        { id: "fees", kind: "checkbox", role: "applicant", page: 0, x: 72, y: 540, width: 14, height: 14, required: true, label: { en: "I accept the fees", he: "אני מסכים/ה לעמלות" } },
      ],
      status: "active",
    });
    const app = await api.call<{ id: string }>("POST", "/applications", { product: "personal_loan", customer: { name, phone, language: "he" }, channel: "branch" });
    await api.call("POST", `/applications/${app.id}/envelopes`, { documents: [template.key], signers: [{ role: "applicant", name, phone, language: "he" }] });
    const link = /\/c\/[^/\s]+\/sign#[\w-]+/.exec((await newestSms(api, phone, /^signing\.request/)).bodyText)?.[0] as string;

    const loaded: string[] = [];
    page.on("response", (r) => loaded.push(`${r.status()} ${new URL(r.url()).pathname}`));
    await page.goto(`${baseUrl}${link}`);
    await page.getByRole("button", { name: "התחלה" }).click();
    await page.getByLabel("קראתי ואני מסכים/ה לקבל את המסמכים האלה ולחתום עליהם באופן אלקטרוני.").check();
    await page.getByRole("button", { name: "המשך" }).click();
    await page.getByRole("button", { name: "שליחת הקוד" }).click();
    // The code box shows once the code is sent: only then is it in the outbox.
    await page.getByLabel("קוד בן 6 ספרות").waitFor();
    await page.getByLabel("קוד בן 6 ספרות").fill(codeIn(await newestSms(api, phone, /^signing\.otp/)));
    await page.getByRole("button", { name: "אישור" }).click();

    // The pages, drawn by pdf.js from its own chunk and a worker of this origin, fitted to the screen.
    await page.getByRole("img", { name: "עמוד 1 מתוך 1" }).waitFor();
    const canvas = await page.locator("canvas.pdf-page").evaluate((c: HTMLCanvasElement) => {
      const g = c.getContext("2d") as CanvasRenderingContext2D;
      const data = g.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] as number) < 128) ink++;
      return { css: c.getBoundingClientRect().width, ink };
    });
    expect(canvas.ink).toBeGreaterThan(50);
    expect(canvas.css).toBeLessThanOrEqual(360);
    expect(loaded.some((l) => /^200 \/c\/assets\/pdf\.worker[^/]*\.mjs$/.test(l)), loaded.join("\n")).toBe(true);
    await expectNoSidewaysScroll(page, 360);
    await page.getByRole("button", { name: "קראתי, אפשר להמשיך" }).click();

    // Typed: the name is there already; the required box must be ticked first.
    await page.getByRole("tab", { name: "הקלדה" }).click();
    expect(await page.getByLabel("השם שלך כחתימה").inputValue()).toBe(name);
    await page.getByRole("button", { name: "חתימה", exact: true }).click();
    await page.getByText("יש לסמן את התיבה הזו כדי לחתום.").waitFor();
    await page.getByLabel("אני מסכים/ה לעמלות").check();
    await page.getByRole("button", { name: "חתימה", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "נחתם" }).waitFor();
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("signs inside the flow's signature step; Continue opens once signed and leads to the review", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    await seedSigningFlows(ctx.deps, tenant.id, ["checking"]);
    const api = await staff(ctx, tenant);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    const phone = "+972501234562";

    // Everything before the signature step is done: the customer lands on it.
    const flow = await publishedFlow(ctx.deps.db, tenant.id, "checking", ctx.deps.clock.now());
    const before = flow.definition.steps.slice(0, flow.definition.steps.findIndex((s) => s.kind === "signature")).map((s) => s.id);
    const created = await api.call<{ id: string }>("POST", "/applications", { product: "checking", customer: { name: "Dana Levi", phone, language: "en" }, channel: "branch" });
    await ctx.deps.db
      .updateTable("applications")
      .set({ answers: JSON.stringify({ ...CHECKING_ANSWERS, phone }), completed_steps: JSON.stringify(before), current_step: "sign", status: "in_progress" })
      .where("tenant_id", "=", tenant.id)
      .where("id", "=", created.id)
      .execute();
    await api.call("POST", `/applications/${created.id}/link`, { via: "sms" });
    await page.goto(`${baseUrl}${linkPath(await newestSms(api, phone, /link/))}`);
    await page.getByRole("button", { name: "Send me a code" }).click();
    await page.getByLabel("6-digit code").waitFor();
    await page.getByLabel("6-digit code").fill(codeIn(await newestSms(api, phone, /^onboarding\.otp/)));
    await page.getByRole("button", { name: "Confirm" }).click();

    // The step: its title is the page's h1, the signing screens are h2 inside it; Continue waits.
    await page.getByRole("heading", { level: 1, name: "Sign your agreement" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Documents to sign" }).waitFor();
    expect(await page.locator("#next").isDisabled()).toBe(true);
    await expectNoSidewaysScroll(page, 360);
    await page.getByRole("button", { name: "Start" }).click();
    await page.getByLabel("I have read this and I agree to receive and sign these documents electronically.").check();
    await page.locator("#consent-continue").click();
    await page.getByRole("button", { name: "Send the code" }).click();
    await page.getByLabel("6-digit code").waitFor();
    await page.getByLabel("6-digit code").fill(codeIn(await newestSms(api, phone, /^signing\.otp/)));
    // Enter in the code box confirms the code; it does not submit the step around it.
    await page.getByLabel("6-digit code").press("Enter");
    await page.getByRole("heading", { level: 2, name: "Read the document" }).waitFor();
    await page.getByRole("button", { name: "I have read it, continue" }).click();
    await page.getByRole("heading", { level: 2, name: "Sign" }).waitFor();
    await drawSignature(page);
    await page.getByRole("button", { name: "Sign", exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Signed" }).waitFor();
    await page.getByText("You have signed. Select Continue.").waitFor();
    expect(await page.locator("#next").isDisabled()).toBe(false);
    await page.locator("#next").click();
    await page.getByRole("button", { name: "Send application" }).waitFor();
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("takes a decline with its reason; the other signer's link then says the request is closed", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    const api = await staff(ctx, tenant);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    const first = { role: "applicant", name: "Dana Levi", phone: "+972501234563", language: "en" };
    const second = { role: "guarantor", name: "Gus Guarantor", phone: "+972501234564", language: "en" };
    const app = await api.call<{ id: string }>("POST", "/applications", { product: "personal_loan", customer: { name: first.name, phone: first.phone, language: "en" }, channel: "branch" });
    const sent = await api.call<Envelope>("POST", `/applications/${app.id}/envelopes`, { documents: ["builtin-loan_contract"], signers: [first, second], routing: "parallel" });
    const link = /\/c\/[^/\s]+\/sign#[\w-]+/.exec((await newestSms(api, second.phone, /^signing\.request/)).bodyText)?.[0] as string;

    await page.goto(`${baseUrl}${link}`);
    await page.getByRole("heading", { level: 1, name: "Documents to sign" }).waitFor();
    // Decline: a reason is required; then the envelope closes for everyone.
    await page.getByRole("button", { name: "Decline to sign" }).click();
    await page.getByRole("heading", { level: 1, name: "Decline to sign" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("sign-title");
    await page.getByRole("button", { name: "Decline", exact: true }).click();
    await page.getByText("Please give a reason.").waitFor();
    await page.getByLabel("Your reason").fill("I am not the guarantor of this loan");
    await page.getByRole("button", { name: "Decline", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "You declined to sign" }).waitFor();
    const envelope = await api.call<Envelope & { closeReason: string | null }>("GET", `/envelopes/${sent.id}`);
    expect(envelope).toMatchObject({ status: "declined", closeReason: "I am not the guarantor of this loan" });

    // The other signer's link now says the request is closed.
    const other = /\/c\/[^/\s]+\/sign#[\w-]+/.exec((await newestSms(api, first.phone, /^signing\.request/)).bodyText)?.[0] as string;
    const again = await context.newPage();
    await again.goto(`${baseUrl}${other}`);
    await again.getByRole("heading", { level: 1, name: "This request is closed" }).waitFor();
    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
