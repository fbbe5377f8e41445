
import { describe, expect, it, onTestFailed } from "vitest";
import { apiKeyHeaders, makeTenant, makeUser, type TestTenant } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, type RunningApp, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

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
async function lastMessage(app: RunningApp, tenant: TestTenant, template: string, recipient?: string): Promise<{ recipient: string; body_text: string }> {
  let q = app.ctx.deps.db.selectFrom("messages").select(["recipient", "body_text"]).where("tenant_id", "=", tenant.id).where("template", "=", template);
  if (recipient) q = q.where("recipient", "=", recipient);
  return q
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
}

/** The link token from the SMS the customer got (sending a link revokes the one shown at creation). */
async function tokenFromSms(app: RunningApp, tenant: TestTenant, phone: string): Promise<string> {
  const sms = await lastMessage(app, tenant, "onboarding.link_sms", phone);
  const token = /\/a\/([\w-]+)/.exec(sms.body_text)?.[1];
  if (!token) throw new Error(`no link in the SMS: ${sms.body_text}`);
  return token;
}

/** The customer opens the link and proves the phone with the code from the outbox; returns session headers. */
async function customerSession(app: RunningApp, tenant: TestTenant, token: string, phone: string): Promise<Record<string, string>> {
  await api(app, "POST", `/public/applications/link/${token}/otp`, {}, { channel: "sms" });
  const sms = await lastMessage(app, tenant, "onboarding.otp_sms", phone);
  const code = /\b(\d{6})\b/.exec(sms.body_text)?.[1];
  if (!code) throw new Error(`no code in the SMS: ${sms.body_text}`);
  const { sessionToken } = await api<{ sessionToken: string }>(app, "POST", `/public/applications/link/${token}/session`, {}, { code });
  return { authorization: `Bearer ${sessionToken}` };
}

