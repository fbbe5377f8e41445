import { type Executor, inTransaction } from "../../db";
import type { Role, ScopeKind } from "../../db/schema";
import { AppError } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import { type AuditContext, recordAudit } from "../audit/record";
import { resolvePlacement } from "../tenancy/commands";
import { newApiKey } from "./tokens";

export interface ApiKeyInput {
  name: string;
  role: Role;
  scope?: ScopeKind;
  regionId?: string | null;
  branchId?: string | null;
  expiresInDays?: number;
}

/** Creates a key; the plaintext is returned once and only its SHA-256 is stored. */
export async function createApiKey(db: Executor, ctx: AuditContext, tenantId: string, input: ApiKeyInput) {
  return inTransaction(db, async (trx) => {
    const scope = input.scope ?? "tenant";
    const placement = await resolvePlacement(trx, tenantId, { scope, regionId: input.regionId, branchId: input.branchId });
    const { key, prefix, hash } = newApiKey();
    const row = await trx
      .insertInto("api_keys")
      .values({
        tenant_id: tenantId,
        id: newId(),
        name: input.name,
        prefix,
        secret_hash: hash,
        role: input.role,
        scope,
        ...placement,
        created_by: ctx.actor?.kind === "user" ? ctx.actor.id : null,
        created_at: ctx.now,
        expires_at: input.expiresInDays ? new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      tenantId,
      action: "apikey.created",
      subjectType: "api_key",
      subjectId: row.id,
      data: { name: input.name, role: input.role, scope, prefix },
    });
    return { key, apiKey: row };
  });
}

export async function revokeApiKey(db: Executor, ctx: AuditContext, tenantId: string, id: string) {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("api_keys")
      .set({ revoked_at: ctx.now })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .returning(["id", "name", "prefix"])
      .executeTakeFirst();
    if (!row) throw new AppError("not_found", "No active API key with this id");
    await recordAudit(trx, ctx, { tenantId, action: "apikey.revoked", subjectType: "api_key", subjectId: id, data: { name: row.name, prefix: row.prefix } });
  });
}
