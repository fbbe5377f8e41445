import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../../tests/support/factories";
import type { Step } from "../../onboarding/flow/types";
import type { SealKeyProvider } from "../keys";
import { sealKeyProvider } from "../keys";
import { CONSENT_VERSION } from "./consent";
import { envelopeKit, SIGNATURE_PNG, signerMeta } from "./envelopes.testkit";
import {
  applicantSigning,
  createEnvelope,
  declineEnvelope,
  giveConsent,
  markViewed,
  retrySeal,
  sendSigningOtp,
  setSealKeysForTests,
  signEnvelope,
  signerByToken,
  sweepSigning,
  verifySigningOtp,
  voidEnvelope,
} from "./service";

const ctx = await createTestContext();
const k = envelopeKit(ctx);
const staff = { actor: null, ip: null, userAgent: null };
let tenant: TestTenant;
beforeAll(async () => {
  tenant = await makeTenant(ctx);
});

const rejects = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; status: number; message: string; options: { retryAfterSeconds?: number }; issues?: Array<{ path: string; code?: string; params?: Record<string, number> }> };
  }
  throw new Error("expected a refusal");
};

let n = 0;
/** A one-signer envelope by email; returns its token. */
async function oneSigner(extra: { expiresInDays?: number; reminderEveryHours?: number | null } = {}) {
  const email = `s${++n}-${Date.now()}@example.com`;
  const app = await k.application(tenant, { name: "Sam Signer", email });
  const envelope = await createEnvelope(ctx.deps, staff, { tenantId: tenant.id, applicationId: app.id, documents: ["builtin-loan_contract"], signers: [{ role: "applicant", name: "Sam Signer", email }], routing: "sequential", ...extra });
  return { envelope, email, token: await k.tokenFor(tenant.id, email), appId: app.id };
}

describe("one-time codes", () => {
  it("need the consent, refuse a resend within 30 s, count wrong codes and lock after 5", async () => {
    const { email, token } = await oneSigner();
    const meta = signerMeta();
    await markViewed(ctx.deps, meta, token);
    expect((await rejects(sendSigningOtp(ctx.deps, meta, token))).code).toBe("wrong_state");
    expect((await rejects(giveConsent(ctx.deps, meta, token, "old-version"))).issues?.[0]?.path).toBe("body.version");
    await giveConsent(ctx.deps, meta, token, CONSENT_VERSION);
    const sent = await sendSigningOtp(ctx.deps, meta, token);
    expect(sent).toMatchObject({ channel: "email", resendAfterSeconds: 30 });
    expect(sent.sentTo).not.toBe(email);
    const soon = await rejects(sendSigningOtp(ctx.deps, meta, token));
    expect(soon.code).toBe("rate_limited");
    expect(soon.options.retryAfterSeconds).toBeGreaterThan(0);
    const code = k.codeIn((await k.lastMessage(tenant.id, email)).body_text);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 1; i <= 4; i++) {
      const e = await rejects(verifySigningOtp(ctx.deps, meta, token, wrong));
      expect(e.code).toBe("otp_invalid");
      expect(e.issues?.[0]?.params?.attemptsLeft).toBe(5 - i);
    }
    expect((await rejects(verifySigningOtp(ctx.deps, meta, token, wrong))).code).toBe("otp_locked");
    // Even the right code is refused while locked.
    expect((await rejects(verifySigningOtp(ctx.deps, meta, token, code))).code).toBe("otp_locked");
    ctx.clock.advance(16 * 60_000);
    await sendSigningOtp(ctx.deps, meta, token);
    const fresh = k.codeIn((await k.lastMessage(tenant.id, email)).body_text);
    const ok = await verifySigningOtp(ctx.deps, meta, token, fresh);
    expect(ok.signer.auth_method).toBe("otp_email");
    // Single use.
    expect((await rejects(verifySigningOtp(ctx.deps, meta, token, fresh))).code).toBe("otp_invalid");
  });

  it("an authentication older than 30 minutes does not sign", async () => {
    const { email, token } = await oneSigner();
    await k.authenticate(tenant.id, token, email);
    ctx.clock.advance(31 * 60_000);
    const e = await rejects(signEnvelope(ctx.deps, signerMeta(), token, { kind: "typed", text: "Sam Signer" }, {}));
    expect(e.issues?.[0]?.path).toBe("otp");
  });
});

