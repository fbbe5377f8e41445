import type { FlowDefinition } from "../types";
import { ACCEPT_ALL, aboutStep, autoRepayments, creditCheckField, documentsStep, employmentFields, idDocumentField, installApp, LANGUAGES, monthlyIncomeField, option, reviewStep, t } from "./common";

const months = (n: number) => option(`m${n}`, t(`${n} months`, `${n} חודשים`, `${n} شهرًا`, `${n} 个月`, `${n} 個月`));

/** Personal loan: about 12 minutes; amount and term, income, ID and 3 payslips, a processing fee. */
export const personal_loan: FlowDefinition = {
  product: "personal_loan",
  title: t("Personal loan", "הלוואה אישית", "قرض شخصي", "个人贷款", "個人信用貸款"),
  description: t(
    "Borrow from 1,000 to 50,000 over one to five years, at a fixed monthly repayment.",
    "הלוואה של 1,000 עד 50,000 לתקופה של שנה עד חמש שנים, בהחזר חודשי קבוע.",
    "اقترض من 1,000 إلى 50,000 لمدة سنة إلى خمس سنوات، بقسط شهري ثابت.",
    "可借 1,000 至 50,000，期限一至五年，每月固定还款。",
    "可借 1,000 至 50,000，期限一至五年，每月固定還款。",
  ),
  defaultLanguage: "en",
  languages: [...LANGUAGES],
  currency: "USD",
  inactivityDays: 7,
  reminderAfterHours: 24,
  slaHours: 48,
  steps: [
    {
      id: "loan",
      kind: "form",
      title: t("Your loan", "ההלוואה שלך", "قرضك", "贷款需求", "貸款需求"),
      minutes: 2,
      fields: [
        { id: "loanAmount", type: "money", required: true, min: "1000", max: "50000", label: t("How much would you like to borrow?", "איזה סכום תרצו ללוות?", "ما المبلغ الذي تريد اقتراضه؟", "您想借多少？", "您想借多少？") },
        {
          id: "term",
          type: "select",
          required: true,
          label: t("Repay over", "תקופת ההחזר", "مدة السداد", "还款期限", "還款期限"),
          options: [months(12), months(24), months(36), months(48), months(60)],
        },
        {
          id: "purpose",
          type: "select",
          required: true,
          label: t("What is the loan for?", "מה מטרת ההלוואה?", "ما الغرض من القرض؟", "贷款用途", "貸款用途"),
          options: [
            option("home_improvement", t("Home improvements", "שיפוץ הבית", "تحسينات المنزل", "房屋装修", "房屋裝修")),
            option("debt_consolidation", t("Paying off other debts", "איחוד הלוואות", "سداد ديون أخرى", "偿还其他债务", "整合其他債務")),
            option("education", t("Education", "לימודים", "التعليم", "教育", "教育")),
            option("wedding", t("A wedding or family event", "חתונה או אירוע משפחתי", "زفاف أو مناسبة عائلية", "婚礼或家庭活动", "婚禮或家庭活動")),
            option("other", t("Something else", "משהו אחר", "شيء آخر", "其他", "其他")),
          ],
        },
        {
          id: "purposeDetails",
          type: "text",
          required: true,
          maxLength: 300,
          showIf: { field: "purpose", op: "equals", value: "other" },
          label: t("Tell us briefly what it is for", "ספרו לנו בקצרה למה ההלוואה", "أخبرنا باختصار عن الغرض", "请简要说明用途", "請簡要說明用途"),
        },
      ],
    },
    aboutStep(3),
    {
      id: "income",
      kind: "form",
      title: t("Work and income", "תעסוקה והכנסה", "العمل والدخل", "工作与收入", "工作與收入"),
      minutes: 2,
      fields: [
        ...employmentFields(),
        monthlyIncomeField(),
        {
          id: "monthlyCommitments",
          type: "money",
          required: true,
          min: "0",
          label: t("Monthly repayments on other loans and cards", "החזרים חודשיים על הלוואות וכרטיסים אחרים", "الأقساط الشهرية للقروض والبطاقات الأخرى", "其他贷款和信用卡的每月还款额", "其他貸款與信用卡的每月還款額"),
        },
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
          help: t("Self-employed? Upload your latest tax return instead.", "עצמאים? אפשר להעלות במקום זאת את הדוח השנתי האחרון.", "تعمل لحسابك الخاص؟ حمّل آخر إقرار ضريبي بدلًا منها.", "自雇人士请上传最近一次的纳税申报表。", "自營工作者請上傳最近一次的報稅資料。"),
        },
      ],
      3,
    ),
    {
      id: "fee",
      kind: "payment",
      title: t("Processing fee", "דמי טיפול", "رسوم المعالجة", "手续费", "手續費"),
      help: t(
        "A one-off fee of 25 to process your application.",
        "דמי טיפול חד-פעמיים בסך 25 לבדיקת הבקשה.",
        "رسوم لمرة واحدة قدرها 25 لمعالجة طلبك.",
        "一次性收取 25 的申请手续费。",
        "一次性收取 25 的申請手續費。",
      ),
      minutes: 1,
      fields: [],
      payment: { purpose: "fee", currency: "USD", amount: "25.00" },
    },
    reviewStep(
      t(
        "I confirm the information is correct and accept the loan terms.",
        "אני מאשר/ת שהפרטים נכונים ומקבל/ת את תנאי ההלוואה.",
        "أؤكد صحة المعلومات وأوافق على شروط القرض.",
        "我确认信息无误并接受贷款条款。",
        "我確認資料無誤並接受貸款條款。",
      ),
      [creditCheckField()],
    ),
  ],
  welcome: [
    { id: "check_funds", label: t("Check the money has reached your account", "בדיקה שהכסף הגיע לחשבון", "التأكد من وصول المبلغ إلى حسابك", "确认款项已到账", "確認款項已入帳") },
    autoRepayments(),
    { id: "schedule", label: t("Download your repayment schedule", "הורדת לוח הסילוקין", "تنزيل جدول السداد", "下载还款计划表", "下載還款計畫表") },
    installApp(),
  ],
};
