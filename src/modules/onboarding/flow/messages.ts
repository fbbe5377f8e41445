/**
 * Field problems in the customer's language, shared by the server (problem+json `errors[].message`
 * for public calls) and the customer page, so both say the same thing. `{name}` placeholders take
 * the problem's params.
 */
import type { FieldCode, FieldProblem } from "./logic";
import type { FlowLocale } from "./types";

type Catalogue = Record<FieldCode, string>;

const en: Catalogue = {
  required: "This is required.",
  must_accept: "Please tick this box to continue.",
  too_long: "Use at most {maximum} characters.",
  invalid_email: "Enter an email address like name@example.com.",
  invalid_phone: "Enter a phone number with its country code, like +972 50 123 4567.",
  invalid_date: "Enter a real date.",
  too_young: "You must be at least {minimum} years old.",
  too_old: "The age limit is {maximum} years.",
  must_be_past: "The date must be in the past.",
  must_be_future: "The date must be in the future.",
  invalid_option: "Choose one of the options.",
  invalid_amount: "Enter an amount in numbers, like 1250.50.",
  too_small: "The amount must be at least {minimum}.",
  too_large: "The amount can be at most {maximum}.",
  invalid_iban: "This IBAN is not valid. Check it against your bank statement.",
  invalid_national_id: "Enter the ID number as it appears on your card.",
  invalid_address: "Enter the street, city and country.",
  invalid_file: "Upload the document again.",
};

const he: Catalogue = {
  required: "שדה חובה.",
  must_accept: "יש לסמן את התיבה כדי להמשיך.",
  too_long: "עד {maximum} תווים.",
  invalid_email: "יש להזין כתובת דוא״ל כמו name@example.com.",
  invalid_phone: "יש להזין מספר טלפון עם קידומת מדינה, כמו ‎+972 50 123 4567.",
  invalid_date: "יש להזין תאריך תקין.",
  too_young: "הגיל המינימלי הוא {minimum}.",
  too_old: "הגיל המרבי הוא {maximum}.",
  must_be_past: "התאריך צריך להיות בעבר.",
  must_be_future: "התאריך צריך להיות בעתיד.",
  invalid_option: "יש לבחור אחת מהאפשרויות.",
  invalid_amount: "יש להזין סכום בספרות, כמו 1250.50.",
  too_small: "הסכום המינימלי הוא {minimum}.",
  too_large: "הסכום המרבי הוא {maximum}.",
  invalid_iban: "מספר ה-IBAN אינו תקין. כדאי לבדוק אותו מול דף החשבון.",
  invalid_national_id: "יש להזין את מספר הזהות כפי שהוא מופיע בתעודה.",
  invalid_address: "יש להזין רחוב, עיר ומדינה.",
  invalid_file: "יש להעלות את המסמך שוב.",
};

const ar: Catalogue = {
  required: "هذا الحقل مطلوب.",
  must_accept: "يرجى تحديد هذا المربع للمتابعة.",
  too_long: "استخدم {maximum} حرفًا على الأكثر.",
  invalid_email: "أدخل بريدًا إلكترونيًا مثل name@example.com.",
  invalid_phone: "أدخل رقم الهاتف مع رمز الدولة، مثل ‎+971 50 123 4567.",
  invalid_date: "أدخل تاريخًا صحيحًا.",
  too_young: "يجب ألا يقل عمرك عن {minimum} سنة.",
  too_old: "الحد الأقصى للعمر {maximum} سنة.",
  must_be_past: "يجب أن يكون التاريخ في الماضي.",
  must_be_future: "يجب أن يكون التاريخ في المستقبل.",
  invalid_option: "اختر أحد الخيارات.",
  invalid_amount: "أدخل المبلغ بالأرقام، مثل 1250.50.",
  too_small: "يجب ألا يقل المبلغ عن {minimum}.",
  too_large: "يجب ألا يزيد المبلغ عن {maximum}.",
  invalid_iban: "رقم الآيبان غير صحيح. قارنه بكشف حسابك.",
  invalid_national_id: "أدخل رقم الهوية كما يظهر على بطاقتك.",
  invalid_address: "أدخل الشارع والمدينة والدولة.",
  invalid_file: "حمّل المستند مرة أخرى.",
};

const zhHans: Catalogue = {
  required: "此项为必填项。",
  must_accept: "请勾选此项以继续。",
  too_long: "最多 {maximum} 个字符。",
  invalid_email: "请输入电子邮箱，例如 name@example.com。",
  invalid_phone: "请输入带国家代码的电话号码，例如 +86 138 0013 8000。",
  invalid_date: "请输入有效日期。",
  too_young: "您必须年满 {minimum} 岁。",
  too_old: "年龄上限为 {maximum} 岁。",
  must_be_past: "日期必须早于今天。",
  must_be_future: "日期必须晚于今天。",
  invalid_option: "请选择一个选项。",
  invalid_amount: "请用数字输入金额，例如 1250.50。",
  too_small: "金额不能少于 {minimum}。",
  too_large: "金额不能超过 {maximum}。",
  invalid_iban: "此 IBAN 无效，请与银行对账单核对。",
  invalid_national_id: "请按证件上的号码输入。",
  invalid_address: "请输入街道、城市和国家。",
  invalid_file: "请重新上传该文件。",
};

const zhHant: Catalogue = {
  required: "此項為必填項。",
  must_accept: "請勾選此項以繼續。",
  too_long: "最多 {maximum} 個字元。",
  invalid_email: "請輸入電子郵件，例如 name@example.com。",
  invalid_phone: "請輸入含國碼的電話號碼，例如 +886 912 345 678。",
  invalid_date: "請輸入有效日期。",
  too_young: "您必須年滿 {minimum} 歲。",
  too_old: "年齡上限為 {maximum} 歲。",
  must_be_past: "日期必須早於今天。",
  must_be_future: "日期必須晚於今天。",
  invalid_option: "請選擇一個選項。",
  invalid_amount: "請用數字輸入金額，例如 1250.50。",
  too_small: "金額不能少於 {minimum}。",
  too_large: "金額不能超過 {maximum}。",
  invalid_iban: "此 IBAN 無效，請與銀行對帳單核對。",
  invalid_national_id: "請依證件上的號碼輸入。",
  invalid_address: "請輸入街道、城市和國家。",
  invalid_file: "請重新上傳該文件。",
};

export const FIELD_MESSAGES: Record<FlowLocale, Catalogue> = { en, he, ar, "zh-Hans": zhHans, "zh-Hant": zhHant };

/** The message for a problem in a language (unknown languages get English). */
export function fieldMessage(problem: FieldProblem, locale: string): string {
  const cat = FIELD_MESSAGES[locale as FlowLocale] ?? en;
  return cat[problem.code].replace(/\{(\w+)\}/g, (_, k: string) => String(problem.params?.[k] ?? ""));
}
