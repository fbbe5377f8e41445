/**
 * Test helper: journeys, journey events and journey-map rollup rows inserted directly, as the fold
 * would leave them, so the explore endpoints are tested on their own.
 */
import type { TestContext } from "../../../../tests/support/context";
import type { TestTenant } from "../../../../tests/support/factories";
import type { Executor } from "../../../db";
import type { JourneyStatus } from "../../../db/schema-journeys";
import type { Role, ScopeKind } from "../../../kernel/access";
import { createApiKey } from "../../auth/apikeys";
import { insertSource } from "../sources";

export interface JourneyInput {
  id: string;
  customer?: string | null;
  product?: string;
  segment?: string;
  region?: string;
  branch?: string;
  agent?: string;
  startChannel?: string;
  channels?: string[];
  touchpoints?: number;
  switches?: number;
  status?: JourneyStatus;
  startedAt: string;
  submittedAt?: string | null;
  abandonedStep?: string | null;
  abandonedField?: string | null;
  lastActivityAt?: string;
  reached?: Record<string, string>;
}

export async function insertJourneys(db: Executor, tenantId: string, rows: JourneyInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("journeys")
    .values(
      rows.map((r) => ({
        tenant_id: tenantId,
        journey_id: r.id,
        customer: r.customer ?? null,
        product: r.product ?? "",
        segment: r.segment ?? "",
        region: r.region ?? "",
        branch: r.branch ?? "",
        agent: r.agent ?? "",
        start_channel: r.startChannel ?? "",
        channels: r.channels ?? [],
        touchpoints: r.touchpoints ?? 0,
        channel_switches: r.switches ?? 0,
        status: r.status ?? "open",
        started_at: r.startedAt,
        submitted_at: r.submittedAt ?? null,
        first_event_at: r.startedAt,
        last_activity_at: r.lastActivityAt ?? r.startedAt,
        abandoned_step: r.abandonedStep ?? null,
        abandoned_field: r.abandonedField ?? null,
        reached: JSON.stringify(r.reached ?? { "stage:started": r.startedAt }),
        updated_at: new Date(),
      })),
    )
    .execute();
}

export interface EventInput {
  messageId?: string;
  type?: "track" | "identify" | "page";
  event?: string | null;
  userId?: string | null;
  anonymousId?: string | null;
  journeyId?: string | null;
  occurredAt: string;
  receivedAt?: string;
  properties?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

export async function insertEvents(db: Executor, tenantId: string, sourceId: string, rows: EventInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("journey_events")
    .values(
      rows.map((e) => ({
        tenant_id: tenantId,
        source_id: sourceId,
        message_id: e.messageId ?? crypto.randomUUID(),
        type: e.type ?? "track",
        event: e.event === undefined ? "custom.event" : e.event,
        user_id: e.userId ?? null,
        anonymous_id: e.anonymousId ?? null,
        journey_id: e.journeyId ?? null,
        occurred_at: e.occurredAt,
        received_at: e.receivedAt ?? e.occurredAt,
        properties: JSON.stringify(e.properties ?? (e.journeyId ? { journeyId: e.journeyId } : {})),
        context: JSON.stringify(e.context ?? {}),
      })),
    )
    .execute();
}

export interface TouchInput {
  grain: "day" | "month";
  period: string;
  node: string;
  product?: string;
  channel?: string;
  region?: string;
  branch?: string;
  agent?: string;
  segment?: string;
  reached?: number;
  dropped?: number;
  hoursHist?: number[];
  nps?: number[];
  csat?: number[];
  ces?: number[];
}

export async function insertTouch(db: Executor, tenantId: string, rows: TouchInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("kpi_touch")
    .values(
      rows.map((t) => ({
        tenant_id: tenantId,
        grain: t.grain,
        period: t.period,
        product: t.product ?? "",
        channel: t.channel ?? "",
        region: t.region ?? "",
        branch: t.branch ?? "",
        agent: t.agent ?? "",
        segment: t.segment ?? "",
        node: t.node,
        reached: t.reached ?? 0,
        dropped: t.dropped ?? 0,
        hours_n: (t.hoursHist ?? []).reduce((a, b) => a + b, 0),
        hours_hist: t.hoursHist ?? [],
        nps: t.nps ?? [],
        csat: t.csat ?? [],
        ces: t.ces ?? [],
      })),
    )
    .execute();
}

export async function makeSource(ctx: TestContext, tenant: TestTenant, name: string): Promise<string> {
  return (await insertSource(ctx.deps.db, { tenantId: tenant.id, name, kind: "import", now: ctx.clock.now() })).source.id;
}

/** Authorization header of an API key with a role and data scope. */
export async function scopedKey(ctx: TestContext, tenant: TestTenant, role: Role, scope: ScopeKind, place: { regionId?: string; branchId?: string } = {}) {
  const { key } = await createApiKey(ctx.deps.db, { actor: null, now: ctx.clock.now() }, tenant.id, { name: `explore ${role} ${scope}`, role, scope, regionId: place.regionId ?? null, branchId: place.branchId ?? null });
  return { authorization: `Bearer ${key}` };
}

/** GET as JSON, asserting the status. */
export async function getJson<T>(ctx: TestContext, path: string, headers: Record<string, string>, status = 200): Promise<T> {
  const res = await ctx.app.request(`/api/v1${path}`, { headers });
  const text = await res.text();
  if (res.status !== status) throw new Error(`GET ${path} answered ${res.status}, expected ${status}: ${text}`);
  return JSON.parse(text) as T;
}
