import ar from "./ar.json";
import en from "./en.json";
import he from "./he.json";
import zhHans from "./zh-Hans.json";
import zhHant from "./zh-Hant.json";
import fbAr from "./feedback/ar.json";
import fbEn from "./feedback/en.json";
import fbHe from "./feedback/he.json";
import fbZhHans from "./feedback/zh-Hans.json";
import fbZhHant from "./feedback/zh-Hant.json";
import svAr from "./surveys/ar.json";
import svEn from "./surveys/en.json";
import svHe from "./surveys/he.json";
import svZhHans from "./surveys/zh-Hans.json";
import svZhHant from "./surveys/zh-Hant.json";

/**
 * One catalogue per language: the platform's, plus a feature catalogue per area under its own key
 * (`surveys.*` the designer, `feedback.*` responses, summaries and distribution), so areas grow apart.
 */
export const CATALOGUES = {
  en: { ...en, surveys: svEn, feedback: fbEn },
  he: { ...he, surveys: svHe, feedback: fbHe },
  ar: { ...ar, surveys: svAr, feedback: fbAr },
  "zh-Hans": { ...zhHans, surveys: svZhHans, feedback: fbZhHans },
  "zh-Hant": { ...zhHant, surveys: svZhHant, feedback: fbZhHant },
};
