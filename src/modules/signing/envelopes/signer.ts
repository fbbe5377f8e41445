/**
 * What a signer does before signing: opens the link (viewed), accepts the electronic-records
 * consent, and proves the phone or email with a one-time code (6 digits, HMAC-SHA-256 with the
 * app secret, 10 minutes, single use, resend after 30 s, at most 5 an hour, 5 wrong codes lock
 * for 15 minutes). A wrong code is counted in a committed transaction and refused after it.
 */
import { randomInt } from "node:crypto";
import { sql, type Updateable } from "kysely";
import { type Executor, inTransaction } from "../../../db";
import type { EnvelopeSignersTable } from "../../../db/schema-signing";
import { hmacHex, safeEqual } from "../../../kernel/crypto";
import { AppError } from "../../../kernel/errors";
import type { Deps } from "../../../server/deps";
import { queueMessage } from "../../notifications";
import { bankOf, maskTo } from "../../onboarding/links";
import { contextById, type SignerContext, type SignerRow, signerByToken } from "./common";
import { CONSENT_VERSION } from "./consent";
import { appendEvent, type EventContext, type EventInput, type SigningAction } from "./events";
import type { OtpSent, SigningMeta } from "./types";

export const OTP_TTL_MINUTES = 10;
export const OTP_RESEND_SECONDS = 30;
export const OTP_SENDS_PER_HOUR = 5;
export const OTP_MAX_FAILURES = 5;
export const OTP_LOCK_MINUTES = 15;

const ctxOf = (deps: Deps, meta: SigningMeta): EventContext => ({ now: deps.clock.now(), actor: null, requestId: meta.requestId });
/** The event fields every signer action carries. */
export const bySigner = (signer: SignerRow, meta: SigningMeta): Omit<EventInput, "action"> => ({ signerId: signer.id, actorLabel: signer.name, ip: meta.ip, userAgent: meta.userAgent });

export async function markViewed(deps: Deps, meta: SigningMeta, token: string): Promise<SignerContext> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const c = await signerByToken(trx, token, now, { forUpdate: true });
    if (c.signer.viewed_at) return c;
    await trx
      .updateTable("envelope_signers")
      .set({ viewed_at: now, status: c.signer.status === "sent" || c.signer.status === "waiting" ? "viewed" : c.signer.status })
      .where("tenant_id", "=", c.signer.tenant_id)
      .where("id", "=", c.signer.id)
      .execute();
    await appendEvent(trx, ctxOf(deps, meta), c.envelope, { action: "viewed", ...bySigner(c.signer, meta) });
    return contextById(trx, c.signer.tenant_id, c.signer.id);
  });
}

const hasConsent = (s: SignerRow) => s.consent_version === CONSENT_VERSION && s.consented_at !== null;

export async function giveConsent(deps: Deps, meta: SigningMeta, token: string, version: string): Promise<SignerContext> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const c = await signerByToken(trx, token, now, { forUpdate: true });
    if (version !== CONSENT_VERSION) {
      throw new AppError("wrong_state", "The consent text has changed: read the current version", {
        issues: [{ path: "body.version", message: `the current version is ${CONSENT_VERSION}`, code: "consent_outdated" }],
      });
    }
    if (hasConsent(c.signer)) return c;
    await trx
      .updateTable("envelope_signers")
      .set({ consent_version: version, consented_at: now, viewed_at: c.signer.viewed_at ?? now, status: "consented" })
      .where("tenant_id", "=", c.signer.tenant_id)
      .where("id", "=", c.signer.id)
      .execute();
    await appendEvent(trx, ctxOf(deps, meta), c.envelope, { action: "consented", ...bySigner(c.signer, meta), data: { version } });
    return contextById(trx, c.signer.tenant_id, c.signer.id);
  });
}

export function requireConsent(signer: SignerRow): void {
  if (!hasConsent(signer)) {
    throw new AppError("wrong_state", "Accept the electronic-records consent first", { issues: [{ path: "consent", message: "not accepted", code: "consent_required" }] });
  }
}

