/**
 * Demo onboarding: 64 applications over the last 55 days in every state a bank sees (started,
 * in progress, abandoned at a step, submitted and late, information requested, approved, rejected,
 * funded with a half-done welcome checklist), created through createApplication and advanced with
 * the customer's answers, documents, payments and the same timeline and journey events the live
 * code records, at the times they would have happened.
 */
import { createHash } from "node:crypto";
import { inTransaction, type Trx } from "../src/db";
import type { Actor } from "../src/kernel/access";
import { newId } from "../src/kernel/ids";
import { createApplication, sendLink } from "../src/modules/onboarding/applications";
import { visibleFields, visibleSteps } from "../src/modules/onboarding/flow/logic";
import type { Answers, FlowDefinition, ProductId, Step } from "../src/modules/onboarding/flow/types";
import { type ApplicationRow, recordTimeline } from "../src/modules/onboarding/timeline";
import type { Deps } from "../src/server/deps";
import { random } from "./feedback";
import { type DemoCustomer, demoCustomer, demoPdf, sampleValue } from "./onboarding-data";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type Outcome = "created" | "in_progress" | "abandoned" | "submitted" | "info_requested" | "approved" | "rejected" | "funded";
/** How many of each: roughly what a month of a mid-size credit union looks like. */
const OUTCOMES: Array<[Outcome, number]> = [
  ["created", 5],
  ["in_progress", 7],
  ["abandoned", 12],
  ["submitted", 9],
  ["info_requested", 3],
  ["approved", 6],
  ["rejected", 6],
  ["funded", 16],
];
const PRODUCT_WEIGHTS: ProductId[] = ["checking", "checking", "checking", "savings", "savings", "credit_card", "credit_card", "personal_loan", "auto_loan", "mortgage"];
const REJECT_CODES = ["affordability", "credit_history", "incomplete_documents", "identity_not_verified"];

export interface OnboardingStaff {
  agentId: string;
  reviewerId: string;
}

const seedActor = (tenantId: string, id: string, role: Actor["role"], label: string): Actor => ({ kind: "user", tenantId, id, label, role, scope: "tenant", regionId: null, branchId: null, locale: "en" });

export async function seedOnboarding(deps: Deps, tenantId: string, branches: Array<{ id: string }>, staff: OnboardingStaff): Promise<void> {
  const r = random(4242);
  const today = deps.clock.now().getTime();
  const agent = seedActor(tenantId, staff.agentId, "agent", "agent@demo.example");
  // One transaction: the embedded store pays for every commit, and the seed runs on a first start.
  await inTransaction(deps.db, async (trx) => {
    let i = 0;
    for (const [outcome, count] of OUTCOMES) {
      for (let k = 0; k < count; k++, i++) await seedOne(trx, deps, { tenantId, today, agent, branches, staff, outcome, i, r });
    }
  });
}

interface SeedOne {
  tenantId: string;
  today: number;
  agent: Actor;
  branches: Array<{ id: string }>;
  staff: OnboardingStaff;
  outcome: Outcome;
  i: number;
  r: ReturnType<typeof random>;
}

/** One application: started by the agent (or on the web), the link sent, then the customer and the bank. */
async function seedOne(trx: Trx, deps: Deps, o: SeedOne): Promise<void> {
  const { r, outcome } = o;
  const fresh = outcome === "created" || outcome === "in_progress";
  const start = o.today - (fresh ? Math.floor(r.next() * 18 * HOUR) + HOUR : Math.floor((outcome === "submitted" ? 1 + r.next() * 4 : 9 + r.next() * 46) * DAY));
  const customer = demoCustomer(r, o.i);
  const product = r.pick(PRODUCT_WEIGHTS);
  const web = r.next() < 0.25;
  const at = (t: number) => ({ ...deps, clock: { now: () => new Date(t) } });
  const created = await createApplication(trx, at(start), { actor: null, now: new Date(start) }, web ? null : o.agent, o.tenantId, {
    product,
    customer: { name: customer.name, phone: customer.phone, email: customer.email, language: customer.language },
    channel: web ? "web" : r.pick(["branch", "branch", "call_centre"]),
    ...(web ? {} : { branchId: r.pick(o.branches).id }),
  });
  if (!web) await sendLink(trx, at(start + MIN), { actor: o.agent, now: new Date(start + MIN) }, created.app, r.next() < 0.8 ? "sms" : "email");
  if (outcome === "created") return;
  await customerWorks(trx, deps, created.app, created.definition, customer, outcome, start + (web ? MIN : 20 * MIN + r.next() * 3 * HOUR), r, o.staff);
}

