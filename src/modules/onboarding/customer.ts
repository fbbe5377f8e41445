/**
 * The customer's side of an application: field-level autosave, step views and completion, and
 * submission. Saving and completing lock the application row (FOR UPDATE) so two tabs or two
 * devices cannot interleave. The autosave is one transaction of two statements (lock, update):
 * the flow version is cached per process and nothing else is read or written on the hot path.
 */
import type { Context } from "hono";
import { sql } from "kysely";
import fullPlans from "libphonenumber-js/max/metadata";
import type { Trx } from "../../db";
import { sha256Hex } from "../../kernel/crypto";
import { AppError, type FieldIssue } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { checkField, findField, hiddenAnswerKeys, progress, stepProblems, visibleFields, visibleSteps } from "./flow/logic";
import { isDisposableEmail } from "../checks/account/disposable";
import { fieldMessage, warningMessage } from "./flow/messages";
import type { AnswerValue, Answers, FlowDefinition, Step } from "./flow/types";
import { bearer, type CustomerSession, checkSession, signInAgain } from "./session";
import { runApplicationHooks, stepHandler } from "./steps";
import { applicationById, applicationFlow, assertCustomerEditable, CUSTOMER_EDITABLE } from "./store";
import { type ApplicationRow, deviceOf, recordTimeline } from "./timeline";

/** What the customer sees as their answers: the bank's known data for fields never answered, then their answers. */
export function effectiveAnswers(def: FlowDefinition, app: Pick<ApplicationRow, "answers" | "prefill">): Answers {
  const stored = app.answers as Answers;
  const prefill = app.prefill as Record<string, AnswerValue>;
  const out: Answers = {};
  for (const step of def.steps) {
    for (const f of step.fields) {
      if (f.prefill && !(f.id in stored) && prefill[f.prefill] !== undefined) out[f.id] = prefill[f.prefill];
    }
  }
  return { ...out, ...stored };
}

export const progressOf = (def: FlowDefinition, answers: Answers, completed: readonly string[]) => {
  const p = progress(def, answers, completed);
  return { step: p.step, view: { index: p.index, total: p.total, minutesLeft: p.minutesLeft } };
};

const problemIssue = (path: string, problem: { code: string; params?: Record<string, string | number> }, language: string): FieldIssue => ({
  path,
  code: problem.code,
  message: fieldMessage(problem as never, language),
  ...(problem.params ? { params: problem.params } : {}),
});

const notVisible = (id: string): FieldIssue => ({ path: `answers.${id}`, code: "not_visible", message: "This question is not part of your application" });

const lock = (trx: Trx, s: CustomerSession) => applicationById(trx, s.tenantId, s.applicationId, { forUpdate: true });


/**
 * The customer behind a write, with their application row locked: the same checks as
 * requireCustomer (session.ts) in one statement, so an autosave is lock + update.
 */
export async function lockedCustomer(c: Context<AppEnv>, deps: Deps, trx: Trx): Promise<{ session: CustomerSession; app: ApplicationRow }> {
  const token = bearer(c);
  if (!token) throw signInAgain();
  const hash = sha256Hex(token);
  const row = await trx
    .selectFrom("application_sessions as s")
    .innerJoin("application_links as l", (j) => j.onRef("l.tenant_id", "=", "s.tenant_id").onRef("l.id", "=", "s.link_id"))
    .innerJoin("applications as a", (j) => j.onRef("a.tenant_id", "=", "s.tenant_id").onRef("a.id", "=", "s.application_id"))
    .selectAll("a")
    .select(["s.link_id as session_link_id", "s.expires_at as session_expires_at", "s.last_seen_at as session_last_seen_at", "s.ended_at as session_ended_at", "l.revoked_at as link_revoked_at"])
    .where("s.token_hash", "=", hash)
    .forUpdate("a")
    .executeTakeFirst();
  if (!row) throw signInAgain();
  const now = deps.clock.now();
  const { session_link_id, session_expires_at, session_last_seen_at, session_ended_at, link_revoked_at, ...app } = row;
  if (checkSession(deps, { ended_at: session_ended_at, revoked_at: link_revoked_at, expires_at: session_expires_at, last_seen_at: session_last_seen_at }, now).touch) {
    await trx.updateTable("application_sessions").set({ last_seen_at: now }).where("token_hash", "=", hash).execute();
  }
  return { session: { tokenHash: hash, tenantId: app.tenant_id, applicationId: app.id, linkId: session_link_id }, app };
}

