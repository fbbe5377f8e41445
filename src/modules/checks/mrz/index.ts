/** Machine-readable zones of travel and identity documents (ICAO 9303): the module's public surface. */
export { checkDigit, checkDigitChar } from "./check-digit";
export { composeMrz, type MrzSource } from "./compose";
export { MRZ_SHAPES, normaliseMrzText, type ParseOptions, parseMrz } from "./parse";
export { isKnownState } from "./states";
export type { MrzCorrection, MrzFields, MrzFormat, MrzIssue, MrzResult, MrzSex, MrzVariant } from "./types";
