/**
 * What the signer's public calls share (signing and signed copies): the link token from the
 * Authorization header, one set of hourly caps per network for both, body limits and schemas.
 */
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../kernel/errors";
import { FailureCounter } from "../../kernel/failure-counter";
import { networkOf } from "../../kernel/network";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { z } from "../../server/openapi";
import { problemResponse } from "../../server/problem";
import type { SigningMeta } from "./envelopes/types";

/** Requests one network may make per hour to the signing pages, and one-time codes it may ask for. */
export const PUBLIC_SIGNING_READS_PER_HOUR = 300;
export const PUBLIC_SIGNING_OTPS_PER_HOUR = 60;

export const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });
export const noStore = { "cache-control": "no-store" };
export const OtpBody = z.strictObject({ channel: z.enum(["sms", "email"]).optional() }).openapi("SigningOtpRequest");
export const OtpSentSchema = z.object({ channel: z.enum(["sms", "email"]), sentTo: z.string(), resendAfterSeconds: z.number().int(), expiresAt: z.string() }).openapi("SigningOtpSent");
export const OtpVerifyBody = z.strictObject({ code: z.string().regex(/^[0-9]{6}$/, "six digits") }).openapi("SigningOtpVerify");
export const DocParam = z.object({ documentId: z.uuid().openapi({ param: { name: "documentId", in: "path" } }) });
export const otpSent = (sent: { channel: "sms" | "email"; sentTo: string; resendAfterSeconds: number; expiresAt: Date }) => ({ ...sent, expiresAt: sent.expiresAt.toISOString() });

/** A 16 KB cap for the small JSON bodies (consent, codes, decline). */
export const smallBodyLimit = () =>
  bodyLimit({
    maxSize: 16 * 1024,
    onError: (c) => problemResponse(new AppError("payload_too_large", "The request is too large", { issues: [{ path: "body", message: "is larger than 16384 bytes", code: "too_big", params: { maximum: 16384 } }] }), c),
  });

/** The link token from the Authorization header (missing: 401 naming the header; malformed: token_invalid). */
export function signingToken(c: Context<AppEnv>): string {
  const h = c.req.header("authorization")?.trim();
  if (!h) throw new AppError("unauthenticated", "Open the signing link you were sent", { issues: [{ path: "header.authorization", message: "send Bearer <token> from the signing link", code: "required" }] });
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,100})$/.exec(h);
  if (!m?.[1]) throw new AppError("token_invalid", "This signing link is not valid", { issues: [{ path: "header.authorization", message: "is not a signing link token", code: "invalid_format" }] });
  return m[1];
}

export type SignerGate = (c: Context<AppEnv>, opts?: { otp?: boolean }) => { token: string; meta: SigningMeta };

/** Counts a call against the network's hourly caps (the code cap too when `otp`), then reads the token and who asks. */
export function signerGate(deps: Deps): SignerGate {
  const reads = new FailureCounter(PUBLIC_SIGNING_READS_PER_HOUR, 3_600_000);
  const otps = new FailureCounter(PUBLIC_SIGNING_OTPS_PER_HOUR, 3_600_000);
  return (c, opts = {}) => {
    const net = networkOf(c.get("ip"));
    const now = deps.clock.now().getTime();
    if (reads.blocked(net, now) || (opts.otp && otps.blocked(net, now))) throw new AppError("rate_limited", "Too many requests from this network; try again later", { retryAfterSeconds: 3600 });
    reads.note(net, now);
    if (opts.otp) otps.note(net, now);
    const token = signingToken(c);
    return { token, meta: { actor: null, ip: c.get("ip"), userAgent: c.req.header("user-agent")?.slice(0, 400) ?? null, requestId: c.get("requestId") } };
  };
}
