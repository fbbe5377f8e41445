/**
 * A bank's journey definitions (journey_definitions): one per product, '*' for every product
 * without its own, the built-in DEFAULT_DEFINITION otherwise. Saving or deleting one does not
 * change the rollups by itself: the journeys already folded keep the old milestones until a
 * rebuild (POST /journey-definitions/rebuild, job `journeys.rebuild`) refolds them.
 */
import type { Selectable } from "kysely";
import { type Executor, inTransaction } from "../../../db";
import type { JourneyDefinitionsTable } from "../../../db/schema-journeys";
import { AppError } from "../../../kernel/errors";
import { enqueueJob } from "../../../jobs/enqueue";
import { type AuditContext, recordAudit } from "../../audit/record";
import { CORE_MILESTONES, DEFAULT_DEFINITION, type JourneyDefinition } from "../model/definition";
import { z } from "../../../server/openapi";
import { isEventName } from "./filters";

export const REBUILD_JOB = "journeys.rebuild";
export const MAX_RULES = 200;

const EventName = z.string().min(1).max(200).refine(isEventName, "must not hold control characters or commas");
const MilestoneName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "must be 1–40 of a-z 0-9 _ starting with a letter");
const ChannelName = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, "must be 1–40 of a-z 0-9 _ - starting with a letter");
const StepId = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, "must be 1–80 of A-Z a-z 0-9 _ . -");
const RequestType = z.string().regex(/^[a-z0-9_]{1,60}$/, "must be 1–60 of a-z 0-9 _");

const TouchpointRule = z.strictObject({
  event: EventName.refine((e) => !e.slice(0, -1).includes("*") && e !== "*", "may end in * (a prefix) but not be * alone nor hold * elsewhere").openapi({ description: 'An event name, a prefix ending in "*" ("call.*"), or "page" for page calls', example: "call.*" }),
  channel: ChannelName.optional().openapi({ description: "The channel when the event does not carry one", example: "call" }),
  label: z.string().trim().min(1).max(80).optional().openapi({ description: "Shown on the journey map (default: the event name)" }),
});

/** The body of PUT /journey-definitions/{product}: the whole definition, checked field by field. */
export const DefinitionBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    milestones: z.record(EventName, MilestoneName).openapi({ description: "Event name → milestone (started, submitted, decided, funded, opened, abandoned, or a custom name)", example: { "application.started": "started" } }),
    touchpoints: z.array(TouchpointRule).max(MAX_RULES).openapi({ description: `Which events are touchpoints, first matching rule wins (at most ${MAX_RULES})` }),
    stages: z.array(MilestoneName).min(1).max(20).openapi({ description: "Journey-map stages in order: milestone names" }),
    steps: z.array(StepId).max(MAX_RULES).default([]).openapi({ description: "Step ids in order, for per-step completion" }),
    inactivityDays: z.number().int().min(1).max(365).default(DEFAULT_DEFINITION.inactivityDays),
    conversionWindowDays: z.number().int().min(1).max(365).default(DEFAULT_DEFINITION.conversionWindowDays),
    slaHours: z.record(RequestType, z.number().min(1).max(8760)).default(DEFAULT_DEFINITION.slaHours).openapi({ description: 'Turnaround SLA per request type, in hours ("application" = submitted → decided)' }),
  })
  .superRefine((d, ctx) => {
    const events = Object.keys(d.milestones);
    if (events.length > MAX_RULES) ctx.addIssue({ code: "too_big", maximum: MAX_RULES, origin: "object", path: ["milestones"], message: `has more than ${MAX_RULES} events` });
    if (events.length === 0) ctx.addIssue({ code: "custom", path: ["milestones"], message: "needs at least one event" });
    const seen = new Set<string>();
    d.touchpoints.forEach((t, i) => {
      if (seen.has(t.event)) ctx.addIssue({ code: "custom", path: ["touchpoints", i, "event"], message: "repeats an earlier rule's event", params: { reason: "duplicate" } });
      seen.add(t.event);
    });
    const known = new Set<string>([...CORE_MILESTONES, ...Object.values(d.milestones)]);
    const stages = new Set<string>();
    d.stages.forEach((s, i) => {
      if (!known.has(s)) ctx.addIssue({ code: "custom", path: ["stages", i], message: "is not a milestone of this definition" });
      if (stages.has(s)) ctx.addIssue({ code: "custom", path: ["stages", i], message: "repeats an earlier stage" });
      stages.add(s);
    });
    const steps = new Set<string>();
    d.steps.forEach((s, i) => {
      if (steps.has(s)) ctx.addIssue({ code: "custom", path: ["steps", i], message: "repeats an earlier step" });
      steps.add(s);
    });
    if (Object.keys(d.slaHours).length > MAX_RULES) ctx.addIssue({ code: "too_big", maximum: MAX_RULES, origin: "object", path: ["slaHours"], message: `has more than ${MAX_RULES} request types` });
  })
  .openapi("JourneyDefinitionInput");
