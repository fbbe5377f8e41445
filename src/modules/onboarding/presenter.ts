/**
 * What leaves the server about an application: the staff ApplicationDetail and the CustomerView.
 * The customer view carries the flow version the customer answers, their answers (pre-filled
 * where never answered) and where they are; nothing about staff, risk or checks.
 */
import { complianceHold } from "../compliance/holds";
import type { Executor } from "../../db";
import { z } from "../../server/openapi";
import { effectiveAnswers, progressOf } from "./customer";
import { localize, visibleFields, visibleSteps } from "./flow/logic";
import { type FlowDefinition, PRODUCTS } from "./flow/types";
import { bankOf } from "./links";
import { DocumentSchema, PaymentSchema, presentDocument, presentPayment } from "./presenter-parts";
import { APPLICATION_STATUSES, applicationFlow } from "./store";
import type { ApplicationRow } from "./timeline";

const Text = z.record(z.string(), z.string()).openapi("LocalizedText", { description: "A string per language" });
const Person = z.object({ id: z.uuid(), name: z.string() }).nullable();
const Progress = z.object({ index: z.number().int(), total: z.number().int(), minutesLeft: z.number() });
const InfoItem = z.object({ step: z.string().optional(), field: z.string().optional(), document: z.string().optional(), note: z.string() }).openapi("InfoRequestItem", { description: "An item the reviewer asked for: a step, field or document of the application, with a note" });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const ApplicationDetailSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    product: z.enum(PRODUCTS),
    productTitle: Text,
    flowVersion: z.number().int(),
    status: z.enum(APPLICATION_STATUSES),
    channel: z.string(),
    language: z.string(),
    customer: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), customerRef: z.string().nullable() }),
    regionId: z.uuid().nullable(),
    branchId: z.uuid().nullable(),
    agent: Person,
    assignee: Person,
    risk: z.enum(["low", "medium", "high"]).nullable(),
    /** Approval waits for compliance (an open screening review, or a confirmed sanctions match). */
    complianceHold: z.object({ reason: z.enum(["true_match", "open_reviews"]), openReviews: z.number().int() }).nullable(),
    riskAssessment: z
      .object({
        score: z.number().int(),
        reasons: z.array(z.object({ rule: z.string(), label: z.string(), points: z.number() })),
        rulesVersion: z.number().int().nullable(),
        assessedAt: z.string(),
        eddRequired: z.boolean(),
      })
      .nullable(),
    device: z.string().nullable(),
    channelsUsed: z.array(z.string()),
    currentStep: z.string().nullable(),
    currentField: z.string().nullable(),
    progress: Progress.extend({ completedSteps: z.array(z.string()) }),
    steps: z.array(z.object({ id: z.string(), kind: z.string(), title: Text, state: z.enum(["done", "current", "todo", "hidden"]) })),
    fields: z.array(z.object({ id: z.string(), step: z.string(), type: z.string(), label: Text, value: z.unknown(), document: z.string().optional() })),
    documents: z.array(DocumentSchema),
    signedDocuments: z
      .array(z.object({ envelopeId: z.string(), documentId: z.string(), name: z.string(), signedAt: z.string().nullable(), sha256: z.string(), url: z.string() }))
      .openapi({ description: "Documents signed in envelopes of this application and sealed by the bank (url: the sealed PDF)" }),
    payments: z.array(PaymentSchema),
    checks: z.array(
      z.object({
        id: z.uuid(),
        kind: z.string(),
        outcome: z.enum(["pass", "review", "fail"]),
        summary: z.string(),
        details: z.record(z.string(), z.unknown()),
        provider: z.string(),
        inputDigest: z.string().nullable(),
        listVersion: z.string().nullable(),
        actor: z.string(),
        createdAt: z.string(),
      }),
    ),
    timeline: z.array(
      z.object({ id: z.uuid(), at: z.string(), type: z.string(), actor: z.enum(["customer", "user", "api", "system"]), actorLabel: z.string().nullable(), step: z.string().nullable(), field: z.string().nullable(), data: z.record(z.string(), z.unknown()) }),
    ),
    decision: z.enum(["approve", "reject", "request_info"]).nullable(),
    decisionReason: z.string().nullable(),
    infoRequested: z.array(InfoItem),
    welcome: z.array(z.object({ id: z.string(), label: Text, doneAt: z.string().nullable() })),
    link: z.object({ expiresAt: z.string(), revoked: z.boolean(), sentVia: z.string().nullable() }).nullable(),
    slaDueAt: z.string().nullable(),
    lastActivityAt: z.string(),
    createdAt: z.string(),
    openedAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    fundedAt: z.string().nullable(),
    abandonedAt: z.string().nullable(),
    abandonedStep: z.string().nullable(),
    abandonedField: z.string().nullable(),
  })
  .openapi("ApplicationDetail");

