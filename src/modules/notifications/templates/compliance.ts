import type { ComplianceCatalog, MessageLocale } from "./types";

/**
 * Compliance messages to staff per locale. They never name the customer or the list entry: the
 * officer signs in to see them (an email may be forwarded or read on a shared screen).
 */
export const COMPLIANCE_TEXTS: Record<MessageLocale, ComplianceCatalog> = {
  en: {
    "compliance.rescreen_alert": {
      subject: "{{bank}}: new screening hits after a list update",
      body: ["Hello {{name}},", "Re-screening the customers of {{bank}} against the updated sanctions and PEP lists found new possible matches: {{items}}", { action: "Open the compliance reviews" }],
    },
  },
  he: {
    "compliance.rescreen_alert": {
      subject: "{{bank}}: התאמות סינון חדשות לאחר עדכון רשימה",
      body: ["שלום {{name}},", "סינון חוזר של לקוחות {{bank}} מול רשימות הסנקציות ואנשי הציבור המעודכנות מצא התאמות אפשריות חדשות: {{items}}", { action: "לפתיחת בדיקות הציות" }],
    },
  },
  ar: {
    "compliance.rescreen_alert": {
      subject: "{{bank}}: نتائج تدقيق جديدة بعد تحديث قائمة",
      body: ["مرحبًا {{name}}،", "أسفرت إعادة تدقيق عملاء {{bank}} مقابل قوائم العقوبات والأشخاص المعرّضين سياسيًا المحدّثة عن تطابقات محتملة جديدة: {{items}}", { action: "فتح مراجعات الامتثال" }],
    },
  },
  "zh-Hans": {
    "compliance.rescreen_alert": {
      subject: "{{bank}}：名单更新后出现新的筛查命中",
      body: ["{{name}}，您好：", "根据更新后的制裁名单和政治公众人物名单对 {{bank}} 的客户重新筛查，发现了新的可能匹配：{{items}}", { action: "打开合规审查" }],
    },
  },
  "zh-Hant": {
    "compliance.rescreen_alert": {
      subject: "{{bank}}：名單更新後出現新的篩查命中",
      body: ["{{name}}，您好：", "根據更新後的制裁名單和政治公眾人物名單對 {{bank}} 的客戶重新篩查，發現了新的可能匹配：{{items}}", { action: "開啟合規審查" }],
    },
  },
};
