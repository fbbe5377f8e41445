/**
 * Abandonment recovery, run every 15 minutes: a created or in-progress application idle for the
 * flow's reminderAfterHours gets one reminder per idle stretch (a fresh link to the exact step,
 * SMS if a phone is known, else email); idle for inactivityDays it becomes abandoned, keeping the
 * step and field where the customer stopped. Each application is handled in its own transaction
 * under a row lock that re-checks the state, so overlapping runs and repeats change nothing twice.
 */
import { sql } from "kysely";
import { inTransaction } from "../../db";
import type { Deps } from "../../server/deps";
import { notifyCustomer } from "./customer-notify";
import { issueLink } from "./links";
import { localize, progress } from "./flow/logic";
import type { Answers } from "./flow/types";
import { flowVersion } from "./store";
import { recordTimeline } from "./timeline";

/** Never remind or abandon someone active in the last quarter hour, whatever the flow says. */
const MIN_IDLE_MS = 15 * 60_000;
const HOUR = 3_600_000;

export interface SweepResult {
  reminded: number;
  abandoned: number;
}

/** One pass over idle applications, in batches of `batch` (keyset on last_activity_at, id). */
export async function sweepApplications(deps: Deps, opts: { tenantId?: string; batch?: number } = {}): Promise<SweepResult> {
  const batch = opts.batch ?? 200;
  const now = deps.clock.now();
  const out: SweepResult = { reminded: 0, abandoned: 0 };
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    let q = deps.db
      .selectFrom("applications")
      .select(["tenant_id", "id", "last_activity_at"])
      .where("status", "in", ["created", "in_progress"])
      .where("last_activity_at", "<=", new Date(now.getTime() - MIN_IDLE_MS));
    if (opts.tenantId) q = q.where("tenant_id", "=", opts.tenantId);
    if (after) {
      const a = after;
      q = q.where(sql<boolean>`(last_activity_at, id) > (${a.at}, ${a.id}::uuid)`);
    }
    const rows = await q.orderBy("last_activity_at").orderBy("id").limit(batch).execute();
    for (const r of rows) {
      const did = await sweepOne(deps, r.tenant_id, r.id, now);
      if (did) out[did] += 1;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < batch) return out;
    after = { at: last.last_activity_at, id: last.id };
  }
}

async function sweepOne(deps: Deps, tenantId: string, id: string, now: Date): Promise<keyof SweepResult | null> {
  return inTransaction(deps.db, async (trx) => {
    const app = await trx.selectFrom("applications").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).forUpdate().skipLocked().executeTakeFirst();
    if (!app || (app.status !== "created" && app.status !== "in_progress")) return null;
    const def = await flowVersion(trx, tenantId, app.product, app.flow_version);
    const idle = now.getTime() - app.last_activity_at.getTime();
    if (idle >= def.inactivityDays * 24 * HOUR) {
      const updated = { ...app, status: "abandoned" as const };
      await trx
        .updateTable("applications")
        .set({ status: "abandoned", abandoned_at: app.last_activity_at, abandoned_step: app.current_step, abandoned_field: app.current_field, updated_at: now })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .execute();
      await recordTimeline(trx, now, updated, { type: "abandoned", actor: "system", step: app.current_step, field: app.current_field, data: { idleHours: Math.floor(idle / HOUR) } });
      return "abandoned";
    }
    const remindedThisStretch = app.last_reminder_at !== null && app.last_reminder_at >= app.last_activity_at;
    if (idle < def.reminderAfterHours * HOUR || remindedThisStretch) return null;
    if (!app.customer_phone && !app.customer_email) return null;
    const stepId = app.current_step ?? progress(def, app.answers as Answers, (app.completed_steps as string[]) ?? []).step?.id ?? null;
    const step = def.steps.find((s) => s.id === stepId);
    const field = app.current_step ? app.current_field : null;
    const link = await issueLink(trx, deps, app, { purpose: "apply", step: stepId, field });
    const via = await notifyCustomer(trx, deps, app, def, "reminder", {
      step: step ? localize(step.title, app.language, def.defaultLanguage) : localize(def.title, app.language, def.defaultLanguage),
      link: link.url,
    });
    await trx.updateTable("application_links").set({ sent_via: via }).where("tenant_id", "=", tenantId).where("id", "=", link.id).execute();
    await trx
      .updateTable("applications")
      .set({ reminders_sent: app.reminders_sent + 1, last_reminder_at: now, updated_at: now })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
    await recordTimeline(trx, now, app, { type: "reminder_sent", actor: "system", step: stepId, field, channel: via, data: { via } });
    return "reminded";
  });
}
