import type { MessageLocale, OnboardingCatalog } from "./types";

/**
 * Onboarding messages per locale. Links and one-time codes are secrets: these messages are queued
 * as sensitive, so their bodies are removed once delivered (outside development).
 * TODO(helper B): he, ar, zh-Hans, zh-Hant translations replace the English placeholders below.
 */
const en: OnboardingCatalog = {
  "onboarding.link": {
    subject: "Continue your {{product}} application with {{bank}}",
    body: [
      "Hello {{name}},",
      "Your {{product}} application with {{bank}} is ready. You can finish it on your phone in a few minutes; everything you enter is saved as you go.",
      { action: "Continue your application" },
      "The link is personal and works for {{days}}. When you open it we send you a one-time code first. If you did not ask for this, ignore this message.",
    ],
  },
  "onboarding.link_sms": { subject: "{{bank}} application", body: ["{{bank}}: continue your {{product}} application here:", { action: "Open" }, "Personal link, do not share."] },
  "onboarding.otp": {
    subject: "Your {{bank}} code: {{code}}",
    body: ["Hello {{name}},", "Your one-time code for your {{bank}} application is {{code}}. It expires in {{minutes}}.", "Never share this code. {{bank}} staff will never ask you for it."],
  },
  "onboarding.otp_sms": { subject: "{{bank}} code", body: ["{{code}} is your {{bank}} code. It expires in {{minutes}}. Never share it."] },
  "onboarding.reminder": {
    subject: "Your {{product}} application is waiting",
    body: ["Hello {{name}},", "You were at \u201c{{step}}\u201d in your {{product}} application with {{bank}}. Everything you entered is saved.", { action: "Continue where you stopped" }],
  },
  "onboarding.reminder_sms": { subject: "{{bank}} reminder", body: ["{{bank}}: your {{product}} application is saved. Continue where you stopped:", { action: "Continue" }] },
  "onboarding.document_rejected": {
    subject: "Please upload your {{document}} again",
    body: ["Hello {{name}},", "We could not accept your {{document}}: {{reason}}", "Please upload only this document again; the rest of your application is kept.", { action: "Upload the document" }],
  },
  "onboarding.document_rejected_sms": { subject: "{{bank}} document", body: ["{{bank}}: please upload your {{document}} again:", { action: "Upload" }] },
  "onboarding.info_requested": {
    subject: "{{bank}} needs a little more for your {{product}} application",
    body: ["Hello {{name}},", "To decide on your {{product}} application we need:", "{{items}}", { action: "Add the missing items" }],
  },
  "onboarding.info_requested_sms": { subject: "{{bank}} application", body: ["{{bank}}: we need a little more for your {{product}} application:", { action: "Open" }] },
  "onboarding.approved": {
    subject: "Your {{product}} application is approved",
    body: ["Hello {{name}},", "Good news: {{bank}} approved your {{product}} application (reference {{reference}}). We will let you know as soon as it is open."],
  },
  "onboarding.approved_sms": { subject: "{{bank}} approved", body: ["{{bank}}: your {{product}} application {{reference}} is approved."] },
  "onboarding.rejected": {
    subject: "About your {{product}} application",
    body: ["Hello {{name}},", "We are sorry: {{bank}} cannot approve your {{product}} application (reference {{reference}}).", "{{reason}}", "You may ask us for the main reasons for this decision."],
  },
  "onboarding.rejected_sms": { subject: "{{bank}} application", body: ["{{bank}}: we could not approve your {{product}} application {{reference}}. Details are in your email."] },
  "onboarding.welcome": {
    subject: "Welcome to {{bank}}: your {{product}} is open",
    body: ["Hello {{name}},", "Your {{product}} is open. A few steps help you get the most out of it:", { action: "See your welcome checklist" }],
  },
  "onboarding.welcome_sms": { subject: "Welcome to {{bank}}", body: ["{{bank}}: your {{product}} is open. Your welcome checklist:", { action: "Open" }] },
};

export const ONBOARDING_TEXTS: Record<MessageLocale, OnboardingCatalog> = { en, he: en, ar: en, "zh-Hans": en, "zh-Hant": en };
