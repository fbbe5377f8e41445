/**
 * Messages the review side sends the customer (re-upload one document, requested information,
 * decisions, reminders, the welcome checklist), in their language, by SMS when a phone is known
 * and by email otherwise. Links come from issueLink (links.ts).
 */
import type { Executor } from "../../db";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import { queueMessage, type TemplateName } from "../notifications";
import { localize } from "./flow/logic";
import type { FlowDefinition } from "./flow/types";
import { bankOf } from "./links";
import type { ApplicationRow } from "./timeline";

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
