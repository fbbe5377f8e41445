/**
 * The review step: every answer of the visible steps, grouped by step, each group with a "Change"
 * link back to it; the step's own fields (the terms checkbox) follow, then Submit.
 */
import { visibleFields, visibleSteps } from "../../../../src/modules/onboarding/flow/logic";
import type { AddressValue, Field, Step } from "../../../../src/modules/onboarding/flow/types";
import { h } from "../survey/dom";
import { spacedIban } from "./fields";
import { locale, m, money } from "./shell";
import type { StepPart } from "./step";
import { def, docsOf, L, st } from "./state";

function dateText(iso: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!d) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))));
  } catch {
    return iso;
  }
}

/** An answer as the customer reads it. */
export function answerText(field: Field, v: unknown): string {
  if (field.type === "file") {
    const names = docsOf(field.id)
      .filter((d) => d.status !== "rejected")
      .map((d) => d.fileName);
    return names.length > 0 ? names.join(", ") : m().notAnswered;
  }
  if (field.type === "checkbox") return v === true ? m().yes : m().no;
  if (v === null || v === undefined || v === "") return m().notAnswered;
  switch (field.type) {
    case "select":
      return L(field.options?.find((o) => o.id === v)?.label) || String(v);
    case "address": {
      const a = v as AddressValue;
      let country = a.country;
      try {
        country = new Intl.DisplayNames([locale], { type: "region" }).of(a.country) ?? a.country;
      } catch {
        // an old browser: the code
      }
      return [a.line1, a.line2, [a.postcode, a.city].filter(Boolean).join(" "), country].filter(Boolean).join(", ");
    }
    case "money":
    case "income":
      return money(String(v), field.currency ?? def().currency);
    case "date":
      return dateText(String(v));
    case "iban":
      return spacedIban(String(v));
    default:
      return String(v);
  }
}

export function reviewPart(step: Step, change: (stepId: string, field?: string) => void): StepPart {
  const groups: Node[] = [];
  for (const s of visibleSteps(def(), st.answers)) {
    if (s.id === step.id || s.kind === "review") continue;
    const link = h("button", { type: "button", class: "link-button change" }, m().change, h("span", { class: "vh" }, ` ${L(s.title)}`));
    link.addEventListener("click", () => change(s.id));
    const rows: Node[] = [];
    for (const f of visibleFields(s, st.answers)) {
      rows.push(h("dt", {}, L(f.label)), h("dd", { dir: f.type === "email" || f.type === "phone" || f.type === "iban" ? "ltr" : "auto" }, answerText(f, st.answers[f.id])));
    }
    if (s.kind === "payment") {
      const p = st.payments.find((x) => x.step === s.id && x.status === "approved");
      if (p) rows.push(h("dt", {}, m().payIntro), h("dd", { dir: "ltr" }, `${money(p.amount, p.currency)} · •••• ${p.cardLast4 ?? ""}`));
    }
    groups.push(h("section", { class: "review-group" }, h("div", { class: "review-head" }, h("h2", {}, L(s.title)), link), rows.length > 0 ? h("dl", {}, ...rows) : null));
  }
  return { nodes: [h("p", { class: "lead" }, m().reviewIntro), ...groups] };
}
