import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths } from "../../../tests/support/routes";
import { prefillOf, randomReference } from "./applications";
import { ANNA, type Json, kit } from "./applications.testkit";
import { maskEmail, maskPhone } from "./links";

const ctx = await createTestContext();
const { req, ok, lastMessage, linkTokenIn, openSession, events } = kit(ctx);
let tenant: TestTenant;
let api: Record<string, string>;
let agentA: Record<string, string>;
let agentB: Record<string, string>;
let regional: Record<string, string>;
let agentAId: string;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  api = await apiKeyHeaders(ctx, tenant, "agent");
  const [b0, b1, b2] = tenant.branches;
  const a = await makeUser(ctx, tenant, { role: "agent", branchId: b0?.id });
  agentAId = a.id;
  agentA = (await signIn(ctx, tenant, a.email)).headers;
  agentB = (await signIn(ctx, tenant, (await makeUser(ctx, tenant, { role: "agent", branchId: b1?.id })).email)).headers;
  regional = (await signIn(ctx, tenant, (await makeUser(ctx, tenant, { role: "branch_manager", regionId: b2?.regionId })).email)).headers;
});

describe("staff applications", () => {
  it("creates with the agent's branch and region, a reference, pre-filled data, an audit entry and the started event", async () => {
    const address = { line1: "1 Herzl St", city: "Tel Aviv", postcode: "6100000", country: "IL" };
    const created = await ok<Json & { id: string }>(
      await req("POST", "/applications", { product: "mortgage", customer: { ...ANNA, nationalId: "123456789", address, employer: "Acme", customerRef: "C-42" } }, agentA),
      201,
    );
    expect(created).toMatchObject({ reference: expect.stringMatching(/^MTG-[2-9A-Z]{6}$/), status: "created", link: expect.stringContaining(`/c/${tenant.slug}/a/`) });
    const detail = await ok<Json>(await req("GET", `/applications/${created.id}`, undefined, agentA));
    expect(detail).toMatchObject({
      product: "mortgage",
      flowVersion: 1,
      status: "created",
      channel: "branch",
      language: "he",
      customer: { name: "Anna Cohen", phone: ANNA.phone, email: ANNA.email, customerRef: "C-42" },
      branchId: tenant.branches[0]?.id,
      regionId: tenant.branches[0]?.regionId,
      agent: { id: agentAId, name: "agent user" },
      assignee: null,
      link: { revoked: false, sentVia: null },
      openedAt: null,
    });
    expect((detail.productTitle as Json).he).toBeTruthy();
    expect((detail.timeline as Json[]).map((t) => t.type)).toEqual(["started"]);
    const steps = detail.steps as Json[];
    expect(steps[0]?.state).toBe("current");
    const audit = await ctx.deps.db.selectFrom("audit_log").selectAll().where("tenant_id", "=", tenant.id).where("action", "=", "application.created").where("subject_id", "=", created.id).executeTakeFirstOrThrow();
    // Personal data stays out of the audit log.
    expect(JSON.stringify(audit)).not.toContain("Anna");
    expect(JSON.stringify(audit)).not.toContain(ANNA.phone);
    const started = (await events(tenant.id, created.id)).find((e) => e.type === "application.started");
    expect(started?.properties).toMatchObject({ product: "mortgage", channel: "branch", branchId: tenant.branches[0]?.id, agentId: agentAId });
  });

  it("API keys create with channel api and no agent; a language the flow lacks falls back", async () => {
    const created = await ok<{ id: string }>(await req("POST", "/applications", { product: "checking", customer: { name: "Sam", email: "sam@example.com" } }, api), 201);
    const detail = await ok<Json>(await req("GET", `/applications/${created.id}`, undefined, api));
    expect(detail).toMatchObject({ channel: "api", agent: null, branchId: null, language: "en" });
  });

  it("refuses bad input naming the fields", async () => {
    const noContact = await expectProblem(await req("POST", "/applications", { product: "checking", customer: { name: "No Contact" } }, agentA), 400, "validation_failed");
    expect(issuePaths(noContact)).toEqual(["body.customer.email", "body.customer.phone"]);
    const bad = await expectProblem(
      await req("POST", "/applications", { product: "boat", customer: { name: "", email: "nope", phone: "12", dateOfBirth: "1990-13-01" }, channel: "pigeon" }, agentA),
      400,
      "validation_failed",
    );
    expect(issuePaths(bad)).toEqual(expect.arrayContaining(["body.product", "body.customer.name", "body.customer.email", "body.customer.phone", "body.customer.dateOfBirth", "body.channel"]));
    await expectProblem(await req("POST", "/applications", { product: "checking", customer: { name: "X", email: "x@example.com", shoeSize: 42 } }, agentA), 400, "unknown_field");
    const noBranch = await expectProblem(await req("POST", "/applications", { product: "checking", customer: { name: "X", email: "x@example.com" }, branchId: crypto.randomUUID() }, api), 400, "validation_failed");
    expect(issuePaths(noBranch)).toEqual(["body.branchId"]);
  });

  it("keeps agents inside their branch and managers inside their region", async () => {
    const [b0, , b2, b3] = tenant.branches;
    await expectProblem(await req("POST", "/applications", { product: "checking", customer: { name: "X", phone: "+972501112233" }, branchId: b2?.id }, agentA), 403, "out_of_scope");
    const mine = await ok<{ id: string }>(await req("POST", "/applications", { product: "checking", customer: { name: "X", phone: "+972501112233" } }, agentA), 201);
    await expectProblem(await req("GET", `/applications/${mine.id}`, undefined, agentB), 403, "out_of_scope");
    await expectProblem(await req("GET", `/applications/${mine.id}/progress`, undefined, agentB), 403, "out_of_scope");
    await expectProblem(await req("POST", `/applications/${mine.id}/link`, { via: "sms" }, agentB), 403, "out_of_scope");
    await expectProblem(await req("POST", `/applications/${mine.id}/cancel`, { reason: "not mine" }, agentB), 403, "out_of_scope");
    await expectProblem(await req("GET", `/applications/${crypto.randomUUID()}`, undefined, agentA), 404, "not_found");
    // A region manager places an application in any branch of the region, not outside it.
    const south = await ok<{ id: string }>(await req("POST", "/applications", { product: "savings", customer: { name: "Y", phone: "+972501112244" }, branchId: b3?.id }, regional), 201);
    expect((await ok<Json>(await req("GET", `/applications/${south.id}`, undefined, regional))).regionId).toBe(b3?.regionId);
    await expectProblem(await req("POST", "/applications", { product: "savings", customer: { name: "Y", phone: "+972501112244" }, branchId: b0?.id }, regional), 403, "out_of_scope");
    await expectProblem(await req("GET", `/applications/${mine.id}`, undefined, regional), 403, "out_of_scope");
  });

  it("sends links, shows live progress, cancels, and refuses what the state does not allow", async () => {
    const created = await ok<{ id: string }>(await req("POST", "/applications", { product: "checking", customer: { name: "Dana Levi", phone: "+972541234599", language: "ar" } }, agentA), 201);
    const noEmail = await expectProblem(await req("POST", `/applications/${created.id}/link`, { via: "email" }, agentA), 400, "validation_failed");
    expect(issuePaths(noEmail)).toEqual(["body.via"]);
    const sent = await ok<Json>(await req("POST", `/applications/${created.id}/link`, { via: "sms" }, agentA), 202);
    expect(sent).toMatchObject({ sentVia: "sms", to: "+972 ••• ••99" });
    const sms = await lastMessage(tenant.id, "+972541234599");
    expect(sms).toMatchObject({ template: "onboarding.link_sms", locale: "ar", sensitive: true });
    expect(sms.body_text).toMatch(/[\u0600-\u06FF]/);

    const before = await ok<Json>(await req("GET", `/applications/${created.id}/progress`, undefined, agentA));
    expect(before).toMatchObject({ status: "created", currentStep: "about", online: false, progress: { index: 0, total: 4 } });
    const s = await openSession(tenant.id, linkTokenIn(sms.body_text), "+972541234599");
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { employment: "retired" }, at: { step: "work", field: "employment" } }, s.auth));
    const live = await ok<Json>(await req("GET", `/applications/${created.id}/progress`, undefined, agentA));
    expect(live).toMatchObject({ status: "in_progress", currentStep: "work", currentField: "employment", online: true });
    ctx.clock.advance(3 * 60_000);
    agentA = (await signIn(ctx, tenant, (await ctx.deps.db.selectFrom("users").select("email").where("id", "=", agentAId).executeTakeFirstOrThrow()).email)).headers;
    expect((await ok<Json>(await req("GET", `/applications/${created.id}/progress`, undefined, agentA))).online).toBe(false);

    await expectProblem(await req("POST", `/applications/${created.id}/cancel`, { reason: "" }, agentA), 400, "validation_failed");
    const cancelled = await ok<Json>(await req("POST", `/applications/${created.id}/cancel`, { reason: "Customer changed their mind" }, agentA));
    expect(cancelled).toMatchObject({ status: "cancelled", link: { revoked: true } });
    await expectProblem(await req("GET", "/public/applications/me", undefined, s.auth), 401, "session_expired");
    await expectProblem(await req("POST", `/applications/${created.id}/link`, { via: "sms" }, agentA), 409, "wrong_state");
    await expectProblem(await req("POST", `/applications/${created.id}/cancel`, { reason: "again" }, agentA), 409, "wrong_state");
  });
});

describe("helpers", () => {
  it("masks destinations and builds references and pre-fill", () => {
    expect(maskPhone("+972501234567")).toBe("+972 ••• ••67");
    expect(maskPhone("0501234567")).toBe("••• ••67");
    expect(maskEmail("dana@example.com")).toBe("d•••@example.com");
    for (let i = 0; i < 50; i++) expect(randomReference("credit_card")).toMatch(/^CRD-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    expect(prefillOf({ name: "  Maria  de la Cruz ", email: "m@example.com" })).toEqual({
      "customer.name": "Maria de la Cruz",
      "customer.firstName": "Maria de la",
      "customer.lastName": "Cruz",
      "customer.email": "m@example.com",
    });
  });
});
