import { describe, expect, it, onTestFailed } from "vitest";
import { inTransaction } from "../../src/db";
import { applicantApp, makeList, synthName } from "../../src/modules/compliance/compliance.testkit";
import { screenApplicant } from "../../src/modules/compliance/screen-applicant";
import { makeTenant, makeUser } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

describe.skipIf(!browserAvailable())("compliance review in the back office", () => {
  const live = useLiveApp();

  it("two different officers clear a block-band hit (four-eyes); the second works in Hebrew on a phone", async () => {
    const { app, browser } = live;
    const ctx = app.ctx;
    const tenant = await makeTenant(ctx);
    const first = await makeUser(ctx, tenant, { role: "compliance_officer", email: `first-${tenant.slug}@example.test` });
    const second = await makeUser(ctx, tenant, { role: "compliance_officer", email: `second-${tenant.slug}@example.test`, locale: "he" });
    const name = synthName();
    await makeList(ctx, [{ name, birthDates: ["1971-03-05"], nationalities: ["IL"] }]);
    const application = await applicantApp(ctx, tenant, name, { status: "submitted", submittedAt: ctx.clock.now() });
    await inTransaction(ctx.deps.db, (trx) => screenApplicant(trx, ctx.deps, application, "before_submit", "system"));
    const review = await ctx.deps.db.selectFrom("compliance_reviews").selectAll().where("tenant_id", "=", tenant.id).where("application_id", "=", application.id).executeTakeFirstOrThrow();
    expect(review.band).toBe("block");

    // The first officer proposes clearing it.
    const a = await newPage(browser, { width: 1280, height: 900 });
    const problemsA = watchProblems(a.page);
    onTestFailed(async () => console.error(await describeFailure(a.page, "compliance-first", problemsA)));
    await signIn(a.page, app, tenant, first.email, "/compliance");
    const row = a.page.locator(`tr[data-id="${review.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(name);
    expect(await row.locator("[data-band]").getAttribute("data-band")).toBe("block");
    await expectAccessible(a.page, "review queue");
    await shot(a.page, "compliance-queue");
    await row.getByRole("link", { name: /Open/ }).click();
    await a.page.waitForURL(/\/app\/compliance\/review\?id=/);
    await a.page.getByTestId("entry-name").locator("mark").first().waitFor();
    expect(await a.page.getByTestId("input-digest").textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await a.page.getByText("clearing it needs a second, different compliance officer").count()).toBe(1);
    await expectAccessible(a.page, "review page");
    await a.page.getByLabel("Reason").fill("Different date of birth on the passport");
    await a.page.getByRole("button", { name: "Propose clearing" }).click();
    await a.page.getByTestId("four-eyes").waitFor();
    expect(await a.page.getByTestId("four-eyes").textContent()).toContain("another officer must confirm it");
    expect(await a.page.getByRole("button", { name: /Record/ }).count()).toBe(0);
    await shot(a.page, "compliance-proposed");
    expect(problemsA.errors).toEqual([]);

    // The second officer, in Hebrew on a 360 px phone, confirms.
    const b = await newPage(browser, { width: 360, height: 800 });
    const problemsB = watchProblems(b.page);
    onTestFailed(async () => console.error(await describeFailure(b.page, "compliance-second", problemsB)));
    await signIn(b.page, app, tenant, second.email, `/compliance/review?id=${review.id}`);
    await b.page.getByTestId("four-eyes").waitFor();
    expect(await b.page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    expect(await b.page.getByRole("heading", { name: "החלטת הקצין השני" }).count()).toBe(1);
    await expectNoSidewaysScroll(b.page, 360);
    await expectAccessible(b.page, "review page (he, 360 px)");
    await b.page.getByLabel("נימוק").fill("מסכים: לא האדם שברשימה");
    await b.page.getByRole("button", { name: "שמירת ההחלטה השנייה" }).click();
    await b.page.getByTestId("decided").waitFor();
    expect(await b.page.locator('[data-testid="review-summary"] [data-status]').getAttribute("data-status")).toBe("false_positive");
    await shot(b.page, "compliance-cleared-he");
    expect(problemsB.errors).toEqual([]);

    const stored = await ctx.deps.db.selectFrom("compliance_reviews").selectAll().where("tenant_id", "=", tenant.id).where("id", "=", review.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: "false_positive", first_by: first.id, decided_by: second.id });
    await a.context.close();
    await b.context.close();
  });
});
