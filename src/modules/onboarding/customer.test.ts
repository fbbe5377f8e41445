import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths } from "../../../tests/support/routes";
import { ANNA, type Json, kit, LAPTOP_UA, PHONE_UA } from "./applications.testkit";

const ctx = await createTestContext();
const { req, ok, lastMessage, linkTokenIn, codeIn, openSession, addDocument, events } = kit(ctx);
let tenant: TestTenant;
let agent: Record<string, string>;
let agentEmail: string;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  const branch = tenant.branches[0];
  agentEmail = (await makeUser(ctx, tenant, { role: "agent", branchId: branch?.id })).email;
});
// The tests move the clock by days: a fresh staff session each time.
beforeEach(async () => {
  agent = (await signIn(ctx, tenant, agentEmail)).headers;
});

async function startWithSmsLink(customer: Json = ANNA) {
  const created = await ok<{ id: string; reference: string; status: string; link: string }>(await req("POST", "/applications", { product: "checking", customer }, agent), 201);
  const sent = await ok<Json>(await req("POST", `/applications/${created.id}/link`, { via: "sms" }, agent), 202);
  expect(sent.to).toBe("+972 ••• ••67");
  const sms = await lastMessage(tenant.id, ANNA.phone);
  expect(sms.template).toBe("onboarding.link_sms");
  expect(sms.locale).toBe("he");
  expect(sms.sensitive).toBe(true);
  return { id: created.id, reference: created.reference, token: linkTokenIn(sms.body_text) };
}

