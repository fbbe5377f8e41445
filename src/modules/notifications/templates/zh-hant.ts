import type { Catalog } from "./types";

const notYou = "如果這不是您本人的操作，請立即聯絡系統管理員。";

export const zhHant: Catalog = {
  "auth.password_reset": {
    subject: "重設您的 Atrium 密碼",
    body: [
      "{{name}} 您好：",
      "我們收到重設您 Atrium 帳戶密碼的要求。請點選下方按鈕設定新密碼。此連結將在 {{minutes}}後失效，且只能使用一次。",
      { action: "設定新密碼" },
      "如果這不是您本人提出的要求，請忽略此訊息，您的密碼不會變更。",
    ],
  },
  "auth.invitation": {
    subject: "{{inviter}} 邀請您加入 Atrium 上的 {{bank}}",
    body: [
      "{{name}} 您好：",
      "{{inviter}} 邀請您在 Atrium 上加入 {{bank}}。Atrium 是您團隊使用的客戶體驗平台。",
      "接受邀請後即可設定密碼並登入。邀請將在 {{days}}後失效。",
      { action: "接受邀請" },
    ],
  },
  "auth.account_locked": {
    subject: "您的 Atrium 帳戶已暫時鎖定",
    body: [
      "{{name}} 您好：",
      "由於多次登入失敗，為保護您的帳戶安全，帳戶已被鎖定 {{minutes}}。",
      "如果是您本人的操作，請稍後再試；如果不是，請聯絡系統管理員重設密碼。",
    ],
  },
  "auth.totp_enabled": {
    subject: "雙重驗證已啟用",
    body: [
      "{{name}} 您好：",
      "您的 Atrium 帳戶已啟用雙重驗證。往後登入時，除了密碼之外，還需要輸入驗證器應用程式中的驗證碼。",
      notYou,
    ],
  },
  "auth.totp_disabled": {
    subject: "雙重驗證已停用",
    body: ["{{name}} 您好：", "您的 Atrium 帳戶已停用雙重驗證。現在登入只需要密碼。", notYou],
  },
  "auth.password_changed": {
    subject: "您的 Atrium 密碼已變更",
    body: ["{{name}} 您好：", "您的 Atrium 帳戶密碼剛剛已變更。", notYou],
  },
  "platform.test": {
    subject: "Atrium 測試訊息",
    body: ["{{name}} 您好：", "這是一則來自 Atrium 的測試訊息。如果您收到了，表示訊息傳送正常。"],
  },
  "feedback.survey_invitation": {
    subject: "{{bank}} 期待您的意見：{{survey}}",
    body: [
      "{{name}}，您好：",
      "{{bank}} 希望了解您的體驗，請花幾分鐘填寫我們的簡短問卷：{{survey}}。",
      { answers: "question" },
      { action: "填寫問卷" },
      "您的回答將協助我們改善服務。此連結僅供您本人使用，請勿轉寄。",
      { action: "取消訂閱問卷", href: "unsubscribe" },
    ],
  },
  "feedback.survey_reminder": {
    subject: "提醒：{{bank}} 的問卷 {{survey}}",
    body: [
      "{{name}}，您好：",
      "幾天前，{{bank}} 邀請您填寫一份簡短問卷：{{survey}}。現在仍可作答。",
      { answers: "question" },
      { action: "填寫問卷" },
      "如果您不想作答，可以忽略此訊息。",
      { action: "取消訂閱問卷", href: "unsubscribe" },
    ],
  },
  "feedback.survey_invitation_sms": {
    subject: "{{bank}} 問卷",
    body: ["{{bank}}：請告訴我們您的體驗（{{survey}}）。", { action: "作答" }, { action: "取消訂閱", href: "unsubscribe" }],
  },
  "feedback.survey_reminder_sms": {
    subject: "{{bank}} 問卷提醒",
    body: ["{{bank}}：提醒您填寫我們的簡短問卷（{{survey}}）。", { action: "作答" }, { action: "取消訂閱", href: "unsubscribe" }],
  },
};
