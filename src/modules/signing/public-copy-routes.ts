/**
 * A signer's signed copies (public): the copy link from the "completed" message is the credential
 * (`Authorization: Bearer <token>`), for 30 days. The list shows without a code; the sealed PDFs
 * download after a one-time code confirmed in the last 30 minutes. Rate-limited per network like
 * the signing pages; every answer is no-store.
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import anyAscii from "any-ascii";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../kernel/errors";
import { FailureCounter } from "../../kernel/failure-counter";
import { networkOf } from "../../kernel/network";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { jsonBody, jsonContent, notFoundError, standardErrors, z } from "../../server/openapi";
import { problemResponse } from "../../server/problem";
import { copyDocument, openCopy, sendCopyOtp, verifyCopyOtp } from "./envelopes/copy";
import type { SigningMeta } from "./envelopes/types";
import { CopyViewSchema, presentCopyView } from "./presenter";
import { PUBLIC_SIGNING_OTPS_PER_HOUR, PUBLIC_SIGNING_READS_PER_HOUR, signingToken } from "./public-routes";

const tags = ["Public", "Signing"];
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });
const headers = z.object({ authorization: z.string().optional().openapi({ description: "`Bearer <token>`: the token from the copy link's fragment (the \"completed\" message)" }) });
const copyErrors = {
  ...standardErrors,
  409: problem("The signer has not signed, or the envelope is not completed and sealed (wrong_state)"),
  410: problem("The copy link is older than 30 days (token_expired)"),
};
const OtpBody = z.strictObject({ channel: z.enum(["sms", "email"]).optional() }).openapi("CopyOtpRequest");
const OtpSentSchema = z.object({ channel: z.enum(["sms", "email"]), sentTo: z.string(), resendAfterSeconds: z.number().int(), expiresAt: z.string() }).openapi("CopyOtpSent");
const OtpVerifyBody = z.strictObject({ code: z.string().regex(/^[0-9]{6}$/, "six digits") }).openapi("CopyOtpVerify");
const DocParam = z.object({ documentId: z.uuid().openapi({ param: { name: "documentId", in: "path" } }) });

/** `attachment` with an ASCII file name (transliterated) and the real one for browsers that read filename*. */
export function attachmentOf(name: string): string {
  const ascii =
    anyAscii(name)
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "document";
  return `attachment; filename="${ascii}-signed.pdf"; filename*=UTF-8''${encodeURIComponent(`${name.slice(0, 120)}-signed.pdf`)}`;
}

export function publicCopyRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const reads = new FailureCounter(PUBLIC_SIGNING_READS_PER_HOUR, 3_600_000);
  const otps = new FailureCounter(PUBLIC_SIGNING_OTPS_PER_HOUR, 3_600_000);
  const smallLimit = bodyLimit({
    maxSize: 16 * 1024,
    onError: (c) => problemResponse(new AppError("payload_too_large", "The request is too large", { issues: [{ path: "body", message: "is larger than 16384 bytes", code: "too_big", params: { maximum: 16384 } }] }), c),
  });
  const noStore = { "cache-control": "no-store" };

  /** Counts the call against the network's hourly caps, then reads the token. */
  const gate = (c: Context<AppEnv>, counters: FailureCounter[]): { token: string; meta: SigningMeta } => {
    const net = networkOf(c.get("ip"));
    const at = deps.clock.now().getTime();
    if (counters.some((n) => n.blocked(net, at))) throw new AppError("rate_limited", "Too many requests from this network; try again later", { retryAfterSeconds: 3600 });
    for (const n of counters) n.note(net, at);
    return { token: signingToken(c), meta: { actor: null, ip: c.get("ip"), userAgent: c.req.header("user-agent")?.slice(0, 400) ?? null, requestId: c.get("requestId") } };
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/public/signing/copy",
      tags,
      summary: "Your signed copies: the sealed documents of an envelope you signed, and whether a code is confirmed",
      request: { headers },
      responses: { 200: jsonContent(CopyViewSchema), ...copyErrors },
    }),
    async (c) => {
      const { token } = gate(c, [reads]);
      return c.json(await presentCopyView(deps, await openCopy(deps, token)), 200, noStore);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/signing/copy/otp",
      tags,
      summary: "Send a one-time code to open your signed copies",
      middleware: [smallLimit] as const,
      request: { headers, body: jsonBody(OtpBody) },
      responses: { 200: jsonContent(OtpSentSchema, "Sent"), ...copyErrors, 423: problem("Too many wrong codes (otp_locked)"), 429: problem("Asked again too soon, or too many codes (rate_limited; Retry-After)") },
    }),
    async (c) => {
      const { token, meta } = gate(c, [reads, otps]);
      const sent = await sendCopyOtp(deps, meta, token, c.req.valid("json").channel);
      return c.json({ channel: sent.channel, sentTo: sent.sentTo, resendAfterSeconds: sent.resendAfterSeconds, expiresAt: sent.expiresAt.toISOString() }, 200, noStore);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/signing/copy/otp/verify",
      tags,
      summary: "Check the one-time code: the signed documents then download for 30 minutes",
      middleware: [smallLimit] as const,
      request: { headers, body: jsonBody(OtpVerifyBody) },
      responses: { 200: jsonContent(CopyViewSchema), ...copyErrors, 401: problem("Wrong or expired code (otp_invalid; params.attemptsLeft)"), 423: problem("Too many wrong codes (otp_locked)") },
    }),
    async (c) => {
      const { token, meta } = gate(c, [reads]);
      return c.json(await presentCopyView(deps, await verifyCopyOtp(deps, meta, token, c.req.valid("json").code)), 200, noStore);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/public/signing/copy/documents/{documentId}",
      tags,
      summary: "A signed, sealed document (PDF), after a one-time code confirmed in the last 30 minutes",
      request: { headers, params: DocParam },
      responses: {
        200: { description: "The sealed PDF", content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } },
        ...copyErrors,
        ...notFoundError,
        403: problem("No one-time code confirmed in the last 30 minutes (forbidden, code_required)"),
      },
    }),
    async (c) => {
      const { token, meta } = gate(c, [reads]);
      const doc = await copyDocument(deps, meta, token, c.req.valid("param").documentId);
      return c.body(new Uint8Array(doc.bytes), 200, { "content-type": "application/pdf", "content-disposition": attachmentOf(doc.name), "x-content-type-options": "nosniff", ...noStore });
    },
  );

  return app;
}