export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>;

export function stepStates(def: FlowDefinition, app: ApplicationRow) {
  const answers = effectiveAnswers(def, app);
  const visible = new Set(visibleSteps(def, answers).map((s) => s.id));
  const p = progressOf(def, answers, app.completed_steps);
  const done = new Set(app.completed_steps);
  return {
    answers,
    progress: p,
    steps: def.steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      title: s.title,
      state: !visible.has(s.id) ? ("hidden" as const) : done.has(s.id) ? ("done" as const) : p.step?.id === s.id ? ("current" as const) : ("todo" as const),
    })),
  };
}

/** The case as staff see it: answers, documents, payments, checks, timeline. */
export async function presentApplication(db: Executor, app: ApplicationRow): Promise<ApplicationDetail> {
  const def = await applicationFlow(db, app);
  const byApp = { tenant: app.tenant_id, id: app.id };
  const people = [app.agent_id, app.assignee_id].filter((x): x is string => !!x);
  const [documents, payments, checks, timeline, link, users, hold, signed] = await Promise.all([
    db.selectFrom("application_documents").selectAll().where("tenant_id", "=", byApp.tenant).where("application_id", "=", byApp.id).orderBy("uploaded_at").execute(),
    db.selectFrom("application_payments").selectAll().where("tenant_id", "=", byApp.tenant).where("application_id", "=", byApp.id).orderBy("created_at").execute(),
    db.selectFrom("application_checks").selectAll().where("tenant_id", "=", byApp.tenant).where("application_id", "=", byApp.id).orderBy("created_at").execute(),
    db.selectFrom("application_timeline").selectAll().where("tenant_id", "=", byApp.tenant).where("application_id", "=", byApp.id).orderBy("at").orderBy("id").limit(500).execute(),
    db
      .selectFrom("application_links")
      .select(["expires_at", "revoked_at", "sent_via"])
      .where("tenant_id", "=", byApp.tenant)
      .where("application_id", "=", byApp.id)
      .where("purpose", "=", "apply")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst(),
    people.length ? db.selectFrom("users").select(["id", "name"]).where("tenant_id", "=", app.tenant_id).where("id", "in", people).execute() : Promise.resolve([]),
    complianceHold(db, app),
    db
      .selectFrom("envelope_documents as d")
      .innerJoin("envelopes as e", (j) => j.onRef("e.tenant_id", "=", "d.tenant_id").onRef("e.id", "=", "d.envelope_id"))
      .select(["d.envelope_id", "d.id", "d.name", "d.signed_sha256", "e.completed_at"])
      .where("d.tenant_id", "=", byApp.tenant)
      .where("e.application_id", "=", byApp.id)
      .where("e.seal_status", "=", "sealed")
      .where("d.signed_sha256", "is not", null)
      .orderBy("e.completed_at")
      .orderBy("d.position")
      .execute(),
  ]);
  const person = (id: string | null) => (id ? { id, name: users.find((u) => u.id === id)?.name ?? "" } : null);
  const { answers, progress, steps } = stepStates(def, app);
  const fields = visibleSteps(def, answers).flatMap((s) =>
    visibleFields(s, answers).map((f) => ({ id: f.id, step: s.id, type: f.type, label: f.label, value: answers[f.id] ?? null, ...(f.document ? { document: f.document } : {}) })),
  );
  const welcome = app.welcome as Record<string, string>;
  return {
    id: app.id,
    reference: app.reference,
    product: app.product,
    productTitle: def.title,
    flowVersion: app.flow_version,
    status: app.status,
    channel: app.channel,
    language: app.language,
    customer: { name: app.customer_name, email: app.customer_email, phone: app.customer_phone, customerRef: app.customer_ref },
    regionId: app.region_id,
    branchId: app.branch_id,
    agent: person(app.agent_id),
    assignee: person(app.assignee_id),
    risk: app.risk,
    complianceHold: hold ? { reason: hold.reason, openReviews: hold.openReviews } : null,
    riskAssessment:
      app.risk_assessed_at && app.risk_score !== null
        ? { score: app.risk_score, reasons: app.risk_reasons, rulesVersion: app.risk_rules_version, assessedAt: app.risk_assessed_at.toISOString(), eddRequired: app.edd_required }
        : null,
    device: app.device,
    channelsUsed: app.channels_used,
    currentStep: app.current_step,
    currentField: app.current_field,
    progress: { ...progress.view, completedSteps: app.completed_steps },
    steps,
    fields,
    documents: documents.map(presentDocument),
    signedDocuments: signed.map((d) => ({
      envelopeId: d.envelope_id,
      documentId: d.id,
      name: d.name,
      signedAt: iso(d.completed_at),
      sha256: d.signed_sha256 ?? "",
      url: `/api/v1/envelopes/${d.envelope_id}/documents/${d.id}?version=signed`,
    })),
    payments: payments.map(presentPayment),
    checks: checks.map((c) => ({
      id: c.id,
      kind: c.kind,
      outcome: c.outcome,
      summary: c.summary,
      details: c.details,
      provider: c.provider,
      inputDigest: c.input_digest,
      listVersion: c.list_version,
      actor: c.actor,
      createdAt: c.created_at.toISOString(),
    })),
    timeline: timeline.map((t) => ({ id: t.id, at: t.at.toISOString(), type: t.type, actor: t.actor, actorLabel: t.actor_label, step: t.step, field: t.field, data: t.data })),
    decision: app.decision,
    decisionReason: app.decision_reason,
    infoRequested: app.info_requested,
    welcome: def.welcome.map((w) => ({ id: w.id, label: w.label, doneAt: welcome[w.id] ?? null })),
    link: link ? { expiresAt: link.expires_at.toISOString(), revoked: link.revoked_at !== null, sentVia: link.sent_via } : null,
    slaDueAt: iso(app.sla_due_at),
    lastActivityAt: app.last_activity_at.toISOString(),
    createdAt: app.created_at.toISOString(),
    openedAt: iso(app.opened_at),
    submittedAt: iso(app.submitted_at),
    decidedAt: iso(app.decided_at),
    fundedAt: iso(app.funded_at),
    abandonedAt: iso(app.abandoned_at),
    abandonedStep: app.abandoned_step,
    abandonedField: app.abandoned_field,
  };
}

