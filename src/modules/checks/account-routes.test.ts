import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant } from "../../../tests/support/factories";
import { API, expectProblem, issuePaths, send } from "../../../tests/support/routes";

const ctx = await createTestContext();
let agent: Record<string, string>;
let viewer: Record<string, string>;
type Json = Record<string, unknown>;

const post = (path: string, body: unknown, headers = agent) => ctx.app.request(`${API}/checks/${path}`, send("POST", body, headers));
const ok = async (res: Response) => {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as Json;
};
const codes = (r: Json) => (r.errors as { code: string }[]).map((e) => e.code);

beforeAll(async () => {
  const tenant = await makeTenant(ctx);
  agent = await apiKeyHeaders(ctx, tenant, "agent");
  viewer = await apiKeyHeaders(ctx, tenant, "viewer");
});

describe("POST /checks/iban", () => {
  it("accepts an IBAN as typed and returns the electronic format, country and BBAN", async () => {
    expect(await ok(await post("iban", { iban: " de89 3704 0044 0532 0130 00 " }))).toEqual({ valid: true, iban: "DE89370400440532013000", country: "DE", bban: "370400440532013000", errors: [] });
  });

  it("says what is wrong with an invalid IBAN in a 200", async () => {
    const typo = await ok(await post("iban", { iban: "DE89370400440532013001" }));
    expect(typo).toMatchObject({ valid: false, iban: "DE89370400440532013001", country: "DE" });
    expect(codes(typo)).toEqual(["iban_checksum"]);
    expect((typo.errors as { message: string }[])[0]?.message).toMatch(/check digits/);
    const short = await ok(await post("iban", { iban: "GB29 NWBK 6016 1331 9268 1" }));
    expect(codes(short)).toEqual(["iban_wrong_length"]);
    expect((short.errors as { message: string }[])[0]?.message).toContain("22 characters");
    expect(codes(await ok(await post("iban", { iban: "US12345678901234567890" })))).toEqual(["iban_unknown_country"]);
    expect(codes(await ok(await post("iban", { iban: "GB29 NWBK 6016 1331 9268 1X" })))).toEqual(["iban_bban_format", "iban_checksum"]);
    expect(codes(await ok(await post("iban", { iban: "" })))).toEqual(["iban_empty"]);
    expect(codes(await ok(await post("iban", { iban: "DE89 3704 ☃" })))).toEqual(["iban_invalid_characters"]);
  });

  it("refuses a missing, non-string or too long iban with a 400 naming body.iban", async () => {
    for (const body of [{}, { iban: 12 }, { iban: null }, { iban: "D".repeat(101) }]) {
      expect(issuePaths(await expectProblem(await post("iban", body), 400, "validation_failed")), JSON.stringify(body)).toContain("body.iban");
    }
    await expectProblem(await post("iban", { iban: "DE89370400440532013000", extra: 1 }), 400, "unknown_field");
  });

  it("needs checks:run", async () => {
    await expectProblem(await post("iban", { iban: "DE89370400440532013000" }, viewer), 403, "forbidden");
  });
});

describe("POST /checks/bic", () => {
  it("splits a valid BIC into its parts", async () => {
    expect(await ok(await post("bic", { bic: "deut de ff 500" }))).toEqual({ valid: true, bic: "DEUTDEFF500", country: "DE", institution: "DEUT", location: "FF", branch: "500", test: false, errors: [] });
    expect(await ok(await post("bic", { bic: "NEDSZAJ0" }))).toMatchObject({ valid: true, branch: null, test: true });
  });

  it("refuses wrong lengths, characters and countries", async () => {
    expect(codes(await ok(await post("bic", { bic: "DEUTDEF" })))).toEqual(["bic_length"]);
    expect(codes(await ok(await post("bic", { bic: "DEUTZZFF" })))).toEqual(["bic_unknown_country"]);
    expect(codes(await ok(await post("bic", { bic: "DEUT12FF" })))).toEqual(["bic_country_format"]);
    expect(codes(await ok(await post("bic", { bic: "DEUT_DEFF" })))).toEqual(["bic_invalid_characters"]);
    expect(issuePaths(await expectProblem(await post("bic", { bic: ["x"] }), 400, "validation_failed"))).toContain("body.bic");
  });
});

describe("POST /checks/phone", () => {
  it("returns E.164, country and type by the full numbering plans", async () => {
    expect(await ok(await post("phone", { phone: "+972 50 765 4321" }))).toEqual({ valid: true, e164: "+972507654321", country: "IL", type: "mobile", errors: [] });
    expect(await ok(await post("phone", { phone: "03-555-1234", country: "IL" }))).toMatchObject({ valid: true, e164: "+97235551234", type: "fixed_line" });
  });

  it("says why a number is refused", async () => {
    expect(codes(await ok(await post("phone", { phone: "+972 50 76" })))).toEqual(["phone_too_short"]);
    expect(codes(await ok(await post("phone", { phone: "+972 50 765 4321 9999" })))).toEqual(["phone_too_long"]);
    expect(codes(await ok(await post("phone", { phone: "+44 20 7946 0958", country: "IL" })))).toEqual(["phone_wrong_country"]);
    expect(codes(await ok(await post("phone", { phone: "050 765 4321" })))).toEqual(["invalid_phone"]);
    expect(issuePaths(await expectProblem(await post("phone", { phone: "+97250", country: "ZZ" }), 400, "validation_failed"))).toContain("body.country");
    expect(issuePaths(await expectProblem(await post("phone", {}), 400, "validation_failed"))).toContain("body.phone");
  });
});

describe("POST /checks/email", () => {
  it("accepts an address and warns about a disposable domain", async () => {
    expect(await ok(await post("email", { email: " dana@example.com " }))).toEqual({ valid: true, email: "dana@example.com", disposable: false, errors: [], warnings: [] });
    const temp = await ok(await post("email", { email: "someone@mailinator.com" }));
    expect(temp).toMatchObject({ valid: true, disposable: true, errors: [] });
    expect((temp.warnings as { code: string }[]).map((w) => w.code)).toEqual(["disposable_email"]);
  });

  it("refuses what is not an address", async () => {
    expect(codes(await ok(await post("email", { email: "dana@example" })))).toEqual(["invalid_email"]);
    expect(codes(await ok(await post("email", { email: `${"a".repeat(65)}@example.com` })))).toEqual(["email_too_long"]);
    expect(issuePaths(await expectProblem(await post("email", { email: 5 }), 400, "validation_failed"))).toContain("body.email");
  });
});
