import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { newId } from "../../kernel/ids";
import { REDACTED_BODY } from "./deliver-job";
import { type QueueMessageInput, queueMessage } from "./queue";

interface MessageJson {
  id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  bodyText: string;
  bodyHtml: string | null;
  template: string;
  locale: string;
  status: string;
  provider: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}
interface Page {
  items: MessageJson[];
  nextCursor: string | null;
}

const LINK = "https://atrium.example/app/reset?token=very-secret";
const resetFor = (tenant: TestTenant): QueueMessageInput => ({
  tenantId: tenant.id,
  channel: "email",
  to: "dana@example.test",
  template: "auth.password_reset",
  locale: "en",
  vars: { name: "Dana", link: LINK, minutes: "30" },
  sensitive: true,
});
const smsFor = (tenant: TestTenant): QueueMessageInput => ({
  tenantId: tenant.id,
  channel: "sms",
  to: "+972501234567",
  template: "auth.account_locked",
  locale: "he",
  vars: { name: "Dana", minutes: "15" },
});

async function setup(env: Record<string, string> = {}) {
  const ctx = await createTestContext({ env });
  const tenant = await makeTenant(ctx);
  const headers = await apiKeyHeaders(ctx, tenant, "admin");
  const get = async (path: string, h = headers) => {
    const res = await ctx.app.request(`/api/v1${path}`, { headers: h });
    return { status: res.status, body: (await res.json()) as Page & MessageJson & { code?: string } };
  };
  return { ctx, tenant, headers, get };
}

describe("outbox routes (development: dev outbox on)", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  let other: TestTenant;
  let email: string;
  let sms: string;
  let theirs: string;
  beforeAll(async () => {
    s = await setup();
    other = await makeTenant(s.ctx);
    email = await queueMessage(s.ctx.deps.db, s.ctx.clock.now(), resetFor(s.tenant));
    s.ctx.clock.advance(1000);
    sms = await queueMessage(s.ctx.deps.db, s.ctx.clock.now(), smsFor(s.tenant));
    theirs = await queueMessage(s.ctx.deps.db, s.ctx.clock.now(), resetFor(other));
  });

  it("lists the tenant's messages newest first, with bodies (dev outbox shows the link)", async () => {
    const { status, body } = await s.get("/outbox/messages");
    expect(status).toBe(200);
    expect(body.items.map((m) => m.id)).toEqual([sms, email]);
    expect(body.nextCursor).toBeNull();
    const [smsJson, emailJson] = body.items;
    expect(emailJson).toEqual({
      id: email,
      channel: "email",
      recipient: "dana@example.test",
      subject: "Reset your Atrium password",
      bodyText: expect.stringContaining(LINK),
      bodyHtml: expect.stringContaining('<html lang="en" dir="ltr">'),
      template: "auth.password_reset",
      locale: "en",
      status: "queued",
      provider: null,
      error: null,
      createdAt: expect.any(String),
      sentAt: null,
    });
    expect(smsJson).toMatchObject({ channel: "sms", subject: null, bodyHtml: null, locale: "he", bodyText: expect.stringContaining("15 דקות") });
  });

  it("never shows another tenant's message", async () => {
    const { body } = await s.get("/outbox/messages?limit=200");
    expect(body.items.map((m) => m.id)).not.toContain(theirs);
    const one = await s.get(`/outbox/messages/${theirs}`);
    expect(one.status).toBe(404);
    expect(one.body.code).toBe("not_found");
    expect((await s.get(`/outbox/messages/${newId()}`)).status).toBe(404);
  });

  it("filters by channel and status, and pages with a cursor", async () => {
    expect((await s.get("/outbox/messages?channel=sms")).body.items.map((m) => m.id)).toEqual([sms]);
    expect((await s.get("/outbox/messages?channel=email")).body.items.map((m) => m.id)).toEqual([email]);
    expect((await s.get("/outbox/messages?status=sent")).body.items).toEqual([]);
    const first = await s.get("/outbox/messages?limit=1");
    expect(first.body.items.map((m) => m.id)).toEqual([sms]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await s.get(`/outbox/messages?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((m) => m.id)).toEqual([email]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("shows one message", async () => {
    const { status, body } = await s.get(`/outbox/messages/${sms}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: sms, recipient: "+972501234567", template: "auth.account_locked" });
  });

  it("needs outbox:read and valid input", async () => {
    const manager = await apiKeyHeaders(s.ctx, s.tenant, "branch_manager");
    expect((await s.get("/outbox/messages", manager)).status).toBe(403);
    expect((await s.ctx.app.request("/api/v1/outbox/messages")).status).toBe(401);
    expect((await s.get("/outbox/messages?channel=fax")).status).toBe(400);
    expect((await s.get("/outbox/messages?cursor=bm9wZQ")).status).toBe(400);
    expect((await s.get("/outbox/messages/not-a-uuid")).status).toBe(400);
  });
});

describe("outbox routes (production: dev outbox off)", () => {
  it("shows delivery status but never the body of a sensitive message", async () => {
    const s = await setup({ DEV_OUTBOX: "false" });
    // Queued, not yet delivered: the store still holds the body; the API must not show it.
    const secret = await queueMessage(s.ctx.deps.db, s.ctx.clock.now(), resetFor(s.tenant));
    const plain = await queueMessage(s.ctx.deps.db, s.ctx.clock.now(), smsFor(s.tenant));
    const { body } = await s.get("/outbox/messages");
    const byId = new Map(body.items.map((m) => [m.id, m]));
    expect(byId.get(secret)).toMatchObject({ status: "queued", subject: "Reset your Atrium password", bodyText: REDACTED_BODY, bodyHtml: null, recipient: "dana@example.test" });
    expect(byId.get(plain)?.bodyText).toContain("15 דקות");
    const one = await s.get(`/outbox/messages/${secret}`);
    expect(one.body.bodyText).toBe(REDACTED_BODY);
    expect(JSON.stringify(body)).not.toContain("very-secret");
    expect(JSON.stringify(one.body)).not.toContain("very-secret");
  });
});
