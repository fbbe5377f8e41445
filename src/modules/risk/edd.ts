/**
 * Enhanced due diligence: for an application whose risk was high (edd_required), two form steps
 * are added before the final review step — the source of funds and the purpose of the account.
 * They are ordinary visible steps, so the customer is led to them and submission waits for them.
 */
import type { FlowDefinition, Option, Step, Text } from "../onboarding/flow/types";
import type { ApplicationRow } from "../onboarding/timeline";

const t = (en: string, he: string, ar: string, zhHans: string, zhHant: string): Text => ({ en, he, ar, "zh-Hans": zhHans, "zh-Hant": zhHant });
const option = (id: string, label: Text): Option => ({ id, label });

export const EDD_STEP_IDS = ["edd_source_of_funds", "edd_purpose"] as const;

export function eddSteps(): Step[] {
  return [
    {
      id: "edd_source_of_funds",
      kind: "form",
      title: t("Source of funds", "מקור הכספים", "مصدر الأموال", "资金来源", "資金來源"),
      help: t(
        "We ask every customer in your situation where the money in the account will come from. It takes a minute.",
        "אנו שואלים כל לקוח במצבך מאין יגיע הכסף לחשבון. זה לוקח דקה.",
        "نسأل كل عميل في وضعك عن مصدر الأموال التي ستدخل الحساب. يستغرق ذلك دقيقة.",
        "我们会询问与您情况相同的每位客户账户资金的来源，只需一分钟。",
        "我們會詢問與您情況相同的每位客戶帳戶資金的來源，只需一分鐘。",
      ),
      minutes: 2,
      fields: [
        {
          id: "edd_source_of_funds",
          type: "select",
          required: true,
          label: t("Where does the money come from?", "מאין מגיע הכסף?", "من أين تأتي الأموال؟", "资金从何而来？", "資金從何而來？"),
          options: [
            option("salary", t("Salary", "משכורת", "الراتب", "工资", "薪資")),
            option("business_income", t("Business income", "הכנסה מעסק", "دخل من نشاط تجاري", "经营收入", "營業收入")),
            option("savings", t("Savings", "חסכונות", "المدخرات", "储蓄", "儲蓄")),
            option("inheritance", t("Inheritance", "ירושה", "الميراث", "遗产", "遺產")),
            option("property_sale", t("Sale of property", "מכירת נכס", "بيع عقار", "出售房产", "出售房產")),
            option("investments", t("Investments", "השקעות", "الاستثمارات", "投资", "投資")),
            option("other", t("Other", "אחר", "غير ذلك", "其他", "其他")),
          ],
        },
        {
          id: "edd_source_details",
          type: "text",
          required: true,
          maxLength: 500,
          showIf: { field: "edd_source_of_funds", op: "equals", value: "other" },
          label: t("Please describe the source", "נא לתאר את המקור", "يرجى وصف المصدر", "请说明资金来源", "請說明資金來源"),
        },
        {
          id: "edd_monthly_deposits",
          type: "money",
          required: true,
          min: "0",
          label: t("Expected deposits per month", "הפקדות צפויות בחודש", "الإيداعات المتوقعة شهرياً", "预计每月存入金额", "預計每月存入金額"),
        },
      ],
    },
    {
      id: "edd_purpose",
      kind: "form",
      title: t("Purpose of the account", "מטרת החשבון", "الغرض من الحساب", "账户用途", "帳戶用途"),
      minutes: 1,
      fields: [
        {
          id: "edd_account_purpose",
          type: "select",
          required: true,
          label: t("What will you mainly use the account for?", "לשם מה תשתמש/י בחשבון בעיקר?", "لأي غرض ستستخدم الحساب أساساً؟", "您开立账户的主要用途是什么？", "您開立帳戶的主要用途是什麼？"),
          options: [
            option("everyday", t("Everyday banking", "בנקאות יומיומית", "المعاملات المصرفية اليومية", "日常银行业务", "日常銀行業務")),
            option("savings", t("Savings", "חיסכון", "الادخار", "储蓄", "儲蓄")),
            option("business", t("Business", "עסקים", "الأعمال", "商业用途", "商業用途")),
            option("salary", t("Receiving my salary", "קבלת משכורת", "استلام الراتب", "接收工资", "接收薪資")),
            option("transfers_abroad", t("Sending money abroad", "העברת כספים לחו״ל", "تحويل الأموال إلى الخارج", "向境外汇款", "向境外匯款")),
            option("other", t("Other", "אחר", "غير ذلك", "其他", "其他")),
          ],
        },
        {
          id: "edd_purpose_details",
          type: "text",
          required: true,
          maxLength: 500,
          showIf: { field: "edd_account_purpose", op: "equals", value: "other" },
          label: t("Please describe the purpose", "נא לתאר את המטרה", "يرجى وصف الغرض", "请说明用途", "請說明用途"),
        },
        {
          id: "edd_transfer_countries",
          type: "text",
          required: false,
          maxLength: 500,
          label: t(
            "Countries you expect to send money to or receive it from (optional)",
            "מדינות שאליהן או מהן צפויות העברות כספים (לא חובה)",
            "الدول التي تتوقع التحويل إليها أو الاستلام منها (اختياري)",
            "预计汇款往来的国家或地区（选填）",
            "預計匯款往來的國家或地區（選填）",
          ),
        },
      ],
    },
  ];
}

/** The flow with the EDD steps before its last (review) step, when the application needs them. Pure and idempotent. */
export function withEdd(def: FlowDefinition, app: Pick<ApplicationRow, "edd_required">): FlowDefinition {
  if (!app.edd_required) return def;
  if (def.steps.some((s) => (EDD_STEP_IDS as readonly string[]).includes(s.id))) return def;
  const last = def.steps.length - 1;
  if (last < 0) return def;
  return { ...def, steps: [...def.steps.slice(0, last), ...eddSteps(), ...def.steps.slice(last)] };
}
