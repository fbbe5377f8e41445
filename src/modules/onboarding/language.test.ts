import { describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant } from "../../../tests/support/factories";
import { expectProblem } from "../../../tests/support/routes";
import { kit } from "./applications.testkit";
import { appRow, customerHeaders, makeApplication } from "./review.testkit";

const ctx = await createTestContext();
const { req, ok } = kit(ctx);

describe("the customer's language after submission", () => {
  it("may still change (the bank's messages follow it) while answers may not", async () => {
    const tenant = await makeTenant(ctx);
    const app = await makeApplication(ctx, tenant, { status: "submitted", submittedAt: ctx.clock.now(), language: "en" });
    const auth = await customerHeaders(ctx, app);
    await ok(await req("PATCH", "/public/applications/me/answers", { language: "ar" }, auth));
    expect((await appRow(ctx, app)).language).toBe("ar");
    await expectProblem(await req("PATCH", "/public/applications/me/answers", { language: "he", answers: { fullName: "Changed" } }, auth), 409, "wrong_state");
    const after = await appRow(ctx, app);
    expect(after.language).toBe("ar");
    expect((after.answers as Record<string, unknown>).fullName).toBe("Dana Levi");
    const bad = await expectProblem(await req("PATCH", "/public/applications/me/answers", { language: "fr" }, auth), 400, "validation_failed");
    expect(bad.errors?.map((e) => e.path)).toContain("body.language");
  });
});