function locked(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError("otp_locked", `Too many wrong codes: try again in ${Math.ceil(seconds / 60)} minutes`, { retryAfterSeconds: seconds });
}

/**
 * What a one-time code is for. Signing: the signer behind a signing link, after the consent; the
 * confirmation is the signing's authentication (authenticated_at, auth_method, the certificate).
 * The signed copies (copy.ts) use the same columns for their codes (signing is over then) and
 * their own events and confirmation time.
 */
export interface OtpPurpose {
  /** The signer behind the token, locked for update; refuses what this purpose cannot use. */
  load: (trx: Executor, token: string, now: Date) => Promise<SignerContext>;
  /** Refuses a signer not ready for a code. */
  ready?: (signer: SignerRow) => void;
  /** Keeps the codes of one purpose from confirming the other. */
  domain: string;
  sent: SigningAction;
  failed: SigningAction;
  /** The columns a right code sets and the event it records. */
  confirm: (signer: SignerRow, now: Date) => { set: Updateable<EnvelopeSignersTable>; action: SigningAction; data: Record<string, unknown> };
}

const SIGNING: OtpPurpose = {
  load: (trx, token, now) => signerByToken(trx, token, now, { forUpdate: true }),
  ready: requireConsent,
  domain: "signing-otp",
  sent: "otp_sent",
  failed: "otp_failed",
  confirm: (signer, now) => {
    const authMethod = `otp_${signer.otp_channel ?? "sms"}`;
    return { set: { authenticated_at: now, auth_method: authMethod }, action: "authenticated", data: { authMethod } };
  },
};

const codeHash = (deps: Deps, purpose: OtpPurpose, signer: SignerRow, code: string) => hmacHex(deps.config.secretKey, `${purpose.domain}:${signer.id}:${code}`);

export const sendSigningOtp = (deps: Deps, meta: SigningMeta, token: string, wanted?: "sms" | "email"): Promise<OtpSent> => sendOtp(deps, meta, SIGNING, token, wanted);
export const verifySigningOtp = (deps: Deps, meta: SigningMeta, token: string, code: string): Promise<SignerContext> => verifyOtp(deps, meta, SIGNING, token, code);

/** Sends a code for `purpose`: 30 s between codes, at most 5 an hour, none while locked. */
export async function sendOtp(deps: Deps, meta: SigningMeta, purpose: OtpPurpose, token: string, wanted?: "sms" | "email"): Promise<OtpSent> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const { signer, envelope } = await purpose.load(trx, token, now);
    purpose.ready?.(signer);
    if (signer.otp_locked_until && signer.otp_locked_until > now) throw locked(signer.otp_locked_until, now);
    if (signer.otp_sent_at) {
      const wait = OTP_RESEND_SECONDS - Math.floor((now.getTime() - signer.otp_sent_at.getTime()) / 1000);
      if (wait > 0) throw new AppError("rate_limited", `Wait ${wait} seconds before asking for another code`, { retryAfterSeconds: wait });
    }
    const recent = await trx
      .selectFrom("signing_events")
      .select(sql<number>`count(*)`.as("n"))
      .where("tenant_id", "=", signer.tenant_id)
      .where("envelope_id", "=", signer.envelope_id)
      .where("signer_id", "=", signer.id)
      .where("action", "=", purpose.sent)
      .where("at", ">", new Date(now.getTime() - 3_600_000))
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= OTP_SENDS_PER_HOUR) throw new AppError("rate_limited", "Too many codes were sent; try again later", { retryAfterSeconds: 3600 });
    const channel = wanted ?? (signer.phone ? "sms" : "email");
    const to = channel === "sms" ? signer.phone : signer.email;
    if (!to) {
      throw new AppError("validation_failed", "The bank has no destination for this channel", {
        issues: [{ path: "body.channel", message: `use ${signer.phone ? "sms" : "email"}`, code: "invalid_option" }],
      });
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const expiresAt = new Date(now.getTime() + OTP_TTL_MINUTES * 60_000);
    await trx
      .updateTable("envelope_signers")
      .set((eb) => ({ otp_hash: codeHash(deps, purpose, signer, code), otp_channel: channel, otp_sent_at: now, otp_expires_at: expiresAt, otp_sends: eb("otp_sends", "+", 1) }))
      .where("tenant_id", "=", signer.tenant_id)
      .where("id", "=", signer.id)
      .execute();
    const bank = await bankOf(trx, signer.tenant_id);
    await queueMessage(trx, now, {
      tenantId: signer.tenant_id,
      channel,
      to,
      template: channel === "sms" ? "signing.otp_sms" : "signing.otp",
      locale: signer.language,
      vars: { name: signer.name, bank: bank.name, code, minutes: String(OTP_TTL_MINUTES) },
      sensitive: true,
      redactBody: !deps.config.devOutbox,
    });
    await appendEvent(trx, ctxOf(deps, meta), envelope, { action: purpose.sent, ...bySigner(signer, meta), data: { channel } });
    return { channel, sentTo: maskTo(channel, to), resendAfterSeconds: OTP_RESEND_SECONDS, expiresAt };
  });
}

