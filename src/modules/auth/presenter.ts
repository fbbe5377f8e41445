import { z } from "@hono/zod-openapi";
import type { Executor } from "../../db";
import { abilities, PERMISSION_NAMES } from "../../kernel/access";
import { PERSON_FIELDS, presentPerson } from "../tenancy/presenter";

export const MeSchema = z
  .object({
    ...PERSON_FIELDS,
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
  const user = await db.selectFrom("users").selectAll().where("tenant_id", "=", tenantId).where("id", "=", userId).executeTakeFirstOrThrow();
  const tenant = await db.selectFrom("tenants").select(["id", "slug", "name"]).where("id", "=", tenantId).executeTakeFirstOrThrow();
  return { ...presentPerson(user), tenant, abilities: abilities(user) };
}
