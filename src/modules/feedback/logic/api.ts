/**
 * The logic engine's contract (implemented in engine.ts and friends). Pure functions with no
 * runtime dependency: the server runs them to validate and to decide what comes next; the
 * respondent bundle runs the same code in the browser so the page can move on without a round trip.
 */
import type { Choice, Ending, Page, Question, SurveyDefinition } from "../definition/types";

/** Everything known about one response, as stored. */
export interface ResponseState {
  /** By answer key: a question id, or `${questionId}#${choiceId}` inside a loop. */
  answers: Record<string, unknown>;
  hidden: Record<string, string>;
  /** Page keys the respondent has submitted, in order (`pageId` or `pageId#choiceId` in a loop). */
  submitted: string[];
  /** Stable per response (its id): randomised orders are the same every time it is shown. */
  seed: string;
}

export interface QuestionInstance {
  /** The answer key. */
  key: string;
  question: Question;
  /** Choices (or matrix rows) in display order for this response. */
  choices?: Choice[];
  /** Inside a loop: the current item of the loop's source question. */
  loopItem?: Choice;
  /** Required by the question itself or by a `require` action that ran earlier. */
  required: boolean;
}

export interface PageInstance {
  /** `pageId`, or `pageId#choiceId` inside a loop. */
  key: string;
  page: Page;
  /** The visible questions (display logic applied), in display order. */
  questions: QuestionInstance[];
  loopItem?: Choice;
}

export interface WalkResult {
  /** Pages on the respondent's path that were submitted, in order. */
  path: PageInstance[];
  /** The next page to show; null when the survey is finished. */
  current: PageInstance | null;
  finished: boolean;
  /** Set when finished: an `end` action's ending, or the first ending after the last page. */
  ending: Ending | null;
  variables: Record<string, number | string>;
  /** Answer keys on the path and on the current page: the only keys an answer may have. */
  visibleKeys: Set<string>;
  /** Pages passed / pages on the longest remaining route, for the progress bar. */
  progress: { done: number; total: number };
}

/** What piping and conditions can read. */
export interface EvalContext {
  definition: SurveyDefinition;
  answers: Record<string, unknown>;
  hidden: Record<string, string>;
  variables: Record<string, number | string>;
  submittedKeys: Set<string>;
  loopItem?: Choice;
  /** For piping choice answers as their text. */
  language: string;
}

/** A problem found in a definition before publishing; `path` is JSON-pointer-ish, e.g. `rules[2].then[0].to`. */
export interface DefinitionProblem {
  path: string;
  code:
    | "unknown_reference"
    | "unreachable"
    | "cycle"
    | "duplicate_id"
    | "type_mismatch"
    | "empty_page"
    | "bad_loop"
    | "missing_translation"
    | "invalid";
  message: string;
  /** Missing translations are warnings (publishing may go on); everything else is an error. */
  severity: "error" | "warning";
}

/** Outcome of checking one answer against its question. */
export type AnswerCheck = { ok: true; value: unknown } | { ok: false; code: string; message: string };
