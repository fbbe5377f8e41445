import { SURVEY_MESSAGES, type SurveyMessages } from "./i18n-survey";

/** The customer pages' strings in every language Atrium speaks. Keep the keys identical. */
export const LOCALES = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  he: "עברית",
  ar: "العربية",
  "zh-Hans": "简体中文",
  "zh-Hant": "繁體中文",
};

export interface Messages extends SurveyMessages {
  language: string;
  loading: string;
  skip: string;
  invalidTitle: string;
  invalidLink: string;
  networkError: string;
  retry: string;
  welcome: string;
  ready: string;
  secure: string;
  privacy: string;
  privacyText: string;
  back: string;
}

export const MESSAGES: Record<Locale, Messages> = {
  en: {
    language: "Language",
    loading: "Loading…",
    skip: "Skip to content",
    invalidTitle: "Link not valid",
    invalidLink: "This link is not valid or has expired.",
    networkError: "We could not connect. Check your connection and try again.",
    retry: "Try again",
    welcome: "Welcome to {bank}",
    ready: "Your secure page is ready.",
    secure: "Secure connection",
    privacy: "Privacy",
    privacyText: "{bank} uses the information you give on these pages only to handle your request. Ask {bank} for its full privacy notice.",
    back: "Back",
    ...SURVEY_MESSAGES.en,
  },
  he: {
    language: "שפה",
    loading: "טוען…",
    skip: "דילוג לתוכן",
    invalidTitle: "הקישור אינו תקף",
    invalidLink: "הקישור הזה אינו תקף או שפג תוקפו.",
    networkError: "לא הצלחנו להתחבר. יש לבדוק את החיבור ולנסות שוב.",
    retry: "ניסיון נוסף",
    welcome: "ברוכים הבאים אל {bank}",
    ready: "הדף המאובטח שלך מוכן.",
    secure: "חיבור מאובטח",
    privacy: "פרטיות",
    privacyText: "{bank} משתמש במידע שמוזן בדפים האלה רק לטיפול בבקשה שלך. את מדיניות הפרטיות המלאה אפשר לבקש מ-{bank}.",
    back: "חזרה",
    ...SURVEY_MESSAGES.he,
  },
  ar: {
    language: "اللغة",
    loading: "جارٍ التحميل…",
    skip: "انتقل إلى المحتوى",
    invalidTitle: "الرابط غير صالح",
    invalidLink: "هذا الرابط غير صالح أو انتهت صلاحيته.",
    networkError: "تعذّر الاتصال. تحقّق من اتصالك وحاول مرة أخرى.",
    retry: "إعادة المحاولة",
    welcome: "مرحبًا بك في {bank}",
    ready: "صفحتك الآمنة جاهزة.",
    secure: "اتصال آمن",
    privacy: "الخصوصية",
    privacyText: "يستخدم {bank} المعلومات التي تقدّمها في هذه الصفحات لمعالجة طلبك فقط. اطلب من {bank} إشعار الخصوصية الكامل.",
    back: "رجوع",
    ...SURVEY_MESSAGES.ar,
  },
  "zh-Hans": {
    language: "语言",
    loading: "正在加载…",
    skip: "跳到内容",
    invalidTitle: "链接无效",
    invalidLink: "此链接无效或已过期。",
    networkError: "无法连接。请检查网络后重试。",
    retry: "重试",
    welcome: "欢迎来到{bank}",
    ready: "您的安全页面已准备就绪。",
    secure: "安全连接",
    privacy: "隐私",
    privacyText: "{bank}仅将您在这些页面中填写的信息用于处理您的申请。如需完整的隐私声明，请向{bank}索取。",
    back: "返回",
    ...SURVEY_MESSAGES["zh-Hans"],
  },
  "zh-Hant": {
    language: "語言",
    loading: "載入中…",
    skip: "跳至內容",
    invalidTitle: "連結無效",
    invalidLink: "此連結無效或已過期。",
    networkError: "無法連線。請檢查網路後再試一次。",
    retry: "重試",
    welcome: "歡迎來到{bank}",
    ready: "您的安全頁面已準備就緒。",
    secure: "安全連線",
    privacy: "隱私權",
    privacyText: "{bank}僅將您在這些頁面中填寫的資訊用於處理您的申請。如需完整的隱私權聲明，請向{bank}索取。",
    back: "返回",
    ...SURVEY_MESSAGES["zh-Hant"],
  },
};

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** Best supported match for a BCP 47 tag (`he-IL`, `zh-TW`, `zh-Hans-CN`, `ar-EG`). */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith("zh")) return /hant|-tw|-hk|-mo/.test(lower) ? "zh-Hant" : "zh-Hans";
  const base = lower.split("-")[0];
  if (base === "iw") return "he";
  return isLocale(base) ? base : null;
}

export const dirOf = (l: Locale): "rtl" | "ltr" => (l === "he" || l === "ar" ? "rtl" : "ltr");

/** `{name}` placeholders filled from `vars`. */
export function format(text: string, vars: Record<string, string> = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
