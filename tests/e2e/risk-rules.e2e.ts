import { describe, expect, it, onTestFailed } from "vitest";
import { makeTenant, makeUser } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

describe.skipIf(!browserAvailable())("risk rules and compliance settings in chromium", () => {
  const live = useLiveApp();

  it("a compliance officer edits a rule, is stopped by a broken condition, saves version 2 with a note and sees it in the history", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const officer = await makeUser(live.app.ctx, tenant, { role: "compliance_officer", email: `officer-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await signIn(page, live.app, tenant, officer.email);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Risk rules" }).click();
    await page.getByRole("heading", { level: 1, name: "Risk rules" }).waitFor();
    await page.getByText("Active: version 1.").waitFor();
    await expectAccessible(page, "risk rules");
    await shot(page, "risk-rules-en");

    const rule = page.getByRole("listitem", { name: "Rule non_face_to_face" });
    const save = page.getByRole("button", { name: "Save new version" });
    expect(await save.isDisabled()).toBe(true);
    // Rules start folded to one line each: id, points, reason.
    await rule.getByText("non_face_to_face · 5 points · Opened without meeting in a branch").click();
    await rule.getByLabel("Points").fill("12");
    await rule.getByLabel("English").fill("Opened remotely (no branch visit)");
    await page.getByText("Unsaved changes").waitFor();

    // A condition that is not JSON, then one naming an unknown fact: both stop the save, with the reason.
    const when = rule.getByLabel("Condition (JSON)");
    await when.fill('{ "fact": "channel", "op": ');
    await rule.getByText("Not valid JSON.").waitFor();
    await page.getByText("Fix 1 problem(s) before saving.").waitFor();
    expect(await save.isDisabled()).toBe(true);
    await when.fill('{ "fact": "chanel", "op": "not_equals", "value": "branch" }');
    await rule.getByText("fact: Unknown fact.").waitFor();
    expect(await save.isDisabled()).toBe(true);
    await when.fill('{ "all": [{ "fact": "channel", "op": "not_equals", "value": "branch" }, { "fact": "channel", "op": "not_equals", "value": "call_centre" }] }');
    await page.getByText("Fix 1 problem(s) before saving.").waitFor({ state: "detached" });

    await page.getByLabel("What changed and why").fill("Remote openings weigh more");
    await save.click();
    await page.getByText("Saved as version 2; new assessments use it.").waitFor();
    await page.getByText("Active: version 2.").waitFor();

    const history = page.getByRole("region", { name: "Version history" });
    await history.getByText("Remote openings weigh more").waitFor();
    const items = history.getByRole("listitem");
    expect(await items.count()).toBe(2);
    expect(await items.first().textContent()).toContain("Version 2");
    expect(await items.first().textContent()).toContain("Active");
    expect(await items.first().textContent()).toContain(officer.name);

    // Version 1 is unchanged: 5 points, the old label.
    await items.nth(1).getByRole("button", { name: "View" }).click();
    const v1 = await history.locator("pre").textContent();
    expect(v1).toContain('"id": "non_face_to_face"');
    expect(v1).toContain('"points": 5');
    expect(v1).not.toContain("Opened remotely");

    // Stored as the server sees it.
    const stored = await live.app.ctx.deps.db.selectFrom("risk_rule_sets").select(["version", "note", "definition"]).where("tenant_id", "=", tenant.id).orderBy("version").execute();
    expect(stored.map((s) => [s.version, s.note])).toEqual([
      [1, "Default rules"],
      [2, "Remote openings weigh more"],
    ]);
    const v2 = stored[1]?.definition as { rules: Array<{ id: string; points: number; label: Record<string, string> }> } | undefined;
    const saved = v2?.rules.find((r) => r.id === "non_face_to_face");
    expect(saved).toMatchObject({ points: 12, label: { en: "Opened remotely (no branch visit)" } });
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("the settings refuse a retention longer than the applications', in Arabic, right to left, at 360 px", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const officer = await makeUser(live.app.ctx, tenant, { role: "compliance_officer", email: `officer2-${tenant.slug}@example.test`, locale: "ar" });
    const { context, page } = await newPage(live.browser, { width: 360, height: 780 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await signIn(page, live.app, tenant, officer.email, "/compliance/settings");
    await page.getByRole("heading", { level: 1, name: "إعدادات الامتثال" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    const checks = page.getByLabel("نتائج الفحوصات");
    expect(await checks.inputValue()).toBe("5");
    await checks.fill("7");
    await page.getByText("بحد أقصى 5 سنوات: تُحذف سجلات الطلب معه.").waitFor();
    const save = page.getByRole("button", { name: "حفظ الإعدادات" });
    expect(await save.isDisabled()).toBe(true);
    await page.getByLabel("الطلبات").fill("8");
    await save.click();
    await page.getByText("تم حفظ الإعدادات.").waitFor();
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "compliance settings (ar, 360 px)");
    await shot(page, "compliance-settings-ar-360");

    const row = await live.app.ctx.deps.db.selectFrom("compliance_settings").select("retention").where("tenant_id", "=", tenant.id).executeTakeFirstOrThrow();
    expect(row.retention).toMatchObject({ applications: 8, checks: 7 });
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("the rules page reads right to left in Hebrew at 360 px, and a reviewer only reads", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const reviewer = await makeUser(live.app.ctx, tenant, { role: "reviewer", email: `reviewer-${tenant.slug}@example.test`, locale: "he" });
    const { context, page } = await newPage(live.browser, { width: 360, height: 780 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    await signIn(page, live.app, tenant, reviewer.email, "/compliance/risk");
    await page.getByRole("heading", { level: 1, name: "כללי סיכון" }).waitFor();
    await page.getByText("פעילה: גרסה 1.").waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    expect(await page.getByRole("button", { name: "שמירת גרסה חדשה" }).count()).toBe(0);
    const pep = page.getByRole("listitem", { name: "כלל pep_hit" });
    await pep.locator("summary").click();
    expect(await pep.getByLabel("נקודות").getAttribute("readonly")).not.toBeNull();
    await expectNoSidewaysScroll(page, 360);
    await expectAccessible(page, "risk rules (he, 360 px)");
    await shot(page, "risk-rules-he-360");
    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
