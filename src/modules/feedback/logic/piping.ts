/** Recall of answers, hidden fields, variables and the loop item into texts: `{{q1|fallback}}`. */
import type { SurveyDefinition, Text } from "../definition/types";
import { isEmptyAnswer } from "./answers";
import type { EvalContext } from "./api";
import { answerKey, indexDefinition } from "./model";

/** Matches `{{ ref }}` or `{{ ref | fallback }}`; group 1 the reference, group 2 the fallback. */
export const PIPE_PATTERN = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

/** A string in `language`, else the definition's default language, else the first non-empty value. */
export function localize(text: Text | undefined, language: string, def: SurveyDefinition): string {
  if (!text) return "";
  const own = text[language];
  if (own) return own;
  const fallback = text[def.defaultLanguage];
  if (fallback) return fallback;
  for (const key in text) if (text[key]) return text[key] as string;
  return "";
}

const YES_NO: Record<string, [string, string]> = {
  en: ["Yes", "No"],
  he: ["כן", "לא"],
  ar: ["نعم", "لا"],
  "zh-Hans": ["是", "否"],
  "zh-Hant": ["是", "否"],
};

const listFormats = new Map<string, Intl.ListFormat | null>();

/** One Intl.ListFormat per language (building one costs far more than using it); null when unavailable. */
function listFormat(language: string): Intl.ListFormat | null {
  let format = listFormats.get(language);
  if (format === undefined) {
    try {
      format = typeof Intl !== "undefined" && typeof Intl.ListFormat === "function" ? new Intl.ListFormat(language, { type: "conjunction" }) : null;
    } catch {
      format = null; // an unknown locale tag
    }
    listFormats.set(language, format);
  }
  return format;
}

function joinList(items: string[], language: string): string {
  const parts = items.filter((s) => s !== "");
  if (parts.length < 2) return parts[0] ?? "";
  return listFormat(language)?.format(parts) ?? parts.join(", ");
}

function display(questionId: string, value: unknown, ctx: EvalContext): string {
  if (isEmptyAnswer(value)) return "";
  const def = ctx.definition;
  const question = indexDefinition(def).questions.get(questionId);
  const choiceText = (id: unknown, list?: { id: string; text: Text }[]): string => {
    const c = list?.find((x) => x.id === id);
    return c ? localize(c.text, ctx.language, def) : String(id);
  };
  if (question && (question.type === "single" || question.type === "dropdown" || question.type === "multi" || question.type === "picture" || question.type === "ranking")) {
    const ids = Array.isArray(value) ? value : [value];
    return joinList(
      ids.map((id) => choiceText(id, question.choices)),
      ctx.language,
    );
  }
  if (question?.type === "matrix" && typeof value === "object" && value !== null) {
    const rows = Object.entries(value as Record<string, unknown>).map(([row, col]) => {
      const cols = (Array.isArray(col) ? col : [col]).map((c) => choiceText(c, question.columns));
      return `${choiceText(row, question.rows)}: ${joinList(cols, ctx.language)}`;
    });
    return joinList(rows, ctx.language);
  }
  if (typeof value === "boolean") {
    const words = YES_NO[ctx.language] ?? YES_NO[def.defaultLanguage] ?? YES_NO.en;
    return words ? words[value ? 0 : 1] : String(value);
  }
  if (Array.isArray(value)) return joinList(value.map(String), ctx.language);
  if (typeof value === "object" && value !== null) {
    if ("fileId" in value) return "";
    return Object.values(value as Record<string, unknown>)
      .filter((v) => typeof v === "string" && v.trim() !== "")
      .join(", ");
  }
  return String(value);
}

/** The text a reference stands for ("" when unknown or empty). */
export function resolvePipe(ref: string, ctx: EvalContext): string {
  if (ref === "loop.item") return ctx.loopItem ? localize(ctx.loopItem.text, ctx.language, ctx.definition) : "";
  if (ref.startsWith("hidden.")) return ctx.hidden[ref.slice(7)] ?? "";
  if (ref.startsWith("var.")) {
    const v = ctx.variables[ref.slice(4)];
    return v === undefined || v === null ? "" : String(v);
  }
  const key = answerKey(indexDefinition(ctx.definition), ref, ctx.loopItem);
  return display(ref, ctx.answers[key], ctx);
}

/**
 * Replaces `{{q1}}`, `{{q1|fallback}}`, `{{hidden.name}}`, `{{var.total}}` and `{{loop.item}}`.
 * The result is plain text: the caller escapes it for HTML.
 */
export function pipe(text: string, ctx: EvalContext): string {
  if (!text || text.indexOf("{{") < 0) return text ?? "";
  return text.replace(PIPE_PATTERN, (_m, ref: string, fallback: string | undefined) => {
    const value = resolvePipe(ref, ctx);
    return value.trim() !== "" ? value : (fallback ?? "").trim();
  });
}