/** Saved, but worth a second look: shown under the field, never blocking (a disposable email). */
export interface SaveWarning {
  path: string;
  code: "disposable_email";
  message: string;
}

function answerWarnings(def: FlowDefinition, saved: Answers, language: string): SaveWarning[] {
  const out: SaveWarning[] = [];
  for (const [id, v] of Object.entries(saved)) {
    if (typeof v === "string" && findField(def, id)?.field.type === "email" && isDisposableEmail(v)) out.push({ path: `answers.${id}`, code: "disposable_email", message: warningMessage("disposable_email", language) });
  }
  return out;
}

export interface SaveInput {
  answers?: Record<string, unknown>;
  at?: { step: string; field?: string };
  language?: string;
}

/**
 * Saves some answers, all or nothing. Values are checked and normalised like the page does
 * (checkField); emptying a field is allowed here (required fields are enforced when the step is
 * completed). Answers of fields that an earlier answer now hides are removed.
 */
export async function saveAnswers(trx: Trx, deps: Deps, session: CustomerSession, input: SaveInput, userAgent: string | null, locked?: ApplicationRow) {
  const now = deps.clock.now();
  const app = locked ?? (await lock(trx, session));
  const def = await applicationFlow(trx, app);
  const language = input.language ?? app.language;
  if (input.language && !(def.languages as string[]).includes(input.language)) {
    throw new AppError("validation_failed", "This application is not offered in that language", { issues: [{ path: "body.language", code: "invalid_option", message: `use one of: ${def.languages.join(", ")}` }] });
  }
  // The language the bank writes in may change in any status (decision and welcome messages follow it).
  const languageOnly = input.language !== undefined && Object.keys(input.answers ?? {}).length === 0 && !input.at;
  if (languageOnly && !CUSTOMER_EDITABLE.has(app.status)) {
    await trx.updateTable("applications").set({ language, updated_at: now }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).execute();
    return { saved: [], progress: progressOf(def, effectiveAnswers(def, app), app.completed_steps).view, currentStep: app.current_step, currentField: app.current_field, warnings: [] as SaveWarning[] };
  }
  assertCustomerEditable(app);
  const incoming = input.answers ?? {};
  const keys = Object.keys(incoming);
  const normalised: Answers = {};
  const issues: FieldIssue[] = [];
  for (const id of keys) {
    const found = findField(def, id);
    if (!found || found.field.type === "file") {
      // Unknown fields, and files (those change through the document upload only).
      issues.push(notVisible(id));
      continue;
    }
    const r = checkField({ ...found.field, required: false }, incoming[id], now, { phoneTypes: fullPlans });
    if (r.ok) normalised[id] = r.value;
    else issues.push(problemIssue(`answers.${id}`, r.problem, language));
  }
  const before = effectiveAnswers(def, app);
  const next: Answers = { ...before, ...normalised };
  for (const id of Object.keys(normalised)) {
    const found = findField(def, id);
    if (!found) continue;
    const visible = visibleSteps(def, next).includes(found.step) && visibleFields(found.step, next).includes(found.field);
    if (!visible) issues.push(notVisible(id));
  }
  if (issues.length) throw new AppError("validation_failed", `${issues.length} answer(s) could not be saved`, { issues });
  const stored: Answers = { ...(app.answers as Answers), ...normalised };
  for (const k of hiddenAnswerKeys(def, { ...before, ...stored })) delete stored[k];
  let currentStep = app.current_step;
  let currentField = app.current_field;
  if (input.at) {
    const step = def.steps.find((s) => s.id === input.at?.step);
    if (!step || (input.at.field && !step.fields.some((f) => f.id === input.at?.field))) throw new AppError("validation_failed", "No such step or field", { issues: [{ path: "body.at", code: "not_visible", message: "is not a step (and field) of this application" }] });
    currentStep = step.id;
    currentField = input.at.field ?? null;
  } else if (keys.length) {
    const last = findField(def, keys[keys.length - 1] as string);
    currentStep = last?.step.id ?? currentStep;
    currentField = last?.field.id ?? currentField;
  }
  const device = deviceOf(userAgent) ?? app.device;
  const resumed = app.status === "abandoned";
  const status = app.status === "created" || resumed ? "in_progress" : app.status;
  const channels = device && !app.channels_used.includes(device) ? [...app.channels_used, device] : app.channels_used;
  const updated = await trx
    .updateTable("applications")
    .set({ answers: JSON.stringify(stored), current_step: currentStep, current_field: currentField, last_activity_at: now, updated_at: now, device, channels_used: channels, status, language, ...(resumed ? { abandoned_at: null } : {}) })
    .where("tenant_id", "=", app.tenant_id)
    .where("id", "=", app.id)
    .returning(["tenant_id", "id", "reference", "product", "channel", "device", "branch_id", "region_id", "agent_id", "status", "customer_ref", "customer_email", "customer_phone", "customer_name", "language", "current_step", "current_field"])
    .executeTakeFirstOrThrow();
  if (resumed) await recordTimeline(trx, now, updated as ApplicationRow, { type: "resumed", actor: "customer", device, channel: "web", step: currentStep, field: currentField });
  const p = progressOf(def, { ...before, ...stored }, app.completed_steps);
  return { saved: Object.keys(normalised), progress: p.view, currentStep, currentField, warnings: answerWarnings(def, normalised, language) };
}

