
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { makeTenant, makeUser, } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

/** The designer's section tabs (a problem link may carry the same words). */
const sections = (page: Page) => page.locator("nav.designer__tabs");

/** Waits until the autosave has the latest draft. */
async function saved(page: Page) {
  await page.getByRole("status").filter({ hasText: /^Draft saved/ }).waitFor();
}

describe.skipIf(!browserAvailable())("survey designer in chromium", () => {
  const live = useLiveApp();

  it("an analyst builds a survey with display logic, publishes version 1, and a broken reference is refused", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const analyst = await makeUser(live.app.ctx, tenant, { role: "cx_analyst", email: `analyst-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    page.on("dialog", (d) => void d.accept());

    await signIn(page, live.app, tenant, analyst.email);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Surveys" }).click();
    await page.getByRole("heading", { level: 1, name: "Surveys" }).waitFor();
    await page.getByText("No surveys yet.").waitFor();

    // New survey: blank, with the templates offered beside it (names in the UI language).
    await page.getByRole("button", { name: "New survey" }).click();
    await page.getByRole("radio", { name: /Blank survey/ }).waitFor();
    await page.getByRole("radio").nth(1).waitFor();
    await expectAccessible(page, "designer", { every: true });
    await page.getByLabel("Survey name").fill("Branch visit NPS");
    await page.getByRole("button", { name: "Create and open the designer" }).click();
    await page.waitForURL(/\/app\/surveys\/edit\?id=/);
    await page.getByRole("heading", { level: 1, name: "Branch visit NPS" }).waitFor();

    // The blank survey starts with one NPS question, open in the editor.
    await page.getByRole("heading", { level: 2, name: /Question q1/ }).waitFor();
    await page.getByLabel("Label of the lowest point", { exact: true }).fill("Not at all likely");
    await page.getByLabel("Label of the highest point", { exact: true }).fill("Extremely likely");
    await page.getByLabel("An answer is required").check();

    // A second page with a single-choice question, shown only to detractors of q1.
    await page.getByRole("button", { name: "Add page" }).click();
    await page.getByLabel("Type of the new question on Page 2").selectOption("single");
    await page.getByRole("button", { name: "Add question (Page 2)" }).click();
    await page.getByRole("heading", { level: 2, name: /Question q2/ }).waitFor();
    await page.getByLabel("Question text", { exact: true }).fill("What should we improve first?");
    await page.getByLabel("Text of item 1", { exact: true }).fill("Waiting time");
    await page.getByLabel("Text of item 2", { exact: true }).fill("Staff");
    await page.getByRole("button", { name: "Add display logic" }).click();
    const logic = page.getByRole("group", { name: "Show this question when" });
    expect(await logic.getByLabel("Answer to a question").inputValue()).toBe("q1");
    await logic.getByLabel("Operator").selectOption("isDetractor");
    await saved(page);
    await expectAccessible(page, "designer", { every: true });
    await shot(page, "designer-question-en");

    // Keyboard reordering: move the NPS question below, then back up.
    await page.getByRole("button", { name: "Move down q1" }).click();
    await page.getByRole("button", { name: "Move up q1" }).click();
    await saved(page);

    // Publish: version 1.
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Published as version 1." }).waitFor();
    await page.getByText("Live: version 1.").waitFor();
    const id = new URL(page.url()).searchParams.get("id") ?? "";
    const stored = await live.app.ctx.deps.db.selectFrom("survey_versions").select(["version", "definition"]).where("survey_id", "=", id).execute();
    expect(stored.map((v) => v.version)).toEqual([1]);
    const definition = stored[0]?.definition as { questions: { id: string; type: string; showIf?: unknown }[] };
    expect(definition.questions.map((q) => [q.id, q.type])).toEqual([
      ["q1", "nps"],
      ["q2", "single"],
    ]);
    expect(definition.questions[1]?.showIf).toEqual({ all: [{ left: { question: "q1" }, op: "isDetractor" }] });

    // Version history shows it read-only.
    await sections(page).getByRole("button", { name: "Versions" }).click();
    await page.getByRole("button", { name: "View version 1" }).click();
    await page.getByRole("region", { name: "Phone screen" }).getByText("How likely are you to recommend us to a friend or colleague?").waitFor();

    // Break a reference: delete q1, which q2's display logic still names. Publishing is refused.
    await sections(page).getByRole("button", { name: "Questions" }).click();
    await page.getByRole("button", { name: /q1 · How likely/ }).click();
    await page.getByRole("button", { name: "Delete question" }).click();
    await saved(page);
    await page.getByRole("button", { name: "Publish a new version" }).click();
    await page.getByRole("alert").filter({ hasText: "Not published: fix the problems listed below first." }).waitFor();
    const list = page.getByRole("region", { name: /^Problems:/ });
    await list.getByText("Refers to something that does not exist").first().waitFor();
    // The problem's link opens the question and focuses the control it is about.
    await list.getByRole("button", { name: /Question q2 › Display logic/ }).first().click();
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-path")?.startsWith("questions[0].showIf"));
    expect(await page.getByText("Live: version 1.").count()).toBe(1);
    const versions = await live.app.ctx.deps.db.selectFrom("survey_versions").select("version").where("survey_id", "=", id).execute();
    expect(versions.map((v) => v.version)).toEqual([1]);
    await expectAccessible(page, "designer", { every: true });
    await shot(page, "designer-problems-en");

    // Renaming in the settings is autosaved with the draft.
    await sections(page).getByRole("button", { name: "Survey settings" }).click();
    await page.getByLabel("Name in the survey list").fill("Branch visit NPS 2026");
    await page.getByRole("heading", { level: 1, name: "Branch visit NPS 2026" }).waitFor();
    await sections(page).getByRole("button", { name: "Questions" }).click();

    // Hebrew: the designer mirrors right-to-left and fits a tablet.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByRole("banner").getByLabel("Language").selectOption("he");
    await page.getByRole("heading", { level: 2, name: /שאלה q2/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expectNoSidewaysScroll(page, 768);
    await expectAccessible(page, "designer", { every: true });
    await shot(page, "designer-he-768");
    await sections(page).getByRole("button", { name: "לוגיקה ונתונים" }).click();
    await page.getByRole("button", { name: "הוספת כלל" }).click();
    await page.getByRole("group", { name: /^כלל r1/ }).waitFor();
    await expectNoSidewaysScroll(page, 768);
    await expectAccessible(page, "designer", { every: true });
    await shot(page, "designer-logic-he-768");

    // The one expected console line: Chromium logging the refused publish (422) as a failed load.
    expect(problems.errors.filter((e) => !/status of 422 .*\/publish\)$/.test(e))).toEqual([]);
    await context.close();
  });
});
