/**
 * The identity step's customer operations (Bearer customer session): where the step stands, the
 * document photo (raw image body, read and cross-checked) and the selfie. OCR is expensive: at
 * most OCR_PER_HOUR photos per application and hour (429 rate_limited with Retry-After).
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { jsonContent, notFoundError, standardErrors, z } from "../../server/openapi";
import { problemResponse } from "../../server/problem";
import { requireCustomer } from "../onboarding/session";
import { deviceOf } from "../onboarding/timeline";
import { DOCUMENT_TYPES } from "./crosscheck";
import { IMAGE_TYPES, identityStatus, readIdentityDocument, sendSelfie } from "./service";
import { OCR_PER_HOUR } from "./state";

const tags = ["Public"];
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });
const Problem = z.enum(["expired", "not_accepted", "unclear"]).openapi({ description: "expired: the document has expired; not_accepted: this kind of document is not accepted here; unclear: part of it could not be read clearly (retake)" });
const DocumentType = z.enum(DOCUMENT_TYPES);

const IdentityReadSchema = z
  .object({
    step: z.string(),
    documentId: z.string().openapi({ description: "The stored photo (an application document of kind identity_document)" }),
    documentType: DocumentType.nullable(),
    surname: z.string().nullable(),
    givenNames: z.string().nullable(),
    birthDate: z.string().nullable().openapi({ description: "YYYY-MM-DD" }),
    expiryDate: z.string().nullable().openapi({ description: "YYYY-MM-DD" }),
    nationality: z.string().nullable().openapi({ description: "ICAO code as printed (ISO 3166-1 alpha-3 mostly)" }),
    documentNumber: z.string().nullable().openapi({ description: "Masked: only the last 4 characters shown" }),
    problems: z.array(Problem).openapi({ description: "What the customer can act on; the bank's own review reasons are not listed" }),
    readAt: z.string(),
  })
  .openapi("IdentityRead");

const IdentityStatusSchema = z
  .object({
    step: z.string(),
    documents: z.array(DocumentType),
    selfie: z.boolean(),
    maxAttempts: z.number().int(),
    attemptsLeft: z.number().int(),
    read: IdentityReadSchema.nullable(),
    selfieDone: z.boolean(),
    canContinue: z.boolean(),
  })
  .openapi("IdentityStatus");

const SelfieResultSchema = z.object({ step: z.string(), problems: z.array(Problem) }).openapi("SelfieResult");

const headers = z.object({ authorization: z.string().optional().openapi({ description: "`Bearer <sessionToken>`" }) });
const stepQuery = z.object({ step: z.string().min(1).max(64).optional().openapi({ description: "The identity step (default: the first visible one)" }) });
const documentQuery = stepQuery.extend({ type: DocumentType.optional().openapi({ description: "The document the customer says it is (the MRZ decides; kept as evidence)" }) });
const imageBody = (what: string, max: number) => ({
  required: true,
  description: `${what}: the image's bytes, image/jpeg or image/png (checked by content), at most ${max} bytes`,
  content: Object.fromEntries(IMAGE_TYPES.map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }])),
});
const photoErrors = {
  ...standardErrors,
  ...notFoundError,
  409: problem("The application can no longer be changed (wrong_state)"),
  429: problem(`More than ${OCR_PER_HOUR} identity photos in an hour, or one still being read (rate_limited; Retry-After)`),
};

export function identityRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const max = deps.config.onboarding.uploadMaxBytes;
  const limit = bodyLimit({
    maxSize: max,
    onError: (c) => problemResponse(new AppError("payload_too_large", `A photo may have at most ${max} bytes`, { issues: [{ path: "body", message: `is larger than ${max} bytes`, code: "too_big", params: { maximum: max } }] }), c),
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/public/applications/me/identity",
      tags,
      summary: "Where your identity step stands: what was read from your document, attempts left, whether you may continue",
      request: { query: stepQuery, headers },
      responses: { 200: jsonContent(IdentityStatusSchema, "The identity step"), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const { app: row } = await requireCustomer(c, deps);
      return c.json(await identityStatus(deps, row, c.req.valid("query").step), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/applications/me/identity",
      tags,
      summary: "Send a photo of your document's data page: its machine-readable zone is read and checked against your application",
      middleware: [limit] as const,
      request: { query: documentQuery, headers, body: imageBody("The data page with its machine-readable zone", max) },
      responses: {
        201: jsonContent(IdentityReadSchema, "Read: what the document says (number masked) and any problem you can fix"),
        ...photoErrors,
        422: problem("No machine-readable zone found (ocr_unreadable): errors[0].params.attemptsLeft says how many photos are left before you may continue without"),
      },
    }),
    async (c) => {
      const { app: row } = await requireCustomer(c, deps);
      const data = Buffer.from(await c.req.arrayBuffer());
      const query = c.req.valid("query");
      const read = await readIdentityDocument(deps, row, { stepId: query.step, declaredType: query.type, contentType: c.req.header("content-type"), data, device: deviceOf(c.req.header("user-agent")) });
      return c.json(read, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/applications/me/identity/selfie",
      tags,
      summary: "Send a selfie (identity steps that ask for one), compared with the document photo read before",
      middleware: [limit] as const,
      request: { query: stepQuery, headers, body: imageBody("A photo of your face", max) },
      responses: { 201: jsonContent(SelfieResultSchema, "Received; problems says whether to take it again"), ...photoErrors },
    }),
    async (c) => {
      const { app: row } = await requireCustomer(c, deps);
      const data = Buffer.from(await c.req.arrayBuffer());
      return c.json(await sendSelfie(deps, row, { stepId: c.req.valid("query").step, contentType: c.req.header("content-type"), data, device: deviceOf(c.req.header("user-agent")) }), 201);
    },
  );

  return app;
}
