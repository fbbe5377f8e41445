import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { API, expectProblem } from "../../../tests/support/routes";
import { ANNA } from "../onboarding/applications.testkit";
import { type SealKeyProvider, sealKeyProvider } from "./keys";
import { envelopeKit } from "./envelopes/envelopes.testkit";
import { createEnvelope, envelopeEvents, setSealKeysForTests, verifyEnvelopeChain } from "./envelopes/service";
import { pdfsig } from "./signing.testkit";

const ctx = await createTestContext({ env: { TRUST_PROXY: "true" } });
const k = envelopeKit(ctx);
const staff = { actor: null, ip: null, userAgent: null };
let tenant: TestTenant;
beforeAll(async () => {
  tenant = await makeTenant(ctx);
});

type Copy = { envelopeId: string; bank: { slug: string }; signer: { name: string; contact: { sms: string | null; email: string | null } }; authenticated: boolean; otp: { channel: string } | null; documents: Array<{ id: string; name: string; signedSha256: string }>; completedAt: string; availableUntil: string };
let ipN = 0;
const as = (token: string) => ({ authorization: `Bearer ${token}`, "user-agent": "Mozilla/5.0 (Linux; Android 14) Mobile", "x-forwarded-for": `198.51.100.${(ipN++ % 200) + 20}` });
const call = (method: string, path: string, token: string, body?: unknown) =>
  ctx.app.request(`${API}${path}`, body === undefined ? { method, headers: as(token) } : { method, headers: { ...as(token), "content-type": "application/json" }, body: JSON.stringify(body) });
const signerRow = (envelopeId: string, role: "applicant" | "guarantor") => ctx.deps.db.selectFrom("envelope_signers").selectAll().where("envelope_id", "=", envelopeId).where("role", "=", role).executeTakeFirstOrThrow();

/** Passes a copy code sent to `to`: returns the view. */
async function confirmCopy(token: string, to: string) {
  await k.ok(await call("POST", "/public/signing/copy/otp", token, {}));
  return k.ok<Copy>(await call("POST", "/public/signing/copy/otp/verify", token, { code: k.codeIn((await k.lastMessage(tenant.id, to)).body_text) }));
}

