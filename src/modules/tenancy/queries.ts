import type { Executor } from "../../db";
import { AppError } from "../../kernel/errors";

/**
 * The bank a public request is for: by slug, or the only tenant when the server has one and no
 * slug was given. An unknown slug reads like wrong credentials to the caller's field.
 */
export async function resolveTenant(db: Executor, slug: string | undefined, field = "body.tenant") {
  if (slug) {
    const t = await db.selectFrom("tenants").selectAll().where("slug", "=", slug.trim().toLowerCase()).executeTakeFirst();
    if (!t) throw new AppError("validation_failed", "No bank with this identifier", { issues: [{ path: field, message: "is not a bank on this server", code: "unknown_reference" }] });
    return t;
  }
  const two = await db.selectFrom("tenants").selectAll().orderBy("created_at").limit(2).execute();
  if (two.length === 1 && two[0]) return two[0];
  throw new AppError("validation_failed", "Say which bank", { issues: [{ path: field, message: "is required: this server hosts more than one bank", code: "required" }] });
}

export async function tenantById(db: Executor, id: string) {
  return db.selectFrom("tenants").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
