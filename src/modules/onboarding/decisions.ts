/**
 * Decisions on submitted applications (approve, reject with a reason code, request information
 * naming the items) and the account being opened (funded). Each writes the timeline (journey
 * events `decided` / `funded`), an audit entry and notifies the customer in their language.
 */
import { inTransaction } from "../../db";
import type { Actor } from "../../kernel/access";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import { type AuditContext, recordAudit } from "../audit/record";
import { complianceHold } from "../compliance/holds";
import { type RejectReason, customerReason } from "./decisions-messages";
import { notifyCustomer } from "./customer-notify";
import { issueLink } from "./links";
import { staffActor } from "./documents-review";
import { localize } from "./flow/logic";
import type { FlowDefinition } from "./flow/types";
import { endCustomerSessions } from "./session";
import { applicationFlow, applicationForActor } from "./store";
import { type ApplicationRow, recordTimeline } from "./timeline";

export interface InfoItem {
  step?: string;
  field?: string;
  note: string;
}

export interface DecisionInput {
  decision: "approve" | "reject" | "request_info";
  reason?: string;
  reasonCode?: RejectReason;
  items?: InfoItem[];
}

const invalid = (path: string, message: string, code: string) => new AppError("validation_failed", `${path} ${message}`, { issues: [{ path, message, code }] });

/** Requested items must name steps and fields of the application's flow (a field inside its step). */
function checkItems(def: FlowDefinition, items: InfoItem[] | undefined): InfoItem[] {
  if (!items || items.length === 0) throw invalid("body.items", "must name at least one missing item", "required");
  items.forEach((item, i) => {
    const step = item.step ? def.steps.find((s) => s.id === item.step) : undefined;
    if (item.step && !step) throw invalid(`body.items[${i}].step`, "is not a step of this application's flow", "unknown_step");
    if (item.field) {
      const owner = def.steps.find((s) => s.fields.some((f) => f.id === item.field));
      if (!owner) throw invalid(`body.items[${i}].field`, "is not a field of this application's flow", "unknown_field");
      if (step && owner.id !== step.id) throw invalid(`body.items[${i}].field`, `is not in the step ${step.id}`, "wrong_step");
    }
  });
  return items.map((it) => {
    const step = it.step ?? def.steps.find((s) => s.fields.some((f) => f.id === it.field))?.id;
    return { ...(step ? { step } : {}), ...(it.field ? { field: it.field } : {}), note: it.note };
  });
}

/** One line per requested item in the customer's language: "Step — Field: note". */
function itemLines(def: FlowDefinition, app: ApplicationRow, items: InfoItem[]): string {
  const t = (x: Parameters<typeof localize>[0]) => localize(x, app.language, def.defaultLanguage);
  return items
    .map((it) => {
      const step = def.steps.find((s) => s.id === it.step);
      const field = step?.fields.find((f) => f.id === it.field);
      const where = [step ? t(step.title) : null, field ? t(field.label) : null].filter(Boolean).join(" — ");
      return `• ${where ? `${where}: ` : ""}${it.note}`;
    })
    .join("\n");
}