function visibleStep(def: FlowDefinition, answers: Answers, stepId: string): Step {
  const step = def.steps.find((s) => s.id === stepId);
  if (!step) throw new AppError("not_found", "No such step");
  if (!visibleSteps(def, answers).includes(step)) throw new AppError("validation_failed", "This step is not part of your application", { issues: [{ path: "stepId", code: "not_visible", message: "This step is not part of your application" }] });
  return step;
}

/** Records that the customer opened a step (once per session and step) and where they are. */
export async function viewStep(trx: Trx, deps: Deps, session: CustomerSession, stepId: string, userAgent: string | null, locked?: ApplicationRow): Promise<void> {
  const now = deps.clock.now();
  const app = locked ?? (await lock(trx, session));
  const def = await applicationFlow(trx, app);
  visibleStep(def, effectiveAnswers(def, app), stepId);
  // After submission the pages are read-only: nothing to record.
  if (!CUSTOMER_EDITABLE.has(app.status)) return;
  await trx.updateTable("applications").set({ current_step: stepId, last_activity_at: now, updated_at: now }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).execute();
  const key = session.tokenHash.slice(0, 16);
  const seen = await trx
    .selectFrom("application_timeline")
    .select("id")
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .where("type", "=", "step_viewed")
    .where("step", "=", stepId)
    .where(sql<boolean>`data->>'session' = ${key}`)
    .executeTakeFirst();
  if (!seen) await recordTimeline(trx, now, { ...app, current_step: stepId }, { type: "step_viewed", actor: "customer", step: stepId, device: deviceOf(userAgent) ?? app.device, channel: "web", data: { session: key } });
}

const LIVE_DOCUMENT = ["uploaded", "accepted"] as const;

/** The server's own check of a step before it counts as done; 400 names every field still missing. */
async function stepIssues(trx: Trx, app: ApplicationRow, step: Step, answers: Answers, today: Date): Promise<FieldIssue[]> {
  const issues = stepProblems(step, answers, today, { phoneTypes: fullPlans }).map((p) => problemIssue(`answers.${p.field}`, p.problem, app.language));
  const files = visibleFields(step, answers).filter((f) => f.type === "file" && f.required);
  if (files.length) {
    const rows = await trx
      .selectFrom("application_documents")
      .select("field_id")
      .where("tenant_id", "=", app.tenant_id)
      .where("application_id", "=", app.id)
      .where("field_id", "in", files.map((f) => f.id))
      .where("status", "in", [...LIVE_DOCUMENT])
      .execute();
    const have = new Set(rows.map((r) => r.field_id));
    for (const f of files) if (!have.has(f.id) && !issues.some((i) => i.path === `answers.${f.id}`)) issues.push(problemIssue(`answers.${f.id}`, { code: "required" }, app.language));
  }
  if (step.kind === "payment") {
    const paid = await trx.selectFrom("application_payments").select("id").where("tenant_id", "=", app.tenant_id).where("application_id", "=", app.id).where("step", "=", step.id).where("status", "=", "approved").executeTakeFirst();
    if (!paid) issues.push({ path: "payment", code: "payment_required", message: "Complete the payment to continue" });
  }
  return issues;
}

