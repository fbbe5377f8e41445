/**
 * Applications on the staff side: an agent (or an API client, or the customer on the public
 * product page) starts an application on the product's published flow; staff send the secure link
 * by SMS or email, revoke it, or cancel the application. Customer names, emails and phones are
 * personal data: they go to the database and the message queue, never to logs or audit data.
 */
import { randomInt } from "node:crypto";
import type { Trx } from "../../db";
import type { Actor } from "../../kernel/access";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import { newId } from "../../kernel/ids";
import { type AuditContext, recordAudit } from "../audit/record";
import { queueMessage } from "../notifications";
import { localize } from "./flow/logic";
import type { AddressValue, FlowDefinition, ProductId } from "./flow/types";
import { publishedFlow } from "./flows";
import { bankOf, type IssuedLink, issueLink, maskTo, revokeLinks } from "./links";
import { endCustomerSessions } from "./session";
import { applicationFlow } from "./store";
import { type ApplicationRow, recordTimeline } from "./timeline";

export interface CustomerInput {
  name: string;
  email?: string;
  phone?: string;
  language?: string;
  customerRef?: string;
  dateOfBirth?: string;
  nationalId?: string;
  address?: AddressValue;
  employer?: string;
}

export interface CreateInput {
  product: ProductId;
  customer: CustomerInput;
  channel?: string;
  branchId?: string;
}

const PREFIX: Record<ProductId, string> = { checking: "CHK", savings: "SAV", credit_card: "CRD", personal_loan: "PLN", auto_loan: "AUT", mortgage: "MTG" };
/** No 0/O, 1/I/L: easy to read out on the phone. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export const randomReference = (product: ProductId) => `${PREFIX[product]}-${Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;

async function freshReference(trx: Trx, tenantId: string, product: ProductId): Promise<string> {
  for (let i = 0; i < 8; i++) {
    const ref = randomReference(product);
    const taken = await trx.selectFrom("applications").select("id").where("tenant_id", "=", tenantId).where("reference", "=", ref).executeTakeFirst();
    if (!taken) return ref;
  }
  throw new AppError("conflict", "Could not allocate an application reference; try again");
}

/** Known customer data by prefill key: what the bank knows is never asked again. */
export function prefillOf(c: CustomerInput): Record<string, unknown> {
  const name = c.name.trim().replace(/\s+/g, " ");
  const parts = name.split(" ");
  const out: Record<string, unknown> = { "customer.name": name };
  if (parts.length > 1) {
    out["customer.firstName"] = parts.slice(0, -1).join(" ");
    out["customer.lastName"] = parts[parts.length - 1];
  } else out["customer.firstName"] = name;
  if (c.email) out["customer.email"] = c.email;
  if (c.phone) out["customer.phone"] = c.phone;
  if (c.dateOfBirth) out["customer.dateOfBirth"] = c.dateOfBirth;
  if (c.nationalId) out["customer.nationalId"] = c.nationalId;
  if (c.address) out["customer.address"] = c.address;
  if (c.employer) out["customer.employer"] = c.employer;
  return out;
}

const noContact = () =>
  new AppError("validation_failed", "Give the customer's email or phone", {
    issues: [
      { path: "body.customer.email", message: "email or phone is required", code: "required" },
      { path: "body.customer.phone", message: "email or phone is required", code: "required" },
    ],
  });

/** The branch an actor may place an application in: theirs by default; one outside their scope is refused. */
async function placeBranch(trx: Trx, actor: Actor | null, tenantId: string, branchId: string | undefined): Promise<{ branchId: string | null; regionId: string | null }> {
  const id = branchId ?? actor?.branchId ?? null;
  if (!id) return { branchId: null, regionId: actor?.regionId ?? null };
  const branch = await trx.selectFrom("branches").select(["id", "region_id"]).where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  if (!branch) throw new AppError("validation_failed", "No such branch", { issues: [{ path: "body.branchId", message: "is not a branch of this bank", code: "not_found" }] });
  if (actor && branchId) {
    const inScope =
      actor.scope === "tenant" ||
      (actor.scope === "region" && actor.regionId === branch.region_id) ||
      ((actor.scope === "branch" || actor.scope === "own") && (actor.branchId === null ? actor.scope === "own" : actor.branchId === branch.id));
    if (!inScope) throw new AppError("out_of_scope", "This branch is outside your data scope");
  }
  return { branchId: branch.id, regionId: branch.region_id };
}

/**
 * Starts an application on the published flow of its product, with an apply link (not sent yet:
 * see sendLink). `actor` null is the customer on the public product page.
 */
