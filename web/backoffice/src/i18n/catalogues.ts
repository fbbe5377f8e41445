import apAr from "./applications/ar.json";
import apEn from "./applications/en.json";
import apHe from "./applications/he.json";
import apZhHans from "./applications/zh-Hans.json";
import apZhHant from "./applications/zh-Hant.json";
import flAr from "./flows/ar.json";
import flEn from "./flows/en.json";
import flHe from "./flows/he.json";
import flZhHans from "./flows/zh-Hans.json";
import flZhHant from "./flows/zh-Hant.json";
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
 * (`surveys.*` the designer, `feedback.*` responses, summaries and distribution, `applications.*`
 * onboarding applications and review, `flows.*` the flow editor), so areas grow apart.
 */
export const CATALOGUES = {
  en: { ...en, surveys: svEn, feedback: fbEn, applications: apEn, flows: flEn },
  he: { ...he, surveys: svHe, feedback: fbHe, applications: apHe, flows: flHe },
  ar: { ...ar, surveys: svAr, feedback: fbAr, applications: apAr, flows: flAr },
  "zh-Hans": { ...zhHans, surveys: svZhHans, feedback: fbZhHans, applications: apZhHans, flows: flZhHans },
  "zh-Hant": { ...zhHant, surveys: svZhHant, feedback: fbZhHant, applications: apZhHant, flows: flZhHant },
};
