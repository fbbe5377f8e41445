/** Branch-visit CSAT and call-centre CSAT. */
import type { SurveyTemplate } from ".";
import { DONE_ENDING, t } from "./text";

const satisfied = t(
  "Overall, how satisfied are you with {{x}}?",
  "באופן כללי, עד כמה את/ה מרוצה מ{{x}}?",
  "بشكل عام، ما مدى رضاك عن {{x}}؟",
  "总体而言，您对{{x}}的满意度如何？",
  "整體而言，您對{{x}}的滿意度如何？",
);
const fill = (s: Record<string, string>, x: Record<string, string>) => Object.fromEntries(Object.entries(s).map(([l, v]) => [l, v.replace("{{x}}", x[l] ?? "")]));
const comment = t("Anything else you would like to tell us?", "יש עוד משהו שתרצה/י לספר לנו?", "هل هناك أي شيء آخر تود إخبارنا به؟", "您还有其他想告诉我们的吗？", "您還有其他想告訴我們的嗎？");

export const branchCsat: SurveyTemplate = {
  id: "branch-csat",
  name: t("Branch visit satisfaction (CSAT)", "שביעות רצון מביקור בסניף (CSAT)", "الرضا عن زيارة الفرع (CSAT)", "网点到访满意度 (CSAT)", "分行到訪滿意度 (CSAT)"),
  description: t(
    "Satisfaction after a visit to a branch; the branch code comes from the link (?branch=…).",
    "שביעות רצון לאחר ביקור בסניף; קוד הסניף מגיע מהקישור (?branch=…).",
    "الرضا بعد زيارة الفرع؛ يأتي رمز الفرع من الرابط (?branch=…).",
    "到访网点后的满意度；网点代码来自链接 (?branch=…)。",
    "到訪分行後的滿意度；分行代碼來自連結 (?branch=…)。",
  ),
  definition: {
    title: t("Your branch visit", "הביקור שלך בסניף", "زيارتك للفرع", "您的网点到访", "您的分行到訪"),
    hiddenFields: ["branch"],
    settings: { estimatedMinutes: 2 },
    questions: [
      { id: "csat", type: "csat", required: true, text: fill(satisfied, t("your visit to our branch", "הביקור בסניף שלנו", "زيارتك لفرعنا", "您此次到访我们的网点", "您此次到訪我們的分行")) },
      {
        id: "highlights",
        type: "multi",
        text: t("What stood out during your visit?", "מה בלט במהלך הביקור שלך?", "ما الذي لفت انتباهك خلال زيارتك؟", "此次到访中哪些方面让您印象深刻？", "此次到訪中哪些方面讓您印象深刻？"),
        choices: [
          { id: "staff", text: t("Friendly, helpful staff", "צוות אדיב ומועיל", "موظفون ودودون ومتعاونون", "员工友好热心", "員工友善熱心") },
          { id: "wait", text: t("Short waiting time", "זמן המתנה קצר", "وقت انتظار قصير", "等候时间短", "等候時間短") },
          { id: "advice", text: t("Clear, useful advice", "ייעוץ ברור ומועיל", "نصيحة واضحة ومفيدة", "建议清晰实用", "建議清晰實用") },
          { id: "place", text: t("A clean, comfortable branch", "סניף נקי ונוח", "فرع نظيف ومريح", "网点整洁舒适", "分行整潔舒適") },
          { id: "none", text: t("Nothing in particular", "שום דבר מיוחד", "لا شيء على وجه الخصوص", "没有特别之处", "沒有特別之處") },
        ],
      },
      { id: "comment", type: "text", format: "long", text: comment },
    ],
    pages: [
      { id: "rating", questionIds: ["csat"] },
      { id: "details", questionIds: ["highlights", "comment"] },
    ],
    endings: [DONE_ENDING],
  },
};

export const callCentreCsat: SurveyTemplate = {
  id: "call-centre-csat",
  name: t("Call-centre satisfaction (CSAT)", "שביעות רצון ממוקד השירות (CSAT)", "الرضا عن مركز الاتصال (CSAT)", "客服中心满意度 (CSAT)", "客服中心滿意度 (CSAT)"),
  description: t(
    "Satisfaction after a call; the agent and queue come from the link (?agent=…&queue=…).",
    "שביעות רצון לאחר שיחה; הנציג/ה והתור מגיעים מהקישור (?agent=…&queue=…).",
    "الرضا بعد المكالمة؛ يأتي الموظف وقائمة الانتظار من الرابط (?agent=…&queue=…).",
    "通话后的满意度；坐席和队列来自链接 (?agent=…&queue=…)。",
    "通話後的滿意度；專員和佇列來自連結 (?agent=…&queue=…)。",
  ),
  definition: {
    title: t("Your call with us", "השיחה שלך איתנו", "مكالمتك معنا", "您与我们的通话", "您與我們的通話"),
    hiddenFields: ["agent", "queue"],
    settings: { estimatedMinutes: 1 },
    questions: [
      { id: "csat", type: "csat", required: true, text: fill(satisfied, t("your call with our team", "השיחה עם הצוות שלנו", "مكالمتك مع فريقنا", "您与我们团队的通话", "您與我們團隊的通話")) },
      {
        id: "resolved",
        type: "single",
        text: t("Was your request resolved?", "האם הפנייה שלך טופלה?", "هل تم حل طلبك؟", "您的问题解决了吗？", "您的問題解決了嗎？"),
        choices: [
          { id: "yes", text: t("Yes, completely", "כן, לגמרי", "نعم، بالكامل", "是的，完全解决", "是的，完全解決") },
          { id: "partly", text: t("Partly", "חלקית", "جزئيًا", "部分解决", "部分解決") },
          { id: "no", text: t("No", "לא", "لا", "没有", "沒有") },
        ],
      },
      {
        id: "comment",
        type: "text",
        format: "long",
        showIf: { left: { question: "resolved" }, op: "anyOf", right: { value: ["partly", "no"] } },
        text: t("What is still open?", "מה עדיין לא טופל?", "ما الذي لم يُحل بعد؟", "还有哪些问题没有解决？", "還有哪些問題沒有解決？"),
      },
    ],
    pages: [
      { id: "rating", questionIds: ["csat"] },
      { id: "resolution", questionIds: ["resolved", "comment"] },
    ],
    endings: [DONE_ENDING],
  },
};