/** The customer's side up to the outcome, then the bank's. Returns the final row. */
async function customerWorks(trx: Trx, deps: Deps, app: ApplicationRow, def: FlowDefinition, c: DemoCustomer, outcome: Outcome, t0: number, r: ReturnType<typeof random>, staff: OnboardingStaff): Promise<ApplicationRow> {
  let t = t0;
  const tick = (minutes: number) => {
    t += Math.floor(minutes * MIN * (0.6 + r.next() * 0.8));
    return new Date(t);
  };
  const today = deps.clock.now();
  const answers: Answers = {};
  const completed: string[] = [];
  const device = r.next() < 0.8 ? "mobile" : "desktop";
  let row: ApplicationRow = { ...app, status: "in_progress", opened_at: new Date(t), device, channels_used: [...new Set([...app.channels_used, device])] };
  await recordTimeline(trx, new Date(t), row, { type: "session_started", actor: "customer", device, channel: "web", data: { device, purpose: "apply" } });
  const reach = outcome === "in_progress" || outcome === "abandoned" ? 1 + Math.floor(r.next() * 3) : Number.POSITIVE_INFINITY;
  let stopAt: { step: Step; field: string | null } | null = null;
  for (let s = 0; ; s++) {
    const steps = visibleSteps(def, answers);
    const step = steps[s];
    if (!step) break;
    await recordTimeline(trx, tick(0.3), row, { type: "step_viewed", actor: "customer", step: step.id, device, channel: "web" });
    for (const f of visibleFields(step, answers)) {
      if (f.type === "file") {
        answers[f.id] = [await demoDocument(trx, deps, row, f.id, f.document ?? f.id, c, tick(1))];
        continue;
      }
      const v = sampleValue(f, r, c, today);
      if (v !== undefined) answers[f.id] = v;
    }
    if (step.kind === "payment" && step.payment) await demoPayment(trx, row, step, answers, tick(1));
    if (s + 1 >= reach) {
      const fields = visibleFields(step, answers);
      stopAt = { step, field: fields[Math.floor(r.next() * fields.length)]?.id ?? null };
      break;
    }
    completed.push(step.id);
    row = { ...row, completed_steps: [...completed], current_step: step.id };
    await recordTimeline(trx, tick(step.minutes), row, { type: "step_completed", actor: "customer", step: step.id, device, channel: "web" });
  }
  const last = new Date(t);
  const base = { answers: JSON.stringify(answers), completed_steps: JSON.stringify(completed), opened_at: row.opened_at, device, channels_used: row.channels_used, last_activity_at: last, updated_at: last };
  if (stopAt) {
    const abandoned = outcome === "abandoned";
    const update = { ...base, status: abandoned ? ("abandoned" as const) : ("in_progress" as const), current_step: stopAt.step.id, current_field: stopAt.field };
    row = await trx.updateTable("applications").set(abandoned ? { ...update, abandoned_at: last, abandoned_step: stopAt.step.id, abandoned_field: stopAt.field, reminders_sent: 1, last_reminder_at: new Date(t + def.reminderAfterHours * HOUR) } : update).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).returningAll().executeTakeFirstOrThrow();
    if (abandoned) {
      await recordTimeline(trx, new Date(t + def.reminderAfterHours * HOUR), row, { type: "reminder_sent", actor: "system", step: stopAt.step.id, data: { channel: "sms" } });
      await recordTimeline(trx, new Date(t + def.inactivityDays * DAY), row, { type: "abandoned", actor: "system", step: stopAt.step.id, field: stopAt.field, data: { lastActivityAt: last.toISOString() } });
    }
    return row;
  }
  const submittedAt = last;
  row = await trx
    .updateTable("applications")
    .set({ ...base, status: "submitted", current_step: null, current_field: null, submitted_at: submittedAt, sla_due_at: new Date(submittedAt.getTime() + def.slaHours * HOUR) })
    .where("tenant_id", "=", app.tenant_id)
    .where("id", "=", app.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordTimeline(trx, submittedAt, row, { type: "submitted", actor: "customer", device, channel: "web", data: { resubmitted: false } });
  if (outcome === "submitted") return row;
  return reviewerDecides(trx, deps, row, def, outcome, submittedAt.getTime() + Math.floor((2 + r.next() * 40) * HOUR), r, staff);
}

