/** The page's own checks before Next (the server repeats them) and the words for every problem code. */
import type { Question, SurveyDefinition } from "../../../../src/modules/feedback/definition/types";
import type { PageInstance } from "../../../../src/modules/feedback/logic/api";
import { checkAnswer, isEmptyAnswer } from "../../../../src/modules/feedback/logic/index";
import { format, type Locale, type Messages, matchLocale } from "../i18n";

/** Required answers present (a required consent must be given) and each answer's shape right. */
export function validate(pi: PageInstance, answers: Record<string, unknown>, m: Messages): Map<string, string> {
  const errors = new Map<string, string>();
  for (const inst of pi.questions) {
    const q = inst.question;
    if (q.type === "statement") continue;
    const v = answers[inst.key];
    if (isEmptyAnswer(v) || (q.type === "consent" && v !== true)) {
      if (inst.required) errors.set(inst.key, m.errRequired);
      continue;
    }
    const check = checkAnswer(q, v);
    if (!check.ok) errors.set(inst.key, problemText(check.code, q, m));
  }
  return errors;
}

/** A field problem code (from checkAnswer or the server's `errors[].code`) in the page's language. */
export function problemText(code: string | undefined, q: Question | undefined, m: Messages): string {
  const n = (v: number | undefined) => ({ n: String(v ?? "") });
  switch (code) {
    case "required":
      return m.errRequired;
    case "too_many":
      return format(m.errTooMany, n(q && "maxChoices" in q ? q.maxChoices : undefined));
    case "too_few":
      return format(m.errTooFew, n(q && "minChoices" in q ? q.minChoices : undefined));
    case "too_long":
      return format(m.errTooLong, n(q && "maxLength" in q ? q.maxLength : undefined));
    case "out_of_range":
      return m.errRange;
    case "invalid_format":
      return m.errFormat;
    default:
      return m.errInvalid;
  }
}

/** The browser's first language that is among `allowed`. */
export function browserLocale(allowed: readonly string[]): Locale | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const l = matchLocale(tag);
    if (l && allowed.includes(l)) return l;
  }
  return null;
}

/** `?a=` of an email invitation: the first question's answer, typed for its question. */
export function firstAnswer(d: SurveyDefinition, a: string | null): Record<string, unknown> | undefined {
  const qid = d.pages[0]?.questionIds[0];
  const q = d.questions.find((x) => x.id === qid);
  if (a === null || !q) return undefined;
  const numeric = q.type === "nps" || q.type === "csat" || q.type === "ces" || q.type === "rating";
  return { [q.id]: numeric ? Number(a) : q.type === "multi" ? [a] : a };
}
