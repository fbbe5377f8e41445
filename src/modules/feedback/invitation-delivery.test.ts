import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, json, makeTenant } from "../../../tests/support/factories";
import { addContact, drain, publishedSurvey } from "./distribution.testkit";

/** The invitation email through a real SMTP peer: what the customer's mail server receives. */
const received: Array<{ to: string[]; raw: string }> = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, done) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("latin1") });
      done();
    });
  },
});
let smtpUrl = "";
beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
});

/** Quoted-printable and base64 parts decoded enough to read ASCII links. */
function readable(raw: string): string {
  const qp = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  const b64 = [...raw.matchAll(/base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/g)].map((m) => Buffer.from((m[1] as string).replace(/\s+/g, ""), "base64").toString("utf8"));
  return [qp, ...b64].join("\n");
}

describe("invitation delivery over SMTP", () => {
  it("delivers the email with a link per NPS point, the plain link and the unsubscribe link", async () => {
    const ctx = await createTestContext({ env: { SMTP_URL: smtpUrl, PUBLIC_URL: "https://cx.bank.example" } });
    const tenant = await makeTenant(ctx);
    const key = await apiKeyHeaders(ctx, tenant, "cx_analyst");
    const survey = await publishedSurvey(ctx, tenant);
    const c = await addContact(ctx, tenant, { email: "smtp-dana@example.com", name: "Dana" });
    const res = await ctx.app.request(`/api/v1/surveys/${survey}/invitations`, { method: "POST", ...json({ contactIds: [c.id], channel: "email" }, key) });
    expect(res.status).toBe(201);
    const token = new URL(((await res.json()) as { items: { url: string }[] }).items[0]?.url as string).searchParams.get("t") as string;
    await drain(ctx, tenant);
    const mail = received.find((m) => m.to.includes("smtp-dana@example.com"));
    expect(mail, "the SMTP peer received the invitation").toBeDefined();
    const text = readable(mail?.raw ?? "");
    for (let v = 0; v <= 10; v++) expect(text, `answer ${v}`).toContain(`/s/${survey}?t=${token}&#38;a=${v}&#38;lang=en&#38;ch=email`);
    expect(text).toContain(`/s/${survey}?t=${token}&lang=en&ch=email`);
    expect(text).toMatch(/https:\/\/cx\.bank\.example\/u\/[\w-]+\.[0-9a-f]{32}/);
    const row = await ctx.deps.db.selectFrom("messages").select(["status", "provider"]).where("tenant_id", "=", tenant.id).where("recipient", "=", "smtp-dana@example.com").executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "sent", provider: "smtp" });
  });
});
