import { z } from "@hono/zod-openapi";
import type { Selectable } from "kysely";
import type { InvitationsTable, UsersTable } from "../../db/schema";
import { ROLES, SCOPES } from "../../kernel/access";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    scope: z.enum(SCOPES),
    regionId: z.uuid().nullable(),
    branchId: z.uuid().nullable(),
    locale: z.string(),
    status: z.enum(["active", "disabled"]),
    totpEnabled: z.boolean(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("User");

/** Never the password hash or TOTP secret. */
export function presentUser(u: Selectable<UsersTable>) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    scope: u.scope,
    regionId: u.region_id,
    branchId: u.branch_id,
    locale: u.locale,
    status: u.status,
    totpEnabled: u.totp_enabled_at !== null,
    lockedUntil: iso(u.locked_until),
    lastLoginAt: iso(u.last_login_at),
    createdAt: u.created_at.toISOString(),
  };
}

export const InvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    scope: z.enum(SCOPES),
    regionId: z.uuid().nullable(),
    branchId: z.uuid().nullable(),
    expiresAt: z.string(),
    acceptedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Invitation");

export function presentInvitation(i: Selectable<InvitationsTable>) {
  return {
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role,
    scope: i.scope,
    regionId: i.region_id,
    branchId: i.branch_id,
    expiresAt: i.expires_at.toISOString(),
    acceptedAt: iso(i.accepted_at),
    revokedAt: iso(i.revoked_at),
    createdAt: i.created_at.toISOString(),
  };
}
