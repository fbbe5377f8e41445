import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { API, expectProblem } from "../../../tests/support/routes";
import { CONSENT_VERSION } from "./envelopes/consent";
import { BLANK_PNG, envelopeKit, SIGNATURE_PNG } from "./envelopes/envelopes.testkit";
import { pdfsig } from "./signing.testkit";

const ctx = await createTestContext({ env: { TRUST_PROXY: "true" } });
const k = envelopeKit(ctx);
let tenant: TestTenant;
let agent: Record<string, string>;
const UA = "Mozilla/5.0 (Linux; Android 14) Mobile";

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  agent = await apiKeyHeaders(ctx, tenant, "agent");
});

type Json = Record<string, unknown>;
type View = { status: string; envelopeStatus: string; consent: { version: string; accepted: boolean; sections: unknown[] }; authenticated: boolean; otp: unknown; documents: Array<{ id: string; language: string; blocks: unknown[] | null; pageCount: number | null; fields: Array<{ kind: string }> }>; waitingFor: string[] };
type Env = { id: string; status: string; sealStatus: string; documents: Array<{ id: string; name: string; signedSha256: string | null }>; signers: Array<{ status: string; authMethod: string | null }>; events: Array<{ action: string }> };

const signer = (token: string, ip = "198.51.100.20") => ({ authorization: `Bearer ${token}`, "user-agent": UA, "x-forwarded-for": ip });
const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  ctx.app.request(`${API}${path}`, body === undefined ? { method, headers } : { method, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });

let n = 0;
async function sent(extra: Json = {}) {
  const email = `signer${++n}-${Date.now()}@example.com`;
  const app = await k.application(tenant, { name: "Sam Signer", email });
  const env = await k.ok<Env>(await call("POST", `/applications/${app.id}/envelopes`, agent, { documents: ["builtin-loan_contract"], signers: [{ role: "applicant", name: "Sam Signer", email }], ...extra }), 201);
  return { app, env, email, token: await k.tokenFor(tenant.id, email) };
}

describe("sending an envelope", () => {
  it("names what is wrong in the body: no contact, two applicants, unknown template", async () => {
    const app = await k.application(tenant, { name: "Sam Signer", email: "sam@example.com" });
    const p = await expectProblem(await call("POST", `/applications/${app.id}/envelopes`, agent, { documents: ["builtin-loan_contract"], signers: [{ role: "applicant", name: "Sam" }, { role: "applicant", name: "Kim", email: "kim@example.com" }] }), 400, "validation_failed");
    expect(p.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["body.signers.0.email", "body.signers.1.role"]));
    const none = await expectProblem(await call("POST", `/applications/${app.id}/envelopes`, agent, { documents: [], signers: [{ role: "applicant", name: "Sam", email: "sam@example.com" }] }), 400, "validation_failed");
    expect(none.errors?.[0]?.path).toBe("body.documents");
    const unknown = await call("POST", `/applications/${app.id}/envelopes`, agent, { documents: ["upload-nothing"], signers: [{ role: "applicant", name: "Sam", email: "sam@example.com" }] });
    expect([400, 404]).toContain(unknown.status);
    await expectProblem(await call("POST", `/applications/${app.id}/envelopes`, await apiKeyHeaders(ctx, tenant, "viewer"), { documents: ["builtin-loan_contract"], signers: [{ role: "applicant", name: "Sam", email: "sam@example.com" }] }), 403, "forbidden");
  });

  it("another tenant's application and envelope read as not found", async () => {
    const { app, env } = await sent();
    const other = await makeTenant(ctx);
    const otherAdmin = await apiKeyHeaders(ctx, other, "admin");
    await expectProblem(await call("GET", `/applications/${app.id}/envelopes`, otherAdmin), 404, "not_found");
    await expectProblem(await call("GET", `/envelopes/${env.id}`, otherAdmin), 404, "not_found");
    await expectProblem(await call("POST", `/envelopes/${env.id}/void`, otherAdmin, { reason: "Hijack" }), 404, "not_found");
    await expectProblem(await call("GET", `/envelopes/${env.id}/audit-trail`, otherAdmin), 404, "not_found");
    expect((await k.ok<Env>(await call("GET", `/envelopes/${env.id}`, agent))).status).toBe("sent");
  });
});