export type DefinitionInput = z.output<typeof DefinitionBody>;

export type DefinitionRow = Selectable<JourneyDefinitionsTable>;

/** A stored definition as a JourneyDefinition; fields missing from older rows take the default's. */
export function definitionOf(row: Pick<DefinitionRow, "product" | "definition">): JourneyDefinition {
  const d = (row.definition ?? {}) as Partial<JourneyDefinition>;
  return { ...DEFAULT_DEFINITION, ...d, product: row.product };
}

export async function listDefinitionRows(db: Executor, tenantId: string): Promise<DefinitionRow[]> {
  return db.selectFrom("journey_definitions").selectAll().where("tenant_id", "=", tenantId).orderBy("product").execute();
}

/** The bank's stored definitions by product (for model/definition.ts `definitionFor`). */
export async function loadDefinitions(db: Executor, tenantId: string): Promise<Map<string, JourneyDefinition>> {
  return new Map((await listDefinitionRows(db, tenantId)).map((r) => [r.product, definitionOf(r)]));
}

const actorId = (ctx: AuditContext) => (ctx.actor?.kind === "user" ? ctx.actor.id : null);

/** Saves a product's definition (version + 1) and records it, in one transaction. */
export async function saveDefinition(db: Executor, ctx: AuditContext, tenantId: string, product: string, input: DefinitionInput): Promise<DefinitionRow> {
  const definition: JourneyDefinition = { product, ...input };
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("journey_definitions")
      .values({ tenant_id: tenantId, product, definition: JSON.stringify(definition), version: 1, updated_by: actorId(ctx), updated_at: ctx.now })
      .onConflict((oc) =>
        oc.columns(["tenant_id", "product"]).doUpdateSet((eb) => ({
          definition: eb.ref("excluded.definition"),
          version: eb(eb.ref("journey_definitions.version"), "+", 1),
          updated_by: eb.ref("excluded.updated_by"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { tenantId, action: "journey_definition.saved", subjectType: "journey_definition", subjectId: product, data: { product, version: row.version, name: input.name } });
    return row;
  });
}

/** Deletes a product's own definition (the product falls back to '*' or the default); 404 if it has none. */
export async function deleteDefinition(db: Executor, ctx: AuditContext, tenantId: string, product: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const gone = await trx.deleteFrom("journey_definitions").where("tenant_id", "=", tenantId).where("product", "=", product).returning(["version"]).executeTakeFirst();
    if (!gone) throw new AppError("not_found", `Product ${product} has no definition of its own`);
    await recordAudit(trx, ctx, { tenantId, action: "journey_definition.deleted", subjectType: "journey_definition", subjectId: product, data: { product, version: gone.version } });
  });
}

/**
 * Queues a rebuild of the bank's journeys and rollups. One rebuild per bank waits at a time (the
 * dedupe key): asking again while one is queued or running returns that job.
 */
export async function requestRebuild(db: Executor, ctx: AuditContext, tenantId: string): Promise<string> {
  const dedupeKey = `${REBUILD_JOB}:${tenantId}`;
  return inTransaction(db, async (trx) => {
    const id =
      (await enqueueJob(trx, ctx.now, REBUILD_JOB, { tenantId }, { tenantId, dedupeKey, maxAttempts: 3 })) ??
      (await trx.selectFrom("jobs").select("id").where("dedupe_key", "=", dedupeKey).where("status", "in", ["queued", "running"]).executeTakeFirstOrThrow()).id;
    await recordAudit(trx, ctx, { tenantId, action: "journeys.rebuild_requested", subjectType: "job", subjectId: id, data: { job: REBUILD_JOB } });
    return id;
  });
}
