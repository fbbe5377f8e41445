/**
 * The survey definition as the API accepts it (lenient input) and its normalisation to the
 * SurveyDefinition contract (types.ts): plain strings become texts in the default language,
 * plain-string choices get ids c1, c2…, and every optional part gets its default.
 * Texts are plain text (the respondent page renders text, never HTML): control characters are
 * stripped; every URL must be https:// (images may also be a relative /c/… path).
 */
import type { ZodError } from "zod";
import { AppError, type FieldIssue } from "../../../kernel/errors";
import { z } from "../../../server/openapi";
import {
  copyText,
  DEFAULT_CONSENT_LABEL,
  DEFAULT_ENDING_ID,
  DEFAULT_THANKS_TEXT,
  DEFAULT_THANKS_TITLE,
  FILE_DEFAULT_MAX_BYTES,
  FILE_MAX_BYTES_CAP,
  RATING_DEFAULT_POINTS,
  TEXT_DEFAULT_MAX_LENGTH,
} from "./defaults";
import {
  ADDRESS_FIELDS,
  type Choice,
  CONTACT_FIELDS,
  type Condition,
  OPERATORS,
  type Question,
  SURVEY_LOCALES,
  type SurveyDefinition,
  type SurveyLocale,
  type Text,
} from "./types";

export const LIMITS = { questions: 300, choices: 100, string: 5000, pages: 300, rules: 500, loops: 50, endings: 50, quotas: 50, variables: 100, hiddenFields: 50 } as const;
export const DEF_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

const DefId = z.string().regex(DEF_ID_RE, "must be 1–64 letters, digits, - or _");
const Str = z.string().max(LIMITS.string);
const TextMap = z.strictObject(Object.fromEntries(SURVEY_LOCALES.map((l) => [l, Str.optional()])) as Record<SurveyLocale, z.ZodOptional<typeof Str>>);
export const TextInput = z.union([Str, TextMap]).openapi("SurveyText", { description: "A string in the default language, or one per language: `{ \"en\": \"…\", \"ar\": \"…\" }`" });

