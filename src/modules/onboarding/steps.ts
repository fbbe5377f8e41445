/**
 * Step kinds are pluggable: identity checks and e-signature register a handler here and become
 * step types of the flow. The core kinds (form, documents, payment, review) are handled by the
 * onboarding module itself; a flow naming an unregistered kind does not pass checkFlow.
 */
import type { Trx } from "../../db";
import type { Deps } from "../../server/deps";
import { CORE_STEP_KINDS, type Step } from "./flow/types";
import type { ApplicationRow } from "./timeline";

export interface StepKindHandler {
  kind: string;
  /** Problems with the step's settings, for checkFlow (e.g. "settings.documentTypes: required"). */
  checkSettings?(step: Step): Array<{ path: string; message: string }>;
  /**
   * Called when the customer completes a step of this kind, inside the completing transaction.
   * Throw an AppError to refuse (it reaches the customer translated by code); record check results
   * in application_checks.
   */
  onComplete?(trx: Trx, deps: Deps, app: ApplicationRow, step: Step): Promise<void>;
}

const handlers = new Map<string, StepKindHandler>();

export function registerStepKind(handler: StepKindHandler): void {
  if ((CORE_STEP_KINDS as readonly string[]).includes(handler.kind)) throw new Error(`${handler.kind} is a core step kind`);
  handlers.set(handler.kind, handler);
}

export const stepHandler = (kind: string): StepKindHandler | undefined => handlers.get(kind);

/** Every kind a flow may use now. */
export const knownStepKinds = (): string[] => [...CORE_STEP_KINDS, ...handlers.keys()];
