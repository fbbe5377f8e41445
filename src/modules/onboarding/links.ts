/**
 * Secure links and one-time codes. A link token is 32 random bytes (base64url) of which only the
 * SHA-256 is stored; it expires (ONBOARDING_LINK_TTL_HOURS) and can be revoked. Opening it shows
 * nothing personal beyond masked destinations until the customer enters a 6-digit code sent to
 * their phone or email. Codes are stored as HMAC-SHA-256 (ATRIUM_SECRET), expire, are single-use
 * and compared in constant time; wrong codes are counted on the link row (locked FOR UPDATE) and
 * lock the link for a while. Every device passes its own code and gets its own session on the
 * same application, so a customer can move from the laptop to the phone and keep their answers.
 */
import { randomInt } from "node:crypto";
import { sql } from "kysely";
import { type Executor, inTransaction } from "../../db";
import type { ApplicationLinksTable } from "../../db/schema-onboarding";
import type { Selectable } from "kysely";
import { hmacHex, safeEqual, sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { newId, randomToken } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import { queueMessage } from "../notifications";
import { localize } from "./flow/logic";
import { applicationFlow } from "./store";
import { createCustomerSession } from "./session";
import { type ApplicationRow, deviceOf, recordTimeline } from "./timeline";

export type LinkRow = Selectable<ApplicationLinksTable>;

export const OTP_RESEND_SECONDS = 30;
export const OTP_SENDS_PER_HOUR = 5;
/** Codes to one phone number or address per hour across all its applications: caps SMS pumping through public starts. */
export const OTP_SENDS_PER_DESTINATION_HOUR = 10;

/** "+972 ••• ••67": the country code and the last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  const head = digits.startsWith("+") ? digits.slice(0, Math.min(4, digits.length - 2)) : "";
  return `${head ? `${head} ` : ""}••• ••${digits.slice(-2)}`;
}

/** "d•••@example.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 1 ? "•••" : `${email[0]}•••${email.slice(at)}`;
}

export const maskTo = (channel: "sms" | "email", to: string) => (channel === "sms" ? maskPhone(to) : maskEmail(to));

export async function bankOf(db: Executor, tenantId: string): Promise<{ slug: string; name: string }> {
  return db.selectFrom("tenants").select(["slug", "name"]).where("id", "=", tenantId).executeTakeFirstOrThrow();
}

export interface IssuedLink {
  id: string;
  token: string;
  url: string;
  expiresAt: Date;
}

/** A new link: 32 random bytes in the URL, only the SHA-256 stored, ONBOARDING_LINK_TTL_HOURS. */
export async function issueLink(
  db: Executor,
  deps: Deps,
  app: ApplicationRow,
  opts: { purpose: LinkRow["purpose"]; step?: string | null; field?: string | null; sentVia?: "sms" | "email" | null },
): Promise<IssuedLink> {
  const now = deps.clock.now();
  const token = randomToken(32);
  const id = newId();
  const expiresAt = new Date(now.getTime() + deps.config.onboarding.linkTtlHours * 3_600_000);
  await db
    .insertInto("application_links")
    .values({ tenant_id: app.tenant_id, id, application_id: app.id, token_hash: sha256Hex(token), purpose: opts.purpose, step: opts.step ?? null, field: opts.field ?? null, created_at: now, expires_at: expiresAt, sent_via: opts.sentVia ?? null })
    .execute();
  const { slug } = await bankOf(db, app.tenant_id);
  return { id, token, url: `${deps.config.publicUrl}/c/${slug}/a/${token}`, expiresAt };
}

const invalid = () => new AppError("token_invalid", "This link is not valid");

/** The link behind a token with its application; unknown, expired and revoked links are refused. */
export async function linkByToken(db: Executor, token: string, now: Date, opts: { forUpdate?: boolean } = {}): Promise<LinkRow> {
  if (!/^[A-Za-z0-9_-]{40,60}$/.test(token)) throw invalid();
  let q = db.selectFrom("application_links").selectAll().where("token_hash", "=", sha256Hex(token));
  if (opts.forUpdate) q = q.forUpdate();
  const link = await q.executeTakeFirst();
  if (!link) throw invalid();
  if (link.revoked_at) throw new AppError("link_revoked", "This link was withdrawn; ask the bank for a new one");
  if (link.expires_at <= now) throw new AppError("token_expired", "This link has expired; ask the bank for a new one");
  return link;
}

const appOf = (db: Executor, link: LinkRow) =>
  db.selectFrom("applications").selectAll().where("tenant_id", "=", link.tenant_id).where("id", "=", link.application_id).executeTakeFirstOrThrow();

const channelsOf = (app: ApplicationRow): Array<"sms" | "email"> => [...(app.customer_phone ? (["sms"] as const) : []), ...(app.customer_email ? (["email"] as const) : [])];

/** What the page shows before any code: the bank, the product and where the code goes (masked). */
export async function linkInfo(db: Executor, deps: Deps, token: string) {
  const link = await linkByToken(db, token, deps.clock.now());
  const app = await appOf(db, link);
  const [def, bank] = await Promise.all([applicationFlow(db, app), bankOf(db, app.tenant_id)]);
  const destination: { sms?: string; email?: string } = {};
  if (app.customer_phone) destination.sms = maskPhone(app.customer_phone);
  if (app.customer_email) destination.email = maskEmail(app.customer_email);
  return {
    bank,
    product: app.product,
    productTitle: def.title,
    language: app.language,
    languages: def.languages as string[],
    otpChannels: channelsOf(app),
    destination,
    purpose: link.purpose,
  };
}

const codeHash = (deps: Deps, link: LinkRow, code: string) => hmacHex(deps.config.secretKey, `onboarding-otp:${link.id}:${code}`);

/** Sends a fresh code for a link (cooldown 30 s, at most 5 an hour, none while locked). */
export async function sendOtp(deps: Deps, token: string, wanted: "sms" | "email" | undefined) {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const link = await linkByToken(trx, token, now, { forUpdate: true });
    if (link.locked_until && link.locked_until > now) throw locked(link.locked_until, now);
    if (link.otp_sent_at) {
      const wait = OTP_RESEND_SECONDS - Math.floor((now.getTime() - link.otp_sent_at.getTime()) / 1000);
      if (wait > 0) throw new AppError("rate_limited", `Wait ${wait} seconds before asking for another code`, { retryAfterSeconds: wait });
    }
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const recent = await trx
      .selectFrom("application_timeline")
      .select(sql<number>`count(*)`.as("n"))
      .where("tenant_id", "=", link.tenant_id)
      .where("application_id", "=", link.application_id)
      .where("type", "=", "otp_sent")
      .where("at", ">", hourAgo)
      .where(sql<boolean>`data->>'link' = ${link.id}`)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= OTP_SENDS_PER_HOUR) throw new AppError("rate_limited", "Too many codes were sent for this link; try again later", { retryAfterSeconds: 3600 });
    const app = await appOf(trx, link);
    const channels = channelsOf(app);
    const channel = wanted ?? channels[0];
    if (!channel || !channels.includes(channel)) {
      throw new AppError("validation_failed", "The bank has no destination for this channel", { issues: [{ path: "body.channel", message: `use one of: ${channels.join(", ")}`, code: "invalid_option" }] });
    }
    const to = (channel === "sms" ? app.customer_phone : app.customer_email) as string;
    const toSame = await trx
      .selectFrom("messages")
      .select(sql<number>`count(*)`.as("n"))
      .where("tenant_id", "=", app.tenant_id)
      .where("recipient", "=", to.trim())
      .where("created_at", ">", hourAgo)
      .where("template", "in", ["onboarding.otp", "onboarding.otp_sms"])
      .executeTakeFirstOrThrow();
    if (Number(toSame.n) >= OTP_SENDS_PER_DESTINATION_HOUR) throw new AppError("rate_limited", "Too many codes were sent to this phone number or address; try again later", { retryAfterSeconds: 3600 });
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const expiresAt = new Date(now.getTime() + deps.config.onboarding.otpTtlMinutes * 60_000);
    await trx
      .updateTable("application_links")
      .set({ otp_hash: codeHash(deps, link, code), otp_channel: channel, otp_sent_at: now, otp_expires_at: expiresAt, otp_sends: sql`otp_sends + 1` })
      .where("tenant_id", "=", link.tenant_id)
      .where("id", "=", link.id)
      .execute();
    const bank = await bankOf(trx, app.tenant_id);
    await queueMessage(trx, now, {
      tenantId: app.tenant_id,
      channel,
      to,
      template: channel === "sms" ? "onboarding.otp_sms" : "onboarding.otp",
      locale: app.language,
      vars: { name: app.customer_name, bank: bank.name, code, minutes: String(deps.config.onboarding.otpTtlMinutes) },
      sensitive: true,
      redactBody: !deps.config.devOutbox,
    });
    await recordTimeline(trx, now, app, { type: "otp_sent", actor: "customer", data: { channel, link: link.id } });
    return { channel, to: maskTo(channel, to), expiresAt: expiresAt.toISOString(), resendAfterSeconds: OTP_RESEND_SECONDS };
  });
}

