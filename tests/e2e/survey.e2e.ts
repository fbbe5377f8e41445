import { describe, expect, it, onTestFailed } from "vitest";
import { json, makeTenant } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { ALL_TYPES_SURVEY, expectAccessible, LOOP_SURVEY, pointX, publishSurvey, shot, tabTo } from "./survey-helpers";

/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

interface ResponseDetail {
  status: string;
  language: string;
  channel: string;
  hidden: Record<string, string>;
  ending: { id: string } | null;
  answers: { key: string; value: unknown; timingMs: number | null }[];
}

describe.skipIf(!browserAvailable())("the respondent page /c/{bank}/s/{surveyId} on a 360-px phone", () => {
  const live = useLiveApp();

  it("answers a looped survey with NPS and display logic, resumes after a reload, sets no cookie, and completes", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    const { id, headers } = await publishSurvey(ctx, tenant, LOOP_SURVEY);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    let responseId = "";
    page.on("response", async (res) => {
      if (res.request().method() === "POST" && res.url().endsWith(`/public/surveys/${id}/responses`) && res.status() === 201) responseId = ((await res.json()) as { id: string }).id;
    });
    const question = (key: string) => page.locator(`.q[data-key="${key}"]`);
    const saved = (key: string) => page.waitForResponse((r) => r.url().includes("/answers") && (r.request().postData() ?? "").includes(`"${key}"`) && r.ok());

    await page.goto(`${baseUrl}/c/${tenant.slug}/s/${id}?lang=ar&ch=qr&source=e2e`);
    await page.getByRole("heading", { level: 1, name: "زيارتك" }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["ar", "rtl"]);
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "services");
    await shot(page, "survey-ar-360-services");

    // Page 1 by keyboard only: tick two services, then Next.
    await tabTo(page, 'input[value="app"]');
    await page.keyboard.press("Space");
    await tabTo(page, 'input[value="call"]');
    await page.keyboard.press("Space");
    await tabTo(page, "#next");
    await page.keyboard.press("Enter");

    // The loop: one page per picked service, its name piped into both questions.
    await page.getByText("ما مدى رضاك عن التطبيق؟").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("title");
    await expect(page.getByLabel("ما الذي يمكن تحسينه في التطبيق؟").count()).resolves.toBe(1);
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "loop: app");
    await shot(page, "survey-ar-360-loop-app");
    await question("sat#app").getByRole("radio", { name: "4" }).check();
    await page.getByLabel("ما الذي يمكن تحسينه في التطبيق؟").fill("تطبيق أسرع");
    await page.getByRole("button", { name: "التالي" }).click();

    await page.getByText("ما مدى رضاك عن مركز الاتصال؟").waitFor();
    await expectAccessible(page, "loop: call centre");
    const satSaved = saved("sat#call");
    await question("sat#call").getByRole("radio", { name: "2" }).check();
    await satSaved;
    const betterSaved = saved("better#call");
    await page.getByLabel("ما الذي يمكن تحسينه في مركز الاتصال؟").fill("وقت انتظار أقصر");
    await betterSaved;

    // A reload mid-way comes back to the same page with its answers, from localStorage, not cookies.
    await page.reload();
    await page.getByText("ما مدى رضاك عن مركز الاتصال؟").waitFor();
    expect(await question("sat#call").getByRole("radio", { name: "2" }).isChecked()).toBe(true);
    expect(await page.getByLabel("ما الذي يمكن تحسينه في مركز الاتصال؟").inputValue()).toBe("وقت انتظار أقصر");
    expect(await page.evaluate((key) => localStorage.getItem(key) !== null, `atrium.survey.${id}`)).toBe(true);
    expect(await context.cookies()).toEqual([]);
    await page.getByRole("button", { name: "التالي" }).click();

    // NPS reads right to left: 0 on the right of 10, end labels with it; no sideways scroll.
    await page.getByText("ما مدى احتمال أن توصي بنا لصديق؟").waitFor();
    expect(await pointX(page, "nps", 0)).toBeGreaterThan(await pointX(page, "nps", 10));
    expect(await pointX(page, "nps", 0)).toBeGreaterThan(await pointX(page, "nps", 5));
    const ends = page.locator('.q[data-key="nps"] .ends span');
    expect((await ends.first().boundingBox())?.x ?? 0).toBeGreaterThan((await ends.last().boundingBox())?.x ?? 0);
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "nps");
    await shot(page, "survey-ar-360-nps");
    // A required question left empty is refused on the page, announced, and nothing moves on.
    await page.locator("#next").click();
    await page.getByRole("alert").filter({ hasText: "بعض الإجابات تحتاج إلى انتباهك." }).waitFor();
    expect(await question("nps").locator("input").first().getAttribute("aria-invalid")).toBe("true");
    await question("nps").getByRole("radio", { name: "9" }).check();
    // Back shows the previous loop page with its answers; Next returns here with the NPS kept.
    await page.getByRole("button", { name: "السابق" }).click();
    expect(await question("sat#call").getByRole("radio", { name: "2" }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "التالي" }).click();
    expect(await question("nps").getByRole("radio", { name: "9" }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "التالي" }).click();

    // Display logic: a promoter is asked what they like, not what to fix.
    await page.getByLabel("ما أكثر ما يعجبك؟").fill("الخدمة السريعة");
    expect(await page.getByText("ما الذي يجب أن نصلحه أولًا؟").count()).toBe(0);
    await expectAccessible(page, "follow-up");
    await page.getByRole("button", { name: "إرسال" }).click();

    await page.getByRole("heading", { level: 1, name: "شكرًا لك!" }).waitFor();
    await page.getByText("إجاباتك تساعدنا على التحسين.").waitFor();
    await expectAccessible(page, "ending");
    await shot(page, "survey-ar-360-ending");
    expect(await page.evaluate((key) => localStorage.getItem(key), `atrium.survey.${id}`)).toBeNull();
    expect(await context.cookies()).toEqual([]);
    expect(problems.errors).toEqual([]);
    await context.close();

    // The response, read back through the API: completed, with exactly the answers given.
    expect(responseId).not.toBe("");
    const res = await ctx.app.request(`/api/v1/responses/${responseId}`, { headers });
    expect(res.status).toBe(200);
    const detail = (await res.json()) as ResponseDetail;
    expect([detail.status, detail.language, detail.channel, detail.ending?.id]).toEqual(["completed", "ar", "qr", "thanks"]);
    expect(detail.hidden).toEqual({ source: "e2e" });
    const answers = Object.fromEntries(detail.answers.map((a) => [a.key, a.value]));
    expect(answers).toEqual({
      services: ["app", "call"],
      "sat#app": 4,
      "better#app": "تطبيق أسرع",
      "sat#call": 2,
      "better#call": "وقت انتظار أقصر",
      nps: 9,
      love: "الخدمة السريعة",
    });
    // Time spent was recorded per question.
    expect(detail.answers.find((a) => a.key === "nps")?.timingMs ?? 0).toBeGreaterThan(0);
  });

  it("shows every question type in Hebrew at 360 px: accessible, no sideways scroll, ranking by keyboard, stacked matrix, checks, upload", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    const { id, headers } = await publishSurvey(ctx, tenant, ALL_TYPES_SURVEY);
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    const question = (key: string) => page.locator(`.q[data-key="${key}"]`);
    let responseId = "";
    page.on("response", async (res) => {
      if (res.request().method() === "POST" && res.url().endsWith(`/public/surveys/${id}/responses`) && res.status() === 201) responseId = ((await res.json()) as { id: string }).id;
    });

    const opened = await page.goto(`${baseUrl}/c/${tenant.slug}/s/${id}?lang=he`);
    // Picture choices may show https images; scripts stay same-origin only.
    expect(opened?.headers()["content-security-policy"]).toMatch(/img-src 'self' data: blob: https:;.*script-src 'self'|script-src 'self';.*img-src 'self' data: blob: https:/);
    await page.getByRole("heading", { level: 1, name: "כל סוגי השאלות" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "scales");
    await shot(page, "survey-he-360-scales");
    // Eleven NPS points wrap onto two rows on a phone, 0 first (on the right).
    const y = async (v: number) => (await question("nps").locator(`input[value="${v}"]`).locator("xpath=..").boundingBox())?.y ?? 0;
    expect(await y(10)).toBeGreaterThan(await y(0));
    expect(await pointX(page, "nps", 0)).toBeGreaterThan(await pointX(page, "nps", 5));
    // The language switch changes the page's strings and direction, and back.
    await page.getByLabel("שפה").selectOption("en");
    await page.getByRole("heading", { level: 1, name: "Every kind of question" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("ltr");
    expect(await pointX(page, "nps", 0)).toBeLessThan(await pointX(page, "nps", 5));
    await page.getByLabel("Language").selectOption("he");
    await page.getByRole("heading", { level: 1, name: "כל סוגי השאלות" }).waitFor();
    await question("stars").getByRole("radio", { name: "4 מתוך 5" }).check();
    expect(await question("stars").locator(".pt.on").count()).toBe(4);
    await question("smileys").getByRole("radio", { name: "2 מתוך 5" }).check();
    await question("numbers").getByRole("radio", { name: "10" }).check();
    await page.getByRole("button", { name: "הבא" }).click();

    await page.getByRole("group", { name: "סדר לפי חשיבות" }).waitFor();
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "choices");
    await shot(page, "survey-he-360-choices");
    // Ranking with the keyboard: the moved item keeps the focus.
    await tabTo(page, 'button[aria-label="הזזה למטה: עמלות נמוכות"]');
    await page.keyboard.press("Enter");
    expect(await question("rank").locator(".rank-text").allTextContents()).toEqual(["אפליקציה טובה", "עמלות נמוכות", "צוות אדיב"]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("הזזה למטה: עמלות נמוכות");
    // The matrix is one card per row on a phone; every radio names its row and column.
    expect(await question("matrix").locator("thead").evaluate((el) => getComputedStyle(el).display)).toBe("none");
    await question("matrix").getByRole("radio", { name: "מהירות טוב" }).check();
    await question("matrix").getByRole("radio", { name: "אדיבות סביר" }).check();
    // Three products where two are allowed: refused on the page.
    for (const name of ["חשבון עו״ש", "חיסכון", "משכנתה"]) await question("multi").getByRole("checkbox", { name }).check();
    await page.getByRole("button", { name: "הבא" }).click();
    await question("multi").getByText("אפשר לבחור עד 2.").waitFor();
    await question("multi").getByRole("checkbox", { name: "משכנתה" }).uncheck();
    await page.getByLabel("הסניף שלך").selectOption("s");
    await page.getByRole("button", { name: "הבא" }).click();

    await page.getByLabel("האימייל שלך").waitFor();
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "fields");
    await shot(page, "survey-he-360-fields");
    const attrs = (label: string, names: string[]) => page.getByLabel(label, { exact: true }).evaluate((el, n) => n.map((a) => el.getAttribute(a)), names);
    expect(await attrs("האימייל שלך", ["type", "autocomplete", "inputmode"])).toEqual(["email", "email", "email"]);
    expect(await attrs("צילום של הקבלה", ["accept", "capture"])).toEqual(["image/jpeg,image/png", "environment"]);
    expect(await question("contact").getByLabel("טלפון").getAttribute("autocomplete")).toBe("tel");
    expect(await question("address").getByLabel("מיקוד").getAttribute("autocomplete")).toBe("postal-code");
    expect(await page.getByRole("link", { name: "פתיחת הטיפים" }).getAttribute("href")).toBe("https://example.com/tips");
    await page.getByLabel("האימייל שלך").fill("not an email");
    await page.getByRole("button", { name: "שליחה" }).click();
    await question("email").getByText("יש לבדוק את הפורמט של התשובה הזו.").waitFor();
    expect(await page.getByLabel("האימייל שלך").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("האימייל שלך").fill("dana@example.com");
    await page.getByLabel("צילום של הקבלה").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: PNG });
    await question("file").getByText("הועלה: receipt.png").waitFor();
    await question("contact").getByLabel("שם מלא").fill("Dana Levi");
    // Offline at the last step: the answers stay, the page says so, and Retry finishes the survey.
    await context.setOffline(true);
    await page.getByRole("button", { name: "שליחה" }).click();
    await page.getByRole("alert").filter({ hasText: "נראה שאין חיבור לאינטרנט." }).waitFor();
    await context.setOffline(false);
    await page.getByRole("button", { name: "ניסיון נוסף" }).click();
    await page.locator("#next").waitFor({ state: "detached" });
    await expectAccessible(page, "ending");
    // The browser logs the requests that failed while offline; nothing else.
    expect(problems.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);
    await context.close();

    const res = await ctx.app.request(`/api/v1/responses/${responseId}`, { headers });
    const detail = (await res.json()) as ResponseDetail;
    expect(detail.status).toBe("completed");
    const answers = Object.fromEntries(detail.answers.map((a) => [a.key, a.value]));
    expect(answers).toMatchObject({
      stars: 4,
      smileys: 2,
      numbers: 10,
      multi: ["cur", "sav"],
      drop: "s",
      rank: ["app", "fees", "people"],
      matrix: { speed: "good", courtesy: "ok" },
      email: "dana@example.com",
      contact: { name: "Dana Levi" },
    });
    expect(answers.file).toMatchObject({ fileId: expect.any(String) });
    expect(answers.nps).toBeUndefined();
  });

  it("embedded (?embed=1) in a page of the same origin: no bank chrome, posts its height and completion to the host", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    const { id } = await publishSurvey(ctx, tenant, { title: { en: "Quick one" }, questions: [{ id: "q1", type: "nps", text: { en: "Recommend us?" } }] });
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    // A host page served (by the test) from Atrium's origin, which survey pages allow to frame them.
    const host = `<!doctype html><html lang="en"><title>Host</title><body><script>window.msgs = []; addEventListener("message", (e) => { if (e.data && e.data.source === "atrium-survey") window.msgs.push(e.data); });</script><iframe title="Survey" style="width:100%;height:600px;border:0" src="/c/${tenant.slug}/s/${id}?embed=1&amp;ch=embed&amp;lang=en"></iframe></body></html>`;
    await page.route(`${baseUrl}/host.html`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: host }));
    await page.goto(`${baseUrl}/host.html`);
    const frame = page.frameLocator("iframe");
    await frame.getByRole("heading", { level: 1, name: "Quick one" }).waitFor();
    expect(await frame.locator(".bank, footer").count()).toBe(0);
    await frame.getByRole("radio", { name: "10" }).check();
    await frame.getByRole("button", { name: "Submit" }).click();
    await frame.locator("#next").waitFor({ state: "detached" });
    const msgs = (await page.waitForFunction(() => {
      const list = (window as unknown as { msgs: { type: string }[] }).msgs;
      return list.some((m) => m.type === "completed") ? list : null;
    })).jsonValue() as Promise<{ type: string; surveyId: string; height?: number; responseId?: string; endingId?: string }[]>;
    const list = await msgs;
    const heights = list.filter((m) => m.type === "height");
    expect(heights.length).toBeGreaterThan(0);
    expect(heights.every((m) => m.surveyId === id)).toBe(true);
    expect(heights.at(-1)?.height ?? 0, JSON.stringify(heights)).toBeGreaterThan(100);
    const done = list.find((m) => m.type === "completed");
    expect(done).toMatchObject({ surveyId: id, responseId: expect.any(String), endingId: expect.any(String) });
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("a personal link with ?a= in the contact's language: first answer saved, a reload keeps a changed answer, the used link is refused in Hebrew", async () => {
    const { ctx, baseUrl } = live.app;
    const tenant = await makeTenant(ctx);
    const { id, headers } = await publishSurvey(ctx, tenant, {
      title: { en: "After your call", he: "אחרי השיחה שלך" },
      questions: [
        { id: "q1", type: "nps", required: true, text: { en: "Recommend us?", he: "האם היית ממליץ עלינו?" } },
        { id: "q2", type: "text", text: { en: "Why?", he: "למה?" } },
      ],
    });
    const contact = await ctx.app.request("/api/v1/contacts", { method: "POST", ...json({ name: "Dana", email: `dana-${tenant.slug}@example.test`, locale: "he" }, headers) });
    expect(contact.status, await contact.clone().text()).toBe(201);
    const links = await ctx.app.request(`/api/v1/surveys/${id}/invitations`, { method: "POST", ...json({ contactIds: [((await contact.json()) as { id: string }).id] }, headers) });
    expect(links.status, await links.clone().text()).toBe(201);
    const link = new URL(((await links.json()) as { items: { url: string }[] }).items[0]?.url ?? "");
    link.searchParams.delete("lang"); // the language comes from the contact, through the invitation
    link.searchParams.set("a", "9");
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    const nps = (v: string) => page.locator('.q[data-key="q1"]').getByRole("radio", { name: v, exact: true });

    await page.goto(`${baseUrl}${link.pathname}${link.search}`);
    await page.getByRole("heading", { level: 1, name: "אחרי השיחה שלך" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    expect(await nps("9").isChecked()).toBe(true);
    const changed = page.waitForResponse((r) => r.url().includes("/answers") && (r.request().postData() ?? "").includes('"q1":7') && r.ok());
    await nps("7").check();
    await changed;
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "אחרי השיחה שלך" }).waitFor();
    expect(await nps("7").isChecked()).toBe(true);
    await page.getByRole("button", { name: "הבא" }).click();
    await page.getByLabel("למה?").fill("שירות טוב");
    await page.getByRole("button", { name: "שליחה" }).click();
    await page.locator("#next").waitFor({ state: "detached" });

    // Opened again (as sent, with the contact's language in the link): refused, in that language.
    link.searchParams.set("lang", "he");
    await page.goto(`${baseUrl}${link.pathname}${link.search}`);
    await page.getByRole("heading", { level: 1, name: "כבר נענה" }).waitFor();
    await page.getByRole("alert").filter({ hasText: "כבר נעשה שימוש בקישור הזה." }).waitFor();
    // The only console error is the browser logging the refused (410) link.
    expect(problems.errors.filter((e) => !e.includes("/public/invitations/"))).toEqual([]);
    await context.close();

    const list = await ctx.app.request(`/api/v1/surveys/${id}/responses`, { headers });
    const items = ((await list.json()) as { items: { id: string }[] }).items;
    expect(items).toHaveLength(1);
    const detail = (await (await ctx.app.request(`/api/v1/responses/${items[0]?.id}`, { headers })).json()) as ResponseDetail;
    expect([detail.status, detail.language]).toEqual(["completed", "he"]);
    expect(Object.fromEntries(detail.answers.map((a) => [a.key, a.value]))).toEqual({ q1: 7, q2: "שירות טוב" });
  });
});
