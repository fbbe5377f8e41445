import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isoOrNull } from "../../kernel/clock";
import type { Selectable } from "kysely";
import type { MessagesTable } from "../../db/schema";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { need } from "../../server/guard";
import { IdParam, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../server/pagination";
import { REDACTED_BODY } from "./deliver-job";

export const MessageSchema = z
  .object({
    id: z.uuid(),
    channel: z.enum(["email", "sms"]),
    recipient: z.string(),
    subject: z.string().nullable(),
    bodyText: z.string(),
    bodyHtml: z.string().nullable(),
    template: z.string().openapi({ example: "auth.password_reset" }),
    locale: z.string().openapi({ example: "he" }),
    status: z.enum(["queued", "sent", "failed"]),
    provider: z.string().nullable().openapi({ description: "smtp, http, or outbox (recorded, not delivered)" }),
    error: z.string().nullable(),
    createdAt: z.string().openapi({ format: "date-time" }),
    sentAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("OutboxMessage");

type MessageRow = Selectable<MessagesTable>;

/**
 * What of a message leaves the server. Without the dev outbox (production), the body of a
 * sensitive message is never shown, even in the moments before delivery redacts it in the store.
 */
export function presentMessage(m: MessageRow, devOutbox: boolean): z.infer<typeof MessageSchema> {
  const hide = m.sensitive && !devOutbox;
  return {
    id: m.id,
    channel: m.channel,
    recipient: m.recipient,
    subject: m.subject,
    bodyText: hide ? REDACTED_BODY : m.body_text,
    bodyHtml: hide ? null : m.body_html,
    template: m.template,
    locale: m.locale,
    status: m.status,
    provider: m.provider,
    error: m.error,
    createdAt: new Date(m.created_at).toISOString(),
    sentAt: isoOrNull(m.sent_at),
  };
}

const MessageListQuery = PageQuery.extend({
  channel: z.enum(["email", "sms"]).optional(),
  status: z.enum(["queued", "sent", "failed"]).optional(),
});
const MessageCursor = z.tuple([z.iso.datetime(), z.uuid()]);

const listMessages = createRoute({
  method: "get",
  path: "/outbox/messages",
  tags: ["Outbox"],
  summary: "Email and SMS sent (or queued) by your bank, newest first",
  security,
  request: { query: MessageListQuery },
  responses: { 200: jsonContent(pageOf(MessageSchema)), ...standardErrors },
});

const getMessage = createRoute({
  method: "get",
  path: "/outbox/messages/{id}",
  tags: ["Outbox"],
  summary: "One message",
  security,
  request: { params: IdParam },
  responses: { 200: jsonContent(MessageSchema), ...standardErrors, ...notFoundError },
});

export function notificationRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const devOutbox = deps.config.devOutbox;

  app.openapi(listMessages, async (c) => {
    const actor = need(c, "outbox:read");
    const q = c.req.valid("query");
    const after = decodeCursor(q.cursor, MessageCursor);
    let query = deps.db
      .selectFrom("messages")
      .selectAll()
      .where("tenant_id", "=", actor.tenantId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(q.limit + 1);
    if (q.channel) query = query.where("channel", "=", q.channel);
    if (q.status) query = query.where("status", "=", q.status);
    if (after) query = query.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(after[0]), after[1])));
    const page = paginate(await query.execute(), q.limit, (m) => [new Date(m.created_at).toISOString(), m.id]);
    return c.json({ items: page.items.map((m) => presentMessage(m, devOutbox)), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getMessage, async (c) => {
    const actor = need(c, "outbox:read");
    const { id } = c.req.valid("param");
    const m = await deps.db
      .selectFrom("messages")
      .selectAll()
      .where("tenant_id", "=", actor.tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (!m) throw new AppError("not_found", "No message with this id in your bank");
    return c.json(presentMessage(m, devOutbox), 200);
  });

  return app;
}
