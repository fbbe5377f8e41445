/**
 * Onboarding flow definitions after normalisation. Plain types with no runtime dependency, shared
 * by the server, the flow logic (logic.ts) and the customer application bundle in web/customer.
 *
 * Answers are keyed by field id; field ids are unique across the whole flow (a condition may only
 * refer to a field that comes before it). Values by field type:
 *   text, email, national_id, employer: string      phone: E.164 ("+972501234567")
 *   iban, bic: string in electronic format (no spaces, upper case)
 *   country: ISO 3166-1 alpha-2 ("IL"; XK for Kosovo)
 *   date: "YYYY-MM-DD"          select: an option id         checkbox: boolean
 *   money, income: a decimal string with at most two decimals ("1250.50"), in the field's currency
 *   address: { line1, line2?, city, postcode, country }  (country: ISO 3166-1 alpha-2)
 *   file: the ids of the uploaded documents (string[]); documents live in application_documents
 */

/** A string per language: `{ "en": "…", "ar": "…" }`. */
export type Text = Record<string, string>;

export const FLOW_LOCALES = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;
export type FlowLocale = (typeof FLOW_LOCALES)[number];

export const PRODUCTS = ["checking", "savings", "credit_card", "personal_loan", "auto_loan", "mortgage"] as const;
export type ProductId = (typeof PRODUCTS)[number];

export const FIELD_TYPES = [
  "text",
  "email",
  "phone",
  "date",
  "address",
  "select",
  "checkbox",
  "money",
  "iban",
  "national_id",
  "employer",
  "income",
  "file",
  "bic",
  "country",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * Step kinds. `form` asks fields (file fields included); `documents` is a form whose fields are
 * document uploads; `payment` takes a card payment; `review` shows every answer and submits.
 * Identity checks and e-signature register their own kinds (see steps.ts): a definition naming a
 * kind that is not registered does not pass checkFlow.
 */
export const CORE_STEP_KINDS = ["form", "documents", "payment", "review"] as const;
export type StepKind = (typeof CORE_STEP_KINDS)[number] | (string & {});

export const FILE_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** Known customer data a field may be pre-filled from (never asked twice). */
export const PREFILL_KEYS = [
  "customer.name",
  "customer.firstName",
  "customer.lastName",
  "customer.email",
  "customer.phone",
  "customer.dateOfBirth",
  "customer.nationalId",
  "customer.address",
  "customer.employer",
  "customer.nationality",
] as const;
export type PrefillKey = (typeof PREFILL_KEYS)[number];

/** The field types each piece of known customer data fits. */
export const PREFILL_TYPES: Record<PrefillKey, readonly FieldType[]> = {
  "customer.name": ["text"],
  "customer.firstName": ["text"],
  "customer.lastName": ["text"],
  "customer.email": ["email"],
  "customer.phone": ["phone"],
  "customer.dateOfBirth": ["date"],
  "customer.nationalId": ["national_id", "text"],
  "customer.address": ["address"],
  "customer.employer": ["employer", "text"],
  "customer.nationality": ["country"],
};

export type CompareOp = "equals" | "not_equals" | "gt" | "gte" | "lt" | "lte" | "in" | "not_in";
export type UnaryOp = "is_empty" | "not_empty" | "is_true" | "is_false";

/** Conditions on earlier answers, nested in all / any / not groups. */
export type Condition =
  | { field: string; op: CompareOp; value: string | number | boolean | Array<string | number> }
  | { field: string; op: UnaryOp }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface Option {
  id: string;
  label: Text;
}

export interface Field {
  id: string;
  type: FieldType;
  label: Text;
  help?: Text;
  required: boolean;
  showIf?: Condition;
  /** Pre-filled from what the bank already knows; the customer sees and may correct it. */
  prefill?: PrefillKey;
  /** select: its options (at least one). */
  options?: Option[];
  /** text, employer, national_id: longest accepted length (default 200). */
  maxLength?: number;
  /** money, income: smallest and largest accepted amount (decimal strings). */
  min?: string;
  max?: string;
  /** money, income: ISO 4217 code (default the flow's currency). */
  currency?: string;
  /** income: the period the amount is for. */
  period?: "month" | "year";
  /** date: youngest / oldest accepted age in whole years (a birth date), or "future" / "past" only. */
  minAge?: number;
  maxAge?: number;
  when?: "past" | "future";
  /**
   * phone, national_id, iban, bic, address: the expected country (ISO 3166-1 alpha-2). A phone
   * typed without +prefix is read as this country's; an IBAN must carry its prefix (FR for GP…).
   */
  country?: string;
  /** phone: only mobile numbers (the server tells them apart with the full numbering plans). */
  mobileOnly?: boolean;
  /** file: accepted content types and the size limit in bytes; the document kind reviewers see. */
  accept?: FileType[];
  maxBytes?: number;
  maxFiles?: number;
  document?: string;
}

export interface PaymentSpec {
  purpose: "deposit" | "fee";
  currency: string;
  /** A fixed amount (decimal string), or the id of an earlier money field whose answer is charged. */
  amount?: string;
  amountField?: string;
  /** When the amount comes from a field: the smallest amount taken (decimal string). */
  min?: string;
}

export interface Step {
  id: string;
  kind: StepKind;
  title: Text;
  help?: Text;
  /** A help article URL (https or a /c/… path); the knowledge base fills these later. */
  helpUrl?: string;
  /** Estimated minutes to complete this step, summed into "about N minutes left". */
  minutes: number;
  showIf?: Condition;
  fields: Field[];
  /** payment steps only. */
  payment?: PaymentSpec;
  /** Kind-specific settings for plugged-in kinds (identity, signature, …). */
  settings?: Record<string, unknown>;
}

export interface ChecklistItem {
  id: string;
  label: Text;
  help?: Text;
  /** Optional https link or /c/… path where the customer does it. */
  url?: string;
}

export interface FlowDefinition {
  product: ProductId;
  title: Text;
  description?: Text;
  defaultLanguage: FlowLocale;
  languages: FlowLocale[];
  /** ISO 4217, used by money fields and payments that name none. */
  currency: string;
  /** No activity for this long and no submission → abandoned (kpis.md inactivity window). */
  inactivityDays: number;
  /** Hours of inactivity before the reminder (SMS or email) with a link back to the exact step. */
  reminderAfterHours: number;
  /** Review SLA: hours from submission to decision. */
  slaHours: number;
  steps: Step[];
  /** After opening: the welcome checklist the customer completes. */
  welcome: ChecklistItem[];
}

export type AddressValue = { line1: string; line2?: string; city: string; postcode: string; country: string };
export type AnswerValue = string | boolean | string[] | AddressValue;
export type Answers = Record<string, AnswerValue | null | undefined>;
