/**
 * Step kinds are pluggable: identity checks and e-signature register a handler here and become
 * step types of the flow. The core kinds (form, documents, payment, review) are handled by the
 * onboarding module itself; a flow naming an unregistered kind does not pass checkFlow.
 */
import type { Trx } from "../../db";
import type { Deps } from "../../server/deps";
import { CORE_STEP_KINDS, type FlowDefinition, type Step } from "./flow/types";
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

/**
 * Application hooks: compliance modules (screening, risk) run after every completed step and once
 * more before submission, each in the caller's transaction, in `order`. A hook returns the row as
 * it left it (e.g. with a new risk level), or nothing when it changed nothing.
 */
export type HookMoment = "step_completed" | "before_submit";
export interface ApplicationHook {
  name: string;
  order: number;
  run(trx: Trx, deps: Deps, app: ApplicationRow, moment: HookMoment): Promise<ApplicationRow | undefined>;
}

const hooks: ApplicationHook[] = [];

export function registerApplicationHook(hook: ApplicationHook): void {
  const i = hooks.findIndex((h) => h.name === hook.name);
  if (i >= 0) hooks.splice(i, 1);
  hooks.push(hook);
  hooks.sort((a, b) => a.order - b.order);
}

export async function runApplicationHooks(trx: Trx, deps: Deps, app: ApplicationRow, moment: HookMoment): Promise<ApplicationRow> {
  let row = app;
  for (const hook of hooks) row = (await hook.run(trx, deps, row, moment)) ?? row;
  return row;
}

/**
 * Flow extensions: the flow an application answers is its published version, extended per
 * application (enhanced-due-diligence steps for a high risk). Extensions must be pure and keep the
 * final review step last.
 */
export type FlowExtension = (def: FlowDefinition, app: ApplicationRow) => FlowDefinition;
const extensions = new Map<string, FlowExtension>();

export function registerFlowExtension(name: string, extension: FlowExtension): void {
  extensions.set(name, extension);
}

export function extendFlow(def: FlowDefinition, app: ApplicationRow): FlowDefinition {
  let out = def;
  for (const ext of extensions.values()) out = ext(out, app);
  return out;
}
