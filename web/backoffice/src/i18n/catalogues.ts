import coEn from "./compliance/en.json";
import coHe from "./compliance/he.json";
import coAr from "./compliance/ar.json";
import coZhHans from "./compliance/zh-Hans.json";
import coZhHant from "./compliance/zh-Hant.json";
import liEn from "./lists/en.json";
import liHe from "./lists/he.json";
import liAr from "./lists/ar.json";
import liZhHans from "./lists/zh-Hans.json";
import liZhHant from "./lists/zh-Hant.json";
import scEn from "./screening/en.json";
import scHe from "./screening/he.json";
import scAr from "./screening/ar.json";
import scZhHans from "./screening/zh-Hans.json";
import scZhHant from "./screening/zh-Hant.json";
import riEn from "./risk/en.json";
import riHe from "./risk/he.json";
import riAr from "./risk/ar.json";
import riZhHans from "./risk/zh-Hans.json";
import riZhHant from "./risk/zh-Hant.json";
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
import sgAr from "./signing/ar.json";
import sgEn from "./signing/en.json";
import sgHe from "./signing/he.json";
import sgZhHans from "./signing/zh-Hans.json";
import sgZhHant from "./signing/zh-Hant.json";
import soAr from "./sources/ar.json";
import soEn from "./sources/en.json";
import soHe from "./sources/he.json";
import soZhHans from "./sources/zh-Hans.json";
import soZhHant from "./sources/zh-Hant.json";
import svAr from "./surveys/ar.json";
import svEn from "./surveys/en.json";
import svHe from "./surveys/he.json";
import svZhHans from "./surveys/zh-Hans.json";
import svZhHant from "./surveys/zh-Hant.json";
import anAr from "./analytics/ar.json";
import anEn from "./analytics/en.json";
import anHe from "./analytics/he.json";
import anZhHans from "./analytics/zh-Hans.json";
import anZhHant from "./analytics/zh-Hant.json";
import joAr from "./journeys/ar.json";
import joEn from "./journeys/en.json";
import joHe from "./journeys/he.json";
import joZhHans from "./journeys/zh-Hans.json";
import joZhHant from "./journeys/zh-Hant.json";
import imAr from "./imports/ar.json";
import imEn from "./imports/en.json";
import imHe from "./imports/he.json";
import imZhHans from "./imports/zh-Hans.json";
import imZhHant from "./imports/zh-Hant.json";

/**
 * One catalogue per language: the platform's, plus a feature catalogue per area under its own key
 * (`surveys.*` the designer, `feedback.*` responses, summaries and distribution, `applications.*`
 * onboarding applications and review, `flows.*` the flow editor, `compliance.*` reviews, `lists.*` sanctions lists, `screening.*`
 * name screening, `risk.*` risk rules and compliance settings, `signing.*` e-signature, `sources.*` journey event sources, `analytics.*` KPI dashboard, comparisons and funnels, `journeys.*` journeys, timelines, maps and definitions, `imports.*` bulk imports), so areas grow apart.
 */
export const CATALOGUES = {
  en: { ...en, surveys: svEn, feedback: fbEn, applications: apEn, flows: flEn, compliance: coEn, lists: liEn, screening: scEn, risk: riEn, signing: sgEn, sources: soEn, analytics: anEn, journeys: joEn, imports: imEn },
  he: { ...he, surveys: svHe, feedback: fbHe, applications: apHe, flows: flHe, compliance: coHe, lists: liHe, screening: scHe, risk: riHe, signing: sgHe, sources: soHe, analytics: anHe, journeys: joHe, imports: imHe },
  ar: { ...ar, surveys: svAr, feedback: fbAr, applications: apAr, flows: flAr, compliance: coAr, lists: liAr, screening: scAr, risk: riAr, signing: sgAr, sources: soAr, analytics: anAr, journeys: joAr, imports: imAr },
  "zh-Hans": { ...zhHans, surveys: svZhHans, feedback: fbZhHans, applications: apZhHans, flows: flZhHans, compliance: coZhHans, lists: liZhHans, screening: scZhHans, risk: riZhHans, signing: sgZhHans, sources: soZhHans, analytics: anZhHans, journeys: joZhHans, imports: imZhHans },
  "zh-Hant": { ...zhHant, surveys: svZhHant, feedback: fbZhHant, applications: apZhHant, flows: flZhHant, compliance: coZhHant, lists: liZhHant, screening: scZhHant, risk: riZhHant, signing: sgZhHant, sources: soZhHant, analytics: anZhHant, journeys: joZhHant, imports: imZhHant },
};