type Verified = { ok: true; context: SignerContext } | { ok: false; error: AppError };

/** Checks a code for `purpose`: single use, 10 minutes, 5 wrong ones lock for 15 minutes (counted in a committed transaction). */
export async function verifyOtp(deps: Deps, meta: SigningMeta, purpose: OtpPurpose, token: string, code: string): Promise<SignerContext> {
  const result = await inTransaction(deps.db, async (trx): Promise<Verified> => {
    const now = deps.clock.now();
    const { signer, envelope } = await purpose.load(trx, token, now);
    purpose.ready?.(signer);
    if (signer.otp_locked_until && signer.otp_locked_until > now) return { ok: false, error: locked(signer.otp_locked_until, now) };
    const where = trx.updateTable("envelope_signers").where("tenant_id", "=", signer.tenant_id).where("id", "=", signer.id);
    const fresh = signer.otp_hash && signer.otp_expires_at && signer.otp_expires_at > now;
    const right = fresh && typeof code === "string" && /^\d{6}$/.test(code) && safeEqual(codeHash(deps, purpose, signer, code), signer.otp_hash as string);
    const ctx = ctxOf(deps, meta);
    if (!right) {
      const failures = signer.otp_failures + 1;
      if (failures >= OTP_MAX_FAILURES) {
        const until = new Date(now.getTime() + OTP_LOCK_MINUTES * 60_000);
        await where.set({ otp_failures: 0, otp_hash: null, otp_locked_until: until }).execute();
        await appendEvent(trx, ctx, envelope, { action: purpose.failed, ...bySigner(signer, meta), data: { attemptsLeft: 0, locked: true } });
        return { ok: false, error: locked(until, now) };
      }
      await where.set({ otp_failures: failures }).execute();
      const attemptsLeft = OTP_MAX_FAILURES - failures;
      await appendEvent(trx, ctx, envelope, { action: purpose.failed, ...bySigner(signer, meta), data: { attemptsLeft, expired: !fresh } });
      const message = fresh ? "This code is not right" : "This code has expired: ask for a new one";
      return { ok: false, error: new AppError("otp_invalid", `${message} (${attemptsLeft} attempts left)`, { issues: [{ path: "body.code", message, code: fresh ? "otp_invalid" : "otp_expired", params: { attemptsLeft } }] }) };
    }
    const confirmed = purpose.confirm(signer, now);
    await where.set({ otp_hash: null, otp_failures: 0, otp_locked_until: null, ...confirmed.set }).execute();
    await appendEvent(trx, ctx, envelope, { action: confirmed.action, ...bySigner(signer, meta), data: confirmed.data });
    return { ok: true, context: await contextById(trx, signer.tenant_id, signer.id) };
  });
  if (!result.ok) throw result.error;
  return result.context;
}
