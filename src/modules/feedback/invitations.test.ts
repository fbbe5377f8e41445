import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { apiKeyHeaders, json, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { DAY } from "../../kernel/clock";
import { sha256Hex } from "../../kernel/crypto";
import { addContact, drain, npsSurvey, outbox, publishedSurvey } from "./distribution.testkit";

const API = "/api/v1";
let ctx: TestContext;
let tenant: TestTenant;
let analyst: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext({ env: { PUBLIC_URL: "https://cx.bank.example" } });
  tenant = await makeTenant(ctx);
  analyst = await apiKeyHeaders(ctx, tenant, "cx_analyst");
});

interface Item {
  contactId: string;
  status: "created" | "sent" | "skipped";
  reason: string | null;
  invitationId: string | null;
  url: string | null;
}
const invite = async (surveyId: string, body: Record<string, unknown>, headers = analyst) => {
  const res = await ctx.app.request(`${API}/surveys/${surveyId}/invitations`, { method: "POST", ...json(body, headers) });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { items: Item[] }).items;
};
const openLink = (token: string, body: Record<string, unknown> = {}) => ctx.app.request(`${API}/public/invitations/${encodeURIComponent(token)}/responses`, { method: "POST", ...json(body) });
const tokenOf = (url: string) => new URL(url).searchParams.get("t") as string;

describe("personal links", () => {
  it("returns each URL once, stores only the token's hash, pre-fills hidden fields from the contact", async () => {
    const survey = await publishedSurvey(ctx, tenant);
    const c = await addContact(ctx, tenant, { email: "links@example.com", locale: "he", attributes: { branch: "TLV1", secret: "not declared" } });
    const [item] = await invite(survey, { contactIds: [c.id], hidden: { product: "mortgage" } });
    expect(item).toMatchObject({ contactId: c.id, status: "created", reason: null });
    const url = new URL(item?.url as string);
    expect(url.origin + url.pathname).toBe(`https://cx.bank.example/c/${tenant.slug}/s/${survey}`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ lang: "he", ch: "link" });
    const token = tokenOf(item?.url as string);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const row = await ctx.deps.db.selectFrom("survey_invitations").selectAll().where("id", "=", item?.invitationId as string).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(token));
    expect(row.hidden).toEqual({ branch: "TLV1", product: "mortgage" });
    expect(new Date(row.expires_at).getTime() - ctx.clock.now().getTime()).toBe(30 * DAY);
    const list = await (await ctx.app.request(`${API}/surveys/${survey}/invitations`, { headers: analyst })).text();
    expect(list).toContain(item?.invitationId as string);
    expect(list).not.toContain(token);
    // No message and no "surveyed" mark: the link was only created.
    expect(await outbox(ctx, tenant, "feedback.survey_invitation")).toHaveLength(0);
  });

  it("is single use: opens (with the first answer), resumes while open, then 410 link_used; expired 410; unknown 404", async () => {
    const survey = await publishedSurvey(ctx, tenant);
    const c = await addContact(ctx, tenant, { email: "once@example.com", attributes: { branch: "B7" } });
    const [item] = await invite(survey, { contactIds: [c.id] });
    const token = tokenOf(item?.url as string);

    const first = await openLink(token, { answers: { q1: 9 } });
    expect(first.status, await first.clone().text()).toBe(201);
    const started = (await first.json()) as { id: string; status: string; resumeToken: string; current: string };
    expect(started).toMatchObject({ status: "in_progress", current: "p1" });
    const again = (await (await openLink(token)).json()) as { id: string; resumeToken: string };
    expect(again.id).toBe(started.id);
    expect(again.resumeToken).not.toBe(started.resumeToken);

    const stored = await ctx.deps.db.selectFrom("survey_responses").selectAll().where("id", "=", started.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ contact_id: c.id, invitation_id: item?.invitationId, channel: "link", hidden: { branch: "B7" } });
    expect((stored.answers as Record<string, unknown>).q1).toBe(9);

    const bearer = { authorization: `Bearer ${again.resumeToken}` };
    expect((await ctx.app.request(`${API}/public/responses/${started.id}/answers`, { method: "POST", ...json({ submit: "p1" }, bearer) })).status).toBe(200);
    const finish = await ctx.app.request(`${API}/public/responses/${started.id}/answers`, { method: "POST", ...json({ answers: { q2: "Friendly staff" }, submit: "p2" }, bearer) });
    expect(finish.status, await finish.clone().text()).toBe(200);
    expect(((await finish.json()) as { status: string }).status).toBe("completed");

    const used = await openLink(token);
    expect(used.status).toBe(410);
    expect(((await used.json()) as { code: string }).code).toBe("link_used");

    await drain(ctx, tenant); // the completion event marks the invitation and the contact
    const inv = await ctx.deps.db.selectFrom("survey_invitations").selectAll().where("id", "=", item?.invitationId as string).executeTakeFirstOrThrow();
    expect(inv.completed_at).not.toBeNull();
    expect(inv.opened_at).not.toBeNull();
    expect((await ctx.deps.db.selectFrom("contacts").select("last_surveyed_at").where("id", "=", c.id).executeTakeFirstOrThrow()).last_surveyed_at).not.toBeNull();

    const [late] = await invite(survey, { contactIds: [c.id], expiresInDays: 1 });
    ctx.clock.advance(DAY + 1000);
    const expired = await openLink(tokenOf(late?.url as string));
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { code: string }).code).toBe("token_expired");
    ctx.clock.advance(-(DAY + 1000));
    expect((await openLink("x".repeat(43))).status).toBe(404);
  });

  it("refuses links for a closed or unknown survey, and unknown contacts by index", async () => {
    const closed = await publishedSurvey(ctx, tenant, npsSurvey(), "closed");
    const c = await addContact(ctx, tenant, { email: "closed@example.com" });
    const res = await ctx.app.request(`${API}/surveys/${closed}/invitations`, { method: "POST", ...json({ contactIds: [c.id] }, analyst) });
    expect(res.status).toBe(410);
    const open = await publishedSurvey(ctx, tenant);
    const other = await ctx.app.request(`${API}/surveys/${open}/invitations`, { method: "POST", ...json({ contactIds: [c.id, crypto.randomUUID()] }, analyst) });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("body.contactIds.1");
  });
});

