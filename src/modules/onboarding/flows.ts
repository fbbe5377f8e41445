/**
 * Flows per product: every bank starts with the shipped templates published as version 1 (created
 * on first use, so existing banks get them too). Editing changes the draft; publishing snapshots an
 * immutable version; applications keep the version they started on.
 */
import { sql } from "kysely";
import { type Executor, inTransaction, type Trx } from "../../db";
import { AppError, notFound } from "../../kernel/errors";
import { type AuditContext, recordAudit } from "../audit/record";
import { checkFlow, isError, type Problem } from "./flow/check";
import { FLOW_TEMPLATES } from "./flow/templates";
import { type FlowDefinition, PRODUCTS, type ProductId, type Text } from "./flow/types";
import { knownStepKinds } from "./steps";

const FLOWS_LOCK_NS = 4_242_005;

/** Creates the six shipped flows (draft = version 1, published) for a bank that has none yet. Idempotent. */
export async function ensureFlows(db: Executor, tenantId: string, now: Date): Promise<void> {
  const have = await db.selectFrom("flows").select(sql<number>`count(*)`.as("n")).where("tenant_id", "=", tenantId).executeTakeFirstOrThrow();
  if (Number(have.n) >= PRODUCTS.length) return;
  await inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(${FLOWS_LOCK_NS}, hashtext(${tenantId}))`.execute(trx);
    const existing = new Set((await trx.selectFrom("flows").select("product").where("tenant_id", "=", tenantId).execute()).map((r) => r.product));
    for (const product of PRODUCTS) {
      if (existing.has(product)) continue;
      const def = FLOW_TEMPLATES[product];
      const json = JSON.stringify(def);
      await trx
        .insertInto("flows")
        .values({ tenant_id: tenantId, product, name: def.title.en ?? product, draft: json, draft_changed: false, published_version: 1, created_at: now, updated_at: now })
        .execute();
      await trx.insertInto("flow_versions").values({ tenant_id: tenantId, product, version: 1, definition: json, published_at: now, published_by: null }).execute();
    }
  });
}

/** The version new applications of a product start on; refuses inactive products. */
export async function publishedFlow(db: Executor, tenantId: string, product: ProductId, now: Date): Promise<{ version: number; definition: FlowDefinition }> {
  await ensureFlows(db, tenantId, now);
  const row = await db
    .selectFrom("flows as f")
    .innerJoin("flow_versions as v", (j) => j.onRef("v.tenant_id", "=", "f.tenant_id").onRef("v.product", "=", "f.product").onRef("v.version", "=", "f.published_version"))
    .select(["f.active", "v.version", "v.definition"])
    .where("f.tenant_id", "=", tenantId)
    .where("f.product", "=", product)
    .executeTakeFirst();
  if (!row) throw notFound("Product");
  if (!row.active) throw new AppError("wrong_state", `The product ${product} is not offered at the moment`);
  return { version: row.version, definition: row.definition as unknown as FlowDefinition };
}

/** A product id from the URL; anything else is "not found" (checked after the permission). */
export function productOf(s: string): ProductId {
  if (!(PRODUCTS as readonly string[]).includes(s)) throw new AppError("not_found", `No product ${s.slice(0, 64)} (${PRODUCTS.join(", ")})`);
  return s as ProductId;
}

export interface FlowRow {
  product: string;
  name: string;
  active: boolean;
  draft: unknown;
  draft_changed: boolean;
  published_version: number | null;
  updated_at: Date;
}
const FLOW_COLUMNS = ["product", "name", "active", "draft", "draft_changed", "published_version", "updated_at"] as const;

export interface FlowView {
  product: ProductId;
  name: string;
  active: boolean;
  draft: FlowDefinition;
  draftChanged: boolean;
  publishedVersion: number | null;
  problems: Problem[];
  updatedAt: string;
}

export function presentFlow(row: FlowRow): FlowView {
  const draft = row.draft as FlowDefinition;
  const product = row.product as ProductId;
  return {
    product,
    name: row.name,
    active: row.active,
    draft,
    draftChanged: row.draft_changed,
    publishedVersion: row.published_version,
    problems: checkFlow(draft, knownStepKinds(), product),
    updatedAt: row.updated_at.toISOString(),
  };
}

const minutesOf = (def: FlowDefinition) => def.steps.reduce((n, s) => n + s.minutes, 0);
const byId = (audit: AuditContext, tenantId: string) => (audit.actor && audit.actor.tenantId === tenantId ? audit.actor.id : null);

async function lockFlow(trx: Trx, tenantId: string, product: ProductId, now: Date): Promise<FlowRow> {
  await ensureFlows(trx, tenantId, now);
  const row = await trx.selectFrom("flows").select(FLOW_COLUMNS).where("tenant_id", "=", tenantId).where("product", "=", product).forUpdate().executeTakeFirst();
  if (!row) throw notFound("Flow");
  return row as FlowRow;
}

export async function getFlow(db: Executor, tenantId: string, product: ProductId, now: Date): Promise<FlowView> {
  await ensureFlows(db, tenantId, now);
  const row = await db.selectFrom("flows").select(FLOW_COLUMNS).where("tenant_id", "=", tenantId).where("product", "=", product).executeTakeFirst();
  if (!row) throw notFound("Flow");
  return presentFlow(row as FlowRow);
}

export interface ProductItem {
  id: ProductId;
  title: Text;
  description: Text | null;
  active: boolean;
  publishedVersion: number | null;
  draftChanged: boolean;
  minutes: number;
  versions: Array<{ version: number; publishedAt: string }>;
}

/** Every product of the bank with its published version (title, minutes) and version history. */
export async function listProducts(db: Executor, tenantId: string, now: Date): Promise<ProductItem[]> {
  await ensureFlows(db, tenantId, now);
  const flows = await db.selectFrom("flows").select(FLOW_COLUMNS).where("tenant_id", "=", tenantId).execute();
  const versions = await db.selectFrom("flow_versions").select(["product", "version", "published_at", "definition"]).where("tenant_id", "=", tenantId).orderBy("version", "desc").execute();
  const order = (p: string) => PRODUCTS.indexOf(p as ProductId);
  return flows
    .sort((a, b) => order(a.product) - order(b.product))
    .map((f) => {
      const mine = versions.filter((v) => v.product === f.product);
      const published = mine.find((v) => v.version === f.published_version);
      const def = (published?.definition ?? f.draft) as unknown as FlowDefinition;
      return {
        id: f.product as ProductId,
        title: def.title,
        description: def.description ?? null,
        active: f.active,
        publishedVersion: f.published_version,
        draftChanged: f.draft_changed,
        minutes: minutesOf(def),
        versions: mine.map((v) => ({ version: v.version, publishedAt: v.published_at.toISOString() })),
      };
    });
}

/** Replaces the draft; it counts as changed unless it equals the published version. Not audited (too chatty). */
export async function saveDraft(trx: Trx, audit: AuditContext, tenantId: string, product: ProductId, def: FlowDefinition): Promise<FlowView> {
  await lockFlow(trx, tenantId, product, audit.now);
  const json = JSON.stringify(def);
  const row = await trx
    .updateTable("flows")
    .set({
      draft: json,
      draft_changed: sql<boolean>`not exists (select 1 from flow_versions v where v.tenant_id = flows.tenant_id and v.product = flows.product and v.version = flows.published_version and v.definition = ${json}::jsonb)`,
      updated_at: audit.now,
      updated_by: byId(audit, tenantId),
    })
    .where("tenant_id", "=", tenantId)
    .where("product", "=", product)
    .returning(FLOW_COLUMNS)
    .executeTakeFirstOrThrow();
  return presentFlow(row as FlowRow);
}

/** Publishes the draft as version n+1 (immutable); refuses a flow with errors (422) or an unchanged draft (409). */
export async function publishFlow(trx: Trx, audit: AuditContext, tenantId: string, product: ProductId): Promise<{ product: ProductId; version: number; publishedAt: string }> {
  const flow = await lockFlow(trx, tenantId, product, audit.now);
  if (!flow.draft_changed && flow.published_version !== null) throw new AppError("conflict", "Nothing to publish: the draft is the published version");
  const def = flow.draft as FlowDefinition;
  const errors = checkFlow(def, knownStepKinds(), product).filter(isError);
  if (errors.length > 0) {
    throw new AppError("flow_invalid", `The flow has ${errors.length} error(s); fix them before publishing`, { issues: errors.map((p) => ({ path: p.path, message: p.message, code: p.code })) });
  }
  const last = await trx.selectFrom("flow_versions").select(sql<number | null>`max(version)`.as("v")).where("tenant_id", "=", tenantId).where("product", "=", product).executeTakeFirstOrThrow();
  const version = Number(last.v ?? 0) + 1;
  const by = byId(audit, tenantId);
  await trx.insertInto("flow_versions").values({ tenant_id: tenantId, product, version, definition: JSON.stringify(def), published_at: audit.now, published_by: by }).execute();
  await trx.updateTable("flows").set({ published_version: version, draft_changed: false, updated_at: audit.now, updated_by: by }).where("tenant_id", "=", tenantId).where("product", "=", product).execute();
  await recordAudit(trx, audit, { tenantId, action: "flow.published", subjectType: "flow", subjectId: product, data: { product, version } });
  return { product, version, publishedAt: audit.now.toISOString() };
}

/** Puts the draft back to the published version. */
export async function discardDraft(trx: Trx, audit: AuditContext, tenantId: string, product: ProductId): Promise<FlowView> {
  const flow = await lockFlow(trx, tenantId, product, audit.now);
  if (flow.published_version === null) throw new AppError("conflict", "There is no published version to go back to");
  const v = await trx.selectFrom("flow_versions").select("definition").where("tenant_id", "=", tenantId).where("product", "=", product).where("version", "=", flow.published_version).executeTakeFirstOrThrow();
  const row = await trx
    .updateTable("flows")
    .set({ draft: JSON.stringify(v.definition), draft_changed: false, updated_at: audit.now, updated_by: byId(audit, tenantId) })
    .where("tenant_id", "=", tenantId)
    .where("product", "=", product)
    .returning(FLOW_COLUMNS)
    .executeTakeFirstOrThrow();
  if (flow.draft_changed) await recordAudit(trx, audit, { tenantId, action: "flow.draft_discarded", subjectType: "flow", subjectId: product, data: { product, version: flow.published_version } });
  return presentFlow(row as FlowRow);
}

/** Offers or withdraws a product, and renames its flow; audited when something changes. */
export async function updateFlow(trx: Trx, audit: AuditContext, tenantId: string, product: ProductId, patch: { active?: boolean; name?: string }): Promise<FlowView> {
  const flow = await lockFlow(trx, tenantId, product, audit.now);
  const active = patch.active ?? flow.active;
  const name = patch.name ?? flow.name;
  if (active === flow.active && name === flow.name) return presentFlow(flow);
  const row = await trx
    .updateTable("flows")
    .set({ active, name, updated_at: audit.now, updated_by: byId(audit, tenantId) })
    .where("tenant_id", "=", tenantId)
    .where("product", "=", product)
    .returning(FLOW_COLUMNS)
    .executeTakeFirstOrThrow();
  if (active !== flow.active) await recordAudit(trx, audit, { tenantId, action: active ? "flow.activated" : "flow.deactivated", subjectType: "flow", subjectId: product, data: { product } });
  if (name !== flow.name) await recordAudit(trx, audit, { tenantId, action: "flow.renamed", subjectType: "flow", subjectId: product, data: { product, from: flow.name, to: name } });
  return presentFlow(row as FlowRow);
}

/** One published version ("1", "2", …; anything else is not found). */
export async function flowVersionDetail(db: Executor, tenantId: string, product: ProductId, v: string) {
  const version = /^[1-9]\d{0,8}$/.test(v) ? Number(v) : 0;
  const row = await db.selectFrom("flow_versions").select(["version", "definition", "published_at"]).where("tenant_id", "=", tenantId).where("product", "=", product).where("version", "=", version).executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such flow version");
  return { product, version: row.version, definition: row.definition as unknown as FlowDefinition, publishedAt: row.published_at.toISOString() };
}

/** The public product page: active products with a published version; an unknown bank is not found. */
export async function publicProducts(db: Executor, slug: string, now: Date) {
  const bank = await db.selectFrom("tenants").select(["id", "slug", "name"]).where("slug", "=", slug).executeTakeFirst();
  if (!bank) throw new AppError("not_found", "No bank with this identifier");
  const items = (await listProducts(db, bank.id, now)).filter((p) => p.active && p.publishedVersion !== null);
  return { bank: { slug: bank.slug, name: bank.name }, items: items.map((p) => ({ id: p.id, title: p.title, description: p.description, minutes: p.minutes })) };
}
