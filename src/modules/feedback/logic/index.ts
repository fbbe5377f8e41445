/**
 * The survey logic engine: pure TypeScript, no runtime dependency (bundled into the respondent page).
 * The server and the respondent page import from here only.
 */
export type {
  AnswerCheck,
  DefinitionProblem,
  EvalContext,
  PageInstance,
  QuestionInstance,
  ResponseState,
  WalkResult,
} from "./api";
export { checkAnswer, isEmptyAnswer, isIsoDate } from "./answers";
export { checkDefinition } from "./check";
export { evaluate } from "./conditions";
export { contextAt, walk, walkAll } from "./engine";
export { answerKey, indexDefinition, loopItems, splitKey } from "./model";
export { localize, pipe } from "./piping";
export { seededShuffle } from "./random";
