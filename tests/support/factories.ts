import { randomBytes } from "node:crypto";
import type { Role, ScopeKind } from "../../src/db/schema";
import type { AuditContext } from "../../src/modules/audit/record";
import { createApiKey } from "../../src/modules/auth/apikeys";
import { createBranch, createRegion, createTenant, createUser } from "../../src/modules/tenancy/commands";
import type { TestContext } from "./context";

export const TEST_PASSWORD = "correct horse battery staple";

const sys = (ctx: TestContext): AuditContext => ({ actor: null, now: ctx.clock.now() });
const suffix = () => randomBytes(4).toString("hex");

export interface TestTenant {
  id: string;
  slug: string;
  name: string;
  regions: { id: string; code: string }[];
  branches: { id: string; code: string; regionId: string }[];
}

/** A fresh bank with two regions and two branches in each: every test gets its own. */
export async function makeTenant(ctx: TestContext): Promise<TestTenant> {
  const s = suffix();
  const tenant = await createTenant(ctx.deps.db, sys(ctx), { slug: `t-${s}`, name: `Test Bank ${s}` });
  const regions = [];
  const branches = [];
  for (const r of ["north", "south"]) {
    const region = await createRegion(ctx.deps.db, sys(ctx), tenant.id, { code: `${r}-${s}`, name: `${r} region` });
    regions.push({ id: region.id, code: region.code });
    for (const b of [1, 2]) {
      const branch = await createBranch(ctx.deps.db, sys(ctx), tenant.id, { regionId: region.id, code: `${r}${b}-${s}`, name: `${r} branch ${b}` });
      branches.push({ id: branch.id, code: branch.code, regionId: region.id });
    }
  }
  return { id: tenant.id, slug: tenant.slug, name: tenant.name, regions, branches };
}

export interface MakeUserOptions {
  role?: Role;
  scope?: ScopeKind;
  regionId?: string | null;
  branchId?: string | null;
  email?: string;
  password?: string;
  locale?: "en" | "he" | "ar" | "zh-Hans" | "zh-Hant";
}

export async function makeUser(ctx: TestContext, tenant: TestTenant, o: MakeUserOptions = {}) {
  const role = o.role ?? "admin";
  const scope = o.scope ?? (o.branchId ? "branch" : o.regionId ? "region" : "tenant");
  return createUser(
    ctx.deps.db,
    sys(ctx),
    tenant.id,
    {
      email: o.email ?? `${role}-${suffix()}@example.test`,
      name: `${role} user`,
      role,
      scope,
      regionId: o.regionId ?? null,
      branchId: o.branchId ?? null,
      locale: o.locale,
      password: o.password ?? TEST_PASSWORD,
    },
    ctx.config.argon2MemoryKib,
  );
}

/** Authorization header for a new API key of `role` in `tenant`. */
export async function apiKeyHeaders(ctx: TestContext, tenant: TestTenant, role: Role = "admin") {
  const { key } = await createApiKey(ctx.deps.db, sys(ctx), tenant.id, { name: `test ${role}`, role });
  return { authorization: `Bearer ${key}` };
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Headers for a JSON write request in this session. */
  headers: Record<string, string>;
}

/** Signs in through the real login route and returns the cookie and CSRF token. */
export async function signIn(ctx: TestContext, tenant: TestTenant, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await ctx.app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant: tenant.slug, email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string; status: string };
  if (body.status !== "ok") throw new Error(`sign-in needs more: ${body.status}`);
  const cookie = sessionCookieFrom(res);
  return { cookie, csrf: body.csrfToken, headers: { cookie, "x-csrf-token": body.csrfToken, "content-type": "application/json" } };
}

export function sessionCookieFrom(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith("atrium_session="));
  if (!set) throw new Error("no session cookie set");
  return set.split(";")[0] as string;
}

export const json = (body: unknown, headers: Record<string, string> = {}) => ({
  body: JSON.stringify(body),
  headers: { "content-type": "application/json", ...headers },
});
