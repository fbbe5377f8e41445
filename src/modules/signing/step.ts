/**
 * The `signature` step kind (registerStepKind): the customer signs the product's documents as a
 * step of the flow. Settings:
 *   documents      template keys to sign (builtin-… or upload-…), 1 to 10, required
 *   otp            "auto" (SMS when a phone is known, else email) | "sms" | "email"; default auto
 *   coSigners      [{ role: co_applicant | guarantor, nameField, emailField?, phoneField? }] (answer field ids)
 *   routing        "parallel" | "sequential" (default sequential)
 *   expiresInDays  1 to 90
 * The step completes only once the applicant has signed the step's current envelope.
 */
import type { Executor, Trx } from "../../db";
import { AppError } from "../../kernel/errors";
import type { Answers } from "../onboarding/flow/types";
import { visibleSteps } from "../onboarding/flow/logic";
import type { FlowDefinition, Step } from "../onboarding/flow/types";
import { registerStepKind } from "../onboarding/steps";
import type { ApplicationRow } from "../onboarding/timeline";
import { BUILTIN_TEMPLATES } from "./render";

const KNOWN = new Set(["documents", "otp", "coSigners", "routing", "expiresInDays"]);
const CO_SIGNER_KEYS = new Set(["role", "nameField", "emailField", "phoneField"]);
const TEMPLATE_KEY = /^(builtin|upload)-[a-z0-9_-]{1,72}$/;
const FIELD_ID = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export interface SignatureSettings {
  documents: string[];
  otp: "auto" | "sms" | "email";
  coSigners: Array<{ role: "co_applicant" | "guarantor"; nameField: string; emailField?: string; phoneField?: string }>;
  routing: "parallel" | "sequential";
  expiresInDays: number | undefined;
}

/** The step's settings with defaults (checkFlow has refused anything malformed). */
export function signatureSettings(step: Step): SignatureSettings {
  const s = (step.settings ?? {}) as Record<string, unknown>;
  return {
    documents: Array.isArray(s.documents) ? (s.documents as string[]) : [],
    otp: s.otp === "sms" || s.otp === "email" ? s.otp : "auto",
    coSigners: Array.isArray(s.coSigners) ? (s.coSigners as SignatureSettings["coSigners"]) : [],
    routing: s.routing === "parallel" ? "parallel" : "sequential",
    expiresInDays: typeof s.expiresInDays === "number" ? s.expiresInDays : undefined,
  };
}

/** Problems with a signature step's settings, for checkFlow (paths under `settings`). */
export function checkSignatureSettings(step: Step): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const s = step.settings;
  if (s === undefined || s === null) return [{ path: "settings.documents", message: "list the documents to sign (template keys)" }];
  if (typeof s !== "object" || Array.isArray(s)) return [{ path: "settings", message: "must be an object" }];
  for (const key of Object.keys(s)) if (!KNOWN.has(key)) problems.push({ path: `settings.${key}`, message: "is not a signature setting" });
  const docs = s.documents;
  if (!Array.isArray(docs) || docs.length < 1 || docs.length > 10) problems.push({ path: "settings.documents", message: "must list 1 to 10 template keys" });
  else {
    docs.forEach((d, i) => {
      if (typeof d !== "string" || !TEMPLATE_KEY.test(d)) problems.push({ path: `settings.documents.${i}`, message: "must be a template key (builtin-… or upload-…)" });
      else if (d.startsWith("builtin-") && !BUILTIN_TEMPLATES.some((t) => t.key === d)) problems.push({ path: `settings.documents.${i}`, message: `is not a built-in template (${BUILTIN_TEMPLATES.map((t) => t.key).join(", ")})` });
    });
    if (new Set(docs).size !== docs.length) problems.push({ path: "settings.documents", message: "lists a document twice" });
  }
  if (s.otp !== undefined && !["auto", "sms", "email"].includes(s.otp as string)) problems.push({ path: "settings.otp", message: "must be auto, sms or email" });
  if (s.routing !== undefined && !["parallel", "sequential"].includes(s.routing as string)) problems.push({ path: "settings.routing", message: "must be parallel or sequential" });
  const days = s.expiresInDays;
  if (days !== undefined && (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > 90)) problems.push({ path: "settings.expiresInDays", message: "must be a whole number from 1 to 90" });
  if (s.coSigners !== undefined) {
    if (!Array.isArray(s.coSigners) || s.coSigners.length > 4) problems.push({ path: "settings.coSigners", message: "must be a list of at most 4 co-signers" });
    else {
      s.coSigners.forEach((co, i) => {
        const at = `settings.coSigners.${i}`;
        if (!co || typeof co !== "object" || Array.isArray(co)) {
          problems.push({ path: at, message: "must be an object" });
          return;
        }
        const c = co as Record<string, unknown>;
        for (const key of Object.keys(c)) if (!CO_SIGNER_KEYS.has(key)) problems.push({ path: `${at}.${key}`, message: "is not a co-signer setting" });
        if (c.role !== "co_applicant" && c.role !== "guarantor") problems.push({ path: `${at}.role`, message: "must be co_applicant or guarantor" });
        for (const key of ["nameField", "emailField", "phoneField"] as const) {
          const v = c[key];
          if (key === "nameField" ? typeof v !== "string" || !FIELD_ID.test(v) : v !== undefined && (typeof v !== "string" || !FIELD_ID.test(v))) problems.push({ path: `${at}.${key}`, message: "must be the id of a field of the flow" });
        }
        if (c.emailField === undefined && c.phoneField === undefined) problems.push({ path: `${at}.emailField`, message: "give an emailField or a phoneField (the one-time code goes there)" });
      });
    }
  }
  return problems;
}

/** The signature step a request means: the given one, or the first visible one. */
export function signatureStepOf(def: FlowDefinition, answers: Answers, stepId?: string): Step {
  const steps = visibleSteps(def, answers).filter((s) => s.kind === "signature");
  const step = stepId ? steps.find((s) => s.id === stepId) : steps[0];
  if (!step) {
    const message = stepId ? "is not a signature step of your application" : "Your application has no signature step";
    throw new AppError("validation_failed", message, { issues: [{ path: "query.step", code: "not_signature_step", message }] });
  }
  return step;
}

/** The step's current envelope (the newest the flow made for it), or undefined. */
export async function stepEnvelope(db: Executor, app: ApplicationRow, stepId: string) {
  return db
    .selectFrom("envelopes")
    .selectAll()
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .where("step_id", "=", stepId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Completing the step: the applicant must have signed its current envelope. */
export async function completeSignatureStep(trx: Trx, app: ApplicationRow, step: Step): Promise<void> {
  const envelope = await stepEnvelope(trx, app, step.id);
  const applicant = envelope
    ? await trx.selectFrom("envelope_signers").select("status").where("tenant_id", "=", app.tenant_id).where("envelope_id", "=", envelope.id).where("role", "=", "applicant").executeTakeFirst()
    : undefined;
  if (applicant?.status !== "signed" || !envelope || ["voided", "declined", "expired"].includes(envelope.status)) {
    throw new AppError("validation_failed", "Sign the documents first", { issues: [{ path: "signature", code: "signature_required", message: "Sign the documents first" }] });
  }
}

registerStepKind({
  kind: "signature",
  checkSettings: checkSignatureSettings,
  onComplete: (trx, _deps, app, step) => completeSignatureStep(trx, app, step),
});
