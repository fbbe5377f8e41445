import { type Executor, inTransaction } from "../../db";
import { enqueue } from "../../jobs/registry";
import { AppError } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import { deliverMessageJob } from "./deliver-job";
import { renderTemplate, type TemplateName } from "./templates";

export interface QueueMessageInput {
  tenantId: string;
  channel: "email" | "sms";
  /** An email address, or a phone number for SMS (E.164 preferred: +972…). */
  to: string;
  template: TemplateName;
  /** The recipient's language tag; unsupported ones fall back (zh-TW → zh-Hant, fr → en). */
  locale: string;
  /** Every variable the template declares (TEMPLATE_VARS); durations as whole numbers. */
  vars: Record<string, string>;
  /** Holds a secret (reset link, invitation): see deliver-job.ts for how its body is handled. */
  sensitive?: boolean;
  /** Pass `!deps.config.devOutbox`: the body of a sensitive message is removed once delivered. */
  redactBody?: boolean;
}

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{4,22}$/;

function checkRecipient(channel: "email" | "sms", to: string): string {
  const value = to.trim();
  const ok = channel === "email" ? EMAIL.test(value) && value.length <= 254 : PHONE.test(value);
  if (!ok) {
    throw new AppError("validation_failed", `Not a valid ${channel === "email" ? "email address" : "phone number"}`, {
      issues: [{ path: "to", message: `is not a valid ${channel} recipient` }],
    });
  }
  return value;
}

/**
 * Renders a localized template, stores the message ('queued') and enqueues its delivery, all in
 * the caller's transaction: if the caller rolls back, nothing is sent. Returns the message id.
 */
export async function queueMessage(db: Executor, now: Date, input: QueueMessageInput): Promise<string> {
  const to = checkRecipient(input.channel, input.to);
  const rendered = renderTemplate(input.template, input.locale, input.vars);
  const id = newId();
  const sensitive = input.sensitive ?? false;
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("messages")
      .values({
        tenant_id: input.tenantId,
        id,
        channel: input.channel,
        recipient: to,
        subject: input.channel === "email" ? rendered.subject : null,
        body_text: rendered.text,
        body_html: input.channel === "email" ? rendered.html : null,
        template: input.template,
        locale: rendered.locale,
        sensitive,
        status: "queued",
        provider: null,
        created_at: now,
      })
      .execute();
    await enqueue(
      trx,
      now,
      deliverMessageJob,
      { tenantId: input.tenantId, messageId: id, redact: sensitive && (input.redactBody ?? false) },
      { tenantId: input.tenantId, dedupeKey: `message:${id}` },
    );
  });
  return id;
}