/** https:// only (javascript:, data:, http: … are refused); images may also be a /c/… path. */
export function isSafeUrl(v: string, allowRelativeImage = false): boolean {
  if (/[\s\\<>"'`]/.test(v)) return false;
  if (allowRelativeImage && v.startsWith("/c/") && !v.startsWith("//")) return true;
  try {
    const u = new URL(v);
    return u.protocol === "https:" && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    return false;
  }
}
const HttpsUrl = z.string().max(2048).refine((v) => isSafeUrl(v), { message: "must be an https:// URL (other schemes such as javascript: are refused)", params: { code: "unsafe_url" } });
const ImageUrl = z.string().max(2048).refine((v) => isSafeUrl(v, true), { message: "must be an https:// URL or a /c/… path (other schemes such as javascript: are refused)", params: { code: "unsafe_url" } });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

// Conditions are recursive: checked by hand (precise paths), documented as an object.
const OPERAND_KEYS = ["question", "hidden", "variable", "loopItem", "value"] as const;
function operandIssues(v: unknown, path: (string | number)[], out: { path: (string | number)[]; message: string }[]) {
  if (!v || typeof v !== "object" || Array.isArray(v)) return void out.push({ path, message: "must be an operand object" });
  const keys = Object.keys(v);
  if (keys.length !== 1 || !OPERAND_KEYS.includes(keys[0] as (typeof OPERAND_KEYS)[number])) {
    return void out.push({ path, message: `must have exactly one of ${OPERAND_KEYS.join(", ")}` });
  }
  const [k, val] = Object.entries(v)[0] as [string, unknown];
  if (k === "loopItem") {
    if (val !== true) out.push({ path: [...path, k], message: "must be true" });
  } else if (k === "value") {
    const scalar = (x: unknown) => (typeof x === "string" && x.length <= LIMITS.string) || (typeof x === "number" && Number.isFinite(x));
    const ok = scalar(val) || typeof val === "boolean" || (Array.isArray(val) && val.length <= LIMITS.choices && val.every(scalar));
    if (!ok) out.push({ path: [...path, k], message: "must be a string, number, boolean or a list of strings/numbers" });
  } else if (typeof val !== "string" || !DEF_ID_RE.test(val)) {
    out.push({ path: [...path, k], message: "must be an id (1–64 letters, digits, - or _)" });
  }
}
function conditionIssues(v: unknown, path: (string | number)[], out: { path: (string | number)[]; message: string }[], depth = 0) {
  if (depth > 20) return void out.push({ path, message: "is nested too deeply (at most 20 levels)" });
  if (!v || typeof v !== "object" || Array.isArray(v)) return void out.push({ path, message: "must be a condition object" });
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if ("all" in o || "any" in o) {
    const k = "all" in o ? "all" : "any";
    if (keys.length !== 1) return void out.push({ path, message: `a group has only "${k}"` });
    const list = o[k];
    if (!Array.isArray(list) || list.length === 0 || list.length > 100) return void out.push({ path: [...path, k], message: "must be a list of 1–100 conditions" });
    for (const [i, c] of list.entries()) conditionIssues(c, [...path, k, i], out, depth + 1);
  } else if ("not" in o) {
    if (keys.length !== 1) return void out.push({ path, message: 'a negation has only "not"' });
    conditionIssues(o.not, [...path, "not"], out, depth + 1);
  } else {
    for (const k of keys) if (!["left", "op", "right"].includes(k)) out.push({ path: [...path, k], message: "is not an accepted field" });
    operandIssues(o.left, [...path, "left"], out);
    if (!OPERATORS.includes(o.op as (typeof OPERATORS)[number])) out.push({ path: [...path, "op"], message: `must be one of ${OPERATORS.join(", ")}` });
    if (o.right !== undefined) operandIssues(o.right, [...path, "right"], out);
  }
}
export const ConditionInput = z
  .unknown()
  .superRefine((v, ctx) => {
    const out: { path: (string | number)[]; message: string }[] = [];
    conditionIssues(v, [], out);
    for (const i of out) ctx.addIssue({ code: "custom", path: i.path, message: i.message });
  })
  .openapi("SurveyCondition", {
    type: "object",
    description: "`{ all: [Condition] }`, `{ any: [Condition] }`, `{ not: Condition }` or `{ left: Operand, op, right?: Operand }`; an Operand is `{ question }`, `{ hidden }`, `{ variable }`, `{ loopItem: true }` or `{ value }`",
  });

const OperandInput = z
  .unknown()
  .superRefine((v, ctx) => {
    const out: { path: (string | number)[]; message: string }[] = [];
    operandIssues(v, [], out);
    for (const i of out) ctx.addIssue({ code: "custom", path: i.path, message: i.message });
  })
  .openapi("SurveyOperand", { type: "object", description: "`{ question }`, `{ hidden }`, `{ variable }`, `{ loopItem: true }` or `{ value }`" });

/** A choice: a plain string or a text per language (ids c1, c2… by position), or `{ id?, text, imageUrl? }`. */
const ChoiceInput = z.union([Str.min(1), z.strictObject({ id: DefId.optional(), text: TextInput, imageUrl: ImageUrl.optional() }), TextMap]);
const Choices = z.array(ChoiceInput).min(1).max(LIMITS.choices);
const base = { id: DefId, text: TextInput, description: TextInput.optional(), required: z.boolean().optional(), showIf: ConditionInput.optional() };
const labels = { lowLabel: TextInput.optional(), highLabel: TextInput.optional() };

export const QuestionInput = z
  .discriminatedUnion("type", [
    z.strictObject({ ...base, type: z.enum(["nps", "csat", "ces"]), ...labels }),
    z.strictObject({ ...base, type: z.literal("rating"), style: z.enum(["stars", "numbers", "smileys"]).optional(), points: z.number().int().min(3).max(10).optional(), ...labels }),
    z.strictObject({ ...base, type: z.enum(["single", "multi", "dropdown", "ranking"]), choices: Choices, randomizeChoices: z.boolean().optional(), minChoices: z.number().int().min(0).max(LIMITS.choices).optional(), maxChoices: z.number().int().min(1).max(LIMITS.choices).optional() }),
    z.strictObject({ ...base, type: z.literal("picture"), choices: Choices, multiple: z.boolean().optional(), randomizeChoices: z.boolean().optional() }),
    z.strictObject({ ...base, type: z.literal("matrix"), rows: Choices, columns: Choices, multiple: z.boolean().optional(), randomizeChoices: z.boolean().optional() }),
    z.strictObject({ ...base, type: z.literal("text"), format: z.enum(["short", "long", "email", "phone", "number", "url"]).optional(), maxLength: z.number().int().min(1).max(LIMITS.string).optional(), placeholder: TextInput.optional() }),
    z.strictObject({ ...base, type: z.literal("date"), min: IsoDate.optional(), max: IsoDate.optional() }),
    z.strictObject({ ...base, type: z.literal("consent"), label: TextInput.optional() }),
    z.strictObject({ ...base, type: z.literal("statement"), buttonLabel: TextInput.optional(), url: HttpsUrl.optional() }),
    z.strictObject({ ...base, type: z.literal("file"), accept: z.array(z.enum(["image/jpeg", "image/png", "application/pdf"])).min(1).max(3).optional(), maxBytes: z.number().int().min(1).max(FILE_MAX_BYTES_CAP).optional() }),
    z.strictObject({ ...base, type: z.literal("contact"), fields: z.array(z.enum(CONTACT_FIELDS)).min(1).max(CONTACT_FIELDS.length).optional() }),
    z.strictObject({ ...base, type: z.literal("address"), fields: z.array(z.enum(ADDRESS_FIELDS)).min(1).max(ADDRESS_FIELDS.length).optional() }),
  ])
  .openapi("SurveyQuestionInput");

const ActionInput = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("jump"), to: DefId }),
  z.strictObject({ type: z.literal("end"), endingId: DefId }),
  z.strictObject({ type: z.literal("require"), questionId: DefId }),
  z.strictObject({ type: z.literal("set"), variable: DefId, value: OperandInput }),
  z.strictObject({ type: z.literal("calc"), variable: DefId, op: z.enum(["add", "subtract", "multiply", "divide"]), value: OperandInput }),
]);