async function reviewerDecides(trx: Trx, deps: Deps, app: ApplicationRow, def: FlowDefinition, outcome: Outcome, t: number, r: ReturnType<typeof random>, staff: OnboardingStaff): Promise<ApplicationRow> {
  const at = new Date(Math.min(t, deps.clock.now().getTime() - HOUR));
  const who = { actor: "user" as const, actorId: staff.reviewerId, actorLabel: "reviewer@demo.example" };
  const decision = outcome === "info_requested" ? "request_info" : outcome === "rejected" ? "reject" : "approve";
  const reason = decision === "reject" ? r.pick(REJECT_CODES) : decision === "request_info" ? "A clearer photo of the ID card, please" : null;
  const docStep = def.steps.find((s) => s.kind === "documents");
  const items = decision === "request_info" && docStep ? [{ step: docStep.id, note: "A clearer photo of the ID card, please" }] : [];
  const status = outcome === "info_requested" ? "info_requested" : outcome === "rejected" ? "rejected" : "approved";
  let row = await trx
    .updateTable("applications")
    .set({
      status,
      decision,
      decision_reason: reason,
      decided_by: staff.reviewerId,
      assignee_id: staff.reviewerId,
      decided_at: decision === "request_info" ? null : at,
      info_requested: JSON.stringify(items),
      completed_steps: JSON.stringify(docStep && decision === "request_info" ? (app.completed_steps as string[]).filter((s) => s !== docStep.id) : app.completed_steps),
      risk: r.pick(["low", "low", "low", "medium", "high"] as const),
      updated_at: at,
    })
    .where("tenant_id", "=", app.tenant_id)
    .where("id", "=", app.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordTimeline(trx, at, row, { type: "decided", ...who, data: { decision, reasonCode: decision === "reject" ? reason : null } });
  if (outcome !== "funded") return row;
  const funded = new Date(Math.min(at.getTime() + Math.floor((1 + r.next() * 5) * DAY), deps.clock.now().getTime() - HOUR / 2));
  const welcome = Object.fromEntries(def.welcome.filter(() => r.next() < 0.5).map((w) => [w.id, new Date(funded.getTime() + 2 * DAY).toISOString()]));
  row = await trx.updateTable("applications").set({ status: "funded", funded_at: funded, welcome: JSON.stringify(welcome), updated_at: funded }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).returningAll().executeTakeFirstOrThrow();
  await recordTimeline(trx, funded, row, { type: "funded", ...who, data: {} });
  return row;
}

async function demoDocument(trx: Trx, deps: Deps, app: ApplicationRow, fieldId: string, kind: string, c: DemoCustomer, at: Date): Promise<string> {
  const id = newId();
  const bytes = demoPdf(`${kind.replace(/_/g, " ")} - ${c.name}`);
  const key = `onboarding/${app.tenant_id}/${app.id}/${id}`;
  await deps.blobs.put(key, bytes);
  await trx
    .insertInto("application_documents")
    .values({ tenant_id: app.tenant_id, id, application_id: app.id, field_id: fieldId, kind, file_name: `${kind}.pdf`, content_type: "application/pdf", size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), blob_key: key, uploaded_at: at })
    .execute();
  await recordTimeline(trx, at, app, { type: "document_uploaded", actor: "customer", field: fieldId, data: { fileName: `${kind}.pdf`, size: bytes.length } });
  return id;
}

async function demoPayment(trx: Trx, app: ApplicationRow, step: Step, answers: Answers, at: Date): Promise<void> {
  const p = step.payment;
  if (!p) return;
  const amount = p.amount ?? (p.amountField ? String(answers[p.amountField] ?? p.min ?? "25.00") : "25.00");
  await trx
    .insertInto("application_payments")
    .values({ tenant_id: app.tenant_id, id: newId(), application_id: app.id, step: step.id, provider: "test", purpose: p.purpose, amount, currency: p.currency, status: "approved", transaction_id: `test_demo_${newId().slice(-12)}`, card_brand: "visa", card_last4: "4242", created_at: at })
    .execute();
  await trx.updateTable("applications").set({ payment_status: "approved" }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).execute();
  await recordTimeline(trx, at, app, { type: "payment_approved", actor: "customer", step: step.id, data: { amount, currency: p.currency, brand: "visa", last4: "4242" } });
}
