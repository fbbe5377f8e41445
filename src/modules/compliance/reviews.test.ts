import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type Session, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths } from "../../../tests/support/routes";
import { inTransaction } from "../../db";
import { MINUTE } from "../../kernel/clock";
import { kit } from "../onboarding/applications.testkit";
import { appRow, timelineOf } from "../onboarding/review.testkit";
import { applicantApp, checksOf, makeList, officer, reviewsOf, synthName } from "./compliance.testkit";
import { assessRisk } from "../risk/assess";
import { rescreen } from "./rescreen";
import { screenApplicant } from "./screen-applicant";

const ctx = await createTestContext();
const { req, ok } = kit(ctx);
let tenant: TestTenant;
let first: Session;
let second: Session;
let firstId: string;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  const a = await officer(ctx, tenant);
  const b = await officer(ctx, tenant);
  first = a.session;
  second = b.session;
  firstId = a.user.id;
});

/** An application whose applicant is on a new list (exactly: block band), screened as the hook does. */
async function screenedHit(o: { status?: "in_progress" | "submitted"; dateOfBirth?: string; t?: TestTenant } = {}) {
  const t = o.t ?? tenant;
  const name = synthName();
  const list = await makeList(ctx, [{ name, birthDates: ["1971-03-05"] }]);
  const app = await applicantApp(ctx, t, name, { status: o.status ?? "submitted", submittedAt: ctx.clock.now(), completedSteps: ["about", "work", "documents", "review"] });
  await inTransaction(ctx.deps.db, (trx) => screenApplicant(trx, ctx.deps, app, "before_submit"));
  const [review] = await reviewsOf(ctx, t.id, app.id);
  if (!review) throw new Error("no review opened");
  return { app, list, review, name };
}

const decide = (s: Session, id: string, decision: string, reason = "Different person: date of birth and nationality differ") =>
  req("POST", `/compliance/reviews/${id}/decision`, { decision, reason }, s.headers);

describe("four-eyes on clearing a block-band hit", () => {
  it("the first officer proposes, the same officer cannot confirm, a second one does; then it is closed", async () => {
    const { app, review } = await screenedHit();
    expect(review.band).toBe("block");
    expect(await ok(await decide(first, review.id, "false_positive"))).toEqual({ id: review.id, status: "clear_pending" });
    const pending = await ok<{ status: string; needsSecondOfficer: boolean; proposal: { by: { id: string } }; actions: string[] }>(await req("GET", `/compliance/reviews/${review.id}`, undefined, first.headers));
    expect(pending).toMatchObject({ status: "clear_pending", needsSecondOfficer: true, proposal: { by: { id: firstId } }, actions: [] });
    await expectProblem(await decide(first, review.id, "false_positive"), 409, "four_eyes_required");
    const forSecond = await ok<{ actions: string[] }>(await req("GET", `/compliance/reviews/${review.id}`, undefined, second.headers));
    expect(forSecond.actions).toEqual(["confirm"]);
    ctx.clock.advance(MINUTE);
    expect(await ok(await decide(second, review.id, "false_positive", "Agreed: not the listed person"))).toEqual({ id: review.id, status: "false_positive" });
    await expectProblem(await decide(second, review.id, "true_match"), 409, "review_closed");
    await expectProblem(await decide(first, review.id, "false_positive"), 409, "review_closed");

    const detail = await ok<{ history: Array<{ action: string }>; decision: { reason: string } }>(await req("GET", `/compliance/reviews/${review.id}`, undefined, first.headers));
    expect(detail.history.map((h) => h.action)).toEqual(["compliance.review_opened", "compliance.review_clear_proposed", "compliance.review_false_positive"]);
    expect(detail.decision.reason).toBe("Agreed: not the listed person");
    const cleared = await ctx.deps.db.selectFrom("screening_cleared").selectAll().where("tenant_id", "=", tenant.id).where("review_id", "=", review.id).execute();
    expect(cleared).toHaveLength(1);
    const checks = await checksOf(ctx, tenant.id, app.id);
    expect(checks.at(-1)).toMatchObject({ outcome: "pass", actor: expect.stringMatching(/^user:/) });
    expect(checks.at(-1)?.summary).toBe("no sanctions match; 1 previously cleared");
  });

  it("a second officer may overturn a proposal into a true match; approval is then refused", async () => {
    const { app, review } = await screenedHit();
    await ok(await decide(first, review.id, "false_positive"));
    expect(await ok(await decide(second, review.id, "true_match", "The passport number is on the list"))).toEqual({ id: review.id, status: "true_match" });
    const timeline = await timelineOf(ctx, app);
    expect(timeline.map((e) => e.type)).toContain("screening_true_match");
    expect((await checksOf(ctx, tenant.id, app.id)).at(-1)).toMatchObject({ outcome: "fail", summary: "confirmed sanctions match" });
    const p = await expectProblem(await req("POST", `/applications/${app.id}/decision`, { decision: "approve" }, second.headers), 409, "compliance_hold");
    expect(p.detail).toMatch(/true match/);
    expect((await appRow(ctx, app)).status).toBe("submitted");
  });

  it("a decision reassesses the application's risk: a cleared hit stops counting", async () => {
    const { app, review } = await screenedHit();
    // As the risk hook does after the screening hook.
    const row = await appRow(ctx, app);
    await inTransaction(ctx.deps.db, (trx) => assessRisk(trx, ctx.deps, row));
    await ok(await decide(first, review.id, "false_positive"));
    const before = await appRow(ctx, app);
    expect(before.risk_reasons.map((r) => r.rule)).toContain("sanctions_block_band");
    await ok(await decide(second, review.id, "false_positive", "Agreed: not the listed person"));
    const after = await appRow(ctx, app);
    expect(after.risk_reasons.map((r) => r.rule)).not.toContain("sanctions_block_band");
    expect(after.risk_score ?? 0).toBeLessThan(before.risk_score ?? 0);
  });

  it("a review-band hit is decided by one officer", async () => {
    const { review } = await screenedHit();
    await ctx.deps.db.updateTable("compliance_reviews").set({ band: "review" }).where("tenant_id", "=", tenant.id).where("id", "=", review.id).execute();
    expect(await ok(await decide(first, review.id, "false_positive"))).toEqual({ id: review.id, status: "false_positive" });
  });
});

