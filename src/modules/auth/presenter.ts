import { z } from "@hono/zod-openapi";
import type { Executor } from "../../db";
import { abilities, PERMISSION_NAMES, ROLES, SCOPES } from "../../kernel/access";
import { asLocale, LOCALES } from "../tenancy/commands";

export const MeSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    scope: z.enum(SCOPES),
    regionId: z.uuid().nullable(),
    branchId: z.uuid().nullable(),
    locale: z.enum(LOCALES),
    totpEnabled: z.boolean(),
    tenant: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    abilities: z.array(z.enum(PERMISSION_NAMES)).openapi({ description: "Permissions of this user; the UI shows only what these allow" }),
  })
  .openapi("Me");
export type Me = z.infer<typeof MeSchema>;

export const SignedInSchema = z
  .object({ status: z.literal("ok"), user: MeSchema, csrfToken: z.string() })
  .openapi("SignedIn");
export const MfaRequiredSchema = z.object({ status: z.literal("mfa_required") }).openapi("MfaRequired");

/** The signed-in user as the back office sees it: the only place deciding what leaves. */
export async function presentMe(db: Executor, tenantId: string, userId: string): Promise<Me> {
  const row = await db
    .selectFrom("users as u")
    .innerJoin("tenants as t", "t.id", "u.tenant_id")
    .select(["u.id", "u.email", "u.name", "u.role", "u.scope", "u.region_id", "u.branch_id", "u.locale", "u.totp_enabled_at", "t.id as tid", "t.slug", "t.name as tname"])
    .where("u.tenant_id", "=", tenantId)
    .where("u.id", "=", userId)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    scope: row.scope,
    regionId: row.region_id,
    branchId: row.branch_id,
    locale: asLocale(row.locale),
    totpEnabled: row.totp_enabled_at !== null,
    tenant: { id: row.tid, slug: row.slug, name: row.tname },
    abilities: abilities(row),
  };
}
