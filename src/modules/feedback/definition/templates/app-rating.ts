/** App-store style rating: stars, and a different ending for 4–5 stars. */
import type { SurveyTemplate } from ".";
import { DONE_ENDING, t } from "./text";

export const appRating: SurveyTemplate = {
  id: "app-rating",
  name: t("App rating", "דירוג האפליקציה", "تقييم التطبيق", "应用评分", "應用程式評分"),
  description: t(
    "A five-star rating of the mobile app; happy customers are thanked, others asked what to improve.",
    "דירוג של חמישה כוכבים לאפליקציה; לקוחות מרוצים מקבלים תודה, והאחרים נשאלים מה לשפר.",
    "تقييم التطبيق بخمس نجوم؛ نشكر العملاء الراضين ونسأل الآخرين عما يجب تحسينه.",
    "对手机应用进行五星评分；对满意的客户表示感谢，并询问其他客户需要改进之处。",
    "對手機應用程式進行五星評分；對滿意的客戶表示感謝，並詢問其他客戶需要改進之處。",
  ),
  definition: {
    title: t("Rate our app", "דרגו את האפליקציה שלנו", "قيّم تطبيقنا", "为我们的应用评分", "為我們的應用程式評分"),
    settings: { estimatedMinutes: 1, showProgress: false },
    questions: [
      {
        id: "stars",
        type: "rating",
        style: "stars",
        points: 5,
        required: true,
        text: t("How would you rate our mobile app?", "איך היית מדרג/ת את האפליקציה שלנו?", "كيف تقيّم تطبيقنا للهاتف المحمول؟", "您如何评价我们的手机应用？", "您如何評價我們的手機應用程式？"),
      },
      {
        id: "improve",
        type: "text",
        format: "long",
        text: t("What should we improve first?", "מה כדאי לנו לשפר קודם?", "ما الذي يجب أن نحسّنه أولًا؟", "我们应该首先改进什么？", "我們應該首先改進什麼？"),
      },
    ],
    pages: [
      { id: "rating", questionIds: ["stars"] },
      { id: "feedback", questionIds: ["improve"] },
    ],
    // biome-ignore lint/suspicious/noThenProperty: a rule's actions are called `then` in the definition format
    rules: [{ id: "happy", page: "rating", when: { left: { question: "stars" }, op: "greaterOrEqual", right: { value: 4 } }, then: [{ type: "end", endingId: "happy" }] }],
    endings: [
      DONE_ENDING,
      {
        id: "happy",
        title: t("Thank you, we are glad you like it!", "תודה, שמחים שאהבת!", "شكرًا، يسعدنا أنه نال إعجابك!", "谢谢，很高兴您喜欢！", "謝謝，很高興您喜歡！"),
        text: t(
          "If you have a moment, a rating in your app store helps other customers find us.",
          "אם יש לך רגע, דירוג בחנות האפליקציות עוזר ללקוחות אחרים למצוא אותנו.",
          "إذا كان لديك لحظة، فإن تقييمك في متجر التطبيقات يساعد العملاء الآخرين على إيجادنا.",
          "如果您有空，在应用商店中为我们评分可以帮助其他客户找到我们。",
          "如果您有空，在應用程式商店中為我們評分可以幫助其他客戶找到我們。",
        ),
      },
    ],
  },
};
