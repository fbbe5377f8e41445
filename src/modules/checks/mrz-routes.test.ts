import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { API, expectProblem, send } from "../../../tests/support/routes";
import { terminateOcr } from "../identity/ocr";

const ctx = await createTestContext();
let tenant: TestTenant;
let agent: Record<string, string>;
const TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
const fixture = (file: string) => readFileSync(new URL(`../../../tests/fixtures/mrz/${file}`, import.meta.url));

const mrz = (body: unknown, headers = agent) => ctx.app.request(`${API}/checks/mrz`, send("POST", body, headers));
const upload = (bytes: Uint8Array | string, type: string | null, headers = agent) =>
  ctx.app.request(`${API}/checks/document`, { method: "POST", headers: { ...headers, ...(type ? { "content-type": type } : {}) }, body: typeof bytes === "string" ? bytes : new Blob([new Uint8Array(bytes)]) });

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  agent = await apiKeyHeaders(ctx, tenant, "agent");
});
afterAll(() => terminateOcr());

describe("POST /checks/mrz", () => {
  it("answers the issue's contract for the ICAO TD3 specimen", async () => {
    const res = await mrz({ mrz: TD3 });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["corrections", "errors", "fields", "format", "valid", "variant", "warnings"]);
    expect(body).toMatchObject({
      valid: true,
      format: "TD3",
      fields: { documentNumber: "L898902C3", surname: "ERIKSSON", givenNames: "ANNA MARIA", nationality: "UTO", issuingState: "UTO", birthDate: "1974-08-12", expiryDate: "2012-04-15", sex: "F" },
      errors: [],
      warnings: [{ field: "expiryDate", code: "expired" }],
    });
  });

  it("reports check-digit errors and corrections with 200 (the text is a zone)", async () => {
    const res = await mrz({ mrz: TD3.replace("7408122", "7408123").replace("P<UTO", "p<ut0").replace("\n", "\r\n") });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.valid).toBe(false);
    expect(body.errors).toEqual([
      { field: "birthDate", code: "invalid_check_digit" },
      { field: "composite", code: "invalid_check_digit" },
    ]);
    expect(body.corrections).toEqual([{ line: 1, position: 5, from: "0", to: "O", field: "issuingState" }]);
  });

  it.each([
    [{ mrz: "" }, "empty"],
    [{ mrz: "not a machine readable zone" }, "unknown_format"],
    [{ mrz: TD3.replace("\n", "") }, "unknown_format"],
    [{ mrz: TD3.replace("ERIKSSON", "ÉRIKSSON") }, "invalid_characters"],
    [{ mrz: TD3.replace("ERIKSSON", "ERIKS$ON") }, "invalid_characters"],
    [{ mrz: `${TD3}\n${"<".repeat(44)}\n${"<".repeat(44)}` }, "unknown_format"],
    [{ mrz: "A".repeat(201) }, "too_big"],
    [{ mrz: 42 }, "invalid_type"],
    [{}, "invalid_type"],
  ])("garbage %j → 400 on body.mrz (%s)", async (body, code) => {
    const p = await expectProblem(await mrz(body), 400, "validation_failed");
    expect(p.errors?.[0]).toMatchObject({ path: "body.mrz", code });
    expect(p.errors?.[0]?.message.length).toBeGreaterThan(5);
  });

  it("refuses unknown fields and callers without checks:run", async () => {
    await expectProblem(await mrz({ mrz: TD3, extra: 1 }), 400, "unknown_field");
    const viewer = await apiKeyHeaders(ctx, tenant, "viewer");
    await expectProblem(await mrz({ mrz: TD3 }, viewer), 403, "forbidden");
    await expectProblem(await ctx.app.request(`${API}/checks/mrz`, send("POST", { mrz: TD3 }, {})), 401, "unauthenticated");
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = await (await ctx.app.request(`${API}/openapi.json`)).json();
    expect(doc.paths[`${API}/checks/mrz`].post.requestBody.content["application/json"]).toBeDefined();
    expect(doc.paths[`${API}/checks/document`].post.requestBody.content["image/png"]).toBeDefined();
    expect(doc.components.schemas.MrzCheck.properties.fields).toBeDefined();
  });
});

describe("POST /checks/document", () => {
  it("reads a JPEG data page with real OCR and answers the provider's verdict", async () => {
    const res = await upload(fixture("td3-synthetic.jpg"), "image/jpeg");
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const body = JSON.parse(text);
    expect(body.provider).toBe("local");
    expect(["pass", "review"]).toContain(body.outcome);
    expect(body.mrz).toMatchObject({ valid: true, format: "TD3", fields: { surname: "HAMDAN", givenNames: "LAYLA NOOR", documentNumber: "C7Y40K2M1", birthDate: "1991-03-05", expiryDate: "2034-09-17", sex: "F" } });
    expect(body.ocr.confidence).toBeGreaterThan(0);
    expect(body.ocr.ms).toBeGreaterThan(0);
    // Review exactly when something calls for a person.
    expect(body.outcome === "review").toBe(body.reasons.length > 0);
  });

  it("a page without a zone → 422 ocr_unreadable", async () => {
    await expectProblem(await upload(fixture("no-mrz.png"), "image/png"), 422, "ocr_unreadable");
  });

  it("refuses what is not a JPEG or PNG, a mismatch, an empty body and a missing type", async () => {
    const png = fixture("no-mrz.png");
    expect((await expectProblem(await upload("%PDF-1.7 not really", "application/pdf"), 415, "unsupported_media_type")).errors?.[0]?.path).toBe("body");
    expect((await expectProblem(await upload(png, "image/jpeg"), 415, "unsupported_media_type")).errors?.[0]?.code).toBe("type_mismatch");
    expect((await expectProblem(await upload("MZ\u0090\u0000 executable", "image/png"), 415, "unsupported_media_type")).detail).toContain("executable");
    expect((await expectProblem(await upload(new Uint8Array(0), "image/png"), 400, "validation_failed")).errors?.[0]).toMatchObject({ path: "body", code: "empty" });
    await expectProblem(await upload(png, null), 415, "unsupported_media_type");
  });

  it("refuses an image over the upload limit with 413", async () => {
    const big = new Uint8Array(ctx.config.onboarding.uploadMaxBytes + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expectProblem(await upload(big, "image/png"), 413, "payload_too_large");
  });

  it("needs checks:run before looking at the body", async () => {
    const viewer = await apiKeyHeaders(ctx, tenant, "viewer");
    await expectProblem(await upload(fixture("td3-synthetic.jpg"), "image/jpeg", viewer), 403, "forbidden");
  });
});
