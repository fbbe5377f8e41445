/**
 * The signer's pages (public): the link token is the credential, sent as `Authorization: Bearer
 * <token>` on every call. View → consent → one-time code → sign (or decline). Rate-limited per
 * network; every answer is no-store.
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { jsonBody, jsonContent, notFoundError, standardErrors, z } from "../../server/openapi";
import { problemResponse } from "../../server/problem";
import { effectiveAnswers } from "../onboarding/customer";
import { requireCustomer } from "../onboarding/session";
import { applicationFlow } from "../onboarding/store";
import {
  applicantSigning,
  declineEnvelope,
  documentBytes,
  giveConsent,
  markViewed,
  sendSigningOtp,
  signEnvelope,
  signerByToken,
  verifySigningOtp,
} from "./envelopes/service";
import type { SigningMeta } from "./envelopes/types";
import { codeConfirmed, presentSignerView, SignerViewSchema } from "./presenter";
import { DocParam, noStore, OtpBody, OtpSentSchema, OtpVerifyBody, otpSent, problem, type SignerGate, signerGate, smallBodyLimit } from "./public-common";
import { publicCopyRoutes } from "./public-copy-routes";
import { storedDocumentLook } from "./public-look";
import { signatureStepOf } from "./step";

const tags = ["Public", "Signing"];

/** The largest signature image (decoded PNG bytes). */
export const SIGNATURE_MAX_BYTES = 512 * 1024;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const headers = z.object({ authorization: z.string().optional().openapi({ description: "`Bearer <token>`: the token from the signing link's fragment" }) });
const tokenErrors = {
  ...standardErrors,
  409: problem("The envelope was voided, declined or completed (envelope_closed)"),
  410: problem("This signer already signed or declined (link_used), or the envelope expired (envelope_expired)"),
};
const ConsentBody = z.strictObject({ version: z.string().min(1).max(64), accept: z.literal(true) }).openapi("SigningConsent");
const SignBody = z
  .strictObject({
    signature: z.discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("drawn"), image: z.string().min(1).openapi({ description: "The drawn signature as a base64 PNG (a data:image/png;base64, prefix is accepted), at most 512 KB" }) }),
      z.strictObject({ kind: z.literal("typed"), text: z.string().trim().min(2).max(100) }),
    ]),
    fields: z.record(z.string().max(64), z.union([z.string().max(500), z.boolean()])).optional().openapi({ description: "Values of this signer's own fields (text, checkbox …), by field id" }),
  })
  .openapi("SigningSignature");
const DeclineBody = z.strictObject({ reason: z.string().trim().min(1).max(500) }).openapi("SigningDecline");
const FlowSigningSchema = z
  .object({
    step: z.string(),
    envelopeId: z.string(),
    token: z.string().nullable().openapi({ description: "A fresh signing token for the applicant (use it as the Bearer of /public/signing calls); null once they signed" }),
    status: z.enum(["sent", "completed", "declined", "voided", "expired"]).openapi({ description: "The envelope's status" }),
  })
  .openapi("FlowSigning");

/** The drawn signature's PNG bytes: base64 with or without a data: prefix; not base64, not a PNG or too large are refused here (a blank drawing by the service). */
export function decodeSignatureImage(image: string): Uint8Array {
  const path = "body.signature.image";
  const raw = image.trim().replace(/^data:image\/png;base64,/i, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(raw) || raw.length % 4 === 1) throw new AppError("validation_failed", "The signature image could not be read", { issues: [{ path, message: "is not base64", code: "invalid_base64" }] });
  const bytes = Buffer.from(raw, "base64");
  if (bytes.length > SIGNATURE_MAX_BYTES) {
    throw new AppError("payload_too_large", `A signature image may have at most ${SIGNATURE_MAX_BYTES} bytes`, { issues: [{ path, message: `is larger than ${SIGNATURE_MAX_BYTES} bytes`, code: "too_big", params: { maximum: SIGNATURE_MAX_BYTES } }] });
  }
  if (bytes.length === 0) throw new AppError("validation_failed", "Draw your signature first", { issues: [{ path, message: "is empty", code: "empty" }] });
  if (!bytes.subarray(0, 8).equals(PNG_MAGIC)) throw new AppError("validation_failed", "The signature must be a PNG image", { issues: [{ path, message: "is not a PNG image", code: "not_png" }] });
  return new Uint8Array(bytes);
}

