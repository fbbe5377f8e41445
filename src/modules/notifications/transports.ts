import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { Config } from "../../config";
import { newId } from "../../kernel/ids";
import type { EmailTransport, SmsProvider } from "./providers";

/** SMTP through nodemailer when SMTP_URL is set; otherwise the outbox only (no delivery). */
export function createEmailTransport(config: Config, log: Logger): EmailTransport {
  if (!config.mail.smtpUrl) {
    return { name: "outbox", send: async () => ({ id: `outbox-${newId()}` }) };
  }
  const transporter = nodemailer.createTransport(config.mail.smtpUrl);
  return {
    name: "smtp",
    async send(msg) {
      const info = await transporter.sendMail(msg);
      log.debug({ messageId: info.messageId }, "email sent");
      return { id: String(info.messageId) };
    },
  };
}

/**
 * SMS over a bank's HTTP gateway: POST JSON {from, to, text} with a bearer token; the gateway
 * answers 2xx with {id}. Without SMS_PROVIDER=http, messages stay in the outbox.
 */
export function createSmsProvider(config: Config, fetchImpl: typeof fetch = fetch): SmsProvider {
  const { httpUrl, httpToken } = config.sms;
  if (config.sms.provider !== "http" || !httpUrl) {
    return { name: "outbox", send: async () => ({ id: `outbox-${newId()}` }) };
  }
  return {
    name: "http",
    async send(msg) {
      const res = await fetchImpl(httpUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...(httpToken ? { authorization: `Bearer ${httpToken}` } : {}) },
        body: JSON.stringify(msg),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
      const body = (await res.json().catch(() => ({}))) as { id?: unknown };
      return { id: typeof body.id === "string" ? body.id : `http-${newId()}` };
    },
  };
}
