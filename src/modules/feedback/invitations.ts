import { createHmac } from "node:crypto";
import type { Selectable } from "kysely";
import type { Executor } from "../../db";
import type { SurveyInvitationsTable } from "../../db/schema";
import { DAY } from "../../kernel/clock";
import { sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import { queueMessage } from "../notifications/queue";
import type { TemplateName } from "../notifications/templates";
import type { Question, SurveyDefinition, Text } from "./definition/types";
import { type ContactRow, unsubscribeToken } from "./contacts";
import { type FeedbackSettings, lockContact, markSurveyed, recordSkip, type SkipSource, skipReason } from "./frequency";

export type InvitationRow = Selectable<SurveyInvitationsTable>;
export type SendChannel = "email" | "sms";

/** Personal links expire after this many days unless the caller says otherwise. */
export const INVITATION_TTL_DAYS = 30;

/**
 * The link token of an invitation: HMAC(ATRIUM_SECRET, id), 256 bits. Only its SHA-256 is stored;
 * it is re-derived (never read back) when a reminder carries the same link again. Rotating the
 * secret invalidates outstanding links.
 */
export function invitationToken(secret: Buffer, invitationId: string): string {
  return createHmac("sha256", secret).update(`atrium:survey-invitation:${invitationId}`).digest("base64url");
}

/** A survey that can be sent: published (or closed, refused by callers that send). */
export interface SendableSurvey {
  tenantId: string;
  id: string;
  slug: string;
  bank: string;
  status: "draft" | "published" | "closed";
  version: number;
  definition: SurveyDefinition;
}

/** The tenant's survey with its published definition; 404 when unknown or never published. */
export async function loadSurvey(db: Executor, tenantId: string, surveyId: string): Promise<SendableSurvey> {
  const row = await db
    .selectFrom("surveys")
    .innerJoin("tenants", "tenants.id", "surveys.tenant_id")
    .leftJoin("survey_versions", (j) =>
      j.onRef("survey_versions.tenant_id", "=", "surveys.tenant_id").onRef("survey_versions.survey_id", "=", "surveys.id").onRef("survey_versions.version", "=", "surveys.published_version"),
    )
    .select(["surveys.id", "surveys.status", "surveys.published_version", "tenants.slug", "tenants.name", "survey_versions.definition"])
    .where("surveys.tenant_id", "=", tenantId)
    .where("surveys.id", "=", surveyId)
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such survey");
  if (!row.published_version || !row.definition) throw new AppError("conflict", "Publish the survey before distributing it");
  return {
    tenantId,
    id: row.id,
    slug: row.slug,
    bank: row.name,
    status: row.status,
    version: row.published_version,
    definition: row.definition as unknown as SurveyDefinition,
  };
}

export function assertOpen(survey: SendableSurvey): void {
  if (survey.status !== "published") throw new AppError("survey_closed", "The survey is closed: it takes no responses");
}

/** The respondent page URL: `${PUBLIC_URL}/c/{slug}/s/{id}?…`. */
export function surveyUrl(publicUrl: string, slug: string, surveyId: string, params: Record<string, string> = {}): string {
  const q = new URLSearchParams(params).toString();
  return `${publicUrl}/c/${encodeURIComponent(slug)}/s/${surveyId}${q ? `?${q}` : ""}`;
}

export function unsubscribeUrl(deps: Pick<Deps, "config">, tenantId: string, contactId: string): string {
  return `${deps.config.publicUrl}/u/${unsubscribeToken(deps.config.secretKey, tenantId, contactId)}`;
}

/** The survey language for a contact: theirs when the survey has it, else the survey's default. */
export function languageFor(def: SurveyDefinition, locale: string | null | undefined): string {
  if (locale && (def.languages as string[]).includes(locale)) return locale;
  return def.defaultLanguage;
}

function textIn(t: Text | undefined, lang: string, def: SurveyDefinition): string {
  if (!t) return "";
  return t[lang] ?? t[def.defaultLanguage] ?? Object.values(t)[0] ?? "";
}

/** Recall in a message: hidden fields are known, answers are not yet (their fallback is used). */
function pipeForMessage(text: string, hidden: Record<string, string>): string {
  return text.replace(/\{\{\s*([^}|]+?)\s*(?:\|([^}]*))?\}\}/g, (_, ref: string, fallback?: string) => {
    if (ref.startsWith("hidden.")) return hidden[ref.slice(7)] ?? fallback ?? "";
    return fallback ?? "";
  });
}