export function publicSigningRoutes(deps: Deps, gate: SignerGate = signerGate(deps)) {
  const app = new OpenAPIHono<AppEnv>();
  const look = storedDocumentLook();
  const signLimit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => problemResponse(new AppError("payload_too_large", `A signature image may have at most ${SIGNATURE_MAX_BYTES} bytes`, { issues: [{ path: "body.signature.image", message: `is larger than ${SIGNATURE_MAX_BYTES} bytes`, code: "too_big", params: { maximum: SIGNATURE_MAX_BYTES } }] }), c),
  });
  const smallLimit = smallBodyLimit();

  app.openapi(
    createRoute({
      method: "get",
      path: "/public/signing",
      tags,
      summary: "What you are asked to sign: the consent, the documents, your fields, whose turn it is",
      description: "The first call marks the signer as having viewed the envelope.",
      request: { headers },
      responses: { 200: jsonContent(SignerViewSchema), ...tokenErrors },
    }),
    async (c) => {
      const { token, meta } = gate(c);
      const ctx = await markViewed(deps, meta, token);
      return c.json(await presentSignerView(deps, ctx, look), 200, noStore);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/signing/consent",
      tags,
      summary: "Accept the electronic-records consent (its version is recorded)",
      middleware: [smallLimit] as const,
      request: { headers, body: jsonBody(ConsentBody) },
      responses: { 200: jsonContent(SignerViewSchema), ...tokenErrors },
    }),
    async (c) => {
      const { token, meta } = gate(c);
      const ctx = await giveConsent(deps, meta, token, c.req.valid("json").version);
      return c.json(await presentSignerView(deps, ctx, look), 200, noStore);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/public/signing/documents/{documentId}",
      tags,
      summary: "A document to sign, as filled, before anyone signed (PDF); after a confirmed one-time code",
      request: { headers, params: DocParam },
      responses: { 200: { description: "The PDF", content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } }, ...tokenErrors, ...notFoundError, 403: problem("No one-time code confirmed in the last 30 minutes (forbidden)") },
    }),
    async (c) => {
      const { token } = gate(c);
      const ctx = await signerByToken(deps.db, token, deps.clock.now());
      if (!codeConfirmed(ctx.signer, deps.clock.now())) {
        throw new AppError("forbidden", "Confirm the one-time code first: the documents open after it", { issues: [{ path: "header.authorization", message: "confirm a one-time code first", code: "code_required" }] });
      }
      const { documentId } = c.req.valid("param");
      const doc = ctx.documents.find((d) => d.id === documentId);
      if (!doc) throw new AppError("not_found", "No such document in this envelope");
      const bytes = await documentBytes(deps, ctx.envelope.tenant_id, ctx.envelope.id, doc.id, "original");
      return c.body(Buffer.from(bytes), 200, { "content-type": "application/pdf", "content-disposition": "inline", ...noStore });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/signing/otp",
      tags,
      summary: "Send a one-time code to your phone (SMS) or email (after the consent)",
      middleware: [smallLimit] as const,
      request: { headers, body: jsonBody(OtpBody) },
      responses: { 200: jsonContent(OtpSentSchema, "Sent"), ...tokenErrors, 429: problem("Asked again too soon, or too many codes from this network (rate_limited; Retry-After)") },
    }),
    async (c) => {
      const { token, meta } = gate(c, { otp: true });
      const sent = await sendSigningOtp(deps, meta, token, c.req.valid("json").channel);
      return c.json(otpSent(sent), 200, noStore);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/signing/otp/verify",
      tags,
      summary: "Check the one-time code",
      middleware: [smallLimit] as const,
      request: { headers, body: jsonBody(OtpVerifyBody) },
      responses: { 200: jsonContent(SignerViewSchema), ...tokenErrors, 401: problem("Wrong or expired code (otp_invalid; the detail says how many attempts are left)"), 423: problem("Too many wrong codes (otp_locked)") },
    }),
    async (c) => {
      const { token, meta } = gate(c);
      const ctx = await verifySigningOtp(deps, meta, token, c.req.valid("json").code);
      return c.json(await presentSignerView(deps, ctx, look), 200, noStore);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/signing/sign",
      tags,
      summary: "Sign every document of the envelope, by a drawn or typed signature (after consent and the one-time code)",
      description: "A blank or missing drawing is refused (400, body.signature.image, code empty); not a PNG (code not_png); larger than 512 KB (413).",
      middleware: [signLimit] as const,
      request: { headers, body: jsonBody(SignBody) },
      responses: { 200: jsonContent(SignerViewSchema), ...tokenErrors, 413: problem("The signature image is larger than 512 KB (payload_too_large)") },
    }),
    async (c) => {
      const { token, meta } = gate(c);
      const body = c.req.valid("json");
      const signature = body.signature.kind === "drawn" ? { kind: "drawn" as const, png: decodeSignatureImage(body.signature.image) } : { kind: "typed" as const, text: body.signature.text };
      const ctx = await signEnvelope(deps, meta, token, signature, body.fields ?? {});
      return c.json(await presentSignerView(deps, ctx, look), 200, noStore);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/signing/decline",
      tags,
      summary: "Decline to sign, with a reason (the envelope closes for everyone)",
      middleware: [smallLimit] as const,
      request: { headers, body: jsonBody(DeclineBody) },
      responses: { 200: jsonContent(SignerViewSchema), ...tokenErrors },
    }),
    async (c) => {
      const { token, meta } = gate(c);
      const ctx = await declineEnvelope(deps, meta, token, c.req.valid("json").reason);
      return c.json(await presentSignerView(deps, ctx, look), 200, noStore);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/applications/me/signing",
      tags: ["Public"],
      summary: "Your signature step: prepares the documents to sign (again, when your answers changed) and gives a signing token",
      description: "Needs the customer's session (Bearer). The documents are filled from your answers; then use the /public/signing calls with the token.",
      request: { headers: z.object({ authorization: z.string().optional().openapi({ description: "`Bearer <sessionToken>`" }) }), query: z.object({ step: z.string().min(1).max(64).optional().openapi({ description: "The signature step (default: the first visible one)" }) }) },
      responses: { 200: jsonContent(FlowSigningSchema), ...standardErrors, ...notFoundError, 409: problem("The application can no longer be changed (wrong_state)") },
    }),
    async (c) => {
      const { app: row } = await requireCustomer(c, deps);
      const def = await applicationFlow(deps.db, row);
      const step = signatureStepOf(def, effectiveAnswers(def, row), c.req.valid("query").step);
      const meta: SigningMeta = { actor: null, ip: c.get("ip"), userAgent: c.req.header("user-agent")?.slice(0, 400) ?? null, requestId: c.get("requestId") };
      const { envelope, token } = await applicantSigning(deps, meta, row, step);
      return c.json({ step: step.id, envelopeId: envelope.id, token, status: envelope.status }, 200, noStore);
    },
  );

  // The signed copies share the caps: one network gets each hourly cap once, not per route set.
  app.route("/", publicCopyRoutes(deps, gate));
  return app;
}
