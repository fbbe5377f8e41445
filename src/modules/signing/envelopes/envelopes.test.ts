import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { ANNA } from "../../onboarding/applications.testkit";
import { readAuditTrail } from "../render";
import { pdfsig } from "../signing.testkit";
import { BLANK_PNG, envelopeKit, SIGNATURE_PNG, signerMeta } from "./envelopes.testkit";
import {
  createEnvelope,
  documentBytes,
  envelopeEvents,
  markViewed,
  signEnvelope,
  signerByToken,
  verifyEnvelopeChain,
} from "./service";

const ctx = await createTestContext();
const k = envelopeKit(ctx);
const staff = { actor: null, ip: "198.51.100.1", userAgent: "back office" };
const GUS = { role: "guarantor" as const, name: "Gus Levi", email: "gus@example.com", language: "en" as const };
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
});

const rejects = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; status: number; issues?: Array<{ path: string; code?: string }> };
  }
  throw new Error("expected a refusal");
};

describe("a sequential envelope of two signers", () => {
  it("goes from creation to sealed documents that pdfsig accepts, with a verifiable trail", async () => {
    const app = await k.application(tenant);
    const envelope = await createEnvelope(ctx.deps, staff, {
      tenantId: tenant.id,
      applicationId: app.id,
      documents: ["builtin-loan_contract"],
      signers: [{ role: "applicant", name: ANNA.name, phone: ANNA.phone, email: ANNA.email }, GUS],
      routing: "sequential",
    });
    expect(envelope).toMatchObject({ status: "sent", seal_status: "none", routing: "sequential", language: "he", reminder_every_hours: 48 });
    // Only the first signer has a link so far.
    expect(await k.messagesTo(tenant.id, GUS.email)).toHaveLength(0);
    const annaToken = await k.tokenFor(tenant.id, ANNA.phone);
    const anna = await k.signAll(tenant.id, annaToken, ANNA.phone);
    expect(anna.signer).toMatchObject({ status: "signed", signature_kind: "drawn", auth_method: "otp_sms", ip: "203.0.113.7" });
    expect(anna.envelope.status).toBe("sent");
    // The link cannot be used again.
    expect((await rejects(signerByToken(ctx.deps.db, annaToken, ctx.clock.now()))).code).toBe("link_used");
    // Anna's signature sent Gus his link (email, English).
    const gusMail = (await k.messagesTo(tenant.id, GUS.email))[0];
    expect(gusMail?.template).toBe("signing.request");
    const gus = await k.signAll(tenant.id, k.signTokenIn(gusMail?.body_text ?? ""), GUS.email, signerMeta("203.0.113.8", "Mozilla/5.0 (Macintosh)"));
    expect(gus.signer.auth_method).toBe("otp_email");
    expect(gus.envelope).toMatchObject({ status: "completed", seal_status: "sealed", seal_error: null });
    const [doc] = gus.documents;
    expect(doc?.signed_sha256).toMatch(/^[0-9a-f]{64}$/);
    const signed = await documentBytes(ctx.deps, tenant.id, envelope.id, doc?.id ?? "", "signed");
    const report = pdfsig(signed);
    expect(report).toContain("Signature is Valid.");
    expect(report).toContain("Total document signed");
    const trail = (await readAuditTrail(signed)) as Array<{ action: string; signer: string | null; hash: string }>;
    const actions = trail.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["created", "sent", "viewed", "consented", "otp_sent", "authenticated", "signed", "completed"]));
    expect(trail.filter((e) => e.action === "signed").map((e) => e.signer)).toEqual([ANNA.name, GUS.name]);
    // Row chain: intact, and the events are in the tenant audit log with their hashes.
    const events = await envelopeEvents(ctx.deps.db, tenant.id, envelope.id);
    expect(events.at(-1)?.action).toBe("sealed");
    expect(trail.map((e) => e.hash)).toEqual(events.slice(0, trail.length).map((e) => e.hash));
    expect(await verifyEnvelopeChain(ctx.deps.db, tenant.id, envelope.id)).toEqual({ ok: true, brokenAt: null });
    const audit = await ctx.deps.db.selectFrom("audit_log").selectAll().where("tenant_id", "=", tenant.id).where("subject_id", "=", envelope.id).orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual(events.map((e) => `signing.${e.action}`));
    expect(audit.map((a) => (a.data as { hash: string }).hash)).toEqual(events.map((e) => e.hash));
    expect(JSON.stringify(audit)).not.toContain(ANNA.phone);
    // Tampering with one event row breaks the chain at that row.
    const victim = events.find((e) => e.action === "signed");
    await ctx.deps.db.updateTable("signing_events").set({ ip: "10.0.0.1" }).where("tenant_id", "=", tenant.id).where("envelope_id", "=", envelope.id).where("seq", "=", victim?.seq ?? 0).execute();
    expect(await verifyEnvelopeChain(ctx.deps.db, tenant.id, envelope.id)).toEqual({ ok: false, brokenAt: victim?.seq });
    // Everyone hears it is done.
    expect((await k.messagesTo(tenant.id, GUS.email))[0]?.template).toBe("signing.completed");
  });

  it("in parallel sends every link at once", async () => {
    const app = await k.application(tenant);
    await createEnvelope(ctx.deps, staff, {
      tenantId: tenant.id,
      applicationId: app.id,
      documents: ["builtin-loan_contract"],
      signers: [{ role: "applicant", name: ANNA.name, phone: ANNA.phone }, { ...GUS, email: "gus2@example.com" }],
      routing: "parallel",
    });
    expect((await k.messagesTo(tenant.id, "gus2@example.com"))[0]?.template).toBe("signing.request");
    const token = await k.tokenFor(tenant.id, "gus2@example.com");
    // The guarantor may sign before the applicant.
    const g = await k.signAll(tenant.id, token, "gus2@example.com");
    expect(g.signer.status).toBe("signed");
    expect(g.envelope.status).toBe("sent");
  });
});

