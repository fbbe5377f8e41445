/**
 * Sample data for previewing built-in templates (back office): a fictitious customer and figures,
 * in each language the documents are rendered in.
 */
import type { BuiltinTemplate, DocumentData, Lang } from "./render";

const SAMPLE_NAME: Record<Lang, string> = { en: "Dana Levi", he: "דנה לוי", ar: "دانة ليفي", "zh-Hans": "李丹娜", "zh-Hant": "李丹娜" };
const SAMPLE_ADDRESS: Record<Lang, string> = {
  en: "12 Harbour Street, Haifa",
  he: "רחוב הנמל 12, חיפה",
  ar: "شارع الميناء 12، حيفا",
  "zh-Hans": "海法港口街12号",
  "zh-Hant": "海法港口街12號",
};
const SAMPLE_BANK: Record<Lang, string> = { en: "Sample Bank", he: "בנק לדוגמה", ar: "بنك نموذجي", "zh-Hans": "示例银行", "zh-Hant": "示例銀行" };
const LABELS: Record<Lang, { employer: string; income: string; sample: string }> = {
  en: { employer: "Employer", income: "Monthly income", sample: "Sample Ltd." },
  he: { employer: "מעסיק", income: "הכנסה חודשית", sample: "דוגמה בע״מ" },
  ar: { employer: "جهة العمل", income: "الدخل الشهري", sample: "شركة نموذجية" },
  "zh-Hans": { employer: "雇主", income: "月收入", sample: "示例有限公司" },
  "zh-Hant": { employer: "僱主", income: "月收入", sample: "示例有限公司" },
};

const LOAN_PRODUCTS = new Set(["personal_loan", "auto_loan", "mortgage"]);

/** What a built-in template is filled with in the back office's preview. */
export function sampleData(template: BuiltinTemplate, language: Lang, now: Date): DocumentData {
  const product = template.products[0] ?? "checking";
  const money = (n: number) => new Intl.NumberFormat(language, { style: "currency", currency: "ILS" }).format(n);
  const l = LABELS[language];
  return {
    language,
    bank: { name: SAMPLE_BANK[language] },
    reference: "SAMPLE-0001",
    product,
    productName: template.name[language],
    date: now,
    customer: { name: SAMPLE_NAME[language], email: "dana@example.com", phone: "+972 50 123 4567", dateOfBirth: "1990-04-12", nationalId: "000000018", address: SAMPLE_ADDRESS[language] },
    details: [
      { label: l.employer, value: l.sample },
      { label: l.income, value: money(18_500) },
    ],
    loan: LOAN_PRODUCTS.has(product)
      ? { amount: money(product === "mortgage" ? 1_200_000 : 60_000), termMonths: product === "mortgage" ? 300 : 48, rate: new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 2 }).format(0.0545), monthly: money(1_395) }
      : null,
    signers: [{ role: "applicant", name: SAMPLE_NAME[language] }],
  };
}