export const SurveyDefinitionInput = z
  .strictObject({
    title: TextInput,
    description: TextInput.optional(),
    defaultLanguage: z.enum(SURVEY_LOCALES).optional(),
    languages: z.array(z.enum(SURVEY_LOCALES)).min(1).max(SURVEY_LOCALES.length).optional(),
    questions: z.array(QuestionInput).min(1).max(LIMITS.questions),
    pages: z.array(z.strictObject({ id: DefId, questionIds: z.array(DefId).max(LIMITS.questions), randomize: z.boolean().optional() })).min(1).max(LIMITS.pages).optional(),
    hiddenFields: z.array(DefId).max(LIMITS.hiddenFields).optional(),
    variables: z.array(z.strictObject({ id: DefId, type: z.enum(["number", "text"]), initial: z.union([z.number().finite(), Str]).optional() })).max(LIMITS.variables).optional(),
    // biome-ignore lint/suspicious/noThenProperty: a rule's actions are called `then` in the definition format
    rules: z.array(z.strictObject({ id: DefId.optional(), page: DefId, when: ConditionInput, then: z.array(ActionInput).min(1).max(20) })).max(LIMITS.rules).optional(),
    loops: z.array(z.strictObject({ id: DefId, source: DefId, pages: z.array(DefId).min(1).max(LIMITS.pages) })).max(LIMITS.loops).optional(),
    endings: z.array(z.strictObject({ id: DefId, title: TextInput, text: TextInput.optional(), redirectUrl: HttpsUrl.optional() })).min(1).max(LIMITS.endings).optional(),
    quotas: z.array(z.strictObject({ id: DefId, name: Str.max(200).optional(), limit: z.number().int().min(1).max(1_000_000_000), when: ConditionInput, endingId: DefId })).max(LIMITS.quotas).optional(),
    settings: z.strictObject({ showProgress: z.boolean().optional(), allowBack: z.boolean().optional(), estimatedMinutes: z.number().int().min(1).max(240).optional() }).optional(),
  })
  .openapi("SurveyDefinitionInput", { description: "A survey definition; everything but `title` and `questions` is optional (defaults are filled in)." });