describe("the customer's journey from the SMS link to submission", () => {
  it("opens with a code, autosaves, resumes on another device, completes every step and submits", async () => {
    const { id, reference, token } = await startWithSmsLink();
    expect(reference).toMatch(/^CHK-[2-9A-HJKMNP-Z]{6}$/);

    // Before any code: the bank, the product and masked destinations, nothing personal.
    const info = await ok<Json>(await req("GET", `/public/applications/link/${token}`));
    expect(info).toMatchObject({ bank: { slug: tenant.slug }, product: "checking", language: "he", otpChannels: ["sms", "email"], destination: { sms: "+972 ••• ••67", email: "a•••@example.com" }, purpose: "apply" });
    expect(JSON.stringify(info)).not.toContain("Anna");
    await expectProblem(await req("GET", "/public/applications/me", undefined, { authorization: `Bearer ${"x".repeat(43)}` }), 401, "unauthenticated");

    // Wrong codes count down, then lock the link; the clock lifts the lock.
    const sentOtp = await ok<Json>(await req("POST", `/public/applications/link/${token}/otp`, {}), 202);
    expect(sentOtp).toMatchObject({ channel: "sms", to: "+972 ••• ••67", resendAfterSeconds: 30 });
    const otpSms = await lastMessage(tenant.id, ANNA.phone);
    expect(otpSms.template).toBe("onboarding.otp_sms");
    const code = codeIn(otpSms.body_text);
    const resend = await req("POST", `/public/applications/link/${token}/otp`, {});
    await expectProblem(resend, 429, "rate_limited");
    expect(Number(resend.headers.get("retry-after"))).toBeGreaterThan(0);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let left = 4; left >= 1; left--) {
      const p = await expectProblem(await req("POST", `/public/applications/link/${token}/session`, { code: wrong }), 401, "otp_invalid");
      expect(p.errors?.[0]).toMatchObject({ path: "body.code", params: { attemptsLeft: left } });
    }
    const locked = await req("POST", `/public/applications/link/${token}/session`, { code: wrong });
    await expectProblem(locked, 423, "otp_locked");
    expect(Number(locked.headers.get("retry-after"))).toBe(15 * 60);
    // Even the right code is refused while locked, and it was consumed by the lock.
    await expectProblem(await req("POST", `/public/applications/link/${token}/session`, { code }), 423, "otp_locked");
    await expectProblem(await req("POST", `/public/applications/link/${token}/otp`, {}), 423, "otp_locked");
    ctx.clock.advance(15 * 60_000 + 1000);

    const phone = await openSession(tenant.id, token, ANNA.phone, PHONE_UA);
    expect(phone.applicationId).toBe(id);
    // Single use: the same code does not open a second session.
    await expectProblem(await req("POST", `/public/applications/link/${token}/session`, { code: phone.code }), 401, "otp_invalid");

    const me = await ok<Json>(await req("GET", "/public/applications/me", undefined, phone.auth));
    expect(me).toMatchObject({ id, reference, status: "in_progress", product: "checking", language: "he", currentStep: "about", progress: { index: 0, total: 4 } });
    // Pre-filled from what the agent entered: never asked twice.
    expect(me.answers).toMatchObject({ fullName: "Anna Cohen", phone: ANNA.phone, email: ANNA.email, dateOfBirth: ANNA.dateOfBirth });

    // Autosave: valid values are normalised and saved.
    const saved = await ok<Json>(await req("PATCH", "/public/applications/me/answers", { answers: { nationalId: "12345 678 9" }, at: { step: "about", field: "nationalId" } }, phone.auth));
    expect(saved).toMatchObject({ saved: ["nationalId"], currentStep: "about", currentField: "nationalId" });

    // All or nothing: one bad value and nothing is saved; the message is in Hebrew.
    const bad = await expectProblem(await req("PATCH", "/public/applications/me/answers", { answers: { employment: "employed", dateOfBirth: "2015-01-01" } }, phone.auth), 400, "validation_failed");
    expect(bad.errors).toEqual([{ path: "answers.dateOfBirth", code: "too_young", message: "הגיל המינימלי הוא 18.", params: { minimum: 18 } }]);
    // A field hidden by an earlier answer, or unknown: not_visible.
    const hidden = await expectProblem(await req("PATCH", "/public/applications/me/answers", { answers: { depositAmount: "100", nope: 1 } }, phone.auth), 400, "validation_failed");
    expect(hidden.errors?.map((e) => [e.path, e.code])).toEqual([["answers.nope", "not_visible"], ["answers.depositAmount", "not_visible"]]);
    const after = await ok<{ answers: Json }>(await req("GET", "/public/applications/me", undefined, phone.auth));
    expect(after.answers.employment).toBeUndefined();
    expect(after.answers.dateOfBirth).toBe(ANNA.dateOfBirth);

    const address = { line1: "1 Herzl St", city: "Tel Aviv", postcode: "6100000", country: "il" };
    await ok(await req("POST", "/public/applications/me/steps/about/view", undefined, phone.auth), 204);
    await ok(await req("POST", "/public/applications/me/steps/about/view", undefined, phone.auth), 204);
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { address } }, phone.auth));
    const about = await ok<Json>(await req("POST", "/public/applications/me/steps/about/complete", undefined, phone.auth));
    expect(about).toMatchObject({ completedSteps: ["about"], next: "work", progress: { index: 1, total: 4 } });

    // Completing a step checks it again on the server, with translated messages.
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { employment: "employed" }, at: { step: "work", field: "employer" } }, phone.auth));
    const incomplete = await expectProblem(await req("POST", "/public/applications/me/steps/work/complete", undefined, phone.auth), 400, "validation_failed");
    expect(issuePaths(incomplete).sort()).toEqual(["answers.employer", "answers.monthlyIncome"]);
    expect(incomplete.errors?.[0]?.message).toBe("שדה חובה.");

    // A second device: new code (after the 30 s resend pause), new session, same answers and field.
    ctx.clock.advance(31_000);
    const laptop = await openSession(tenant.id, token, ANNA.phone, LAPTOP_UA);
    const there = await ok<Json>(await req("GET", "/public/applications/me", undefined, laptop.auth));
    expect(there).toMatchObject({ currentStep: "work", currentField: "employer", completedSteps: ["about"] });
    expect((there.answers as Json).nationalId).toBe("123456789");

    // Choosing a deposit shows the payment step; unticking it removes the hidden amount.
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { employer: "Acme Ltd", monthlyIncome: "12,500", wantsDeposit: true, depositAmount: "50" } }, laptop.auth));
    expect((await ok<Json>(await req("GET", "/public/applications/me", undefined, laptop.auth))).progress).toMatchObject({ total: 5 });
    const undo = await ok<Json>(await req("PATCH", "/public/applications/me/answers", { answers: { wantsDeposit: false } }, laptop.auth));
    expect(undo.progress).toMatchObject({ total: 4 });
    const noDeposit = await ok<{ answers: Json }>(await req("GET", "/public/applications/me", undefined, laptop.auth));
    expect(noDeposit.answers).toMatchObject({ monthlyIncome: "12500", wantsDeposit: false });
    expect(noDeposit.answers.depositAmount).toBeUndefined();
    await ok(await req("POST", "/public/applications/me/steps/work/complete", undefined, laptop.auth));

    // Documents: each required file field needs a live document.
    const missing = await expectProblem(await req("POST", "/public/applications/me/steps/documents/complete", undefined, laptop.auth), 400, "validation_failed");
    expect(issuePaths(missing).sort()).toEqual(["answers.idDocument", "answers.proofOfAddress"]);
    await addDocument(tenant.id, id, "idDocument");
    await addDocument(tenant.id, id, "proofOfAddress");
    await ok(await req("POST", "/public/applications/me/steps/documents/complete", undefined, laptop.auth));

    // Submitting before the last step names it; then the review step and submit.
    const early = await expectProblem(await req("POST", "/public/applications/me/submit", undefined, phone.auth), 400, "validation_failed");
    expect(issuePaths(early)).toEqual(["steps.review"]);
    await expectProblem(await req("POST", "/public/applications/me/steps/review/complete", undefined, phone.auth), 400, "validation_failed");
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { terms: true } }, phone.auth));
    const last = await ok<Json>(await req("POST", "/public/applications/me/steps/review/complete", undefined, phone.auth));
    expect(last).toMatchObject({ next: null, progress: { index: 4, total: 4, minutesLeft: 0 } });
    expect(await ok<Json>(await req("POST", "/public/applications/me/submit", undefined, phone.auth))).toEqual({ status: "submitted", reference });
    await expectProblem(await req("PATCH", "/public/applications/me/answers", { answers: { employer: "Other" } }, phone.auth), 409, "wrong_state");

    // The agent sees it all; the journey events went out with product, channel, device and step.
    const detail = await ok<Json>(await req("GET", `/applications/${id}`, undefined, agent));
    expect(detail).toMatchObject({ status: "submitted", channel: "branch", device: "mobile", progress: { completedSteps: ["about", "work", "documents", "review"] } });
    expect(detail.slaDueAt).toBe(new Date(ctx.clock.now().getTime() + 24 * 3_600_000).toISOString());
    expect((detail.steps as Json[]).map((s) => s.state)).toEqual(["done", "done", "done", "hidden", "done"]);
    const types = (detail.timeline as Json[]).map((t) => t.type);
    for (const t of ["started", "link_sent", "otp_sent", "otp_failed", "otp_locked", "session_started", "resumed", "step_viewed", "step_completed", "submitted"]) expect(types).toContain(t);
    expect(JSON.stringify(detail.timeline)).not.toContain(code);
    const ev = await events(tenant.id, id);
    expect(ev.filter((e) => e.type === "application.step_viewed")).toHaveLength(1);
    expect(ev.map((e) => e.type)).toEqual(
      expect.arrayContaining(["application.started", "application.step_viewed", "application.step_completed", "application.resumed", "application.submitted"]),
    );
    expect(ev.find((e) => e.type === "application.step_completed")?.properties).toMatchObject({ product: "checking", channel: "web", device: "mobile", step: "about", journeyId: id });
    expect(ev.find((e) => e.type === "application.started")?.properties).toMatchObject({ channel: "branch", branchId: tenant.branches[0]?.id });
  });

  it("refuses expired and revoked links, and ends idle sessions", async () => {
    const a = await startWithSmsLink();
    const s = await openSession(tenant.id, a.token, ANNA.phone);
    ctx.clock.advance(31 * 60_000);
    await expectProblem(await req("GET", "/public/applications/me", undefined, s.auth), 401, "session_expired");
    ctx.clock.advance(14 * 24 * 3_600_000);
    await expectProblem(await req("GET", `/public/applications/link/${a.token}`), 410, "token_expired");
    await expectProblem(await req("POST", `/public/applications/link/${a.token}/otp`, {}), 410, "token_expired");

    agent = (await signIn(ctx, tenant, agentEmail)).headers;
    const b = await startWithSmsLink();
    const live = await openSession(tenant.id, b.token, ANNA.phone);
    const revoked = await ok<Json>(await req("POST", `/applications/${b.id}/revoke`, undefined, agent));
    expect(revoked.link).toMatchObject({ revoked: true, sentVia: "sms" });
    await expectProblem(await req("GET", `/public/applications/link/${b.token}`), 410, "link_revoked");
    await expectProblem(await req("GET", "/public/applications/me", undefined, live.auth), 401, "session_expired");

    // Guessed tokens: the same answer for malformed and unknown ones.
    await expectProblem(await req("GET", "/public/applications/link/guess"), 400, "token_invalid");
    await expectProblem(await req("GET", `/public/applications/link/${"A".repeat(43)}`), 400, "token_invalid");
  });

  it("a fresh link revokes the earlier one; the customer logs out; an abandoned application resumes", async () => {
    const a = await startWithSmsLink();
    const s = await openSession(tenant.id, a.token, ANNA.phone);
    await ok(await req("POST", `/applications/${a.id}/link`, { via: "email" }, agent), 202);
    const mail = await lastMessage(tenant.id, ANNA.email);
    expect(mail).toMatchObject({ template: "onboarding.link", locale: "he" });
    expect(mail.subject).toContain("חשבון עו״ש");
    await expectProblem(await req("GET", `/public/applications/link/${a.token}`), 410, "link_revoked");
    await expectProblem(await req("GET", "/public/applications/me", undefined, s.auth), 401, "session_expired");
    const fresh = await openSession(tenant.id, linkTokenIn(mail.body_text), ANNA.phone);
    await ctx.deps.db.updateTable("applications").set({ status: "abandoned", abandoned_at: ctx.clock.now() }).where("id", "=", a.id).execute();
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { employment: "student" } }, fresh.auth));
    expect((await ok<Json>(await req("GET", "/public/applications/me", undefined, fresh.auth))).status).toBe("in_progress");
    expect((await events(tenant.id, a.id)).filter((e) => e.type === "application.resumed").length).toBeGreaterThanOrEqual(1);
    await ok(await req("POST", "/public/applications/me/logout", undefined, fresh.auth), 204);
    await expectProblem(await req("GET", "/public/applications/me", undefined, fresh.auth), 401, "session_expired");
  });

  it("two tabs saving at once lose nothing (the row is locked per save)", async () => {
    const a = await startWithSmsLink();
    const tab1 = await openSession(tenant.id, a.token, ANNA.phone);
    ctx.clock.advance(31_000);
    const tab2 = await openSession(tenant.id, a.token, ANNA.phone);
    const saves: Array<[Record<string, string>, Json]> = [
      [tab1.auth, { fullName: "Anna B. Cohen" }],
      [tab2.auth, { nationalId: "987654321" }],
      [tab1.auth, { employment: "employed" }],
      [tab2.auth, { monthlyIncome: "9000" }],
      [tab1.auth, { email: "anna.cohen@example.com" }],
      [tab2.auth, { phone: "+972509999999" }],
    ];
    await Promise.all(saves.map(async ([auth, answers]) => ok(await req("PATCH", "/public/applications/me/answers", { answers }, auth))));
    const me = await ok<{ answers: Json }>(await req("GET", "/public/applications/me", undefined, tab1.auth));
    expect(me.answers).toMatchObject(Object.assign({}, ...saves.map(([, answers]) => answers)));
  });

  it("a customer starts from the public product page", async () => {
    const admin = await apiKeyHeaders(ctx, tenant, "admin");
    const started = await ok<{ token: string }>(await req("POST", `/public/banks/${tenant.slug}/applications`, { product: "savings", name: "Li Wei", email: "li@example.com", language: "zh-Hant" }), 201);
    const info = await ok<Json>(await req("GET", `/public/applications/link/${started.token}`));
    expect(info).toMatchObject({ product: "savings", language: "zh-Hant", otpChannels: ["email"], destination: { email: "l•••@example.com" } });
    const s = await openSession(tenant.id, started.token, "li@example.com");
    expect((await lastMessage(tenant.id, "li@example.com")).locale).toBe("zh-Hant");
    const detail = await ok<Json>(await req("GET", `/applications/${s.applicationId}`, undefined, admin));
    expect(detail).toMatchObject({ channel: "web", agent: null, status: "in_progress" });
    await expectProblem(await req("POST", `/public/banks/${tenant.slug}/applications`, { product: "savings", name: "No Contact" }), 400, "validation_failed");
    await expectProblem(await req("POST", "/public/banks/no-such-bank/applications", { product: "savings", name: "X", email: "x@example.com" }), 404, "not_found");
  });
});