function locked(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError("otp_locked", `Too many wrong codes: try again in ${Math.ceil(seconds / 60)} minutes`, { retryAfterSeconds: seconds });
}

type Verified = { ok: true; token: string; expiresAt: Date; applicationId: string } | { ok: false; error: AppError };

/**
 * Checks a code and opens a session. A wrong code is counted in a committed transaction and the
 * error is thrown after it, so the count survives the refusal.
 */
export async function verifyOtp(deps: Deps, token: string, code: string, client: { ip: string | null; userAgent: string | null }) {
  const result = await inTransaction(deps.db, async (trx): Promise<Verified> => {
    const now = deps.clock.now();
    const link = await linkByToken(trx, token, now, { forUpdate: true });
    if (link.locked_until && link.locked_until > now) return { ok: false, error: locked(link.locked_until, now) };
    const app = await appOf(trx, link);
    const max = deps.config.onboarding.otpMaxAttempts;
    const fresh = link.otp_hash && link.otp_expires_at && link.otp_expires_at > now;
    const right = fresh && /^\d{6}$/.test(code) && safeEqual(codeHash(deps, link, code), link.otp_hash as string);
    if (!right) {
      const attempts = link.otp_attempts + 1;
      if (attempts >= max) {
        const until = new Date(now.getTime() + deps.config.onboarding.otpLockMinutes * 60_000);
        await trx.updateTable("application_links").set({ otp_attempts: 0, otp_hash: null, locked_until: until }).where("tenant_id", "=", link.tenant_id).where("id", "=", link.id).execute();
        await recordTimeline(trx, now, app, { type: "otp_locked", actor: "customer", data: { minutes: deps.config.onboarding.otpLockMinutes } });
        return { ok: false, error: locked(until, now) };
      }
      await trx.updateTable("application_links").set({ otp_attempts: attempts }).where("tenant_id", "=", link.tenant_id).where("id", "=", link.id).execute();
      await recordTimeline(trx, now, app, { type: "otp_failed", actor: "customer", data: { attemptsLeft: max - attempts, expired: !fresh } });
      const message = fresh ? "This code is not right" : "This code has expired: ask for a new one";
      return {
        ok: false,
        error: new AppError("otp_invalid", message, { issues: [{ path: "body.code", message, code: fresh ? "otp_invalid" : "otp_expired", params: { attemptsLeft: max - attempts } }] }),
      };
    }
    // Single use: the code is gone once it opened a session.
    await trx.updateTable("application_links").set({ otp_hash: null, otp_attempts: 0, locked_until: null }).where("tenant_id", "=", link.tenant_id).where("id", "=", link.id).execute();
    const before = await trx.selectFrom("application_sessions").select("token_hash").where("tenant_id", "=", app.tenant_id).where("application_id", "=", app.id).limit(1).executeTakeFirst();
    const session = await createCustomerSession(trx, deps, { tenantId: app.tenant_id, applicationId: app.id, linkId: link.id, ip: client.ip, userAgent: client.userAgent });
    const device = deviceOf(client.userAgent);
    const wasIdle = app.status === "abandoned" || app.reminders_sent > 0;
    const opened = app.status === "created" || app.status === "abandoned" ? "in_progress" : app.status;
    const channels = [...new Set([...app.channels_used, ...(link.otp_channel ? [link.otp_channel] : []), ...(device ? [device] : [])])];
    const updated = await trx
      .updateTable("applications")
      .set({ status: opened, opened_at: app.opened_at ?? now, device: device ?? app.device, channels_used: channels, last_activity_at: now, updated_at: now })
      .where("tenant_id", "=", app.tenant_id)
      .where("id", "=", app.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordTimeline(trx, now, updated, { type: "session_started", actor: "customer", device, channel: "web", data: { device, purpose: link.purpose } });
    if (before || wasIdle) await recordTimeline(trx, now, updated, { type: "resumed", actor: "customer", device, channel: "web", step: updated.current_step, field: updated.current_field });
    return { ok: true, token: session.token, expiresAt: session.expiresAt, applicationId: app.id };
  });
  if (!result.ok) throw result.error;
  return { sessionToken: result.token, applicationId: result.applicationId, expiresAt: result.expiresAt.toISOString() };
}

/** Revokes the links of an application (every purpose, or only apply links before a fresh one). */
export async function revokeLinks(db: Executor, app: ApplicationRow, now: Date, purpose?: "apply"): Promise<number> {
  let q = db.updateTable("application_links").set({ revoked_at: now }).where("tenant_id", "=", app.tenant_id).where("application_id", "=", app.id).where("revoked_at", "is", null);
  if (purpose) q = q.where("purpose", "=", purpose);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The product title in the customer's language (messages). */
export async function productTitle(db: Executor, app: ApplicationRow): Promise<string> {
  const def = await applicationFlow(db, app);
  return localize(def.title, app.language, def.defaultLanguage);
}
