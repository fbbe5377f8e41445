import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../tests/support/factories";
import { platformSchedules } from "../../jobs/all";
import { onboardingJobs } from "./jobs";
import { appRow, linkIn, makeApplication, messagesTo, timelineOf } from "./review.testkit";
import { sweepApplications } from "./sweep";

const ctx = await createTestContext();
const H = 3_600_000;
let tenant: TestTenant;

const sweep = (batch?: number) => sweepApplications(ctx.deps, { tenantId: tenant.id, batch });
const eventTypes = async (appId: string) =>
  (await ctx.deps.db.selectFrom("events").select("type").where("tenant_id", "=", tenant.id).where("subject_id", "=", appId).execute()).map((e) => e.type);

beforeAll(async () => {
  tenant = await makeTenant(ctx);
});

describe("onboarding sweep", () => {
  it("is registered as a job every 15 minutes", () => {
    expect(onboardingJobs.map((j) => j.name)).toEqual(["onboarding.sweep"]);
    expect(platformSchedules().find((s) => s.jobName === "onboarding.sweep")?.cron).toBe("*/15 * * * *");
  });

  it("reminds once after reminderAfterHours with a link to the exact step, then abandons after inactivityDays", async () => {
    // checking: reminder after 24 h, abandoned after 7 days.
    const app = await makeApplication(ctx, tenant, { status: "in_progress", currentStep: "work", currentField: "employer", phone: "+972502220001" });
    const quiet = await makeApplication(ctx, tenant, { status: "in_progress", currentStep: "about" });
    ctx.clock.advance(23 * H);
    await ctx.deps.db.updateTable("applications").set({ last_activity_at: ctx.clock.now() }).where("tenant_id", "=", tenant.id).where("id", "=", quiet.id).execute();
    expect(await sweep()).toEqual({ reminded: 0, abandoned: 0 });

    ctx.clock.advance(2 * H);
    expect(await sweep()).toEqual({ reminded: 1, abandoned: 0 });
    const [msg, ...more] = await messagesTo(ctx, tenant.id, "+972502220001");
    expect(more).toHaveLength(0);
    expect(msg).toMatchObject({ template: "onboarding.reminder_sms", sensitive: true });
    linkIn(msg?.body_text ?? "");
    const link = await ctx.deps.db.selectFrom("application_links").selectAll().where("tenant_id", "=", tenant.id).where("application_id", "=", app.id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ purpose: "apply", step: "work", field: "employer", sent_via: "sms" });
    let row = await appRow(ctx, app);
    expect(row).toMatchObject({ reminders_sent: 1, status: "in_progress" });
    expect(row.last_reminder_at?.getTime()).toBe(ctx.clock.now().getTime());

    // Runs again and again: nothing more.
    ctx.clock.advance(H);
    expect(await sweep()).toEqual({ reminded: 0, abandoned: 0 });
    expect(await messagesTo(ctx, tenant.id, "+972502220001")).toHaveLength(1);

    ctx.clock.advance(7 * 24 * H);
    expect(await sweep()).toEqual({ reminded: 0, abandoned: 2 });
    row = await appRow(ctx, app);
    expect(row).toMatchObject({ status: "abandoned", abandoned_step: "work", abandoned_field: "employer", reminders_sent: 1 });
    expect(row.abandoned_at?.getTime()).toBe(app.last_activity_at.getTime());
    expect(await sweep()).toEqual({ reminded: 0, abandoned: 0 });

    const types = (await timelineOf(ctx, app)).map((e) => e.type);
    expect(types).toEqual(["reminder_sent", "abandoned"]);
    expect(await eventTypes(app.id)).toEqual(expect.arrayContaining(["application.reminder_sent", "application.abandoned"]));
    // The other one, never idle long enough for a reminder in between, goes straight to abandoned.
    expect((await appRow(ctx, quiet)).status).toBe("abandoned");
  });

  it("emails when there is no phone, points a never-opened application at its first step, and reminds again after a new idle stretch", async () => {
    const app = await makeApplication(ctx, tenant, { status: "created", phone: null, email: "sweep-mail@example.test" });
    ctx.clock.advance(25 * H);
    await sweep();
    const [mail] = await messagesTo(ctx, tenant.id, "sweep-mail@example.test");
    expect(mail).toMatchObject({ template: "onboarding.reminder", channel: "email" });
    expect(mail?.body_text).toContain("About you");
    const link = await ctx.deps.db.selectFrom("application_links").selectAll().where("tenant_id", "=", tenant.id).where("application_id", "=", app.id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ step: "about", field: null, sent_via: "email" });

    // The customer came back, then went quiet again: one more reminder.
    ctx.clock.advance(60_000);
    await ctx.deps.db.updateTable("applications").set({ last_activity_at: ctx.clock.now(), status: "in_progress" }).where("tenant_id", "=", tenant.id).where("id", "=", app.id).execute();
    ctx.clock.advance(25 * H);
    await sweep();
    expect((await appRow(ctx, app)).reminders_sent).toBe(2);
  });

  it("works through more applications than one batch, and leaves submitted ones alone", async () => {
    const t = await makeTenant(ctx);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await makeApplication(ctx, t, { status: "in_progress", phone: `+97250333000${i}` }));
    const done = await makeApplication(ctx, t, { status: "submitted" });
    ctx.clock.advance(30 * H);
    expect(await sweepApplications(ctx.deps, { tenantId: t.id, batch: 2 })).toEqual({ reminded: 5, abandoned: 0 });
    expect(await sweepApplications(ctx.deps, { tenantId: t.id, batch: 2 })).toEqual({ reminded: 0, abandoned: 0 });
    expect((await appRow(ctx, done)).reminders_sent).toBe(0);
    for (const a of made) expect((await appRow(ctx, a)).reminders_sent).toBe(1);
  });
});