export type SurveyDefinitionInputT = z.infer<typeof SurveyDefinitionInput>;

// ---------------------------------------------------------------------------------------------
// Normalisation

// C0/C1 control characters except tab and newlines; never meaningful in survey text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
export const cleanText = (s: string) => s.replace(CONTROL, "");

type In = SurveyDefinitionInputT;
type QIn = In["questions"][number];
type ChoiceIn = z.infer<typeof ChoiceInput>;
type Issue = { path: (string | number)[]; message: string; code: string };

function normalize(input: In, issues: Issue[]): SurveyDefinition {
  const titleMap = typeof input.title === "string" ? null : input.title;
  const present = titleMap ? SURVEY_LOCALES.filter((l) => (titleMap[l] ?? "").trim() !== "") : [];
  const defaultLanguage: SurveyLocale = input.defaultLanguage ?? (titleMap ? (present.includes("en") ? "en" : (present[0] ?? "en")) : "en");
  if (titleMap && present.length === 0) issues.push({ path: ["title"], message: "needs a title in at least one language", code: "required" });
  if (titleMap && present.length > 0 && !present.includes(defaultLanguage)) {
    issues.push({ path: ["defaultLanguage"], message: `has no title in ${defaultLanguage}`, code: "missing_translation" });
  }
  let languages: SurveyLocale[] = titleMap ? present : [defaultLanguage];
  if (input.languages) {
    const given = [...new Set(input.languages)];
    given.forEach((l, i) => {
      if (!languages.includes(l)) issues.push({ path: ["languages", i], message: `has no title in ${l}`, code: "missing_translation" });
    });
    if (!given.includes(defaultLanguage)) issues.push({ path: ["languages"], message: `must include the default language ${defaultLanguage}`, code: "invalid" });
    languages = given.filter((l) => languages.includes(l));
  }

  const text = (t: In["title"]): Text => {
    if (typeof t === "string") return { [defaultLanguage]: cleanText(t) };
    const out: Text = {};
    for (const l of SURVEY_LOCALES) if (t[l] !== undefined) out[l] = cleanText(t[l] as string);
    return out;
  };
  const opt = <K extends string>(key: K, t: In["title"] | undefined): Record<K, Text> => (t === undefined ? {} : { [key]: text(t) }) as Record<K, Text>;
  const choices = (list: ChoiceIn[]): Choice[] =>
    list.map((c, i) => {
      if (typeof c === "string" || !("text" in c)) return { id: `c${i + 1}`, text: text(c as In["title"]) };
      return { id: c.id ?? `c${i + 1}`, text: text(c.text), ...(c.imageUrl ? { imageUrl: c.imageUrl } : {}) };
    });

  const questions = input.questions.map((q, i) => normalizeQuestion(q, i, text, opt, choices, issues));
  return {
    title: text(input.title),
    ...opt("description", input.description),
    defaultLanguage,
    languages,
    questions,
    pages: (input.pages ?? questions.map((q) => ({ id: q.id, questionIds: [q.id] }))).map((p) => ({ id: p.id, questionIds: p.questionIds, randomize: (p as { randomize?: boolean }).randomize ?? false })),
    hiddenFields: [...new Set(input.hiddenFields ?? [])],
    variables: (input.variables ?? []).map((v) => ({ id: v.id, type: v.type, initial: v.initial ?? (v.type === "number" ? 0 : "") })),
    // biome-ignore lint/suspicious/noThenProperty: a rule's actions are called `then` in the definition format
    rules: (input.rules ?? []).map((r, i) => ({ id: r.id ?? `r${i + 1}`, page: r.page, when: r.when as Condition, then: r.then as SurveyDefinition["rules"][number]["then"] })),
    loops: input.loops ?? [],
    endings: input.endings
      ? input.endings.map((e) => ({ id: e.id, title: text(e.title), ...opt("text", e.text), ...(e.redirectUrl ? { redirectUrl: e.redirectUrl } : {}) }))
      : [{ id: DEFAULT_ENDING_ID, title: copyText(DEFAULT_THANKS_TITLE), text: copyText(DEFAULT_THANKS_TEXT) }],
    quotas: (input.quotas ?? []).map((q) => ({ id: q.id, name: cleanText(q.name ?? q.id), limit: q.limit, when: q.when as Condition, endingId: q.endingId })),
    settings: {
      showProgress: input.settings?.showProgress ?? true,
      allowBack: input.settings?.allowBack ?? true,
      ...(input.settings?.estimatedMinutes ? { estimatedMinutes: input.settings.estimatedMinutes } : {}),
    },
  };
}

