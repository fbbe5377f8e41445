/**
 * Risk rule sets: versioned JSON a compliance officer edits in the back office. Pure TypeScript with
 * no dependencies, so the editor runs the same checkRules as the server while the officer types.
 *
 * ```json
 * { "thresholds": { "medium": 30, "high": 60 },
 *   "lists": { "high_risk_countries": ["IR", "KP"] },
 *   "rules": [ { "id": "pep_hit", "label": { "en": "PEP list hit", "he": "…" }, "points": 60,
 *                "when": { "any": [ { "fact": "checks.pep.outcome", "op": "in", "value": ["review", "fail"] } ] } } ] }
 * ```
 * A condition is `{ all: [..] }`, `{ any: [..] }`, `{ not: .. }`, `{ fact, op, value }` (equals,
 * not_equals, gt, gte, lt, lte, in, not_in), `{ fact, op, list }` (in / not_in a named list of the
 * rule set) or `{ fact, op }` (is_empty, not_empty, is_true, is_false) — the flow's condition
 * style with `fact` for `field`. Facts are listed in FACTS; `answers.<fieldId>` reads an answer of
 * the application (money and income answers compare as numbers). The score is the sum of the
 * points of the rules that match, capped at 100; the level is high at or above thresholds.high,
 * medium at or above thresholds.medium, otherwise low. A missing fact (no birth date yet, no check
 * run yet) fails every comparison, so a rule never matches on data the bank does not have.
 */

export const RISK_LOCALES = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;
export type RiskText = Record<string, string>;

export type RiskCompareOp = "equals" | "not_equals" | "gt" | "gte" | "lt" | "lte" | "in" | "not_in";
export type RiskUnaryOp = "is_empty" | "not_empty" | "is_true" | "is_false";
export type RiskScalar = string | number | boolean;

export type RiskCondition =
  | { fact: string; op: RiskCompareOp; value: RiskScalar | Array<string | number> }
  | { fact: string; op: "in" | "not_in"; list: string }
  | { fact: string; op: RiskUnaryOp }
  | { all: RiskCondition[] }
  | { any: RiskCondition[] }
  | { not: RiskCondition };

export interface RiskRule {
  id: string;
  label: RiskText;
  points: number;
  when: RiskCondition;
}

export interface RuleSet {
  thresholds: { medium: number; high: number };
  lists?: Record<string, string[]>;
  rules: RiskRule[];
}

export type RiskLevel = "low" | "medium" | "high";

/** The kinds of application_checks rows risk rules read (contract 6). */
export const CHECK_KINDS = ["identity_document", "identity_selfie", "identity_crosscheck", "sanctions", "pep"] as const;
export const OUTCOMES = ["pass", "review", "fail", "none"] as const;
export const BANDS = ["block", "review", "edd", "clear", "none"] as const;
export const PRODUCT_IDS = ["checking", "savings", "credit_card", "personal_loan", "auto_loan", "mortgage"] as const;

export type FactType = "string" | "number" | "boolean" | "country";
export interface FactSpec {
  type: FactType;
  /** The only values it takes, when it is a closed set. */
  values?: readonly string[];
  description: string;
}

/** Every fact a rule may use (besides `answers.<fieldId>`). */
export const FACTS: Record<string, FactSpec> = {
  product: { type: "string", values: PRODUCT_IDS, description: "The product applied for" },
  channel: { type: "string", description: "Where the application started: branch, call_centre, web, app, email, sms…" },
  language: { type: "string", values: RISK_LOCALES, description: "The customer's language" },
  "applicant.age": { type: "number", description: "Age in whole years (from the document, else the answers)" },
  "applicant.nationality": { type: "country", description: "Nationality, ISO 3166-1 alpha-2 (or the document's alpha-3 state code when it has no alpha-2)" },
  "applicant.country": { type: "country", description: "Country of the home address, ISO 3166-1 alpha-2" },
  ...Object.fromEntries(CHECK_KINDS.map((k) => [`checks.${k}.outcome`, { type: "string", values: OUTCOMES, description: `Outcome of the latest ${k} check (none: not run)` } satisfies FactSpec])),
  "checks.sanctions.band": { type: "string", values: BANDS, description: "Highest band of the latest sanctions screening (none: not run)" },
  "checks.pep.band": { type: "string", values: BANDS, description: "Highest band of the latest PEP screening (none: not run)" },
  "identity.mismatches": { type: "number", description: "How many differences the identity cross-check found between the document and the application" },
  "identity.document_expired": { type: "boolean", description: "The identity document's expiry date has passed" },
  "payment.status": { type: "string", values: ["approved", "declined", "none"], description: "The application's card payment (opening deposit or fee)" },
};

