/** The notifications module's public surface: other modules import from here only. */
export { DELIVER_MESSAGE, deliverMessageJob, REDACTED_BODY } from "./deliver-job";
export type { EmailTransport, SmsProvider } from "./providers";
export { type QueueMessageInput, queueMessage } from "./queue";
export {
  MESSAGE_LOCALES,
  type MessageLocale,
  renderTemplate,
  resolveLocale,
  TEMPLATE_NAMES,
  TEMPLATE_VARS,
  type TemplateName,
} from "./templates";
