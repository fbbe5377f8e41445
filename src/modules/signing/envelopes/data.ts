/**
 * What a document is filled with: the bank, the application's reference and product, the
 * customer, and the answers as label/value pairs in the envelope's language (the flow's own
 * labels). File fields and payment steps are left out; national ids and IBANs show only their
 * last 4 characters. Also the answers digest that tells a flow envelope its answers changed.
 */
import { createHash } from "node:crypto";
import type { Executor } from "../../../db";
import type { SignerRole } from "../../../db/schema-signing";
import { canonicalJson } from "../../audit/chain";
import { evaluate, localize } from "../../onboarding/flow/logic";
import type { AddressValue, Answers, Field, FlowDefinition } from "../../onboarding/flow/types";
import { bankOf } from "../../onboarding/links";
import { applicationFlow } from "../../onboarding/store";
import type { ApplicationRow } from "../../onboarding/timeline";
import { type DocumentData, type Lang, RENDER_LANGUAGES } from "../render";

const YES_NO: Record<Lang, [string, string]> = { en: ["Yes", "No"], he: ["כן", "לא"], ar: ["نعم", "لا"], "zh-Hans": ["是", "否"], "zh-Hant": ["是", "否"] };

export const asLang = (tag: string | null | undefined): Lang => ((RENDER_LANGUAGES as readonly string[]).includes(tag ?? "") ? (tag as Lang) : "en");

/** SHA-256 of the canonical JSON of the answers. */
export const answersDigest = (answers: unknown): string => createHash("sha256").update(canonicalJson(answers ?? {})).digest("hex");

/** "•••• 6789": only the last 4 characters. */
export const lastFour = (value: string): string => `•••• ${value.replace(/\s+/g, "").slice(-4)}`;

function formatDate(value: string, lang: Lang): string {
  const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(d);
}

export function formatMoney(value: string, currency: string, lang: Lang): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  try {
    return new Intl.NumberFormat(lang, { style: "currency", currency }).format(n);
  } catch {
    return `${value} ${currency}`;
  }
}

function formatAddress(a: AddressValue, lang: Lang): string {
  let country = a.country;
  try {
    country = new Intl.DisplayNames([lang], { type: "region" }).of(a.country) ?? a.country;
  } catch {
    /* keep the code */
  }
  return [a.line1, a.line2, [a.postcode, a.city].filter(Boolean).join(" "), country].filter((p) => p?.trim()).join(", ");
}

/** One answer as the document prints it, or null when it is not printed. */
export function formatAnswer(field: Field, value: unknown, def: FlowDefinition, lang: Lang): string | null {
  if (value === null || value === undefined || value === "" || field.type === "file") return null;
  switch (field.type) {
    case "checkbox":
      return YES_NO[lang][value === true ? 0 : 1];
    case "select": {
      const opt = field.options?.find((o) => o.id === value);
      return opt ? localize(opt.label, lang, def.defaultLanguage) : String(value);
    }
    case "date":
      return formatDate(String(value), lang);
    case "money":
    case "income":
      return formatMoney(String(value), field.currency ?? def.currency, lang);
    case "national_id":
    case "iban":
      return lastFour(String(value));
    case "address":
      return typeof value === "object" ? formatAddress(value as AddressValue, lang) : String(value);
    case "country":
      try {
        return new Intl.DisplayNames([lang], { type: "region" }).of(String(value)) ?? String(value);
      } catch {
        return String(value);
      }
    default:
      return Array.isArray(value) ? value.join(", ") : String(value);
  }
}

/** The answers worth printing, in flow order, with the flow's labels in `lang`. */
export function detailsOf(def: FlowDefinition, answers: Answers, lang: Lang): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  for (const step of def.steps) {
    if (step.kind === "payment" || !evaluate(step.showIf, answers)) continue;
    for (const field of step.fields) {
      if (!evaluate(field.showIf, answers)) continue;
      const value = formatAnswer(field, answers[field.id], def, lang);
      if (value !== null) out.push({ label: localize(field.label, lang, def.defaultLanguage), value });
    }
  }
  return out;
}

function fieldOf(def: FlowDefinition, id: string): Field | null {
  for (const s of def.steps) for (const f of s.fields) if (f.id === id) return f;
  return null;
}

/** Loan figures from the usual answers (loanAmount, term), when the product has them. */
function loanOf(def: FlowDefinition, answers: Answers, lang: Lang): DocumentData["loan"] {
  const amount = answers.loanAmount;
  const term = answers.term;
  if (typeof amount !== "string" && typeof term !== "string") return null;
  const months = typeof term === "string" ? Number(/\d+/.exec(term)?.[0]) : Number.NaN;
  const amountField = fieldOf(def, "loanAmount");
  return {
    ...(typeof amount === "string" ? { amount: formatMoney(amount, amountField?.currency ?? def.currency, lang) } : {}),
    ...(Number.isFinite(months) ? { termMonths: months } : {}),
  };
}

export interface BuiltData {
  data: DocumentData;
  def: FlowDefinition;
  /** Values for `source` keys: answer field ids (formatted) and prefill keys. */
  sources: Record<string, string>;
}

/** Everything the documents of an envelope are filled with, in `lang`. */
export async function documentData(db: Executor, app: ApplicationRow, lang: Lang, signers: Array<{ role: SignerRole; name: string }>, now: Date): Promise<BuiltData> {
  const def = await applicationFlow(db, app);
  const bank = await bankOf(db, app.tenant_id);
  const answers = (app.answers ?? {}) as Answers;
  const prefill = (app.prefill ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
  const address = (answers.address ?? prefill["customer.address"]) as AddressValue | string | undefined;
  const dob = str(answers.dateOfBirth) ?? str(prefill["customer.dateOfBirth"]);
  const nid = str(answers.nationalId) ?? str(prefill["customer.nationalId"]);
  const sources: Record<string, string> = {};
  for (const [k, v] of Object.entries(prefill)) if (typeof v === "string") sources[k] = k === "customer.nationalId" ? lastFour(v) : v;
  sources["customer.name"] = app.customer_name;
  for (const step of def.steps) {
    for (const field of step.fields) {
      const value = formatAnswer(field, answers[field.id], def, lang);
      if (value !== null) sources[field.id] = value;
    }
  }
  const data: DocumentData = {
    language: lang,
    bank: { name: bank.name },
    reference: app.reference,
    product: app.product,
    productName: localize(def.title, lang, def.defaultLanguage),
    date: now,
    customer: {
      name: app.customer_name,
      email: app.customer_email,
      phone: app.customer_phone,
      dateOfBirth: dob ? formatDate(dob, lang) : null,
      nationalId: nid ? lastFour(nid) : null,
      address: address ? (typeof address === "string" ? address : formatAddress(address, lang)) : null,
    },
    details: detailsOf(def, answers, lang),
    loan: loanOf(def, answers, lang),
    signers,
  };
  return { data, def, sources };
}
