/**
 * The payment step: the amount and currency, then the card (number, expiry, CVC, name), checked on
 * the device (Luhn, MM/YY in the future) before anything is sent. Card data is sent once and never
 * kept by the page; a decline is shown on the card number in the customer's language.
 */
import type { Step } from "../../../../src/modules/onboarding/flow/types";
import { expiryState, luhn } from "../../../../src/modules/onboarding/payments/cards";
import { h } from "../survey/dom";
import type { ApplyMessages } from "../i18n-apply";
import { type ApiError, api, type Card } from "./api";
import { m, money, t } from "./shell";
import type { StepPart } from "./step";
import { st } from "./state";

/** "MM/YY" not in the past (the card works until the end of that month). */
export const expiryOk = (v: string, now = new Date()) => expiryState(v, now) === "ok";

/** Card number in groups of four as typed. */
const grouped = (s: string) =>
  s
    .replace(/\D/g, "")
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, "$1 ");

export function paymentPart(step: Step, fatal: (e: ApiError) => void): StepPart {
  const spec = step.payment;
  const amount = spec?.amount ?? (spec?.amountField ? String(st.answers[spec.amountField] ?? "") : "") ?? "";
  const currency = spec?.currency ?? st.view.definition.currency;
  const shown = money(amount || "0", currency);
  const paid = () => st.payments.find((p) => p.step === step.id && p.status === "approved");
  const done = paid();
  const summary = h("p", { class: "pay-amount" }, h("span", { class: "muted" }, m().payIntro), " ", h("strong", { dir: "ltr" }, shown));
  if (done) {
    return { nodes: [summary, h("p", { class: "paid", role: "status" }, t("paid", { amount: money(done.amount, done.currency), last4: done.cardLast4 ?? "" }))] };
  }

  const fields: { key: keyof Card; label: keyof ApplyMessages; attrs: Record<string, string | number> }[] = [
    { key: "number", label: "cardNumber", attrs: { inputmode: "numeric", autocomplete: "cc-number", maxlength: 23 } },
    { key: "expiry", label: "cardExpiry", attrs: { inputmode: "numeric", autocomplete: "cc-exp", placeholder: "MM/YY", maxlength: 7 } },
    { key: "cvc", label: "cardCvc", attrs: { inputmode: "numeric", autocomplete: "cc-csc", maxlength: 4 } },
    { key: "name", label: "cardName", attrs: { autocomplete: "cc-name", maxlength: 100 } },
  ];
  const inputs = new Map<keyof Card, { input: HTMLInputElement; err: HTMLElement }>();
  const rows = fields.map(({ key, label, attrs }) => {
    const id = `card-${key}`;
    const err = h("p", { id: `${id}-e`, class: "f-error", hidden: true });
    const input = h("input", { type: "text", id, name: `card-${key}`, dir: key === "name" ? "auto" : "ltr", spellcheck: "false", "aria-describedby": `${id}-e`, required: true, ...attrs });
    if (key === "number") input.addEventListener("input", () => (input.value = grouped(input.value)));
    if (key === "expiry")
      input.addEventListener("input", () => {
        const d = input.value.replace(/\D/g, "").slice(0, 4);
        input.value = d.length > 2 ? `${d.slice(0, 2)}/${d.slice(2)}` : d;
      });
    inputs.set(key, { input, err });
    return h("div", { class: `f card-${key}` }, h("label", { class: "f-label", for: id }, m()[label]), input, err);
  });
  const setError = (key: keyof Card, msg: string | null) => {
    const x = inputs.get(key);
    if (!x) return;
    x.err.textContent = msg ?? "";
    x.err.hidden = !msg;
    if (msg) x.input.setAttribute("aria-invalid", "true");
    else x.input.removeAttribute("aria-invalid");
  };
  const value = (key: keyof Card) => inputs.get(key)?.input.value.trim() ?? "";
  const card = h("fieldset", { class: "card" }, h("legend", { class: "vh" }, m().cardNumber), ...rows, h("p", { class: "muted small" }, m().cardSafe));
  const state = h("p", { class: "muted", role: "status" });

  async function ready(): Promise<boolean> {
    if (paid()) return true;
    const problems: [keyof Card, string | null][] = [
      ["number", luhn(value("number")) ? null : m().cardInvalid],
      ["expiry", expiryOk(value("expiry")) ? null : m().expiryInvalid],
      ["cvc", /^\d{3,4}$/.test(value("cvc")) ? null : m().cvcInvalid],
      ["name", value("name").length >= 2 ? null : m().nameInvalid],
    ];
    for (const [k, msg] of problems) setError(k, msg);
    const first = problems.find(([, msg]) => msg);
    if (first) {
      inputs.get(first[0])?.input.focus();
      return false;
    }
    state.textContent = m().paying;
    try {
      const p = await api.pay(st.s, step.id, { number: value("number").replace(/\D/g, ""), expiry: value("expiry").replace(/\s/g, ""), cvc: value("cvc"), name: value("name") });
      st.payments = [...st.payments, p];
      state.textContent = t("paid", { amount: money(p.amount, p.currency), last4: p.cardLast4 ?? "" });
      for (const x of inputs.values()) x.input.value = "";
      return true;
    } catch (err) {
      const e = err as ApiError;
      state.textContent = "";
      if (e.status === 401 || e.status === 409) {
        fatal(e);
        return false;
      }
      if (e.status === 402) {
        const code = e.errors[0]?.code ?? "card_declined";
        const known = code === "insufficient_funds" || code === "expired_card" ? code : "card_declined";
        setError("number", m()[known]);
      } else if (e.status === 400 && e.errors.some((x) => /^card\./.test(x.path))) {
        for (const x of e.errors) {
          const key = /^card\.(number|expiry|cvc|name)$/.exec(x.path)?.[1] as keyof Card | undefined;
          if (key) setError(key, x.message ?? m().cardInvalid);
        }
      } else setError("number", e.offline ? m().offline : m().errServer);
      inputs.get("number")?.input.focus();
      return false;
    }
  }

  return { nodes: [summary, card, state], ready, button: t("pay", { amount: shown }) };
}
