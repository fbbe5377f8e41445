/**
 * Flows per product: every bank starts with the shipped templates published as version 1 (created
 * on first use, so existing banks get them too). Editing changes the draft; publishing snapshots an
 * immutable version; applications keep the version they started on.
 */
import { sql } from "kysely";
import { type Executor, inTransaction } from "../../db";
import { AppError, notFound } from "../../kernel/errors";
import { FLOW_TEMPLATES } from "./flow/templates";
import { type FlowDefinition, PRODUCTS, type ProductId } from "./flow/types";

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
