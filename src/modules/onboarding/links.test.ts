import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { expectProblem } from "../../../tests/support/routes";
import { type Json, kit } from "./applications.testkit";
import { issueLink } from "./links";

const ctx = await createTestContext();
const { req, ok, lastMessage, codeIn, openSession } = kit(ctx);
let tenant: TestTenant;
let api: Record<string, string>;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  api = await apiKeyHeaders(ctx, tenant, "agent");
});

const start = async (customer: Json) => {
  const created = await ok<{ id: string; link: string }>(await req("POST", "/applications", { product: "personal_loan", customer }, api), 201);
  return { id: created.id, token: created.link.split("/").at(-1) as string };
};

describe("one-time codes", () => {
  it("expire, go to the chosen channel, and at most five are sent per link an hour", async () => {
    const a = await start({ name: "Noa Bar", phone: "+972521110001", email: "noa@example.com", language: "en" });
    const mail = await ok<Json>(await req("POST", `/public/applications/link/${a.token}/otp`, { channel: "email" }), 202);
    expect(mail).toMatchObject({ channel: "email", to: "n•••@example.com" });
    const email = await lastMessage(tenant.id, "noa@example.com");
    expect(email).toMatchObject({ template: "onboarding.otp", sensitive: true });
    const code = codeIn(email.body_text);
    ctx.clock.advance(11 * 60_000);
    const late = await expectProblem(await req("POST", `/public/applications/link/${a.token}/session`, { code }), 401, "otp_invalid");
    expect(late.errors?.[0]).toMatchObject({ code: "otp_expired" });
    for (let i = 0; i < 4; i++) {
      await ok(await req("POST", `/public/applications/link/${a.token}/otp`, {}), 202);
      ctx.clock.advance(31_000);
    }
    const sixth = await req("POST", `/public/applications/link/${a.token}/otp`, {});
    await expectProblem(sixth, 429, "rate_limited");
    expect(sixth.headers.get("retry-after")).toBe("3600");
    ctx.clock.advance(3_600_000);
    await ok(await req("POST", `/public/applications/link/${a.token}/otp`, {}), 202);
    await expectProblem(await req("POST", `/public/applications/link/${a.token}/otp`, { channel: "sms" }), 429, "rate_limited");
  });

  it("refuses a channel the customer has no destination for", async () => {
    const a = await start({ name: "Email Only", email: "only@example.com" });
    await expectProblem(await req("POST", `/public/applications/link/${a.token}/otp`, { channel: "sms" }), 400, "validation_failed");
    await expectProblem(await req("POST", `/public/applications/link/${a.token}/otp`, { channel: "fax" }), 400, "validation_failed");
    await expectProblem(await req("POST", `/public/applications/link/${a.token}/session`, { code: "12" }), 401, "otp_invalid");
  });
});

describe("links for one item", () => {
  it("a re-upload link opens a session focused on its field", async () => {
    const a = await start({ name: "Focus Person", phone: "+972521110002" });
    const app = await ctx.deps.db.selectFrom("applications").selectAll().where("id", "=", a.id).executeTakeFirstOrThrow();
    const link = await issueLink(ctx.deps.db, ctx.deps, app, { purpose: "reupload", step: "documents", field: "payslip" });
    expect(link.url).toBe(`${ctx.config.publicUrl}/c/${tenant.slug}/a/${link.token}`);
    expect((await ok<Json>(await req("GET", `/public/applications/link/${link.token}`))).purpose).toBe("reupload");
    const s = await openSession(tenant.id, link.token, "+972521110002");
    const me = await ok<Json>(await req("GET", "/public/applications/me", undefined, s.auth));
    expect(me.focus).toEqual({ step: "documents", field: "payslip" });
    expect(me.welcome).toEqual([]);
    // Only the hash is stored.
    const row = await ctx.deps.db.selectFrom("application_links").selectAll().where("id", "=", link.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(link.token);
    expect(row.otp_hash).toBeNull();
  });
});
