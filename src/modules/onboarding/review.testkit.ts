/**
 * Test kit for the review side: applications inserted as rows (on the tenant's published flows),
 * customer sessions through createCustomerSession, the outbox, and file bytes of each kind.
 */
import { randomBytes } from "node:crypto";
import type { TestContext } from "../../../tests/support/context";
import type { TestTenant } from "../../../tests/support/factories";
import type { ApplicationStatus } from "../../db/schema-onboarding";
import { newId } from "../../kernel/ids";
import { publishedFlow } from "./flows";
import type { Answers, ProductId } from "./flow/types";
import { createCustomerSession } from "./session";
import type { ApplicationRow } from "./timeline";

export interface AppOptions {
  product?: ProductId;
  status?: ApplicationStatus;
  branch?: { id: string; regionId: string } | null;
  agentId?: string | null;
  name?: string;
  phone?: string | null;
  email?: string | null;
  language?: string;
  answers?: Answers;
  completedSteps?: string[];
  currentStep?: string | null;
  currentField?: string | null;
  risk?: "low" | "medium" | "high" | null;
  createdAt?: Date;
  lastActivityAt?: Date;
  submittedAt?: Date | null;
  slaDueAt?: Date | null;
  decidedAt?: Date | null;
}

/** A checking application's answers up to the documents step (deposit chosen). */
export const CHECKING_ANSWERS: Answers = {
  fullName: "Dana Levi",
  email: "dana@example.test",
  phone: "+972501234567",
  dateOfBirth: "1990-04-01",
  nationalId: "123456782",
  address: { line1: "1 Herzl St", city: "Tel Aviv", postcode: "6100000", country: "IL" },
  employment: "employed",
  employer: "Acme",
  monthlyIncome: "9000.00",
  wantsDeposit: true,
  depositAmount: "250.00",
};

export async function makeApplication(ctx: TestContext, tenant: TestTenant, o: AppOptions = {}): Promise<ApplicationRow> {
  const now = ctx.clock.now();
  const product = o.product ?? "checking";
  const { version } = await publishedFlow(ctx.deps.db, tenant.id, product, now);
  const branch = o.branch === undefined ? tenant.branches[0] : o.branch;
  return ctx.deps.db
    .insertInto("applications")
    .values({
      tenant_id: tenant.id,
      id: newId(),
      reference: `TST-${randomBytes(4).toString("hex").toUpperCase()}`,
      product,
      flow_version: version,
      status: o.status ?? "in_progress",
      channel: "branch",
      language: o.language ?? "en",
      customer_name: o.name ?? "Dana Levi",
      customer_email: o.email === undefined ? "dana@example.test" : o.email,
      customer_phone: o.phone === undefined ? "+972501234567" : o.phone,
      answers: JSON.stringify(o.answers ?? CHECKING_ANSWERS),
      completed_steps: JSON.stringify(o.completedSteps ?? []),
      current_step: o.currentStep ?? null,
      current_field: o.currentField ?? null,
      region_id: branch?.regionId ?? null,
      branch_id: branch?.id ?? null,
      agent_id: o.agentId ?? null,
      risk: o.risk ?? null,
      channels_used: ["branch"],
      created_at: o.createdAt ?? now,
      last_activity_at: o.lastActivityAt ?? now,
      submitted_at: o.submittedAt ?? null,
      sla_due_at: o.slaDueAt ?? null,
      decided_at: o.decidedAt ?? null,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A customer session on the application (as after a verified one-time code): Bearer headers. */
export async function customerHeaders(ctx: TestContext, app: ApplicationRow): Promise<Record<string, string>> {
  const now = ctx.clock.now();
  const linkId = newId();
  await ctx.deps.db
    .insertInto("application_links")
    .values({ tenant_id: app.tenant_id, id: linkId, application_id: app.id, token_hash: randomBytes(32).toString("hex"), purpose: "apply", created_at: now, expires_at: new Date(now.getTime() + 3_600_000) })
    .execute();
  const { token } = await createCustomerSession(ctx.deps.db, ctx.deps, { tenantId: app.tenant_id, applicationId: app.id, linkId, ip: null, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile" });
  return { authorization: `Bearer ${token}` };
}

export const appRow = (ctx: TestContext, app: { tenant_id: string; id: string }) =>
  ctx.deps.db.selectFrom("applications").selectAll().where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).executeTakeFirstOrThrow();

export const messagesTo = (ctx: TestContext, tenantId: string, to: string) =>
  ctx.deps.db.selectFrom("messages").selectAll().where("tenant_id", "=", tenantId).where("recipient", "=", to).orderBy("created_at").orderBy("id").execute();

export const timelineOf = (ctx: TestContext, app: { tenant_id: string; id: string }) =>
  ctx.deps.db.selectFrom("application_timeline").selectAll().where("tenant_id", "=", app.tenant_id).where("application_id", "=", app.id).orderBy("at").orderBy("id").execute();

/** The customer link in a message body. */
export function linkIn(body: string): { url: string; token: string } {
  const m = /(https?:\/\/\S+\/c\/[^/\s]+\/a\/([A-Za-z0-9_-]+))/.exec(body);
  if (!m?.[1] || !m[2]) throw new Error(`no customer link in: ${body}`);
  return { url: m[1], token: m[2] };
}

const pad = (head: number[], size: number, fill = 0x41) => Buffer.concat([Buffer.from(head), Buffer.alloc(Math.max(0, size - head.length), fill)]);

/** Bytes that pass (or fail) content sniffing; each carries a unique marker so tests can find it on disk. */
export const FILES = {
  jpeg: (size = 2048) => Buffer.concat([pad([0xff, 0xd8, 0xff, 0xe0], 16), Buffer.from(`PLAINMARK-${randomBytes(8).toString("hex")}`), Buffer.alloc(size, 0x42)]),
  png: (size = 2048) => Buffer.concat([pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 16), Buffer.alloc(size, 0x43)]),
  pdf: (size = 2048) => Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(size, 0x20), Buffer.from("\n%%EOF\n")]),
  exe: () => pad([0x4d, 0x5a, 0x90, 0x00], 512),
  zip: () => pad([0x50, 0x4b, 0x03, 0x04], 512),
  gif: () => Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(256, 0)]),
};
