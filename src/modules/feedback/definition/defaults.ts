/**
 * Translated default strings a definition gets when the analyst gave none: the "done" ending and
 * the consent label. One entry per survey locale, so a missing translation is a compile error.
 */
import type { SurveyLocale, Text } from "./types";

type AllLocales = Record<SurveyLocale, string>;

export const DEFAULT_THANKS_TITLE: AllLocales = {
  en: "Thank you!",
  he: "תודה רבה!",
  ar: "شكرًا لك!",
  "zh-Hans": "谢谢！",
  "zh-Hant": "謝謝！",
};

export const DEFAULT_THANKS_TEXT: AllLocales = {
  en: "Your answers have been recorded. We appreciate your feedback.",
  he: "התשובות שלך נשמרו. אנו מעריכים את המשוב שלך.",
  ar: "تم تسجيل إجاباتك. نحن نقدّر ملاحظاتك.",
  "zh-Hans": "您的回答已记录。感谢您的反馈。",
  "zh-Hant": "您的回答已記錄。感謝您的意見回饋。",
};

export const DEFAULT_CONSENT_LABEL: AllLocales = {
  en: "I agree",
  he: "אני מסכים/ה",
  ar: "أوافق",
  "zh-Hans": "我同意",
  "zh-Hant": "我同意",
};

export const DEFAULT_ENDING_ID = "done";

export const copyText = (t: AllLocales): Text => ({ ...t });

export const MIB = 1024 * 1024;
export const FILE_DEFAULT_MAX_BYTES = 10 * MIB;
export const FILE_MAX_BYTES_CAP = 20 * MIB;
export const TEXT_DEFAULT_MAX_LENGTH = { short: 1000, long: 5000 } as const;
export const RATING_DEFAULT_POINTS = 5;
