/**
 * Building blocks shared by the product templates: a text in the five languages, the "about you"
 * step, employment questions, the ID document and the review step. Every call returns fresh
 * objects, so templates never share (and never mutate) each other's parts.
 */
import type { Field, FileType, Option, Step, Text } from "../types";

/** A text in en, he, ar, zh-Hans, zh-Hant (in that order). */
export const t = (en: string, he: string, ar: string, zhHans: string, zhHant: string): Text => ({ en, he, ar, "zh-Hans": zhHans, "zh-Hant": zhHant });

export const LANGUAGES = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;
export const ACCEPT_ALL: FileType[] = ["image/jpeg", "image/png", "application/pdf"];

export const option = (id: string, label: Text): Option => ({ id, label });

export const personalFields = (): Field[] => [
  { id: "fullName", type: "text", required: true, prefill: "customer.name", label: t("Full name", "שם מלא", "الاسم الكامل", "姓名", "姓名") },
  { id: "email", type: "email", required: true, prefill: "customer.email", label: t("Email", "דוא״ל", "البريد الإلكتروني", "电子邮箱", "電子郵件") },
  { id: "phone", type: "phone", required: true, prefill: "customer.phone", label: t("Mobile phone", "טלפון נייד", "الهاتف المحمول", "手机号码", "手機號碼") },
  { id: "dateOfBirth", type: "date", required: true, minAge: 18, prefill: "customer.dateOfBirth", label: t("Date of birth", "תאריך לידה", "تاريخ الميلاد", "出生日期", "出生日期") },
  { id: "nationalId", type: "national_id", required: true, prefill: "customer.nationalId", label: t("National ID number", "מספר תעודת זהות", "رقم الهوية الوطنية", "身份证号码", "身分證號碼") },
  { id: "address", type: "address", required: true, prefill: "customer.address", label: t("Home address", "כתובת מגורים", "عنوان السكن", "住址", "住址") },
];

export const aboutStep = (minutes = 3): Step => ({
  id: "about",
  kind: "form",
  title: t("About you", "פרטים אישיים", "معلوماتك", "个人信息", "個人資料"),
  minutes,
  fields: personalFields(),
});

/** Employment status, and the employer when employed or self-employed. */
export const employmentFields = (): Field[] => [
  {
    id: "employment",
    type: "select",
    required: true,
    label: t("Employment", "תעסוקה", "الوضع الوظيفي", "就业状况", "就業狀況"),
    options: [
      option("employed", t("Employed", "שכיר/ה", "موظف", "受雇", "受僱")),
      option("self_employed", t("Self-employed", "עצמאי/ת", "عمل حر", "自雇", "自僱")),
      option("retired", t("Retired", "פנסיונר/ית", "متقاعد", "退休", "退休")),
      option("other", t("Other", "אחר", "غير ذلك", "其他", "其他")),
    ],
  },
  {
    id: "employer",
    type: "employer",
    required: true,
    prefill: "customer.employer",
    showIf: { field: "employment", op: "in", value: ["employed", "self_employed"] },
    label: t("Employer or business", "מעסיק או עסק", "جهة العمل أو النشاط", "雇主或企业", "雇主或企業"),
  },
];

export const monthlyIncomeField = (): Field => ({
  id: "monthlyIncome",
  type: "income",
  period: "month",
  required: true,
  min: "0",
  label: t("Monthly income after tax", "הכנסה חודשית נטו", "الدخل الشهري الصافي", "税后月收入", "稅後月收入"),
});

export const idDocumentField = (): Field => ({
  id: "idDocument",
  type: "file",
  required: true,
  document: "id_document",
  accept: ACCEPT_ALL,
  maxFiles: 2,
  label: t("ID card or passport", "תעודת זהות או דרכון", "بطاقة الهوية أو جواز السفر", "身份证或护照", "身分證或護照"),
  help: t("Both sides of an ID card, or the photo page of a passport.", "שני צדי תעודת הזהות, או עמוד התמונה בדרכון.", "وجها بطاقة الهوية، أو صفحة الصورة في جواز السفر.", "身份证正反面，或护照照片页。", "身分證正反面，或護照照片頁。"),
});

export const documentsHelp = (): Text =>
  t("Take a photo with your phone's camera, or upload a PDF.", "אפשר לצלם במצלמת הטלפון או להעלות קובץ PDF.", "التقط صورة بكاميرا هاتفك أو حمّل ملف PDF.", "可用手机相机拍照，或上传 PDF。", "可用手機相機拍照，或上傳 PDF。");

export const documentsStep = (fields: Field[], minutes = 2): Step => ({
  id: "documents",
  kind: "documents",
  title: t("Your documents", "מסמכים", "مستنداتك", "您的证件", "您的證件"),
  help: documentsHelp(),
  minutes,
  fields,
});

/** The last step: every answer shown, the terms accepted, then submit. */
export const reviewStep = (terms: Text, extra: Field[] = []): Step => ({
  id: "review",
  kind: "review",
  title: t("Check and submit", "בדיקה ושליחה", "المراجعة والإرسال", "核对并提交", "核對並送出"),
  minutes: 1,
  fields: [...extra, { id: "terms", type: "checkbox", required: true, label: terms }],
});

/** Consent to a credit bureau check, for the lending products. */
export const creditCheckField = (): Field => ({
  id: "creditCheck",
  type: "checkbox",
  required: true,
  label: t(
    "I agree that the bank may check my credit history with a credit bureau.",
    "אני מסכים/ה שהבנק יבדוק את היסטוריית האשראי שלי בלשכת אשראי.",
    "أوافق على أن يتحقق البنك من سجلي الائتماني لدى مكتب الائتمان.",
    "我同意银行向征信机构查询我的信用记录。",
    "我同意銀行向信用機構查詢我的信用紀錄。",
  ),
});

export const installApp = () => ({ id: "install_app", label: t("Install the mobile app", "התקנת האפליקציה", "تثبيت تطبيق الهاتف", "安装手机应用", "安裝手機應用程式") });

export const autoRepayments = () => ({
  id: "auto_repayments",
  label: t("Set up automatic monthly repayments", "הגדרת החזר חודשי אוטומטי", "إعداد السداد الشهري التلقائي", "设置每月自动还款", "設定每月自動還款"),
});