export const CustomerViewSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    product: z.enum(PRODUCTS),
    language: z.string(),
    bank: z.object({ slug: z.string(), name: z.string() }),
    definition: z.record(z.string(), z.unknown()).openapi({ description: "The FlowDefinition of the application's version" }),
    answers: z.record(z.string(), z.unknown()),
    completedSteps: z.array(z.string()),
    currentStep: z.string().nullable(),
    currentField: z.string().nullable(),
    progress: Progress,
    documents: z.array(DocumentSchema),
    payments: z.array(PaymentSchema),
    infoRequested: z.array(InfoItem),
    focus: z.object({ step: z.string().nullable(), field: z.string().nullable() }).nullable(),
    welcome: z.array(z.object({ id: z.string(), label: Text, help: Text.nullable(), url: z.string().nullable(), doneAt: z.string().nullable() })),
  })
  .openapi("CustomerApplication");

export type CustomerView = z.infer<typeof CustomerViewSchema>;

/** The customer's own application; `linkId` tells where their link leads (a re-upload, a reminder's step). */
export async function presentCustomerView(db: Executor, app: ApplicationRow, linkId: string): Promise<CustomerView> {
  const def = await applicationFlow(db, app);
  const [bank, documents, payments, link] = await Promise.all([
    bankOf(db, app.tenant_id),
    db.selectFrom("application_documents").selectAll().where("tenant_id", "=", app.tenant_id).where("application_id", "=", app.id).where("status", "!=", "removed").orderBy("uploaded_at").execute(),
    db.selectFrom("application_payments").selectAll().where("tenant_id", "=", app.tenant_id).where("application_id", "=", app.id).orderBy("created_at").execute(),
    db.selectFrom("application_links").select(["purpose", "step", "field"]).where("tenant_id", "=", app.tenant_id).where("id", "=", linkId).executeTakeFirst(),
  ]);
  const answers = effectiveAnswers(def, app);
  const p = progressOf(def, answers, app.completed_steps);
  const welcome = app.welcome as Record<string, string>;
  return {
    id: app.id,
    reference: app.reference,
    status: app.status,
    product: app.product,
    language: app.language,
    bank,
    definition: def as unknown as Record<string, unknown>,
    answers,
    completedSteps: app.completed_steps,
    currentStep: app.current_step ?? p.step?.id ?? null,
    currentField: app.current_field,
    progress: p.view,
    documents: documents.map(presentDocument),
    payments: payments.map(presentPayment),
    infoRequested: app.info_requested,
    focus: link && (link.step || link.field) ? { step: link.step, field: link.field } : null,
    welcome: app.status === "funded" ? def.welcome.map((w) => ({ id: w.id, label: w.label, help: w.help ?? null, url: w.url ?? null, doneAt: welcome[w.id] ?? null })) : [],
  };
}

/** The product title in a language (messages and lists). */
export const titleIn = (def: FlowDefinition, lang: string) => localize(def.title, lang, def.defaultLanguage);
