import { describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant } from "../../../tests/support/factories";
import { expectProblem } from "../../../tests/support/routes";
import { kit } from "./applications.testkit";
import { appRow, customerHeaders, makeApplication } from "./review.testkit";

const ctx = await createTestContext();
const { req, ok } = kit(ctx);
type Saved = { saved: string[]; warnings: Array<{ path: string; code: string; message: string }> };

async function customer(language = "en") {
  const tenant = await makeTenant(ctx);
  const app = await makeApplication(ctx, tenant, { status: "in_progress", language });
  return { app, auth: await customerHeaders(ctx, app) };
}
const save = (auth: Record<string, string>, answers: Record<string, unknown>) => req("PATCH", "/public/applications/me/answers", { answers }, auth);

describe("saving answers: account and contact data", () => {
  it("saves a disposable email and warns in the application's language, without blocking", async () => {
    const { app, auth } = await customer("he");
    const out = await ok<Saved>(await save(auth, { email: "dana@mailinator.com" }));
    expect(out.saved).toEqual(["email"]);
    expect(out.warnings).toEqual([{ path: "answers.email", code: "disposable_email", message: expect.stringContaining("זמנית") }]);
    expect((await appRow(ctx, app)).answers).toMatchObject({ email: "dana@mailinator.com" });
    expect((await ok<Saved>(await save(auth, { email: "dana@example.com" }))).warnings).toEqual([]);
  });

  it("stores phones in E.164 and explains what is wrong in the customer's language", async () => {
    const { app, auth } = await customer("en");
    expect((await ok<Saved>(await save(auth, { phone: "+972 (50) 765-4321" }))).saved).toEqual(["phone"]);
    expect((await appRow(ctx, app)).answers).toMatchObject({ phone: "+972507654321" });
    const short = await expectProblem(await save(auth, { phone: "+972 50 76" }), 400, "validation_failed");
    expect(short.errors).toEqual([{ path: "answers.phone", code: "phone_too_short", message: "This phone number is too short. Check for missing digits." }]);
    expect((await appRow(ctx, app)).answers).toMatchObject({ phone: "+972507654321" });
  });
});