describe("the signer's pages", () => {
  it("walk view → consent → code → sign; the envelope is sealed, pdfsig accepts it, and the application lists it", async () => {
    const { app, env, email, token } = await sent();
    const h = signer(token);
    await expectProblem(await call("GET", "/public/signing", {}), 401, "unauthenticated");
    await expectProblem(await call("GET", "/public/signing", signer("x".repeat(43))), 400, "token_invalid");

    const view = await k.ok<View>(await call("GET", "/public/signing", h));
    expect(view).toMatchObject({ status: "viewed", envelopeStatus: "sent", authenticated: false, otp: null, waitingFor: [], consent: { version: CONSENT_VERSION, accepted: false } });
    expect(view.documents[0]?.pageCount).toBeGreaterThan(0);
    expect(view.documents[0]?.fields.some((f) => f.kind === "signature")).toBe(true);
    // The link alone shows nothing personal: the text and the PDF open after a confirmed code.
    expect(view.documents[0]?.blocks).toBeNull();
    const docPath = `/public/signing/documents/${view.documents[0]?.id}`;
    expect((await expectProblem(await call("GET", docPath, h), 403, "forbidden")).errors?.[0]?.code).toBe("code_required");

    await expectProblem(await call("POST", "/public/signing/consent", h, { version: CONSENT_VERSION, accept: false }), 400, "validation_failed");
    expect((await k.ok<View>(await call("POST", "/public/signing/consent", h, { version: CONSENT_VERSION, accept: true }))).consent.accepted).toBe(true);
    const otp = await k.ok<{ channel: string; sentTo: string }>(await call("POST", "/public/signing/otp", h, {}));
    expect(otp.channel).toBe("email");
    expect(otp.sentTo).not.toBe(email);
    await expectProblem(await call("POST", "/public/signing/otp", h, {}), 429, "rate_limited");
    const code = k.codeIn((await k.lastMessage(tenant.id, email)).body_text);
    const wrong = await expectProblem(await call("POST", "/public/signing/otp/verify", h, { code: code === "000000" ? "111111" : "000000" }), 401, "otp_invalid");
    expect(wrong.detail).toMatch(/\d/);
    const verified = await k.ok<View>(await call("POST", "/public/signing/otp/verify", h, { code }));
    expect(verified.authenticated).toBe(true);
    expect(verified.documents[0]).toMatchObject({ language: "en" });
    expect(verified.documents[0]?.blocks?.length).toBeGreaterThan(0);
    const doc = await call("GET", docPath, h);
    expect(doc.status).toBe(200);
    expect(doc.headers.get("cache-control")).toBe("no-store");
    expect((await PDFDocument.load(new Uint8Array(await doc.arrayBuffer()))).getPageCount()).toBe(view.documents[0]?.pageCount);
    // A confirmation lasts 30 minutes: after that the view asks for a new code, as signing does.
    ctx.clock.advance(31 * 60_000);
    expect((await k.ok<View>(await call("GET", "/public/signing", h))).authenticated).toBe(false);
    ctx.clock.advance(-31 * 60_000);

    const image = (png: Uint8Array, prefix = "") => ({ signature: { kind: "drawn", image: prefix + Buffer.from(png).toString("base64") } });
    const blank = await expectProblem(await call("POST", "/public/signing/sign", h, image(BLANK_PNG)), 400, "validation_failed");
    expect(blank.errors?.[0]).toMatchObject({ path: "body.signature.image", code: "empty" });
    const notPng = await expectProblem(await call("POST", "/public/signing/sign", h, { signature: { kind: "drawn", image: Buffer.from("GIF89a not a png").toString("base64") } }), 400, "validation_failed");
    expect(notPng.errors?.[0]).toMatchObject({ path: "body.signature.image", code: "not_png" });
    const garbage = await expectProblem(await call("POST", "/public/signing/sign", h, { signature: { kind: "drawn", image: "%%% not base64 %%%" } }), 400, "validation_failed");
    expect(garbage.errors?.[0]?.path).toBe("body.signature.image");
    await expectProblem(await call("POST", "/public/signing/sign", h, image(new Uint8Array(600 * 1024))), 413, "payload_too_large");

    const signed = await k.ok<View>(await call("POST", "/public/signing/sign", h, image(SIGNATURE_PNG, "data:image/png;base64,")));
    expect(signed).toMatchObject({ status: "signed", envelopeStatus: "completed" });
    // The link is spent: the seal replaced it by a copy link (in the completed message); both answer "already signed" on the signing calls.
    await expectProblem(await call("GET", "/public/signing", h), 410, "link_used");
    const copy = k.signTokenIn((await k.lastMessage(tenant.id, email)).body_text);
    await expectProblem(await call("GET", "/public/signing", { ...h, authorization: `Bearer ${copy}` }), 410, "link_used");

    const done = await k.ok<Env>(await call("GET", `/envelopes/${env.id}`, agent));
    expect(done).toMatchObject({ status: "completed", sealStatus: "sealed" });
    expect(done.signers[0]).toMatchObject({ status: "signed", authMethod: "otp_email" });
    expect(done.events.map((e) => e.action)).toEqual(expect.arrayContaining(["viewed", "consented", "otp_sent", "otp_failed", "authenticated", "signed", "completed", "sealed"]));
    const d = done.documents[0];
    const pdf = await call("GET", `/envelopes/${env.id}/documents/${d?.id}?version=signed`, agent);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="[A-Za-z0-9._-]+-signed\.pdf"$/);
    const sealed = new Uint8Array(await pdf.arrayBuffer());
    const report = pdfsig(sealed);
    expect(report).toContain("Signature is Valid.");
    expect(report).toContain("Total document signed");

    const detail = await k.ok<{ signedDocuments: Array<{ envelopeId: string; documentId: string; sha256: string; url: string }> }>(await call("GET", `/applications/${app.id}`, agent));
    expect(detail.signedDocuments).toEqual([expect.objectContaining({ envelopeId: env.id, documentId: d?.id, sha256: d?.signedSha256, url: `/api/v1/envelopes/${env.id}/documents/${d?.id}?version=signed` })]);

    const trail = await k.ok<{ chainOk: boolean; events: unknown[] }>(await call("GET", `/envelopes/${env.id}/audit-trail`, agent));
    expect(trail.chainOk).toBe(true);
    expect(trail.events.length).toBe(done.events.length);
    const csv = await call("GET", `/envelopes/${env.id}/audit-trail?format=csv`, agent);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment;/);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("seq,at,action,signer,role,actor,ip,user_agent,hash");
    expect(lines.some((l) => l.includes(",signed,Sam Signer,applicant,") && l.includes("198.51.100.20"))).toBe(true);
  }, 120_000);

  it("an unsealed document is not offered as signed; a voided envelope's link is closed; a declined one records the reason", async () => {
    const a = await sent();
    await expectProblem(await call("GET", `/envelopes/${a.env.id}/documents/${a.env.documents[0]?.id}?version=signed`, agent), 409, "wrong_state");
    const original = await call("GET", `/envelopes/${a.env.id}/documents/${a.env.documents[0]?.id}?version=original`, agent);
    expect(original.status).toBe(200);
    const voided = await k.ok<Env>(await call("POST", `/envelopes/${a.env.id}/void`, agent, { reason: "Wrong amount" }));
    expect(voided.status).toBe("voided");
    await expectProblem(await call("GET", "/public/signing", signer(a.token)), 409, "envelope_closed");
    await expectProblem(await call("POST", `/envelopes/${a.env.id}/void`, agent, { reason: "Again" }), 409, "wrong_state");

    const b = await sent();
    const declined = await k.ok<View>(await call("POST", "/public/signing/decline", signer(b.token), { reason: "The rate is not what we agreed" }));
    expect(declined).toMatchObject({ status: "declined", envelopeStatus: "declined" });
    const env = await k.ok<Env & { signers: Array<{ declineReason: string }> }>(await call("GET", `/envelopes/${b.env.id}`, agent));
    expect(env.signers[0]?.declineReason).toBe("The rate is not what we agreed");
  }, 60_000);

  it("an expired envelope's link answers 410 envelope_expired", async () => {
    const { token } = await sent({ expiresInDays: 1 });
    ctx.clock.advance(2 * 86_400_000);
    try {
      await expectProblem(await call("GET", "/public/signing", signer(token)), 410, "envelope_expired");
    } finally {
      ctx.clock.advance(-2 * 86_400_000);
    }
  });
});
