import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths, send } from "../../../tests/support/routes";
import { appRow, customerHeaders, linkIn, makeApplication, messagesTo, timelineOf } from "./review.testkit";

const ctx = await createTestContext();
const API = "/api/v1";
let tenant: TestTenant;
let reviewer: Record<string, string>;

const decide = (id: string, body: unknown, h = reviewer) => ctx.app.request(`${API}/applications/${id}/decision`, send("POST", body, h));
const json = async (res: Response, status = 200) => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as Record<string, unknown>;
};
const submitted = (o: Parameters<typeof makeApplication>[2] = {}) =>
  makeApplication(ctx, tenant, { status: "submitted", submittedAt: ctx.clock.now(), completedSteps: ["about", "work", "documents", "deposit", "review"], ...o });
const events = async (appId: string) =>
  ctx.deps.db.selectFrom("events").select(["type", "payload"]).where("tenant_id", "=", tenant.id).where("subject_id", "=", appId).orderBy("created_at").orderBy("id").execute();

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  reviewer = await apiKeyHeaders(ctx, tenant, "reviewer");
});

describe("decisions", () => {
  it("approves a submitted application, tells the customer in their language, and audits it", async () => {
    const app = await submitted({ language: "he", phone: "+972501110001" });
    const h = await customerHeaders(ctx, app);
    const out = await json(await decide(app.id, { decision: "approve", reason: "All good" }));
    expect(out).toMatchObject({ id: app.id, status: "approved", decision: "approve" });
    const row = await appRow(ctx, app);
    expect(row).toMatchObject({ status: "approved", decision: "approve", decision_reason: "All good" });
    expect(row.decided_at).not.toBeNull();
    const [msg] = await messagesTo(ctx, tenant.id, "+972501110001");
    expect(msg).toMatchObject({ template: "onboarding.approved_sms", locale: "he" });
    expect(msg?.body_text).toContain(app.reference);
    expect((await timelineOf(ctx, app)).find((e) => e.type === "decided")?.data).toMatchObject({ decision: "approve", reasonCode: null });
    expect((await events(app.id)).map((e) => e.type)).toContain("application.decided");
    const audit = await ctx.deps.db.selectFrom("audit_log").select("action").where("tenant_id", "=", tenant.id).where("subject_id", "=", app.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["application.decided"]);
    // The customer's session ended with the decision.
    await expectProblem(await ctx.app.request(`${API}/public/applications/me/payments`, send("POST", { step: "deposit", card: { number: "4242424242424242", expiry: "12/39", cvc: "123", name: "D" } }, h)), 401, "session_expired");
  });

  it("rejects only with a reason code; the customer reads a reason, never the internal code", async () => {
    const app = await submitted({ phone: null, email: "reject-me@example.test" });
    const p = await expectProblem(await decide(app.id, { decision: "reject" }), 400, "validation_failed");
    expect(issuePaths(p)).toEqual(["body.reasonCode"]);
    await expectProblem(await decide(app.id, { decision: "reject", reasonCode: "bogus" }), 400, "validation_failed");
    const out = await json(await decide(app.id, { decision: "reject", reasonCode: "fraud_suspected", reason: "Mismatch with ID scan" }));
    expect(out).toMatchObject({ status: "rejected", decision: "reject" });
    expect((await appRow(ctx, app)).decision_reason).toBe("fraud_suspected");
    const [msg] = await messagesTo(ctx, tenant.id, "reject-me@example.test");
    expect(msg).toMatchObject({ template: "onboarding.rejected", channel: "email" });
    expect(msg?.body_text).toContain("based on the bank's policies");
    expect(msg?.body_text).not.toMatch(/fraud|Mismatch/i);
    expect((await timelineOf(ctx, app)).find((e) => e.type === "decided")?.data).toMatchObject({ decision: "reject", reasonCode: "fraud_suspected" });
  });

  it("refuses decisions in the wrong state and outside the permission", async () => {
    for (const status of ["in_progress", "approved", "rejected", "info_requested", "cancelled", "funded"] as const) {
      const app = await makeApplication(ctx, tenant, { status });
      await expectProblem(await decide(app.id, { decision: "approve" }), 409, "wrong_state");
      expect((await appRow(ctx, app)).status).toBe(status);
    }
    const app = await submitted();
    await expectProblem(await decide(app.id, { decision: "approve" }, await apiKeyHeaders(ctx, tenant, "branch_manager")), 403, "forbidden");
    await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/funded`, send("POST", {}, reviewer)), 409, "wrong_state");
  });

  it("requests information naming items: back to the customer with a link to the first item", async () => {
    const app = await submitted({ phone: "+972501110002" });
    await expectProblem(await decide(app.id, { decision: "request_info" }), 400, "validation_failed");
    const bad = await expectProblem(await decide(app.id, { decision: "request_info", items: [{ step: "work", field: "proofOfAddress", note: "x" }] }), 400, "validation_failed");
    expect(issuePaths(bad)).toEqual(["body.items[0].field"]);
    const items = [{ field: "monthlyIncome", note: "Please confirm your income" }, { step: "documents", note: "A clearer ID photo" }];
    const out = await json(await decide(app.id, { decision: "request_info", items }));
    expect(out).toMatchObject({ status: "info_requested", decision: "request_info", decidedAt: null });
    const row = await appRow(ctx, app);
    expect(row.info_requested).toEqual([{ step: "work", field: "monthlyIncome", note: "Please confirm your income" }, { step: "documents", note: "A clearer ID photo" }]);
    expect(row.completed_steps).toEqual(["about", "deposit", "review"]);
    const [msg] = await messagesTo(ctx, tenant.id, "+972501110002");
    expect(msg?.template).toBe("onboarding.info_requested_sms");
    linkIn(msg?.body_text ?? "");
    const link = await ctx.deps.db.selectFrom("application_links").selectAll().where("tenant_id", "=", tenant.id).where("application_id", "=", app.id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ purpose: "apply", step: "work", field: "monthlyIncome", sent_via: "sms" });
    // Email variant lists the items.
    const byMail = await submitted({ phone: null, email: "info@example.test" });
    await json(await decide(byMail.id, { decision: "request_info", items }));
    const [mail] = await messagesTo(ctx, tenant.id, "info@example.test");
    expect(mail?.body_text).toContain("Work and income — Monthly income: Please confirm your income");
  });
});

describe("funding and the welcome checklist", () => {
  it("records funded from approved, sends the welcome link, and tracks checklist items", async () => {
    const app = await submitted({ phone: "+972501110003" });
    await json(await decide(app.id, { decision: "approve" }));
    const fund = await apiKeyHeaders(ctx, tenant, "admin");
    const future = new Date(ctx.clock.now().getTime() + 86_400_000).toISOString();
    await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/funded`, send("POST", { at: future }, fund)), 400, "validation_failed");
    const out = await json(await ctx.app.request(`${API}/applications/${app.id}/funded`, send("POST", { accountNumber: "IL620108000000099999999" }, fund)));
    expect(out).toMatchObject({ id: app.id, status: "funded" });
    await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/funded`, send("POST", {}, fund)), 409, "wrong_state");
    const msgs = await messagesTo(ctx, tenant.id, "+972501110003");
    expect(msgs.map((m) => m.template)).toEqual(["onboarding.approved_sms", "onboarding.welcome_sms"]);
    linkIn(msgs[1]?.body_text ?? "");
    const funded = (await timelineOf(ctx, app)).find((e) => e.type === "funded");
    expect(funded?.data).toMatchObject({ account: "••9999" });
    expect(JSON.stringify(funded)).not.toContain("IL620108000000099999999");
    expect((await events(app.id)).map((e) => e.type)).toContain("application.funded");

    const h = await customerHeaders(ctx, await appRow(ctx, app));
    const tick = (item: string, done: boolean) => ctx.app.request(`${API}/public/applications/me/welcome/${item}`, send("POST", { done }, h));
    const w = (await json(await tick("install_app", true))) as { welcome: Array<{ id: string; doneAt: string | null; label: Record<string, string> }> };
    expect(w.welcome.map((i) => i.id)).toEqual(["activate_card", "install_app", "direct_deposit", "first_deposit"]);
    expect(w.welcome.find((i) => i.id === "install_app")?.doneAt).toBe(ctx.clock.now().toISOString());
    expect(w.welcome[0]?.label.en).toBe("Activate your debit card");
    ctx.clock.advance(60_000);
    const again = (await json(await tick("install_app", true))) as typeof w;
    expect(again.welcome.find((i) => i.id === "install_app")?.doneAt).toBe(w.welcome.find((i) => i.id === "install_app")?.doneAt);
    const undone = (await json(await tick("install_app", false))) as typeof w;
    expect(undone.welcome.every((i) => i.doneAt === null)).toBe(true);
    await expectProblem(await tick("fly_to_moon", true), 404, "not_found");
    expect((await timelineOf(ctx, app)).filter((e) => e.type === "welcome_item_done")).toHaveLength(1);
  });

  it("opens the checklist only once funded", async () => {
    const app = await makeApplication(ctx, tenant, { status: "approved" });
    const h = await customerHeaders(ctx, app);
    await expectProblem(await ctx.app.request(`${API}/public/applications/me/welcome/install_app`, send("POST", { done: true }, h)), 409, "wrong_state");
  });
});
