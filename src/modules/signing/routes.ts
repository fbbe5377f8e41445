/**
 * POST /signing/seal: the bank's electronic seal on a PDF (documents:seal).
 * POST /signing/verify: anyone may check a sealed PDF (public, rate-limited per network).
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { sha256Hex as sha256 } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { networkOf } from "../../kernel/network";
import { FailureCounter } from "../../kernel/failure-counter";
import { describeBytes } from "../../kernel/file-types";
import { recordAudit } from "../audit/record";
import { tenantById } from "../tenancy/queries";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { jsonContent, security, standardErrors, z } from "../../server/openapi";
import { problemResponse } from "../../server/problem";
import { type SealKeyProvider, sealKeyProvider } from "./keys";
import { sealPdf } from "./seal";
import { verifyPdf } from "./verify";

const tags = ["Signing"];
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });
const pdfBody = (max: number, what: string) => ({ required: true, description: `${what} (at most ${max} bytes), Content-Type application/pdf; checked by content`, content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } });

/** Verifications one network may ask for per hour (per process). */
export const PUBLIC_VERIFIES_PER_HOUR = 120;

export const AuditTrailEventSchema = z
  .object({
    at: z.string().openapi({ description: "When, ISO 8601" }),
    action: z.string().openapi({ description: "created, sent, viewed, consented, otp_sent, authenticated, signed, declined, completed…" }),
    signer: z.string().nullable().openapi({ description: "The signer's name, when the event is a signer's" }),
    role: z.string().nullable().openapi({ description: "applicant, co_applicant or guarantor" }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    hash: z.string().openapi({ description: "The event's hash in the envelope's hash chain" }),
  })
  .passthrough()
  .openapi("AuditTrailEvent");

export const VerificationSchema = z
  .object({
    sealed: z.boolean().openapi({ description: "The document carries a signature or seal" }),
    intact: z.boolean().openapi({ description: "The signed bytes are unchanged and the signature verifies" }),
    coversWholeDocument: z.boolean().openapi({ description: "Nothing was added after the seal" }),
    signer: z.object({ subject: z.string(), issuer: z.string() }).nullable(),
    signedAt: z.string().nullable().openapi({ description: "The time in the signature dictionary (/M), ISO 8601" }),
    timestamp: z
      .object({ at: z.string().openapi({ description: "The time the authority vouches for (TSTInfo genTime), ISO 8601" }), authority: z.string().openapi({ description: "The time-stamp authority's certificate subject, as its certificate states it (not checked against a list of trusted authorities)" }) })
      .nullable()
      .openapi({ description: "The signature time-stamp (RFC 3161, PAdES B-T), when the seal has one that verifies over this signature" }),
    auditTrail: z.array(AuditTrailEventSchema).openapi({ description: "The signing envelope's events embedded in the sealed document; [] unless the seal is intact and trusted" }),
    trusted: z.boolean().openapi({ description: "Intact, and the chain ends at this server's seal CA" }),
    testSeal: z.boolean().openapi({ description: "Sealed with a test certificate: not valid for production use" }),
    bank: z.object({ slug: z.string(), name: z.string() }).nullable().openapi({ description: "The bank whose seal it is (trusted seals only)" }),
    problems: z.array(z.string()),
  })
  .openapi("SealVerification");



async function readPdf(c: Context<AppEnv>): Promise<Uint8Array> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new AppError("validation_failed", "Send the PDF as the request body", { issues: [{ path: "body", message: "is empty", code: "required" }] });
  if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") !== "%PDF-") {
    throw new AppError("unsupported_media_type", `Only PDF documents can be sealed or verified; this is ${describeBytes(bytes)}`, { issues: [{ path: "body", message: "is not a PDF", code: "not_pdf" }] });
  }
  return bytes;
}

export function signingRoutes(deps: Deps, keys: SealKeyProvider = sealKeyProvider(deps.db, deps.config)) {
  const app = new OpenAPIHono<AppEnv>();
  const max = deps.config.onboarding.uploadMaxBytes;
  const verifies = new FailureCounter(PUBLIC_VERIFIES_PER_HOUR, 3_600_000);
  const limit = bodyLimit({
    maxSize: max,
    onError: (c) => problemResponse(new AppError("payload_too_large", `A document may have at most ${max} bytes`, { issues: [{ path: "body", message: `is larger than ${max} bytes`, code: "too_big", params: { maximum: max } }] }), c),
  });

  app.openapi(
    createRoute({
      method: "post",
      path: "/signing/seal",
      tags,
      security,
      summary: "Seal a PDF with the bank's electronic seal (PAdES baseline B-B, or B-T with a time-stamp authority); answers the sealed PDF",
      description:
        "The seal covers the whole file but the signature; the certificate chain is embedded; the time is in the signature dictionary (/M). " +
        "With SEAL_TSA_URL the signature is time-stamped (RFC 3161, PAdES B-T); when the time-stamp authority fails, the seal is refused (503 seal_failed, retry later). " +
        "Refused: not a PDF (415), encrypted, damaged or already signed (400 validation_failed). In production without SEAL_P12_PATH: 503 not_ready.",
      middleware: [limit] as const,
      request: { body: pdfBody(max, "The PDF to seal") },
      responses: {
        200: { description: "The sealed PDF", content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } },
        ...standardErrors,
        413: problem("Larger than the upload limit (payload_too_large)"),
        415: problem("Not a PDF (unsupported_media_type)"),
        503: problem("No seal key is configured (not_ready), or the time-stamp authority failed (seal_failed)"),
      },
    }),
    async (c) => {
      const actor = need(c, "documents:seal");
      const input = await readPdf(c);
      const tenant = await tenantById(deps.db, actor.tenantId);
      const sealer = await keys.sealerFor(tenant.id, tenant.name);
      const now = deps.clock.now();
      const sealed = await sealPdf(input, sealer, { name: tenant.name, reason: `Electronic seal of ${tenant.name}`, location: new URL(deps.config.publicUrl).host, at: now });
      await recordAudit(deps.db, auditContext(c, now), {
        tenantId: tenant.id,
        action: "document.sealed",
        subjectType: "document",
        subjectId: sha256(sealed),
        data: { inputSha256: sha256(input), outputSha256: sha256(sealed), bytes: sealed.length, testSeal: sealer.test },
      });
      return c.body(Buffer.from(sealed), 200, { "content-type": "application/pdf", "content-disposition": 'attachment; filename="sealed.pdf"' });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/signing/verify",
      tags: ["Public", ...tags],
      summary: "Check a sealed PDF: unchanged, covering the whole file, and sealed by a bank on this server",
      description: `Public. At most ${PUBLIC_VERIFIES_PER_HOUR} checks per network and hour. A PDF without a seal answers 200 with sealed false.`,
      middleware: [limit] as const,
      request: { body: pdfBody(max, "The PDF to check") },
      responses: {
        200: jsonContent(VerificationSchema, "What the seal says"),
        ...standardErrors,
        413: problem("Larger than the upload limit (payload_too_large)"),
        415: problem("Not a PDF (unsupported_media_type)"),
        429: problem("Too many checks from this network (rate_limited)"),
      },
    }),
    async (c) => {
      const ip = networkOf(c.get("ip"));
      const nowMs = deps.clock.now().getTime();
      if (verifies.blocked(ip, nowMs)) throw new AppError("rate_limited", "Too many documents were checked from this network; try again later", { retryAfterSeconds: 3600 });
      verifies.note(ip, nowMs);
      const bytes = await readPdf(c);
      return c.json(await verifyPdf(deps.db, keys, bytes), 200);
    },
  );

  return app;
}
