import { z } from "zod";
import type { Executor } from "../../db";
import type { MessagesTable } from "../../db/schema";
import { defineJob, errorText, PermanentJobError } from "../../jobs/registry";
import type { Deps } from "../../server/deps";

export const DELIVER_MESSAGE = "notifications.deliver";

/** What a sensitive message's body becomes once it no longer needs to be kept. */
export const REDACTED_BODY = "[redacted: sensitive message]";

/**
 * Sensitive messages (reset links, invitations: whoever reads the body can act as the recipient)
 * must be delivered with their real body but not kept in production. The choice made:
 *
 * - The row holds the real body only while the message is queued: the worker must be able to
 *   send it after the caller's transaction commits (and again on retry).
 * - Right after the provider accepts it, the same UPDATE that marks it 'sent' replaces body_text
 *   with REDACTED_BODY and body_html with null. Subject, recipient, template, locale, status and
 *   provider ids stay, so the outbox still answers "was it sent, to whom, what kind".
 * - When the job dies the message is marked 'failed' and redacted too: a dead message is never
 *   sent again by itself, so its link would only sit in the table. Retrying such a dead job fails
 *   at once (PermanentJobError) rather than sending "[redacted…]"; the user asks for a new link.
 * - Redaction applies when the message is sensitive and either the caller said so (redactBody,
 *   passed as !config.devOutbox where the message was queued) or the delivering worker runs
 *   without the dev outbox. Either side being a production config is enough.
 * - In development (DEV_OUTBOX on) bodies are kept, so the back office outbox can show the link.
 * The API presenter also hides sensitive bodies without the dev outbox, covering the short
 * window while a message is still queued.
 */
const Payload = z.object({
  tenantId: z.uuid(),
  messageId: z.uuid(),
  redact: z.boolean().default(false),
});
export type DeliverPayload = z.input<typeof Payload>;

type MessageRow = Pick<MessagesTable, "sensitive">;

function mustRedact(deps: Deps, payload: z.output<typeof Payload>, message: MessageRow): boolean {
  return message.sensitive && (payload.redact || !deps.config.devOutbox);
}

const redactedColumns = { body_text: REDACTED_BODY, body_html: null } as const;

function byKey(db: Executor, p: { tenantId: string; messageId: string }) {
  return db.updateTable("messages").where("tenant_id", "=", p.tenantId).where("id", "=", p.messageId);
}

export const deliverMessageJob = defineJob({
  name: DELIVER_MESSAGE,
  payload: Payload,
  // Backoff 10 s, 20 s … about 21 minutes in all before the message is marked failed.
  maxAttempts: 8,
  async handler(deps, p) {
    const m = await deps.db
      .selectFrom("messages")
      .selectAll()
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", p.messageId)
      .executeTakeFirst();
    if (!m) throw new PermanentJobError(`Message ${p.messageId} does not exist`);
    // Delivery is at least once: only a crash between the provider's answer and this update
    // sends twice. A message already marked sent is never sent again.
    if (m.status === "sent") return;
    if (m.body_text === REDACTED_BODY) {
      throw new PermanentJobError("The body of this sensitive message was removed; it cannot be sent again");
    }
    let sent: { id: string };
    let provider: string;
    try {
      if (m.channel === "email") {
        provider = deps.email.name;
        sent = await deps.email.send({
          from: deps.config.mail.from,
          to: m.recipient,
          subject: m.subject ?? "",
          text: m.body_text,
          ...(m.body_html ? { html: m.body_html } : {}),
        });
      } else {
        provider = deps.sms.name;
        sent = await deps.sms.send({ from: deps.config.sms.from, to: m.recipient, text: m.body_text });
      }
    } catch (err) {
      await byKey(deps.db, p).set({ error: errorText(err) }).execute();
      throw err;
    }
    await byKey(deps.db, p)
      .set({
        status: "sent",
        provider,
        provider_message_id: sent.id,
        sent_at: deps.clock.now(),
        error: null,
        ...(mustRedact(deps, p, m) ? redactedColumns : {}),
      })
      .execute();
  },
  async onDead(trx, p, { error, deps }) {
    const m = await trx
      .selectFrom("messages")
      .select(["sensitive", "status"])
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", p.messageId)
      .executeTakeFirst();
    if (!m || m.status === "sent") return;
    await byKey(trx, p)
      .set({ status: "failed", error, ...(mustRedact(deps, p, m) ? redactedColumns : {}) })
      .execute();
  },
});
