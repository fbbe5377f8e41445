/** Compliance reviews of screening hits (four-eyes), alerts, screening evidence. */
import { AppError } from "../../kernel/errors";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { PageQuery, pageOf } from "../../server/pagination";
import { decideReview } from "./decide";
import { listReviews, REVIEW_BANDS, REVIEW_ORIGINS, REVIEW_STATUSES, reviewDetail } from "./reviews";

const tags = ["Compliance"];
const Iso = z.string();
const Person = z.object({ id: z.uuid(), name: z.string() });
const Status = z.enum(REVIEW_STATUSES).openapi("ComplianceReviewStatus");
const ReviewBand = z.enum(REVIEW_BANDS).openapi("ComplianceReviewBand");
const Origin = z.enum(REVIEW_ORIGINS).openapi("ComplianceReviewOrigin");
const SubjectStatus = z.enum(["clear", "edd", "review", "blocked", "true_match"]);
const Band = z.enum(["block", "review", "edd", "clear"]);

export const ComplianceReviewSchema = z
  .object({
    id: z.uuid(),
    status: Status,
    band: ReviewBand,
    origin: Origin,
    score: z.number(),
    list: z.object({ id: z.string(), name: z.string(), kind: z.enum(["sanctions", "pep"]) }),
    entryId: z.string(),
    entryName: z.string(),
    subject: z.object({ id: z.uuid(), name: z.string(), birthDate: z.string().nullable(), nationality: z.string().nullable(), status: SubjectStatus }),
    application: z.object({ id: z.uuid(), reference: z.string(), customerName: z.string(), status: z.string() }).nullable(),
    proposal: z.object({ decision: z.literal("false_positive"), reason: z.string(), by: Person, at: Iso }).nullable().openapi({ description: "The first officer's proposal to clear a block-band hit (four-eyes)" }),
    decision: z.object({ decision: z.enum(["true_match", "false_positive"]), reason: z.string(), by: Person, at: Iso }).nullable(),
    needsSecondOfficer: z.boolean(),
    actions: z.array(z.enum(["decide", "confirm"])).openapi({ description: "What the caller may do now: decide (open), confirm or overturn (clear-pending, proposed by someone else)" }),
    createdAt: Iso,
    ageHours: z.number().int(),
  })
  .openapi("ComplianceReview");

const Match = z.object({ list: z.string(), listVersion: z.number().int(), entryId: z.string(), name: z.string(), matchedName: z.string(), score: z.number(), band: Band }).openapi("ScreeningMatchOut");

export const ComplianceReviewDetailSchema = ComplianceReviewSchema.extend({
  matchedName: z.string(),
  listVersion: z.number().int().nullable(),
  entry: z
    .object({
      kind: z.enum(["individual", "entity", "vessel", "aircraft", "unknown"]),
      name: z.string(),
      aliases: z.array(z.object({ name: z.string(), quality: z.enum(["strong", "weak"]) })),
      birthDates: z.array(z.string()),
      nationalities: z.array(z.string()),
      programs: z.array(z.string()),
      details: z.record(z.string(), z.unknown()),
    })
    .nullable(),
  evidence: z.object({
    resultId: z.uuid(),
    reason: Origin,
    inputDigest: z.string(),
    provider: z.string(),
    listVersion: z.string(),
    actor: z.string(),
    screenedAt: Iso,
    topScore: z.number(),
    band: Band,
    matches: z.array(Match),
  }),
  history: z.array(z.object({ at: Iso, action: z.string(), actor: z.string(), data: z.record(z.string(), z.unknown()) })),
}).openapi("ComplianceReviewDetail");

const StatusList = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const list = s.split(",").map((x) => x.trim()).filter(Boolean);
    const bad = list.find((x) => !(REVIEW_STATUSES as readonly string[]).includes(x));
    if (bad) ctx.addIssue({ code: "custom", message: `unknown status ${bad.slice(0, 40)}` });
    return list as Array<(typeof REVIEW_STATUSES)[number]>;
  })
  .openapi({ description: `Comma-separated: ${REVIEW_STATUSES.join(", ")}`, type: "string" });

const ListQuery = PageQuery.extend({ status: StatusList.optional(), band: ReviewBand.optional(), origin: Origin.optional(), applicationId: z.uuid().optional() });
const AlertsQuery = PageQuery.extend({ band: ReviewBand.optional() });
export const ComplianceDecisionBody = z.strictObject({ decision: z.enum(["true_match", "false_positive"]), reason: z.string().trim().min(3).max(2000) }).openapi("ComplianceDecision");
export const ComplianceDecisionOut = z.object({ id: z.uuid(), status: Status }).openapi("ComplianceDecisionResult");
const closed = { 409: { description: "Decided already (review_closed), or the same officer tries to confirm their own proposal (four_eyes_required)", content: conflictError[409].content } };

export function complianceRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/compliance/reviews",
      tags,
      summary: "Compliance reviews of screening hits: waiting work first (clear-pending, open), oldest first",
      security,
      request: { query: ListQuery },
      responses: { 200: jsonContent(pageOf(ComplianceReviewSchema).openapi("ComplianceReviewPage")), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "compliance:read");
      return c.json(await listReviews(deps.db, actor, c.req.valid("query"), deps.clock.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/compliance/alerts",
      tags,
      summary: "Alerts: open reviews raised by re-screening existing customers after a list change",
      security,
      request: { query: AlertsQuery },
      responses: { 200: jsonContent(pageOf(ComplianceReviewSchema)), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "compliance:read");
      const q = c.req.valid("query");
      return c.json(await listReviews(deps.db, actor, { ...q, origin: "rescreen", status: ["open", "clear_pending"] }, deps.clock.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/compliance/reviews/{id}",
      tags,
      summary: "One review: the hit, the list entry, the subject, the screening evidence and the history",
      security,
      request: { params: IdParam },
      responses: { 200: jsonContent(ComplianceReviewDetailSchema), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "compliance:read");
      return c.json(await reviewDetail(deps.db, actor, c.req.valid("param").id, deps.clock.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/compliance/reviews/{id}/decision",
      tags,
      summary: "Decide a hit: true match or false positive, with a reason. Clearing a block-band hit takes two different compliance officers",
      security,
      request: { params: IdParam, body: jsonBody(ComplianceDecisionBody) },
      responses: { 200: jsonContent(ComplianceDecisionOut), ...standardErrors, ...notFoundError, ...closed },
    }),
    async (c) => {
      const actor = need(c, "compliance:decide");
      // Four-eyes counts people: a key could let one officer be both pairs of eyes.
      if (actor.kind !== "user") throw new AppError("forbidden", "Compliance decisions are made by a signed-in compliance officer, not an API key");
      const body = c.req.valid("json");
      return c.json(await decideReview(deps, auditContext(c, deps.clock.now()), actor, c.req.valid("param").id, body), 200);
    },
  );

  return app;
}
