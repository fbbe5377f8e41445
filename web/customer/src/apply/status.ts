/**
 * Where the application stands once it is out of the customer's hands: sent, in review, more
 * information needed (the items, each a link to its step and field), approved, rejected, cancelled,
 * and funded with the welcome checklist the customer ticks off.
 */
import { findField } from "../../../../src/modules/onboarding/flow/logic";
import { h } from "../survey/dom";
import { type ApiError, api, type WelcomeItem } from "./api";
import { m, redraw, show, t, title } from "./shell";
import { def, L, st } from "./state";

export interface StatusEvents {
  open(stepId: string, field?: string | null): void;
  review(): void;
  fatal(e: ApiError): void;
}

const reference = () => h("p", { class: "reference" }, t("reference", { ref: st.view.reference }));

export function submittedScreen(ref: string): void {
  st.view = { ...st.view, status: "submitted", reference: ref };
  show(() => [title(m().submittedTitle), h("p", { class: "lead" }, m().submittedText), reference()]);
}

function checklist(events: StatusEvents): Node[] {
  const items = st.view.welcome;
  const done = items.filter((i) => i.doneAt).length;
  const list = h("ul", { class: "checklist" });
  items.forEach((item, i) => {
    const id = `welcome-${i}`;
    const box = h("input", { type: "checkbox", id, checked: item.doneAt !== null });
    box.addEventListener("change", async () => {
      box.disabled = true;
      try {
        const r = await api.welcome(st.s, item.id, box.checked);
        st.view = { ...st.view, welcome: r.welcome as WelcomeItem[] };
        redraw(id);
      } catch (e) {
        box.checked = !box.checked;
        box.disabled = false;
        const ae = e as ApiError;
        if (ae.status === 401) events.fatal(ae);
      }
    });
    const help = L(item.help ?? undefined);
    const url = item.url && /^(https:\/\/|\/c\/)/.test(item.url) ? item.url : null;
    list.append(
      h(
        "li",
        { class: "check-item" },
        h("label", { class: "check", for: id }, box, h("span", {}, L(item.label))),
        help ? h("p", { class: "f-help" }, help) : null,
        url ? h("a", { href: url, target: "_blank", rel: "noopener" }, L(item.label)) : null,
      ),
    );
  });
  return [h("p", { class: "muted", id: "checklist-count", role: "status" }, t("checklist", { done, total: items.length })), list];
}

function infoItems(events: StatusEvents): Node[] {
  const list = h("ul", { class: "info-items" });
  for (const item of st.view.infoRequested) {
    const found = item.field ? findField(def(), item.field) : null;
    const stepId = item.step ?? found?.step.id ?? null;
    const stepDef = stepId ? def().steps.find((s) => s.id === stepId) : undefined;
    const what = found ? L(found.field.label) : stepDef ? L(stepDef.title) : "";
    const li = h("li", {}, what ? h("strong", {}, what) : null, item.note ? h("p", {}, item.note) : null);
    if (stepId) {
      const go = h("button", { type: "button", class: "button button-quiet" }, m().update, what ? h("span", { class: "vh" }, ` ${what}`) : null);
      go.addEventListener("click", () => events.open(stepId, item.field ?? null));
      li.append(go);
    }
    list.append(li);
  }
  const again = h("button", { type: "button", class: "button", id: "send-again" }, m().sendAgain);
  again.addEventListener("click", () => events.review());
  return [list, again];
}

/** True when the status has a screen of its own (the flow is not shown). */
export function statusScreen(events: StatusEvents): boolean {
  switch (st.view.status) {
    case "submitted":
      show(() => [title(m().reviewTitle), h("p", { class: "lead" }, m().reviewText), reference()]);
      return true;
    case "info_requested":
      show(() => [title(m().infoTitle), h("p", { class: "lead" }, m().infoText), ...infoItems(events), reference()]);
      return true;
    case "approved":
      show(() => [title(m().approvedTitle), h("p", { class: "lead" }, m().approvedText), reference()]);
      return true;
    case "rejected":
      show(() => [title(m().rejectedTitle), h("p", { class: "lead" }, m().rejectedText), reference()]);
      return true;
    case "cancelled":
      show(() => [title(m().cancelledTitle), h("p", { class: "lead" }, m().cancelledText), reference()]);
      return true;
    case "funded":
      show(() => [title(t("fundedTitle", { bank: st.view.bank.name })), h("p", { class: "lead" }, m().fundedText), ...checklist(events), reference()]);
      return true;
    default:
      return false;
  }
}