const ONE_TAP = new Set(["nps", "csat", "ces", "rating", "single"]);

function scalePoints(q: Question): Array<{ value: string; label: string }> | null {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ value: String(from + i), label: String(from + i) }));
  if (q.type === "nps") return range(0, 10);
  if (q.type === "csat") return range(1, 5);
  if (q.type === "ces") return range(1, 7);
  if (q.type === "rating") return range(1, q.points);
  return null;
}

/**
 * The first question as one-tap answer links, when the survey opens with an NPS, CSAT, CES,
 * rating or single-choice question shown unconditionally: each link opens the personal link with
 * `a=<value>`, and the page saves that first answer. Null otherwise.
 */
export function firstQuestionLinks(def: SurveyDefinition, lang: string, hidden: Record<string, string>, linkFor: (answer: string) => string) {
  const firstId = def.pages[0]?.questionIds[0];
  const q = def.questions.find((x) => x.id === firstId);
  if (!q || !ONE_TAP.has(q.type) || q.showIf || def.loops.some((l) => l.pages.includes(def.pages[0]?.id ?? ""))) return null;
  const points =
    scalePoints(q) ?? (q.type === "single" ? q.choices.map((c) => ({ value: c.id, label: pipeForMessage(textIn(c.text, lang, def), hidden) })) : null);
  if (!points?.length) return null;
  const ends = "lowLabel" in q ? { low: textIn(q.lowLabel, lang, def) || undefined, high: textIn(q.highLabel, lang, def) || undefined } : {};
  return {
    questionId: q.id,
    text: pipeForMessage(textIn(q.text, lang, def), hidden),
    ...ends,
    options: points.map((p) => ({ label: p.label, url: linkFor(p.value) })),
  };
}

/** Localized "Hello {{name}}" when the contact has no name on file. */
const NAMELESS: Record<string, string> = { en: "there", he: "לך", ar: "بك", "zh-Hans": "尊敬的客户", "zh-Hant": "親愛的客戶" };

export interface NewInvitation {
  contact: ContactRow | null;
  channel: SendChannel | "link";
  /** Extra hidden fields; the contact's attributes are the base. Only fields the survey declares are kept. */
  hidden?: Record<string, string>;
  expiresAt?: Date;
  source?: SkipSource;
  /** Set when the caller queues the message in the same transaction (saves an update). */
  sentAt?: Date;
}

export interface CreatedInvitation {
  row: InvitationRow;
  token: string;
  url: string;
}