describe("closing an envelope", () => {
  it("expires with the clock: the link says so and the sweep records it", async () => {
    const { envelope, token } = await oneSigner({ expiresInDays: 1 });
    ctx.clock.advance(25 * 3_600_000);
    expect((await rejects(signerByToken(ctx.deps.db, token, ctx.clock.now()))).code).toBe("envelope_expired");
    const r = await sweepSigning(ctx.deps);
    expect(r.expired).toBeGreaterThanOrEqual(1);
    const row = await ctx.deps.db.selectFrom("envelopes").selectAll().where("id", "=", envelope.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "expired", close_reason: "expired" });
    expect((await rejects(signerByToken(ctx.deps.db, token, ctx.clock.now()))).code).toBe("envelope_expired");
  });

  it("declined by a signer: nobody else can sign", async () => {
    const email = `d${Date.now()}@example.com`;
    const app = await k.application(tenant, { name: "Dee Cline", email });
    await createEnvelope(ctx.deps, staff, {
      tenantId: tenant.id,
      applicationId: app.id,
      documents: ["builtin-loan_contract"],
      signers: [{ role: "applicant", name: "Dee Cline", email }, { role: "guarantor", name: "Other", email: `o${email}` }],
      routing: "parallel",
    });
    const other = await k.tokenFor(tenant.id, `o${email}`);
    const token = await k.tokenFor(tenant.id, email);
    expect((await rejects(declineEnvelope(ctx.deps, signerMeta(), token, "  "))).issues?.[0]?.path).toBe("body.reason");
    const c = await declineEnvelope(ctx.deps, signerMeta(), token, "The amount is wrong");
    expect(c.signer.status).toBe("declined");
    expect(c.envelope).toMatchObject({ status: "declined", close_reason: "The amount is wrong" });
    expect((await rejects(signerByToken(ctx.deps.db, token, ctx.clock.now()))).code).toBe("link_used");
    expect((await rejects(signerByToken(ctx.deps.db, other, ctx.clock.now()))).code).toBe("envelope_closed");
    expect((await k.messagesTo(tenant.id, `o${email}`))[0]?.template).toBe("signing.declined");
  });

  it("voided by the bank only while out for signature", async () => {
    const { envelope, token } = await oneSigner();
    const row = await voidEnvelope(ctx.deps, staff, tenant.id, envelope.id, "Wrong product");
    expect(row).toMatchObject({ status: "voided", close_reason: "Wrong product" });
    expect((await rejects(signerByToken(ctx.deps.db, token, ctx.clock.now()))).code).toBe("envelope_closed");
    expect((await rejects(voidEnvelope(ctx.deps, staff, tenant.id, envelope.id, "again"))).code).toBe("wrong_state");
  });
});

describe("sealing failures", () => {
  it("leave the envelope retryable with no signed file; a retry seals it", async () => {
    const real = sealKeyProvider(ctx.deps.db, ctx.deps.config);
    const broken: SealKeyProvider = {
      sealerFor: async (t, b) => ({ ...(await real.sealerFor(t, b)), sign: async () => { throw new Error("HSM unreachable"); } }),
      trustAnchors: () => real.trustAnchors(),
    };
    setSealKeysForTests(broken);
    try {
      const { envelope, email, token } = await oneSigner();
      const c = await k.signAll(tenant.id, token, email);
      expect(c.envelope).toMatchObject({ status: "completed", seal_status: "failed", seal_attempts: 1 });
      expect(c.envelope.seal_error).toContain("HSM unreachable");
      expect(c.documents.every((d) => d.signed_blob === null && d.signed_sha256 === null)).toBe(true);
      expect((await rejects(retrySeal(ctx.deps, staff, tenant.id, envelope.id))).code).toBe("seal_failed");
      setSealKeysForTests(null);
      const sealed = await retrySeal(ctx.deps, staff, tenant.id, envelope.id);
      expect(sealed).toMatchObject({ seal_status: "sealed", seal_attempts: 2, seal_error: null });
      const events = await ctx.deps.db.selectFrom("signing_events").select("action").where("envelope_id", "=", envelope.id).orderBy("seq").execute();
      expect(events.map((e) => e.action).slice(-4)).toEqual(["completed", "seal_failed", "seal_failed", "sealed"]);
      expect((await rejects(retrySeal(ctx.deps, staff, tenant.id, envelope.id))).code).toBe("wrong_state");
    } finally {
      setSealKeysForTests(null);
    }
  });
});

describe("the sweep", () => {
  it("sends due reminders every reminder_every_hours, at most 5 per signer", async () => {
    const { envelope, email } = await oneSigner({ reminderEveryHours: 12, expiresInDays: 30 });
    ctx.clock.advance(11 * 3_600_000);
    await sweepSigning(ctx.deps);
    expect((await k.lastMessage(tenant.id, email)).template).toBe("signing.request");
    for (let i = 0; i < 7; i++) {
      ctx.clock.advance(12 * 3_600_000 + 60_000);
      await sweepSigning(ctx.deps);
    }
    const reminders = (await k.messagesTo(tenant.id, email)).filter((m) => m.template === "signing.reminder");
    expect(reminders).toHaveLength(5);
    const signer = await ctx.deps.db.selectFrom("envelope_signers").selectAll().where("envelope_id", "=", envelope.id).executeTakeFirstOrThrow();
    expect(signer.reminders_sent).toBe(5);
    // The newest reminder's link is the one that works.
    const token = k.signTokenIn(reminders[0]?.body_text ?? "");
    expect((await signerByToken(ctx.deps.db, token, ctx.clock.now())).signer.id).toBe(signer.id);
  });
});

