import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { apiKeyHeaders, json, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { DAY, HOUR } from "../../kernel/clock";
import { addContact, drain, npsSurvey, outbox, publishedSurvey } from "./distribution.testkit";

const API = "/api/v1";
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

interface Campaign {
  id: string;
  status: string;
  counts: { targeted: number; skipped: { unsubscribed: number; frequency: number; noAddress: number }; sent: number; opened: number; completed: number; reminded: number };
}
async function setup() {
  const tenant = await makeTenant(ctx);
  const key = await apiKeyHeaders(ctx, tenant, "cx_analyst");
  return { tenant, key };
}
const create = async (key: Record<string, string>, body: Record<string, unknown>) => {
  const res = await ctx.app.request(`${API}/campaigns`, { method: "POST", ...json(body, key) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Campaign;
};
const view = async (key: Record<string, string>, id: string) => (await (await ctx.app.request(`${API}/campaigns/${id}`, { headers: key })).json()) as Campaign;
const complete = async (url: string) => {
  const token = new URL(url).searchParams.get("t") as string;
  const open = await ctx.app.request(`${API}/public/invitations/${token}/responses`, { method: "POST", ...json({ answers: { q1: 10 } }) });
  const r = (await open.json()) as { id: string; resumeToken: string };
  const bearer = { authorization: `Bearer ${r.resumeToken}` };
  await ctx.app.request(`${API}/public/responses/${r.id}/answers`, { method: "POST", ...json({ submit: "p1" }, bearer) });
  const done = await ctx.app.request(`${API}/public/responses/${r.id}/answers`, { method: "POST", ...json({ submit: "p2" }, bearer) });
  expect(((await done.json()) as { status: string }).status).toBe("completed");
};
/** The personal link in a contact's latest invitation email (reminders carry the same link). */
const linkIn = async (tenant: TestTenant, email: string) => {
  const m = (await outbox(ctx, tenant)).filter((x) => x.recipient === email).pop();
  return /(https?:\/\/\S+\?t=[\w-]+&lang=\w+&ch=email)/.exec(m?.body_text ?? "")?.[1] as string;
};

describe("campaigns", () => {
  it("sends to the audience lists in a job, skips with reasons, never twice, and counts", async () => {
    const { tenant, key } = await setup();
    const survey = await publishedSurvey(ctx, tenant);
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await addContact(ctx, tenant, { email: `p${i}@example.com`, lists: i < 3 ? ["vip"] : ["north"] }));
    await addContact(ctx, tenant, { email: "other@example.com", lists: ["other"] });
    await addContact(ctx, tenant, { email: "gone@example.com", lists: ["vip"], unsubscribed: true });
    await addContact(ctx, tenant, { phone: "+972501230000", lists: ["north"] });
    await addContact(ctx, tenant, { email: "recent@example.com", lists: ["vip"], lastSurveyedAt: new Date(ctx.clock.now().getTime() - 3 * DAY) });

    const c = await create(key, { name: "Q4 relationship", surveyId: survey, channel: "email", lists: ["vip", "north"] });
    expect(c.status).toBe("scheduled");
    expect(await outbox(ctx, tenant, "feedback.survey_invitation")).toHaveLength(0); // sent by the job, not the request
    await drain(ctx, tenant);
    const after = await view(key, c.id);
    expect(after.status).toBe("sent");
    expect(after.counts).toEqual({ targeted: 8, skipped: { unsubscribed: 1, frequency: 1, noAddress: 1 }, sent: 5, opened: 0, completed: 0, reminded: 0 });
    const sentTo = (await outbox(ctx, tenant, "feedback.survey_invitation")).map((m) => m.recipient).sort();
    expect(sentTo).toEqual(["p0@example.com", "p1@example.com", "p2@example.com", "p3@example.com", "p4@example.com"]);

    // A second run of the sending job (a retry after a crash) sends nothing more.
    const { campaignSendJob } = await import("./campaigns");
    await ctx.deps.db.updateTable("survey_campaigns").set({ status: "sending" }).where("id", "=", c.id).execute();
    await campaignSendJob.handler(ctx.deps, { tenantId: tenant.id, campaignId: c.id }, { id: "x", name: campaignSendJob.name, attempts: 2, maxAttempts: 10, tenantId: tenant.id });
    expect(await outbox(ctx, tenant, "feedback.survey_invitation")).toHaveLength(5);
    expect((await view(key, c.id)).counts.targeted).toBe(8);
  });

  it("reminds only those who have not completed, after N days, up to M times", async () => {
    const { tenant, key } = await setup();
    const survey = await publishedSurvey(ctx, tenant);
    for (const e of ["done@example.com", "started@example.com", "silent@example.com"]) await addContact(ctx, tenant, { email: e, lists: ["all"] });
    const c = await create(key, { name: "With reminders", surveyId: survey, channel: "email", lists: ["all"], reminders: { afterDays: 3, max: 2 } });
    await drain(ctx, tenant);

    await complete(await linkIn(tenant, "done@example.com"));
    const startedToken = new URL(await linkIn(tenant, "started@example.com")).searchParams.get("t") as string;
    expect((await ctx.app.request(`${API}/public/invitations/${startedToken}/responses`, { method: "POST", ...json({}) })).status).toBe(201);
    await drain(ctx, tenant);

    ctx.clock.advance(3 * DAY - HOUR);
    await drain(ctx, tenant);
    expect(await outbox(ctx, tenant, "feedback.survey_reminder")).toHaveLength(0); // not yet
    ctx.clock.advance(2 * HOUR);
    await drain(ctx, tenant);
    let reminders = await outbox(ctx, tenant, "feedback.survey_reminder");
    expect(reminders.map((m) => m.recipient).sort()).toEqual(["silent@example.com", "started@example.com"]);
    expect(reminders[0]?.subject).toMatch(/^Reminder: Branch visit from /);
    // The reminder carries the same personal link as the invitation (a resumed response continues).
    expect(reminders.find((m) => m.recipient === "started@example.com")?.body_text).toContain(startedToken);

    await complete(await linkIn(tenant, "started@example.com"));
    await drain(ctx, tenant);
    ctx.clock.advance(3 * DAY + HOUR);
    await drain(ctx, tenant);
    reminders = await outbox(ctx, tenant, "feedback.survey_reminder");
    expect(reminders.map((m) => m.recipient).sort()).toEqual(["silent@example.com", "silent@example.com", "started@example.com"]);
    ctx.clock.advance(10 * DAY);
    await drain(ctx, tenant);
    expect(await outbox(ctx, tenant, "feedback.survey_reminder")).toHaveLength(3); // max 2 rounds
    expect((await view(key, c.id)).counts).toMatchObject({ sent: 3, opened: 2, completed: 2, reminded: 2 });
    ctx.clock.advance(-(16 * DAY + 2 * HOUR));
  });

  it("sends at the scheduled time, and not at all once cancelled", async () => {
    const { tenant, key } = await setup();
    const survey = await publishedSurvey(ctx, tenant);
    await addContact(ctx, tenant, { email: "later@example.com", lists: ["later"] });
    const at = new Date(ctx.clock.now().getTime() + 2 * HOUR).toISOString();
    const c = await create(key, { name: "Later", surveyId: survey, channel: "email", lists: ["later"], sendAt: at });
    await drain(ctx, tenant);
    expect((await view(key, c.id)).status).toBe("scheduled");
    ctx.clock.advance(2 * HOUR);
    await drain(ctx, tenant);
    expect((await view(key, c.id)).counts.sent).toBe(1);

    const c2 = await create(key, { name: "Cancelled", surveyId: survey, channel: "sms", lists: ["later"], sendAt: new Date(ctx.clock.now().getTime() + HOUR).toISOString() });
    const cancel = await ctx.app.request(`${API}/campaigns/${c2.id}/cancel`, { method: "POST", headers: key });
    expect(cancel.status).toBe(200);
    expect((await ctx.app.request(`${API}/campaigns/${c2.id}/cancel`, { method: "POST", headers: key })).status).toBe(409);
    ctx.clock.advance(2 * HOUR);
    await drain(ctx, tenant);
    expect((await view(key, c2.id)).counts.targeted).toBe(0);
    ctx.clock.advance(-4 * HOUR);
  });

  it("refuses a closed survey, an unknown survey and empty lists, naming the field", async () => {
    const { tenant, key } = await setup();
    const closed = await publishedSurvey(ctx, tenant, npsSurvey(), "closed");
    const res = await ctx.app.request(`${API}/campaigns`, { method: "POST", ...json({ name: "x", surveyId: closed, channel: "email", lists: ["a"] }, key) });
    expect(res.status).toBe(410);
    const unknown = await ctx.app.request(`${API}/campaigns`, { method: "POST", ...json({ name: "x", surveyId: crypto.randomUUID(), channel: "email", lists: ["a"] }, key) });
    expect(((await unknown.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("body.surveyId");
    const empty = await ctx.app.request(`${API}/campaigns`, { method: "POST", ...json({ name: "x", surveyId: closed, channel: "email", lists: [] }, key) });
    expect(((await empty.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("body.lists");
  });
});
