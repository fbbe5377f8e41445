/**
 * Reject reason codes and what the customer is told for each, in the five languages. Internal
 * codes (fraud suspected, policy, other) give the customer the general sentence only.
 */
import type { FlowLocale } from "./flow/types";

export const REJECT_REASONS = ["identity_not_verified", "affordability", "credit_history", "incomplete_documents", "policy", "fraud_suspected", "other"] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

type Told = "identity_not_verified" | "affordability" | "credit_history" | "incomplete_documents" | "general";

const TEXTS: Record<FlowLocale, Record<Told, string>> = {
  en: {
    identity_not_verified: "We could not verify your identity from the information and documents provided.",
    affordability: "Based on the income and commitments you told us about, the product is not affordable for you at the moment.",
    credit_history: "The decision is based on your credit history.",
    incomplete_documents: "The documents we need to decide were incomplete.",
    general: "The decision is based on the bank's policies for this product.",
  },
  he: {
    identity_not_verified: "לא הצלחנו לאמת את זהותך על סמך הפרטים והמסמכים שנמסרו.",
    affordability: "על סמך ההכנסות וההתחייבויות שמסרת, המוצר אינו מתאים ליכולת ההחזר שלך כרגע.",
    credit_history: "ההחלטה מבוססת על היסטוריית האשראי שלך.",
    incomplete_documents: "המסמכים הדרושים להחלטה לא היו מלאים.",
    general: "ההחלטה מבוססת על מדיניות הבנק למוצר זה.",
  },
  ar: {
    identity_not_verified: "لم نتمكن من التحقق من هويتك من المعلومات والمستندات المقدمة.",
    affordability: "بناءً على الدخل والالتزامات التي أخبرتنا بها، المنتج غير مناسب لقدرتك المالية حاليًا.",
    credit_history: "يستند القرار إلى سجلك الائتماني.",
    incomplete_documents: "كانت المستندات المطلوبة لاتخاذ القرار غير مكتملة.",
    general: "يستند القرار إلى سياسات البنك الخاصة بهذا المنتج.",
  },
  "zh-Hans": {
    identity_not_verified: "我们无法根据您提供的信息和证件核实您的身份。",
    affordability: "根据您告知的收入和负担，目前该产品超出您的承受能力。",
    credit_history: "此决定基于您的信用记录。",
    incomplete_documents: "作出决定所需的证件不完整。",
    general: "此决定基于本行针对该产品的政策。",
  },
  "zh-Hant": {
    identity_not_verified: "我們無法根據您提供的資料和證件核實您的身分。",
    affordability: "根據您告知的收入和負擔，目前此產品超出您的負擔能力。",
    credit_history: "此決定基於您的信用紀錄。",
    incomplete_documents: "作出決定所需的證件不完整。",
    general: "此決定基於本行針對此產品的政策。",
  },
};

const resolve = (locale: string): FlowLocale =>
  (locale in TEXTS ? locale : locale.startsWith("zh") ? (/TW|HK|MO|Hant/i.test(locale) ? "zh-Hant" : "zh-Hans") : "en") as FlowLocale;

/** The sentence the customer reads for a reject reason code. */
export function customerReason(code: RejectReason, locale: string): string {
  const told: Told = code === "identity_not_verified" || code === "affordability" || code === "credit_history" || code === "incomplete_documents" ? code : "general";
  return TEXTS[resolve(locale)][told];
}
