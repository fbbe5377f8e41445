import type { FlowDefinition } from "../types";

/** Checking account: about 8 minutes; ID and proof of address; an optional opening deposit. */
export const checking: FlowDefinition = {
  product: "checking",
  title: { en: "Checking account", he: "חשבון עו״ש", ar: "حساب جارٍ", "zh-Hans": "支票账户", "zh-Hant": "支票帳戶" },
  description: {
    en: "An everyday account with a debit card, opened from your phone.",
    he: "חשבון יומיומי עם כרטיס חיוב, נפתח מהטלפון.",
    ar: "حساب يومي مع بطاقة خصم، يُفتح من هاتفك.",
    "zh-Hans": "附借记卡的日常账户，用手机即可开立。",
    "zh-Hant": "附金融卡的日常帳戶，用手機即可開立。",
  },
  defaultLanguage: "en",
  languages: ["en", "he", "ar", "zh-Hans", "zh-Hant"],
  currency: "USD",
  inactivityDays: 7,
  reminderAfterHours: 24,
  slaHours: 24,
  steps: [
    {
      id: "about",
      kind: "form",
      title: { en: "About you", he: "פרטים אישיים", ar: "معلوماتك", "zh-Hans": "个人信息", "zh-Hant": "個人資料" },
      minutes: 3,
      fields: [
        { id: "fullName", type: "text", required: true, prefill: "customer.name", label: { en: "Full name", he: "שם מלא", ar: "الاسم الكامل", "zh-Hans": "姓名", "zh-Hant": "姓名" } },
        { id: "email", type: "email", required: true, prefill: "customer.email", label: { en: "Email", he: "דוא״ל", ar: "البريد الإلكتروني", "zh-Hans": "电子邮箱", "zh-Hant": "電子郵件" } },
        { id: "phone", type: "phone", required: true, prefill: "customer.phone", label: { en: "Mobile phone", he: "טלפון נייד", ar: "الهاتف المحمول", "zh-Hans": "手机号码", "zh-Hant": "手機號碼" } },
        { id: "dateOfBirth", type: "date", required: true, minAge: 18, prefill: "customer.dateOfBirth", label: { en: "Date of birth", he: "תאריך לידה", ar: "تاريخ الميلاد", "zh-Hans": "出生日期", "zh-Hant": "出生日期" } },
        { id: "nationalId", type: "national_id", required: true, prefill: "customer.nationalId", label: { en: "National ID number", he: "מספר תעודת זהות", ar: "رقم الهوية الوطنية", "zh-Hans": "身份证号码", "zh-Hant": "身分證號碼" } },
        { id: "address", type: "address", required: true, prefill: "customer.address", label: { en: "Home address", he: "כתובת מגורים", ar: "عنوان السكن", "zh-Hans": "住址", "zh-Hant": "住址" } },
      ],
    },
    {
      id: "work",
      kind: "form",
      title: { en: "Work and income", he: "תעסוקה והכנסה", ar: "العمل والدخل", "zh-Hans": "工作与收入", "zh-Hant": "工作與收入" },
      minutes: 2,
      fields: [
        {
          id: "employment",
          type: "select",
          required: true,
          label: { en: "Employment", he: "תעסוקה", ar: "الوضع الوظيفي", "zh-Hans": "就业状况", "zh-Hant": "就業狀況" },
          options: [
            { id: "employed", label: { en: "Employed", he: "שכיר/ה", ar: "موظف", "zh-Hans": "受雇", "zh-Hant": "受僱" } },
            { id: "self_employed", label: { en: "Self-employed", he: "עצמאי/ת", ar: "عمل حر", "zh-Hans": "自雇", "zh-Hant": "自僱" } },
            { id: "student", label: { en: "Student", he: "סטודנט/ית", ar: "طالب", "zh-Hans": "学生", "zh-Hant": "學生" } },
            { id: "retired", label: { en: "Retired", he: "פנסיונר/ית", ar: "متقاعد", "zh-Hans": "退休", "zh-Hant": "退休" } },
          ],
        },
        {
          id: "employer",
          type: "employer",
          required: true,
          prefill: "customer.employer",
          showIf: { field: "employment", op: "in", value: ["employed", "self_employed"] },
          label: { en: "Employer or business", he: "מעסיק או עסק", ar: "جهة العمل أو النشاط", "zh-Hans": "雇主或企业", "zh-Hant": "雇主或企業" },
        },
        { id: "monthlyIncome", type: "income", period: "month", required: true, min: "0", label: { en: "Monthly income", he: "הכנסה חודשית", ar: "الدخل الشهري", "zh-Hans": "月收入", "zh-Hant": "月收入" } },
        { id: "wantsDeposit", type: "checkbox", required: false, label: { en: "Make an opening deposit by card now", he: "ביצוע הפקדה ראשונה בכרטיס עכשיו", ar: "إجراء إيداع أول بالبطاقة الآن", "zh-Hans": "现在用银行卡存入首笔存款", "zh-Hant": "現在用信用卡存入首筆存款" } },
        { id: "depositAmount", type: "money", required: true, min: "10", max: "10000", showIf: { field: "wantsDeposit", op: "is_true" }, label: { en: "Deposit amount", he: "סכום ההפקדה", ar: "مبلغ الإيداع", "zh-Hans": "存款金额", "zh-Hant": "存款金額" } },
      ],
    },
    {
      id: "documents",
      kind: "documents",
      title: { en: "Your documents", he: "מסמכים", ar: "مستنداتك", "zh-Hans": "您的证件", "zh-Hant": "您的證件" },
      help: {
        en: "Take a photo with your phone's camera, or upload a PDF.",
        he: "אפשר לצלם במצלמת הטלפון או להעלות קובץ PDF.",
        ar: "التقط صورة بكاميرا هاتفك أو حمّل ملف PDF.",
        "zh-Hans": "可用手机相机拍照，或上传 PDF。",
        "zh-Hant": "可用手機相機拍照，或上傳 PDF。",
      },
      minutes: 2,
      fields: [
        { id: "idDocument", type: "file", required: true, document: "id_document", accept: ["image/jpeg", "image/png", "application/pdf"], maxFiles: 2, label: { en: "ID card or passport", he: "תעודת זהות או דרכון", ar: "بطاقة الهوية أو جواز السفر", "zh-Hans": "身份证或护照", "zh-Hant": "身分證或護照" } },
        { id: "proofOfAddress", type: "file", required: true, document: "proof_of_address", accept: ["image/jpeg", "image/png", "application/pdf"], maxFiles: 1, label: { en: "Proof of address (a recent bill)", he: "אישור כתובת (חשבון אחרון)", ar: "إثبات العنوان (فاتورة حديثة)", "zh-Hans": "地址证明（近期账单）", "zh-Hant": "地址證明（近期帳單）" } },
      ],
    },
    {
      id: "deposit",
      kind: "payment",
      title: { en: "Opening deposit", he: "הפקדה ראשונה", ar: "الإيداع الأول", "zh-Hans": "开户存款", "zh-Hant": "開戶存款" },
      minutes: 1,
      showIf: { field: "wantsDeposit", op: "is_true" },
      fields: [],
      payment: { purpose: "deposit", currency: "USD", amountField: "depositAmount", min: "10" },
    },
    {
      id: "review",
      kind: "review",
      title: { en: "Check and submit", he: "בדיקה ושליחה", ar: "المراجعة والإرسال", "zh-Hans": "核对并提交", "zh-Hant": "核對並送出" },
      minutes: 1,
      fields: [
        { id: "terms", type: "checkbox", required: true, label: { en: "I confirm the information is correct and accept the account terms.", he: "אני מאשר/ת שהפרטים נכונים ומקבל/ת את תנאי החשבון.", ar: "أؤكد صحة المعلومات وأوافق على شروط الحساب.", "zh-Hans": "我确认信息无误并接受账户条款。", "zh-Hant": "我確認資料無誤並接受帳戶條款。" } },
      ],
    },
  ],
  welcome: [
    { id: "activate_card", label: { en: "Activate your debit card", he: "הפעלת כרטיס החיוב", ar: "تفعيل بطاقة الخصم", "zh-Hans": "激活借记卡", "zh-Hant": "啟用金融卡" } },
    { id: "install_app", label: { en: "Install the mobile app", he: "התקנת האפליקציה", ar: "تثبيت تطبيق الهاتف", "zh-Hans": "安装手机应用", "zh-Hant": "安裝手機應用程式" } },
    { id: "direct_deposit", label: { en: "Set up direct deposit of your salary", he: "הגדרת הפקדת משכורת ישירה", ar: "إعداد الإيداع المباشر للراتب", "zh-Hans": "设置工资直接存入", "zh-Hant": "設定薪資直接入帳" } },
    { id: "first_deposit", label: { en: "Make your first deposit", he: "ביצוע הפקדה ראשונה", ar: "إجراء أول إيداع", "zh-Hans": "完成首笔存款", "zh-Hant": "完成首筆存款" } },
  ],
};
