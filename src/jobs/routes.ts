import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isoOrNull } from "../kernel/clock";
import type { Selectable } from "kysely";
import type { JobsTable } from "../db/schema";
import { AppError } from "../kernel/errors";
import { recordAudit } from "../modules/audit/record";
import type { Deps } from "../server/deps";
import type { AppEnv } from "../server/env";
import { auditContext, need } from "../server/guard";
import {
  conflictError,
  IdParam,
  jsonContent,
  notFoundError,
  security,
  standardErrors,
  z,
} from "../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../server/pagination";

const JOB_STATUSES = ["queued", "running", "done", "dead"] as const;

export const JobSchema = z
  .object({
    id: z.uuid(),
    name: z.string().openapi({ example: "notifications.deliver" }),
    status: z.enum(JOB_STATUSES),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: z.string().openapi({ format: "date-time" }),
    lastError: z.string().nullable().openapi({ description: "Message of the last failure (never a stack)" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
    finishedAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("Job");

type JobRow = Selectable<JobsTable>;

/** The only place deciding what of a job leaves the server: no payload, no lock holder. */
export function presentJob(j: JobRow): z.infer<typeof JobSchema> {
  return {
    id: j.id,
    name: j.name,
    status: j.status,
    attempts: j.attempts,
    maxAttempts: j.max_attempts,
    runAt: new Date(j.run_at).toISOString(),
    lastError: j.last_error,
    createdAt: new Date(j.created_at).toISOString(),
    updatedAt: new Date(j.updated_at).toISOString(),
    finishedAt: isoOrNull(j.finished_at),
  };
}

const JobListQuery = PageQuery.extend({ status: z.enum(JOB_STATUSES).optional() });
const JobCursor = z.tuple([z.iso.datetime(), z.uuid()]);

const listJobs = createRoute({
  method: "get",
  path: "/jobs",
  tags: ["Jobs"],
  summary: "Background jobs of your bank, newest first",
  security,
  request: { query: JobListQuery },
  responses: { 200: jsonContent(pageOf(JobSchema)), ...standardErrors },
});

const retryJob = createRoute({
  method: "post",
  path: "/jobs/{id}/retry",
  tags: ["Jobs"],
  summary: "Put a dead job back in the queue (attempts reset, runs now)",
  description: "Only dead jobs can be retried; any other status answers 409. No request body.",
  security,
  request: { params: IdParam },
  responses: { 200: jsonContent(JobSchema), ...standardErrors, ...notFoundError, ...conflictError },
});

export function jobRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(listJobs, async (c) => {
    const actor = need(c, "jobs:read");
    const q = c.req.valid("query");
    const after = decodeCursor(q.cursor, JobCursor);
    let query = deps.db
      .selectFrom("jobs")
      .selectAll()
      .where("tenant_id", "=", actor.tenantId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(q.limit + 1);
    if (q.status) query = query.where("status", "=", q.status);
    if (after) query = query.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(after[0]), after[1])));
    const page = paginate(await query.execute(), q.limit, (j) => [new Date(j.created_at).toISOString(), j.id]);
    return c.json({ items: page.items.map(presentJob), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(retryJob, async (c) => {
    const actor = need(c, "jobs:retry");
    const { id } = c.req.valid("param");
    const now = deps.clock.now();
    const row = await deps.db.transaction().execute(async (trx) => {
      const job = await trx
        .selectFrom("jobs")
        .selectAll()
        .where("tenant_id", "=", actor.tenantId)
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      if (!job) throw new AppError("not_found", "No job with this id in your bank");
      if (job.status !== "dead") throw new AppError("conflict", `Only dead jobs can be retried; this one is ${job.status}`);
      if (job.dedupe_key) {
        // Deliberately across tenants: the dedupe index (jobs_dedupe) is global, so a twin of any
        // tenant would make the update below fail. Only whether one exists is revealed (a 409).
        const twin = await trx
          .selectFrom("jobs")
          .select("id")
          .where("dedupe_key", "=", job.dedupe_key)
          .where("status", "in", ["queued", "running"])
          .executeTakeFirst();
        if (twin) throw new AppError("conflict", "The same work is already queued or running");
      }
      const updated = await trx
        .updateTable("jobs")
        .set({ status: "queued", attempts: 0, run_at: now, finished_at: null, locked_by: null, locked_until: null, updated_at: now })
        .where("tenant_id", "=", actor.tenantId)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, auditContext(c, now), {
        tenantId: actor.tenantId,
        action: "job.retried",
        subjectType: "job",
        subjectId: id,
        data: { name: job.name, attempts: job.attempts, lastError: job.last_error },
      });
      return updated;
    });
    return c.json(presentJob(row), 200);
  });

  return app;
}
