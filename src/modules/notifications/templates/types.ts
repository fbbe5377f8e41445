/** The variables each template takes. `link` is rendered as a button; `minutes`/`days` as durations. */
export const TEMPLATE_VARS = {
  "auth.password_reset": ["name", "link", "minutes"],
  "auth.invitation": ["name", "inviter", "bank", "link", "days"],
  "auth.account_locked": ["name", "minutes"],
  "auth.totp_enabled": ["name"],
  "auth.totp_disabled": ["name"],
  "auth.password_changed": ["name"],
  "platform.test": ["name"],
} as const satisfies Record<string, readonly string[]>;

export type TemplateName = keyof typeof TEMPLATE_VARS;
export const TEMPLATE_NAMES = Object.keys(TEMPLATE_VARS) as TemplateName[];

export const MESSAGE_LOCALES = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];

/** A call-to-action button; its URL is always the `link` variable. */
export interface Action {
  action: string;
}

/**
 * One template in one language. `{{var}}` placeholders; paragraphs in order, with the button
 * where it belongs. The same text serves email (text part), the HTML part and SMS.
 */
export interface TemplateText {
  subject: string;
  body: Array<string | Action>;
}

/** Every template, so a locale missing one does not compile. */
export type Catalog = Record<TemplateName, TemplateText>;
