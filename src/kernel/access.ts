import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Role, ScopeKind } from "../db/schema";
import { AppError } from "./errors";

export type { Role, ScopeKind } from "../db/schema";

export const ROLES: readonly Role[] = [
  "admin",
  "cx_analyst",
  "branch_manager",
  "agent",
  "reviewer",
  "compliance_officer",
  "viewer",
] as const;
export const SCOPES: readonly ScopeKind[] = ["tenant", "region", "branch", "own"] as const;

/** Who is acting: a signed-in user or an API key, always inside one tenant. */
export interface Actor {
  kind: "user" | "api_key";
  tenantId: string;
  /** The user id, or the API key id. */
  id: string;
  label: string;
  role: Role;
  scope: ScopeKind;
  regionId: string | null;
  branchId: string | null;
  locale: string;
}

/**
 * Permissions are the verbs routes check. Modules add theirs here so the role × route matrix
 * stays in one readable table.
 */
export const PERMISSIONS = {
  "org:read": ["admin", "cx_analyst", "branch_manager", "agent", "reviewer", "compliance_officer", "viewer"],
  "org:write": ["admin"],
  "users:read": ["admin", "branch_manager", "compliance_officer"],
  "users:write": ["admin"],
  "apikeys:manage": ["admin"],
  "audit:read": ["admin", "compliance_officer"],
  "jobs:read": ["admin"],
  "jobs:retry": ["admin"],
  "outbox:read": ["admin"],
  // Feedback: surveys, their responses, distribution.
  "surveys:read": ["admin", "cx_analyst", "branch_manager", "viewer"],
  "surveys:write": ["admin", "cx_analyst"],
  "surveys:distribute": ["admin", "cx_analyst"],
  "responses:read": ["admin", "cx_analyst", "branch_manager"],
  "responses:manage": ["admin", "cx_analyst", "branch_manager"],
  "responses:export": ["admin", "cx_analyst"],
  "responses:erase": ["admin", "cx_analyst"],
  "contacts:read": ["admin", "cx_analyst"],
  "contacts:write": ["admin", "cx_analyst"],
  // Onboarding: flows (per product), applications, review and decisions.
  "flows:read": ["admin", "cx_analyst", "branch_manager", "agent", "reviewer", "compliance_officer"],
  "flows:write": ["admin", "cx_analyst"],
  "applications:read": ["admin", "branch_manager", "agent", "reviewer", "compliance_officer"],
  "applications:create": ["admin", "branch_manager", "agent"],
  "applications:review": ["admin", "branch_manager", "reviewer", "compliance_officer"],
  "applications:decide": ["admin", "reviewer", "compliance_officer"],
  // Funded/opened: a reviewer, or the core banking system through an API key with that role.
  "applications:fund": ["admin", "reviewer"],
  // Compliance: account/ID checks, sanctions and PEP screening, reviews, risk rules, retention.
  "checks:run": ["admin", "branch_manager", "agent", "reviewer", "compliance_officer"],
  "screening:search": ["admin", "reviewer", "compliance_officer"],
  "lists:read": ["admin", "compliance_officer"],
  "compliance:read": ["admin", "compliance_officer"],
  // Deciding hits; clearing a block needs two different people holding this (four-eyes).
  "compliance:decide": ["compliance_officer"],
  "risk:read": ["admin", "reviewer", "compliance_officer"],
  "risk:write": ["admin", "compliance_officer"],
  "retention:manage": ["admin", "compliance_officer"],
  // Journey events reported by other systems (they may trigger surveys).
  "events:write": ["admin", "cx_analyst", "branch_manager", "agent"],
  // E-signature: the bank's electronic seal on a document.
  "documents:seal": ["admin"],
  // Sending an application's documents for signature, reminding, voiding, retrying the seal.
  "signing:send": ["admin", "branch_manager", "agent", "reviewer"],
  // The bank's own PDF templates and their fields.
  "signing:templates": ["admin"],
  // Journey analytics: the bank's event sources (their write keys) and bulk imports.
  "sources:manage": ["admin"],
  // KPIs, funnels and journey maps: aggregates only, scoped like the rest (region, branch, own).
  "kpis:read": ["admin", "cx_analyst", "branch_manager", "viewer"],
  // Journey instances and customer timelines: event-level data about people.
  "journeys:read": ["admin", "cx_analyst", "branch_manager"],
  // Journey definitions and rebuilding the rollups after a definition changes.
  "journeys:manage": ["admin", "cx_analyst"],
  // Bulk imports of event, contact-centre and service-request files.
  "imports:write": ["admin", "cx_analyst"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new AppError("unauthenticated", "Sign in or send an API key");
  if (!can(actor, permission)) {
    throw new AppError("forbidden", `Your role (${actor.role}) may not ${permission.replace(":", " ")}`);
  }
  return actor;
}

/** Abilities of the actor, sent with /me so the front end never re-implements these rules. */
export function abilities(actor: Pick<Actor, "role">): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(actor, p));
}

/** The columns a scoped table exposes, by name, so one rule serves every module. */
export interface ScopeColumns {
  region?: string;
  branch?: string;
  owner?: string;
}

/**
 * Server-side data scope as a WHERE fragment: whole tenant; one region (rows of that region or its
 * branches); one branch; or own items. Always combined with the tenant filter by the caller.
 * A scope that cannot be resolved (a branch user with no branch) matches nothing, never everything.
 */
export function scopeFilter(actor: Actor, cols: ScopeColumns) {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> => {
    const ref = (c: string) => eb.ref(c as never);
    const nothing = eb.val(false);
    switch (actor.scope) {
      case "tenant":
        return eb.val(true);
      case "region": {
        if (!actor.regionId) return nothing;
        if (cols.region) return eb(ref(cols.region), "=", actor.regionId as never);
        return nothing;
      }
      case "branch": {
        if (!actor.branchId || !cols.branch) return nothing;
        return eb(ref(cols.branch), "=", actor.branchId as never);
      }
      case "own": {
        if (!cols.owner) return nothing;
        return eb(ref(cols.owner), "=", actor.id as never);
      }
    }
  };
}
