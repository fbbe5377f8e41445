/**
 * E-signature in the back office: an admin uploads a PDF template, places a signature field by
 * clicking the drawn page (and nudges it with the keyboard), saves and activates it; then sends an
 * application's documents (that template and a built-in one) for signature, sees the envelope and
 * its signers, and voids it with a reason.
 */
import { describe, expect, it, onTestFailed } from "vitest";
import { makePdf } from "../../src/modules/signing/signing.testkit";
import { apiKeyHeaders, makeTenant, makeUser } from "../support/factories";
import { browserAvailable, describeFailure, expectNoSidewaysScroll, newPage, type RunningApp, useLiveApp, watchProblems } from "./harness";
import { expectAccessible, shot, signIn } from "./ui-helpers";

async function api<T>(app: RunningApp, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  const res = await app.ctx.app.request(`/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

describe.skipIf(!browserAvailable())("e-signature in the back office", () => {
  const live = useLiveApp();

  it("an admin places a signature field on an uploaded PDF, activates it, sends it with a built-in for signature and voids the request", async () => {
    const { ctx } = live.app;
    const tenant = await makeTenant(ctx);
    const admin = await makeUser(ctx, tenant, { role: "admin", email: `sign-admin-${tenant.slug}@example.test` });
    const headers = await apiKeyHeaders(ctx, tenant, "admin");
    const application = await api<{ id: string }>(live.app, "POST", "/applications", headers, {
      product: "checking",
      customer: { name: "Noa Levi", phone: "+972501234567", email: "noa@example.test", language: "en" },
      branchId: tenant.branches[0]?.id,
    });

    const { context, page } = await newPage(live.browser, { width: 1280, height: 900 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));

    // Templates: the built-ins are listed; upload a PDF.
    await signIn(page, live.app, tenant, admin.email);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Signing templates" }).click();
    await page.getByRole("heading", { level: 1, name: "Signing templates" }).waitFor();
    const list = page.getByRole("region", { name: "Templates" });
    await list.locator('[data-template="builtin-account_agreement"]').waitFor();
    await expectAccessible(page, "templates");
    await expectNoSidewaysScroll(page, 1280);
    await shot(page, "signing-templates-en");

    const upload = page.getByRole("region", { name: "Upload a PDF template" });
    await upload.getByRole("button", { name: "Upload" }).click();
    await upload.getByText("Choose a PDF first.").waitFor();
    await upload.getByLabel("PDF file").setInputFiles({ name: "guarantee.pdf", mimeType: "application/pdf", buffer: Buffer.from(await makePdf(2, "Guarantee")) });
    await upload.getByLabel("Name").fill("Guarantee letter");
    await upload.getByLabel("Product").selectOption("checking");
    await upload.getByRole("button", { name: "Upload" }).click();

    // The field placer: pages drawn by pdf.js; a click on page 1 places a signature field there.
    await page.getByRole("heading", { level: 1, name: "Place fields: Guarantee letter" }).waitFor();
    const page1 = page.locator('.sg-page[data-page="1"]');
    await page1.waitFor();
    await page.locator('.sg-page[data-page="2"]').waitFor();
    const box = await page1.boundingBox();
    if (!box) throw new Error("page 1 is not drawn");
    const scale = box.width / 595;
    await page1.click({ position: { x: 200, y: 300 } });
    const field = page.locator('[data-field="signature_1"]');
    await field.waitFor();
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    // Two points up and one to the right with the arrow keys.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowRight");
    await page.getByRole("button", { name: "Save fields" }).click();
    await page.getByRole("status").filter({ hasText: "Fields saved." }).waitFor();
    await expectAccessible(page, "template editor");
    await shot(page, "signing-editor-en");
    await page.getByRole("button", { name: "Activate" }).click();
    await page.getByRole("status").filter({ hasText: "The template is active" }).waitFor();

    const row = await ctx.deps.db.selectFrom("document_templates").selectAll().where("tenant_id", "=", tenant.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("active");
    expect(row.fields).toHaveLength(1);
    const [placed] = row.fields;
    // Centred on the click: (200, 300) px at `scale` px per point, y from the page's bottom, then nudged.
    expect(placed).toMatchObject({ id: "signature_1", kind: "signature", role: "applicant", page: 0, width: 180, height: 50, required: true });
    expect(Math.abs((placed?.x ?? 0) - (200 / scale - 90 + 1))).toBeLessThan(0.6);
    expect(Math.abs((placed?.y ?? 0) - (842 - 300 / scale - 25 + 2))).toBeLessThan(0.6);

    // The application: send that template and the built-in account agreement.
    await page.goto(`${live.app.baseUrl}/app/applications/view?id=${application.id}`);
    const section = page.getByRole("region", { name: "Signatures" });
    await section.waitFor();
    await section.getByText("Nothing has been sent for signature yet.").waitFor();
    await section.getByRole("button", { name: "Send for signature" }).click();
    const dialog = page.getByRole("dialog", { name: "Send for signature" });
    await dialog.getByRole("checkbox", { name: "Guarantee letter" }).check();
    await dialog.getByRole("checkbox", { name: /Account agreement/ }).check();
    expect(await dialog.getByRole("group", { name: "Signer 1" }).getByLabel("Name").inputValue()).toBe("Noa Levi");
    await dialog.getByRole("button", { name: "Add a co-applicant or guarantor" }).click();
    const second = dialog.getByRole("group", { name: "Signer 2" });
    await second.getByLabel("Role").selectOption("guarantor");
    await second.getByLabel("Name").fill("Avi Levi");
    // Neither email nor phone: the server names the field.
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    await dialog.getByRole("alert").filter({ hasText: "Please check the highlighted fields." }).waitFor();
    expect(await second.locator(".field--invalid").count()).toBeGreaterThan(0);
    await second.getByLabel("Email").fill("avi@example.test");
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Sent for signature." }).waitFor();

    const envelope = section.locator("[data-envelope]");
    await envelope.waitFor();
    await envelope.getByText("Waiting for signatures").waitFor();
    const signers = envelope.getByRole("region", { name: /^Signers/ });
    await signers.getByRole("rowheader", { name: "Noa Levi" }).waitFor();
    await signers.getByRole("rowheader", { name: "Avi Levi" }).waitFor();
    expect(await signers.getByText("Guarantor").count()).toBe(1);
    expect(await envelope.locator("[data-document]").count()).toBe(2);
    await expectAccessible(page, "application signatures");
    await shot(page, "signing-application-en");

    // Void: a reason is required.
    await envelope.getByRole("button", { name: "Void" }).click();
    const voiding = page.getByRole("dialog", { name: "Cancel this signing request?" });
    await voiding.getByRole("button", { name: "Cancel the request" }).click();
    await voiding.getByText("This field is required.").waitFor();
    await voiding.getByLabel("Reason").fill("Wrong documents chosen");
    await voiding.getByRole("button", { name: "Cancel the request" }).click();
    await envelope.locator(".badge", { hasText: "Cancelled" }).waitFor();
    await envelope.getByText("Wrong documents chosen").waitFor();
    expect(await envelope.getByRole("button", { name: "Void" }).count()).toBe(0);

    // The audit trail shows the chain and the cancellation.
    await envelope.getByRole("button", { name: "Audit trail" }).click();
    await envelope.getByText("The chain of events is intact.").waitFor();
    await envelope.locator('[data-event="voided"]').waitFor();

    // Right to left on a phone: the section in Hebrew fits 390 px; the placed field stays over the same spot of the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("banner").getByLabel("Language").selectOption("he");
    await page.getByRole("region", { name: "חתימות" }).locator(".badge", { hasText: "בוטל" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expectNoSidewaysScroll(page, 390);
    await expectAccessible(page, "application signatures, Hebrew");
    await shot(page, "signing-application-he-390");
    await page.goto(`${live.app.baseUrl}/app/documents/templates/edit?key=${encodeURIComponent(row.key)}`);
    const drawn = page.locator('.sg-page[data-page="1"]');
    await page.locator('[data-field="signature_1"]').waitFor();
    const pageBox = await drawn.boundingBox();
    const fieldBox = await page.locator('[data-field="signature_1"]').boundingBox();
    if (!pageBox || !fieldBox) throw new Error("the page or the field is not drawn");
    const narrow = pageBox.width / 595;
    expect(Math.abs(fieldBox.x - pageBox.x - (placed?.x ?? 0) * narrow)).toBeLessThan(2);
    expect(Math.abs(fieldBox.y - pageBox.y - (842 - (placed?.y ?? 0) - 50) * narrow)).toBeLessThan(2);
    await expectAccessible(page, "template editor, Hebrew");
    await shot(page, "signing-editor-he-390");

    const stored = await ctx.deps.db.selectFrom("envelopes").selectAll().where("tenant_id", "=", tenant.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ application_id: application.id, status: "voided", close_reason: "Wrong documents chosen" });
    expect(problems.errors.filter((p) => !/\b400\b/.test(p))).toEqual([]);
    await context.close();
  });
});
