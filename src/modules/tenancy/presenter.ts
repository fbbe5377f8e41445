import { z } from "@hono/zod-openapi";
import type { Selectable } from "kysely";
import type { InvitationsTable, UsersTable } from "../../db/schema";
import { type Actor, can, ROLES, SCOPES } from "../../kernel/access";
import { isoOrNull } from "../../kernel/clock";
import { asLocale, LOCALES } from "./commands";

/** What every view of a person shows (their profile and the users list alike). */
export const PERSON_FIELDS = {
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  scope: z.enum(SCOPES),
  regionId: z.uuid().nullable(),
  branchId: z.uuid().nullable(),
  locale: z.enum(LOCALES),
  totpEnabled: z.boolean(),
};

export function presentPerson(u: Selectable<UsersTable>) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    scope: u.scope,
    regionId: u.region_id,
    branchId: u.branch_id,
    locale: asLocale(u.locale),
    totpEnabled: u.totp_enabled_at !== null,
  };
}

export const UserSchema = z
  .object({
    ...PERSON_FIELDS,
    status: z.enum(["active", "disabled"]),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    actions: z
      .array(z.enum(["update", "disable", "enable", "unlock", "reset_totp"]))
      .openapi({ description: "What the caller may do to this user now; the UI offers only these" }),
  })
  .openapi("User");

export type UserAction = "update" | "disable" | "enable" | "unlock" | "reset_totp";

/** The caller's abilities on one user, decided here so the UI never re-implements the rules. */
export function userActions(actor: Actor, u: Selectable<UsersTable>, now: Date): UserAction[] {
  if (!can(actor, "users:write")) return [];
  const actions: UserAction[] = ["update"];
  const self = actor.kind === "user" && actor.id === u.id;
  if (u.status === "active" && !self) actions.push("disable");
  if (u.status === "disabled") actions.push("enable");
  if (u.locked_until && u.locked_until > now) actions.push("unlock");
  if (u.totp_enabled_at && !self) actions.push("reset_totp");
  return actions;
}

/** Never the password hash or TOTP secret. */
export function presentUser(u: Selectable<UsersTable>, actor: Actor, now: Date) {
  return {
    ...presentPerson(u),
    status: u.status,
    lockedUntil: isoOrNull(u.locked_until),
    lastLoginAt: isoOrNull(u.last_login_at),
    createdAt: u.created_at.toISOString(),
    actions: userActions(actor, u, now),
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
    acceptedAt: isoOrNull(i.accepted_at),
    revokedAt: isoOrNull(i.revoked_at),
    createdAt: i.created_at.toISOString(),
  };
}
