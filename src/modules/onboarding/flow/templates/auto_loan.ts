import type { FlowDefinition } from "../types";
import { ACCEPT_ALL, aboutStep, autoRepayments, creditCheckField, documentsStep, employmentFields, idDocumentField, installApp, LANGUAGES, monthlyIncomeField, option, reviewStep, t } from "./common";

const months = (n: number) => option(`m${n}`, t(`${n} months`, `${n} חודשים`, `${n} شهرًا`, `${n} 个月`, `${n} 個月`));

/** Auto loan: about 11 minutes; the vehicle, the loan, income, ID and the dealer's purchase order. */
export const auto_loan: FlowDefinition = {
  product: "auto_loan",
  title: t("Car loan", "הלוואה לרכב", "قرض سيارة", "汽车贷款", "汽車貸款"),
  description: t(
    "Finance a new or used car, with an answer before you sign at the dealer.",
    "מימון לרכב חדש או משומש, עם תשובה עוד לפני החתימה אצל הסוכנות.",
    "موّل سيارة جديدة أو مستعملة، واحصل على الرد قبل التوقيع لدى الوكيل.",
    "为新车或二手车融资，在经销商处签约前即可获得答复。",
    "為新車或中古車融資，在經銷商簽約前即可獲得答覆。",
  ),
  defaultLanguage: "en",
  languages: [...LANGUAGES],
  currency: "USD",
  inactivityDays: 7,
  reminderAfterHours: 24,
  slaHours: 24,
  steps: [
    {
      id: "vehicle",
      kind: "form",
      title: t("The car", "הרכב", "السيارة", "车辆信息", "車輛資訊"),
      minutes: 2,
      fields: [
        {
          id: "vehicleCondition",
          type: "select",
          required: true,
          label: t("New or used?", "חדש או משומש?", "جديدة أم مستعملة؟", "新车还是二手车？", "新車還是中古車？"),
          options: [option("new", t("New", "חדש", "جديدة", "新车", "新車")), option("used", t("Used", "משומש", "مستعملة", "二手车", "中古車"))],
        },
        { id: "vehicleMakeModel", type: "text", required: true, maxLength: 100, label: t("Make and model", "יצרן ודגם", "الشركة المصنّعة والطراز", "品牌和型号", "廠牌與型號") },
        {
          id: "vehicleYear",
          type: "text",
          required: true,
          maxLength: 4,
          showIf: { field: "vehicleCondition", op: "equals", value: "used" },
          label: t("Year of manufacture", "שנת ייצור", "سنة الصنع", "出厂年份", "出廠年份"),
        },
        { id: "vehiclePrice", type: "money", required: true, min: "1000", max: "250000", label: t("Price of the car", "מחיר הרכב", "سعر السيارة", "车辆价格", "車輛價格") },
        { id: "dealer", type: "text", required: true, maxLength: 200, label: t("Dealer or seller", "סוכנות או מוכר", "الوكيل أو البائع", "经销商或卖家", "經銷商或賣家") },
      ],
    },
    {
      id: "loan",
      kind: "form",
      title: t("Your loan", "ההלוואה שלך", "قرضك", "贷款需求", "貸款需求"),
      minutes: 1,
      fields: [
        { id: "downPayment", type: "money", required: true, min: "0", label: t("Your own down payment", "הון עצמי (מקדמה)", "الدفعة الأولى من مالك الخاص", "首付款", "頭期款") },
        { id: "loanAmount", type: "money", required: true, min: "1000", max: "200000", label: t("Amount to borrow", "סכום ההלוואה", "مبلغ القرض", "贷款金额", "貸款金額") },
        {
          id: "term",
          type: "select",
          required: true,
          label: t("Repay over", "תקופת ההחזר", "مدة السداد", "还款期限", "還款期限"),
          options: [months(24), months(36), months(48), months(60), months(72), months(84)],
        },
      ],
    },
    aboutStep(3),
    {
      id: "income",
      kind: "form",
      title: t("Work and income", "תעסוקה והכנסה", "العمل والدخل", "工作与收入", "工作與收入"),
      minutes: 2,
      fields: [...employmentFields(), monthlyIncomeField()],
    },
    documentsStep([
      idDocumentField(),
      {
        id: "drivingLicence",
        type: "file",
        required: true,
        document: "driving_licence",
        accept: ACCEPT_ALL,
        maxFiles: 2,
        label: t("Driving licence", "רישיון נהיגה", "رخصة القيادة", "驾驶证", "駕照"),
      },
      {
        id: "purchaseOrder",
        type: "file",
        required: true,
        document: "purchase_order",
        accept: ACCEPT_ALL,
        maxFiles: 2,
        label: t("Purchase order or price quote from the dealer", "הזמנת רכישה או הצעת מחיר מהסוכנות", "أمر الشراء أو عرض السعر من الوكيل", "经销商的购车订单或报价单", "經銷商的購車訂單或報價單"),
      },
    ]),
    reviewStep(
      t(
        "I confirm the information is correct and accept the car loan terms.",
        "אני מאשר/ת שהפרטים נכונים ומקבל/ת את תנאי ההלוואה לרכב.",
        "أؤكد صحة المعلومات وأوافق على شروط قرض السيارة.",
        "我确认信息无误并接受汽车贷款条款。",
        "我確認資料無誤並接受汽車貸款條款。",
      ),
      [creditCheckField()],
    ),
  ],
  welcome: [
    { id: "insurance", label: t("Send us proof of comprehensive car insurance", "שליחת אישור ביטוח מקיף לרכב", "أرسل إثبات التأمين الشامل للسيارة", "提交车辆全险证明", "提交車輛全險證明") },
    autoRepayments(),
    { id: "schedule", label: t("Download your repayment schedule", "הורדת לוח הסילוקין", "تنزيل جدول السداد", "下载还款计划表", "下載還款計畫表") },
    installApp(),
  ],
};
