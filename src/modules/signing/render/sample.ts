/** Sample data for previews of built-in templates (the back office's template preview and field list). */
import type { BuiltinKind, DocumentData, Lang } from "./index";

const NAMES: Record<Lang, string> = { en: "Dana Whitfield", he: "דנה לוי", ar: "ليلى حداد", "zh-Hans": "王小明", "zh-Hant": "陳美玲" };

const PRODUCTS: Record<BuiltinKind, Record<Lang, string>> = {
  account_agreement: { en: "Current account", he: "חשבון עו\"ש", ar: "حساب جارٍ", "zh-Hans": "活期账户", "zh-Hant": "活期帳戶" },
  card_terms: { en: "Credit card", he: "כרטיס אשראי", ar: "بطاقة ائتمان", "zh-Hans": "信用卡", "zh-Hant": "信用卡" },
  loan_contract: { en: "Personal loan", he: "הלוואה אישית", ar: "قرض شخصي", "zh-Hans": "个人贷款", "zh-Hant": "個人貸款" },
  mortgage_preapproval: { en: "Mortgage", he: "משכנתה", ar: "تمويل عقاري", "zh-Hans": "按揭贷款", "zh-Hant": "房屋貸款" },
};

const PRODUCT_IDS: Record<BuiltinKind, string> = { account_agreement: "checking", card_terms: "credit_card", loan_contract: "personal_loan", mortgage_preapproval: "mortgage" };

export function sampleDocumentData(kind: BuiltinKind, language: Lang, bankName = "Example Bank"): DocumentData {
  const credit = kind === "loan_contract" || kind === "mortgage_preapproval";
  return {
    language,
    bank: { name: bankName },
    reference: "SAMPLE-0001",
    product: PRODUCT_IDS[kind],
    productName: PRODUCTS[kind][language],
    date: new Date("2026-01-15T09:00:00Z"),
    customer: { name: NAMES[language], email: "customer@example.com", phone: "+1 555 0100" },
    details: [],
    loan: credit ? { amount: "USD 250,000.00", termMonths: kind === "mortgage_preapproval" ? 300 : 36, rate: "5.4%", monthly: "USD 1,520.00" } : null,
    signers: [{ role: "applicant", name: NAMES[language] }],
  };
}
