import type { Selectable } from "kysely";
import { type Executor, inTransaction } from "../../db";
import type { ContactsTable } from "../../db/schema";
import { isoOrNull } from "../../kernel/clock";
import { hmacHex, safeEqual } from "../../kernel/crypto";
import { AppError, type FieldIssue } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import { z } from "../../server/openapi";
import { recordAudit } from "../audit/record";
import { resolveLocale } from "../notifications/templates";

/**
 * Contacts: the people a bank surveys. Tenant-owned; identified by email, phone (E.164) and/or
 * the bank's customer id, each unique per tenant. `attributes` pre-fill hidden fields of personal
 * links; `lists` are plain names a campaign targets.
 */
export type ContactRow = Selectable<ContactsTable>;

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const LIST = /^[\p{L}\p{N} _.:-]{1,64}$/u;
const ATTR_KEY = /^[A-Za-z0-9_-]{1,64}$/;

export function normalizeEmail(value: string): string | null {
  const v = value.trim().toLowerCase();
  return v.length <= 254 && EMAIL.test(v) ? v : null;
}

/** E.164 from what people type: spaces, dashes, dots and brackets are dropped; 00 becomes +. */
export function normalizePhone(value: string): string | null {
  let v = value.trim().replace(/[\s().-]/g, "");
  if (v.startsWith("00")) v = `+${v.slice(2)}`;
  return E164.test(v) ? v : null;
}

/** A supported locale for a tag (he-IL → he); null for a tag that is not a language tag. */
export function normalizeLocale(value: string): string | null {
  try {
    new Intl.Locale(value.trim().replace(/_/g, "-"));
  } catch {
    return null;
  }
  return resolveLocale(value.trim());
}

export const ContactFields = {
  email: z.string().trim().max(254).nullable().optional().openapi({ example: "dana@example.com" }),
  phone: z.string().trim().max(32).nullable().optional().openapi({ description: "E.164, e.g. +972501234567" }),
  name: z.string().trim().max(200).nullable().optional(),
  locale: z.enum(["en", "he", "ar", "zh-Hans", "zh-Hant"]).nullable().optional(),
  customerId: z.string().trim().min(1).max(100).nullable().optional(),
  lists: z.array(z.string().trim().regex(LIST, "letters, digits, spaces and _ . : - (1–64)")).max(50).optional(),
  attributes: z
    .record(z.string().regex(ATTR_KEY, "letters, digits, _ and - (1–64)"), z.string().max(500))
    .optional()
    .openapi({ description: "Pre-filled hidden fields of personal links (e.g. branch, product)" }),
};
export const ContactInput = z.strictObject(ContactFields).openapi("ContactInput");
export type ContactInput = z.infer<typeof ContactInput>;

