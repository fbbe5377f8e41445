import type { FlowDefinition } from "../types";
import { aboutStep, autoRepayments, creditCheckField, documentsStep, employmentFields, idDocumentField, installApp, LANGUAGES, option, reviewStep, t, ACCEPT_ALL } from "./common";

/** Credit card: about 10 minutes; income, the card chosen, ID and proof of income; a credit check. */
export const credit_card: FlowDefinition = {
  product: "credit_card",
  title: t("Credit card", "כרטיס אשראי", "بطاقة ائتمان", "信用卡", "信用卡"),
  description: t(
    "Apply for a credit card in minutes; we answer within one business day.",
    "בקשה לכרטיס אשראי בכמה דקות; תשובה תוך יום עסקים אחד.",
    "قدّم طلب بطاقة ائتمان في دقائق، ونرد خلال يوم عمل واحد.",
    "几分钟即可申请信用卡，一个工作日内答复。",
    "幾分鐘即可申辦信用卡，一個工作天內回覆。",
  ),
  defaultLanguage: "en",
  languages: [...LANGUAGES],
  currency: "USD",
  inactivityDays: 7,
  reminderAfterHours: 24,
  slaHours: 24,
  steps: [
    aboutStep(3),
    {
      id: "income",
      kind: "form",
      title: t("Income and employment", "הכנסה ותעסוקה", "الدخل والعمل", "收入与就业", "收入與就業"),
      minutes: 2,
      fields: [
        ...employmentFields(),
        { id: "annualIncome", type: "income", period: "year", required: true, min: "0", label: t("Yearly income before tax", "הכנסה שנתית ברוטו", "الدخل السنوي قبل الضريبة", "税前年收入", "稅前年收入") },
        {
          id: "housing",
          type: "select",
          required: true,
          label: t("Your home", "מגורים", "السكن", "住房情况", "住房狀況"),
          options: [
            option("own", t("I own it", "בבעלותי", "ملك", "自有住房", "自有住宅")),
            option("rent", t("I rent", "בשכירות", "إيجار", "租房", "租屋")),
            option("family", t("I live with family", "גר/ה עם המשפחה", "أسكن مع العائلة", "与家人同住", "與家人同住")),
          ],
        },
        {
          id: "housingCost",
          type: "money",
          required: true,
          min: "0",
          showIf: { field: "housing", op: "in", value: ["own", "rent"] },
          label: t("Monthly rent or mortgage payment", "שכר דירה או החזר משכנתא חודשי", "الإيجار أو قسط الرهن الشهري", "每月房租或房贷还款", "每月房租或房貸還款"),
        },
      ],
    },
    {
      id: "card",
      kind: "form",
      title: t("Your card", "הכרטיס שלך", "بطاقتك", "选择卡片", "選擇卡片"),
      minutes: 1,
      fields: [
        {
          id: "cardType",
          type: "select",
          required: true,
          label: t("Which card would you like?", "איזה כרטיס מתאים לך?", "أي بطاقة تفضّل؟", "您想申请哪种卡？", "您想申辦哪種卡？"),
          options: [
            option("classic", t("Classic: no annual fee", "קלאסי: ללא דמי כרטיס", "كلاسيك: بدون رسوم سنوية", "经典卡：免年费", "經典卡：免年費")),
            option("cashback", t("Cashback: 1.5% back on every purchase", "קאשבק: 1.5% החזר על כל רכישה", "استرداد نقدي: 1.5% على كل عملية شراء", "现金回馈卡：每笔消费返现 1.5%", "現金回饋卡：每筆消費回饋 1.5%")),
            option("travel", t("Travel: no foreign transaction fees", "נסיעות: ללא עמלות מט״ח", "السفر: بدون رسوم المعاملات الأجنبية", "旅行卡：境外交易免手续费", "旅遊卡：海外交易免手續費")),
          ],
        },
        {
          id: "requestedLimit",
          type: "money",
          required: false,
          min: "500",
          max: "50000",
          label: t("Credit limit you would like (optional)", "מסגרת האשראי המבוקשת (רשות)", "حد الائتمان المطلوب (اختياري)", "期望的信用额度（选填）", "期望的信用額度（選填）"),
        },
      ],
    },
    documentsStep([
      idDocumentField(),
      {
        id: "proofOfIncome",
        type: "file",
        required: true,
        document: "proof_of_income",
        accept: ACCEPT_ALL,
        maxFiles: 3,
        label: t("Proof of income", "אישור הכנסה", "إثبات الدخل", "收入证明", "收入證明"),
        help: t("Your latest payslip or tax return.", "תלוש השכר האחרון או דוח שנתי למס הכנסה.", "آخر قسيمة راتب أو إقرار ضريبي.", "最近一期工资单或纳税申报表。", "最近一期薪資單或報稅資料。"),
      },
    ]),
    reviewStep(
      t(
        "I confirm the information is correct and accept the cardholder agreement.",
        "אני מאשר/ת שהפרטים נכונים ומקבל/ת את תנאי הסכם בעל הכרטיס.",
        "أؤكد صحة المعلومات وأوافق على اتفاقية حامل البطاقة.",
        "我确认信息无误并接受持卡人协议。",
        "我確認資料無誤並接受持卡人約定條款。",
      ),
      [creditCheckField()],
    ),
  ],
  welcome: [
    { id: "activate_card", label: t("Activate your card", "הפעלת הכרטיס", "تفعيل البطاقة", "激活信用卡", "開卡") },
    { id: "set_pin", label: t("Choose your PIN", "בחירת קוד סודי", "اختيار الرقم السري", "设置密码", "設定密碼") },
    installApp(),
    { ...autoRepayments(), id: "autopay", label: t("Set up automatic payment of your statement", "הגדרת חיוב אוטומטי של החשבון החודשי", "إعداد السداد التلقائي لكشف الحساب", "设置账单自动还款", "設定帳單自動扣繳") },
  ],
};
