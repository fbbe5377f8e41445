import type { Catalog } from "./types";

const notYou = "If you did not do this, contact your administrator right away.";

export const en: Catalog = {
  "auth.password_reset": {
    subject: "Reset your Atrium password",
    body: [
      "Hello {{name}},",
      "We received a request to reset the password of your Atrium account. Use the button below to choose a new password. The link expires in {{minutes}} and works only once.",
      { action: "Choose a new password" },
      "If you did not ask for this, you can ignore this message: your password stays the same.",
    ],
  },
  "auth.invitation": {
    subject: "{{inviter}} invited you to {{bank}} on Atrium",
    body: [
      "Hello {{name}},",
      "{{inviter}} has invited you to join {{bank}} on Atrium, the customer-experience platform your team uses.",
      "Accept the invitation to set your password and sign in. The invitation expires in {{days}}.",
      { action: "Accept the invitation" },
    ],
  },
  "auth.account_locked": {
    subject: "Your Atrium account is temporarily locked",
    body: [
      "Hello {{name}},",
      "After several unsuccessful sign-in attempts, your account has been locked for {{minutes}} to protect it.",
      "If that was you, wait and try again. If it was not, ask your administrator to reset your password.",
    ],
  },
  "auth.totp_enabled": {
    subject: "Two-factor authentication is on",
    body: [
      "Hello {{name}},",
      "Two-factor authentication has been turned on for your Atrium account. From now on, signing in also needs a code from your authenticator app.",
      notYou,
    ],
  },
  "auth.totp_disabled": {
    subject: "Two-factor authentication is off",
    body: [
      "Hello {{name}},",
      "Two-factor authentication has been turned off for your Atrium account. Signing in now needs only your password.",
      notYou,
    ],
  },
  "auth.password_changed": {
    subject: "Your Atrium password was changed",
    body: ["Hello {{name}},", "The password of your Atrium account has just been changed.", notYou],
  },
  "platform.test": {
    subject: "Atrium test message",
    body: ["Hello {{name}},", "This is a test message from Atrium. If you can read it, delivery works."],
  },
  "feedback.survey_invitation": {
    subject: "{{bank}} would like your feedback: {{survey}}",
    body: [
      "Hello {{name}},",
      "{{bank}} would like to hear about your experience. Please answer our short survey: {{survey}}.",
      { answers: "question" },
      { action: "Answer the survey" },
      "Your answers help us serve you better. This link is personal: please do not forward it.",
      { action: "Unsubscribe from surveys", href: "unsubscribe" },
    ],
  },
  "feedback.survey_reminder": {
    subject: "Reminder: {{survey}} from {{bank}}",
    body: [
      "Hello {{name}},",
      "A few days ago {{bank}} asked for your opinion in a short survey: {{survey}}. There is still time to answer.",
      { answers: "question" },
      { action: "Answer the survey" },
      "If you prefer not to answer, you can ignore this message.",
      { action: "Unsubscribe from surveys", href: "unsubscribe" },
    ],
  },
  "feedback.survey_invitation_sms": {
    subject: "Survey from {{bank}}",
    body: ["{{bank}}: please tell us about your experience ({{survey}}).", { action: "Answer" }, { action: "Opt out", href: "unsubscribe" }],
  },
  "feedback.survey_reminder_sms": {
    subject: "Survey reminder from {{bank}}",
    body: ["{{bank}}: a reminder to answer our short survey ({{survey}}).", { action: "Answer" }, { action: "Opt out", href: "unsubscribe" }],
  },
};