describe("refusals", () => {
  it("names the fields of a bad envelope", async () => {
    const app = await k.application(tenant);
    const e = await rejects(
      createEnvelope(ctx.deps, staff, {
        tenantId: tenant.id,
        applicationId: app.id,
        documents: ["builtin-loan_contract", "builtin-loan_contract"],
        signers: [
          { role: "applicant", name: "A", email: "a@example.com" },
          { role: "applicant", name: "B" },
        ],
        routing: "sequential",
        expiresInDays: 0,
      }),
    );
    expect(e.code).toBe("validation_failed");
    expect(e.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(["body.documents.1", "body.signers.1.role", "body.signers.1.email", "body.signers.1.phone", "body.expiresInDays"]));
    const unknown = await rejects(
      createEnvelope(ctx.deps, staff, { tenantId: tenant.id, applicationId: app.id, documents: ["upload-nope"], signers: [{ role: "applicant", name: "A", email: "a@example.com" }], routing: "parallel" }),
    );
    expect(unknown.issues?.[0]).toMatchObject({ path: "body.documents.0", code: "unknown_template" });
  });

  it("refuses a blank pad, a non-PNG, signing without consent or code", async () => {
    const app = await k.application(tenant, { name: "Bo Blank", email: "bo@example.com" });
    await createEnvelope(ctx.deps, staff, { tenantId: tenant.id, applicationId: app.id, documents: ["builtin-loan_contract"], signers: [{ role: "applicant", name: "Bo Blank", email: "bo@example.com" }], routing: "sequential" });
    const token = await k.tokenFor(tenant.id, "bo@example.com");
    const meta = signerMeta();
    await markViewed(ctx.deps, meta, token);
    const noConsent = await rejects(signEnvelope(ctx.deps, meta, token, { kind: "drawn", png: SIGNATURE_PNG }, {}));
    expect(noConsent).toMatchObject({ code: "wrong_state" });
    expect(noConsent.issues?.[0]?.path).toBe("consent");
    const blank = await rejects(signEnvelope(ctx.deps, meta, token, { kind: "drawn", png: BLANK_PNG }, {}));
    expect(blank.issues?.[0]).toMatchObject({ path: "body.signature.image", code: "empty" });
    const notPng = await rejects(signEnvelope(ctx.deps, meta, token, { kind: "drawn", png: new TextEncoder().encode("GIF89a not a png at all, really not one") }, {}));
    expect(notPng.issues?.[0]).toMatchObject({ path: "body.signature.image", code: "not_png" });
    const tooBig = await rejects(signEnvelope(ctx.deps, meta, token, { kind: "drawn", png: new Uint8Array(600 * 1024) }, {}));
    expect(tooBig.status).toBe(413);
    const typed = await rejects(signEnvelope(ctx.deps, meta, token, { kind: "typed", text: " x " }, {}));
    expect(typed.issues?.[0]?.path).toBe("body.signature.text");
  });
});