export async function createApplication(trx: Trx, deps: Deps, audit: AuditContext, actor: Actor | null, tenantId: string, input: CreateInput): Promise<{ app: ApplicationRow; link: IssuedLink; definition: FlowDefinition }> {
  const now = audit.now;
  const c = input.customer;
  if (!c.email && !c.phone) throw noContact();
  const { version, definition } = await publishedFlow(trx, tenantId, input.product, now);
  const place = await placeBranch(trx, actor, tenantId, input.branchId);
  const language = c.language && (definition.languages as string[]).includes(c.language) ? c.language : definition.defaultLanguage;
  const channel = input.channel ?? (actor === null ? "web" : actor.kind === "api_key" ? "api" : "branch");
  const app = await trx
    .insertInto("applications")
    .values({
      tenant_id: tenantId,
      id: newId(),
      reference: await freshReference(trx, tenantId, input.product),
      product: input.product,
      flow_version: version,
      status: "created",
      channel,
      language,
      customer_name: c.name.trim(),
      customer_email: c.email ?? null,
      customer_phone: c.phone ?? null,
      customer_ref: c.customerRef ?? null,
      prefill: JSON.stringify(prefillOf(c)),
      region_id: place.regionId,
      branch_id: place.branchId,
      agent_id: actor?.kind === "user" ? actor.id : null,
      channels_used: [channel],
      created_at: now,
      last_activity_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const link = await issueLink(trx, deps, app, { purpose: "apply" });
  const who = actor === null ? ("customer" as const) : actor.kind === "user" ? ("user" as const) : ("api" as const);
  await recordTimeline(trx, now, app, { type: "started", actor: who, actorId: actor?.id ?? null, actorLabel: actor?.label ?? null, channel });
  await recordAudit(trx, audit, { tenantId, action: "application.created", subjectType: "application", subjectId: app.id, data: { reference: app.reference, product: app.product, channel, branchId: app.branch_id } });
  return { app, link, definition };
}

const FINAL = new Set(["approved", "rejected", "funded", "cancelled"]);

/** Sends a fresh apply link by SMS or email; earlier apply links stop working. */
export async function sendLink(trx: Trx, d: Deps, audit: AuditContext, app: ApplicationRow, via: "sms" | "email") {
  const now = audit.now;
  if (FINAL.has(app.status)) throw new AppError("wrong_state", `The application is ${app.status}: no link can be sent`);
  const to = via === "sms" ? app.customer_phone : app.customer_email;
  if (!to) {
    throw new AppError("validation_failed", `The customer has no ${via === "sms" ? "phone number" : "email address"}`, { issues: [{ path: "body.via", message: `the customer has no ${via === "sms" ? "phone" : "email"}`, code: "no_contact" }] });
  }
  await revokeLinks(trx, app, now, "apply");
  const link = await issueLink(trx, d, app, { purpose: "apply", sentVia: via });
  const def = await applicationFlow(trx, app);
  const bank = await bankOf(trx, app.tenant_id);
  const product = localize(def.title, app.language, def.defaultLanguage);
  await queueMessage(trx, now, {
    tenantId: app.tenant_id,
    channel: via,
    to,
    template: via === "sms" ? "onboarding.link_sms" : "onboarding.link",
    locale: app.language,
    vars: { name: app.customer_name, bank: bank.name, product, link: link.url, days: String(Math.max(1, Math.ceil(d.config.onboarding.linkTtlHours / 24))) },
    sensitive: true,
    redactBody: !d.config.devOutbox,
  });
  const channels = [...new Set([...app.channels_used, via])];
  const updated = await trx.updateTable("applications").set({ channels_used: channels, updated_at: now }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).returningAll().executeTakeFirstOrThrow();
  const actor = audit.actor;
  await recordTimeline(trx, now, updated, { type: "link_sent", actor: actor?.kind === "api_key" ? "api" : "user", actorId: actor?.id, actorLabel: actor?.label, data: { via } });
  await recordAudit(trx, audit, { tenantId: app.tenant_id, action: "application.link_sent", subjectType: "application", subjectId: app.id, data: { via } });
  return { sentVia: via, to: maskTo(via, to), expiresAt: link.expiresAt.toISOString() };
}

/** Every link stops working and every customer session ends. */
export async function revokeApplication(trx: Trx, audit: AuditContext, app: ApplicationRow): Promise<void> {
  const now = audit.now;
  const n = await revokeLinks(trx, app, now);
  await endCustomerSessions(trx, app.tenant_id, app.id, now);
  await trx.updateTable("applications").set({ updated_at: now }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).execute();
  const actor = audit.actor;
  await recordTimeline(trx, now, app, { type: "link_revoked", actor: actor?.kind === "api_key" ? "api" : "user", actorId: actor?.id, actorLabel: actor?.label, data: { links: n } });
  await recordAudit(trx, audit, { tenantId: app.tenant_id, action: "application.links_revoked", subjectType: "application", subjectId: app.id, data: { links: n } });
}

/** Cancels an application that has no decision yet; its links and sessions end. */
export async function cancelApplication(trx: Trx, audit: AuditContext, app: ApplicationRow, reason: string): Promise<void> {
  const now = audit.now;
  if (FINAL.has(app.status)) throw new AppError("wrong_state", `The application is ${app.status} and cannot be cancelled`);
  await revokeLinks(trx, app, now);
  await endCustomerSessions(trx, app.tenant_id, app.id, now);
  const updated = await trx.updateTable("applications").set({ status: "cancelled", updated_at: now }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).returningAll().executeTakeFirstOrThrow();
  const actor = audit.actor;
  await recordTimeline(trx, now, updated, { type: "cancelled", actor: actor?.kind === "api_key" ? "api" : "user", actorId: actor?.id, actorLabel: actor?.label, data: { reason } });
  await recordAudit(trx, audit, { tenantId: app.tenant_id, action: "application.cancelled", subjectType: "application", subjectId: app.id, data: { reason, from: app.status } });
}
