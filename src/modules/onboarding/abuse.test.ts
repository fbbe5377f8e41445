import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../tests/support/factories";
import { expectProblem } from "../../../tests/support/routes";
import { kit } from "./applications.testkit";
import { OTP_SENDS_PER_DESTINATION_HOUR } from "./links";
import { PUBLIC_STARTS_PER_HOUR } from "./public-routes";

/** The public start lets anyone name a phone number: starts per network and codes per number are capped. */
const ctx = await createTestContext({ env: { TRUST_PROXY: "true" } });
const { req, ok, lastMessage } = kit(ctx);
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
});

const start = (ip: string, phone: string) => req("POST", `/public/banks/${tenant.slug}/applications`, { product: "savings", name: "Pump Test", phone }, { "x-forwarded-for": ip });

describe("abuse of the public start", () => {
  it("refuses more starts from one network in an hour, with Retry-After, and lets another network in", async () => {
    for (let i = 0; i < PUBLIC_STARTS_PER_HOUR; i++) await ok(await start("203.0.113.7", `+97250300${String(i).padStart(4, "0")}`), 201);
    const refused = await start("203.0.113.7", "+972503009999");
    await expectProblem(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address of the same /24 is the same network: no way around the cap by hopping addresses.
    await expectProblem(await start("203.0.113.8", "+972503009998"), 429, "rate_limited");
    await ok(await start("198.51.100.9", "+972503009999"), 201);
    ctx.clock.advance(3_600_001);
    await ok(await start("203.0.113.7", "+972503008888"), 201);
  });

  it("sends at most a few codes an hour to one phone number, however many applications name it", async () => {
    const phone = "+972504440000";
    const tokens: string[] = [];
    for (let i = 0; i <= OTP_SENDS_PER_DESTINATION_HOUR; i++) {
      const { token } = await ok<{ token: string }>(await start(`192.0.2.${i + 1}`, phone), 201);
      tokens.push(token);
    }
    for (const token of tokens.slice(0, OTP_SENDS_PER_DESTINATION_HOUR)) await ok(await req("POST", `/public/applications/link/${token}/otp`, {}), 202);
    const last = tokens[OTP_SENDS_PER_DESTINATION_HOUR] as string;
    await expectProblem(await req("POST", `/public/applications/link/${last}/otp`, {}), 429, "rate_limited");
    const sent = await ctx.deps.db.selectFrom("messages").select("id").where("tenant_id", "=", tenant.id).where("recipient", "=", phone).where("template", "=", "onboarding.otp_sms").execute();
    expect(sent).toHaveLength(OTP_SENDS_PER_DESTINATION_HOUR);
    // An hour later the number may get a code again.
    ctx.clock.advance(3_600_001);
    await ok(await req("POST", `/public/applications/link/${last}/otp`, {}), 202);
    expect((await lastMessage(tenant.id, phone)).template).toBe("onboarding.otp_sms");
  });
});