describe("signed copies", () => {
  it("after the seal every signer gets a 30-day link; a code opens the sealed PDF; downloads are in the chain", async () => {
    const gus = `gus-${Date.now()}@example.com`;
    const app = await k.application(tenant);
    const envelope = await createEnvelope(ctx.deps, staff, {
      tenantId: tenant.id,
      applicationId: app.id,
      documents: ["builtin-loan_contract"],
      signers: [{ role: "applicant", name: ANNA.name, phone: ANNA.phone }, { role: "guarantor", name: "Gus Levi", email: gus, language: "en" }],
      routing: "parallel",
    });
    const annaSigning = await k.tokenFor(tenant.id, ANNA.phone);
    const gusSigning = await k.tokenFor(tenant.id, gus);
    await k.signAll(tenant.id, annaSigning, ANNA.phone);
    const done = await k.signAll(tenant.id, gusSigning, gus);
    expect(done.envelope).toMatchObject({ status: "completed", seal_status: "sealed" });
    const gusAtSigning = await signerRow(envelope.id, "guarantor");

    // Both hear it is done, with a link (SMS for Anna, email for Gus), sent as sensitive.
    const annaMsg = await k.lastMessage(tenant.id, ANNA.phone);
    const gusMsg = await k.lastMessage(tenant.id, gus);
    expect(annaMsg).toMatchObject({ template: "signing.completed_sms", sensitive: true });
    expect(gusMsg).toMatchObject({ template: "signing.completed", sensitive: true });
    expect(gusMsg.body_text).toContain("30 days");
    const annaCopy = k.signTokenIn(annaMsg.body_text);
    const copy = k.signTokenIn(gusMsg.body_text);
    expect(copy).not.toBe(gusSigning);

    // The signing link was replaced: it says "already signed" (never opens the copies); the copy link is not a signing link.
    await expectProblem(await call("GET", "/public/signing/copy", gusSigning), 410, "link_used");
    await expectProblem(await call("GET", "/public/signing", gusSigning), 410, "link_used");
    await expectProblem(await call("GET", "/public/signing", copy), 410, "link_used");

    const view = await k.ok<Copy>(await call("GET", "/public/signing/copy", copy));
    expect(view).toMatchObject({ envelopeId: envelope.id, authenticated: false, otp: null, signer: { name: "Gus Levi", contact: { sms: null } } });
    expect(view.signer.contact.email).not.toBe(gus);
    const [doc] = view.documents;
    expect(view.documents).toHaveLength(1);
    expect(doc?.signedSha256).toBe(done.documents[0]?.signed_sha256);
    expect(new Date(view.availableUntil).getTime() - ctx.clock.now().getTime()).toBe(30 * 86_400_000);
    const path = `/public/signing/copy/documents/${doc?.id}`;
    const refused = await expectProblem(await call("GET", path, copy), 403, "forbidden");
    expect(refused.errors?.[0]).toMatchObject({ path: "header.authorization", code: "code_required" });

    // A code: resend too soon, a wrong one counted, the right one confirms.
    const sent = await k.ok<{ channel: string; sentTo: string; resendAfterSeconds: number }>(await call("POST", "/public/signing/copy/otp", copy, {}));
    expect(sent).toMatchObject({ channel: "email", resendAfterSeconds: 30 });
    await expectProblem(await call("POST", "/public/signing/copy/otp", copy, {}), 429, "rate_limited");
    const code = k.codeIn((await k.lastMessage(tenant.id, gus)).body_text);
    expect((await k.ok<Copy>(await call("GET", "/public/signing/copy", copy))).otp).toMatchObject({ channel: "email" });
    const wrong = await expectProblem(await call("POST", "/public/signing/copy/otp/verify", copy, { code: code === "000000" ? "111111" : "000000" }), 401, "otp_invalid");
    expect(wrong.errors?.[0]).toMatchObject({ path: "body.code", params: { attemptsLeft: 4 } });
    const confirmed = await k.ok<Copy>(await call("POST", "/public/signing/copy/otp/verify", copy, { code }));
    expect(confirmed).toMatchObject({ authenticated: true, otp: null });

    const pdf = await call("GET", path, copy);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("cache-control")).toBe("no-store");
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="[A-Za-z0-9._-]+-signed\.pdf"; filename\*=UTF-8''/);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(doc?.signedSha256);
    const report = pdfsig(bytes);
    expect(report).toContain("Signature is Valid.");
    expect(report).toContain("Total document signed");

    // The chain records the copy's codes and the download, and still verifies.
    const events = await envelopeEvents(ctx.deps.db, tenant.id, envelope.id);
    const gusId = gusAtSigning.id;
    expect(events.filter((e) => e.signer_id === gusId && e.action.startsWith("copy_")).map((e) => e.action)).toEqual(["copy_otp_sent", "copy_otp_failed", "copy_authenticated", "copy_downloaded"]);
    expect(events.at(-1)?.data).toEqual({ documentId: doc?.id, sha256: doc?.signedSha256 });
    expect(await verifyEnvelopeChain(ctx.deps.db, tenant.id, envelope.id)).toEqual({ ok: true, brokenAt: null });
    const audit = await ctx.deps.db.selectFrom("audit_log").select("action").where("tenant_id", "=", tenant.id).where("subject_id", "=", envelope.id).execute();
    expect(audit.map((a) => a.action)).toContain("signing.copy_downloaded");
    // The signing's own authentication is untouched (it is what the certificate states).
    const gusAfter = await signerRow(envelope.id, "guarantor");
    expect(gusAfter).toMatchObject({ auth_method: gusAtSigning.auth_method, authenticated_at: gusAtSigning.authenticated_at });
    expect(gusAfter.copy_authenticated_at).not.toBeNull();

    // Anna's own copy link works too (SMS code), and not with Gus's confirmation.
    await expectProblem(await call("GET", path, annaCopy), 403, "forbidden");
    expect((await confirmCopy(annaCopy, ANNA.phone)).signer.name).toBe(ANNA.name);
    expect((await call("GET", path, annaCopy)).status).toBe(200);

    // 30 minutes later the code must be confirmed again; after 31 days the link has expired.
    ctx.clock.advance(31 * 60_000);
    await expectProblem(await call("GET", path, copy), 403, "forbidden");
    ctx.clock.advance(31 * 86_400_000);
    await expectProblem(await call("GET", "/public/signing/copy", copy), 410, "token_expired");
    await expectProblem(await call("POST", "/public/signing/copy/otp", copy, {}), 410, "token_expired");
  });

  it("refuse a signer who has not signed, and an envelope not complete", async () => {
    const email = `seq-${Date.now()}@example.com`;
    const app = await k.application(tenant, { name: "Sara Seq", email });
    await createEnvelope(ctx.deps, staff, {
      tenantId: tenant.id,
      applicationId: app.id,
      documents: ["builtin-loan_contract"],
      signers: [{ role: "applicant", name: "Sara Seq", email }, { role: "guarantor", name: "Gil Later", email: `g${email}` }],
      routing: "sequential",
    });
    const token = await k.tokenFor(tenant.id, email);
    const before = await expectProblem(await call("GET", "/public/signing/copy", token), 409, "wrong_state");
    expect(before.errors?.[0]).toMatchObject({ path: "header.authorization", code: "not_sealed" });
    await k.signAll(tenant.id, token, email);
    // Signed, but the guarantor has not: still no copy, and no code is sent.
    await expectProblem(await call("GET", "/public/signing/copy", token), 409, "wrong_state");
    await expectProblem(await call("POST", "/public/signing/copy/otp", token, {}), 409, "wrong_state");
    await expectProblem(await call("GET", "/public/signing/copy", "x".repeat(43)), 400, "token_invalid");
    await expectProblem(await ctx.app.request(`${API}/public/signing/copy`), 401, "unauthenticated");
  });

  it("an envelope whose seal failed sends no copy link until a retry seals it", async () => {
    const real = sealKeyProvider(ctx.deps.db, ctx.deps.config);
    const broken: SealKeyProvider = {
      sealerFor: async (t, b) => ({
        ...(await real.sealerFor(t, b)),
        sign: async () => {
          throw new Error("HSM unreachable");
        },
      }),
      trustAnchors: () => real.trustAnchors(),
    };
    const email = `fail-${Date.now()}@example.com`;
    const app = await k.application(tenant, { name: "Fay Fail", email });
    const envelope = await createEnvelope(ctx.deps, staff, { tenantId: tenant.id, applicationId: app.id, documents: ["builtin-loan_contract"], signers: [{ role: "applicant", name: "Fay Fail", email }], routing: "sequential" });
    const token = await k.tokenFor(tenant.id, email);
    setSealKeysForTests(broken);
    try {
      const c = await k.signAll(tenant.id, token, email);
      expect(c.envelope.seal_status).toBe("failed");
    } finally {
      setSealKeysForTests(null);
    }
    expect((await k.messagesTo(tenant.id, email)).map((m) => m.template)).not.toContain("signing.completed");
    await expectProblem(await call("GET", "/public/signing/copy", token), 409, "wrong_state");
    const agent = await apiKeyHeaders(ctx, tenant, "agent");
    expect((await k.ok<{ sealStatus: string }>(await ctx.app.request(`${API}/envelopes/${envelope.id}/seal`, { method: "POST", headers: agent }))).sealStatus).toBe("sealed");
    const mail = await k.lastMessage(tenant.id, email);
    expect(mail.template).toBe("signing.completed");
    const copy = k.signTokenIn(mail.body_text);
    await expectProblem(await call("GET", "/public/signing/copy", token), 410, "link_used");
    // Five wrong codes lock the copy codes as they lock signing codes.
    await k.ok(await call("POST", "/public/signing/copy/otp", copy, {}));
    const right = k.codeIn((await k.lastMessage(tenant.id, email)).body_text);
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) await expectProblem(await call("POST", "/public/signing/copy/otp/verify", copy, { code: wrong }), 401, "otp_invalid");
    await expectProblem(await call("POST", "/public/signing/copy/otp/verify", copy, { code: wrong }), 423, "otp_locked");
    await expectProblem(await call("POST", "/public/signing/copy/otp/verify", copy, { code: right }), 423, "otp_locked");
    ctx.clock.advance(16 * 60_000);
    expect((await confirmCopy(copy, email)).authenticated).toBe(true);
  });
});
