import { describe, expect, it, onTestFailed } from "vitest";
import { json, makeTenant, makeUser } from "../support/factories";
import { browserAvailable, describeFailure, newPage, useLiveApp, watchProblems } from "./harness";

describe.skipIf(!browserAvailable())("password policy messages in chromium", () => {
  const live = useLiveApp();

  it("shows the server's password_too_short next to the field, translated into Arabic with its minimum", async () => {
    const tenant = await makeTenant(live.app.ctx);
    const user = await makeUser(live.app.ctx, tenant, { role: "viewer", email: `reset-${tenant.slug}@example.test` });
    const forgot = await live.app.ctx.app.request("/api/v1/auth/password/forgot", { method: "POST", ...json({ tenant: tenant.slug, email: user.email }) });
    expect(forgot.status).toBe(202);
    const mail = await live.app.ctx.deps.db
      .selectFrom("messages")
      .select("body_text")
      .where("tenant_id", "=", tenant.id)
      .where("template", "=", "auth.password_reset")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const token = /token=([\w-]+)/.exec(mail.body_text)?.[1];
    expect(token).toBeTruthy();

    const { context, page } = await newPage(live.browser, { width: 360, height: 740 });
    const problems = watchProblems(page);
    onTestFailed(async ({ task }) => console.error(await describeFailure(page, task.name, problems)));
    await page.goto(`${live.app.baseUrl}/app/reset?token=${token}`);
    await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
    await page.getByRole("banner").getByLabel("Language").selectOption("ar");
    await page.getByRole("heading", { level: 1, name: "اختر كلمة مرور جديدة" }).waitFor();

    // Short enough that only the server's policy can object: the browser no longer checks length.
    const sent = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/password/reset"));
    await page.getByLabel("كلمة المرور الجديدة", { exact: true }).fill("short");
    await page.getByLabel("أعد كتابة كلمة المرور الجديدة").fill("short");
    await page.getByRole("button", { name: "حفظ كلمة المرور الجديدة" }).click();
    const answer = await sent;
    expect(answer.status()).toBe(400);
    expect((await answer.json()).errors[0]).toMatchObject({ path: "body.password", code: "password_too_short", params: { minimum: 12 } });

    await page.getByRole("alert").filter({ hasText: "يرجى مراجعة الحقول المميَّزة." }).waitFor();
    const field = page.getByLabel("كلمة المرور الجديدة", { exact: true });
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    // The message is tied to the field (aria-describedby), in Arabic, with the server's minimum.
    const described = await field.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent).join(" | "),
    );
    expect(described).toContain("استخدم 12 حرفًا على الأقل.");
    expect(described).not.toContain("must be at least");

    // The one failure logged is the browser's line for the 400 itself.
    expect(problems.errors.filter((e) => !/status of 400.*\/api\/v1\/auth\/password\/reset\)$/.test(e))).toEqual([]);
    await context.close();
  });
});
