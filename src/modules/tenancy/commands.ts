import { hash } from "@node-rs/argon2";
import { z } from "zod";
import { type Executor, inTransaction } from "../../db";
import type { Role, ScopeKind } from "../../db/schema";
import { AppError } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import { type AuditContext, recordAudit } from "../audit/record";
import { emitEvent } from "../../jobs/outbox";

export const LOCALES = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;
export type Locale = (typeof LOCALES)[number];
/** A stored language tag as one of ours (rows written before a language was dropped fall back). */
export const asLocale = (value: string): Locale => ((LOCALES as readonly string[]).includes(value) ? (value as Locale) : "en");

export async function hashPassword(password: string, memoryCost: number): Promise<string> {
  return hash(password, { algorithm: 2, memoryCost, timeCost: 2, parallelism: 1 });
}

export async function createTenant(
  db: Executor,
  ctx: AuditContext,
  input: { slug: string; name: string; defaultLocale?: Locale; id?: string },
) {
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom("tenants").select("id").where("slug", "=", input.slug).executeTakeFirst();
    if (existing) {
      throw new AppError("already_exists", `A tenant with slug ${input.slug} exists`, {
        issues: [{ path: "body.slug", message: "is taken", code: "taken" }],
      });
    }
    const tenant = { id: input.id ?? newId(), slug: input.slug, name: input.name, default_locale: input.defaultLocale ?? "en" };
    await trx.insertInto("tenants").values(tenant).execute();
    await recordAudit(trx, ctx, { tenantId: tenant.id, action: "tenant.created", subjectType: "tenant", subjectId: tenant.id, data: { slug: tenant.slug, name: tenant.name } });
    await emitEvent(trx, ctx.now, { tenantId: tenant.id, type: "tenant.created", subjectType: "tenant", subjectId: tenant.id });
    return tenant;
  });
}

export async function createRegion(db: Executor, ctx: AuditContext, tenantId: string, input: { code: string; name: string; id?: string }) {
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom("regions").select("id").where("tenant_id", "=", tenantId).where("code", "=", input.code).executeTakeFirst();
    if (taken) throw new AppError("already_exists", `Region code ${input.code} is taken`, { issues: [{ path: "body.code", message: "is taken", code: "taken" }] });
    const region = { tenant_id: tenantId, id: input.id ?? newId(), code: input.code, name: input.name };
    await trx.insertInto("regions").values(region).execute();
    await recordAudit(trx, ctx, { tenantId, action: "region.created", subjectType: "region", subjectId: region.id, data: { code: input.code, name: input.name } });
    return region;
  });
}

export async function createBranch(
  db: Executor,
  ctx: AuditContext,
  tenantId: string,
  input: { regionId: string; code: string; name: string; id?: string },
) {
  return inTransaction(db, async (trx) => {
    const region = await trx.selectFrom("regions").select("id").where("tenant_id", "=", tenantId).where("id", "=", input.regionId).executeTakeFirst();
    if (!region) throw new AppError("validation_failed", "Unknown region", { issues: [{ path: "body.regionId", message: "is not a region of this bank", code: "unknown_reference" }] });
    const taken = await trx.selectFrom("branches").select("id").where("tenant_id", "=", tenantId).where("code", "=", input.code).executeTakeFirst();
    if (taken) throw new AppError("already_exists", `Branch code ${input.code} is taken`, { issues: [{ path: "body.code", message: "is taken", code: "taken" }] });
    const branch = { tenant_id: tenantId, id: input.id ?? newId(), region_id: input.regionId, code: input.code, name: input.name };
    await trx.insertInto("branches").values(branch).execute();
    await recordAudit(trx, ctx, { tenantId, action: "branch.created", subjectType: "branch", subjectId: branch.id, data: { code: input.code, name: input.name, regionId: input.regionId } });
    return branch;
  });
}

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  scope: ScopeKind;
  regionId?: string | null;
  branchId?: string | null;
  locale?: Locale;
  password?: string;
  id?: string;
}

/**
 * Resolves placement for a scope: a branch scope needs a branch (its region follows from it); a
 * region scope needs a region. Returns the columns to store, or a field error.
 */
export async function resolvePlacement(db: Executor, tenantId: string, input: Pick<UserInput, "scope" | "regionId" | "branchId">) {
  let regionId = input.regionId ?? null;
  const branchId = input.branchId ?? null;
  if (branchId) {
    const branch = await db.selectFrom("branches").select(["id", "region_id"]).where("tenant_id", "=", tenantId).where("id", "=", branchId).executeTakeFirst();
    if (!branch) throw new AppError("validation_failed", "Unknown branch", { issues: [{ path: "body.branchId", message: "is not a branch of this bank", code: "unknown_reference" }] });
    if (regionId && regionId !== branch.region_id) {
      throw new AppError("validation_failed", "Branch is in another region", { issues: [{ path: "body.regionId", message: "does not contain the branch", code: "mismatch" }] });
    }
    regionId = branch.region_id;
  } else if (regionId) {
    const region = await db.selectFrom("regions").select("id").where("tenant_id", "=", tenantId).where("id", "=", regionId).executeTakeFirst();
    if (!region) throw new AppError("validation_failed", "Unknown region", { issues: [{ path: "body.regionId", message: "is not a region of this bank", code: "unknown_reference" }] });
  }
  if (input.scope === "branch" && !branchId) {
    throw new AppError("validation_failed", "A branch scope needs a branch", { issues: [{ path: "body.branchId", message: "is required for scope branch", code: "required" }] });
  }
  if (input.scope === "region" && !regionId) {
    throw new AppError("validation_failed", "A region scope needs a region", { issues: [{ path: "body.regionId", message: "is required for scope region", code: "required" }] });
  }
  return { region_id: regionId, branch_id: branchId };
}

const EmailSchema = z.email().max(254);

export async function createUser(db: Executor, ctx: AuditContext, tenantId: string, input: UserInput, argon2MemoryKib: number) {
  const email = input.email.trim().toLowerCase();
  // Checked here, not only in the HTTP schema: every way in (API, CLI, seed, invitation) must give
  // an address our mail can reach, or notifications such as the lockout email would fail.
  if (!EmailSchema.safeParse(email).success) {
    throw new AppError("validation_failed", "Not a valid email address", { issues: [{ path: "body.email", message: "is not a valid email address", code: "invalid_format", params: { format: "email" } }] });
  }
  const passwordHash = input.password ? await hashPassword(input.password, argon2MemoryKib) : null;
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom("users").select("id").where("tenant_id", "=", tenantId).where("email", "=", email).executeTakeFirst();
    if (taken) throw new AppError("already_exists", "A user with this email exists", { issues: [{ path: "body.email", message: "is already a user of this bank", code: "taken" }] });
    const placement = await resolvePlacement(trx, tenantId, input);
    const user = await trx
      .insertInto("users")
      .values({
        tenant_id: tenantId,
        id: input.id ?? newId(),
        email,
        name: input.name,
        password_hash: passwordHash,
        role: input.role,
        scope: input.scope,
        ...placement,
        locale: input.locale ?? "en",
        status: "active",
        totp_secret_enc: null,
        password_changed_at: passwordHash ? ctx.now : null,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { tenantId, action: "user.created", subjectType: "user", subjectId: user.id, data: { email, role: input.role, scope: input.scope, ...placement } });
    await emitEvent(trx, ctx.now, { tenantId, type: "user.created", subjectType: "user", subjectId: user.id, actorId: ctx.actor?.id ?? null });
    return user;
  });
}
