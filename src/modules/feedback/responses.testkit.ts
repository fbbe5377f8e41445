import type { Executor } from "../../db";
import type { ResponseStatus } from "../../db/schema";
import { newId } from "../../kernel/ids";
import type { Question, SurveyDefinition } from "./definition/types";

/** Test helper: surveys, versions and responses inserted directly (no write path needed). */

const t = (en: string) => ({ en });
const choices = (...ids: string[]) => ids.map((id) => ({ id, text: t(`Choice ${id.toUpperCase()}`) }));

export const QUESTIONS: Question[] = [
  { id: "nps", type: "nps", text: t("How likely are you to recommend us?"), required: false },
  { id: "csat", type: "csat", text: t("How satisfied are you?"), required: false },
  { id: "ces", type: "ces", text: t("It was easy"), required: false },
  { id: "rate", type: "rating", style: "stars", points: 5, text: t("Rate us"), required: false },
  { id: "pick", type: "single", choices: choices("a", "b", "c"), randomizeChoices: false, text: t("Pick one"), required: false },
  { id: "many", type: "multi", choices: choices("x", "y", "z"), randomizeChoices: false, text: t("Pick many"), required: false },
  { id: "rank", type: "ranking", choices: choices("r1", "r2", "r3"), randomizeChoices: false, text: t("Rank"), required: false },
  { id: "grid", type: "matrix", rows: choices("row1", "row2"), columns: choices("c1", "c2"), multiple: false, randomizeChoices: false, text: t("Grid"), required: false },
  { id: "why", type: "text", format: "long", maxLength: 2000, text: t("Why?"), required: false },
  { id: "ok", type: "consent", label: t("I agree"), text: t("Consent"), required: false },
  { id: "who", type: "contact", fields: ["name", "email"], text: t("Contact"), required: false },
];

export function definition(questions: Question[] = QUESTIONS, hiddenFields: string[] = ["customerId", "email", "segment"]): SurveyDefinition {
  return {
    title: t("Test survey"),
    defaultLanguage: "en",
    languages: ["en"],
    questions,
    pages: questions.map((q) => ({ id: `p-${q.id}`, questionIds: [q.id], randomize: false })),
    hiddenFields,
    variables: [],
    rules: [],
    loops: [],
    endings: [{ id: "done", title: t("Thank you") }],
    quotas: [],
    settings: { showProgress: true, allowBack: true },
  };
}

export async function insertSurvey(db: Executor, tenantId: string, defs: SurveyDefinition[] = [definition()], now = new Date()): Promise<string> {
  const id = newId();
  const last = defs[defs.length - 1] as SurveyDefinition;
  await db.insertInto("surveys").values({ tenant_id: tenantId, id, name: "Test survey", status: "published", draft: JSON.stringify(last), draft_changed: false, published_version: defs.length, updated_at: now }).execute();
  let v = 0;
  for (const d of defs) {
    v += 1;
    await db.insertInto("survey_versions").values({ tenant_id: tenantId, survey_id: id, version: v, definition: JSON.stringify(d), published_at: now }).execute();
  }
  return id;
}

export interface ResponseInput {
  status?: ResponseStatus;
  version?: number;
  answers?: Record<string, unknown>;
  hidden?: Record<string, string>;
  language?: string;
  channel?: string;
  regionId?: string | null;
  branchId?: string | null;
  contactId?: string | null;
  startedAt?: Date;
  durationMs?: number | null;
  submitted?: string[];
  currentPage?: string | null;
  tags?: string[];
}

export async function insertResponse(db: Executor, tenantId: string, surveyId: string, r: ResponseInput = {}): Promise<string> {
  const id = newId();
  const status = r.status ?? "completed";
  const started = r.startedAt ?? new Date();
  const answers = r.answers ?? {};
  const duration = r.durationMs === undefined ? (status === "completed" ? 90_000 : null) : r.durationMs;
  await db
    .insertInto("survey_responses")
    .values({
      tenant_id: tenantId,
      id,
      survey_id: surveyId,
      version: r.version ?? 1,
      status,
      channel: r.channel ?? "link",
      language: r.language ?? "en",
      contact_id: r.contactId ?? null,
      region_id: r.regionId ?? null,
      branch_id: r.branchId ?? null,
      hidden: JSON.stringify(r.hidden ?? {}),
      answers: JSON.stringify(answers),
      variables: "{}",
      timings: "{}",
      submitted: JSON.stringify(r.submitted ?? Object.keys(answers).map((k) => `p-${k.split("#")[0]}`)),
      current_page: r.currentPage ?? null,
      tags: r.tags ?? [],
      started_at: started,
      updated_at: started,
      completed_at: status === "completed" ? new Date(started.getTime() + (duration ?? 0)) : null,
      duration_ms: duration,
    })
    .execute();
  return id;
}

/** A seeded pseudo-random generator (mulberry32), so failures replay. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

/** Random answers to QUESTIONS (some skipped). */
export function randomAnswers(rnd: ReturnType<typeof seeded>): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  if (rnd.chance(0.85)) a.nps = rnd.int(0, 10);
  if (rnd.chance(0.8)) a.csat = rnd.int(1, 5);
  if (rnd.chance(0.8)) a.ces = rnd.int(1, 7);
  if (rnd.chance(0.7)) a.rate = rnd.int(1, 5);
  if (rnd.chance(0.7)) a.pick = rnd.pick(["a", "b", "c"]);
  if (rnd.chance(0.6)) a.many = ["x", "y", "z"].filter(() => rnd.chance(0.5));
  if (rnd.chance(0.5)) a.rank = rnd.chance(0.5) ? ["r1", "r2", "r3"] : ["r3", "r1", "r2"];
  if (rnd.chance(0.5)) a.grid = { row1: rnd.pick(["c1", "c2"]), row2: rnd.pick(["c1", "c2"]) };
  if (rnd.chance(0.5)) a.why = rnd.pick(["great", "slow queue", "=cmd|' /C calc'!A0", "ممتاز", "很好"]);
  if (rnd.chance(0.5)) a.ok = rnd.chance(0.7);
  return a;
}
