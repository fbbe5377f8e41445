/** Relationship NPS and post-onboarding CES. */
import type { SurveyTemplate } from ".";
import { DONE_ENDING, t } from "./text";

export const relationshipNps: SurveyTemplate = {
  id: "relationship-nps",
  name: t("Relationship NPS", "NPS קשרי לקוח", "مؤشر صافي الترويج للعلاقة", "客户关系净推荐值", "客戶關係淨推薦值"),
  description: t(
    "How likely customers are to recommend the bank, why, and whether we may follow up.",
    "עד כמה הלקוחות ימליצו על הבנק, מדוע, והאם נוכל לחזור אליהם.",
    "مدى احتمال أن يوصي العملاء بالبنك، ولماذا، وهل يمكننا التواصل معهم لاحقًا.",
    "客户向他人推荐本行的可能性、原因，以及我们能否跟进联系。",
    "客戶向他人推薦本行的可能性、原因，以及我們能否跟進聯繫。",
  ),
  definition: {
    title: t("Your relationship with us", "הקשר שלך איתנו", "علاقتك بنا", "您与我们的关系", "您與我們的關係"),
    settings: { estimatedMinutes: 2 },
    questions: [
      {
        id: "nps",
        type: "nps",
        required: true,
        text: t(
          "How likely are you to recommend our bank to a friend or colleague?",
          "עד כמה סביר שתמליץ/י על הבנק שלנו לחבר או לעמית?",
          "ما مدى احتمال أن توصي ببنكنا لصديق أو زميل؟",
          "您向朋友或同事推荐我们银行的可能性有多大？",
          "您向朋友或同事推薦我們銀行的可能性有多大？",
        ),
        lowLabel: t("Not at all likely", "בכלל לא סביר", "غير محتمل إطلاقًا", "完全不可能", "完全不可能"),
        highLabel: t("Extremely likely", "סביר מאוד", "محتمل جدًا", "非常可能", "非常可能"),
      },
      {
        id: "reason",
        type: "text",
        format: "long",
        text: t(
          "What is the main reason for your score of {{nps}}?",
          "מהי הסיבה העיקרית לציון {{nps}} שנתת?",
          "ما السبب الرئيسي لتقييمك بدرجة {{nps}}؟",
          "您给出 {{nps}} 分的主要原因是什么？",
          "您給出 {{nps}} 分的主要原因是什麼？",
        ),
      },
      {
        id: "followUp",
        type: "consent",
        text: t("May we contact you about your feedback?", "האם נוכל לפנות אליך בנוגע למשוב?", "هل يمكننا التواصل معك بشأن ملاحظاتك؟", "我们可以就您的反馈与您联系吗？", "我們可以就您的意見與您聯繫嗎？"),
        label: t(
          "Yes, a member of our team may contact me about this feedback",
          "כן, נציג/ה מהצוות שלנו רשאי/ת לפנות אליי בנוגע למשוב זה",
          "نعم، يمكن لأحد أعضاء فريقنا التواصل معي بشأن هذه الملاحظات",
          "是的，贵行团队成员可以就此反馈与我联系",
          "是的，貴行團隊成員可以就此意見與我聯繫",
        ),
      },
      {
        id: "contact",
        type: "contact",
        fields: ["name", "email", "phone"],
        showIf: { left: { question: "followUp" }, op: "equals", right: { value: true } },
        text: t("How can we reach you?", "איך נוכל ליצור איתך קשר?", "كيف يمكننا التواصل معك؟", "我们如何联系您？", "我們如何聯繫您？"),
      },
    ],
    pages: [
      { id: "score", questionIds: ["nps"] },
      { id: "why", questionIds: ["reason"] },
      { id: "consent", questionIds: ["followUp", "contact"] },
    ],
    endings: [DONE_ENDING],
  },
};

export const onboardingCes: SurveyTemplate = {
  id: "onboarding-ces",
  name: t("Post-onboarding effort (CES)", "מאמץ לאחר הצטרפות (CES)", "الجهد بعد فتح الحساب (CES)", "开户后客户费力度 (CES)", "開戶後客戶費力度 (CES)"),
  description: t(
    "How easy it was to become a customer, asked right after the account is opened.",
    "עד כמה היה קל להצטרף כלקוח, נשאל מיד לאחר פתיחת החשבון.",
    "مدى سهولة أن تصبح عميلًا، يُسأل مباشرة بعد فتح الحساب.",
    "成为客户的难易程度，在开户后立即询问。",
    "成為客戶的難易程度，在開戶後立即詢問。",
  ),
  definition: {
    title: t("Opening your account", "פתיחת החשבון שלך", "فتح حسابك", "开立您的账户", "開立您的帳戶"),
    settings: { estimatedMinutes: 1 },
    questions: [
      {
        id: "ces",
        type: "ces",
        required: true,
        text: t(
          "The bank made it easy for me to open my account.",
          "הבנק הקל עליי לפתוח את החשבון.",
          "سهّل البنك عليّ فتح حسابي.",
          "银行让我轻松地开立了账户。",
          "銀行讓我輕鬆地開立了帳戶。",
        ),
        lowLabel: t("Strongly disagree", "לא מסכים/ה בכלל", "لا أوافق بشدة", "非常不同意", "非常不同意"),
        highLabel: t("Strongly agree", "מסכים/ה מאוד", "أوافق بشدة", "非常同意", "非常同意"),
      },
      {
        id: "harder",
        type: "text",
        format: "long",
        showIf: { left: { question: "ces" }, op: "lessOrEqual", right: { value: 4 } },
        text: t(
          "What could we have made easier?",
          "מה יכולנו להקל עליך?",
          "ما الذي كان بإمكاننا تسهيله؟",
          "我们哪些方面本可以做得更简便？",
          "我們哪些方面本可以做得更簡便？",
        ),
      },
    ],
    pages: [{ id: "effort", questionIds: ["ces", "harder"] }],
    endings: [DONE_ENDING],
  },
};
