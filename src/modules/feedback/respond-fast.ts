/**
 * The hot path of the contract: a whole response (`finished: true`) to a survey without
 * quotas, written with ONE statement in autocommit (the survey's state checked, the response and
 * its `survey.response_completed` event inserted together). The survey's published version is
 * cached briefly per process; the statement itself re-checks it (`status = 'published' and
 * published_version = v`), so a stale cache never lets a response into a closed survey: it
 * returns null and the caller takes the transactional path, which reports 404/410 precisely.
 */
import { completedPayload } from "./completed-event";
import { sql } from "kysely";
import type { Db } from "../../db";
import { newId } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import type { SurveyDefinition, SurveyLocale } from "./definition/types";
import { walkAll } from "./logic";
import { presentEnding } from "./presenter";
import type { RespondResult } from "./respond";
import { checkAnswers, checkRequired, checkVisible, evalContext, invalid, loadPublished, mergeAnswers, mergeTimings, versionDefinition } from "./respond-state";

const META_TTL_MS = 2_000;
const meta = new Map<string, { tenantId: string; version: number; at: number }>();

/** Called when a survey's state changes in this process (publish, close, reopen, delete). */
export const forgetSurvey = (surveyId: string) => meta.delete(surveyId);

async function published(db: Db, surveyId: string, now: number) {
  const hit = meta.get(surveyId);
  if (hit && now - hit.at < META_TTL_MS) return hit;
  const pub = await loadPublished(db, surveyId);
  if (pub.status !== "published") return null;
  const m = { tenantId: pub.tenantId, version: pub.version, at: now };
  if (meta.size > 5000) meta.clear();
  meta.set(surveyId, m);
  return m;
}

export interface WholeInput {
  surveyId: string;
  answers?: Record<string, unknown>;
  hidden?: Record<string, string>;
  language?: string;
  channel: string;
  timings?: Record<string, number>;
  userAgent: string | null;
}

/** Records a whole response in one statement, or returns null when the transactional path must decide. */
export async function recordWhole(deps: Deps, input: WholeInput): Promise<RespondResult | null> {
  const nowDate = deps.clock.now();
  const m = await published(deps.db, input.surveyId, Date.now());
  if (!m) return null;
  const def: SurveyDefinition = await versionDefinition(deps.db, m.tenantId, input.surveyId, m.version);
  if (def.quotas.length > 0) return null;
  const { values, files } = checkAnswers(def, input.answers ?? {});
  if (files.length > 0) return null;
  const answers = mergeAnswers({}, values);
  const hidden: Record<string, string> = {};
  for (const name of def.hiddenFields) {
    const v = input.hidden?.[name];
    if (typeof v === "string" && v !== "") hidden[name] = v.slice(0, 500);
  }
  const id = newId();
  const w = walkAll(def, answers, hidden, id);
  checkVisible(def, w, values, true);
  if (!w.finished) throw invalid([{ path: "body.finished", message: "these answers do not reach an ending of the survey", code: "not_finished" }]);
  checkRequired(w.path, answers);
  const language = input.language && def.languages.includes(input.language as SurveyLocale) ? input.language : def.defaultLanguage;
  const kept = Object.fromEntries(Object.entries(answers).filter(([k]) => w.visibleKeys.has(k)));
  const timings = mergeTimings(def, {}, input.timings);
  const timed = Object.values(timings).reduce((a, b) => a + b, 0);
  const payload = completedPayload(def, { id, survey_id: input.surveyId, version: m.version, contact_id: null, invitation_id: null, channel: input.channel, language }, kept, hidden);
  const t = m.tenantId;
  const r = await sql<{ n: number }>`
    with s as (select 1 from surveys where tenant_id = ${t}::uuid and id = ${input.surveyId}::uuid and status = 'published' and published_version = ${m.version}::int),
    b as (select id, region_id from branches where tenant_id = ${t}::uuid and code = ${hidden.branch ?? null}::text),
    r as (
      insert into survey_responses (tenant_id, id, survey_id, version, status, channel, language, region_id, branch_id, hidden, answers, variables, submitted, ending_id, timings, user_agent, started_at, updated_at, completed_at, duration_ms)
      select ${t}::uuid, ${id}::uuid, ${input.surveyId}::uuid, ${m.version}::int, 'completed', ${input.channel}::text, ${language}::text, (select region_id from b), (select id from b),
        ${JSON.stringify(hidden)}::jsonb, ${JSON.stringify(kept)}::jsonb, ${JSON.stringify(w.variables)}::jsonb, ${JSON.stringify(w.path.map((p) => p.key))}::jsonb,
        ${w.ending?.id ?? null}::text, ${JSON.stringify(timings)}::jsonb, ${input.userAgent?.slice(0, 500) ?? null}::text, ${nowDate}::timestamptz, ${nowDate}::timestamptz, ${nowDate}::timestamptz, ${timed > 0 ? timed : null}::int
      from s
      returning id
    ),
    e as (
      insert into events (tenant_id, id, type, subject_type, subject_id, payload, created_at)
      select ${t}::uuid, ${newId()}::uuid, 'survey.response_completed', 'survey_response', ${id}::text, ${JSON.stringify(payload)}::jsonb, ${nowDate}::timestamptz from r
    )
    select count(*)::int as n from r`.execute(deps.db);
  if ((r.rows[0]?.n ?? 0) === 0) {
    meta.delete(input.surveyId);
    return null;
  }
  const ending = presentEnding(w.ending, evalContext(def, kept, hidden, w, language));
  return { id, status: "completed", resumeToken: null, current: null, finished: true, ending };
}
