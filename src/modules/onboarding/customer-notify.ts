/**
 * Links the review side sends the customer (re-upload one document, requested information,
 * reminders, the welcome checklist) and the messages carrying them. Same rules as the apply link:
 * 32 random bytes (base64url) in the URL, only the SHA-256 stored, ONBOARDING_LINK_TTL_HOURS.
 * Opening one still needs a one-time code; its step/field tell the customer page where to go.
 */
import type { Executor } from "../../db";
import type { LinkPurpose } from "../../db/schema-onboarding";
import { sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { newId, randomToken } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import { queueMessage, type TemplateName } from "../notifications";
import { localize } from "./flow/logic";
import type { FlowDefinition } from "./flow/types";
import type { ApplicationRow } from "./timeline";

export interface CreatedLink {
  id: string;
  token: string;
  url: string;
  expiresAt: Date;
}

export async function bankOf(db: Executor, tenantId: string): Promise<{ slug: string; name: string }> {
  return db.selectFrom("tenants").select(["slug", "name"]).where("id", "=", tenantId).executeTakeFirstOrThrow();
}

/** A fresh link to the application (earlier links stay valid until they expire or are revoked). */
export async function createLink(
  trx: Executor,
  deps: Deps,
  app: ApplicationRow,
  opts: { purpose: LinkPurpose; step?: string | null; field?: string | null; sentVia?: "sms" | "email" | null },
): Promise<CreatedLink> {
  const now = deps.clock.now();
  const token = randomToken(32);
  const id = newId();
  const expiresAt = new Date(now.getTime() + deps.config.onboarding.linkTtlHours * 3_600_000);
  await trx
    .insertInto("application_links")
    .values({
      tenant_id: app.tenant_id,
      id,
      application_id: app.id,
      token_hash: sha256Hex(token),
      purpose: opts.purpose,
      step: opts.step ?? null,
      field: opts.field ?? null,
      created_at: now,
      expires_at: expiresAt,
      sent_via: opts.sentVia ?? null,
    })
    .execute();
  const { slug } = await bankOf(trx, app.tenant_id);
  return { id, token, url: `${deps.config.publicUrl}/c/${slug}/a/${token}`, expiresAt };
}

/** SMS when the customer has a phone, else email. */
export function customerChannel(app: ApplicationRow): { channel: "sms" | "email"; to: string } {
  if (app.customer_phone) return { channel: "sms", to: app.customer_phone };
  if (app.customer_email) return { channel: "email", to: app.customer_email };
  throw new AppError("validation_failed", "The customer has neither a phone number nor an email address", {
    issues: [{ path: "customer", message: "has no phone or email", code: "no_contact" }],
  });
}

type OnboardingMessage = "document_rejected" | "info_requested" | "approved" | "rejected" | "welcome" | "reminder";

/**
 * Sends `onboarding.<name>` (SMS variant `onboarding.<name>_sms`) in the customer's language.
 * `name`, `bank` and `product` are filled here; messages carrying a link are sensitive.
 */
export async function notifyCustomer(
  trx: Executor,
  deps: Deps,
  app: ApplicationRow,
  def: FlowDefinition,
  name: OnboardingMessage,
  vars: Record<string, string>,
): Promise<"sms" | "email"> {
  const { channel, to } = customerChannel(app);
  const bank = await bankOf(trx, app.tenant_id);
  const template = (channel === "sms" ? `onboarding.${name}_sms` : `onboarding.${name}`) as TemplateName;
  const all: Record<string, string> = {
    name: app.customer_name,
    bank: bank.name,
    product: localize(def.title, app.language, def.defaultLanguage),
    reference: app.reference,
    ...vars,
  };
  await queueMessage(trx, deps.clock.now(), {
    tenantId: app.tenant_id,
    channel,
    to,
    template,
    locale: app.language,
    vars: all,
    sensitive: "link" in vars,
    redactBody: !deps.config.devOutbox,
  });
  return channel;
}