export const ANSWER_FACT = /^answers\.[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const RULE_ID = /^[a-z][a-z0-9_]{0,63}$/;
export const LIST_ID = /^[a-z][a-z0-9_]{0,63}$/;
export const RULE_LIMITS = { rules: 100, depth: 8, items: 50, values: 300, listItems: 500, lists: 20, text: 300, points: 100 } as const;

const UNARY: readonly string[] = ["is_empty", "not_empty", "is_true", "is_false"];
const COMPARE: readonly string[] = ["equals", "not_equals", "gt", "gte", "lt", "lte", "in", "not_in"];
const ORDER_OPS: readonly string[] = ["gt", "gte", "lt", "lte"];

/** A problem of a rule set: a dotted path into the definition, a stable code and an English message. */
export interface RuleProblem {
  path: string;
  code: string;
  message: string;
}

type Add = (path: string, code: string, message: string) => undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

export function factSpec(fact: string): FactSpec | null {
  if (FACTS[fact]) return FACTS[fact];
  if (ANSWER_FACT.test(fact)) return { type: "string", description: "An answer of the application" };
  return null;
}

/**
 * Every problem of a rule set, with paths like `rules.2.when.any.0.fact`: shape, unknown facts,
 * operators that do not fit the fact, values outside a fact's closed set, unknown lists,
 * duplicate rule ids, thresholds out of order. An empty list means the rule set can be saved.
 */
export function checkRules(input: unknown): RuleProblem[] {
  const out: RuleProblem[] = [];
  const add: Add = (path, code, message) => {
    out.push({ path, code, message });
    return undefined;
  };
  if (!isObject(input)) return [{ path: "", code: "invalid_type", message: "must be an object with thresholds and rules" }];
  for (const k of Object.keys(input)) if (!["thresholds", "lists", "rules"].includes(k)) add(k, "unknown_field", "is not an accepted field");

  const th = input.thresholds;
  if (!isObject(th)) add("thresholds", "required", "needs medium and high (points 1–100)");
  else {
    for (const k of Object.keys(th)) if (k !== "medium" && k !== "high") add(`thresholds.${k}`, "unknown_field", "is not an accepted field");
    for (const k of ["medium", "high"] as const) {
      if (!(Number.isInteger(th[k]) && (th[k] as number) >= 1 && (th[k] as number) <= 100)) add(`thresholds.${k}`, "invalid_value", "must be a whole number from 1 to 100");
    }
    if (Number.isInteger(th.medium) && Number.isInteger(th.high) && (th.medium as number) >= (th.high as number)) add("thresholds", "thresholds_order", "medium must be below high");
  }

  const lists = new Set<string>();
  if (input.lists !== undefined) {
    if (!isObject(input.lists)) add("lists", "invalid_type", "must be an object of list name → list of codes");
    else {
      const entries = Object.entries(input.lists);
      if (entries.length > RULE_LIMITS.lists) add("lists", "too_big", `at most ${RULE_LIMITS.lists} lists`);
      for (const [name, values] of entries) {
        if (!LIST_ID.test(name)) add(`lists.${name}`, "invalid_value", "a list name is lower case letters, digits and _");
        if (!Array.isArray(values) || values.length > RULE_LIMITS.listItems || !values.every((v) => typeof v === "string" && v.length > 0 && v.length <= 64)) {
          add(`lists.${name}`, "invalid_type", `must be a list of up to ${RULE_LIMITS.listItems} codes`);
        } else lists.add(name);
      }
    }
  }

  if (!Array.isArray(input.rules)) {
    add("rules", "required", "must be a list of rules");
    return out;
  }
  if (input.rules.length > RULE_LIMITS.rules) add("rules", "too_big", `at most ${RULE_LIMITS.rules} rules`);
  const ids = new Set<string>();
  for (const [i, r] of input.rules.entries()) {
    const p = `rules.${i}`;
    if (!isObject(r)) {
      add(p, "invalid_type", "must be a rule object (id, label, points, when)");
      continue;
    }
    for (const k of Object.keys(r)) if (!["id", "label", "points", "when"].includes(k)) add(`${p}.${k}`, "unknown_field", "is not an accepted field");
    if (typeof r.id !== "string" || !RULE_ID.test(r.id)) add(`${p}.id`, "invalid_value", "must start with a lower case letter; then letters, digits or _ (at most 64)");
    else if (ids.has(r.id)) add(`${p}.id`, "duplicate_id", `another rule already has the id ${r.id}`);
    else ids.add(r.id);
    checkLabel(r.label, `${p}.label`, add);
    if (!(Number.isInteger(r.points) && (r.points as number) >= -RULE_LIMITS.points && (r.points as number) <= RULE_LIMITS.points)) {
      add(`${p}.points`, "invalid_value", `must be a whole number from -${RULE_LIMITS.points} to ${RULE_LIMITS.points}`);
    }
    if (r.when === undefined) add(`${p}.when`, "required", "needs a condition");
    else checkCondition(r.when, `${p}.when`, 0, lists, add);
  }
  return out;
}

function checkLabel(v: unknown, path: string, add: Add) {
  if (!isObject(v)) return add(path, "required", "needs a label per language: { \"en\": \"…\" }");
  if (typeof v.en !== "string" || v.en.trim() === "") add(`${path}.en`, "required", "needs an English label (stored with the reasons)");
  for (const [k, s] of Object.entries(v)) {
    if (!(RISK_LOCALES as readonly string[]).includes(k)) add(`${path}.${k}`, "unknown_field", `is not a language (${RISK_LOCALES.join(", ")})`);
    else if (typeof s !== "string" || s.length > RULE_LIMITS.text) add(`${path}.${k}`, "invalid_value", `must be text of at most ${RULE_LIMITS.text} characters`);
  }
}

function checkCondition(v: unknown, path: string, depth: number, lists: Set<string>, add: Add): undefined {
  if (depth > RULE_LIMITS.depth) return add(path, "too_deep", `is nested too deeply (at most ${RULE_LIMITS.depth} levels)`);
  if (!isObject(v)) return add(path, "invalid_type", "must be a condition object");
  const keys = Object.keys(v);
  for (const group of ["all", "any"] as const) {
    if (!(group in v)) continue;
    if (keys.length !== 1) return add(path, "unknown_field", `a group has only "${group}"`);
    const items = v[group];
    if (!Array.isArray(items) || items.length === 0 || items.length > RULE_LIMITS.items) return add(`${path}.${group}`, "invalid_type", `must be a list of 1–${RULE_LIMITS.items} conditions`);
    for (const [i, c] of items.entries()) checkCondition(c, `${path}.${group}.${i}`, depth + 1, lists, add);
    return;
  }
  if ("not" in v) {
    if (keys.length !== 1) return add(path, "unknown_field", 'a negation has only "not"');
    return checkCondition(v.not, `${path}.not`, depth + 1, lists, add);
  }
  for (const k of keys) if (!["fact", "op", "value", "list"].includes(k)) add(`${path}.${k}`, "unknown_field", "is not an accepted field");
  const spec = typeof v.fact === "string" ? factSpec(v.fact) : null;
  if (typeof v.fact !== "string") add(`${path}.fact`, "required", "needs a fact (e.g. applicant.age)");
  else if (!spec) add(`${path}.fact`, "unknown_fact", `${v.fact} is not a fact (${Object.keys(FACTS).join(", ")}, answers.<fieldId>)`);
  const op = v.op;
  if (typeof op !== "string" || (!UNARY.includes(op) && !COMPARE.includes(op))) return add(`${path}.op`, "invalid_value", `must be one of ${[...COMPARE, ...UNARY].join(", ")}`);
  const answer = typeof v.fact === "string" && ANSWER_FACT.test(v.fact);
  if (UNARY.includes(op)) {
    if ("value" in v) add(`${path}.value`, "unknown_field", `is not used with ${op}`);
    if ("list" in v) add(`${path}.list`, "unknown_field", `is not used with ${op}`);
    if ((op === "is_true" || op === "is_false") && spec && !answer && spec.type !== "boolean") add(`${path}.op`, "type_mismatch", `${op} needs a true/false fact; ${String(v.fact)} is a ${spec.type}`);
    return;
  }
  if ("list" in v) {
    if (op !== "in" && op !== "not_in") return add(`${path}.list`, "unknown_field", "a list is used with in or not_in");
    if ("value" in v) add(`${path}.value`, "unknown_field", "give a value or a list, not both");
    if (typeof v.list !== "string" || !lists.has(v.list)) add(`${path}.list`, "unknown_list", `${String(v.list)} is not a list of this rule set (${[...lists].join(", ") || "none"})`);
    return;
  }
  if (!("value" in v)) return add(`${path}.value`, "required", `${op} needs a value`);
  const val = v.value;
  const scalar = (x: unknown) => (typeof x === "string" && x.length <= 200) || isNum(x);
  if (op === "in" || op === "not_in") {
    if (!Array.isArray(val) || val.length === 0 || val.length > RULE_LIMITS.values || !val.every(scalar)) return add(`${path}.value`, "invalid_type", "must be a list of strings or numbers");
  } else if (ORDER_OPS.includes(op)) {
    if (!isNum(val)) return add(`${path}.value`, "invalid_type", `${op} compares numbers: the value must be a number`);
    if (spec && !answer && spec.type !== "number") return add(`${path}.op`, "type_mismatch", `${op} compares numbers; ${String(v.fact)} is a ${spec.type}`);
    return;
  } else if (!(scalar(val) || typeof val === "boolean")) return add(`${path}.value`, "invalid_type", "must be a string, number or true/false");
  if (!spec || answer) return;
  const values = Array.isArray(val) ? val : [val];
  for (const [i, x] of values.entries()) {
    const at = Array.isArray(val) ? `${path}.value.${i}` : `${path}.value`;
    if (spec.type === "number" && !isNum(x)) add(at, "type_mismatch", `${String(v.fact)} is a number`);
    else if (spec.type === "boolean" && typeof x !== "boolean") add(at, "type_mismatch", `${String(v.fact)} is true or false: use is_true / is_false`);
    else if (spec.type === "country" && !(typeof x === "string" && /^[A-Z]{2,3}$/.test(x))) add(at, "invalid_value", "must be a country code like IR (upper case)");
    else if (spec.values && !spec.values.includes(String(x))) add(at, "invalid_value", `${String(x)} is not a value of ${String(v.fact)} (${spec.values.join(", ")})`);
  }
  return undefined;
}

/** Throws nothing: a definition known to pass checkRules, typed. */
export const asRuleSet = (v: unknown): RuleSet => v as RuleSet;
