/**
 * Feedback: results (summary, responses, single response), distribution, contacts, settings.
 * Part of the /api/v1 contract types, re-exported from ./types.
 */

import type { Channel, Locale } from "./types";

/** A string per language, as survey definitions store every text. */
export type SurveyText = Record<string, string>;

export const RESPONSE_STATUSES = ["in_progress", "completed", "partial", "screened_out"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];
export const RESPONSE_CHANNELS = ["link", "qr", "embed", "email", "sms", "api"] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];
export const COMPLETIONS = ["all", "completed", "partial", "in_progress", "screened_out"] as const;
export type Completion = (typeof COMPLETIONS)[number];

/** Filters shared by the summary, the responses list and the export (query parameters). */
export interface ResponseFilters {
  from?: string;
  to?: string;
  completion?: Completion;
  language?: string;
  channel?: ResponseChannel;
  version?: number;
  tag?: string;
  contactId?: string;
  /** `hidden.<name>=<value>` */
  hidden?: Record<string, string>;
  /** `answer.<questionId>=<value>` */
  answer?: Record<string, string>;
}

export interface NpsSummary {
  type: "nps";
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  score: number | null;
  interval95: [number, number] | null;
  /** Counts for 0…10. */
  distribution: number[];
}
export interface CsatSummary {
  type: "csat";
  n: number;
  /** % of answers 4–5. */
  score: number | null;
  scale: string;
  distribution: number[];
}
export interface CesSummary {
  type: "ces";
  n: number;
  mean: number | null;
  agreePercent: number | null;
  distribution: number[];
}
export interface RatingSummary {
  type: "rating";
  n: number;
  mean: number | null;
  distribution: number[];
}
export interface ChoiceCount {
  id: string;
  count: number;
  percent: number;
}
export interface ChoiceSummary {
  type: "single" | "multi" | "dropdown" | "picture";
  n: number;
  choices: ChoiceCount[];
}
export interface RankingSummary {
  type: "ranking";
  n: number;
  choices: { id: string; averageRank: number | null }[];
}
export interface MatrixSummary {
  type: "matrix";
  n: number;
  rows: { id: string; columns: { id: string; count: number }[] }[];
}
export interface CountSummary {
  type: "text" | "date" | "consent" | "file" | "contact" | "address" | "statement";
  n: number;
  /** Consent only: how many agreed. */
  yes?: number;
}
export type QuestionSummary =
  | NpsSummary
  | CsatSummary
  | CesSummary
  | RatingSummary
  | ChoiceSummary
  | RankingSummary
  | MatrixSummary
  | CountSummary;

export interface DropOffStep {
  questionId: string;
  reached: number;
  answered: number;
  droppedHere: number;
}

export interface ResultsSummary {
  responses: number;
  started: number;
  completed: number;
  partial: number;
  screenedOut: number;
  inProgress: number;
  completionRate: number | null;
  medianSecondsToComplete: number | null;
  questions: Record<string, QuestionSummary>;
  dropOff: DropOffStep[];
}

export type ResponseAction = "tag" | "note" | "erase";
export interface ResponseListItem {
  id: string;
  status: ResponseStatus;
  language: string;
  channel: string;
  version: number;
  startedAt: string;
  completedAt: string | null;
  durationSeconds: number | null;
  tags: string[];
  hidden: Record<string, string>;
  contactId: string | null;
  /** NPS / CSAT answers of the response, for the list. */
  preview: { nps?: number | null; csat?: number | null };
  actions: ResponseAction[];
}

export interface ResponseAnswer {
  /** The answer key: a question id, or `questionId#choiceId` inside a loop. */
  key: string;
  questionId: string;
  type: string;
  question: string;
  /** The loop item's choice text, inside a loop. */
  loopItem: string | null;
  /** The answer as text for reading (choice texts, "7", "Yes"). */
  display: string;
  value: unknown;
  timingMs: number | null;
  fileId: string | null;
}
export interface ResponseNote {
  id: string;
  body: string;
  authorName: string | null;
  createdAt: string;
}
export interface ResponseFile {
  id: string;
  questionId: string;
  name: string | null;
  contentType: string;
  size: number;
}
export interface ResponseDetail {
  id: string;
  surveyId: string;
  status: ResponseStatus;
  language: string;
  channel: string;
  version: number;
  startedAt: string;
  completedAt: string | null;
  durationSeconds: number | null;
  contactId: string | null;
  answers: ResponseAnswer[];
  hidden: Record<string, string>;
  variables: Record<string, string | number>;
  ending: { id: string; title: string } | null;
  tags: string[];
  notes: ResponseNote[];
  files: ResponseFile[];
  actions: ResponseAction[];
}

/** The parts of a survey the results and distribution pages read. */
export interface SurveyInfo {
  id: string;
  name: string;
  status: string;
  publishedVersion: number | null;
  links: { public: string };
}
export interface SurveyChoiceDef {
  id: string;
  text: SurveyText;
}
export interface SurveyQuestionDef {
  id: string;
  type: string;
  text: SurveyText;
  choices?: SurveyChoiceDef[];
  rows?: SurveyChoiceDef[];
  columns?: SurveyChoiceDef[];
  points?: number;
}
export interface SurveyVersionInfo {
  version: number;
  definition: {
    title: SurveyText;
    defaultLanguage: string;
    languages: string[];
    questions: SurveyQuestionDef[];
    hiddenFields: string[];
  };
}

export interface Contact {
  id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  locale: string | null;
  customerId: string | null;
  lists: string[];
  attributes: Record<string, string>;
  unsubscribedAt: string | null;
  lastSurveyedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface ContactInput {
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  locale?: Locale | null;
  customerId?: string | null;
  lists?: string[];
  attributes?: Record<string, string>;
}
export interface ContactImportResult {
  created: number;
  updated: number;
  /** A skipped row: its CSV line (the header is line 1), the column at fault, and why (English). */
  errors: { row: number; column: string | null; message: string }[];
}

export interface FeedbackSettings {
  frequencyDays: number;
  embedOrigins: string[];
}

export interface EmbedSnippets {
  url: string;
  iframe: string;
  script: string;
}

export type SkipReason = "unsubscribed" | "frequency" | "no_address";
export interface CreatedInvitation {
  contactId: string;
  status: "created" | "sent" | "skipped";
  reason: SkipReason | null;
  invitationId: string | null;
  /** The personal link, shown only now. */
  url: string | null;
}

export type CampaignStatus = "scheduled" | "sending" | "sent" | "cancelled";
export interface CampaignCounts {
  targeted: number;
  skipped: { unsubscribed: number; frequency: number; noAddress: number };
  sent: number;
  opened: number;
  completed: number;
  reminded: number;
}
export interface Campaign {
  id: string;
  surveyId: string;
  name: string;
  channel: Channel;
  lists: string[];
  sendAt: string;
  reminders: { afterDays: number; max: number } | null;
  status: CampaignStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** On the single-campaign view only. */
  counts?: CampaignCounts;
}
export interface CampaignInput {
  surveyId: string;
  name: string;
  channel: Channel;
  lists: string[];
  /** Default: now. */
  sendAt?: string;
  reminders?: { afterDays: number; max: number };
}

export interface Trigger {
  id: string;
  surveyId: string;
  eventType: string;
  delayMinutes: number;
  channel: Channel;
  /** Event properties that must equal these values. */
  conditions: Record<string, string | number | boolean>;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface TriggerInput {
  surveyId: string;
  eventType: string;
  delayMinutes: number;
  channel: Channel;
  conditions?: Record<string, string | number | boolean>;
  active?: boolean;
}
