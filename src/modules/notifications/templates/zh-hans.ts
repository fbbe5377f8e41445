import type { Catalog } from "./types";

const notYou = "如果这不是您本人的操作，请立即联系系统管理员。";

export const zhHans: Catalog = {
  "auth.password_reset": {
    subject: "重置您的 Atrium 密码",
    body: [
      "{{name}}，您好：",
      "我们收到了重置您 Atrium 账户密码的请求。请点击下方按钮设置新密码。该链接将在{{minutes}}后失效，且只能使用一次。",
      { action: "设置新密码" },
      "如果这不是您本人的请求，请忽略此消息，您的密码不会改变。",
    ],
  },
  "auth.invitation": {
    subject: "{{inviter}} 邀请您加入 Atrium 上的 {{bank}}",
    body: [
      "{{name}}，您好：",
      "{{inviter}} 邀请您在 Atrium 上加入 {{bank}}。Atrium 是您的团队使用的客户体验平台。",
      "接受邀请后即可设置密码并登录。邀请将在{{days}}后失效。",
      { action: "接受邀请" },
    ],
  },
  "auth.account_locked": {
    subject: "您的 Atrium 账户已被暂时锁定",
    body: [
      "{{name}}，您好：",
      "由于多次登录失败，为保护您的账户安全，账户已被锁定{{minutes}}。",
      "如果是您本人的操作，请稍后再试；如果不是，请联系系统管理员重置密码。",
    ],
  },
  "auth.totp_enabled": {
    subject: "双重身份验证已开启",
    body: [
      "{{name}}，您好：",
      "您的 Atrium 账户已开启双重身份验证。今后登录时，除密码外还需输入身份验证器应用中的验证码。",
      notYou,
    ],
  },
  "auth.totp_disabled": {
    subject: "双重身份验证已关闭",
    body: ["{{name}}，您好：", "您的 Atrium 账户已关闭双重身份验证。现在登录只需密码。", notYou],
  },
  "auth.password_changed": {
    subject: "您的 Atrium 密码已更改",
    body: ["{{name}}，您好：", "您的 Atrium 账户密码刚刚已更改。", notYou],
  },
  "platform.test": {
    subject: "Atrium 测试消息",
    body: ["{{name}}，您好：", "这是一条来自 Atrium 的测试消息。如果您收到了它，说明消息发送正常。"],
  },
  "feedback.survey_invitation": {
    subject: "{{bank}} 期待您的反馈：{{survey}}",
    body: [
      "{{name}}，您好：",
      "{{bank}} 希望了解您的体验，请花几分钟填写我们的简短问卷：{{survey}}。",
      { answers: "question" },
      { action: "填写问卷" },
      "您的回答将帮助我们改进服务。此链接仅供您本人使用，请勿转发。",
      { action: "退订问卷", href: "unsubscribe" },
    ],
  },
  "feedback.survey_reminder": {
    subject: "提醒：{{bank}} 的问卷 {{survey}}",
    body: [
      "{{name}}，您好：",
      "几天前，{{bank}} 邀请您填写一份简短问卷：{{survey}}。现在仍可作答。",
      { answers: "question" },
      { action: "填写问卷" },
      "如果您不想作答，可以忽略此消息。",
      { action: "退订问卷", href: "unsubscribe" },
    ],
  },
  "feedback.survey_invitation_sms": {
    subject: "{{bank}} 问卷",
    body: ["{{bank}}：请告诉我们您的体验（{{survey}}）。", { action: "作答" }, { action: "退订", href: "unsubscribe" }],
  },
  "feedback.survey_reminder_sms": {
    subject: "{{bank}} 问卷提醒",
    body: ["{{bank}}：提醒您填写我们的简短问卷（{{survey}}）。", { action: "作答" }, { action: "退订", href: "unsubscribe" }],
  },
};
