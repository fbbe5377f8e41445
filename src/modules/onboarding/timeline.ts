/**
 * The application timeline (rows reviewers read) and the journey events the analytics module and
 * feedback triggers hear. Both are written in the caller's transaction with the change itself.
 */
import type { Executor } from "../../db";
import type { ApplicationsTable } from "../../db/schema-onboarding";
import type { Selectable } from "kysely";
import { emitEvent } from "../../jobs/outbox";
import { newId } from "../../kernel/ids";

export type ApplicationRow = Selectable<ApplicationsTable>;

/** Journey events of the issue, emitted as `application.<type>`; other timeline types stay local. */
export const JOURNEY_EVENTS = ["started", "step_viewed", "step_completed", "reminder_sent", "resumed", "abandoned", "submitted", "decided", "funded"] as const;
export type JourneyEvent = (typeof JOURNEY_EVENTS)[number];

export interface TimelineEntry {
  /** A journey event, or a local one: link_sent, link_revoked, otp_sent, otp_failed, otp_locked, session_started,
   *  document_uploaded, document_rejected, document_accepted, payment_approved, payment_declined, assigned,
   *  info_requested, welcome_item_done, cancelled, answers_changed_by_staff … */
  type: JourneyEvent | (string & {});
  actor: "customer" | "user" | "api" | "system";
  actorId?: string | null;
  actorLabel?: string | null;
  step?: string | null;
  field?: string | null;
  /** Shown to reviewers; never put codes, tokens or card numbers here. */
  data?: Record<string, unknown>;
  /** The customer's device class for journey events: mobile, tablet, desktop. */
  device?: string | null;
  /** The channel of this touchpoint (defaults to the application's channel for staff events, "mobile"/"web" for customers). */
  channel?: string | null;
}

/** Device class from a User-Agent (journey events report it; no fingerprinting beyond this). */
export function deviceOf(userAgent: string | null | undefined): "mobile" | "tablet" | "desktop" | null {
  if (!userAgent) return null;
  if (/iPad|Tablet|Nexus (7|9|10)|SM-T/i.test(userAgent)) return "tablet";
  if (/Mobi|Android|iPhone|iPod/i.test(userAgent)) return "mobile";
  return "desktop";
}

export async function recordTimeline(db: Executor, now: Date, app: ApplicationRow, e: TimelineEntry): Promise<void> {
  await db
    .insertInto("application_timeline")
    .values({
      tenant_id: app.tenant_id,
      id: newId(),
      application_id: app.id,
      at: now,
      type: e.type,
      actor: e.actor,
      actor_id: e.actorId ?? null,
      actor_label: e.actorLabel ?? null,
      step: e.step ?? null,
      field: e.field ?? null,
      data: JSON.stringify(e.data ?? {}),
    })
    .execute();
  if (!(JOURNEY_EVENTS as readonly string[]).includes(e.type)) return;
  await emitEvent(db, now, {
    tenantId: app.tenant_id,
    type: `application.${e.type}`,
    subjectType: "application",
    subjectId: app.id,
    actorId: e.actor === "user" || e.actor === "api" ? (e.actorId ?? null) : null,
    payload: {
      properties: {
        journeyId: app.id,
        reference: app.reference,
        product: app.product,
        channel: e.channel ?? app.channel,
        device: e.device ?? app.device,
        branchId: app.branch_id,
        regionId: app.region_id,
        agentId: app.agent_id,
        step: e.step ?? null,
        field: e.field ?? null,
        status: app.status,
        ...e.data,
      },
      contact: { customerId: app.customer_ref ?? undefined, email: app.customer_email ?? undefined, phone: app.customer_phone ?? undefined, name: app.customer_name, locale: app.language },
    },
  });
}
