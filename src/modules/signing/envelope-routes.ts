/**
 * Envelopes for staff: send documents of an application to its signers, follow them, void,
 * remind, retry a failed seal, download the documents and export the audit trail.
 * Reading needs applications:read, acting signing:send; the application must be in the actor's scope.
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { stringify } from "csv-stringify/sync";
import type { Executor } from "../../db";
import type { Actor } from "../../kernel/access";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { need } from "../../server/guard";
import { conflictError, IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { guardCell } from "../feedback/export";
import { applicationForActor } from "../onboarding/store";
import { createEnvelope, documentBytes, type EnvelopeRow, envelopeEvents, remindSigners, retrySeal, type SigningMeta, verifyEnvelopeChain, voidEnvelope } from "./envelopes/service";
import { EnvelopeSchema, presentEnvelope, presentEnvelopes, presentEvent, SigningEventSchema } from "./presenter";
import { RENDER_LANGUAGES } from "./render";

const tags = ["Signing"];
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });
const Lang = z.enum(RENDER_LANGUAGES as unknown as ["en", "he", "ar", "zh-Hans", "zh-Hant"]);
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{5,22}$/, "a phone number with its country code, like +972 50 123 4567")
  .transform((s) => s.replace(/[\s().-]/g, ""));

const SignerBody = z
  .strictObject({
    role: z.enum(["applicant", "co_applicant", "guarantor"]),
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254).optional(),
    phone: Phone.optional(),
    language: Lang.optional().openapi({ description: "Default: the envelope's language (the application's)" }),
  })
  .superRefine((s, ctx) => {
    if (!s.email && !s.phone) ctx.addIssue({ code: "custom", path: ["email"], message: "give an email address or a phone number for the one-time code" });
  });
const CreateBody = z
  .strictObject({
    documents: z
      .array(z.string().min(1).max(80))
      .min(1)
      .max(10)
      .openapi({ description: "Template keys (builtin-… or upload-…), in the order signed" }),
    signers: z
      .array(SignerBody)
      .min(1)
      .max(5)
      .superRefine((list, ctx) => {
        list.forEach((s, i) => {
          if (s.role === "applicant" && list.findIndex((x) => x.role === "applicant") !== i) ctx.addIssue({ code: "custom", path: [i, "role"], message: "only one signer may be the applicant" });
        });
      }),
    routing: z.enum(["parallel", "sequential"]).default("sequential"),
    expiresInDays: z.number().int().min(1).max(90).default(14),
    reminderEveryHours: z.number().int().min(12).max(168).nullable().default(48),
  })
  .openapi("CreateEnvelope");
const VoidBody = z.strictObject({ reason: z.string().trim().min(1).max(500) }).openapi("VoidEnvelope");
const DocParams = IdParam.extend({ documentId: z.uuid().openapi({ param: { name: "documentId", in: "path" } }) });
const AuditTrailSchema = z.object({ envelopeId: z.string(), chainOk: z.boolean(), brokenAt: z.number().int().nullable(), events: z.array(SigningEventSchema) }).openapi("EnvelopeAuditTrail");
const safeName = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80) || "document";

/** The envelope, when its application is visible to the actor (another tenant's or unknown: not found). */
export async function envelopeForActor(db: Executor, actor: Actor, id: string): Promise<EnvelopeRow> {
  const row = await db.selectFrom("envelopes").selectAll().where("tenant_id", "=", actor.tenantId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such envelope");
  await applicationForActor(db, actor, row.application_id);
  return row;
}

export function envelopeRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const meta = (actor: Actor, ip: string | null, userAgent: string | undefined, requestId: string | null): SigningMeta => ({ actor, ip, userAgent: userAgent?.slice(0, 400) ?? null, requestId });

  app.openapi(
    createRoute({
      method: "get",
      path: "/applications/{id}/envelopes",
      tags,
      security,
      summary: "The application's envelopes, newest first, with their signers and events",
      request: { params: IdParam },
      responses: { 200: jsonContent(z.object({ items: z.array(EnvelopeSchema) })), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "applications:read");
      const application = await applicationForActor(deps.db, actor, c.req.valid("param").id);
      const rows = await deps.db.selectFrom("envelopes").selectAll().where("tenant_id", "=", actor.tenantId).where("application_id", "=", application.id).orderBy("created_at", "desc").orderBy("id", "desc").execute();
      return c.json({ items: await presentEnvelopes(deps.db, actor.tenantId, rows) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/applications/{id}/envelopes",
      tags,
      security,
      summary: "Send documents of the application to be signed",
      description:
        "Renders each document filled with the application's data (built-ins in each signer's language), and sends each signer whose turn it is a link by email or SMS. " +
        "At most one applicant; each signer needs an email address or a phone number. Only active templates can be sent.",
      request: { params: IdParam, body: jsonBody(CreateBody) },
      responses: { 201: jsonContent(EnvelopeSchema, "Sent"), ...standardErrors, ...notFoundError, ...conflictError },
    }),
    async (c) => {
      const actor = need(c, "signing:send");
      const application = await applicationForActor(deps.db, actor, c.req.valid("param").id);
      const body = c.req.valid("json");
      const row = await createEnvelope(deps, meta(actor, c.get("ip"), c.req.header("user-agent"), c.get("requestId")), {
        tenantId: actor.tenantId,
        applicationId: application.id,
        documents: body.documents,
        signers: body.signers,
        routing: body.routing,
        expiresInDays: body.expiresInDays,
        reminderEveryHours: body.reminderEveryHours,
      });
      return c.json(await presentEnvelope(deps.db, row), 201);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/envelopes/{id}", tags, security, summary: "An envelope: documents, signers and its event chain", request: { params: IdParam }, responses: { 200: jsonContent(EnvelopeSchema), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "applications:read");
      return c.json(await presentEnvelope(deps.db, await envelopeForActor(deps.db, actor, c.req.valid("param").id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/envelopes/{id}/void",
      tags,
      security,
      summary: "Void an envelope that is still out for signature (its links stop working)",
      request: { params: IdParam, body: jsonBody(VoidBody) },
      responses: { 200: jsonContent(EnvelopeSchema), ...standardErrors, ...notFoundError, 409: problem("Already completed, declined, voided or expired (wrong_state)") },
    }),
    async (c) => {
      const actor = need(c, "signing:send");
      const env = await envelopeForActor(deps.db, actor, c.req.valid("param").id);
      const row = await voidEnvelope(deps, meta(actor, c.get("ip"), c.req.header("user-agent"), c.get("requestId")), actor.tenantId, env.id, c.req.valid("json").reason);
      return c.json(await presentEnvelope(deps.db, row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/envelopes/{id}/remind",
      tags,
      security,
      summary: "Remind every signer whose turn it is and who has not signed yet",
      request: { params: IdParam },
      responses: { 200: jsonContent(EnvelopeSchema), ...standardErrors, ...notFoundError, 409: problem("Not out for signature (wrong_state)") },
    }),
    async (c) => {
      const actor = need(c, "signing:send");
      const env = await envelopeForActor(deps.db, actor, c.req.valid("param").id);
      await remindSigners(deps, meta(actor, c.get("ip"), c.req.header("user-agent"), c.get("requestId")), actor.tenantId, env.id);
      return c.json(await presentEnvelope(deps.db, await envelopeForActor(deps.db, actor, env.id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/envelopes/{id}/seal",
      tags,
      security,
      summary: "Seal a completed envelope again after its seal failed",
      request: { params: IdParam },
      responses: { 200: jsonContent(EnvelopeSchema), ...standardErrors, ...notFoundError, 409: problem("Not completed, or already sealed (wrong_state)"), 503: problem("Sealing failed again (seal_failed); the envelope stays retryable") },
    }),
    async (c) => {
      const actor = need(c, "signing:send");
      const env = await envelopeForActor(deps.db, actor, c.req.valid("param").id);
      const row = await retrySeal(deps, meta(actor, c.get("ip"), c.req.header("user-agent"), c.get("requestId")), actor.tenantId, env.id);
      return c.json(await presentEnvelope(deps.db, row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/envelopes/{id}/documents/{documentId}",
      tags,
      security,
      summary: "A document of the envelope: as filled before signing (original) or flattened, certified and sealed (signed)",
      request: { params: DocParams, query: z.object({ version: z.enum(["original", "signed"]).default("signed") }) },
      responses: {
        200: { description: "The PDF", content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } },
        ...standardErrors,
        ...notFoundError,
        409: problem("Not sealed yet (wrong_state)"),
      },
    }),
    async (c) => {
      const actor = need(c, "applications:read");
      const { id, documentId } = c.req.valid("param");
      const { version } = c.req.valid("query");
      const env = await envelopeForActor(deps.db, actor, id);
      const doc = await deps.db.selectFrom("envelope_documents").select(["name", "signed_blob"]).where("tenant_id", "=", actor.tenantId).where("envelope_id", "=", env.id).where("id", "=", documentId).executeTakeFirst();
      if (!doc) throw new AppError("not_found", "No such document in this envelope");
      if (version === "signed" && !doc.signed_blob) throw new AppError("wrong_state", "This document is not sealed yet", { issues: [{ path: "query.version", message: "no signed document yet", code: "not_sealed" }] });
      const bytes = await documentBytes(deps, actor.tenantId, env.id, documentId, version);
      const file = `${safeName(doc.name)}${version === "signed" ? "-signed" : ""}.pdf`;
      return c.body(Buffer.from(bytes), 200, { "content-type": "application/pdf", "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/envelopes/{id}/audit-trail",
      tags,
      security,
      summary: "The envelope's audit trail (hash-chained events) as JSON, or as a CSV file",
      description: "CSV columns: seq, at, action, signer, role, actor, ip, user_agent, hash. `chainOk` is false when a stored event no longer matches its hash.",
      request: { params: IdParam, query: z.object({ format: z.enum(["json", "csv"]).default("json") }) },
      responses: { 200: { description: "The trail", content: { "application/json": { schema: AuditTrailSchema }, "text/csv": { schema: z.string() } } }, ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "applications:read");
      const env = await envelopeForActor(deps.db, actor, c.req.valid("param").id);
      const [events, chain, signers] = await Promise.all([
        envelopeEvents(deps.db, actor.tenantId, env.id),
        verifyEnvelopeChain(deps.db, actor.tenantId, env.id),
        deps.db.selectFrom("envelope_signers").select(["id", "name", "role"]).where("tenant_id", "=", actor.tenantId).where("envelope_id", "=", env.id).execute(),
      ]);
      if (c.req.valid("query").format === "csv") {
        const who = new Map(signers.map((s) => [s.id, s]));
        const csv = stringify(
          events.map((e) => {
            const s = e.signer_id ? who.get(e.signer_id) : undefined;
            return [e.seq, e.at.toISOString(), e.action, guardCell(s?.name ?? ""), s?.role ?? "", guardCell(e.actor_label ?? ""), e.ip ?? "", guardCell(e.user_agent ?? ""), e.hash];
          }),
          { header: true, columns: ["seq", "at", "action", "signer", "role", "actor", "ip", "user_agent", "hash"] },
        );
        return c.body(csv, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="envelope-${env.id}-audit-trail.csv"`, "cache-control": "no-store" });
      }
      return c.json({ envelopeId: env.id, chainOk: chain.ok, brokenAt: chain.brokenAt, events: events.map(presentEvent) }, 200);
    },
  );

  return app;
}
