import { describe, expect, it, onTestFailed } from "vitest";
import { totpCodeAt } from "../../src/modules/auth/totp";
import { makeTenant, makeUser, signIn as signInApi, TEST_PASSWORD } from "../support/factories";
import { browserAvailable, describeFailure, newPage, useLiveApp, watchProblems } from "./harness";

describe.skipIf(!browserAvailable())("two-step verification in chromium", () => {
  const live = useLiveApp();

  it("enrols with the secret shown on the profile page, then asks for a code at the next sign-in", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const user = await makeUser(live.app.ctx, tenant, { role: "viewer", email: `totp-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 1024, height: 768 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    const fillCredentials = async () => {
      await page.goto(`${live.app.baseUrl}/app/login?tenant=${tenant.slug}`);
      await page.getByLabel("Email address").fill(user.email);
      await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
    };

    await fillCredentials();
    await page.getByRole("heading", { level: 1, name: `Welcome, ${user.name}` }).waitFor();
    // A viewer may read surveys (their results), the KPIs and journey maps (aggregates, kpis:read) and
    // the organisation, and nothing else of the administration (no journeys of people, no imports).
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Home", "Surveys", "Journey analytics", "Journey maps", "Journey definitions", "Organisation", "Your profile"]);

    await nav.getByRole("link", { name: "Your profile" }).click();
    await page.getByRole("button", { name: "Set up two-step verification" }).click();
    const secret = ((await page.locator("code.secret-code").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    // A wrong code is a 400 with `invalid_mfa_code` on the field: shown there, and the session stays.
    await page.getByLabel("6-digit code").fill("000000");
    await page.getByRole("button", { name: "Turn on", exact: true }).click();
    await page.getByText("That code is wrong or has expired. Enter the current code from your app.").waitFor();
    expect(await page.getByLabel("6-digit code").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("heading", { level: 1, name: "Your profile" }).isVisible()).toBe(true);
    expect(page.url()).toBe(`${live.app.baseUrl}/app/profile`);
    await page.getByLabel("6-digit code").fill(totpCodeAt(secret, live.app.ctx.clock.now()));
    await page.getByRole("button", { name: "Turn on", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Two-step verification is on." }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in to Atrium" }).waitFor();

    // Next sign-in: password first, then a fresh code (a code is accepted once).
    await fillCredentials();
    await page.getByRole("heading", { level: 1, name: "Two-step verification" }).waitFor();
    await page.getByLabel("6-digit code").fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("alert").filter({ hasText: "That code is wrong or has expired." }).waitFor();
    live.app.ctx.clock.advance(30_000);
    await page.getByLabel("6-digit code").fill(totpCodeAt(secret, live.app.ctx.clock.now()));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("heading", { level: 1, name: `Welcome, ${user.name}` }).waitFor();

    // The expected failures: the 400 of the wrong enrolment code, the 401 of the wrong sign-in code
    // and the 401 of the signed-out session probe.
    const expected = [/status of 400.*\/api\/v1\/me\/totp\/enable\)$/, /status of 401.*\/api\/v1\/auth\/(login\/totp|session)\)$/];
    const unexpected = problems.errors.filter((e) => !expected.some((re) => re.test(e)));
    expect(unexpected).toEqual([]);
    await context.close();
  });

  it("lets an administrator reset a colleague's lost phone from the Users page, in Hebrew", async () => {
    const ctx = live.app.ctx;
    const tenant = await makeTenant(ctx);
    const admin = await makeUser(ctx, tenant, { role: "admin", email: `boss-${tenant.slug}@example.test`, locale: "he" });
    const colleague = await makeUser(ctx, tenant, { role: "agent", scope: "own", branchId: tenant.branches[0]?.id, email: `lost-phone-${tenant.slug}@example.test` });
    // The colleague turns two-step verification on through the API.
    const s = await signInApi(ctx, tenant, colleague.email);
    const setup = await (await ctx.app.request("/api/v1/me/totp/setup", { method: "POST", headers: s.headers })).json();
    const on = await ctx.app.request("/api/v1/me/totp/enable", { method: "POST", headers: s.headers, body: JSON.stringify({ code: totpCodeAt(setup.secret, ctx.clock.now()) }) });
    expect(on.status).toBe(200);

    const { context, page } = await newPage(live.browser, { width: 1024, height: 768 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    await page.goto(`${live.app.baseUrl}/app/login?tenant=${tenant.slug}`);
    await page.getByLabel("Email address").fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${live.app.baseUrl}/app/`);
    await page.goto(`${live.app.baseUrl}/app/users`);
    await page.getByRole("heading", { level: 1, name: "משתמשים" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: colleague.email });
    await row.getByRole("button", { name: new RegExp(colleague.name) }).click();
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "איפוס אימות דו-שלבי" }).click();
    await page.getByRole("status").filter({ hasText: "האימות הדו-שלבי בוטל עבור משתמש זה." }).waitFor();
    // Offered only while there is something to reset.
    expect(await page.getByRole("button", { name: "איפוס אימות דו-שלבי" }).count()).toBe(0);
    const row2 = await ctx.deps.db.selectFrom("users").select("totp_enabled_at").where("id", "=", colleague.id).executeTakeFirstOrThrow();
    expect(row2.totp_enabled_at).toBeNull();
    const expected = [/status of 401.*\/api\/v1\/auth\/session\)$/];
    expect(problems.errors.filter((e) => !expected.some((re) => re.test(e)))).toEqual([]);
    await context.close();
  });
});
