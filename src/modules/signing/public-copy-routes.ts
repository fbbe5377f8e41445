/**
 * A signer's signed copies (public): the copy link from the "completed" message is the credential
 * (`Authorization: Bearer <token>`), for 30 days. The list shows without a code; the sealed PDFs
 * download after a one-time code confirmed in the last 30 minutes. Rate-limited per network like
 * the signing pages; every answer is no-store.
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import anyAscii from "any-ascii";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { jsonBody, jsonContent, notFoundError, standardErrors, z } from "../../server/openapi";
import { copyDocument, openCopy, sendCopyOtp, verifyCopyOtp } from "./envelopes/copy";
import { CopyViewSchema, presentCopyView } from "./presenter";
import { DocParam, noStore, OtpBody, OtpSentSchema, OtpVerifyBody, otpSent, problem, type SignerGate, smallBodyLimit } from "./public-common";

const tags = ["Public", "Signing"];
const headers = z.object({ authorization: z.string().optional().openapi({ description: "`Bearer <token>`: the token from the copy link's fragment (the \"completed\" message)" }) });
const copyErrors = {
  ...standardErrors,
  409: problem("The signer has not signed, or the envelope is not completed and sealed (wrong_state)"),
  410: problem("The copy link is older than 30 days (token_expired)"),
};

/** `attachment` with an ASCII file name (transliterated) and the real one for browsers that read filename*. */
export function attachmentOf(name: string): string {
  const ascii =
    anyAscii(name)
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "document";
  return `attachment; filename="${ascii}-signed.pdf"; filename*=UTF-8''${encodeURIComponent(`${name.slice(0, 120)}-signed.pdf`)}`;
}

export function publicCopyRoutes(deps: Deps, gate: SignerGate) {
  const app = new OpenAPIHono<AppEnv>();
  const smallLimit = smallBodyLimit();

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
      const { token } = gate(c);
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
      const { token, meta } = gate(c, { otp: true });
      const sent = await sendCopyOtp(deps, meta, token, c.req.valid("json").channel);
      return c.json(otpSent(sent), 200, noStore);
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
      const { token, meta } = gate(c);
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
      const { token, meta } = gate(c);
      const doc = await copyDocument(deps, meta, token, c.req.valid("param").documentId);
      return c.body(new Uint8Array(doc.bytes), 200, { "content-type": "application/pdf", "content-disposition": attachmentOf(doc.name), "x-content-type-options": "nosniff", ...noStore });
    },
  );

  return app;
}
