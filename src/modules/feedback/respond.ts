/**
 * The respondent's write path: start a response (or record a whole one), save answers page by
 * page, resume. Everything a request changes happens in the caller's transaction.
 * Resume tokens: 256-bit random, only SHA-256 stored; on completion the stored hash is marked
 * spent (`spent:<hash>`), so the token no longer opens anything but is answered 409, not 404.
 */
import { completedPayload } from "./completed-event";
import type { Executor, Trx } from "../../db";
import { emitEvent } from "../../jobs/outbox";
import { sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { newId, randomToken } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import type { SurveyDefinition, SurveyLocale } from "./definition/types";
import { type WalkResult, walk, walkAll } from "./logic";
import { type PresentedEnding, presentEnding } from "./presenter";
import {
  checkAnswers,
  checkFiles,
  checkRequired,
  checkVisible,
  countQuotas,
  evalContext,
  fullQuotaMatching,
  invalid,
  loadPublished,
  mergeAnswers,
  mergeTimings,
  type Published,
  prune,
  versionDefinition,
} from "./respond-state";

export const CHANNELS = ["link", "qr", "embed", "email", "sms", "api"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface RespondResult {
  id: string;
  status: "in_progress" | "completed" | "screened_out";
  resumeToken: string | null;
  current: string | null;
  finished: boolean;
  ending: PresentedEnding | null;
}

export interface StartInput {
  tenantId: string;
  surveyId: string;
  channel: Channel | string;
  language?: string | null;
  hidden?: Record<string, string>;
  answers?: Record<string, unknown>;
  timings?: Record<string, number>;
  contactId?: string | null;
  invitationId?: string | null;
  branchId?: string | null;
  finished?: boolean;
  userAgent?: string | null;
}

const SPENT = "spent:";
export const hashToken = (token: string) => sha256Hex(token);
const pickLanguage = (def: SurveyDefinition, lang: string | null | undefined): string => (lang && def.languages.includes(lang as SurveyLocale) ? lang : def.defaultLanguage);

/** Declared hidden fields only; `branch` (a branch code of the bank) places the response in that branch and region. */
async function placeHidden(db: Executor, tenantId: string, def: SurveyDefinition, given: Record<string, string> | undefined, branchId: string | null | undefined) {
  const hidden: Record<string, string> = {};
  for (const name of def.hiddenFields) {
    const v = given?.[name];
    if (typeof v === "string" && v !== "") hidden[name] = v.slice(0, 500);
  }
  let branch: { id: string; region_id: string } | undefined;
  if (branchId) branch = await db.selectFrom("branches").select(["id", "region_id"]).where("tenant_id", "=", tenantId).where("id", "=", branchId).executeTakeFirst();
  else if (hidden.branch) branch = await db.selectFrom("branches").select(["id", "region_id"]).where("tenant_id", "=", tenantId).where("code", "=", hidden.branch).executeTakeFirst();
  return { hidden, branchId: branch?.id ?? null, regionId: branch?.region_id ?? null };
}


interface Open {
  id: string;
  tenantId: string;
  surveyId: string;
  version: number;
  def: SurveyDefinition;
  language: string;
  hidden: Record<string, string>;
  answers: Record<string, unknown>;
  channel: string;
  contactId: string | null;
  invitationId: string | null;
  startedAt: Date;
}

/**
 * Decides what a walk means for the stored row: finished → count quotas (full → screened out, or
 * 409 quota_full when `strictQuota`), prune hidden answers, set the ending; open → screened out
 * early when a full quota already matches. Returns the columns to write and the result.
 */
async function settle(trx: Trx, deps: Deps, o: Open, w: WalkResult, strictQuota: boolean, timings: Record<string, number>) {
  const now = deps.clock.now();
  const ctx = evalContext(o.def, o.answers, o.hidden, w, o.language);
  if (w.finished) {
    const full = o.def.quotas.length > 0 ? await countQuotas(trx, o.tenantId, o.surveyId, o.def, ctx) : null;
    if (full && strictQuota) throw new AppError("quota_full", `The survey has enough responses like this one (quota ${full.id}); nothing was saved`);
    if (full) return screenOut(o, w, full, ctx);
    const answers = prune(o.answers, w.visibleKeys);
    const timed = Object.values(timings).reduce((a, b) => a + b, 0);
    const duration = o.startedAt.getTime() < now.getTime() ? now.getTime() - o.startedAt.getTime() : timed > 0 ? timed : null;
    const row = { status: "completed" as const, answers, variables: w.variables, ending_id: w.ending?.id ?? null, quota_id: null, completed_at: now, duration_ms: duration, current_page: null };
    const event = completedPayload(o.def, { id: o.id, survey_id: o.surveyId, version: o.version, contact_id: o.contactId, invitation_id: o.invitationId, channel: o.channel, language: o.language }, answers, o.hidden);
    await emitEvent(trx, now, { tenantId: o.tenantId, type: "survey.response_completed", subjectType: "survey_response", subjectId: o.id, payload: event });
    return { row, result: { status: "completed" as const, current: null, finished: true, ending: presentEnding(w.ending, { ...ctx, answers }) } };
  }
  const full = o.def.quotas.length > 0 ? await fullQuotaMatching(trx, o.tenantId, o.surveyId, o.def, ctx) : null;
  if (full) return screenOut(o, w, full, ctx);
  const row = { status: "in_progress" as const, answers: o.answers, variables: w.variables, ending_id: null, quota_id: null, completed_at: null, duration_ms: null, current_page: w.current?.key ?? null };
  return { row, result: { status: "in_progress" as const, current: w.current?.key ?? null, finished: false, ending: null } };
}

function screenOut(o: Open, w: WalkResult, quota: SurveyDefinition["quotas"][number], ctx: ReturnType<typeof evalContext>) {
  const ending = o.def.endings.find((e) => e.id === quota.endingId) ?? o.def.endings[0] ?? null;
  const row = { status: "screened_out" as const, answers: prune(o.answers, w.visibleKeys), variables: w.variables, ending_id: ending?.id ?? null, quota_id: quota.id, completed_at: null, duration_ms: null, current_page: null };
  return { row, result: { status: "screened_out" as const, current: null, finished: true, ending: presentEnding(ending, ctx) } };
}

/**
 * Starts a response (finished false) or records a whole one (finished true: every page on the
 * logic path counts as submitted). Unknown/draft survey → 404, closed → 410 survey_closed.
 */
export async function startResponse(trx: Trx, deps: Deps, input: StartInput, preloaded?: Published & { version: number }): Promise<RespondResult> {
  const pub = preloaded && preloaded.tenantId === input.tenantId ? preloaded : await loadPublished(trx, input.surveyId, input.tenantId);
  if (pub.status === "closed") throw new AppError("survey_closed", "The survey is closed and takes no more responses");
  const def = await versionDefinition(trx, pub.tenantId, pub.surveyId, pub.version);
  const id = newId();
  const now = deps.clock.now();
  const { values, files } = checkAnswers(def, input.answers ?? {});
  await checkFiles(trx, input.tenantId, null, files);
  const answers = mergeAnswers({}, values);
  const place = await placeHidden(trx, input.tenantId, def, input.hidden, input.branchId);
  const finished = input.finished === true;
  const w = finished ? walkAll(def, answers, place.hidden, id) : walk(def, { answers, hidden: place.hidden, submitted: [], seed: id });
  checkVisible(def, w, values, finished);
  if (finished) {
    if (!w.finished) throw invalid([{ path: "body.finished", message: "these answers do not reach an ending of the survey", code: "not_finished" }]);
    checkRequired(w.path, answers);
  }
  const language = pickLanguage(def, input.language);
  const timings = mergeTimings(def, {}, input.timings);
  const o: Open = { id, tenantId: input.tenantId, surveyId: input.surveyId, version: pub.version, def, language, hidden: place.hidden, answers, channel: input.channel, contactId: input.contactId ?? null, invitationId: input.invitationId ?? null, startedAt: now };
  const { row, result } = await settle(trx, deps, o, w, finished, timings);
  const token = row.status === "in_progress" ? randomToken() : null;
  await trx
    .insertInto("survey_responses")
    .values({
      tenant_id: input.tenantId,
      id,
      survey_id: input.surveyId,
      version: pub.version,
      channel: input.channel,
      language,
      contact_id: o.contactId,
      invitation_id: o.invitationId,
      region_id: place.regionId,
      branch_id: place.branchId,
      hidden: JSON.stringify(place.hidden),
      submitted: JSON.stringify(w.path.map((p) => p.key)),
      timings: JSON.stringify(timings),
      resume_token_hash: token ? hashToken(token) : null,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
      started_at: now,
      updated_at: now,
      ...row,
      answers: JSON.stringify(row.answers),
      variables: JSON.stringify(row.variables),
    })
    .execute();
  if (row.status === "in_progress") {
    await emitEvent(trx, now, { tenantId: input.tenantId, type: "survey.response_started", subjectType: "survey_response", subjectId: id, payload: { surveyId: input.surveyId, responseId: id, version: pub.version, contactId: o.contactId, invitationId: o.invitationId, channel: input.channel, language } });
  }
  return { id, resumeToken: token, ...result };
}

const RESPONSE_COLUMNS = ["tenant_id", "id", "survey_id", "version", "status", "channel", "language", "contact_id", "invitation_id", "hidden", "answers", "submitted", "timings", "resume_token_hash", "started_at", "ending_id"] as const;

/** The response a resume token opens (locked for update). Wrong token → 404; a spent one (completed) → 409. */
export async function responseByToken(trx: Trx, responseId: string, token: string, forUpdate = true) {
  const h = hashToken(token);
  let q = trx.selectFrom("survey_responses").select(RESPONSE_COLUMNS).where("id", "=", responseId).where("resume_token_hash", "in", [h, `${SPENT}${h}`]);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such response");
  return { ...row, spent: row.resume_token_hash !== h };
}

export interface AnswerInput {
  responseId: string;
  token: string;
  answers?: Record<string, unknown>;
  timings?: Record<string, number>;
  submit?: string;
  language?: string;
}

/** Autosave and page submit (public API item 4). */
export async function saveAnswers(trx: Trx, deps: Deps, input: AnswerInput): Promise<RespondResult> {
  const r = await responseByToken(trx, input.responseId, input.token);
  if (r.spent || (r.status !== "in_progress" && r.status !== "partial")) throw new AppError("conflict", "This response is finished and can no longer change");
  const pub = await loadPublished(trx, r.survey_id, r.tenant_id);
  if (pub.status === "closed") throw new AppError("survey_closed", "The survey is closed and takes no more responses");
  const def = await versionDefinition(trx, r.tenant_id, r.survey_id, r.version);
  const { values, files } = checkAnswers(def, input.answers ?? {});
  await checkFiles(trx, r.tenant_id, r.id, files);
  const answers = mergeAnswers(r.answers as Record<string, unknown>, values);
  let submitted = r.submitted as string[];
  let w = walk(def, { answers, hidden: r.hidden, submitted, seed: r.id });
  checkVisible(def, w, values, false);
  if (input.submit !== undefined) {
    const page = w.current?.key === input.submit ? w.current : w.path.find((p) => p.key === input.submit);
    if (!page || (page !== w.current && !def.settings.allowBack)) {
      throw invalid([{ path: "body.submit", message: "is not the current page or a page already answered", code: "not_current" }]);
    }
    checkRequired([page], answers);
    const at = submitted.indexOf(input.submit);
    submitted = [...(at >= 0 ? submitted.slice(0, at) : submitted), input.submit];
    w = walk(def, { answers, hidden: r.hidden, submitted, seed: r.id });
  }
  const language = input.language ? pickLanguage(def, input.language) : r.language;
  const timings = mergeTimings(def, r.timings, input.timings);
  const o: Open = { id: r.id, tenantId: r.tenant_id, surveyId: r.survey_id, version: r.version, def, language, hidden: r.hidden, answers, channel: r.channel, contactId: r.contact_id, invitationId: r.invitation_id, startedAt: r.started_at };
  const { row, result } = await settle(trx, deps, o, w, false, timings);
  const open = row.status === "in_progress";
  await trx
    .updateTable("survey_responses")
    .set({
      ...row,
      answers: JSON.stringify(row.answers),
      variables: JSON.stringify(row.variables),
      submitted: JSON.stringify(submitted),
      timings: JSON.stringify(timings),
      language,
      updated_at: deps.clock.now(),
      ...(open ? {} : { resume_token_hash: `${SPENT}${hashToken(input.token)}` }),
    })
    .where("tenant_id", "=", r.tenant_id)
    .where("id", "=", r.id)
    .execute();
  return { id: r.id, resumeToken: open ? input.token : null, ...result };
}

/** A fresh resume token for an open response (personal links opened again). Finished → 409 conflict. */
export async function resumeResponse(trx: Trx, deps: Deps, input: { tenantId: string; responseId: string }): Promise<RespondResult> {
  const r = await trx.selectFrom("survey_responses").select(RESPONSE_COLUMNS).where("tenant_id", "=", input.tenantId).where("id", "=", input.responseId).forUpdate().executeTakeFirst();
  if (!r) throw new AppError("not_found", "No such response");
  if (r.status !== "in_progress" && r.status !== "partial") throw new AppError("conflict", "This response is finished");
  const def = await versionDefinition(trx, r.tenant_id, r.survey_id, r.version);
  const w = walk(def, { answers: r.answers as Record<string, unknown>, hidden: r.hidden, submitted: r.submitted, seed: r.id });
  const token = randomToken();
  await trx.updateTable("survey_responses").set({ resume_token_hash: hashToken(token), updated_at: deps.clock.now() }).where("tenant_id", "=", r.tenant_id).where("id", "=", r.id).execute();
  return { id: r.id, status: "in_progress", resumeToken: token, current: w.current?.key ?? null, finished: false, ending: null };
}

/** What a resume token shows (public API item 3). A finished response shows its ending only. */
export async function readResponse(trx: Trx, responseId: string, token: string) {
  const r = await responseByToken(trx, responseId, token, false);
  const def = await versionDefinition(trx, r.tenant_id, r.survey_id, r.version);
  const answers = r.spent ? {} : (r.answers as Record<string, unknown>);
  const w = walk(def, { answers: r.answers as Record<string, unknown>, hidden: r.hidden, submitted: r.submitted, seed: r.id });
  const finished = r.status === "completed" || r.status === "screened_out";
  const ending = finished ? (def.endings.find((e) => e.id === r.ending_id) ?? null) : null;
  return {
    id: r.id,
    surveyId: r.survey_id,
    version: r.version,
    status: r.status,
    language: r.language,
    answers,
    hidden: r.spent ? {} : r.hidden,
    submitted: r.submitted,
    current: finished ? null : (w.current?.key ?? null),
    finished,
    ending: presentEnding(ending, evalContext(def, r.answers as Record<string, unknown>, r.hidden, w, r.language)),
  };
}