export async function createInvitation(trx: Executor, deps: Pick<Deps, "config">, survey: SendableSurvey, input: NewInvitation, now: Date): Promise<CreatedInvitation> {
  const declared = new Set(survey.definition.hiddenFields ?? []);
  const hidden = Object.fromEntries(
    Object.entries({ ...(input.contact?.attributes ?? {}), ...(input.hidden ?? {}) }).filter(([k, v]) => declared.has(k) && typeof v === "string"),
  );
  const id = newId();
  const token = invitationToken(deps.config.secretKey, id);
  const row = await trx
    .insertInto("survey_invitations")
    .values({
      tenant_id: survey.tenantId,
      id,
      survey_id: survey.id,
      contact_id: input.contact?.id ?? null,
      campaign_id: input.source?.campaignId ?? null,
      trigger_id: input.source?.triggerId ?? null,
      source_event_id: input.source?.sourceEventId ?? null,
      channel: input.channel,
      token_hash: sha256Hex(token),
      hidden: JSON.stringify(hidden),
      expires_at: input.expiresAt ?? new Date(now.getTime() + INVITATION_TTL_DAYS * DAY),
      created_at: now,
      sent_at: input.sentAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, token, url: invitationUrl(deps, survey, row, token, input.contact?.locale) };
}

function invitationUrl(deps: Pick<Deps, "config">, survey: SendableSurvey, row: InvitationRow, token: string, locale: string | null | undefined, answer?: string): string {
  const ch = row.channel === "link" ? "link" : row.channel;
  const lang = languageFor(survey.definition, locale);
  return surveyUrl(deps.config.publicUrl, survey.slug, survey.id, { t: token, ...(answer !== undefined ? { a: answer } : {}), lang, ch });
}

/**
 * Queues the invitation (or a reminder) by email or SMS in the contact's language, through the
 * notifications outbox. The link is re-derived from the invitation id. Marks sent_at / reminders.
 */
export async function deliverInvitation(trx: Executor, deps: Deps, survey: SendableSurvey, inv: InvitationRow, contact: ContactRow, kind: "invitation" | "reminder", now: Date): Promise<string> {
  const channel = inv.channel === "sms" ? "sms" : "email";
  const to = channel === "sms" ? contact.phone : contact.email;
  if (!to) throw new AppError("validation_failed", `The contact has no ${channel === "sms" ? "phone" : "email"}`, { issues: [{ path: "body.channel", message: `the contact has no ${channel === "sms" ? "phone" : "email"}`, code: "no_address" }] });
  const token = invitationToken(deps.config.secretKey, inv.id);
  const lang = languageFor(survey.definition, contact.locale);
  const def = survey.definition;
  const title = pipeForMessage(textIn(def.title, lang, def), inv.hidden);
  const common = { bank: survey.bank, survey: title, link: invitationUrl(deps, survey, inv, token, contact.locale), unsubscribe: unsubscribeUrl(deps, survey.tenantId, contact.id) };
  let template: TemplateName;
  let vars: Record<string, string>;
  if (channel === "email") {
    const first = firstQuestionLinks(def, lang, inv.hidden, (a) => invitationUrl(deps, survey, inv, token, contact.locale, a));
    template = kind === "invitation" ? "feedback.survey_invitation" : "feedback.survey_reminder";
    vars = { ...common, name: contact.name ?? NAMELESS[lang] ?? NAMELESS.en ?? "", question: first ? JSON.stringify({ text: first.text, low: first.low, high: first.high, options: first.options }) : "" };
  } else {
    template = kind === "invitation" ? "feedback.survey_invitation_sms" : "feedback.survey_reminder_sms";
    vars = common;
  }
  // The message holds a personal link: sensitive, so its body is dropped once delivered in production.
  const messageId = await queueMessage(trx, now, { tenantId: survey.tenantId, channel, to, template, locale: lang, vars, sensitive: true, redactBody: !deps.config.devOutbox });
  const q = trx.updateTable("survey_invitations").where("tenant_id", "=", survey.tenantId).where("id", "=", inv.id);
  if (kind === "invitation") {
    if (!inv.sent_at) await q.set({ sent_at: now }).execute();
  } else await q.set((eb) => ({ reminders_sent: eb("reminders_sent", "+", 1), last_reminded_at: now })).execute();
  return messageId;
}

export type SendOutcome = { status: "sent"; invitationId: string; url: string } | { status: "skipped"; reason: "unsubscribed" | "frequency" | "no_address" };

/**
 * Every send path (manual, campaign, trigger) comes through here: locks the contact, applies the
 * unsubscribe / address / frequency rules (recording a skip with its reason), creates the personal
 * link, queues the message and records that the contact was surveyed now. Use inside a transaction.
 */
export async function sendToContact(
  trx: Executor,
  deps: Deps,
  survey: SendableSurvey,
  contactId: string,
  opts: { channel: SendChannel; settings: FeedbackSettings; hidden?: Record<string, string>; source?: SkipSource; expiresAt?: Date },
  now: Date,
): Promise<SendOutcome> {
  const contact = await lockContact(trx, survey.tenantId, contactId);
  if (!contact) throw new AppError("not_found", "No such contact");
  const reason = skipReason(contact, opts.channel, opts.settings, now);
  if (reason) {
    await recordSkip(trx, survey.tenantId, survey.id, contact.id, reason, opts.source ?? {}, now);
    return { status: "skipped", reason };
  }
  const created = await createInvitation(trx, deps, survey, { contact, channel: opts.channel, hidden: opts.hidden, source: opts.source, expiresAt: opts.expiresAt, sentAt: now }, now);
  await deliverInvitation(trx, deps, survey, created.row, contact, "invitation", now);
  await markSurveyed(trx, survey.tenantId, contact.id, now);
  return { status: "sent", invitationId: created.row.id, url: created.url };
}
