/**
 * Who the applicant is, for screening and risk: the best data first. A read identity document
 * (its MRZ) beats what the customer typed, which beats the name the application was started with.
 */
import type { Executor } from "../../db";
import type { AddressValue, Answers, FlowDefinition } from "../onboarding/flow/types";
import { applicationFlow } from "../onboarding/store";
import type { ApplicationRow } from "../onboarding/timeline";
import { alpha2Of as alpha2 } from "../identity/countries";

export interface Applicant {
  name: string;
  /** "YYYY-MM-DD" */
  birthDate: string | null;
  /** ISO 3166-1 alpha-2 */
  nationality: string | null;
  /** Country of residence (the home address), ISO 3166-1 alpha-2. */
  country: string | null;
  source: "identity_document" | "answers" | "application";
}

interface MrzFields {
  surname?: string | null;
  givenNames?: string | null;
  birthDate?: string | null;
  nationality?: string | null;
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim().replace(/\s+/g, " ") : null);
const isoDate = (v: unknown): string | null => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/** The latest identity document check that passed or went to review, with its MRZ fields. */
async function documentFields(db: Executor, app: ApplicationRow): Promise<MrzFields | null> {
  const row = await db
    .selectFrom("application_checks")
    .select("details")
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .where("kind", "=", "identity_document")
    .where("outcome", "in", ["pass", "review"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const mrz = (row?.details as { mrz?: { fields?: MrzFields } | null } | undefined)?.mrz;
  return mrz?.fields ?? null;
}

/** The answer of the first field prefilled from `key` (customer.name, customer.dateOfBirth, …). */
function byPrefill(def: FlowDefinition, answers: Answers, prefill: Record<string, unknown>, key: string): unknown {
  for (const step of def.steps) {
    for (const f of step.fields) {
      if ((f.prefill as string | undefined) !== key) continue;
      const v = answers[f.id] ?? prefill[key];
      if (v !== undefined && v !== null && v !== "") return v;
    }
  }
  return prefill[key];
}

export async function applicantOf(db: Executor, app: ApplicationRow): Promise<Applicant> {
  const def = await applicationFlow(db, app);
  const answers = (app.answers ?? {}) as Answers;
  const prefill = (app.prefill ?? {}) as Record<string, unknown>;
  const typed = (key: string) => byPrefill(def, answers, prefill, key);
  const address = typed("customer.address") as AddressValue | string | undefined;
  const country = alpha2(typeof address === "object" && address ? address.country : null);
  const typedNationality = alpha2(text(typed("customer.nationality")));

  const doc = await documentFields(db, app);
  const docName = doc ? [text(doc.givenNames), text(doc.surname)].filter(Boolean).join(" ") : "";
  if (doc && docName) {
    return {
      name: docName,
      birthDate: isoDate(doc.birthDate) ?? isoDate(typed("customer.dateOfBirth")),
      nationality: alpha2(doc.nationality) ?? typedNationality,
      country,
      source: "identity_document",
    };
  }
  const first = text(typed("customer.firstName"));
  const last = text(typed("customer.lastName"));
  const typedName = text(typed("customer.name")) ?? ([first, last].filter(Boolean).join(" ") || null);
  return {
    name: typedName ?? text(app.customer_name) ?? app.customer_name,
    birthDate: isoDate(typed("customer.dateOfBirth")),
    nationality: typedNationality,
    country,
    source: typedName ? "answers" : "application",
  };
}