export async function completeStep(trx: Trx, deps: Deps, session: CustomerSession, stepId: string, userAgent: string | null, locked?: ApplicationRow) {
  const now = deps.clock.now();
  const app = locked ?? (await lock(trx, session));
  assertCustomerEditable(app);
  const def = await applicationFlow(trx, app);
  const answers = effectiveAnswers(def, app);
  const step = visibleStep(def, answers, stepId);
  const issues = await stepIssues(trx, app, step, answers, now);
  if (issues.length) throw new AppError("validation_failed", `${issues.length} problem(s) in this step`, { issues });
  await stepHandler(step.kind)?.onComplete?.(trx, deps, app, step);
  const done = new Set([...app.completed_steps, step.id]);
  const completed = def.steps.filter((s) => done.has(s.id)).map((s) => s.id);
  let p = progressOf(def, answers, completed);
  let next = p.step?.id ?? null;
  const device = deviceOf(userAgent) ?? app.device;
  const updated = await trx
    .updateTable("applications")
    .set({ completed_steps: JSON.stringify(completed), current_step: next ?? step.id, current_field: null, last_activity_at: now, updated_at: now, device, status: app.status === "created" ? "in_progress" : app.status })
    .where("tenant_id", "=", app.tenant_id)
    .where("id", "=", app.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordTimeline(trx, now, updated, { type: "step_completed", actor: "customer", step: step.id, device, channel: "web" });
  // Screening and risk may add steps (enhanced due diligence): then the next step comes from the flow as it is now.
  const after = await runApplicationHooks(trx, deps, updated, "step_completed");
  if (after !== updated) {
    const flowNow = await applicationFlow(trx, after);
    p = progressOf(flowNow, effectiveAnswers(flowNow, after), completed);
    const nextNow = p.step?.id ?? null;
    if (nextNow !== next) await trx.updateTable("applications").set({ current_step: nextNow ?? step.id }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).execute();
    next = nextNow;
  }
  return { completedSteps: completed, progress: p.view, next };
}

/** Submits when every visible step is completed and still valid; from info_requested as well. */
/** Screening and risk once more before submission, committed on their own (their results stand even if submission is refused). */
export async function beforeSubmit(trx: Trx, deps: Deps, app: ApplicationRow): Promise<ApplicationRow> {
  assertCustomerEditable(app);
  return runApplicationHooks(trx, deps, app, "before_submit");
}

export async function submitApplication(trx: Trx, deps: Deps, session: CustomerSession, userAgent: string | null, locked?: ApplicationRow) {
  const now = deps.clock.now();
  const app = locked ?? (await lock(trx, session));
  assertCustomerEditable(app);
  const def = await applicationFlow(trx, app);
  const answers = effectiveAnswers(def, app);
  const done = new Set(app.completed_steps);
  const issues: FieldIssue[] = [];
  for (const step of visibleSteps(def, answers)) {
    if (!done.has(step.id)) issues.push({ path: `steps.${step.id}`, code: "not_completed", message: "This step is not completed yet" });
    else if ((await stepIssues(trx, app, step, answers, now)).length) issues.push({ path: `steps.${step.id}`, code: "not_valid", message: "Some answers of this step need your attention" });
  }
  if (issues.length) throw new AppError("validation_failed", "Complete every step before submitting", { issues });
  const device = deviceOf(userAgent) ?? app.device;
  const updated = await trx
    .updateTable("applications")
    .set({ status: "submitted", submitted_at: now, sla_due_at: new Date(now.getTime() + def.slaHours * 3_600_000), last_activity_at: now, updated_at: now, device, current_field: null })
    .where("tenant_id", "=", app.tenant_id)
    .where("id", "=", app.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordTimeline(trx, now, updated, { type: "submitted", actor: "customer", device, channel: "web", data: { resubmitted: app.status === "info_requested" } });
  return { status: "submitted" as const, reference: app.reference };
}

/** Ends this device's session. */
export async function logout(trx: Trx, deps: Deps, session: CustomerSession): Promise<void> {
  await trx.updateTable("application_sessions").set({ ended_at: deps.clock.now() }).where("token_hash", "=", session.tokenHash).execute();
}