describe("email and SMS invitations", () => {
  it("puts the first NPS question in the email: one link per scale point carrying the token and the answer", async () => {
    const survey = await publishedSurvey(ctx, tenant);
    const c = await addContact(ctx, tenant, { email: "dana@example.com", name: "Dana <b>", attributes: {} });
    const [item] = await invite(survey, { contactIds: [c.id], channel: "email" });
    expect(item?.status).toBe("sent");
    const token = tokenOf(item?.url as string);
    const [m] = (await outbox(ctx, tenant, "feedback.survey_invitation")).filter((x) => x.recipient === "dana@example.com");
    expect(m).toBeDefined();
    expect(m?.subject).toBe(`${tenant.name} would like your feedback: Branch visit`);
    expect(m?.body_text).toContain("Hello Dana <b>,");
    expect(m?.body_text).toContain("How likely are you to recommend us to a friend?");
    const html = m?.body_html as string;
    expect(html).toContain("Dana &#60;b&#62;");
    for (let v = 0; v <= 10; v++) {
      const link = `https://cx.bank.example/c/${tenant.slug}/s/${survey}?t=${token}&a=${v}&lang=en&ch=email`;
      expect(html, `answer ${v}`).toContain(`href="${link.replace(/&/g, "&#38;")}"`);
      expect(m?.body_text).toContain(`${v}: ${link}`);
    }
    expect(html).toContain("Not at all likely");
    expect(html).toContain(`/u/`);
    expect(m?.body_text).toMatch(/Unsubscribe from surveys: https:\/\/cx\.bank\.example\/u\/[\w-]+\.[0-9a-f]{32}/);
    expect(m?.sensitive).toBe(true);
  });

  it("writes Hebrew right-to-left; choice questions become buttons; other first questions give only the link", async () => {
    const def = npsSurvey();
    def.questions[0] = { id: "q1", type: "single", text: { en: "Which service?", he: "איזה שירות?" }, required: false, randomizeChoices: false, choices: [{ id: "teller", text: { en: "Teller", he: "טלר" } }, { id: "advisor", text: { en: "Advisor", he: "יועץ" } }] };
    const survey = await publishedSurvey(ctx, tenant, def);
    const he = await addContact(ctx, tenant, { email: "noa@example.com", locale: "he" });
    await invite(survey, { contactIds: [he.id], channel: "email" });
    const m = (await outbox(ctx, tenant, "feedback.survey_invitation")).find((x) => x.recipient === "noa@example.com");
    expect(m?.locale).toBe("he");
    expect(m?.body_html).toContain('<html lang="he" dir="rtl">');
    expect(m?.body_text).toContain("שלום לך,");
    expect(m?.body_text).toContain("איזה שירות?");
    expect(m?.body_html).toMatch(/a=advisor&#38;lang=he&#38;ch=email"[^>]*>יועץ</);

    const textFirst = npsSurvey();
    textFirst.pages = [{ id: "p2", questionIds: ["q2"], randomize: false }, { id: "p1", questionIds: ["q1"], randomize: false }];
    const s2 = await publishedSurvey(ctx, tenant, textFirst);
    const en = await addContact(ctx, tenant, { email: "plain@example.com" });
    await invite(s2, { contactIds: [en.id], channel: "email" });
    const plain = (await outbox(ctx, tenant, "feedback.survey_invitation")).find((x) => x.recipient === "plain@example.com");
    expect(plain?.body_text).not.toContain("&a=");
    expect(plain?.body_text).toContain("Answer the survey:");
  });

  it("sends a short SMS with the link and an opt-out link", async () => {
    const survey = await publishedSurvey(ctx, tenant);
    const c = await addContact(ctx, tenant, { phone: "+972501234567", locale: "ar" });
    const [item] = await invite(survey, { contactIds: [c.id], channel: "sms" });
    const m = (await outbox(ctx, tenant, "feedback.survey_invitation_sms")).find((x) => x.recipient === "+972501234567");
    expect(m?.channel).toBe("sms");
    expect(m?.locale).toBe("en"); // the survey has no Arabic, so the message follows the survey's language
    expect(m?.body_text).toContain(item?.url as string);
    expect(m?.body_text).toContain("Opt out: https://cx.bank.example/u/");
    expect(m?.body_text.length).toBeLessThan(600);
  });
});

describe("who is skipped", () => {
  it("applies the frequency rule across surveys, unsubscribes and missing addresses, and records why", async () => {
    const t = await makeTenant(ctx);
    const key = await apiKeyHeaders(ctx, t, "cx_analyst");
    const admin = await apiKeyHeaders(ctx, t, "admin");
    const first = await publishedSurvey(ctx, t);
    const second = await publishedSurvey(ctx, t, npsSurvey("Loan decision"));
    const ok = await addContact(ctx, t, { email: "ok@example.com" });
    const gone = await addContact(ctx, t, { email: "gone@example.com", unsubscribed: true });
    const phoneOnly = await addContact(ctx, t, { phone: "+972501110000" });

    const a = await invite(first, { contactIds: [ok.id, gone.id, phoneOnly.id], channel: "email" }, key);
    expect(a.map((i) => [i.status, i.reason])).toEqual([
      ["sent", null],
      ["skipped", "unsubscribed"],
      ["skipped", "no_address"],
    ]);
    ctx.clock.advance(10 * DAY);
    const b = await invite(second, { contactIds: [ok.id], channel: "email" }, key);
    expect(b[0]).toMatchObject({ status: "skipped", reason: "frequency", url: null });
    const skips = await ctx.deps.db.selectFrom("distribution_skips").select(["contact_id", "reason", "survey_id"]).where("tenant_id", "=", t.id).orderBy("created_at").execute();
    expect(skips).toEqual([
      { contact_id: gone.id, reason: "unsubscribed", survey_id: first },
      { contact_id: phoneOnly.id, reason: "no_address", survey_id: first },
      { contact_id: ok.id, reason: "frequency", survey_id: second },
    ]);
    // A shorter rule (7 days) lets the second survey through; 0 turns the rule off.
    await ctx.app.request(`${API}/feedback/settings`, { method: "PUT", ...json({ frequencyDays: 7 }, admin) });
    expect((await invite(second, { contactIds: [ok.id], channel: "email" }, key))[0]?.status).toBe("sent");
    expect((await invite(first, { contactIds: [ok.id], channel: "email" }, key))[0]?.reason).toBe("frequency");
    await ctx.app.request(`${API}/feedback/settings`, { method: "PUT", ...json({ frequencyDays: 0 }, admin) });
    expect((await invite(first, { contactIds: [ok.id], channel: "email" }, key))[0]?.status).toBe("sent");
    ctx.clock.advance(-10 * DAY);
  });
});
