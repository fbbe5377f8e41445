import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../tests/support/factories";
import { allJobs } from "../../jobs/all";
import { JobRegistry } from "../../jobs/registry";
import { startWorker } from "../../jobs/worker";
import { HOUR } from "../../kernel/clock";
import { REDACTED_BODY } from "./deliver-job";
import type { EmailTransport } from "./providers";
import { type QueueMessageInput, queueMessage } from "./queue";

// ---- a tiny MIME reader, enough for what nodemailer writes ----
function decodeWords(value: string): string {
  return value.replace(/(=\?utf-8\?[bq]\?[^?]*\?=\s*)+/gi, (run) => {
    const bytes = [...run.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)].map(([, enc, data]) =>
      enc?.toLowerCase() === "b" ? Buffer.from(data as string, "base64") : qpBytes((data as string).replace(/_/g, " ")),
    );
    return Buffer.concat(bytes).toString("utf8");
  });
}
function qpBytes(s: string): Buffer {
  const out: number[] = [];
  const src = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < src.length; i++) {
    if (src[i] === "=" && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(src[i] as string, "utf8"));
  }
  return Buffer.from(out);
}
function splitHead(raw: string) {
  const at = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map(head.split("\r\n").map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
  return { headers, body: raw.slice(at + 4) };
}
function decodeBody(headers: Map<string, string>, body: string): string {
  const cte = headers.get("content-transfer-encoding")?.toLowerCase();
  if (cte === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (cte === "quoted-printable") return qpBytes(body).toString("utf8");
  return body;
}
/** Subject, text and HTML of a raw message. */
function readMail(raw: string) {
  const { headers, body } = splitHead(raw);
  const parts: Record<string, string> = {};
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get("content-type") ?? "")?.[1];
  const chunks = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw];
  for (const chunk of chunks) {
    const part = splitHead(boundary ? chunk.replace(/^\r\n/, "") : chunk);
    const type = (part.headers.get("content-type") ?? "text/plain").split(";")[0] as string;
    parts[type] = decodeBody(part.headers, part.body);
  }
  return { subject: decodeWords(headers.get("subject") ?? ""), messageId: headers.get("message-id"), text: parts["text/plain"] ?? "", html: parts["text/html"] ?? "" };
}

// ---- a real SMTP server on 127.0.0.1 ----
interface Received {
  from: string;
  to: string[];
  raw: string;
}
const inbox: Received[] = [];
let smtpRejects = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, done) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      if (smtpRejects > 0) {
        smtpRejects -= 1;
        const err = Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 });
        return done(err);
      }
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
      inbox.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
      done();
    });
  },
});

// ---- a real HTTP SMS gateway on 127.0.0.1 ----
const smsRequests: Array<{ auth: string | undefined; path: string | undefined; body: { from: string; to: string; text: string } }> = [];
let smsStatus = 200;
const gateway: Server = createServer((req, res) => {
  let data = "";
  req.on("data", (c) => {
    data += c;
  });
  req.on("end", () => {
    if (smsStatus !== 200) {
      res.writeHead(smsStatus).end("unavailable");
      return;
    }
    smsRequests.push({ auth: req.headers.authorization, path: req.url, body: JSON.parse(data) });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `gw-${smsRequests.length}` }));
  });
});

