import { expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant } from "../../../tests/support/factories";
import { closeIdleResponses } from "./close-idle-job";
import { insertResponse, insertSurvey } from "./responses.testkit";

it("closes in-progress responses idle past FEEDBACK_PARTIAL_AFTER_HOURS as partial, and only those", async () => {
  const ctx = await createTestContext({ env: { FEEDBACK_PARTIAL_AFTER_HOURS: "6" } });
  expect(ctx.config.feedbackPartialAfterHours).toBe(6);
  const tenant = await makeTenant(ctx);
  const surveyId = await insertSurvey(ctx.deps.db, tenant.id);
  const now = ctx.clock.now();
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const idle = await insertResponse(ctx.deps.db, tenant.id, surveyId, { status: "in_progress", answers: { nps: 4 }, startedAt: hoursAgo(7) });
  const fresh = await insertResponse(ctx.deps.db, tenant.id, surveyId, { status: "in_progress", startedAt: hoursAgo(5) });
  const done = await insertResponse(ctx.deps.db, tenant.id, surveyId, { status: "completed", startedAt: hoursAgo(30) });
  const closed = await closeIdleResponses(ctx.deps.db, now, ctx.config.feedbackPartialAfterHours, { tenantId: tenant.id });
  expect(closed).toBe(1);
  const rows = await ctx.deps.db.selectFrom("survey_responses").select(["id", "status", "finalized_seq"]).where("tenant_id", "=", tenant.id).execute();
  const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
  expect([status[idle], status[fresh], status[done]]).toEqual(["partial", "in_progress", "completed"]);
  // The trigger numbered the newly final response for the rollups.
  expect(rows.find((r) => r.id === idle)?.finalized_seq).not.toBeNull();
  expect(rows.find((r) => r.id === fresh)?.finalized_seq).toBeNull();
});