function normalizeQuestion(
  q: QIn,
  i: number,
  text: (t: In["title"]) => Text,
  opt: <K extends string>(key: K, t: In["title"] | undefined) => Record<K, Text>,
  choices: (list: ChoiceIn[]) => Choice[],
  issues: Issue[],
): Question {
  const b = { id: q.id, text: text(q.text), ...opt("description", q.description), required: q.required ?? false, ...(q.showIf !== undefined ? { showIf: q.showIf as Condition } : {}) };
  switch (q.type) {
    case "nps":
    case "csat":
    case "ces":
      return { ...b, type: q.type, ...opt("lowLabel", q.lowLabel), ...opt("highLabel", q.highLabel) };
    case "rating":
      return { ...b, type: "rating", style: q.style ?? "stars", points: q.points ?? RATING_DEFAULT_POINTS, ...opt("lowLabel", q.lowLabel), ...opt("highLabel", q.highLabel) };
    case "single":
    case "multi":
    case "dropdown":
    case "ranking": {
      const cs = choices(q.choices);
      if (q.minChoices !== undefined && q.maxChoices !== undefined && q.minChoices > q.maxChoices) {
        issues.push({ path: ["questions", i, "minChoices"], message: "must not exceed maxChoices", code: "too_big" });
      }
      if (q.minChoices !== undefined && q.minChoices > cs.length) issues.push({ path: ["questions", i, "minChoices"], message: "is more than the number of choices", code: "too_big" });
      const mm = q.type === "multi" ? { ...(q.minChoices !== undefined ? { minChoices: q.minChoices } : {}), ...(q.maxChoices !== undefined ? { maxChoices: q.maxChoices } : {}) } : {};
      return { ...b, type: q.type, choices: cs, randomizeChoices: q.randomizeChoices ?? false, ...mm };
    }
    case "picture":
      return { ...b, type: "picture", choices: choices(q.choices), multiple: q.multiple ?? false, randomizeChoices: q.randomizeChoices ?? false };
    case "matrix":
      return { ...b, type: "matrix", rows: choices(q.rows), columns: choices(q.columns), multiple: q.multiple ?? false, randomizeChoices: q.randomizeChoices ?? false };
    case "text": {
      const format = q.format ?? "short";
      return { ...b, type: "text", format, maxLength: q.maxLength ?? (format === "long" ? TEXT_DEFAULT_MAX_LENGTH.long : TEXT_DEFAULT_MAX_LENGTH.short), ...opt("placeholder", q.placeholder) };
    }
    case "date":
      if (q.min && q.max && q.min > q.max) issues.push({ path: ["questions", i, "min"], message: "must not be after max", code: "too_big" });
      for (const k of ["min", "max"] as const) {
        const v = q[k];
        if (v && Number.isNaN(Date.parse(`${v}T00:00:00Z`))) issues.push({ path: ["questions", i, k], message: "is not a valid date", code: "invalid_format" });
      }
      return { ...b, type: "date", ...(q.min ? { min: q.min } : {}), ...(q.max ? { max: q.max } : {}) };
    case "consent":
      return { ...b, type: "consent", label: q.label !== undefined ? text(q.label) : copyText(DEFAULT_CONSENT_LABEL) };
    case "statement":
      return { ...b, type: "statement", ...opt("buttonLabel", q.buttonLabel), ...(q.url ? { url: q.url } : {}) };
    case "file":
      return { ...b, type: "file", accept: [...new Set(q.accept ?? (["image/jpeg", "image/png", "application/pdf"] as const))], maxBytes: q.maxBytes ?? FILE_DEFAULT_MAX_BYTES };
    case "contact":
      return { ...b, type: "contact", fields: [...new Set(q.fields ?? CONTACT_FIELDS)] };
    case "address":
      return { ...b, type: "address", fields: [...new Set(q.fields ?? ADDRESS_FIELDS)] };
  }
}

