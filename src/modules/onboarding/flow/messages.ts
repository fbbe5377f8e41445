/**
 * Field problems in the customer's language, shared by the server (problem+json `errors[].message`
 * for public calls) and the customer page, so both say the same thing. `{name}` placeholders take
 * the problem's params.
 */
import { countryName } from "../../checks/account/countries";
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
  iban_unknown_country: "An IBAN starts with its country code, like DE or GB. Check the first two letters.",
  iban_wrong_length: "An IBAN from {country} has {length} characters. Check for a missing or extra character.",
  iban_bban_format: "Account numbers from {country} are not written like this. Check the letters and digits against your bank statement.",
  iban_checksum: "This IBAN has a typo: a character is wrong or two are swapped. Check it against your bank statement.",
  iban_wrong_country: "Enter the IBAN of an account in {country}.",
  invalid_bic: "Enter the 8 or 11 character BIC (SWIFT code), like DEUTDEFF or DEUTDEFF500.",
  bic_unknown_country: "Characters 5 and 6 of a BIC are its country code. Check them.",
  bic_wrong_country: "Enter the BIC of a bank in {country}.",
  invalid_country: "Choose a country from the list.",
  phone_too_short: "This phone number is too short. Check for missing digits.",
  phone_too_long: "This phone number is too long. Check for extra digits.",
  phone_wrong_country: "Enter a phone number from {country}.",
  phone_not_valid: "This is not a valid phone number in {country}.",
  phone_not_mobile: "Enter a mobile phone number.",
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
  iban_unknown_country: "מספר IBAN מתחיל בקוד המדינה, כמו DE או GB. כדאי לבדוק את שתי האותיות הראשונות.",
  iban_wrong_length: "ל-IBAN של המדינה {country} יש {length} תווים. כדאי לבדוק אם חסר או נוסף תו.",
  iban_bban_format: "מספרי חשבון במדינה {country} לא נכתבים כך. כדאי לבדוק את האותיות והספרות מול דף החשבון.",
  iban_checksum: "יש טעות הקלדה ב-IBAN: תו שגוי או שני תווים שהתחלפו. כדאי לבדוק אותו מול דף החשבון.",
  iban_wrong_country: "יש להזין IBAN של חשבון במדינה: {country}.",
  invalid_bic: "יש להזין קוד BIC ‏(SWIFT) בן 8 או 11 תווים, כמו DEUTDEFF או DEUTDEFF500.",
  bic_unknown_country: "התווים החמישי והשישי של קוד BIC הם קוד המדינה. כדאי לבדוק אותם.",
  bic_wrong_country: "יש להזין BIC של בנק במדינה: {country}.",
  invalid_country: "יש לבחור מדינה מהרשימה.",
  phone_too_short: "מספר הטלפון קצר מדי. כדאי לבדוק אם חסרות ספרות.",
  phone_too_long: "מספר הטלפון ארוך מדי. כדאי לבדוק אם נוספו ספרות.",
  phone_wrong_country: "יש להזין מספר טלפון של המדינה: {country}.",
  phone_not_valid: "זה אינו מספר טלפון תקין במדינה: {country}.",
  phone_not_mobile: "יש להזין מספר טלפון נייד.",
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
  iban_unknown_country: "يبدأ رقم الآيبان برمز الدولة، مثل DE أو GB. تحقّق من الحرفين الأولين.",
  iban_wrong_length: "يتكوّن رقم الآيبان في {country} من {length} حرفًا. تحقّق من عدم وجود حرف ناقص أو زائد.",
  iban_bban_format: "لا تُكتب أرقام الحسابات في {country} بهذا الشكل. قارن الحروف والأرقام بكشف حسابك.",
  iban_checksum: "في رقم الآيبان خطأ كتابي: حرف خاطئ أو حرفان متبادلان. قارنه بكشف حسابك.",
  iban_wrong_country: "أدخل رقم آيبان لحساب في {country}.",
  invalid_bic: "أدخل رمز BIC ‏(SWIFT) المكوّن من 8 أو 11 حرفًا، مثل DEUTDEFF أو DEUTDEFF500.",
  bic_unknown_country: "الحرفان الخامس والسادس في رمز BIC هما رمز الدولة. تحقّق منهما.",
  bic_wrong_country: "أدخل رمز BIC لبنك في {country}.",
  invalid_country: "اختر دولة من القائمة.",
  phone_too_short: "رقم الهاتف قصير جدًا. تحقّق من عدم نقص أي أرقام.",
  phone_too_long: "رقم الهاتف طويل جدًا. تحقّق من عدم وجود أرقام زائدة.",
  phone_wrong_country: "أدخل رقم هاتف من {country}.",
  phone_not_valid: "هذا ليس رقم هاتف صالحًا في {country}.",
  phone_not_mobile: "أدخل رقم هاتف محمول.",
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
  iban_unknown_country: "IBAN 以国家代码开头，例如 DE 或 GB。请检查前两个字母。",
  iban_wrong_length: "{country}的 IBAN 共有 {length} 个字符，请检查是否漏输或多输了字符。",
  iban_bban_format: "{country}的账号不是这种格式，请对照银行对账单检查字母和数字。",
  iban_checksum: "此 IBAN 有输入错误：某个字符不对，或有两个字符颠倒。请对照银行对账单检查。",
  iban_wrong_country: "请输入{country}账户的 IBAN。",
  invalid_bic: "请输入 8 位或 11 位的 BIC（SWIFT 代码），例如 DEUTDEFF 或 DEUTDEFF500。",
  bic_unknown_country: "BIC 的第 5、6 位是国家代码，请检查。",
  bic_wrong_country: "请输入{country}银行的 BIC。",
  invalid_country: "请从列表中选择国家或地区。",
  phone_too_short: "电话号码太短，请检查是否漏输了数字。",
  phone_too_long: "电话号码太长，请检查是否多输了数字。",
  phone_wrong_country: "请输入{country}的电话号码。",
  phone_not_valid: "这不是{country}的有效电话号码。",
  phone_not_mobile: "请输入手机号码。",
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
  iban_unknown_country: "IBAN 以國家代碼開頭，例如 DE 或 GB。請檢查前兩個字母。",
  iban_wrong_length: "{country}的 IBAN 共有 {length} 個字元，請檢查是否漏輸或多輸了字元。",
  iban_bban_format: "{country}的帳號不是這種格式，請對照銀行對帳單檢查字母和數字。",
  iban_checksum: "此 IBAN 有輸入錯誤：某個字元不對，或有兩個字元顛倒。請對照銀行對帳單檢查。",
  iban_wrong_country: "請輸入{country}帳戶的 IBAN。",
  invalid_bic: "請輸入 8 位或 11 位的 BIC（SWIFT 代碼），例如 DEUTDEFF 或 DEUTDEFF500。",
  bic_unknown_country: "BIC 的第 5、6 位是國家代碼，請檢查。",
  bic_wrong_country: "請輸入{country}銀行的 BIC。",
  invalid_country: "請從清單中選擇國家或地區。",
  phone_too_short: "電話號碼太短，請檢查是否漏輸了數字。",
  phone_too_long: "電話號碼太長，請檢查是否多輸了數字。",
  phone_wrong_country: "請輸入{country}的電話號碼。",
  phone_not_valid: "這不是{country}的有效電話號碼。",
  phone_not_mobile: "請輸入手機號碼。",
};

