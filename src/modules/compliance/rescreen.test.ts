import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant, makeUser, type TestTenant } from "../../../tests/support/factories";
import { inTransaction } from "../../db";
import { MINUTE } from "../../kernel/clock";
import { kit } from "../onboarding/applications.testkit";
import { addVersion, applicantApp, checksOf, makeList, officer, reviewsOf, synthName } from "./compliance.testkit";
import { rescreenJob } from "./jobs";
import { rescreen } from "./rescreen";
import { screenApplicant } from "./screen-applicant";

const ctx = await createTestContext();
const { req, ok } = kit(ctx);
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
});

const screen = (app: Awaited<ReturnType<typeof applicantApp>>) => inTransaction(ctx.deps.db, (trx) => screenApplicant(trx, ctx.deps, app, "manual", "system"));
const subjectOf = (appId: string) => ctx.deps.db.selectFrom("screening_subjects").selectAll().where("tenant_id", "=", tenant.id).where("application_id", "=", appId).executeTakeFirstOrThrow();
const mailTo = (tenantId: string, to: string) => ctx.deps.db.selectFrom("messages").selectAll().where("tenant_id", "=", tenantId).where("recipient", "=", to).execute();

describe("re-screening after a list changes", () => {
  it("finds a new hit, opens a rescreen review, emails every compliance officer and lists it as an alert", async () => {
    const t = await makeTenant(ctx);
    const officerA = await officer(ctx, t);
    const officerB = await makeUser(ctx, t, { role: "compliance_officer", locale: "he" });
    const reviewer = await makeUser(ctx, t, { role: "reviewer" });
    const name = synthName();
    const bystander = await applicantApp(ctx, t, synthName());
    const app = await applicantApp(ctx, t, name, { status: "approved" });
    const list = await makeList(ctx, [{ name: synthName() }]);
    await screen(bystander);
    await screen(app);
    expect(await reviewsOf(ctx, t.id, app.id)).toEqual([]);

    ctx.clock.advance(MINUTE);
    const v2 = await addVersion(ctx, list, [{ name, birthDates: ["1971-03-05"] }]);
    const stats = await rescreen(ctx.deps, { tenantId: t.id, batch: 1 });
    expect(stats).toMatchObject({ screened: 2, withHits: 1, newReviews: 1, alerted: 2, batches: 2 });
    expect(stats.listVersion).toContain(`${list.id}:${v2.version}`);

    const [review] = await reviewsOf(ctx, t.id, app.id);
    expect(review).toMatchObject({ origin: "rescreen", list_id: list.id, band: "block", status: "open" });
    expect(await reviewsOf(ctx, t.id, bystander.id)).toEqual([]);
    const last = (await checksOf(ctx, t.id, app.id)).at(-1);
    expect(last).toMatchObject({ outcome: "fail", actor: "system", list_version: stats.listVersion });

    const [mailA] = await mailTo(t.id, officerA.user.email);
    expect(mailA).toMatchObject({ template: "compliance.rescreen_alert", channel: "email", locale: "en" });
    expect(mailA?.body_text).toContain("1 (block: 1)");
    expect(mailA?.body_text).toContain("/app/compliance?origin=rescreen");
    expect(mailA?.body_text).not.toContain(name);
    const [mailB] = await mailTo(t.id, officerB.email);
    expect(mailB?.locale).toBe("he");
    expect(await mailTo(t.id, reviewer.email)).toEqual([]);

    const alerts = await ok<{ items: Array<{ id: string; origin: string }> }>(await req("GET", "/compliance/alerts", undefined, officerA.session.headers));
    expect(alerts.items.map((a) => a.id)).toEqual([review?.id]);

    // A second run (other tests may have changed other lists meanwhile) finds nothing new: no review, no mail.
    expect(await rescreen(ctx.deps, { tenantId: t.id })).toMatchObject({ newReviews: 0, alerted: 0 });
    expect(await reviewsOf(ctx, t.id, app.id)).toHaveLength(1);
    expect(await mailTo(t.id, officerA.user.email)).toHaveLength(1);
  });

  it("does not open a second review for a hit already under review, and skips ended relationships", async () => {
    const name = synthName();
    const ended = synthName();
    const list = await makeList(ctx, [{ name }]);
    const app = await applicantApp(ctx, tenant, name);
    const gone = await applicantApp(ctx, tenant, ended, { status: "rejected", decidedAt: ctx.clock.now() });
    await screen(app);
    await screen(gone);
    expect(await reviewsOf(ctx, tenant.id, app.id)).toHaveLength(1);
    await addVersion(ctx, list, [{ name: ended }]);
    const stats = await rescreen(ctx.deps, { tenantId: tenant.id });
    expect(stats.newReviews).toBe(0);
    expect(await reviewsOf(ctx, tenant.id, app.id)).toHaveLength(1);
    expect(await reviewsOf(ctx, tenant.id, gone.id)).toEqual([]);
    const goneSubject = await subjectOf(gone.id);
    expect(goneSubject.relationship_ended_at).not.toBeNull();
    expect((await subjectOf(app.id)).last_list_version).toBe(stats.listVersion);
  });

  it("resumes where it stopped: committed batches are not screened again", async () => {
    const t = await makeTenant(ctx);
    const list = await makeList(ctx, [{ name: synthName() }]);
    const apps = [];
    for (let i = 0; i < 5; i++) apps.push(await applicantApp(ctx, t, synthName()));
    for (const a of apps) await screen(a);
    await addVersion(ctx, list, [{ name: synthName() }]);
    const part = await rescreen(ctx.deps, { tenantId: t.id, batch: 2, maxBatches: 1 });
    expect(part).toMatchObject({ screened: 2, batches: 1 });
    const rest = await rescreen(ctx.deps, { tenantId: t.id, batch: 2 });
    const results = await ctx.deps.db.selectFrom("screening_results").select(["subject_id"]).where("tenant_id", "=", t.id).where("reason", "=", "rescreen").execute();
    expect(new Set(results.map((r) => r.subject_id)).size).toBe(5);
    if (rest.listVersion === part.listVersion) {
      expect(rest).toMatchObject({ screened: 3, batches: 2 });
      expect(results).toHaveLength(5);
    } else {
      // Another test activated a list version in between (PostgreSQL runs share the lists): everyone again.
      expect(rest.screened).toBe(5);
    }
  });

  it("runs as the compliance.rescreen job", async () => {
    const t = await makeTenant(ctx);
    const name = synthName();
    const list = await makeList(ctx, [{ name: synthName() }]);
    const app = await applicantApp(ctx, t, name);
    await screen(app);
    await addVersion(ctx, list, [{ name }]);
    await rescreenJob.handler(ctx.deps, rescreenJob.payload.parse({ tenantId: t.id }), { id: "job", name: rescreenJob.name, attempts: 1, maxAttempts: 5, tenantId: t.id });
    expect((await reviewsOf(ctx, t.id, app.id)).map((r) => r.origin)).toEqual(["rescreen"]);
  });
});