let smtpUrl = "";
let smsUrl = "";
beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", () => r()));
  smsUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/v1/sms`;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => gateway.close(() => r()));
});

const worker = (ctx: TestContext, tenant: TestTenant) =>
  startWorker(ctx.deps, new JobRegistry(allJobs()), { loop: false, scheduler: false, tenantId: tenant.id });
const message = (ctx: TestContext, id: string) =>
  ctx.deps.db.selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const deliverJob = (ctx: TestContext, id: string) =>
  ctx.deps.db
    .selectFrom("jobs")
    .selectAll()
    .where("name", "=", "notifications.deliver")
    .where(({ eb, ref }) => eb(ref("payload", "->>").key("messageId" as never), "=", id))
    .executeTakeFirstOrThrow();

const reset = (tenant: TestTenant, over: Partial<QueueMessageInput> = {}): QueueMessageInput => ({
  tenantId: tenant.id,
  channel: "email",
  to: "dana@example.test",
  template: "auth.password_reset",
  locale: "he-IL",
  vars: { name: "Dana", link: "https://atrium.example/app/reset?token=s3cret-token", minutes: "30" },
  sensitive: true,
  ...over,
});

describe("email over SMTP", () => {
  it("delivers the localized message to a real SMTP server and records the provider id", async () => {
    const ctx = await createTestContext({ env: { SMTP_URL: smtpUrl } });
    const tenant = await makeTenant(ctx);
    const id = await queueMessage(ctx.deps.db, ctx.clock.now(), reset(tenant, { to: "dana.he@example.test" }));
    expect((await message(ctx, id)).status).toBe("queued");
    expect(await worker(ctx, tenant).runOnce()).toBe(1);

    const got = inbox.filter((m) => m.to.includes("dana.he@example.test"));
    expect(got).toHaveLength(1);
    expect(got[0]?.from).toBe("no-reply@atrium.local");
    const mail = readMail(got[0]?.raw as string);
    expect(mail.subject).toBe("איפוס הסיסמה שלך ב-Atrium");
    expect(mail.text).toContain("שלום Dana,");
    expect(mail.text).toContain("הקישור יפוג בעוד 30 דקות");
    expect(mail.text).toContain("https://atrium.example/app/reset?token=s3cret-token");
    expect(mail.html).toContain('<html lang="he" dir="rtl">');
    expect(mail.html).toContain('href="https://atrium.example/app/reset?token=s3cret-token"');

    const row = await message(ctx, id);
    expect(row).toMatchObject({ status: "sent", provider: "smtp", provider_message_id: mail.messageId, error: null, locale: "he" });
    expect(row.sent_at?.getTime()).toBe(ctx.clock.now().getTime());
    // Development config (dev outbox on): the body stays for the back office outbox.
    expect(row.body_text).toContain("s3cret-token");
    expect((await deliverJob(ctx, id)).status).toBe("done");
  });

  it("records an SMTP failure on the message, retries with backoff, then sends", async () => {
    const ctx = await createTestContext({ env: { SMTP_URL: smtpUrl } });
    const tenant = await makeTenant(ctx);
    const id = await queueMessage(ctx.deps.db, ctx.clock.now(), {
      tenantId: tenant.id, channel: "email", to: "retry@example.test", template: "platform.test", locale: "zh-Hans", vars: { name: "李" },
    });
    smtpRejects = 1;
    const w = worker(ctx, tenant);
    await w.runOnce();
    let row = await message(ctx, id);
    expect(row.status).toBe("queued");
    expect(row.error).toMatch(/451/);
    let job = await deliverJob(ctx, id);
    expect([job.status, job.attempts]).toEqual(["queued", 1]);
    expect(await w.runOnce()).toBe(0); // backing off
    ctx.clock.advance(HOUR);
    expect(await w.runOnce()).toBe(1);
    row = await message(ctx, id);
    expect([row.status, row.error]).toEqual(["sent", null]);
    job = await deliverJob(ctx, id);
    expect([job.status, job.attempts]).toEqual(["done", 2]);
    const mail = readMail(inbox.find((m) => m.to.includes("retry@example.test"))?.raw as string);
    expect(mail.subject).toBe("Atrium 测试消息");
    expect(mail.text).toContain("李，您好：");
  });

  it("in production, delivers the real body of a sensitive message and then keeps only a redacted one", async () => {
    const ctx = await createTestContext({ env: { SMTP_URL: smtpUrl, DEV_OUTBOX: "false" } });
    const tenant = await makeTenant(ctx);
    const sensitive = await queueMessage(ctx.deps.db, ctx.clock.now(), reset(tenant, { to: "prod@example.test", redactBody: !ctx.config.devOutbox }));
    // A caller that forgot redactBody: the production worker still redacts.
    const forgot = await queueMessage(ctx.deps.db, ctx.clock.now(), reset(tenant, { to: "forgot@example.test", locale: "en" }));
    const plain = await queueMessage(ctx.deps.db, ctx.clock.now(), {
      tenantId: tenant.id, channel: "email", to: "plain@example.test", template: "auth.password_changed", locale: "ar", vars: { name: "Omar" },
    });
    expect(await worker(ctx, tenant).runOnce()).toBe(3);

    const delivered = readMail(inbox.find((m) => m.to.includes("prod@example.test"))?.raw as string);
    expect(delivered.text).toContain("https://atrium.example/app/reset?token=s3cret-token");
    for (const id of [sensitive, forgot]) {
      const row = await message(ctx, id);
      expect(row).toMatchObject({ status: "sent", body_text: REDACTED_BODY, body_html: null, subject: expect.any(String), template: "auth.password_reset" });
      expect(row.subject).not.toBe("");
      expect(JSON.stringify(row)).not.toContain("s3cret-token");
    }
    const kept = await message(ctx, plain);
    expect(kept.body_text).toContain("مرحبًا Omar،");
    expect(kept.body_html).toContain('dir="rtl"');
  });

  it("marks the message failed when the job dies, redacts it in production, and refuses to resend a redacted body", async () => {
    let calls = 0;
    const broken: EmailTransport = {
      name: "smtp",
      send: async () => {
        calls += 1;
        throw new Error("connect ECONNREFUSED 10.0.0.1:25");
      },
    };
    const ctx = await createTestContext({ env: { DEV_OUTBOX: "false" }, email: broken });
    const tenant = await makeTenant(ctx);
    const id = await queueMessage(ctx.deps.db, ctx.clock.now(), reset(tenant, { redactBody: true }));
    const w = worker(ctx, tenant);
    for (let i = 0; i < 8; i++) {
      expect(await w.runOnce()).toBe(1);
      ctx.clock.advance(2 * HOUR);
    }
    expect(await w.runOnce()).toBe(0);
    expect(calls).toBe(8);
    const row = await message(ctx, id);
    expect(row).toMatchObject({ status: "failed", error: "connect ECONNREFUSED 10.0.0.1:25", body_text: REDACTED_BODY, body_html: null });
    const job = await deliverJob(ctx, id);
    expect([job.status, job.attempts]).toEqual(["dead", 8]);

    // An operator retries the dead job: it must not send "[redacted…]" to the customer.
    await ctx.deps.db.updateTable("jobs").set({ status: "queued", attempts: 0, run_at: ctx.clock.now() }).where("id", "=", job.id).execute();
    expect(await w.runOnce()).toBe(1);
    expect(calls).toBe(8);
    const again = await deliverJob(ctx, id);
    expect(again.status).toBe("dead");
    expect(again.last_error).toMatch(/removed; it cannot be sent again/);
  });
});

describe("SMS over the HTTP adapter", () => {
  const smsEnv = () => ({ SMS_PROVIDER: "http", SMS_HTTP_URL: smsUrl, SMS_HTTP_TOKEN: "sms-token-123", SMS_FROM: "FirstBank" });

  it("posts the localized text to the gateway with the bearer token and records its id", async () => {
    const ctx = await createTestContext({ env: smsEnv() });
    const tenant = await makeTenant(ctx);
    const id = await queueMessage(ctx.deps.db, ctx.clock.now(), {
      tenantId: tenant.id, channel: "sms", to: "+972501234567", template: "auth.account_locked", locale: "ar", vars: { name: "Layla", minutes: "15" },
    });
    smsStatus = 200;
    expect(await worker(ctx, tenant).runOnce()).toBe(1);
    const req = smsRequests.find((r) => r.body.to === "+972501234567");
    expect(req?.auth).toBe("Bearer sms-token-123");
    expect(req?.path).toBe("/v1/sms");
    expect(req?.body.from).toBe("FirstBank");
    expect(req?.body.text).toContain("مرحبًا Layla،");
    expect(req?.body.text).toContain("لمدة 15 دقيقة");
    const row = await message(ctx, id);
    expect(row).toMatchObject({ status: "sent", provider: "http", subject: null, body_html: null, channel: "sms" });
    expect(row.provider_message_id).toMatch(/^gw-\d+$/);
  });

  it("marks the SMS failed after the gateway keeps refusing", async () => {
    const ctx = await createTestContext({ env: smsEnv() });
    const tenant = await makeTenant(ctx);
    const id = await queueMessage(ctx.deps.db, ctx.clock.now(), {
      tenantId: tenant.id, channel: "sms", to: "+886912345678", template: "auth.totp_disabled", locale: "zh-TW", vars: { name: "陳" },
    });
    smsStatus = 503;
    try {
      const w = worker(ctx, tenant);
      for (let i = 0; i < 8; i++) {
        await w.runOnce();
        ctx.clock.advance(2 * HOUR);
      }
    } finally {
      smsStatus = 200;
    }
    const row = await message(ctx, id);
    expect(row).toMatchObject({ status: "failed", error: "SMS gateway answered 503", locale: "zh-Hant" });
    expect(row.body_text).toContain("陳 您好：");
    expect((await deliverJob(ctx, id)).status).toBe("dead");
    expect(smsRequests.some((r) => r.body.to === "+886912345678")).toBe(false);
  });
});

describe("queueMessage", () => {
  it("writes nothing when the caller's transaction rolls back", async () => {
    const ctx = await createTestContext();
    const tenant = await makeTenant(ctx);
    let id = "";
    await expect(
      ctx.deps.db.transaction().execute(async (trx) => {
        id = await queueMessage(trx, ctx.clock.now(), reset(tenant));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const rows = await ctx.deps.db.selectFrom("messages").select("id").where("tenant_id", "=", tenant.id).where("id", "=", id).execute();
    expect(rows).toHaveLength(0);
    const jobs = await ctx.deps.db.selectFrom("jobs").select("id").where("tenant_id", "=", tenant.id).where("name", "=", "notifications.deliver").execute();
    expect(jobs).toHaveLength(0);
  });

  it("refuses a malformed recipient or template variables", async () => {
    const ctx = await createTestContext();
    const tenant = await makeTenant(ctx);
    await expect(queueMessage(ctx.deps.db, ctx.clock.now(), reset(tenant, { to: "dana@example.test\r\nBcc: x@y.z" }))).rejects.toMatchObject({ code: "validation_failed" });
    await expect(queueMessage(ctx.deps.db, ctx.clock.now(), reset(tenant, { channel: "sms", to: "call me" }))).rejects.toMatchObject({ code: "validation_failed" });
    await expect(queueMessage(ctx.deps.db, ctx.clock.now(), reset(tenant, { vars: { name: "x" } }))).rejects.toThrow(/needs the variable link/);
  });
});