describe("approval with an open review", () => {
  it("is refused while the review is open and allowed once it is cleared", async () => {
    const { app, review } = await screenedHit();
    const p = await expectProblem(await req("POST", `/applications/${app.id}/decision`, { decision: "approve" }, first.headers), 409, "compliance_hold");
    expect(p.detail).toMatch(/compliance review/);
    const held = await ok<{ complianceHold: unknown }>(await req("GET", `/applications/${app.id}`, undefined, first.headers));
    expect(held.complianceHold).toEqual({ reason: "open_reviews", openReviews: 1 });
    await ok(await decide(first, review.id, "false_positive"));
    await expectProblem(await req("POST", `/applications/${app.id}/decision`, { decision: "approve" }, first.headers), 409, "compliance_hold");
    await ok(await decide(second, review.id, "false_positive"));
    expect((await ok<{ complianceHold: unknown }>(await req("GET", `/applications/${app.id}`, undefined, first.headers))).complianceHold).toBeNull();
    const approved = await ok<{ status: string }>(await req("POST", `/applications/${app.id}/decision`, { decision: "approve" }, first.headers));
    expect(approved.status).toBe("approved");
  });

  it("rejecting is still possible", async () => {
    const { app } = await screenedHit();
    const r = await ok<{ status: string }>(await req("POST", `/applications/${app.id}/decision`, { decision: "reject", reasonCode: "policy" }, first.headers));
    expect(r.status).toBe("rejected");
  });
});

describe("remembered false positives", () => {
  it("are not reopened by the next screening nor by re-screening", async () => {
    const { app, review } = await screenedHit({ status: "in_progress" });
    await ok(await decide(first, review.id, "false_positive"));
    await ok(await decide(second, review.id, "false_positive"));
    ctx.clock.advance(MINUTE);
    await inTransaction(ctx.deps.db, (trx) => screenApplicant(trx, ctx.deps, app, "manual", "system"));
    await ctx.deps.db.updateTable("screening_subjects").set({ last_list_version: "old" }).where("tenant_id", "=", tenant.id).where("application_id", "=", app.id).execute();
    const stats = await rescreen(ctx.deps, { tenantId: tenant.id });
    expect(stats.screened).toBeGreaterThanOrEqual(1);
    expect(await reviewsOf(ctx, tenant.id, app.id)).toHaveLength(1);
    const last = (await checksOf(ctx, tenant.id, app.id)).at(-1);
    expect((last?.details as { previouslyCleared?: Array<{ reviewId: string }> } | undefined)?.previouslyCleared).toEqual([expect.objectContaining({ reviewId: review.id })]);
  });
});