/** `["questions", 0, "type"]` → `questions[0].type` under `base`. */
export function formatPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out === "" ? String(seg) : `.${String(seg)}`;
  return out;
}

type ZIssue = ZodError["issues"][number];
/** A union's error: report the branch that got furthest (deepest path), so `choices[0].imageUrl` is named, not `choices[0]`. */
function bestBranch(i: ZIssue): ZIssue[] {
  if (i.code !== "invalid_union" || !("errors" in i) || !Array.isArray(i.errors) || i.errors.length === 0) return [i];
  const depth = (list: ZIssue[]) => Math.max(...list.map((x) => x.path.length));
  const branches = (i.errors as ZIssue[][]).filter((b) => b.length > 0).sort((a, b) => depth(b) - depth(a));
  const best = branches[0];
  if (!best || depth(best) === 0 || (branches[1] && depth(branches[1]) === depth(best))) return [i];
  return best.map((x) => ({ ...x, path: [...i.path, ...x.path] }) as ZIssue).flatMap(bestBranch);
}

export function zodToIssues(err: ZodError, base: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const i of err.issues.flatMap(bestBranch)) {
    if (i.code === "unrecognized_keys") {
      for (const k of i.keys) out.push({ path: formatPath(base, [...i.path, k]), message: "is not an accepted field", code: "unknown_field" });
    } else {
      out.push({ path: formatPath(base, i.path), message: i.message, code: i.code === "custom" ? String((i.params as { code?: string } | undefined)?.code ?? "invalid") : i.code });
    }
  }
  return out;
}

/**
 * Validates and normalises a definition. Throws AppError validation_failed whose issues name the
 * field under `base` (default `body.definition`), e.g. `body.definition.questions[0].type`.
 */
export function parseDefinition(input: unknown, base = "body.definition"): SurveyDefinition {
  const parsed = SurveyDefinitionInput.safeParse(input);
  if (!parsed.success) {
    const issues = zodToIssues(parsed.error, base);
    throw new AppError(issues.every((i) => i.code === "unknown_field") ? "unknown_field" : "validation_failed", `The survey definition is not valid: ${issues.slice(0, 5).map((i) => i.path).join(", ")}`, { issues });
  }
  const issues: Issue[] = [];
  const def = normalize(parsed.data, issues);
  if (issues.length > 0) {
    const fi = issues.map((i) => ({ path: formatPath(base, i.path), message: i.message, code: i.code }));
    throw new AppError("validation_failed", `The survey definition is not valid: ${fi.slice(0, 5).map((i) => i.path).join(", ")}`, { issues: fi });
  }
  return def;
}

/** A body that is itself a definition (the issue's contract): `title` and `questions` at the top level. */
export const looksLikeDefinition = (body: unknown): boolean =>
  !!body && typeof body === "object" && !Array.isArray(body) && "title" in body && "questions" in body;
