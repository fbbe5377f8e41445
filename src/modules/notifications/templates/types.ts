/** The variables each template takes. `link` is rendered as a button; `minutes`/`days` as durations. */
const BASE_TEMPLATE_VARS = {
  "auth.password_reset": ["name", "link", "minutes"],
  "auth.invitation": ["name", "inviter", "bank", "link", "days"],
  "auth.account_locked": ["name", "minutes"],
  "auth.totp_enabled": ["name"],
  "auth.totp_disabled": ["name"],
  "auth.password_changed": ["name"],
  "platform.test": ["name"],
  // Survey invitations (feedback distribution). `question` is the first question as answer links
  // (JSON, see AnswerLinks) or "" when the survey does not start with a one-tap question.
  "feedback.survey_invitation": ["name", "bank", "survey", "question", "link", "unsubscribe"],
  "feedback.survey_reminder": ["name", "bank", "survey", "question", "link", "unsubscribe"],
  "feedback.survey_invitation_sms": ["bank", "survey", "link", "unsubscribe"],
  "feedback.survey_reminder_sms": ["bank", "survey", "link", "unsubscribe"],
} as const satisfies Record<string, readonly string[]>;

/**
 * Onboarding messages (texts in onboarding.ts). `product` is the product's name in the customer's
 * language, `step` a step title, `document` a document's name, `items` the requested items as one
 * line each, `code` the one-time code.
 */
export const ONBOARDING_TEMPLATE_VARS = {
  "onboarding.link": ["name", "bank", "product", "link", "days"],
  "onboarding.link_sms": ["bank", "product", "link"],
  "onboarding.otp": ["name", "bank", "code", "minutes"],
  "onboarding.otp_sms": ["bank", "code", "minutes"],
  "onboarding.reminder": ["name", "bank", "product", "step", "link"],
  "onboarding.reminder_sms": ["bank", "product", "link"],
  "onboarding.document_rejected": ["name", "bank", "document", "reason", "link"],
  "onboarding.document_rejected_sms": ["bank", "document", "link"],
  "onboarding.info_requested": ["name", "bank", "product", "items", "link"],
  "onboarding.info_requested_sms": ["bank", "product", "link"],
  "onboarding.approved": ["name", "bank", "product", "reference"],
  "onboarding.approved_sms": ["bank", "product", "reference"],
  "onboarding.rejected": ["name", "bank", "product", "reference", "reason"],
  "onboarding.rejected_sms": ["bank", "product", "reference"],
  "onboarding.welcome": ["name", "bank", "product", "link"],
  "onboarding.welcome_sms": ["bank", "product", "link"],
} as const satisfies Record<string, readonly string[]>;

/** Compliance messages to staff (texts in compliance.ts): `items` summarises new screening hits, without customer names. */
export const COMPLIANCE_TEMPLATE_VARS = {
  "compliance.rescreen_alert": ["name", "bank", "items", "link"],
} as const satisfies Record<string, readonly string[]>;

/** E-signature messages (texts in signing.ts): `document` lists the document names, `days` how long the link still works. */
export const SIGNING_TEMPLATE_VARS = {
  "signing.request": ["name", "bank", "document", "link", "days"],
  "signing.request_sms": ["bank", "link"],
  "signing.reminder": ["name", "bank", "document", "link"],
  "signing.reminder_sms": ["bank", "link"],
  "signing.otp": ["name", "bank", "code", "minutes"],
  "signing.otp_sms": ["bank", "code", "minutes"],
  "signing.completed": ["name", "bank", "document", "link", "days"],
  "signing.completed_sms": ["bank", "document", "link", "days"],
  "signing.declined": ["name", "bank", "document"],
  "signing.declined_sms": ["bank", "document"],
} as const satisfies Record<string, readonly string[]>;

export const TEMPLATE_VARS = { ...BASE_TEMPLATE_VARS, ...ONBOARDING_TEMPLATE_VARS, ...COMPLIANCE_TEMPLATE_VARS, ...SIGNING_TEMPLATE_VARS };

export type TemplateName = keyof typeof TEMPLATE_VARS;
export type OnboardingTemplateName = keyof typeof ONBOARDING_TEMPLATE_VARS;
export const TEMPLATE_NAMES = Object.keys(TEMPLATE_VARS) as TemplateName[];

export const MESSAGE_LOCALES = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];

/**
 * A call-to-action: a button whose URL is the `link` variable, or with `href` another URL
 * variable (http(s) only) shown as a small link (e.g. unsubscribe).
 */
export interface Action {
  action: string;
  href?: string;
}

/**
 * One-tap answers in the message (the first question of a survey). The variable named by
 * `answers` holds JSON `{ "text": string, "low"?: string, "high"?: string,
 * "options": [{ "label": string, "url": "https://…" }] }`, or "" to leave the part out.
 */
export interface AnswerLinks {
  answers: string;
}

/**
 * One template in one language. `{{var}}` placeholders; paragraphs in order, with the button
 * where it belongs. The same text serves email (text part), the HTML part and SMS.
 */
export interface TemplateText {
  subject: string;
  body: Array<string | Action | AnswerLinks>;
}

/** Every platform template, so a locale missing one does not compile. */
export type Catalog = Record<keyof typeof BASE_TEMPLATE_VARS, TemplateText>;
/** Every onboarding template (onboarding.ts), per locale. */
export type OnboardingCatalog = Record<OnboardingTemplateName, TemplateText>;
export type ComplianceCatalog = Record<keyof typeof COMPLIANCE_TEMPLATE_VARS, TemplateText>;
export type SigningCatalog = Record<keyof typeof SIGNING_TEMPLATE_VARS, TemplateText>;
export type FullCatalog = Record<TemplateName, TemplateText>;
