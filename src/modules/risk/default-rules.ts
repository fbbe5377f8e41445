/**
 * The rule set every bank starts with (version 1, created on first read). Points are chosen so a
 * single strong signal (a PEP, a likely sanctions match, a high-risk country) reaches `high` and
 * enhanced due diligence on its own, while weaker signals (a non-face-to-face channel, a large
 * deposit) only add up. The high-risk countries are the FATF "call for action" jurisdictions
 * (DPRK, Iran, Myanmar) as ISO 3166-1 alpha-2 codes (applicantOf maps a passport's alpha-3 codes);
 * a bank extends the list with its own risk appetite (e.g. FATF's jurisdictions under monitoring).
 */
import type { RiskText, RuleSet } from "./rules";

const t = (en: string, he: string, ar: string, zhHans: string, zhHant: string): RiskText => ({ en, he, ar, "zh-Hans": zhHans, "zh-Hant": zhHant });

const CREDIT_PRODUCTS = ["credit_card", "personal_loan", "auto_loan", "mortgage"];

export const DEFAULT_RULE_SET: RuleSet = {
  thresholds: { medium: 30, high: 60 },
  lists: { high_risk_countries: ["KP", "IR", "MM"] },
  rules: [
    {
      id: "pep_hit",
      label: t("Politically exposed person (PEP list hit)", "איש ציבור חשוף פוליטית (התאמה ברשימת PEP)", "شخص معرّض سياسياً (تطابق في قائمة PEP)", "政治公众人物（PEP 名单命中）", "政治公眾人物（PEP 名單命中）"),
      points: 60,
      when: { any: [{ fact: "checks.pep.outcome", op: "in", value: ["review", "fail"] }, { fact: "checks.pep.band", op: "in", value: ["block", "review"] }] },
    },
    {
      id: "sanctions_block_band",
      label: t("Likely sanctions list match", "התאמה סבירה לרשימת סנקציות", "تطابق مرجّح مع قائمة العقوبات", "可能命中制裁名单", "可能命中制裁名單"),
      points: 100,
      when: { fact: "checks.sanctions.band", op: "equals", value: "block" },
    },
    {
      id: "sanctions_review_band",
      label: t("Possible sanctions list match (review band)", "התאמה אפשרית לרשימת סנקציות (טווח בדיקה)", "تطابق محتمل مع قائمة العقوبات (نطاق المراجعة)", "可能命中制裁名单（复核区间）", "可能命中制裁名單（複核區間）"),
      points: 40,
      when: { fact: "checks.sanctions.band", op: "equals", value: "review" },
    },
    {
      id: "sanctions_edd_band",
      label: t("Weak sanctions list similarity", "דמיון חלש לרשימת סנקציות", "تشابه ضعيف مع قائمة العقوبات", "与制裁名单轻度相似", "與制裁名單輕度相似"),
      points: 30,
      when: { fact: "checks.sanctions.band", op: "equals", value: "edd" },
    },
    {
      id: "identity_mismatch",
      label: t("ID document differs from the application", "מסמך הזיהוי שונה מפרטי הבקשה", "وثيقة الهوية تختلف عن بيانات الطلب", "身份证件与申请信息不一致", "身分證件與申請資料不一致"),
      points: 25,
      when: { fact: "identity.mismatches", op: "gte", value: 1 },
    },
    {
      id: "identity_failed",
      label: t("ID document or selfie could not be verified", "לא ניתן לאמת את מסמך הזיהוי או תמונת הסלפי", "تعذّر التحقق من وثيقة الهوية أو الصورة الذاتية", "无法验证身份证件或自拍", "無法驗證身分證件或自拍"),
      points: 40,
      when: { any: [{ fact: "checks.identity_document.outcome", op: "equals", value: "fail" }, { fact: "checks.identity_selfie.outcome", op: "equals", value: "fail" }] },
    },
    {
      id: "document_expired",
      label: t("ID document has expired", "תוקף מסמך הזיהוי פג", "انتهت صلاحية وثيقة الهوية", "身份证件已过期", "身分證件已過期"),
      points: 30,
      when: { fact: "identity.document_expired", op: "is_true" },
    },
    {
      id: "high_risk_nationality",
      label: t("Nationality of a high-risk country", "אזרחות של מדינה בסיכון גבוה", "جنسية دولة عالية المخاطر", "高风险国家国籍", "高風險國家國籍"),
      points: 60,
      when: { fact: "applicant.nationality", op: "in", list: "high_risk_countries" },
    },
    {
      id: "high_risk_residence",
      label: t("Lives in a high-risk country", "מתגורר/ת במדינה בסיכון גבוה", "يقيم في دولة عالية المخاطر", "居住在高风险国家", "居住在高風險國家"),
      points: 60,
      when: { fact: "applicant.country", op: "in", list: "high_risk_countries" },
    },
    {
      id: "large_initial_deposit",
      label: t("Large opening deposit (5,000 or more)", "הפקדה ראשונה גבוהה (5,000 ומעלה)", "إيداع افتتاحي كبير (5,000 أو أكثر)", "大额开户存款（5,000 及以上）", "大額開戶存款（5,000 及以上）"),
      points: 15,
      when: { fact: "answers.depositAmount", op: "gte", value: 5000 },
    },
    {
      id: "young_credit_applicant",
      label: t("Under 21 applying for credit", "מתחת לגיל 21 ומבקש/ת אשראי", "دون 21 عاماً ويتقدم بطلب ائتمان", "未满 21 岁申请信贷", "未滿 21 歲申請信貸"),
      points: 20,
      when: { all: [{ fact: "product", op: "in", value: CREDIT_PRODUCTS }, { fact: "applicant.age", op: "lt", value: 21 }] },
    },
    {
      id: "non_face_to_face",
      label: t("Opened without meeting in a branch", "נפתח ללא פגישה בסניף", "فُتح دون مقابلة في الفرع", "未在分行面对面办理", "未在分行臨櫃辦理"),
      points: 5,
      when: { fact: "channel", op: "not_equals", value: "branch" },
    },
  ],
};
