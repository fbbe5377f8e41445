import { sql } from "kysely";
import { inTransaction } from "../src/db";
import type { AuditContext } from "../src/modules/audit/record";
import { parseDefinition } from "../src/modules/feedback/definition/schema";
import { templateById } from "../src/modules/feedback/definition/templates";
import { saveAnswers, startResponse } from "../src/modules/feedback/respond";
import { closeIdleResponses } from "../src/modules/feedback/close-idle-job";
import { createSurvey, publishSurvey } from "../src/modules/feedback/surveys";
import type { Deps } from "../src/server/deps";

const DAY_MS = 86_400_000;
const LANGUAGES = ["en", "en", "en", "he", "ar", "zh-Hans", "zh-Hant"];
const CHANNELS = ["email", "email", "sms", "link", "qr", "embed"];

/** A small deterministic generator (mulberry32), so every machine gets the same demo answers. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T };
}

interface DemoSurvey {
  template: string;
  responses: number;
  /** Respondents who answered the first page, then closed the tab (kept as partial responses). */
  partial?: number;
  /** Answers for response i, drawn from r. */
  answers: (r: ReturnType<typeof random>) => Record<string, unknown>;
  hidden?: (r: ReturnType<typeof random>, branchCodes: string[]) => Record<string, string>;
}

const NPS_WEIGHTS = [1, 1, 1, 2, 2, 3, 4, 7, 10, 14, 12]; // skewed like a typical retail bank
function weighted(r: ReturnType<typeof random>, weights: number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = r.next() * total;
  for (const [i, w] of weights.entries()) {
    x -= w;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

const REASONS = ["Quick answers in the app", "Fees are too high", "Friendly branch staff", "Transfers take too long", "Easy to open the account"];

const DEMO_SURVEYS: DemoSurvey[] = [
  {
    template: "relationship-nps",
    responses: 160,
    partial: 24,
    answers: (r) => {
      const nps = weighted(r, NPS_WEIGHTS);
      return { nps, ...(r.next() < 0.6 ? { reason: r.pick(REASONS) } : {}), followUp: nps <= 6 && r.next() < 0.5 };
    },
  },
  {
    template: "branch-csat",
    responses: 90,
    answers: (r) => ({ csat: weighted(r, [0, 2, 3, 6, 14, 16]) }),
    hidden: (r, branches) => ({ branch: r.pick(branches) }),
  },
  { template: "onboarding-ces", responses: 50, answers: (r) => ({ ces: weighted(r, [0, 1, 2, 3, 5, 10, 14, 9]) }) },
];

/**
 * Demo feedback: three published surveys from the banking templates with responses spread over the
 * last 90 days (languages, channels, branches) and some partial ones, recorded through the same
 * commands the public API uses.
 */
export async function seedFeedback(deps: Deps, tenantId: string, branchCodes: string[]): Promise<void> {
  const audit = (): AuditContext => ({ actor: null, now: deps.clock.now() });
  const today = deps.clock.now().getTime();
  for (const [s, demo] of DEMO_SURVEYS.entries()) {
    const template = templateById(demo.template);
    if (!template) throw new Error(`demo seed: no template ${demo.template}`);
    const surveyId = await inTransaction(deps.db, async (trx) => {
      const survey = await createSurvey(trx, audit(), tenantId, { definition: parseDefinition(template.definition), template: template.id });
      await publishSurvey(trx, audit(), tenantId, survey.id);
      return survey.id;
    });
    const r = random(1000 + s);
    // One transaction per survey: the embedded store pays for every commit, and the seed runs on a first start.
    await inTransaction(deps.db, async (trx) => {
      for (let i = 0; i < demo.responses; i++) {
        const completedAt = new Date(today - Math.floor(r.next() * 90 * DAY_MS));
        const seconds = 20 + Math.floor(r.next() * 160);
        const at = { ...deps, clock: { now: () => completedAt } };
        const res = await startResponse(trx, at, {
          tenantId,
          surveyId,
          channel: r.pick(CHANNELS),
          language: r.pick(LANGUAGES),
          hidden: demo.hidden?.(r, branchCodes) ?? {},
          answers: demo.answers(r),
          finished: true,
        });
        // A real respondent took a while: backdate the start in the same transaction as the insert,
        // so nothing (rollups included) ever sees the response without its duration.
        await sql`update survey_responses set started_at = ${new Date(completedAt.getTime() - seconds * 1000)}, duration_ms = ${seconds * 1000}
          where tenant_id = ${tenantId} and id = ${res.id}`.execute(trx);
      }
      // Started, answered the first page, left: the idle-response job closes them as partial.
      for (let i = 0; i < (demo.partial ?? 0); i++) {
        const leftAt = new Date(today - DAY_MS - Math.floor(r.next() * 89 * DAY_MS));
        const at = { ...deps, clock: { now: () => leftAt } };
        const first = Object.fromEntries(Object.entries(demo.answers(r)).slice(0, 1));
        const res = await startResponse(trx, at, { tenantId, surveyId, channel: r.pick(CHANNELS), language: r.pick(LANGUAGES), answers: first });
        if (res.resumeToken && res.current) await saveAnswers(trx, at, { responseId: res.id, token: res.resumeToken, submit: res.current });
      }
    });
  }
  await closeIdleResponses(deps.db, deps.clock.now(), deps.config.feedbackPartialAfterHours, { tenantId });
}
