/**
 * The identity step kind (registerStepKind): the customer photographs the document's data page;
 * its MRZ is read, validated and cross-checked (service.ts). Settings:
 *   documents    which documents are accepted (passport, id_card, residence_permit; default all)
 *   selfie       whether a selfie is asked after the document (default false)
 *   minAge       the youngest accepted age in whole years (default 18)
 *   maxAttempts  unreadable photos after which the customer may go on and a person checks (default 3)
 * The step may also carry ordinary fields (a nationality, say); they are saved like any form field.
 */
import type { Trx } from "../../db";
import { AppError } from "../../kernel/errors";
import type { Step } from "../onboarding/flow/types";
import { registerStepKind } from "../onboarding/steps";
import type { ApplicationRow } from "../onboarding/timeline";
import { DOCUMENT_TYPES, type DocumentType } from "./crosscheck";
import { identityState, recordUnreadableOutcome } from "./state";

export interface IdentitySettings {
  documents: DocumentType[];
  selfie: boolean;
  minAge: number;
  maxAttempts: number;
}

export const IDENTITY_DEFAULTS: IdentitySettings = { documents: [...DOCUMENT_TYPES], selfie: false, minAge: 18, maxAttempts: 3 };

/** The step's settings with the defaults filled in (checkFlow has refused anything malformed). */
export function identitySettings(step: Step): IdentitySettings {
  const s = step.settings ?? {};
  const documents = Array.isArray(s.documents) ? (s.documents.filter((d) => (DOCUMENT_TYPES as readonly unknown[]).includes(d)) as DocumentType[]) : [];
  return {
    documents: documents.length ? documents : [...IDENTITY_DEFAULTS.documents],
    selfie: s.selfie === true,
    minAge: typeof s.minAge === "number" ? s.minAge : IDENTITY_DEFAULTS.minAge,
    maxAttempts: typeof s.maxAttempts === "number" ? s.maxAttempts : IDENTITY_DEFAULTS.maxAttempts,
  };
}

const KNOWN = new Set(["documents", "selfie", "minAge", "maxAttempts"]);

/** Problems with an identity step's settings, for checkFlow (paths under `settings`). */
export function checkIdentitySettings(step: Step): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const s = step.settings;
  if (s === undefined) return problems;
  if (s === null || typeof s !== "object" || Array.isArray(s)) return [{ path: "settings", message: "must be an object" }];
  for (const key of Object.keys(s)) if (!KNOWN.has(key)) problems.push({ path: `settings.${key}`, message: "is not an identity setting" });
  if (s.documents !== undefined) {
    if (!Array.isArray(s.documents) || s.documents.length === 0) problems.push({ path: "settings.documents", message: `must list at least one of ${DOCUMENT_TYPES.join(", ")}` });
    else {
      s.documents.forEach((d, i) => {
        if (!(DOCUMENT_TYPES as readonly unknown[]).includes(d)) problems.push({ path: `settings.documents.${i}`, message: `must be one of ${DOCUMENT_TYPES.join(", ")}` });
      });
      if (new Set(s.documents).size !== s.documents.length) problems.push({ path: "settings.documents", message: "lists a document twice" });
    }
  }
  if (s.selfie !== undefined && typeof s.selfie !== "boolean") problems.push({ path: "settings.selfie", message: "must be true or false" });
  const whole = (key: "minAge" | "maxAttempts", min: number, max: number) => {
    const v = s[key];
    if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)) problems.push({ path: `settings.${key}`, message: `must be a whole number from ${min} to ${max}` });
  };
  whole("minAge", 0, 120);
  whole("maxAttempts", 1, 10);
  return problems;
}

/**
 * Completing the step: a document must have been read for this application, or the customer has
 * used every attempt on unreadable photos (then a person checks: outcome review,
 * reason document_unreadable). With `selfie`, a selfie must have been sent too.
 */
export async function completeIdentityStep(trx: Trx, app: ApplicationRow, step: Step, now: Date): Promise<void> {
  const settings = identitySettings(step);
  const state = await identityState(trx, app, step, settings, now);
  if (!state.read && !state.exhausted) {
    throw new AppError("validation_failed", "Take a photo of your document's data page first", {
      issues: [{ path: "identity", code: "document_required", message: "Take a photo of your document's data page first" }],
    });
  }
  if (settings.selfie && state.read && !state.selfie) {
    throw new AppError("validation_failed", "Take a selfie first", { issues: [{ path: "identity.selfie", code: "selfie_required", message: "Take a selfie first" }] });
  }
  if (!state.read) await recordUnreadableOutcome(trx, app, step, state.unreadable, now);
}

registerStepKind({
  kind: "identity",
  checkSettings: checkIdentitySettings,
  onComplete: (trx, deps, app, step) => completeIdentityStep(trx, app, step, deps.clock.now()),
});
