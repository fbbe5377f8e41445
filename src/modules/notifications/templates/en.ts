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
};