export const Contact = z
  .object({
    id: z.uuid(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    name: z.string().nullable(),
    locale: z.string().nullable(),
    customerId: z.string().nullable(),
    lists: z.array(z.string()),
    attributes: z.record(z.string(), z.string()),
    unsubscribedAt: z.string().nullable(),
    lastSurveyedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Contact");

export function presentContact(r: ContactRow): z.infer<typeof Contact> {
  return {
    id: r.id,
    email: r.email,
    phone: r.phone,
    name: r.name,
    locale: r.locale,
    customerId: r.customer_id,
    lists: r.lists,
    attributes: r.attributes,
    unsubscribedAt: isoOrNull(r.unsubscribed_at),
    lastSurveyedAt: isoOrNull(r.last_surveyed_at),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

interface CleanContact {
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  locale?: string | null;
  customer_id?: string | null;
  lists?: string[];
  attributes?: Record<string, string>;
}

/** Checks and normalises input; problems name `${prefix}.field`. */
export function cleanContact(input: ContactInput, prefix = "body"): CleanContact {
  const issues: FieldIssue[] = [];
  const out: CleanContact = {};
  if (input.email !== undefined) {
    out.email = input.email ? normalizeEmail(input.email) : null;
    if (input.email && !out.email) issues.push({ path: `${prefix}.email`, message: "is not an email address", code: "invalid_email" });
  }
  if (input.phone !== undefined) {
    out.phone = input.phone ? normalizePhone(input.phone) : null;
    if (input.phone && !out.phone) issues.push({ path: `${prefix}.phone`, message: "is not a phone number in E.164 form (+ country code and number)", code: "invalid_phone" });
  }
  if (input.name !== undefined) out.name = input.name || null;
  if (input.locale !== undefined) out.locale = input.locale;
  if (input.customerId !== undefined) out.customer_id = input.customerId || null;
  if (input.lists !== undefined) out.lists = [...new Set(input.lists)];
  if (input.attributes !== undefined) {
    if (Object.keys(input.attributes).length > 50) issues.push({ path: `${prefix}.attributes`, message: "at most 50 attributes", code: "too_big" });
    out.attributes = input.attributes;
  }
  if (issues.length) throw new AppError("validation_failed", issues.map((i) => `${i.path} ${i.message}`).join("; "), { issues });
  return out;
}

function needsIdentity(c: { email?: string | null; phone?: string | null; customer_id?: string | null }, prefix: string) {
  if (!c.email && !c.phone && !c.customer_id) {
    throw new AppError("validation_failed", "A contact needs an email, a phone or a customer id", {
      issues: [{ path: `${prefix}.email`, message: "give an email, a phone or a customerId", code: "required" }],
    });
  }
}

/** Which unique identifier another contact already holds (→ 409 naming the field). */
async function takenBy(db: Executor, tenantId: string, c: CleanContact, exceptId: string | null, prefix: string) {
  const checks: Array<["email" | "phone" | "customer_id", string, string]> = [];
  if (c.email) checks.push(["email", c.email, "email"]);
  if (c.phone) checks.push(["phone", c.phone, "phone"]);
  if (c.customer_id) checks.push(["customer_id", c.customer_id, "customerId"]);
  for (const [col, value, field] of checks) {
    let q = db.selectFrom("contacts").select("id").where("tenant_id", "=", tenantId).where(col, "=", value);
    if (exceptId) q = q.where("id", "!=", exceptId);
    if (await q.executeTakeFirst()) {
      throw new AppError("already_exists", `Another contact has this ${field}`, { issues: [{ path: `${prefix}.${field}`, message: "belongs to another contact", code: "taken" }] });
    }
  }
}

export async function createContact(db: Executor, tenantId: string, input: ContactInput, now: Date, prefix = "body"): Promise<ContactRow> {
  const c = cleanContact(input, prefix);
  needsIdentity(c, prefix);
  await takenBy(db, tenantId, c, null, prefix);
  return db
    .insertInto("contacts")
    .values({
      tenant_id: tenantId,
      id: newId(),
      email: c.email ?? null,
      phone: c.phone ?? null,
      name: c.name ?? null,
      locale: c.locale ?? null,
      customer_id: c.customer_id ?? null,
      lists: c.lists ?? [],
      attributes: JSON.stringify(c.attributes ?? {}),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateContact(db: Executor, tenantId: string, id: string, input: ContactInput, now: Date, prefix = "body"): Promise<ContactRow> {
  const current = await getContact(db, tenantId, id);
  const c = cleanContact(input, prefix);
  needsIdentity({ email: c.email !== undefined ? c.email : current.email, phone: c.phone !== undefined ? c.phone : current.phone, customer_id: c.customer_id !== undefined ? c.customer_id : current.customer_id }, prefix);
  await takenBy(db, tenantId, c, id, prefix);
  const { attributes, ...rest } = c;
  return db
    .updateTable("contacts")
    .set({ ...rest, ...(attributes ? { attributes: JSON.stringify(attributes) } : {}), updated_at: now })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getContact(db: Executor, tenantId: string, id: string): Promise<ContactRow> {
  const row = await db.selectFrom("contacts").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such contact");
  return row;
}

/** The identity an external system knows a person by (an event, a CSV row). */
export interface ContactRef {
  contactId?: string;
  customerId?: string;
  email?: string;
  phone?: string;
  name?: string;
  locale?: string;
}

/** Finds the contact by id, customer id, email or phone (in that order); creates it when unknown. */
export async function findOrCreateContact(db: Executor, tenantId: string, ref: ContactRef, now: Date): Promise<ContactRow | null> {
  if (ref.contactId) {
    return (await db.selectFrom("contacts").selectAll().where("tenant_id", "=", tenantId).where("id", "=", ref.contactId).executeTakeFirst()) ?? null;
  }
  const email = ref.email ? normalizeEmail(ref.email) : null;
  const phone = ref.phone ? normalizePhone(ref.phone) : null;
  const customerId = ref.customerId?.trim() || null;
  const keys: Array<["customer_id" | "email" | "phone", string | null]> = [["customer_id", customerId], ["email", email], ["phone", phone]];
  for (const [col, value] of keys) {
    if (!value) continue;
    const row = await db.selectFrom("contacts").selectAll().where("tenant_id", "=", tenantId).where(col, "=", value).executeTakeFirst();
    if (row) {
      // Fill what the contact lacks (never overwrite what the bank recorded).
      const fill = {
        ...(!row.email && email ? { email } : {}),
        ...(!row.phone && phone ? { phone } : {}),
        ...(!row.customer_id && customerId ? { customer_id: customerId } : {}),
        ...(!row.name && ref.name ? { name: ref.name.slice(0, 200) } : {}),
      };
      if (Object.keys(fill).length === 0) return row;
      try {
        return await db.updateTable("contacts").set({ ...fill, updated_at: now }).where("tenant_id", "=", tenantId).where("id", "=", row.id).returningAll().executeTakeFirstOrThrow();
      } catch {
        return row; // an identifier another contact holds: keep the match as it is
      }
    }
  }
  if (!email && !phone && !customerId) return null;
  return db
    .insertInto("contacts")
    .values({
      tenant_id: tenantId,
      id: newId(),
      email,
      phone,
      customer_id: customerId,
      name: ref.name?.slice(0, 200) || null,
      locale: ref.locale ? normalizeLocale(ref.locale) : null,
      lists: [],
      attributes: "{}",
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- unsubscribe links: a signed token, no expiry, no row ----

const UNSUB = "atrium:unsubscribe:";

export function unsubscribeToken(secret: Buffer, tenantId: string, contactId: string): string {
  const body = Buffer.from(`${tenantId}:${contactId}`).toString("base64url");
  return `${body}.${hmacHex(secret, UNSUB + body).slice(0, 32)}`;
}

export function readUnsubscribeToken(secret: Buffer, token: string): { tenantId: string; contactId: string } | null {
  const [body, mac] = token.split(".");
  if (!body || !mac || !safeEqual(mac, hmacHex(secret, UNSUB + body).slice(0, 32))) return null;
  const [tenantId, contactId] = Buffer.from(body, "base64url").toString("utf8").split(":");
  return tenantId && contactId ? { tenantId, contactId } : null;
}

/** Stops every survey to this contact. Idempotent; returns the contact, or null for a bad token. */
export async function unsubscribeByToken(db: Executor, secret: Buffer, token: string, now: Date): Promise<ContactRow | null> {
  const who = readUnsubscribeToken(secret, token);
  if (!who) return null;
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("contacts")
      .set({ unsubscribed_at: now, updated_at: now })
      .where("tenant_id", "=", who.tenantId)
      .where("id", "=", who.contactId)
      .where("unsubscribed_at", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (row) {
      await recordAudit(trx, { actor: null, now }, { tenantId: who.tenantId, action: "contact.unsubscribed", subjectType: "contact", subjectId: row.id, actorLabel: "contact (unsubscribe link)" });
      return row;
    }
    return (await trx.selectFrom("contacts").selectAll().where("tenant_id", "=", who.tenantId).where("id", "=", who.contactId).executeTakeFirst()) ?? null;
  });
}
