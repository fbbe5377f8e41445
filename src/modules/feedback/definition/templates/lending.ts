/** Abandoned application ("why did you stop?") and loan-decision feedback. */
import type { SurveyTemplate } from ".";
import { DONE_ENDING, t } from "./text";

export const abandonedApplication: SurveyTemplate = {
  id: "abandoned-application",
  name: t("Abandoned application: why did you stop?", "בקשה שלא הושלמה: למה הפסקת?", "طلب غير مكتمل: لماذا توقفت؟", "未完成的申请：您为何中止？", "未完成的申請：您為何中止？"),
  description: t(
    "Asks applicants who left an application why, with a follow-up on each reason they pick.",
    "שואל מבקשים שעזבו בקשה מדוע, עם שאלת המשך על כל סיבה שבחרו.",
    "يسأل المتقدمين الذين تركوا طلبًا عن السبب، مع سؤال متابعة عن كل سبب يختارونه.",
    "询问中途放弃申请的客户原因，并就所选的每个原因进一步追问。",
    "詢問中途放棄申請的客戶原因，並就所選的每個原因進一步追問。",
  ),
  definition: {
    title: t("Your application", "הבקשה שלך", "طلبك", "您的申请", "您的申請"),
    settings: { estimatedMinutes: 2 },
    questions: [
      {
        id: "reasons",
        type: "multi",
        required: true,
        maxChoices: 3,
        text: t(
          "Why did you stop your application? Choose up to three reasons.",
          "מדוע הפסקת את הבקשה? בחר/י עד שלוש סיבות.",
          "لماذا توقفت عن إكمال طلبك؟ اختر حتى ثلاثة أسباب.",
          "您为何中止申请？最多选择三个原因。",
          "您為何中止申請？最多選擇三個原因。",
        ),
        choices: [
          { id: "long", text: t("It took too long", "זה לקח יותר מדי זמן", "استغرق وقتًا طويلًا", "耗时太长", "耗時太長") },
          { id: "documents", text: t("I did not have the documents needed", "לא היו לי המסמכים הנדרשים", "لم تكن لدي المستندات المطلوبة", "我没有所需的文件", "我沒有所需的文件") },
          { id: "rates", text: t("The rates or fees were too high", "הריביות או העמלות היו גבוהות מדי", "كانت الأسعار أو الرسوم مرتفعة جدًا", "利率或费用太高", "利率或費用太高") },
          { id: "technical", text: t("A technical problem", "תקלה טכנית", "مشكلة تقنية", "技术问题", "技術問題") },
          { id: "elsewhere", text: t("I found a better offer elsewhere", "מצאתי הצעה טובה יותר במקום אחר", "وجدت عرضًا أفضل في مكان آخر", "我在别处找到了更好的方案", "我在別處找到了更好的方案") },
          { id: "browsing", text: t("I was only looking", "רק בדקתי", "كنت أتصفح فقط", "我只是随便看看", "我只是隨便看看") },
        ],
      },
      {
        id: "detail",
        type: "text",
        text: t("Tell us more about: {{loop.item}}", "ספר/י לנו עוד על: {{loop.item}}", "أخبرنا المزيد عن: {{loop.item}}", "请详细说明：{{loop.item}}", "請詳細說明：{{loop.item}}"),
      },
      {
        id: "resume",
        type: "single",
        text: t(
          "Would you like help to complete your application?",
          "האם תרצה/י עזרה להשלמת הבקשה?",
          "هل تود الحصول على مساعدة لإكمال طلبك؟",
          "您需要我们协助完成申请吗？",
          "您需要我們協助完成申請嗎？",
        ),
        choices: [
          { id: "call", text: t("Yes, please call me", "כן, אנא התקשרו אליי", "نعم، يرجى الاتصال بي", "需要，请致电给我", "需要，請致電給我") },
          { id: "self", text: t("No, I will finish it myself", "לא, אשלים בעצמי", "لا، سأكمله بنفسي", "不用，我会自己完成", "不用，我會自己完成") },
          { id: "no", text: t("No, I am not interested any more", "לא, אני כבר לא מעוניין/ת", "لا، لم أعد مهتمًا", "不用，我已不感兴趣", "不用，我已不感興趣") },
        ],
      },
    ],
    pages: [
      { id: "why", questionIds: ["reasons"] },
      { id: "more", questionIds: ["detail"] },
      { id: "next", questionIds: ["resume"] },
    ],
    loops: [{ id: "perReason", source: "reasons", pages: ["more"] }],
    endings: [DONE_ENDING],
  },
};

export const loanDecision: SurveyTemplate = {
  id: "loan-decision",
  name: t("Loan decision feedback", "משוב על החלטת הלוואה", "ملاحظات حول قرار القرض", "贷款审批结果反馈", "貸款審核結果回饋"),
  description: t(
    "How applicants experienced the decision on their loan, approved or not.",
    "כיצד חוו המבקשים את ההחלטה על ההלוואה שלהם, בין אם אושרה ובין אם לא.",
    "كيف عاش المتقدمون تجربة قرار قرضهم، سواء تمت الموافقة عليه أم لا.",
    "申请人对贷款审批结果（无论是否批准）的体验。",
    "申請人對貸款審核結果（無論是否核准）的體驗。",
  ),
  definition: {
    title: t("The decision on your loan", "ההחלטה על ההלוואה שלך", "القرار بشأن قرضك", "您的贷款审批结果", "您的貸款審核結果"),
    settings: { estimatedMinutes: 2 },
    questions: [
      {
        id: "csat",
        type: "csat",
        required: true,
        text: t(
          "How satisfied are you with how we handled your loan application?",
          "עד כמה את/ה מרוצה מהטיפול שלנו בבקשת ההלוואה שלך?",
          "ما مدى رضاك عن طريقة تعاملنا مع طلب قرضك؟",
          "您对我们处理贷款申请的方式满意吗？",
          "您對我們處理貸款申請的方式滿意嗎？",
        ),
      },
      {
        id: "speed",
        type: "rating",
        style: "stars",
        points: 5,
        text: t("How would you rate the speed of the decision?", "איך היית מדרג/ת את מהירות ההחלטה?", "كيف تقيّم سرعة اتخاذ القرار؟", "您如何评价审批速度？", "您如何評價審核速度？"),
      },
      {
        id: "explained",
        type: "single",
        text: t(
          "Did we explain the reasons for our decision clearly?",
          "האם הסברנו בבירור את הנימוקים להחלטה?",
          "هل شرحنا أسباب قرارنا بوضوح؟",
          "我们是否清楚地说明了审批结果的原因？",
          "我們是否清楚地說明了審核結果的原因？",
        ),
        choices: [
          { id: "yes", text: t("Yes", "כן", "نعم", "是", "是") },
          { id: "somewhat", text: t("Somewhat", "במידה מסוימת", "إلى حد ما", "部分清楚", "部分清楚") },
          { id: "no", text: t("No", "לא", "لا", "否", "否") },
        ],
      },
      {
        id: "improve",
        type: "text",
        format: "long",
        text: t("What could we do better?", "מה נוכל לעשות טוב יותר?", "ما الذي يمكننا تحسينه؟", "我们可以在哪些方面做得更好？", "我們可以在哪些方面做得更好？"),
      },
    ],
    pages: [
      { id: "overall", questionIds: ["csat", "speed"] },
      { id: "clarity", questionIds: ["explained", "improve"] },
    ],
    endings: [DONE_ENDING],
  },
};
