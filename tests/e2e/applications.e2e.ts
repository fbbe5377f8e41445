import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { apiKeyHeaders, makeTenant, makeUser, TEST_PASSWORD, type TestTenant } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, type RunningApp, runAxe, seriousOnly, useLiveApp, watchProblems } from "./harness";

/** A 1×1 PNG: real magic bytes, so the upload passes the server's content check. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

async function api<T>(app: RunningApp, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  const raw = body instanceof Uint8Array;
  const res = await app.ctx.app.request(`/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined || raw ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : raw ? new Blob([body as Uint8Array<ArrayBuffer>]) : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The newest message of a template to a recipient, from the dev outbox (bodies are kept in tests). */
async function lastMessage(app: RunningApp, tenant: TestTenant, template: string): Promise<{ recipient: string; body_text: string }> {
  return app.ctx.deps.db
    .selectFrom("messages")
    .select(["recipient", "body_text"])
    .where("tenant_id", "=", tenant.id)
    .where("template", "=", template)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
}

/** The link token from the SMS the customer got (sending a link revokes the one shown at creation). */
async function tokenFromSms(app: RunningApp, tenant: TestTenant): Promise<string> {
  const sms = await lastMessage(app, tenant, "onboarding.link_sms");
  const token = /\/a\/([\w-]+)/.exec(sms.body_text)?.[1];
  if (!token) throw new Error(`no link in the SMS: ${sms.body_text}`);
  return token;
}

/** The customer opens the link and proves the phone with the code from the outbox; returns session headers. */
async function customerSession(app: RunningApp, tenant: TestTenant, token: string): Promise<Record<string, string>> {
  await api(app, "POST", `/public/applications/link/${token}/otp`, {}, { channel: "sms" });
  const sms = await lastMessage(app, tenant, "onboarding.otp_sms");
  const code = /\b(\d{6})\b/.exec(sms.body_text)?.[1];
  if (!code) throw new Error(`no code in the SMS: ${sms.body_text}`);
  const { sessionToken } = await api<{ sessionToken: string }>(app, "POST", `/public/applications/link/${token}/session`, {}, { code });
  return { authorization: `Bearer ${sessionToken}` };
}

/** Every step of the checking-account flow through the public API, then submit. */
async function driveToSubmitted(app: RunningApp, me: Record<string, string>): Promise<void> {
  const save = (answers: Record<string, unknown>, step: string) => api(app, "PATCH", "/public/applications/me/answers", me, { answers, at: { step } });
  const complete = (step: string) => api(app, "POST", `/public/applications/me/steps/${step}/complete`, me);
  await save(
    {
      fullName: "Noa Levi",
      email: "noa@example.test",
      phone: "+972501234567",
      dateOfBirth: "1988-04-12",
      nationalId: "123456782",
      address: { line1: "12 Herzl St", city: "Haifa", postcode: "3303012", country: "IL" },
    },
    "about",
  );
  await complete("about");
  await save({ employment: "student", monthlyIncome: "2500.00", wantsDeposit: false }, "work");
  await complete("work");
  for (const field of ["idDocument", "proofOfAddress"]) {
    await api(app, "POST", `/public/applications/me/documents?field=${field}`, { ...me, "content-type": "image/png", "x-file-name": `${field}.png` }, new Uint8Array(PNG) as Uint8Array<ArrayBuffer>);
  }
  await complete("documents");
  await save({ terms: true }, "review");
  await complete("review");
  await api(app, "POST", "/public/applications/me/submit", me);
}

