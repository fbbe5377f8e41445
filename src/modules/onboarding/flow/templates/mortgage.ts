import type { FlowDefinition } from "../types";
import { ACCEPT_ALL, aboutStep, documentsStep, employmentFields, idDocumentField, installApp, LANGUAGES, option, reviewStep, t, creditCheckField } from "./common";

const coApplicant = { field: "hasCoApplicant", op: "is_true" } as const;

/** Mortgage pre-approval: about 15 minutes; property, income, an optional co-applicant, documents. */
export const mortgage: FlowDefinition = {
  product: "mortgage",
  title: t("Mortgage pre-approval", "אישור עקרוני למשכנתא", "موافقة مبدئية على التمويل العقاري", "房贷预审批", "房貸預先核准"),
  description: t(
    "Find out how much you can borrow before you make an offer on a home.",
    "לדעת כמה אפשר ללוות עוד לפני שמגישים הצעה על דירה.",
    "اعرف المبلغ الذي يمكنك اقتراضه قبل تقديم عرض لشراء منزل.",
    "在出价购房之前，了解您可以贷款多少。",
    "在出價購屋之前，了解您可以貸款多少。",
  ),
  defaultLanguage: "en",
  languages: [...LANGUAGES],
  currency: "USD",
  inactivityDays: 14,
  reminderAfterHours: 48,
  slaHours: 72,
  steps: [
    {
      id: "property",
      kind: "form",
      title: t("The home", "הנכס", "العقار", "房产信息", "房產資訊"),
      minutes: 2,
      fields: [
        {
          id: "propertyUse",
          type: "select",
          required: true,
          label: t("What will the home be?", "למה ישמש הנכס?", "ما الغرض من العقار؟", "房产用途", "房產用途"),
          options: [
            option("first_home", t("My first home", "דירה ראשונה", "منزلي الأول", "首套住房", "首購自住")),
            option("next_home", t("A home to replace my current one", "דירה חלופית", "منزل بديل لمنزلي الحالي", "改善型住房", "換屋")),
            option("investment", t("An investment property", "דירה להשקעה", "عقار استثماري", "投资房产", "投資用房產")),
          ],
        },
        { id: "propertyValue", type: "money", required: true, min: "10000", max: "10000000", label: t("Price of the home", "מחיר הנכס", "سعر العقار", "房屋价格", "房屋價格") },
        { id: "downPayment", type: "money", required: true, min: "0", max: "10000000", label: t("Your own funds (down payment)", "הון עצמי", "الدفعة الأولى من أموالك الخاصة", "首付款（自有资金）", "頭期款（自備款）") },
        { id: "propertyCity", type: "text", required: false, maxLength: 100, label: t("City or area (optional)", "עיר או אזור (רשות)", "المدينة أو المنطقة (اختياري)", "城市或地区（选填）", "城市或地區（選填）") },
      ],
    },
    aboutStep(3),
    {
      id: "income",
      kind: "form",
      title: t("Work and income", "תעסוקה והכנסה", "العمل والدخل", "工作与收入", "工作與收入"),
      minutes: 3,
      fields: [
        ...employmentFields(),
        { id: "annualIncome", type: "income", period: "year", required: true, min: "0", label: t("Yearly income before tax", "הכנסה שנתית ברוטו", "الدخل السنوي قبل الضريبة", "税前年收入", "稅前年收入") },
        {
          id: "monthlyCommitments",
          type: "money",
          required: true,
          min: "0",
          label: t("Monthly repayments on loans and cards", "החזרים חודשיים על הלוואות וכרטיסים", "الأقساط الشهرية للقروض والبطاقات", "每月贷款和信用卡还款额", "每月貸款與信用卡還款額"),
        },
      ],
    },
    {
      id: "household",
      kind: "form",
      title: t("Applying together?", "בקשה משותפת?", "هل تتقدم بطلب مشترك؟", "共同申请？", "共同申請？"),
      minutes: 2,
      fields: [
        {
          id: "hasCoApplicant",
          type: "checkbox",
          required: false,
          label: t("I am applying with a partner or co-borrower", "אני מגיש/ה את הבקשה יחד עם בן/בת זוג או לווה נוסף", "أتقدم بالطلب مع شريك أو مقترض مشارك", "我与配偶或共同借款人一起申请", "我與配偶或共同借款人一起申請"),
        },
        { id: "coName", type: "text", required: true, showIf: coApplicant, label: t("Co-applicant's full name", "שם מלא של הלווה הנוסף", "الاسم الكامل للمقترض المشارك", "共同申请人姓名", "共同申請人姓名") },
        { id: "coDateOfBirth", type: "date", required: true, minAge: 18, showIf: coApplicant, label: t("Co-applicant's date of birth", "תאריך לידה של הלווה הנוסף", "تاريخ ميلاد المقترض المشارك", "共同申请人出生日期", "共同申請人出生日期") },
        { id: "coEmail", type: "email", required: true, showIf: coApplicant, label: t("Co-applicant's email", "דוא״ל של הלווה הנוסף", "البريد الإلكتروني للمقترض المشارك", "共同申请人电子邮箱", "共同申請人電子郵件") },
        { id: "coAnnualIncome", type: "income", period: "year", required: true, min: "0", showIf: coApplicant, label: t("Co-applicant's yearly income before tax", "הכנסה שנתית ברוטו של הלווה הנוסף", "الدخل السنوي للمقترض المشارك قبل الضريبة", "共同申请人税前年收入", "共同申請人稅前年收入") },
      ],
    },
    documentsStep(
      [
        idDocumentField(),
        {
          id: "payslips",
          type: "file",
          required: true,
          document: "payslip",
          accept: ACCEPT_ALL,
          maxFiles: 3,
          label: t("Your last 3 payslips", "3 תלושי השכר האחרונים", "آخر 3 قسائم رواتب", "最近 3 个月的工资单", "最近 3 個月的薪資單"),
        },
        {
          id: "bankStatements",
          type: "file",
          required: true,
          document: "bank_statement",
          accept: ["application/pdf"],
          maxFiles: 3,
          label: t("Bank statements for the last 3 months", "דפי חשבון של 3 החודשים האחרונים", "كشوف الحساب المصرفي لآخر 3 أشهر", "最近 3 个月的银行对账单", "最近 3 個月的銀行對帳單"),
          help: t("PDF statements as your bank provides them.", "דפי חשבון בקובץ PDF כפי שהבנק מפיק אותם.", "كشوف بصيغة PDF كما يصدرها بنكك.", "请上传银行出具的 PDF 对账单。", "請上傳銀行出具的 PDF 對帳單。"),
        },
        {
          id: "coIdDocument",
          type: "file",
          required: true,
          document: "id_document",
          accept: ACCEPT_ALL,
          maxFiles: 2,
          showIf: coApplicant,
          label: t("Co-applicant's ID card or passport", "תעודת זהות או דרכון של הלווה הנוסף", "بطاقة هوية المقترض المشارك أو جواز سفره", "共同申请人的身份证或护照", "共同申請人的身分證或護照"),
        },
      ],
      4,
    ),
    reviewStep(
      t(
        "I confirm the information is correct and understand that a pre-approval is not yet a loan offer.",
        "אני מאשר/ת שהפרטים נכונים ומבין/ה שאישור עקרוני אינו עדיין הצעת הלוואה.",
        "أؤكد صحة المعلومات وأفهم أن الموافقة المبدئية ليست عرض قرض بعد.",
        "我确认信息无误，并了解预审批尚不构成贷款要约。",
        "我確認資料無誤，並了解預先核准尚不構成貸款要約。",
      ),
      [creditCheckField()],
    ),
  ],
  welcome: [
    { id: "adviser_call", label: t("Book a call with your mortgage adviser", "קביעת שיחה עם יועץ/ת המשכנתאות", "حجز مكالمة مع مستشار التمويل العقاري", "预约房贷顾问电话", "預約房貸顧問電話") },
    { id: "share_letter", label: t("Download your pre-approval letter", "הורדת מכתב האישור העקרוני", "تنزيل خطاب الموافقة المبدئية", "下载预审批函", "下載預先核准函") },
    { id: "valuation", label: t("Arrange the property valuation", "תיאום שמאות לנכס", "ترتيب تقييم العقار", "安排房产估价", "安排房產估價") },
    installApp(),
  ],
};
