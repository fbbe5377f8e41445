/**
 * The survey definition after normalisation (defaults filled). Plain types with no runtime
 * dependency, shared by the server, the logic engine and the respondent bundle in web/customer.
 *
 * Keys of answers: a question's id, or `${questionId}#${choiceId}` for a question inside a loop
 * (one answer per selected item of the loop's source question).
 */

/** A string per language: `{ "en": "…", "ar": "…" }`. */
export type Text = Record<string, string>;

export const SURVEY_LOCALES = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;
export type SurveyLocale = (typeof SURVEY_LOCALES)[number];

export const QUESTION_TYPES = [
  "nps",
  "csat",
  "ces",
  "rating",
  "single",
  "multi",
  "dropdown",
  "picture",
  "ranking",
  "matrix",
  "text",
  "date",
  "consent",
  "statement",
  "file",
  "contact",
  "address",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface Choice {
  id: string;
  text: Text;
  /** Picture choice only: an https URL or a /c/… path. */
  imageUrl?: string;
}

interface QuestionBase {
  id: string;
  text: Text;
  description?: Text;
  /** Default false: a respondent may skip it (a skipped NPS is outside the denominator). */
  required: boolean;
  /** Display logic: the question is shown only when this holds. */
  showIf?: Condition;
}

export interface ScaleQuestion extends QuestionBase {
  type: "nps" | "csat" | "ces";
  /** End labels of the scale, e.g. "Not at all likely" / "Extremely likely". */
  lowLabel?: Text;
  highLabel?: Text;
}
export interface RatingQuestion extends QuestionBase {
  type: "rating";
  style: "stars" | "numbers" | "smileys";
  /** 3–10 points; the answer is 1…points. */
  points: number;
  lowLabel?: Text;
  highLabel?: Text;
}
export interface ChoiceQuestion extends QuestionBase {
  type: "single" | "multi" | "dropdown" | "ranking";
  choices: Choice[];
  randomizeChoices: boolean;
  /** multi only: how many may be picked. */
  minChoices?: number;
  maxChoices?: number;
}
export interface PictureQuestion extends QuestionBase {
  type: "picture";
  choices: Choice[];
  multiple: boolean;
  randomizeChoices: boolean;
}
export interface MatrixQuestion extends QuestionBase {
  type: "matrix";
  /** Statements (Likert rows) × scale points (columns). */
  rows: Choice[];
  columns: Choice[];
  multiple: boolean;
  randomizeChoices: boolean;
}
export type TextFormat = "short" | "long" | "email" | "phone" | "number" | "url";
export interface TextQuestion extends QuestionBase {
  type: "text";
  format: TextFormat;
  maxLength: number;
  placeholder?: Text;
}
export interface DateQuestion extends QuestionBase {
  type: "date";
  /** ISO dates, inclusive. */
  min?: string;
  max?: string;
}
export interface ConsentQuestion extends QuestionBase {
  type: "consent";
  /** The statement the respondent agrees to. */
  label: Text;
}
export interface StatementQuestion extends QuestionBase {
  type: "statement";
  buttonLabel?: Text;
  /** Call to action: an https link shown as a button. */
  url?: string;
}
export interface FileQuestion extends QuestionBase {
  type: "file";
  /** Accepted content types, checked by content, not by name. */
  accept: ("image/jpeg" | "image/png" | "application/pdf")[];
  maxBytes: number;
}
export const CONTACT_FIELDS = ["name", "email", "phone", "company"] as const;
export const ADDRESS_FIELDS = ["line1", "line2", "city", "region", "postalCode", "country"] as const;
export interface ContactQuestion extends QuestionBase {
  type: "contact";
  fields: (typeof CONTACT_FIELDS)[number][];
}
export interface AddressQuestion extends QuestionBase {
  type: "address";
  fields: (typeof ADDRESS_FIELDS)[number][];
}

export type Question =
  | ScaleQuestion
  | RatingQuestion
  | ChoiceQuestion
  | PictureQuestion
  | MatrixQuestion
  | TextQuestion
  | DateQuestion
  | ConsentQuestion
  | StatementQuestion
  | FileQuestion
  | ContactQuestion
  | AddressQuestion;

/** Where a value in a condition or calculation comes from. */
export type Operand =
  | { question: string }
  | { hidden: string }
  | { variable: string }
  /** Inside a loop: the current item's choice id. */
  | { loopItem: true }
  | { value: string | number | boolean | (string | number)[] };

export const OPERATORS = [
  "equals",
  "notEquals",
  "lessThan",
  "lessOrEqual",
  "greaterThan",
  "greaterOrEqual",
  "contains",
  "notContains",
  "anyOf",
  "allOf",
  "noneOf",
  "isEmpty",
  "isNotEmpty",
  "isSubmitted",
  "isSkipped",
  "isPromoter",
  "isPassive",
  "isDetractor",
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Nested AND/OR groups of comparisons. Unary operators (isEmpty, isPromoter…) take no `right`. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { left: Operand; op: Operator; right?: Operand };

export type Action =
  /** Jump forward to a page or to the page holding a question. */
  | { type: "jump"; to: string }
  | { type: "end"; endingId: string }
  /** Make a question of a later page required. */
  | { type: "require"; questionId: string }
  | { type: "set"; variable: string; value: Operand }
  | { type: "calc"; variable: string; op: "add" | "subtract" | "multiply" | "divide"; value: Operand };

/** Evaluated, in order, when the page it belongs to is submitted. */
export interface Rule {
  id: string;
  /** The page after whose submission the rule runs. */
  page: string;
  when: Condition;
  then: Action[];
}

export interface Page {
  id: string;
  questionIds: string[];
  /** Shuffle the questions on this page (stable per response). */
  randomize: boolean;
}

/** Loop and merge: repeat these consecutive pages once for each choice picked in `source`. */
export interface Loop {
  id: string;
  /** A multi, picture (multiple) or ranking question on an earlier page. */
  source: string;
  pages: string[];
}

export interface Variable {
  id: string;
  type: "number" | "text";
  initial: number | string;
}

export interface Ending {
  id: string;
  title: Text;
  text?: Text;
  /** https only. */
  redirectUrl?: string;
}

/** Completed responses matching `when` are counted; when `limit` is reached, new matches end at `endingId`. */
export interface Quota {
  id: string;
  name: string;
  limit: number;
  when: Condition;
  endingId: string;
}

export interface SurveyDefinition {
  title: Text;
  description?: Text;
  /** The language strings fall back to; the first key of `title` when not given ("en" if present). */
  defaultLanguage: SurveyLocale;
  /** Every language the survey is offered in (those with a title). */
  languages: SurveyLocale[];
  questions: Question[];
  /** Default: one page per question, in order. */
  pages: Page[];
  /** Names of hidden fields read from the URL (`?branch=…`) or set on a personal link. */
  hiddenFields: string[];
  variables: Variable[];
  rules: Rule[];
  loops: Loop[];
  /** Default: one ending "done" with a translated thank-you. */
  endings: Ending[];
  quotas: Quota[];
  settings: {
    showProgress: boolean;
    allowBack: boolean;
    /** Shown on the first page: how long the survey takes. */
    estimatedMinutes?: number;
  };
}
