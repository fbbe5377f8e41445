import type { Catalog } from "./types";

// Gender-neutral wording: forms spelled the same for both genders (ביקשת, עשית) or impersonal ones.
const notYou = "אם לא עשית זאת, יש לפנות מיד למנהל המערכת.";

export const he: Catalog = {
  "auth.password_reset": {
    subject: "איפוס הסיסמה שלך ב-Atrium",
    body: [
      "שלום {{name}},",
      "קיבלנו בקשה לאפס את הסיסמה של חשבון ה-Atrium שלך. כדי לבחור סיסמה חדשה, יש ללחוץ על הכפתור שלמטה. הקישור יפוג בעוד {{minutes}} ואפשר להשתמש בו פעם אחת בלבד.",
      { action: "בחירת סיסמה חדשה" },
      "אם לא ביקשת זאת, אפשר להתעלם מההודעה הזו: הסיסמה שלך לא תשתנה.",
    ],
  },
  "auth.invitation": {
    subject: "הזמנה מ-{{inviter}}: הצטרפות ל-{{bank}} ב-Atrium",
    body: [
      "שלום {{name}},",
      "קיבלת הזמנה מ-{{inviter}} להצטרף ל-{{bank}} ב-Atrium, פלטפורמת חוויית הלקוח שהצוות שלך עובד בה.",
      "כדי לקבל את ההזמנה, יש לבחור סיסמה ולהתחבר. ההזמנה בתוקף למשך {{days}}.",
      { action: "קבלת ההזמנה" },
    ],
  },
  "auth.account_locked": {
    subject: "החשבון שלך ב-Atrium ננעל זמנית",
    body: [
      "שלום {{name}},",
      "לאחר כמה ניסיונות התחברות שלא הצליחו, החשבון שלך ננעל למשך {{minutes}} כדי להגן עליו.",
      "אם הניסיונות היו שלך, אפשר לנסות שוב כשהנעילה תסתיים. אם לא, מומלץ לפנות למנהל המערכת ולבקש איפוס סיסמה.",
    ],
  },
  "auth.totp_enabled": {
    subject: "האימות הדו-שלבי הופעל",
    body: [
      "שלום {{name}},",
      "האימות הדו-שלבי הופעל בחשבון ה-Atrium שלך. מעכשיו, כדי להתחבר יהיה צורך גם בקוד מאפליקציית האימות.",
      notYou,
    ],
  },
  "auth.totp_disabled": {
    subject: "האימות הדו-שלבי בוטל",
    body: [
      "שלום {{name}},",
      "האימות הדו-שלבי בוטל בחשבון ה-Atrium שלך. מעכשיו ההתחברות דורשת רק סיסמה.",
      notYou,
    ],
  },
  "auth.password_changed": {
    subject: "הסיסמה שלך ב-Atrium שונתה",
    body: ["שלום {{name}},", "הסיסמה של חשבון ה-Atrium שלך שונתה זה עתה.", notYou],
  },
  "platform.test": {
    subject: "הודעת בדיקה מ-Atrium",
    body: ["שלום {{name}},", "זוהי הודעת בדיקה מ-Atrium. אם ההודעה הגיעה אליך, המשלוח עובד."],
  },
  "feedback.survey_invitation": {
    subject: "{{bank}} מבקש לשמוע את דעתך: {{survey}}",
    body: [
      "שלום {{name}},",
      "ב-{{bank}} נשמח לשמוע על החוויה שלך. נודה לך על מענה על הסקר הקצר שלנו: {{survey}}.",
      { answers: "question" },
      { action: "מענה על הסקר" },
      "התשובות שלך עוזרות לנו לשפר את השירות. הקישור הזה אישי: נא לא להעביר אותו לאחרים.",
      { action: "הסרה מרשימת הסקרים", href: "unsubscribe" },
    ],
  },
  "feedback.survey_reminder": {
    subject: "תזכורת: {{survey}} מ-{{bank}}",
    body: [
      "שלום {{name}},",
      "לפני כמה ימים ביקשנו ב-{{bank}} את דעתך בסקר קצר: {{survey}}. עדיין אפשר לענות.",
      { answers: "question" },
      { action: "מענה על הסקר" },
      "אם אין לך עניין לענות, אפשר להתעלם מההודעה הזו.",
      { action: "הסרה מרשימת הסקרים", href: "unsubscribe" },
    ],
  },
  "feedback.survey_invitation_sms": {
    subject: "סקר מ-{{bank}}",
    body: ["{{bank}}: נשמח לשמוע על החוויה שלך ({{survey}}).", { action: "למענה" }, { action: "להסרה", href: "unsubscribe" }],
  },
  "feedback.survey_reminder_sms": {
    subject: "תזכורת לסקר מ-{{bank}}",
    body: ["{{bank}}: תזכורת למענה על הסקר הקצר שלנו ({{survey}}).", { action: "למענה" }, { action: "להסרה", href: "unsubscribe" }],
  },
};
