/**
 * Surveys (the designer; see src/modules/feedback/surveys-routes.ts): part of the /api/v1 contract
 * types, re-exported from ./types.
 */

export type {
  Action as LogicAction,
  Choice,
  Condition,
  Ending,
  Loop,
  Operand,
  Operator,
  Page as SurveyPage,
  Question,
  QuestionType,
  Quota,
  Rule,
  SurveyDefinition,
  SurveyLocale,
  Text,
  Variable,
} from "../../../../src/modules/feedback/definition/types";
import type { SurveyDefinition as Definition, Text as LocalText } from "../../../../src/modules/feedback/definition/types";

export type SurveyStatus = "draft" | "published" | "closed";
/** What the caller may do to one survey now, decided by the server. */
export type SurveyAction = "edit" | "publish" | "close" | "reopen" | "delete";

/** A problem found by the logic check (or a 422 on publish); `path` points into the definition. */
export interface DefinitionProblem {
  path: string;
  code: string;
  message: string;
  severity: "error" | "warning";
}

export interface SurveySummary {
  id: string;
  name: string;
  status: SurveyStatus;
  publishedVersion: number | null;
  draftChanged: boolean;
  /** The template it was created from, if any. */
  template: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Survey extends SurveySummary {
  draft: Definition;
  problems: DefinitionProblem[];
  closedAt: string | null;
  links: { public: string };
  actions: SurveyAction[];
}

export interface SurveyVersion {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}
export interface SurveyVersionDetail extends SurveyVersion {
  definition: Definition;
}

export interface SurveyTemplate {
  id: string;
  name: LocalText;
  description: LocalText;
  languages: string[];
}

export interface SurveyInput {
  name?: string;
  definition?: unknown;
  template?: string;
}
