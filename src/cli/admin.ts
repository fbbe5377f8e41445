import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import type { Config } from "../config";
import { ROLES, type Role, SCOPES, type ScopeKind } from "../kernel/access";
import { createApiKey } from "../modules/auth/apikeys";
import { verifyAuditChain } from "../modules/audit/verify";
import { createUser } from "../modules/tenancy/commands";
import { resolveTenant } from "../modules/tenancy/queries";
import { createApp } from "../server/app";
import { boot } from "../server/boot";
import type { Deps } from "../server/deps";
import { DEMO_LOGINS, seedDemo } from "../../seeds/demo";
import { seedDemoCommand } from "../../seeds/journeys/command";
import { kpisCommand } from "./kpis";
import { journeysCommand } from "./journeys";
import { listsCommand } from "./lists";
import { sourceCommand } from "./sources";
import { importCommand } from "./import";

export class UsageError extends Error {
  override name = "UsageError";
}

const cliCtx = (deps: Deps) => ({ actor: null, now: deps.clock.now(), requestId: "cli" });

export async function withDeps<T>(config: Config, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const { deps, store } = await boot(config);
  try {
    return await fn(deps);
  } finally {
    await store.close();
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (!value || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of: ${allowed.join(", ")}`);
  }
  return value as T;
}

/** migrate, seed, audit verify, user create, apikey create, openapi. Returns the exit code. */
export async function adminCommands(config: Config, command: string, rest: string[], help: string): Promise<number> {
  const sub = rest[0];
  switch (command) {
    case "migrate":
      return withDeps(config, async () => {
        console.log("Migrations are up to date.");
        return 0;
      });
    case "seed":
      if (rest.includes("--demo")) return withDeps(config, (deps) => seedDemoCommand(deps, rest));
      return withDeps(config, async (deps) => {
        const r = await seedDemo(deps);
        console.log(r.seeded ? `Seeded the demo bank. Logins:\n${demoTable()}` : "The store already has data; the demo seed runs only on an empty store.");
        return 0;
      });
    case "audit":
      if (sub !== "verify") throw new UsageError("usage: atrium audit verify [--tenant <slug>]");
      return auditVerify(config, rest.slice(1));
    case "user":
      if (sub !== "create") throw new UsageError("usage: atrium user create --email e --name n --role r ...");
      return userCreate(config, rest.slice(1));
    case "apikey":
      if (sub !== "create") throw new UsageError("usage: atrium apikey create --role r [--tenant slug] [--name n]");
      return apikeyCreate(config, rest.slice(1));
    case "lists":
      return listsCommand(config, rest);
    case "source":
      return sourceCommand(config, rest);
    case "journeys":
      return journeysCommand(config, rest);
    case "import":
      return importCommand(config, rest);
    case "kpis":
      return kpisCommand(config, rest);
    case "openapi":
      return withDeps(config, async (deps) => {
        const res = await createApp(deps).request("/api/v1/openapi.json");
        console.log(JSON.stringify(await res.json(), null, 2));
        return 0;
      });
    default:
      console.error(`Unknown command: ${command}\n\n${help}`);
      return 2;
  }
}

export function demoTable(): string {
  return DEMO_LOGINS.map((u) => `  ${u.email.padEnd(30)} ${u.password.padEnd(22)} ${u.role.padEnd(19)} ${u.where}`).join("\n");
}

async function auditVerify(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { tenant: { type: "string" } } });
  return withDeps(config, async (deps) => {
    const tenants = values.tenant
      ? [await resolveTenant(deps.db, values.tenant, "--tenant")]
      : await deps.db.selectFrom("tenants").selectAll().orderBy("slug").execute();
    let broken = 0;
    for (const t of tenants) {
      const r = await verifyAuditChain(deps.db, t.id);
      if (r.ok) console.log(`${t.slug}: ok, ${r.checked} entries`);
      else {
        broken += 1;
        console.log(`${t.slug}: BROKEN at entry #${r.firstBroken?.seq} (${r.firstBroken?.id}): ${r.firstBroken?.reason}; ${r.checked} entries before it are intact`);
      }
    }
    return broken ? 1 : 0;
  });
}

async function userCreate(config: Config, args: string[]) {
  const { values: v } = parseArgs({
    args,
    options: {
      tenant: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      scope: { type: "string", default: "tenant" },
      region: { type: "string" },
      branch: { type: "string" },
      password: { type: "string" },
    },
  });
  if (!v.email || !v.name) throw new UsageError("--email and --name are required");
  const role = oneOf<Role>(v.role, ROLES, "role");
  const scope = oneOf<ScopeKind>(v.scope, SCOPES, "scope");
  return withDeps(config, async (deps) => {
    const tenant = await resolveTenant(deps.db, v.tenant, "--tenant");
    const byCode = async (table: "regions" | "branches", code?: string) =>
      code ? (await deps.db.selectFrom(table).select("id").where("tenant_id", "=", tenant.id).where("code", "=", code).executeTakeFirst())?.id ?? null : null;
    const regionId = await byCode("regions", v.region);
    const branchId = await byCode("branches", v.branch);
    if (v.region && !regionId) throw new UsageError(`No region with code ${v.region}`);
    if (v.branch && !branchId) throw new UsageError(`No branch with code ${v.branch}`);
    const password = v.password ?? randomBytes(12).toString("base64url");
    const user = await createUser(deps.db, cliCtx(deps), tenant.id, { email: v.email as string, name: v.name as string, role, scope, regionId, branchId, password }, config.argon2MemoryKib);
    console.log(`Created ${user.email} (${role}, ${scope}) in ${tenant.slug}.${v.password ? "" : `\nPassword: ${password}`}`);
    return 0;
  });
}

async function apikeyCreate(config: Config, args: string[]) {
  const { values: v } = parseArgs({ args, options: { tenant: { type: "string" }, role: { type: "string" }, name: { type: "string" }, "expires-days": { type: "string" } } });
  const role = oneOf<Role>(v.role, ROLES, "role");
  const days = v["expires-days"] ? Number(v["expires-days"]) : undefined;
  if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new UsageError("--expires-days must be a whole number of days");
  return withDeps(config, async (deps) => {
    const tenant = await resolveTenant(deps.db, v.tenant, "--tenant");
    const { key } = await createApiKey(deps.db, cliCtx(deps), tenant.id, { name: v.name ?? `cli ${role}`, role, expiresInDays: days });
    // The key alone on stdout so scripts can capture it; it is shown once and stored hashed.
    console.log(key);
    return 0;
  });
}

