import type { SurveyLocale } from "../types";

/** One string in every survey language, in the order en, he, ar, zh-Hans, zh-Hant. */
export const t = (en: string, he: string, ar: string, hans: string, hant: string): Record<SurveyLocale, string> => ({ en, he, ar, "zh-Hans": hans, "zh-Hant": hant });

export const DONE_ENDING = {
  id: "done",
  title: t("Thank you for your feedback", "תודה על המשוב שלך", "شكرًا لملاحظاتك", "感谢您的反馈", "感謝您的意見回饋"),
  text: t(
    "Your answers help us serve you better.",
    "התשובות שלך עוזרות לנו לשרת אותך טוב יותר.",
    "تساعدنا إجاباتك على خدمتك بشكل أفضل.",
    "您的回答帮助我们更好地为您服务。",
    "您的回答幫助我們更好地為您服務。",
  ),
};

export const YES = t("Yes", "כן", "نعم", "是", "是");
export const NO = t("No", "לא", "لا", "否", "否");
