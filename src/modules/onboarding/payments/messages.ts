/** Card problems the customer reads, in the five languages of the customer pages. */
import type { FlowLocale } from "../flow/types";

export const CARD_CODES = ["card_declined", "insufficient_funds", "expired_card", "invalid_card", "invalid_expiry", "invalid_cvc", "name_required"] as const;
export type CardCode = (typeof CARD_CODES)[number];

const MESSAGES: Record<FlowLocale, Record<CardCode, string>> = {
  en: {
    card_declined: "Your card was declined. Try another card or contact your card issuer.",
    insufficient_funds: "The card has insufficient funds for this amount. Try another card.",
    expired_card: "This card has expired. Use a valid card.",
    invalid_card: "This card number is not valid. Check the digits and try again.",
    invalid_expiry: "Enter the expiry date as MM/YY, not in the past.",
    invalid_cvc: "Enter the 3 or 4 digit security code from your card.",
    name_required: "Enter the name as it appears on the card.",
  },
  he: {
    card_declined: "הכרטיס נדחה. נסו כרטיס אחר או פנו לחברת האשראי.",
    insufficient_funds: "אין בכרטיס מספיק יתרה לסכום הזה. נסו כרטיס אחר.",
    expired_card: "תוקף הכרטיס פג. השתמשו בכרטיס בתוקף.",
    invalid_card: "מספר הכרטיס אינו תקין. בדקו את הספרות ונסו שוב.",
    invalid_expiry: "הזינו תוקף בפורמט MM/YY, שאינו בעבר.",
    invalid_cvc: "הזינו את קוד האבטחה בן 3 או 4 הספרות מהכרטיס.",
    name_required: "הזינו את השם כפי שהוא מופיע על הכרטיס.",
  },
  ar: {
    card_declined: "تم رفض بطاقتك. جرّب بطاقة أخرى أو تواصل مع الجهة المصدرة للبطاقة.",
    insufficient_funds: "رصيد البطاقة غير كافٍ لهذا المبلغ. جرّب بطاقة أخرى.",
    expired_card: "انتهت صلاحية هذه البطاقة. استخدم بطاقة صالحة.",
    invalid_card: "رقم البطاقة غير صالح. تحقق من الأرقام وحاول مرة أخرى.",
    invalid_expiry: "أدخل تاريخ الانتهاء بصيغة MM/YY، على ألا يكون في الماضي.",
    invalid_cvc: "أدخل رمز الأمان المكوّن من 3 أو 4 أرقام الموجود على بطاقتك.",
    name_required: "أدخل الاسم كما يظهر على البطاقة.",
  },
  "zh-Hans": {
    card_declined: "您的银行卡被拒绝。请换一张卡或联系发卡机构。",
    insufficient_funds: "该卡余额不足以支付此金额。请换一张卡。",
    expired_card: "此卡已过期。请使用有效的银行卡。",
    invalid_card: "卡号无效。请核对数字后重试。",
    invalid_expiry: "请按 MM/YY 格式输入有效期，且不能早于当前月份。",
    invalid_cvc: "请输入卡上 3 位或 4 位的安全码。",
    name_required: "请输入卡面上的持卡人姓名。",
  },
  "zh-Hant": {
    card_declined: "您的卡片遭拒。請改用其他卡片或聯絡發卡機構。",
    insufficient_funds: "此卡餘額不足以支付此金額。請改用其他卡片。",
    expired_card: "此卡已過期。請使用有效的卡片。",
    invalid_card: "卡號無效。請核對數字後再試一次。",
    invalid_expiry: "請以 MM/YY 格式輸入有效期限，且不能早於本月。",
    invalid_cvc: "請輸入卡片上 3 位或 4 位的安全碼。",
    name_required: "請輸入卡片上的持卡人姓名。",
  },
};

export function cardMessage(code: CardCode, locale: string): string {
  const lang = (locale in MESSAGES ? locale : locale.startsWith("zh") ? (/TW|HK|MO|Hant/i.test(locale) ? "zh-Hant" : "zh-Hans") : "en") as FlowLocale;
  return MESSAGES[lang][code];
}