export async function decide(deps: Deps, audit: AuditContext, actor: Actor, id: string, input: DecisionInput) {
  if (input.decision === "reject" && !input.reasonCode) throw invalid("body.reasonCode", "is required to reject", "required");
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const app = await applicationForActor(trx, actor, id, { forUpdate: true });
    if (app.status !== "submitted") {
      throw new AppError("wrong_state", `The application is ${app.status}: only a submitted application can be decided or sent back for information`);
    }
    const def = await applicationFlow(trx, app);
    const reason = input.reason?.trim() || null;
    const base = { ...staffActor(actor) };
    let status: ApplicationRow["status"];
    if (input.decision === "request_info") {
      const items = checkItems(def, input.items);
      const steps = new Set(items.map((i) => i.step).filter(Boolean));
      const completed = ((app.completed_steps as string[]) ?? []).filter((s) => !steps.has(s));
      status = "info_requested";
      const first = items[0];
      const updated = { ...app, status, decision: "request_info" as const, decision_reason: reason, info_requested: items };
      await trx
        .updateTable("applications")
        .set({ status, decision: "request_info", decision_reason: reason, decided_by: actor.id, info_requested: JSON.stringify(items), completed_steps: JSON.stringify(completed), updated_at: now })
        .where("tenant_id", "=", app.tenant_id)
        .where("id", "=", app.id)
        .execute();
      const link = await issueLink(trx, deps, app, { purpose: "apply", step: first?.step ?? null, field: first?.field ?? null });
      const via = await notifyCustomer(trx, deps, app, def, "info_requested", { items: itemLines(def, app, items), link: link.url });
      await trx.updateTable("application_links").set({ sent_via: via }).where("tenant_id", "=", app.tenant_id).where("id", "=", link.id).execute();
      await recordTimeline(trx, now, updated, { type: "decided", ...base, data: { decision: "request_info", reasonCode: null, items: items.length, sentVia: via } });
      await recordTimeline(trx, now, updated, { type: "info_requested", ...base, step: first?.step ?? null, field: first?.field ?? null, data: { items } });
      await recordAudit(trx, audit, { tenantId: app.tenant_id, action: "application.info_requested", subjectType: "application", subjectId: app.id, data: { items } });
      return { id: app.id, status, decision: "request_info" as const, decidedAt: null };
    }
    const hold = input.decision === "approve" ? await complianceHold(trx, app) : null;
    if (hold) throw new AppError("compliance_hold", hold.message);
    status = input.decision === "approve" ? "approved" : "rejected";
    const reasonCode = input.decision === "reject" ? (input.reasonCode ?? null) : null;
    const stored = reasonCode ?? reason;
    await trx
      .updateTable("applications")
      .set({ status, decision: input.decision, decision_reason: stored, decided_by: actor.id, decided_at: now, updated_at: now })
      .where("tenant_id", "=", app.tenant_id)
      .where("id", "=", app.id)
      .execute();
    const updated = { ...app, status, decision: input.decision, decided_at: now };
    if (input.decision === "approve") await notifyCustomer(trx, deps, app, def, "approved", {});
    else await notifyCustomer(trx, deps, app, def, "rejected", { reason: customerReason(reasonCode as RejectReason, app.language) });
    // The application is closed for the customer: open sessions end (a welcome link starts a new one).
    await endCustomerSessions(trx, app.tenant_id, app.id, now);
    await recordTimeline(trx, now, updated, { type: "decided", ...base, data: { decision: input.decision, reasonCode, ...(reason ? { reason } : {}) } });
    await recordAudit(trx, audit, { tenantId: app.tenant_id, action: "application.decided", subjectType: "application", subjectId: app.id, data: { decision: input.decision, reasonCode, reason } });
    return { id: app.id, status, decision: input.decision, decidedAt: now.toISOString() };
  });
}

/** The core banking system (or a reviewer) reports the account open: approved → funded. */
export async function markFunded(deps: Deps, audit: AuditContext, actor: Actor, id: string, input: { accountNumber?: string; at?: string }) {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const fundedAt = input.at ? new Date(input.at) : now;
    if (fundedAt.getTime() > now.getTime() + 5 * 60_000) throw invalid("body.at", "is in the future", "in_future");
    const app = await applicationForActor(trx, actor, id, { forUpdate: true });
    if (app.status !== "approved") throw new AppError("wrong_state", `The application is ${app.status}: only an approved application can be funded`);
    if (app.decided_at && fundedAt < app.decided_at) throw invalid("body.at", "is before the approval", "before_decision");
    const def = await applicationFlow(trx, app);
    await trx.updateTable("applications").set({ status: "funded", funded_at: fundedAt, updated_at: now }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).execute();
    const updated = { ...app, status: "funded" as const, funded_at: fundedAt };
    const account = input.accountNumber ? `••${input.accountNumber.slice(-4)}` : null;
    let via: "sms" | "email" | null = null;
    if (def.welcome.length > 0) {
      const link = await issueLink(trx, deps, app, { purpose: "welcome" });
      via = await notifyCustomer(trx, deps, app, def, "welcome", { link: link.url });
      await trx.updateTable("application_links").set({ sent_via: via }).where("tenant_id", "=", app.tenant_id).where("id", "=", link.id).execute();
    }
    await recordTimeline(trx, now, updated, { type: "funded", ...staffActor(actor), data: { fundedAt: fundedAt.toISOString(), account, welcomeSentVia: via } });
    await recordAudit(trx, audit, { tenantId: app.tenant_id, action: "application.funded", subjectType: "application", subjectId: app.id, data: { fundedAt: fundedAt.toISOString(), account } });
    return { id: app.id, status: "funded" as const, fundedAt: fundedAt.toISOString() };
  });
}
