/** Banking survey templates: ready definitions in en, he, ar, zh-Hans and zh-Hant. */
import type { SurveyDefinitionInputT } from "../schema";
import type { SurveyLocale } from "../types";
import { appRating } from "./app-rating";
import { abandonedApplication, loanDecision } from "./lending";
import { onboardingCes, relationshipNps } from "./relationship";
import { branchCsat, callCentreCsat } from "./service";

export interface SurveyTemplate {
  id: string;
  name: Record<SurveyLocale, string>;
  description: Record<SurveyLocale, string>;
  definition: SurveyDefinitionInputT;
}

export const SURVEY_TEMPLATES: SurveyTemplate[] = [relationshipNps, onboardingCes, branchCsat, callCentreCsat, abandonedApplication, loanDecision, appRating];

export const templateById = (id: string) => SURVEY_TEMPLATES.find((t) => t.id === id);