async function signIn(page: Page, app: RunningApp, tenant: TestTenant, email: string, next: string) {
  await page.goto(`${app.baseUrl}/app${next}${next.includes("?") ? "&" : "?"}tenant=${tenant.slug}`);
  await page.waitForURL(/\/app\/login\?/);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function expectAxeClean(page: Page) {
  const violations = seriousOnly(await runAxe(page));
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

describe.skipIf(!browserAvailable())("onboarding applications in chromium", () => {
  const live = useLiveApp();

  it("an agent creates an application, sends the link by SMS and watches the customer's progress live", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const branch = tenant.branches[0];
    if (!branch) throw new Error("the test tenant has no branch");
    const agent = await makeUser(live.app.ctx, tenant, { role: "agent", branchId: branch.id, email: `agent-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 1024, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await signIn(page, live.app, tenant, agent.email, "/applications");
    await page.getByRole("heading", { level: 1, name: "Applications" }).waitFor();
    await page.getByRole("button", { name: "New application" }).click();
    const form = page.getByRole("region", { name: "New application" });
    await form.getByLabel("Product").selectOption("checking");
    await form.getByLabel("Customer name").fill("Dana Cohen");
    await form.getByLabel("Mobile phone").fill("+972 50 765 4321");
    await form.getByLabel("Email address").fill("dana@example.test");
    expect(await form.getByLabel("Branch").inputValue()).toBe(branch.id);
    await form.getByRole("button", { name: "Create application" }).click();

    // The reference and the customer's link, then a fresh link by SMS.
    const reference = (await page.getByTestId("application-reference").textContent()) ?? "";
    expect(reference).not.toBe("");
    await page.getByRole("heading", { level: 2, name: `Application ${reference} created` }).waitFor();
    expect(await page.getByLabel("The customer's link").inputValue()).toMatch(new RegExp(`/c/${tenant.slug}/a/[\\w-]+$`));
    await page.getByRole("button", { name: "Send by SMS" }).click();
    await page.getByRole("status").filter({ hasText: /sent by text message/ }).waitFor();
    const sms = await lastMessage(live.app, tenant, "onboarding.link_sms");
    expect(sms.recipient).toBe("+972507654321");
    const token = await tokenFromSms(live.app, tenant);

    // The list shows it with its progress.
    await page.getByRole("button", { name: "Done" }).click();
    const row = page.getByRole("region", { name: "Applications" }).locator("tr", { hasText: reference });
    await row.waitFor();
    expect(await row.textContent()).toContain("Step 1 of");

    // The case view: nobody online yet.
    await row.getByRole("link", { name: /Open/ }).click();
    await page.getByRole("heading", { level: 1, name: `Application ${reference}` }).waitFor();
    const panel = page.getByTestId("live-progress");
    await panel.getByText("Not online").waitFor();
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });

    // The customer signs in and types one answer: the page follows without a reload.
    const me = await customerSession(live.app, tenant, token);
    await api(live.app, "PATCH", "/public/applications/me/answers", me, { answers: { dateOfBirth: "1990-02-03" }, at: { step: "about", field: "dateOfBirth" } });
    await panel.getByTestId("online").waitFor({ timeout: 10_000 });
    await panel.getByTestId("live-field").filter({ hasText: "Date of birth" }).waitFor({ timeout: 10_000 });
    expect(await panel.getByTestId("live-step").textContent()).toBe("About you");
    // The answers follow too (the detail is fetched again when the customer moves).
    await page.locator('tr[data-field="dateOfBirth"]').filter({ hasText: "1990-02-03" }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    expect(problems.errors).toEqual([]);
    await expectAxeClean(page);
    await context.close();
  });

  it("works in Arabic, right to left, at 360 px: the list and the case view fit and are accessible", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const branch = tenant.branches[0];
    if (!branch) throw new Error("the test tenant has no branch");
    const admin = await apiKeyHeaders(live.app.ctx, tenant, "admin");
    const created = await api<{ id: string; reference: string }>(live.app, "POST", "/applications", admin, {
      product: "checking",
      customer: { name: "سارة خليل", phone: "+972521112233", language: "ar" },
      branchId: branch.id,
    });
    const agent = await makeUser(live.app.ctx, tenant, { role: "agent", branchId: branch.id, email: `agent-ar-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await signIn(page, live.app, tenant, agent.email, "/applications");
    await page.getByRole("heading", { level: 1, name: "Applications" }).waitFor();
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PATCH");
    await page.getByRole("banner").getByLabel("Language").selectOption("ar");
    expect((await saved).status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "الطلبات" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await page.locator("tr", { hasText: created.reference }).waitFor();
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page);

    // The new-application form at 360 px.
    await page.getByRole("button", { name: "طلب جديد" }).click();
    await page.getByRole("heading", { level: 2, name: "طلب جديد" }).waitFor();
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page);

    await page.goto(`${live.app.baseUrl}/app/applications/view?id=${created.id}`);
    await page.getByRole("heading", { level: 1, name: `الطلب ${created.reference}` }).waitFor();
    await page.getByTestId("live-progress").getByText("تقدم العميل").waitFor();
    await expectNoSidewaysScroll(page, 360);
    await expectAxeClean(page);
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("a reviewer finds a submitted application in the queue, takes it and approves it", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const admin = await apiKeyHeaders(live.app.ctx, tenant, "admin");
    const created = await api<{ id: string; reference: string }>(live.app, "POST", "/applications", admin, {
      product: "checking",
      customer: { name: "Noa Levi", phone: "+972501234567", email: "noa@example.test", language: "en" },
      branchId: tenant.branches[0]?.id,
    });
    await api(live.app, "POST", `/applications/${created.id}/link`, admin, { via: "sms" });
    const me = await customerSession(live.app, tenant, await tokenFromSms(live.app, tenant));
    await driveToSubmitted(live.app, me);
    const reviewer = await makeUser(live.app.ctx, tenant, { role: "reviewer", email: `reviewer-${tenant.slug}@example.test` });

    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    await signIn(page, live.app, tenant, reviewer.email, "/review");
    await page.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
    await page.getByTestId("queue-counts").filter({ hasText: "1 applications, 0 late." }).waitFor();
    await expectAxeClean(page);
    await page.getByRole("link", { name: created.reference, exact: true }).click();

    await page.getByRole("heading", { level: 1, name: `Application ${created.reference}` }).waitFor();
    // Every answer under its step, the documents shown inline.
    await page.locator('tr[data-field="nationalId"]').filter({ hasText: "123456782" }).waitFor();
    expect(await page.locator(".ap-doc img").count()).toBe(2);
    await page.getByRole("button", { name: "Assign to me" }).click();
    await page.getByRole("button", { name: "Unassign" }).waitFor();
    await expectAxeClean(page);

    await page.getByRole("radio", { name: "Approve" }).check();
    await page.getByRole("button", { name: "Approve application" }).click();
    await page.getByRole("status").filter({ hasText: "The application is approved" }).waitFor();
    const after = await api<{ status: string; assignee: { id: string } | null }>(live.app, "GET", `/applications/${created.id}`, admin);
    expect(after.status).toBe("approved");
    expect(after.assignee?.id).toBe(reviewer.id);
    await page.locator('[data-status="approved"]').first().waitFor();
    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
