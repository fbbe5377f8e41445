import { useTranslation } from "react-i18next";
import type { FlowField, FlowStep, PaymentSpec } from "../../api/types";
import { Choose, Group, PlainField } from "../surveys/controls";
import { useFlowEditor } from "./context";
import { fieldLabel } from "./model";

/** A payment step's purpose, currency and amount: fixed, or the answer to an earlier money field. */
export function PaymentSettings({ step, path, fields, onChange }: { step: FlowStep; path: string; fields: FlowField[]; onChange(change: (s: FlowStep) => FlowStep): void }) {
  const { t } = useTranslation();
  const { def, lang } = useFlowEditor();
  const payment: PaymentSpec = step.payment ?? { purpose: "fee", currency: def.currency, amount: "10" };
  const money = fields.filter((f) => f.type === "money");
  const fromField = payment.amountField !== undefined;
  const set = (next: PaymentSpec) => onChange((s) => ({ ...s, payment: next }));
  const p = `${path}.payment`;
  return (
    <Group legend={t("flows.payment.title")} className="flow-grid">
      <Choose
        label={t("flows.payment.purpose")}
        path={`${p}.purpose`}
        value={payment.purpose}
        options={[
          { value: "deposit", label: t("flows.payment.deposit") },
          { value: "fee", label: t("flows.payment.fee") },
        ]}
        onChange={(purpose) => set({ ...payment, purpose })}
      />
      <PlainField label={t("flows.payment.currency")} path={`${p}.currency`} value={payment.currency} onChange={(v) => set({ ...payment, currency: v.toUpperCase().replace(/[^A-Z]/g, "").slice(0, 3) })} />
      <Choose
        label={t("flows.payment.amountFrom")}
        path={`${p}.amountFrom`}
        value={fromField ? "field" : "fixed"}
        options={[
          { value: "fixed", label: t("flows.payment.fixed") },
          { value: "field", label: t("flows.payment.fromField") },
        ]}
        onChange={(mode) => {
          const { amount: _a, amountField: _f, min: _m, ...rest } = payment;
          set(mode === "field" ? { ...rest, amountField: money[money.length - 1]?.id ?? "" } : { ...rest, amount: "10" });
        }}
      />
      {fromField ? (
        <>
          <Choose
            label={t("flows.payment.field")}
            path={`${p}.amountField`}
            value={payment.amountField ?? ""}
            options={[
              ...(money.some((f) => f.id === payment.amountField) ? [] : [{ value: payment.amountField ?? "", label: t("flows.payment.pickField") }]),
              ...money.map((f) => ({ value: f.id, label: fieldLabel(f, lang, def.defaultLanguage) })),
            ]}
            onChange={(amountField) => set({ ...payment, amountField })}
          />
          <PlainField label={t("flows.payment.min")} path={`${p}.min`} value={payment.min ?? ""} onChange={(v) => set(v.trim() ? { ...payment, min: v.trim() } : (({ min: _, ...r }) => r)(payment))} />
        </>
      ) : (
        <PlainField label={t("flows.payment.amount")} path={`${p}.amount`} value={payment.amount ?? ""} onChange={(amount) => set({ ...payment, amount: amount.trim() })} />
      )}
    </Group>
  );
}