export const FIELD_MESSAGES: Record<FlowLocale, Catalogue> = { en, he, ar, "zh-Hans": zhHans, "zh-Hant": zhHant };

/** `{name}` → the param; `{country}` (a code) → the country's name in that language. */
const fill = (text: string, params: FieldProblem["params"], locale: string) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params?.[k];
    return k === "country" && typeof v === "string" ? countryName(v, locale) : String(v ?? "");
  });

/** The message for a problem in a language (unknown languages get English). */
export function fieldMessage(problem: FieldProblem, locale: string): string {
  const cat = FIELD_MESSAGES[locale as FlowLocale] ?? en;
  return fill(cat[problem.code], problem.params, locale);
}

/** Warnings: saved, but worth a second look (shown under the field, never blocking). */
export type WarningCode = "disposable_email";
export const WARNING_MESSAGES: Record<FlowLocale, Record<WarningCode, string>> = {
  en: { disposable_email: "This looks like a temporary email address. Use one you will keep, so our messages reach you." },
  he: { disposable_email: "נראה שזו כתובת דוא״ל זמנית. כדאי להזין כתובת קבועה כדי שההודעות שלנו יגיעו אליך." },
  ar: { disposable_email: "يبدو أن هذا عنوان بريد إلكتروني مؤقت. استخدم عنوانًا دائمًا لتصلك رسائلنا." },
  "zh-Hans": { disposable_email: "这似乎是临时邮箱地址。请使用长期有效的邮箱，以便接收我们的消息。" },
  "zh-Hant": { disposable_email: "這似乎是臨時電子郵件地址。請使用長期有效的地址，以便接收我們的訊息。" },
};

export const warningMessage = (code: WarningCode, locale: string): string => (WARNING_MESSAGES[locale as FlowLocale] ?? WARNING_MESSAGES.en)[code];

/** Hints shown under some fields on the customer's page. */
export const FIELD_HINTS: Record<FlowLocale, { bic: string; mobile: string }> = {
  en: { bic: "8 or 11 letters and digits, as on your bank statement.", mobile: "A mobile number: we may send you a code by text message." },
  he: { bic: "8 או 11 אותיות וספרות, כפי שמופיע בדף החשבון.", mobile: "מספר נייד: ייתכן שנשלח אליו קוד בהודעת טקסט." },
  ar: { bic: "8 أو 11 حرفًا ورقمًا، كما في كشف حسابك البنكي.", mobile: "رقم هاتف محمول: قد نرسل إليه رمزًا في رسالة نصية." },
  "zh-Hans": { bic: "8 位或 11 位字母和数字，与银行对账单上一致。", mobile: "请填写手机号码：我们可能会通过短信向您发送验证码。" },
  "zh-Hant": { bic: "8 位或 11 位字母和數字，與銀行對帳單上一致。", mobile: "請填寫手機號碼：我們可能會透過簡訊傳送驗證碼給您。" },
};
