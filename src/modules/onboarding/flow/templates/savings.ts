import type { FlowDefinition } from "../types";
import { aboutStep, installApp, LANGUAGES, option, reviewStep, t } from "./common";

/** Savings account: about 7 minutes; a savings goal and an opening deposit taken by card. */
export const savings: FlowDefinition = {
  product: "savings",
  title: t("Savings account", "חשבון חיסכון", "حساب توفير", "储蓄账户", "儲蓄帳戶"),
  description: t(
    "Put money aside and earn interest, with a first deposit from your card.",
    "לחסוך ולצבור ריבית, עם הפקדה ראשונה מהכרטיס שלך.",
    "ادّخر أموالك واكسب فائدة، مع إيداع أول من بطاقتك.",
    "存钱赚取利息，首笔存款可用银行卡支付。",
    "存錢賺取利息，首筆存款可用信用卡支付。",
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
      id: "plan",
      kind: "form",
      title: t("Your savings", "החיסכון שלך", "مدخراتك", "您的储蓄计划", "您的儲蓄計畫"),
      minutes: 2,
      fields: [
        {
          id: "goal",
          type: "select",
          required: true,
          label: t("What are you saving for?", "למה מיועד החיסכון?", "ما هدف الادخار؟", "您的储蓄目标是什么？", "您的儲蓄目標是什麼？"),
          options: [
            option("emergency", t("A safety cushion", "כרית ביטחון", "احتياطي للطوارئ", "应急备用金", "緊急預備金")),
            option("home", t("A home", "דירה", "منزل", "购房", "購屋")),
            option("education", t("Education", "לימודים", "التعليم", "教育", "教育")),
            option("other", t("Something else", "משהו אחר", "شيء آخر", "其他", "其他")),
          ],
        },
        {
          id: "depositAmount",
          type: "money",
          required: true,
          min: "50",
          max: "50000",
          label: t("Opening deposit", "הפקדה ראשונה", "الإيداع الأول", "首笔存款", "首筆存款"),
          help: t("At least 50, paid by card in the next step.", "לפחות 50, בתשלום בכרטיס בשלב הבא.", "50 على الأقل، تُدفع بالبطاقة في الخطوة التالية.", "至少 50，下一步用银行卡支付。", "至少 50，下一步以卡片支付。"),
        },
        {
          id: "monthlySaving",
          type: "money",
          required: false,
          min: "0",
          max: "20000",
          label: t("How much do you plan to save each month? (optional)", "כמה בערך תחסכו בכל חודש? (רשות)", "كم تنوي أن تدّخر شهريًا؟ (اختياري)", "您计划每月存多少？（选填）", "您計畫每月存多少？（選填）"),
        },
      ],
    },
    {
      id: "deposit",
      kind: "payment",
      title: t("Opening deposit", "הפקדה ראשונה", "الإيداع الأول", "开户存款", "開戶存款"),
      minutes: 1,
      fields: [],
      payment: { purpose: "deposit", currency: "USD", amountField: "depositAmount", min: "50" },
    },
    reviewStep(
      t(
        "I confirm the information is correct and accept the savings account terms.",
        "אני מאשר/ת שהפרטים נכונים ומקבל/ת את תנאי חשבון החיסכון.",
        "أؤكد صحة المعلومات وأوافق على شروط حساب التوفير.",
        "我确认信息无误并接受储蓄账户条款。",
        "我確認資料無誤並接受儲蓄帳戶條款。",
      ),
    ),
  ],
  welcome: [
    installApp(),
    { id: "standing_order", label: t("Set up a monthly transfer into your savings", "הגדרת הוראת קבע חודשית לחיסכון", "إعداد تحويل شهري إلى حساب التوفير", "设置每月自动转入储蓄", "設定每月自動轉入儲蓄") },
    { id: "savings_goal", label: t("Set your savings goal in the app", "הגדרת יעד החיסכון באפליקציה", "تحديد هدف الادخار في التطبيق", "在应用中设定储蓄目标", "在應用程式中設定儲蓄目標") },
    { id: "notifications", label: t("Turn on balance notifications", "הפעלת התראות על היתרה", "تفعيل إشعارات الرصيد", "开启余额通知", "開啟餘額通知") },
  ],
};
