import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { apiKeyHeaders, json, makeTenant } from "../../../tests/support/factories";
import { MINUTE } from "../../kernel/clock";
import { addContact, drain, outbox, publishedSurvey } from "./distribution.testkit";
import { conditionsMatch, contactRefOf } from "./triggers";

const API = "/api/v1";
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

async function setup() {
  const tenant = await makeTenant(ctx);
  const analyst = await apiKeyHeaders(ctx, tenant, "cx_analyst");
  const agent = await apiKeyHeaders(ctx, tenant, "agent");
  const survey = await publishedSurvey(ctx, tenant);
  return { tenant, analyst, agent, survey };
}
const post = async (path: string, body: unknown, headers: Record<string, string>, status = 201) => {
  const res = await ctx.app.request(`${API}${path}`, { method: "POST", ...json(body, headers) });
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as Record<string, unknown>;
};

describe("triggers", () => {
  it("sends the survey N minutes after a journey event, to the contact found or created from the event", async () => {
    const { tenant, analyst, agent, survey } = await setup();
    const trigger = await post("/triggers", { eventType: "branch.visit", delayMinutes: 30, surveyId: survey, channel: "email", conditions: { visitType: "teller" } }, analyst);
    expect(trigger).toMatchObject({ eventType: "branch.visit", delayMinutes: 30, active: true, conditions: { visitType: "teller" } });

    await post("/events", { type: "branch.visit", contact: { customerId: "C-77", email: "Visitor@Example.com", name: "Omar", locale: "he" }, properties: { visitType: "teller", branch: "TLV1", agent: "a-12", journeyId: "j-1" } }, agent, 202);
    await post("/events", { type: "branch.visit", contact: { email: "other@example.com" }, properties: { visitType: "mortgage" } }, agent, 202);
    await post("/events", { type: "call.ended", contact: { email: "caller@example.com" }, properties: { visitType: "teller" } }, agent, 202);
    await drain(ctx, tenant);
    expect(await outbox(ctx, tenant, "feedback.survey_invitation")).toHaveLength(0);

    ctx.clock.advance(29 * MINUTE);
    await drain(ctx, tenant);
    expect(await outbox(ctx, tenant, "feedback.survey_invitation")).toHaveLength(0);
    ctx.clock.advance(MINUTE + 1000);
    await drain(ctx, tenant);
    const sent = await outbox(ctx, tenant, "feedback.survey_invitation");
    expect(sent.map((m) => [m.recipient, m.locale])).toEqual([["visitor@example.com", "he"]]);
    expect(sent[0]?.body_text).toContain("שלום Omar,");

    const contact = await ctx.deps.db.selectFrom("contacts").selectAll().where("tenant_id", "=", tenant.id).where("customer_id", "=", "C-77").executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ email: "visitor@example.com", name: "Omar", locale: "he" });
    expect(contact.last_surveyed_at).not.toBeNull();
    const inv = await ctx.deps.db.selectFrom("survey_invitations").selectAll().where("tenant_id", "=", tenant.id).executeTakeFirstOrThrow();
    expect(inv).toMatchObject({ trigger_id: trigger.id, contact_id: contact.id, channel: "email", hidden: { branch: "TLV1", journeyId: "j-1" } });
    expect(await ctx.deps.db.selectFrom("contacts").select("id").where("tenant_id", "=", tenant.id).where("email", "=", "other@example.com").executeTakeFirst()).toBeUndefined();

    // The same person visits again an hour later: the frequency rule skips them and says why.
    ctx.clock.advance(60 * MINUTE);
    await post("/events", { type: "branch.visit", contact: { customerId: "C-77" }, properties: { visitType: "teller" } }, agent, 202);
    ctx.clock.advance(31 * MINUTE);
    await drain(ctx, tenant);
    expect(await outbox(ctx, tenant, "feedback.survey_invitation")).toHaveLength(1);
    const skips = await ctx.deps.db.selectFrom("distribution_skips").select(["reason", "trigger_id"]).where("tenant_id", "=", tenant.id).execute();
    expect(skips).toEqual([{ reason: "frequency", trigger_id: trigger.id }]);
    ctx.clock.advance(-(121 * MINUTE + 1000));
  });

  it("a paused trigger sends nothing; SMS triggers use the phone; a re-delivered event does not send twice", async () => {
    const { tenant, analyst, agent, survey } = await setup();
    const t = await post("/triggers", { eventType: "application.funded", delayMinutes: 0, surveyId: survey, channel: "sms" }, analyst);
    const known = await addContact(ctx, tenant, { phone: "+972501112222", email: "known@example.com" });
    await post("/events", { type: "application.funded", contact: { email: "known@example.com" }, properties: { product: "loan" } }, agent, 202);
    await drain(ctx, tenant);
    const sms = await outbox(ctx, tenant, "feedback.survey_invitation_sms");
    expect(sms.map((m) => m.recipient)).toEqual(["+972501112222"]);
    const inv = await ctx.deps.db.selectFrom("survey_invitations").selectAll().where("tenant_id", "=", tenant.id).executeTakeFirstOrThrow();
    expect(inv.contact_id).toBe(known.id);

    // Run the fire job again for the same event (at-least-once delivery): nothing new.
    const { triggerFireJob } = await import("./triggers");
    await triggerFireJob.handler(ctx.deps, { tenantId: tenant.id, triggerId: t.id as string, eventId: inv.source_event_id as string }, { id: "x", name: triggerFireJob.name, attempts: 2, maxAttempts: 8, tenantId: tenant.id });
    expect(await outbox(ctx, tenant, "feedback.survey_invitation_sms")).toHaveLength(1);

    const paused = await ctx.app.request(`${API}/triggers/${t.id}`, { method: "PATCH", ...json({ active: false }, analyst) });
    expect(((await paused.json()) as { active: boolean }).active).toBe(false);
    await post("/events", { type: "application.funded", contact: { phone: "+972509998888" } }, agent, 202);
    await drain(ctx, tenant);
    expect(await outbox(ctx, tenant, "feedback.survey_invitation_sms")).toHaveLength(1);
    expect((await ctx.app.request(`${API}/triggers/${t.id}`, { method: "DELETE", headers: analyst })).status).toBe(204);
  });

  it("refuses platform event types, events without a contact, and triggers on another bank's survey", async () => {
    const { analyst, agent } = await setup();
    const reserved = await post("/events", { type: "survey.response_completed", contact: { email: "x@example.com" } }, agent, 400);
    expect((reserved.errors as { path: string; code: string }[])[0]).toMatchObject({ path: "body.type", code: "reserved" });
    const nobody = await post("/events", { type: "call.ended", contact: {} }, agent, 400);
    expect((nobody.errors as { path: string }[])[0]?.path).toMatch(/^body\.contact/);
    const viewer = await apiKeyHeaders(ctx, await makeTenant(ctx), "viewer");
    await post("/events", { type: "call.ended", contact: { email: "x@example.com" } }, viewer, 403);
    const other = await setup();
    const foreign = await post("/triggers", { eventType: "call.ended", delayMinutes: 5, surveyId: other.survey, channel: "email" }, analyst, 400);
    expect((foreign.errors as { path: string }[])[0]?.path).toBe("body.surveyId");
  });

  it("matches conditions by equality on properties and resolves the contact reference", () => {
    expect(conditionsMatch({ product: "loan", amount: 5 }, { properties: { product: "loan", amount: 5 } })).toBe(true);
    expect(conditionsMatch({ product: "loan" }, { properties: { product: "card" } })).toBe(false);
    expect(conditionsMatch({ amount: 5 }, { properties: { amount: "5" } })).toBe(false);
    expect(conditionsMatch({ channel: "api" }, { channel: "api", contactId: "x" })).toBe(true);
    expect(contactRefOf({ contactId: "abc" })).toEqual({ contactId: "abc" });
    expect(contactRefOf({ contact: { phone: "+972501234567" } })).toMatchObject({ phone: "+972501234567" });
    expect(contactRefOf({ contact: { name: "No id" } })).toBeNull();
  });
});
