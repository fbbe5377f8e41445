/**
 * Test helpers for the fold: events written straight into journey_events (as every writer does,
 * so the dirty trigger runs), a deterministic plan of journeys whose KPI totals the tests compute
 * from the plan itself, and snapshots of a bank's rollups.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../../../db";

export interface Raw {
  event: string;
  at: number;
  props: Record<string, unknown>;
  user?: string;
  type?: "track" | "page" | "identify";
}

export async function makeSource(db: Db, tenantId: string): Promise<string> {
  const id = randomUUID();
  await db.insertInto("event_sources").values({ tenant_id: tenantId, id, name: `fold ${id.slice(0, 8)}`, kind: "import", write_key_hash: null, key_hint: null, created_by: null, created_at: new Date() }).execute();
  return id;
}

export async function put(db: Db, tenantId: string, sourceId: string, rows: Raw[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("journey_events")
      .values(
        rows.slice(i, i + 500).map((r) => ({
          tenant_id: tenantId,
          source_id: sourceId,
          message_id: randomUUID(),
          type: r.type ?? "track",
          event: r.event,
          user_id: r.user ?? null,
          anonymous_id: r.user ? null : "anon",
          journey_id: typeof r.props.journeyId === "string" ? r.props.journeyId : null,
          occurred_at: new Date(r.at),
          received_at: new Date(),
          properties: JSON.stringify(r.props),
          context: "{}",
        })),
      )
      .execute();
  }
}

const H = 3_600_000;
const D = 24 * H;

/** One planned journey: what happens in it, decided here so expected totals come from the plan, not the fold. */
export interface Planned {
  id: string;
  customer: string;
  start: number;
  product: string;
  channel: string;
  segment: string;
  branch: string;
  stepB: boolean;
  switchToCall: boolean;
  submitted: boolean;
  decided: boolean;
  approved: boolean;
  nps: number | null;
  followedUp: boolean;
  contactSeconds: [number, number, number] | null;
}

export function plan(n: number, base: number, prefix: string): Planned[] {
  return Array.from({ length: n }, (_, i) => {
    const submitted = i % 4 !== 0 && i % 5 !== 1;
    const decided = submitted && i % 2 === 0;
    const nps = i % 6 === 0 ? i % 11 : null;
    return {
      id: `${prefix}-${i}`,
      customer: `${prefix}-cust-${i % Math.ceil(n * 0.7)}`,
      start: base + (i % 20) * D + i * 60_000,
      product: ["checking", "loan", "card"][i % 3] as string,
      channel: ["web", "app", "branch"][i % 3] as string,
      segment: i % 2 ? "gold" : "retail",
      branch: i % 7 === 0 ? "" : `b${i % 4}`,
      stepB: i % 4 !== 0,
      switchToCall: i % 5 === 0,
      submitted,
      decided,
      approved: decided && i % 3 === 0,
      nps,
      followedUp: nps !== null && nps <= 6 && i % 12 === 0,
      contactSeconds: i % 10 === 0 ? [100 + i, 10, 5] : null,
    };
  });
}

export function eventsOf(p: Planned): Raw[] {
  const j = { journeyId: p.id };
  const out: Raw[] = [
    { event: "application.started", at: p.start, user: p.customer, props: { ...j, product: p.product, channel: p.channel, segment: p.segment, branchId: p.branch } },
    { event: "application.step_viewed", at: p.start + 60_000, props: { ...j, step: "a" } },
  ];
  if (p.stepB) out.push({ event: "application.step_viewed", at: p.start + 120_000, props: { ...j, step: "b", ...(p.switchToCall ? { channel: "call" } : {}) } });
  if (p.submitted) out.push({ event: "application.submitted", at: p.start + H, props: j });
  if (p.decided) out.push({ event: "application.decided", at: p.start + 25 * H, props: { ...j, decision: p.approved ? "approved" : "declined" } });
  if (p.approved) out.push({ event: "application.funded", at: p.start + 49 * H, props: j });
  if (p.nps !== null) {
    out.push({ event: "survey.response_completed", at: p.start + 30 * H, props: { ...j, responseId: `${p.id}-r`, scores: { nps: p.nps } } });
    if (p.followedUp) out.push({ event: "feedback.followed_up", at: p.start + 40 * H, props: { responseId: `${p.id}-r` } });
  }
  if (p.contactSeconds) {
    const [talkSeconds, holdSeconds, afterCallSeconds] = p.contactSeconds;
    out.push({ event: "contact.ended", at: p.start + 2 * H, props: { contactId: `${p.id}-c`, channel: "call", agentId: "ag-1", queue: "q1", talkSeconds, holdSeconds, afterCallSeconds } });
  }
  return out;
}

