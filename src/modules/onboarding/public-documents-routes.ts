/** Customer documents, the payment step and the welcome checklist (Bearer customer session). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { jsonBody, jsonContent, notFoundError, standardErrors, z } from "../../server/openapi";
import { problemResponse } from "../../server/problem";
import { removeDocument, uploadDocument } from "./documents";
import { FILE_TYPES } from "./flow/types";
import { payStep } from "./payments/step";
import { DocumentSchema, PaymentSchema } from "./presenter-parts";
import { requireCustomer } from "./session";
import { deviceOf } from "./timeline";
import { setWelcomeItem } from "./welcome";

const tags = ["Public"];
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });
const bearer = { headers: z.object({ authorization: z.string().optional().openapi({ description: "`Bearer <sessionToken>`" }) }) };
const wrongState = { 409: problem("The application can no longer be changed (wrong_state)") };
const Id = z.string().min(1).max(64);
const Text = z.record(z.string(), z.string());
const WelcomeItem = z.object({ id: z.string(), label: Text, help: Text.nullable(), url: z.string().nullable(), doneAt: z.string().nullable() }).openapi("WelcomeItem");

const PaymentBody = z
  .strictObject({
    step: Id,
    card: z.strictObject({
      number: z.string().max(30).openapi({ description: "Digits, spaces or dashes; never stored" }),
      expiry: z.string().max(7).openapi({ description: "MM/YY" }),
      cvc: z.string().max(4).openapi({ description: "3 or 4 digits; never stored" }),
      name: z.string().max(100),
    }),
  })
  .openapi("PaymentRequest");

export function publicDocumentRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const max = deps.config.onboarding.uploadMaxBytes;

  const uploadLimit = bodyLimit({
    maxSize: max,
    onError: (c) =>
      problemResponse(
        new AppError("payload_too_large", `A document may have at most ${max} bytes`, { issues: [{ path: "body", message: `is larger than ${max} bytes`, code: "too_big", params: { maximum: max } }] }),
        c,
      ),
  });
  app.openapi(
    createRoute({
      method: "post",
      path: "/public/applications/me/documents",
      tags,
      summary: "Upload a document: raw body, Content-Type image/jpeg, image/png or application/pdf (checked by content)",
      middleware: [uploadLimit] as const,
      request: {
        query: z.object({ field: Id.openapi({ description: "The id of a visible file field" }) }),
        headers: z.object({
          authorization: z.string().optional().openapi({ description: "`Bearer <sessionToken>`" }),
          "x-file-name": z.string().max(1000).optional().openapi({ description: "The file's name (percent-encoded UTF-8 allowed)" }),
        }),
        body: { required: true, description: `The file's bytes (at most the field's maxBytes, never more than ${max})`, content: Object.fromEntries(FILE_TYPES.map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }])) },
      },
      responses: { 201: jsonContent(DocumentSchema, "Stored"), ...standardErrors, ...notFoundError, ...wrongState },
    }),
    async (c) => {
      const { app: row } = await requireCustomer(c, deps);
      const data = Buffer.from(await c.req.arrayBuffer());
      const doc = await uploadDocument(deps, {
        app: row,
        fieldId: c.req.valid("query").field,
        contentType: c.req.header("content-type"),
        fileName: c.req.header("x-file-name"),
        data,
        device: deviceOf(c.req.header("user-agent")),
      });
      return c.json(doc, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/public/applications/me/documents/{documentId}",
      tags,
      summary: "Remove one of your documents (not one the bank accepted)",
      request: { params: z.object({ documentId: z.uuid().openapi({ param: { name: "documentId", in: "path" } }) }), ...bearer },
      responses: { 204: { description: "Removed" }, ...standardErrors, ...notFoundError, ...wrongState },
    }),
    async (c) => {
      const { app: row } = await requireCustomer(c, deps);
      await removeDocument(deps, row, c.req.valid("param").documentId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/applications/me/payments",
      tags,
      summary: "Pay the amount of a payment step by card (idempotent per step: an approved payment is not charged again)",
      request: { ...bearer, body: jsonBody(PaymentBody) },
      responses: { 200: jsonContent(PaymentSchema, "Approved"), ...standardErrors, ...notFoundError, 402: problem("Declined (payment_declined): errors[0].code is the reason"), ...wrongState },
    }),
    async (c) => {
      const { app: row } = await requireCustomer(c, deps);
      const body = c.req.valid("json");
      return c.json(await payStep(deps, row, body.step, body.card, deviceOf(c.req.header("user-agent"))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/applications/me/welcome/{itemId}",
      tags,
      summary: "Tick (or untick) an item of the welcome checklist once the account is open",
      request: { params: z.object({ itemId: Id.openapi({ param: { name: "itemId", in: "path" } }) }), ...bearer, body: jsonBody(z.strictObject({ done: z.boolean() }).openapi("WelcomeItemDone")) },
      responses: { 200: jsonContent(z.object({ welcome: z.array(WelcomeItem) })), ...standardErrors, ...notFoundError, ...wrongState },
    }),
    async (c) => {
      const { app: row } = await requireCustomer(c, deps);
      return c.json(await setWelcomeItem(deps, row, c.req.valid("param").itemId, c.req.valid("json").done, deviceOf(c.req.header("user-agent"))), 200);
    },
  );

  return app;
}
