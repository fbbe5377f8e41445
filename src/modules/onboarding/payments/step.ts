/**
 * The payment step: the customer pays an opening deposit or a fee by card. The card number and
 * security code pass through to the provider and nowhere else: not the database, the timeline,
 * the logs or an error message; only the brand and the last four digits are kept.
 * Idempotent per application and step: an approved payment is never charged again.
 */
import { type Executor, inTransaction } from "../../../db";
import { AppError } from "../../../kernel/errors";
import { newId } from "../../../kernel/ids";
import type { Deps } from "../../../server/deps";
import { evaluate } from "../flow/logic";
import type { Answers, Step } from "../flow/types";
import { type PaymentOut, presentPayment } from "../presenter-parts";
import { applicationById, applicationFlow, assertCustomerEditable } from "../store";
import { type ApplicationRow, recordTimeline } from "../timeline";
import { type CardCode, cardMessage } from "./messages";
import { expiryState, luhn } from "./cards";

export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
  name: string;
}

interface Issue {
  path: string;
  message: string;
  code: CardCode;
}

/** Checks the card before any charge; problems name the field, never its value. */
export function cardProblems(card: CardInput, now: Date, locale: string): Issue[] {
  const out: Issue[] = [];
  const add = (field: string, code: CardCode) => out.push({ path: `body.card.${field}`, code, message: cardMessage(code, locale) });
  const digits = card.number.replace(/[\s-]/g, "");
  if (!luhn(digits)) add("number", "invalid_card");
  const expiry = expiryState(card.expiry, now);
  if (expiry === "invalid") add("expiry", "invalid_expiry");
  else if (expiry === "expired") add("expiry", "expired_card");
  if (!/^\d{3,4}$/.test(card.cvc.trim())) add("cvc", "invalid_cvc");
  if (card.name.trim().length === 0) add("name", "name_required");
  return out;
}

const DECIMAL = /^\d{1,12}(\.\d{1,2})?$/;
const cents = (s: string) => Math.round(Number(s) * 100);

/** What this step charges: a fixed amount or the answer of an earlier money field (≥ min). */
export function paymentAmount(step: Step, answers: Answers, flowCurrency: string): { amount: string; currency: string } {
  const spec = step.payment;
  const bad = (message: string, code: string) => new AppError("validation_failed", message, { issues: [{ path: "body.step", message, code }] });
  if (!spec) throw bad("is not a payment step", "not_a_payment_step");
  const raw = spec.amount ?? (spec.amountField ? answers[spec.amountField] : undefined);
  const amount = typeof raw === "string" ? raw.trim() : typeof raw === "number" ? String(raw) : "";
  if (!DECIMAL.test(amount) || cents(amount) <= 0) throw bad("has no amount to charge: answer the amount first", "amount_missing");
  if (spec.min && cents(amount) < cents(spec.min)) throw bad(`the amount is below the minimum of ${spec.min}`, "below_minimum");
  return { amount: (cents(amount) / 100).toFixed(2), currency: spec.currency || flowCurrency };
}

/** POST /public/applications/me/payments: 200 Payment (approved) or 402 payment_declined. */
export async function payStep(deps: Deps, appIn: ApplicationRow, stepId: string, card: CardInput, device: string | null = null): Promise<PaymentOut> {
  assertCustomerEditable(appIn);
  const def = await applicationFlow(deps.db, appIn);
  const answers = appIn.answers as Answers;
  const step = def.steps.find((s) => s.id === stepId);
  if (step?.kind !== "payment" || !evaluate(step.showIf, answers)) {
    throw new AppError("validation_failed", `${stepId} is not a payment step shown to you`, { issues: [{ path: "body.step", message: "is not a payment step shown to you", code: "not_visible" }] });
  }
  const existing = await approvedPayment(deps.db, appIn, step.id);
  if (existing) return presentPayment(existing);
  const { amount, currency } = paymentAmount(step, answers, def.currency);
  const problems = cardProblems(card, deps.clock.now(), appIn.language);
  if (problems.length > 0) throw new AppError("validation_failed", "Check the card details", { issues: problems });

  // One idempotency key per attempt: a retry after a crash reuses it, a new card after a decline gets a new one.
  const declines = await deps.db
    .selectFrom("application_payments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", appIn.tenant_id)
    .where("application_id", "=", appIn.id)
    .where("step", "=", step.id)
    .where("status", "=", "declined")
    .executeTakeFirstOrThrow();
  const attempt = Number(declines.n);
  const key = attempt === 0 ? `${appIn.id}:${step.id}` : `${appIn.id}:${step.id}:${attempt}`;
  const purpose = step.payment?.purpose ?? "deposit";
  const result = await deps.payments.charge({
    key,
    amount,
    currency,
    card: { number: card.number.replace(/[\s-]/g, ""), expiry: card.expiry.trim(), cvc: card.cvc.trim(), name: card.name.trim() },
    description: `${appIn.reference} ${purpose}`,
  });

  const row = await inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const app = await applicationById(trx, appIn.tenant_id, appIn.id, { forUpdate: true });
    const prior = await approvedPayment(trx, app, step.id);
    if (prior) return prior;
    const inserted = await trx
      .insertInto("application_payments")
      .values({
        tenant_id: app.tenant_id,
        id: newId(),
        application_id: app.id,
        step: step.id,
        provider: deps.payments.name,
        purpose,
        amount,
        currency,
        status: result.status,
        transaction_id: result.status === "approved" ? result.transactionId : null,
        card_brand: result.brand,
        card_last4: result.last4,
        decline_code: result.status === "declined" ? result.code : null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("applications")
      .set({ payment_status: result.status, last_activity_at: now, updated_at: now, current_step: step.id, current_field: null })
      .where("tenant_id", "=", app.tenant_id)
      .where("id", "=", app.id)
      .execute();
    const data = { paymentId: inserted.id, amount, currency, brand: result.brand, last4: result.last4, ...(result.status === "declined" ? { code: result.code } : {}) };
    await recordTimeline(trx, now, app, { type: result.status === "approved" ? "payment_approved" : "payment_declined", actor: "customer", step: step.id, data, device });
    return inserted;
  });
  if (row.status === "declined") {
    const code = (row.decline_code ?? "card_declined") as CardCode;
    const message = cardMessage(code, appIn.language);
    throw new AppError("payment_declined", `The payment was declined (${code})`, { issues: [{ path: "card.number", code, message }] });
  }
  return presentPayment(row);
}

function approvedPayment(db: Executor, app: ApplicationRow, stepId: string) {
  return db
    .selectFrom("application_payments")
    .selectAll()
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .where("step", "=", stepId)
    .where("status", "=", "approved")
    .executeTakeFirst();
}