/** KPI totals computed from the plan (the fold is not consulted). */
export function expectedTotals(ps: Planned[]) {
  const count = (f: (p: Planned) => boolean) => ps.filter(f).length;
  const nps = new Array<number>(11).fill(0);
  for (const p of ps) if (p.nps !== null) nps[p.nps] = (nps[p.nps] ?? 0) + 1;
  const customers = new Set(ps.map((p) => p.customer));
  const active = new Set(ps.filter((p) => p.approved).map((p) => p.customer));
  return {
    started: ps.length,
    submitted: count((p) => p.submitted),
    abandoned: count((p) => !p.submitted),
    decided: count((p) => p.decided),
    approved: count((p) => p.approved),
    funded: count((p) => p.approved),
    converted: count((p) => p.approved),
    touch_sum: ps.reduce((s, p) => s + 2 + (p.stepB ? 1 : 0) + (p.submitted ? 1 : 0), 0),
    // web → call at step b, and back to the start channel at the submission (which names none).
    switch_sum: ps.reduce((s, p) => s + (p.stepB && p.switchToCall ? 1 + (p.submitted ? 1 : 0) : 0), 0),
    ttf_sum: count((p) => p.approved) * 49,
    ttd_sum: count((p) => p.decided) * 24,
    tat_n: count((p) => p.decided),
    tat_in_sla: count((p) => p.decided),
    contacts: count((p) => p.contactSeconds !== null),
    handle_sum: ps.reduce((s, p) => s + (p.contactSeconds ? p.contactSeconds[0] + p.contactSeconds[1] + p.contactSeconds[2] : 0), 0),
    intent: customers.size,
    active: active.size,
    nps,
    fu_due: count((p) => p.nps !== null && p.nps <= 6),
    fu_done: count((p) => p.followedUp),
  };
}

const SCALARS = ["started", "submitted", "abandoned", "decided", "approved", "funded", "converted", "touch_sum", "switch_sum", "ttf_sum", "ttd_sum", "tat_n", "tat_in_sla", "contacts", "handle_sum", "intent", "active", "fu_due", "fu_done"] as const;

/** Sums of the cube (or the margin total rows) at one grain. */
export async function totals(db: Db, tenantId: string, table: "kpi_cube" | "kpi_margin", grain: "day" | "month", dim?: string) {
  const rows = (
    await sql`select * from ${sql.table(table)} where tenant_id = ${tenantId}::uuid and grain = ${grain} ${table === "kpi_margin" ? sql`and dim = ${dim ?? ""}` : sql``}`.execute(db)
  ).rows as Record<string, unknown>[];
  const out: Record<string, number | number[]> = {};
  for (const k of SCALARS) out[k] = rows.reduce((s, r) => s + Number(r[k]), 0);
  const nps = new Array<number>(11).fill(0);
  for (const r of rows) {
    (r.nps as number[]).forEach((c, i) => {
      nps[i] = (nps[i] ?? 0) + c;
    });
  }
  out.nps = nps;
  return out;
}

/** Every non-zero rollup row of a bank, keyed, histograms without trailing zeros: equal snapshots = equal rollups. */
export async function snapshot(db: Db, tenantId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ["kpi_cube", "kpi_margin", "kpi_touch"] as const) {
    const rows = (await db.selectFrom(table).selectAll().where("tenant_id", "=", tenantId).execute()) as unknown as Record<string, unknown>[];
    for (const r of rows) {
      const key: string[] = [table];
      const val: string[] = [];
      let nonZero = false;
      for (const [k, v] of Object.entries(r)) {
        if (k === "tenant_id") continue;
        if (Array.isArray(v)) {
          let n = v.length;
          while (n > 0 && v[n - 1] === 0) n--;
          if (n) nonZero = true;
          val.push(`${k}=${v.slice(0, n).join(",")}`);
        } else if (typeof v === "number") {
          if (v !== 0) nonZero = true;
          val.push(`${k}=${v}`);
        } else key.push(`${k}=${v instanceof Date ? v.toISOString().slice(0, 10) : String(v)}`);
      }
      if (nonZero) out[key.join("|")] = val.join(" ");
    }
  }
  return out;
}