describe("the review queue", () => {
  it("lists waiting work first, filters by status, band and origin, and pages with a cursor", async () => {
    const t = await makeTenant(ctx);
    const a = await officer(ctx, t);
    const b = await officer(ctx, t);
    const one = await screenedHit({ t });
    ctx.clock.advance(MINUTE);
    const two = await screenedHit({ t });
    ctx.clock.advance(MINUTE);
    const three = await screenedHit({ t });
    await ok(await decide(a.session, three.review.id, "false_positive"));
    await ok(await decide(a.session, one.review.id, "true_match"));
    const all = await ok<{ items: Array<{ id: string; status: string }>; nextCursor: string | null }>(await req("GET", "/compliance/reviews?limit=2", undefined, b.session.headers));
    expect(all.items.map((i) => i.id)).toEqual([three.review.id, two.review.id]);
    const rest = await ok<{ items: Array<{ id: string }>; nextCursor: string | null }>(await req("GET", `/compliance/reviews?limit=2&cursor=${all.nextCursor}`, undefined, b.session.headers));
    expect(rest).toEqual({ items: [expect.objectContaining({ id: one.review.id, status: "true_match" })], nextCursor: null });
    const open = await ok<{ items: Array<{ id: string }> }>(await req("GET", "/compliance/reviews?status=open,clear_pending&band=block&origin=onboarding", undefined, b.session.headers));
    expect(open.items.map((i) => i.id)).toEqual([three.review.id, two.review.id]);
    const none = await ok<{ items: unknown[] }>(await req("GET", "/compliance/reviews?origin=rescreen", undefined, b.session.headers));
    expect(none.items).toEqual([]);
  });

  it("refuses bad filters and bad decisions with the field named", async () => {
    const { review } = await screenedHit();
    expect(issuePaths(await expectProblem(await req("GET", "/compliance/reviews?status=maybe", undefined, first.headers), 400, "validation_failed"))).toContain("query.status");
    expect(issuePaths(await expectProblem(await req("GET", "/compliance/reviews?cursor=nope", undefined, first.headers), 400, "validation_failed"))).toContain("query.cursor");
    expect(issuePaths(await expectProblem(await decide(first, review.id, "false_positive", "  "), 400, "validation_failed"))).toContain("body.reason");
    expect(issuePaths(await expectProblem(await decide(first, review.id, "maybe"), 400, "validation_failed"))).toContain("body.decision");
    expect(issuePaths(await expectProblem(await decide(first, review.id, "true_match", "x".repeat(2001)), 400, "validation_failed"))).toContain("body.reason");
    expect((await reviewsOf(ctx, tenant.id, review.application_id as string))[0]?.status).toBe("open");
  });

  it("an admin reads reviews but cannot decide them; a reviewer cannot read them", async () => {
    const { review } = await screenedHit();
    const admin = await apiKeyHeaders(ctx, tenant, "admin");
    const read = await ok<{ actions: string[] }>(await req("GET", `/compliance/reviews/${review.id}`, undefined, admin));
    expect(read.actions).toEqual([]);
    await expectProblem(await req("POST", `/compliance/reviews/${review.id}/decision`, { decision: "true_match", reason: "Admin tries" }, admin), 403, "forbidden");
    await expectProblem(await req("GET", "/compliance/reviews", undefined, await apiKeyHeaders(ctx, tenant, "reviewer")), 403, "forbidden");
  });
});

describe("tenants", () => {
  it("never see another bank's reviews", async () => {
    const other = await makeTenant(ctx);
    const theirs = await officer(ctx, other);
    const { review } = await screenedHit();
    await expectProblem(await req("GET", `/compliance/reviews/${review.id}`, undefined, theirs.session.headers), 404, "not_found");
    await expectProblem(await decide(theirs.session, review.id, "true_match"), 404, "not_found");
    const list = await ok<{ items: Array<{ id: string }> }>(await req("GET", "/compliance/reviews", undefined, theirs.session.headers));
    expect(list.items.map((i) => i.id)).not.toContain(review.id);
    expect((await reviewsOf(ctx, tenant.id, review.application_id as string))[0]?.status).toBe("open");
  });
});