/** Every step of the checking-account flow through the public API, then submit. */
async function driveToSubmitted(app: RunningApp, me: Record<string, string>, phone: string): Promise<void> {
  const save = (answers: Record<string, unknown>, step: string) => api(app, "PATCH", "/public/applications/me/answers", me, { answers, at: { step } });
  const complete = (step: string) => api(app, "POST", `/public/applications/me/steps/${step}/complete`, me);
  await save(
    {
      fullName: "Noa Levi",
      email: "noa@example.test",
      phone,
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

/** A checking-account application the customer has submitted; with the admin API key's headers. */
async function submittedApplication(app: RunningApp, tenant: TestTenant, phone = "+972501234567") {
  const admin = await apiKeyHeaders(app.ctx, tenant, "admin");
  const created = await api<{ id: string; reference: string }>(app, "POST", "/applications", admin, {
    product: "checking",
    customer: { name: "Noa Levi", phone, email: "noa@example.test", language: "en" },
    branchId: tenant.branches[0]?.id,
  });
  await api(app, "POST", `/applications/${created.id}/link`, admin, { via: "sms" });
  const me = await customerSession(app, tenant, await tokenFromSms(app, tenant, phone), phone);
  await driveToSubmitted(app, me, phone);
  return { ...created, admin };
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
    const token = await tokenFromSms(live.app, tenant, "+972507654321");

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
    const me = await customerSession(live.app, tenant, token, "+972507654321");
    await api(live.app, "PATCH", "/public/applications/me/answers", me, { answers: { dateOfBirth: "1990-02-03" }, at: { step: "about", field: "dateOfBirth" } });
    await panel.getByTestId("online").waitFor({ timeout: 10_000 });
    await panel.getByTestId("live-field").filter({ hasText: "Date of birth" }).waitFor({ timeout: 10_000 });
    expect(await panel.getByTestId("live-step").textContent()).toBe("About you");
    // The answers follow too (the detail is fetched again when the customer moves).
    await page.locator('tr[data-field="dateOfBirth"]').filter({ hasText: "1990-02-03" }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await shot(page, "application-live-en-1024");
    await expectAccessible(page, "applications");

    // Leaving the case view stops the polling.
    await page.getByRole("link", { name: "Back to the list" }).click();
    await page.getByRole("heading", { level: 1, name: "Applications" }).waitFor();
    let polls = 0;
    page.on("request", (r) => {
      if (r.url().endsWith("/progress")) polls++;
    });
    await page.waitForTimeout(4000);
    expect(polls).toBe(0);
    expect(problems.errors).toEqual([]);
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
    await expectAccessible(page, "applications");

    // The new-application form at 360 px.
    await page.getByRole("button", { name: "طلب جديد" }).click();
    await page.getByRole("heading", { level: 2, name: "طلب جديد" }).waitFor();
    await shot(page, "applications-ar-360");
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "applications");

    await page.goto(`${live.app.baseUrl}/app/applications/view?id=${created.id}`);
    await page.getByRole("heading", { level: 1, name: `الطلب ${created.reference}` }).waitFor();
    await page.getByTestId("live-progress").getByText("تقدم العميل").waitFor();
    await shot(page, "application-ar-360");
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "applications");
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("a reviewer finds a submitted application in the queue, takes it and approves it", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const created = await submittedApplication(live.app, tenant);
    const admin = created.admin;
    const reviewer = await makeUser(live.app.ctx, tenant, { role: "reviewer", email: `reviewer-${tenant.slug}@example.test` });

    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    await signIn(page, live.app, tenant, reviewer.email, "/review");
    await page.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
    await page.getByTestId("queue-counts").filter({ hasText: "Applications: 1 · late: 0" }).waitFor();
    await expectAccessible(page, "applications");
    await shot(page, "review-queue-en-1280");
    await page.getByRole("link", { name: created.reference, exact: true }).click();

    await page.getByRole("heading", { level: 1, name: `Application ${created.reference}` }).waitFor();
    // Every answer under its step, the documents shown inline.
    await page.locator('tr[data-field="nationalId"]').filter({ hasText: "123456782" }).waitFor();
    // A select answer in words from the flow version (not its option id).
    await page.locator('tr[data-field="employment"]').filter({ hasText: /Student/ }).waitFor();
    expect(await page.locator(".ap-doc img").count()).toBe(2);
    await page.getByRole("button", { name: "Assign to me" }).click();
    await page.getByRole("button", { name: "Unassign" }).waitFor();
    await shot(page, "application-review-en-1280");
    await expectAccessible(page, "applications");

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

  it("a reviewer rejects a document with a reason, asks for information, and sees a stale decision refused in words", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const first = await submittedApplication(live.app, tenant);
    const second = await submittedApplication(live.app, tenant, "+972509998877");
    const reviewer = await makeUser(live.app.ctx, tenant, { role: "reviewer", email: `reviewer2-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 1024, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    await signIn(page, live.app, tenant, reviewer.email, `/applications/view?id=${first.id}`);
    await page.getByRole("heading", { level: 1, name: `Application ${first.reference}` }).waitFor();

    // Ask for the proof of address again, with a note to the customer.
    await page.getByRole("radio", { name: "Ask for information" }).check();
    await page.getByRole("checkbox", { name: "Proof of address (a recent bill)" }).check();
    await page.getByLabel("Message to the customer").fill("Please send a bill from the last three months.");
    await page.getByRole("button", { name: "Send the request" }).click();
    await page.getByRole("status").filter({ hasText: "The customer has been asked for the missing items." }).waitFor();
    const asked = await api<{ status: string; infoRequested: { field?: string }[] }>(live.app, "GET", `/applications/${first.id}`, first.admin);
    expect(asked.status).toBe("info_requested");
    expect(asked.infoRequested.map((i) => i.field)).toEqual(["proofOfAddress"]);

    // Then reject the ID document: a dialog asks why; the customer gets a re-upload link by SMS.
    const card = page.locator(".ap-doc", { has: page.getByRole("heading", { name: "ID card or passport" }) });
    await card.getByRole("button", { name: /Reject/ }).click();
    const dialog = page.getByRole("dialog", { name: "Reject this document" });
    await dialog.getByLabel("Reason").fill("The photo is blurred.");
    await expectAccessible(page, "applications");
    await dialog.getByRole("button", { name: "Reject and notify the customer" }).click();
    await card.getByText("The photo is blurred.").waitFor();
    expect(await card.locator(".badge").textContent()).toBe("Rejected");
    expect(await lastMessage(live.app, tenant, "onboarding.document_rejected_sms", "+972501234567")).toBeTruthy();

    const after = await api<{ status: string; documents: { fieldId: string; status: string }[] }>(live.app, "GET", `/applications/${first.id}`, first.admin);
    expect(after.documents.find((d) => d.fieldId === "idDocument")?.status).toBe("rejected");

    // Someone else decides the second application while this page is open: the API's wrong_state, translated.
    await page.goto(`${live.app.baseUrl}/app/applications/view?id=${second.id}`);
    await page.getByRole("heading", { level: 1, name: `Application ${second.reference}` }).waitFor();
    await api(live.app, "POST", `/applications/${second.id}/decision`, second.admin, { decision: "reject", reasonCode: "policy" });
    await page.getByRole("radio", { name: "Approve" }).check();
    await page.getByRole("button", { name: "Approve application" }).click();
    await page.getByRole("alert").filter({ hasText: "This is not possible in the application's current status." }).waitFor();
    expect(problems.errors.filter((e) => !e.includes("409"))).toEqual([]);
    await context.close();
  });
});
