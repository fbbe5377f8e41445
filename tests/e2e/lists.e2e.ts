import { randomUUID } from "node:crypto";
import { describe, expect, it, onTestFailed } from "vitest";
import { importList } from "../../src/modules/screening/import";
import { makeTenant, makeUser } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

const HEADER = "id,name,aliases,birth_date,nationality,position,country\n";
const csv = (rows: string) => [{ name: "demo-pep.csv", bytes: new TextEncoder().encode(HEADER + rows) }];

describe.skipIf(!browserAvailable())("sanctions lists page in chromium", () => {
  const live = useLiveApp();

  it("a compliance officer sees a list's active version, its failed import and its versions, in English and in Hebrew at 360 px", async () => {
    const db = live.app.ctx.deps.db;
    const listId = `e2e-${randomUUID().slice(0, 8)}`;
    const now = live.app.ctx.clock.now();
    await importList(db, { listId, format: "pep-csv", files: csv("1,Synthetic Person One,,1970,GB,Mayor,GB\n2,Synthetic Person Two,,,,Judge,\n"), source: "demo-pep.csv", importedBy: "cli:operator", now });
    await importList(db, { listId, format: "pep-csv", files: [{ name: "broken.csv", bytes: new Uint8Array() }], source: "broken.csv", importedBy: "cli:operator", now }).catch(() => null);
    const tenant = await makeTenant(live.app.ctx);
    const officer = await makeUser(live.app.ctx, tenant, { role: "compliance_officer" });
    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await signIn(page, live.app, tenant, officer.email, "/compliance/lists");
    await page.getByRole("heading", { level: 1, name: "Sanctions and PEP lists" }).waitFor();
    const table = page.getByRole("region", { name: "Sanctions and PEP lists" });
    const row = table.getByRole("row").filter({ hasText: listId });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toMatch(/Version 1[\s\S]*2 entries, 2 names[\s\S]*broken\.csv: the file is empty/);
    await expect.poll(() => page.getByText("atrium lists status").count()).toBe(1);

    await row.getByRole("button", { name: /^Versions/ }).click();
    const versions = page.getByRole("region", { name: `Versions of ${listId}` });
    await versions.getByRole("row").nth(2).waitFor();
    expect(await versions.getByRole("row").count()).toBe(3);
    expect(await versions.getByRole("row").nth(1).textContent()).toMatch(/Version 2[\s\S]*Failed[\s\S]*broken\.csv: the file is empty/);
    expect(await versions.getByRole("row").nth(2).textContent()).toMatch(/Version 1[\s\S]*Active[\s\S]*by cli:operator[\s\S]*No unreadable rows/);
    await expectAccessible(page, "lists");
    await shot(page, "lists-en");
    await context.close();

    const reader = await makeUser(live.app.ctx, tenant, { role: "compliance_officer", locale: "he" });
    const phone = await newPage(live.browser, { width: 360, height: 780 });
    await signIn(phone.page, live.app, tenant, reader.email, "/compliance/lists");
    await phone.page.getByRole("heading", { level: 1, name: "רשימות סנקציות ואנשי ציבור חשופים" }).waitFor();
    expect(await phone.page.locator("html").getAttribute("dir")).toBe("rtl");
    await phone.page.getByRole("row").filter({ hasText: listId }).waitFor();
    await expectNoSidewaysScroll(phone.page, 360);
    await expectAccessible(phone.page, "lists he 360");
    await shot(phone.page, "lists-he-360");
    expect(problems.errors).toEqual([]);
    await phone.context.close();
  }, 120_000);
});
