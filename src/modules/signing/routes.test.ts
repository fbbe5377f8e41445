import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../../config";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { API, expectProblem } from "../../../tests/support/routes";
import { NoSealKeyProvider, P12KeyProvider, sealKeyProvider } from "./keys";
import { findLastSignature } from "./pdf";
import { networkOf } from "../../kernel/network";
import { PUBLIC_VERIFIES_PER_HOUR } from "./routes";
import { flipByte, makePdf, pdfsig } from "./signing.testkit";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestSealCa } from "./test-ca";
import { startLocalTsa } from "./tsa.testkit";

const ctx = await createTestContext({ env: { TRUST_PROXY: "true", ONBOARDING_UPLOAD_MAX_BYTES: String(64 * 1024) } });
let tenant: TestTenant;
let admin: Record<string, string>;
let pdf: Uint8Array;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
  pdf = await makePdf(3);
}, 30_000);

const post = (path: string, body: Uint8Array | string, headers: Record<string, string> = {}) =>
  ctx.app.request(`${API}${path}`, { method: "POST", body: typeof body === "string" ? body : Buffer.from(body), headers: { "content-type": "application/pdf", ...headers } });

describe("POST /signing/seal", () => {
  it("seals for an admin: a PDF pdfsig accepts, an audit row with both hashes, and /signing/verify trusts it", async () => {
    const res = await post("/signing/seal", pdf, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const sealed = new Uint8Array(await res.arrayBuffer());
    const out = pdfsig(sealed);
    expect(out).toContain("Signature is Valid.");
    expect(out).toContain("Total document signed");

    const audit = await ctx.deps.db.selectFrom("audit_log").selectAll().where("tenant_id", "=", tenant.id).where("action", "=", "document.sealed").execute();
    expect(audit).toHaveLength(1);
    const data = audit[0]?.data as Record<string, unknown>;
    expect(data.inputSha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    expect(data.outputSha256).toBe(createHash("sha256").update(sealed).digest("hex"));

    const v = await post("/signing/verify", sealed, { "x-forwarded-for": "198.51.100.1" });
    expect(v.status).toBe(200);
    expect(await v.json()).toMatchObject({ sealed: true, intact: true, coversWholeDocument: true, trusted: true, testSeal: true, bank: { slug: tenant.slug, name: tenant.name }, auditTrail: [], problems: [] });

    const [, b] = findLastSignature(sealed)?.byteRange ?? [0, 0];
    const altered = await (await post("/signing/verify", flipByte(sealed, b - 10), { "x-forwarded-for": "198.51.100.1" })).json();
    expect(altered).toMatchObject({ sealed: true, intact: false, trusted: false, bank: null });
  });

  it("refuses roles without documents:seal, and callers without credentials", async () => {
    await expectProblem(await post("/signing/seal", pdf, await apiKeyHeaders(ctx, tenant, "compliance_officer")), 403, "forbidden");
    await expectProblem(await post("/signing/seal", pdf), 401, "unauthenticated");
  });

  it("refuses bad bodies with problem+json: empty, not a PDF, damaged, too large", async () => {
    await expectProblem(await post("/signing/seal", "", admin), 400, "validation_failed");
    const notPdf = await expectProblem(await post("/signing/seal", "MZ\x90\x00 an exe", admin), 415, "unsupported_media_type");
    expect(notPdf.detail).toContain("Windows executable");
    await expectProblem(await post("/signing/seal", "%PDF-1.4\nthis is not really a pdf", admin), 400, "validation_failed");
    await expectProblem(await post("/signing/seal", new Uint8Array(70 * 1024).fill(0x25), admin), 413, "payload_too_large");
  });
});

describe("POST /signing/verify", () => {
  it("is public and says an unsealed PDF is not sealed", async () => {
    const res = await post("/signing/verify", pdf, { "x-forwarded-for": "198.51.100.2" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sealed: false, intact: false, trusted: false, signer: null, bank: null });
  });

  it("caps checks per network and hour (a neighbour address counts too), and lets another network in", async () => {
    for (let i = 0; i < PUBLIC_VERIFIES_PER_HOUR; i++) await post("/signing/verify", "x", { "x-forwarded-for": `203.0.113.${i % 200}` });
    const refused = await expectProblem(await post("/signing/verify", pdf, { "x-forwarded-for": "203.0.113.250" }), 429, "rate_limited");
    expect(refused.code).toBe("rate_limited");
    expect((await post("/signing/verify", pdf, { "x-forwarded-for": "192.0.2.9" })).status).toBe(200);
    ctx.clock.advance(3_600_001);
    expect((await post("/signing/verify", pdf, { "x-forwarded-for": "203.0.113.7" })).status).toBe(200);
  });

  it("names networks: IPv4 /24 and IPv6 /64", () => {
    expect(networkOf("203.0.113.7")).toBe("203.0.113.0/24");
    expect(networkOf("::ffff:203.0.113.7")).toBe("203.0.113.0/24");
    expect(networkOf("2001:db8:0:12::1")).toBe("2001:db8:0:12::/64");
    expect(networkOf("2001:0db8:0000:0012:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:0:12::/64");
    expect(networkOf(null)).toBeNull();
  });
});

describe("key providers", () => {
  it("config wants the P12's password with its path", () => {
    expect(() => testConfig({ SEAL_P12_PATH: "/etc/atrium/seal.p12" })).toThrow(/SEAL_P12_PASSWORD/);
  });

  it("production without a P12 has no seal key: 503 not_ready with a clear message", async () => {
    const provider = sealKeyProvider(ctx.deps.db, testConfig({ NODE_ENV: "production", ATRIUM_SECRET: "p".repeat(40) }));
    expect(provider).toBeInstanceOf(NoSealKeyProvider);
    await expect(provider.sealerFor("t", "Bank")).rejects.toMatchObject({ code: "not_ready", status: 503, message: expect.stringContaining("SEAL_P12_PATH") });
    expect(sealKeyProvider(ctx.deps.db, ctx.config)).not.toBeInstanceOf(P12KeyProvider);
  });
});

describe("a configured time-stamp authority (SEAL_TSA_URL)", () => {
  it("config: https, or http only to localhost outside production; Basic credentials come in pairs", () => {
    expect(() => testConfig({ SEAL_TSA_URL: "http://tsa.example.com/tsr" })).toThrow(/SEAL_TSA_URL: must be an https/);
    expect(() => testConfig({ NODE_ENV: "production", ATRIUM_SECRET: "p".repeat(40), SEAL_TSA_URL: "http://127.0.0.1:3180/" })).toThrow(/SEAL_TSA_URL/);
    expect(() => testConfig({ SEAL_TSA_URL: "ftp://tsa.example.com/" })).toThrow(/SEAL_TSA_URL/);
    expect(() => testConfig({ SEAL_TSA_URL: "https://tsa.example.com/tsr", SEAL_TSA_USERNAME: "bank" })).toThrow(/SEAL_TSA_PASSWORD/);
    expect(testConfig({ SEAL_TSA_URL: "http://127.0.0.1:3180/" }).seal.tsa).toEqual({ url: "http://127.0.0.1:3180/", timeoutMs: 10_000, username: undefined, password: undefined });
    expect(testConfig({ SEAL_TSA_URL: "https://tsa.example.com/tsr", SEAL_TSA_TIMEOUT_MS: "2500", SEAL_TSA_USERNAME: "bank", SEAL_TSA_PASSWORD: "pw" }).seal.tsa).toMatchObject({ timeoutMs: 2500, username: "bank", password: "pw" });
    expect(testConfig().seal.tsa).toBeNull();
  });

  it("seals with a time-stamp that /signing/verify reports; a failing TSA answers 503 seal_failed naming it", async () => {
    const tsa = await startLocalTsa(new TestSealCa(mkdtempSync(join(tmpdir(), "atrium-tsa-")), ctx.config.secretKey));
    try {
      const tctx = await createTestContext({ env: { SEAL_TSA_URL: tsa.url, SEAL_TSA_TIMEOUT_MS: "3000" } });
      const t = await makeTenant(tctx);
      const headers = { "content-type": "application/pdf", ...(await apiKeyHeaders(tctx, t, "admin")) };
      const res = await tctx.app.request(`${API}/signing/seal`, { method: "POST", body: Buffer.from(pdf), headers });
      expect(res.status).toBe(200);
      const sealed = new Uint8Array(await res.arrayBuffer());
      expect(pdfsig(sealed)).toContain("Signature is Valid.");
      expect(tsa.requests).toHaveLength(1);
      const v = await (await tctx.app.request(`${API}/signing/verify`, { method: "POST", body: Buffer.from(sealed), headers: { "content-type": "application/pdf" } })).json();
      expect(v).toMatchObject({ trusted: true, timestamp: { authority: expect.stringContaining("Time-Stamp Authority") }, problems: [] });

      tsa.mode = "reject";
      const refused = await expectProblem(await tctx.app.request(`${API}/signing/seal`, { method: "POST", body: Buffer.from(pdf), headers }), 503, "seal_failed");
      expect(refused.detail).toContain(tsa.url);
      expect(refused.detail).toContain("refused the request");
    } finally {
      await tsa.close();
    }
  }, 60_000);
});
