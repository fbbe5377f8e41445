/** Review queue, assignment, decisions, funding and documents for reviewers. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { PageQuery, pageOf } from "../../server/pagination";
import { decide, markFunded } from "./decisions";
import { REJECT_REASONS } from "./decisions-messages";
import { acceptDocument, documentBytes, inlineDisposition, rejectDocument } from "./documents-review";
import { PRODUCTS } from "./flow/types";
import { DocumentSchema } from "./presenter-parts";
import { APPLICATION_STATUSES, assignApplication, listApplications } from "./review";

const tags = ["Applications"];
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });
const wrongState = { 409: problem("The application is in the wrong state (wrong_state)") };
const DocParams = IdParam.extend({ documentId: z.uuid().openapi({ param: { name: "documentId", in: "path" } }) });
const Person = z.object({ id: z.uuid(), name: z.string() });
const Iso = z.string();

export const ApplicationListItemSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    product: z.enum(PRODUCTS),
    status: z.enum(APPLICATION_STATUSES),
    customerName: z.string(),
    channel: z.string(),
    branchId: z.uuid().nullable(),
    agentId: z.uuid().nullable(),
    assignee: Person.nullable(),
    risk: z.enum(["low", "medium", "high"]).nullable(),
    currentStep: z.string().nullable(),
    progress: z.object({ index: z.number().int(), total: z.number().int() }),
    lastActivityAt: Iso,
    createdAt: Iso,
    submittedAt: Iso.nullable(),
    slaDueAt: Iso.nullable(),
    slaBreached: z.boolean(),
    ageHours: z.number().int(),
  })
  .openapi("ApplicationListItem");

const StatusList = z
  .string()
  .max(300)
  .transform((s, ctx) => {
    const list = s.split(",").map((x) => x.trim()).filter(Boolean);
    const bad = list.find((x) => !(APPLICATION_STATUSES as readonly string[]).includes(x));
    if (bad) ctx.addIssue({ code: "custom", message: `unknown status ${bad.slice(0, 40)}` });
    return list as Array<(typeof APPLICATION_STATUSES)[number]>;
  })
  .openapi({ description: `Comma-separated: ${APPLICATION_STATUSES.join(", ")}`, type: "string" });

const ListQuery = z
  .object({
    status: StatusList.optional(),
    product: z.enum(PRODUCTS).optional(),
    branchId: z.uuid().optional(),
    assignee: z.union([z.enum(["me", "none"]), z.uuid()]).optional().openapi({ description: "`me`, `none`, or a user id", type: "string" }),
    risk: z.enum(["low", "medium", "high"]).optional(),
    olderThanHours: z.coerce.number().int().min(0).max(100_000).optional().openapi({ description: "Created at least this many hours ago" }),
    slaBreached: z.enum(["true", "false"]).optional().openapi({ description: "Awaiting a decision past the product's review SLA" }),
    q: z.string().trim().min(1).max(100).optional().openapi({ description: "Reference, customer name, email, phone or customer id" }),
    sort: z.enum(["sla", "updated", "submitted"]).default("updated"),
  })
  .extend(PageQuery.shape);

const InfoItem = z.strictObject({ step: z.string().min(1).max(64).optional(), field: z.string().min(1).max(64).optional(), note: z.string().trim().min(1).max(500) });
const DecisionBody = z
  .strictObject({
    decision: z.enum(["approve", "reject", "request_info"]),
    reason: z.string().trim().max(1000).optional(),
    reasonCode: z.enum(REJECT_REASONS).optional(),
    items: z.array(InfoItem).max(20).optional(),
  })
  .openapi("ApplicationDecision");
const DecisionResult = z
  .object({ id: z.uuid(), status: z.enum(APPLICATION_STATUSES), decision: z.enum(["approve", "reject", "request_info"]), decidedAt: Iso.nullable() })
  .openapi("ApplicationDecisionResult");
const FundedBody = z.strictObject({ accountNumber: z.string().trim().min(1).max(64).optional(), at: z.iso.datetime({ offset: true }).optional() }).openapi("ApplicationFunded");

export function reviewRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/applications",
      tags,
      summary: "The review queue: applications in your data scope, filtered and paginated",
      security,
      request: { query: ListQuery },
      responses: { 200: jsonContent(pageOf(ApplicationListItemSchema)), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "applications:read");
      const q = c.req.valid("query");
      const slaBreached = q.slaBreached === undefined ? undefined : q.slaBreached === "true";
      return c.json(await listApplications(deps, actor, { ...q, slaBreached }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/applications/{id}/assign",
      tags,
      summary: "Assign the application to a reviewer (null clears)",
      security,
      request: { params: IdParam, body: jsonBody(z.strictObject({ assigneeId: z.uuid().nullable() }).openapi("ApplicationAssign")) },
      responses: { 200: jsonContent(z.object({ id: z.uuid(), assignee: Person.nullable() })), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "applications:review");
      const out = await assignApplication(deps, auditContext(c, deps.clock.now()), actor, c.req.valid("param").id, c.req.valid("json").assigneeId);
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/applications/{id}/decision",
      tags,
      summary: "Approve, reject (reasonCode) or request information (items) on a submitted application",
      security,
      request: { params: IdParam, body: jsonBody(DecisionBody) },
      responses: { 200: jsonContent(DecisionResult), ...standardErrors, ...notFoundError, ...wrongState },
    }),
    async (c) => {
      const actor = need(c, "applications:decide");
      const out = await decide(deps, auditContext(c, deps.clock.now()), actor, c.req.valid("param").id, c.req.valid("json"));
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/applications/{id}/funded",
      tags,
      summary: "Record the account as opened (from approved); sends the welcome checklist",
      security,
      request: { params: IdParam, body: jsonBody(FundedBody) },
      responses: { 200: jsonContent(z.object({ id: z.uuid(), status: z.literal("funded"), fundedAt: Iso })), ...standardErrors, ...notFoundError, ...wrongState },
    }),
    async (c) => {
      const actor = need(c, "applications:fund");
      const out = await markFunded(deps, auditContext(c, deps.clock.now()), actor, c.req.valid("param").id, c.req.valid("json"));
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/applications/{id}/documents/{documentId}",
      tags,
      summary: "A document's bytes, shown inline in a sandbox",
      security,
      request: { params: DocParams },
      responses: { 200: { description: "The file (image/jpeg, image/png or application/pdf)" }, ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "applications:read");
      const { id, documentId } = c.req.valid("param");
      const doc = await documentBytes(deps, actor, id, documentId);
      return c.body(new Uint8Array(doc.bytes), 200, {
        "content-type": doc.contentType,
        "content-disposition": inlineDisposition(doc.fileName),
        "content-security-policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/applications/{id}/documents/{documentId}/accept",
      tags,
      summary: "Accept a document",
      security,
      request: { params: DocParams },
      responses: { 200: jsonContent(DocumentSchema), ...standardErrors, ...notFoundError, ...wrongState },
    }),
    async (c) => {
      const actor = need(c, "applications:review");
      const { id, documentId } = c.req.valid("param");
      return c.json(await acceptDocument(deps, auditContext(c, deps.clock.now()), actor, id, documentId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/applications/{id}/documents/{documentId}/reject",
      tags,
      summary: "Reject a document with a reason: the customer gets a link to re-upload only that item",
      security,
      request: { params: DocParams, body: jsonBody(z.strictObject({ reason: z.string().trim().min(1).max(500) }).openapi("DocumentReject")) },
      responses: { 200: jsonContent(DocumentSchema), ...standardErrors, ...notFoundError, ...wrongState },
    }),
    async (c) => {
      const actor = need(c, "applications:review");
      const { id, documentId } = c.req.valid("param");
      return c.json(await rejectDocument(deps, auditContext(c, deps.clock.now()), actor, id, documentId, c.req.valid("json").reason), 200);
    },
  );

  return app;
}

