import { readFile } from "node:fs/promises";
import { describe, expect, it, onTestFailed } from "vitest";
import { makePdf, pdfsig } from "../../src/modules/signing/signing.testkit";
import { makeTenant, makeUser } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

describe.skipIf(!browserAvailable())("sealing a document in the back office", () => {
  const live = useLiveApp();

  it("an admin seals a PDF, sees who sealed it (a test seal here) and downloads a file pdfsig accepts", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const admin = await makeUser(live.app.ctx, tenant, { role: "admin", email: `seal-admin-${tenant.slug}@example.test` });
    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    await signIn(page, live.app, tenant, admin.email);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Seal a document" }).click();
    await page.getByRole("heading", { level: 1, name: "Seal a document" }).waitFor();

    // Nothing chosen: told so, nothing sent.
    await page.getByRole("button", { name: "Seal the document" }).click();
    await page.getByText("Choose a PDF first.").waitFor();

    await page.getByLabel("PDF to seal").setInputFiles({ name: "statement.pdf", mimeType: "application/pdf", buffer: Buffer.from(await makePdf(2, "Statement")) });
    await page.getByRole("button", { name: "Seal the document" }).click();
    const done = page.getByRole("region", { name: "Sealed" });
    await done.waitFor();
    await done.getByText("Sealed with a TEST seal", { exact: false }).waitFor();
    expect(await done.textContent()).toContain(`${tenant.name} electronic seal (TEST)`);
    expect(await done.getByRole("link", { name: /\/verify$/ }).getAttribute("href")).toBe(`${live.app.baseUrl}/c/${tenant.slug}/verify`);
    await expectAccessible(page, "seal");
    await expectNoSidewaysScroll(page, 1280);
    await shot(page, "seal-en");

    const [download] = await Promise.all([page.waitForEvent("download"), done.getByRole("link", { name: "Download statement-sealed.pdf" }).click()]);
    expect(download.suggestedFilename()).toBe("statement-sealed.pdf");
    const sealed = new Uint8Array(await readFile((await download.path()) as string));
    expect(pdfsig(sealed)).toContain("Signature is Valid.");

    // Not a PDF: the server's refusal, translated.
    await page.getByLabel("PDF to seal").setInputFiles({ name: "photo.pdf", mimeType: "application/pdf", buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]) });
    await page.getByRole("button", { name: "Seal the document" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("region", { name: "Sealed" }).count()).toBe(0);
    expect(problems.errors.filter((p) => !p.includes("415"))).toEqual([]);
    await context.close();
  });
});
