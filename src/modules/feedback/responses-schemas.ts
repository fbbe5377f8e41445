import { z } from "../../server/openapi";

/** Response shapes of responses-routes.ts (the back office's api/types.ts mirrors them). */
const STATUS = z.enum(["in_progress", "completed", "partial", "screened_out"]);
const ACTION = z.enum(["tag", "note", "erase"]);

export const ResponseListItemSchema = z
  .object({
    id: z.uuid(),
    status: STATUS,
    language: z.string(),
    channel: z.string(),
    version: z.number().int(),
    startedAt: z.string(),
    completedAt: z.string().nullable(),
    durationSeconds: z.number().nullable(),
    tags: z.array(z.string()),
    hidden: z.record(z.string(), z.string()),
    contactId: z.string().nullable(),
    preview: z.object({ nps: z.number().nullable().optional(), csat: z.number().nullable().optional() }),
    actions: z.array(ACTION),
  })
  .openapi("ResponseListItem");

export const ResponseNoteSchema = z
  .object({ id: z.uuid(), body: z.string(), authorName: z.string().nullable(), createdAt: z.string() })
  .openapi("ResponseNote");

export const ResponseDetailSchema = z
  .object({
    id: z.uuid(),
    surveyId: z.uuid(),
    status: STATUS,
    language: z.string(),
    channel: z.string(),
    version: z.number().int(),
    startedAt: z.string(),
    completedAt: z.string().nullable(),
    durationSeconds: z.number().nullable(),
    contactId: z.string().nullable(),
    answers: z.array(
      z.object({
        key: z.string(),
        questionId: z.string(),
        type: z.string(),
        question: z.string(),
        loopItem: z.string().nullable(),
        display: z.string(),
        value: z.unknown(),
        timingMs: z.number().nullable(),
        fileId: z.string().nullable(),
      }),
    ),
    hidden: z.record(z.string(), z.string()),
    variables: z.record(z.string(), z.union([z.string(), z.number()])),
    ending: z.object({ id: z.string(), title: z.string() }).nullable(),
    tags: z.array(z.string()),
    notes: z.array(ResponseNoteSchema),
    files: z.array(z.object({ id: z.uuid(), questionId: z.string(), name: z.string().nullable(), contentType: z.string(), size: z.number().int() })),
    actions: z.array(ACTION),
  })
  .openapi("ResponseDetail");

const n = z.number().int();
const pct = z.number().nullable();
export const QuestionSummarySchema = z.union([
  z.object({ type: z.literal("nps"), n, promoters: n, passives: n, detractors: n, score: pct, interval95: z.tuple([z.number(), z.number()]).nullable(), distribution: z.array(n) }),
  z.object({ type: z.literal("csat"), n, score: pct, scale: z.string(), distribution: z.array(n) }),
  z.object({ type: z.literal("ces"), n, mean: pct, agreePercent: pct, distribution: z.array(n) }),
  z.object({ type: z.literal("rating"), n, mean: pct, distribution: z.array(n) }),
  z.object({ type: z.enum(["single", "multi", "dropdown", "picture"]), n, choices: z.array(z.object({ id: z.string(), count: n, percent: z.number() })) }),
  z.object({ type: z.literal("ranking"), n, choices: z.array(z.object({ id: z.string(), averageRank: pct })) }),
  z.object({ type: z.literal("matrix"), n, rows: z.array(z.object({ id: z.string(), columns: z.array(z.object({ id: z.string(), count: n })) })) }),
  z.object({ type: z.enum(["text", "date", "consent", "file", "contact", "address", "statement"]), n, yes: n.optional() }),
]);

export const SummarySchema = z
  .object({
    responses: n.openapi({ description: "Completed + partial responses matching the filters" }),
    started: n,
    completed: n,
    partial: n,
    screenedOut: n,
    inProgress: n,
    completionRate: pct.openapi({ description: "completed ÷ (completed + partial), percent" }),
    medianSecondsToComplete: pct,
    questions: z.record(z.string(), QuestionSummarySchema),
    dropOff: z.array(z.object({ questionId: z.string(), reached: n, answered: n, droppedHere: n })),
  })
  .openapi("SurveySummary");