describe("the flow's signature step", () => {
  const step = (coSigners: unknown[] = []): Step => ({ id: "sign", kind: "signature", title: { en: "Sign" }, minutes: 2, fields: [], settings: { documents: ["builtin-loan_contract"], coSigners } });
  const appRow = (id: string) => ctx.deps.db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("reuses the envelope while the answers stay, remakes it when they change, and after the applicant signed", async () => {
    const email = `f${Date.now()}@example.com`;
    const app = await k.application(tenant, { name: "Flo Flow", email });
    const s = step([{ role: "guarantor", nameField: "gName", emailField: "gEmail" }]);
    await ctx.deps.db.updateTable("applications").set({ answers: JSON.stringify({ loanAmount: "5000", gName: "Gil Guarantor", gEmail: `g${email}` }) }).where("id", "=", app.id).execute();
    const first = await applicantSigning(ctx.deps, signerMeta(), await appRow(app.id), s);
    expect(first.token).toBeTruthy();
    // No message to the applicant (they are on the page); the guarantor waits (sequential).
    expect(await k.messagesTo(tenant.id, email)).toHaveLength(0);
    expect(await k.messagesTo(tenant.id, `g${email}`)).toHaveLength(0);
    const again = await applicantSigning(ctx.deps, signerMeta(), await appRow(app.id), s);
    expect(again.envelope.id).toBe(first.envelope.id);
    // A fresh token: the old one stops working.
    expect((await rejects(signerByToken(ctx.deps.db, first.token as string, ctx.clock.now()))).code).toBe("token_invalid");
    await ctx.deps.db.updateTable("applications").set({ answers: JSON.stringify({ loanAmount: "9000", gName: "Gil Guarantor", gEmail: `g${email}` }) }).where("id", "=", app.id).execute();
    const changed = await applicantSigning(ctx.deps, signerMeta(), await appRow(app.id), s);
    expect(changed.envelope.id).not.toBe(first.envelope.id);
    const old = await ctx.deps.db.selectFrom("envelopes").selectAll().where("id", "=", first.envelope.id).executeTakeFirstOrThrow();
    expect(old).toMatchObject({ status: "voided", close_reason: "answers_changed" });
    // The applicant signs: the guarantor gets the link; the step returns no token any more.
    const meta = signerMeta();
    const token = changed.token as string;
    await markViewed(ctx.deps, meta, token);
    await giveConsent(ctx.deps, meta, token, CONSENT_VERSION);
    await sendSigningOtp(ctx.deps, meta, token);
    await verifySigningOtp(ctx.deps, meta, token, k.codeIn((await k.lastMessage(tenant.id, email)).body_text));
    await signEnvelope(ctx.deps, meta, token, { kind: "drawn", png: SIGNATURE_PNG }, {});
    expect((await k.messagesTo(tenant.id, `g${email}`))[0]?.template).toBe("signing.request");
    const signed = await applicantSigning(ctx.deps, signerMeta(), await appRow(app.id), s);
    expect(signed).toEqual({ envelope: expect.objectContaining({ id: changed.envelope.id }), token: null });
    // Answers change after signing: a new envelope to sign again.
    await ctx.deps.db.updateTable("applications").set({ answers: JSON.stringify({ loanAmount: "7000", gName: "Gil Guarantor", gEmail: `g${email}` }) }).where("id", "=", app.id).execute();
    const remade = await applicantSigning(ctx.deps, signerMeta(), await appRow(app.id), s);
    expect(remade.envelope.id).not.toBe(changed.envelope.id);
    expect(remade.token).toBeTruthy();
  });

  it("sends the applicant's codes only by the step's channel when that contact is known", async () => {
    const email = `o${Date.now()}@example.com`;
    const app = await k.application(tenant, { name: "Omar Otp", email, phone: "+972501234999" });
    const byEmail: Step = { ...step(), settings: { documents: ["builtin-loan_contract"], otp: "email" } };
    const { token } = await applicantSigning(ctx.deps, signerMeta(), await appRow(app.id), byEmail);
    const meta = signerMeta();
    await giveConsent(ctx.deps, meta, token as string, CONSENT_VERSION);
    expect((await sendSigningOtp(ctx.deps, meta, token as string)).channel).toBe("email");
    ctx.clock.advance(31_000);
    expect((await rejects(sendSigningOtp(ctx.deps, meta, token as string, "sms"))).code).toBe("validation_failed");
  });
});
