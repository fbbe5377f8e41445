/**
 * One step per screen: title, "Step 2 of 5 · about 6 minutes left", help, the step's fields (or
 * its documents, payment or review), Back and Continue. Fields are checked with the shared flow
 * logic as the customer leaves them, saved while they type, and shown or hidden live by their
 * conditions. Continue completes the step on the server, which checks everything again.
 */
import { checkField, visibleFields, visibleSteps } from "../../../../src/modules/onboarding/flow/logic";
import { fieldMessage } from "../../../../src/modules/onboarding/flow/messages";
import type { Field, Step } from "../../../../src/modules/onboarding/flow/types";
import { h } from "../survey/dom";
import { type ApiError, api } from "./api";
import { renderDocField } from "./documents";
import { type FieldUI, type Hooks, renderField } from "./fields";
import { identityPart } from "./identity";
import { paymentPart } from "./payment";
import { reviewPart } from "./review";
import { Saver } from "./saver";
import { signaturePart } from "./signature";
import { duration, isoToday, locale, m, show, t, title } from "./shell";
import { def, L, st } from "./state";

export interface StepPart {
  nodes: Node[];
  /** Runs before the step is completed; false (having said why) stops Continue. */
  ready?(): Promise<boolean>;
  button?: string;
}

export interface FlowEvents {
  /** The session ended (401) or the application moved on (409): app.ts decides what to show. */
  fatal(e: ApiError): void;
  submitted(reference: string): void;
}

let events: FlowEvents;
let saver: Saver;
let step: Step;
let uis = new Map<string, FieldUI>();
let part: StepPart | null = null;
/** Fields the customer has touched on this screen (an empty required field says so only then). */
const touched = new Set<string>();

export function startFlow(e: FlowEvents): Saver {
  events = e;
  saver = new Saver({
    fieldError: (id, message) => uis.get(id)?.setError(message),
    fatal: (err) => events.fatal(err),
  });
  return saver;
}

const problemText = (field: Field, raw: unknown): string | null => {
  if (field.type === "file") return null;
  const r = checkField(field, raw, isoToday());
  return r.ok ? null : fieldMessage(r.problem, locale);
};

const isEmptyRaw = (v: unknown) => v === null || v === undefined || v === "" || v === false;

const hooks: Hooks = {
  text: (x) => L(x),
  value: (id) => st.answers[id],
  get currency() {
    return def().currency;
  },
  input(field, raw) {
    const r = checkField(field, raw, isoToday());
    const ui = uis.get(field.id);
    if (r.ok) {
      st.answers[field.id] = r.value;
      if (ui?.block.classList.contains("f-invalid")) ui.setError(null);
      saver.queue(field.id, r.value, step.id);
    } else saver.drop(field.id);
    touched.add(field.id);
    refresh();
  },
  commit(field, raw) {
    const before = st.answers[field.id];
    const r = checkField(field, raw, isoToday());
    const ui = uis.get(field.id);
    if (r.ok) {
      ui?.setError(null);
      if (JSON.stringify(r.value) !== JSON.stringify(before ?? null) || field.type === "checkbox" || field.type === "select") {
        st.answers[field.id] = r.value;
        saver.queue(field.id, r.value, step.id, true);
      }
    } else if (!isEmptyRaw(raw) || touched.has(field.id) || !isEmptyRaw(before)) {
      ui?.setError(fieldMessage(r.problem, locale));
      if (isEmptyRaw(raw)) {
        st.answers[field.id] = null;
      }
    }
    touched.add(field.id);
    refresh();
  },
};

function fieldUI(field: Field): FieldUI {
  return field.type === "file" ? renderDocField(field, { text: L, fatal: (e) => events.fatal(e), changed: refresh }) : renderField(field, hooks);
}

/** The step's position and the minutes of what is left from here. */
function where(): { n: number; total: number; minutes: number; steps: Step[] } {
  const steps = visibleSteps(def(), st.answers);
  const i = Math.max(0, steps.findIndex((s) => s.id === step.id));
  const minutes = steps.slice(i).reduce((sum, s) => sum + (st.completed.includes(s.id) && s.id !== step.id ? 0 : s.minutes), 0);
  return { n: i + 1, total: steps.length, minutes, steps };
}

function progressNodes(): Node[] {
  const w = where();
  const text = `${t("stepOf", { n: w.n, total: w.total })} · ${t("timeLeft", { duration: duration(w.minutes) })}`;
  const pct = Math.round(((w.n - 1) / Math.max(1, w.total)) * 100);
  const fill = h("div", { class: "bar-fill" });
  fill.style.inlineSize = `${pct}%`;
  return [
    h("p", { class: "step-of", id: "step-of" }, text),
    h("div", { class: "bar", role: "progressbar", "aria-labelledby": "step-of", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": pct }, fill),
  ];
}

/** Conditions, live: fields appear and disappear as answers change; steps too (the step count). */
function refresh(): void {
  const list = document.getElementById("fields");
  if (!list) return;
  const visible = visibleFields(step, st.answers);
  if (visible.map((f) => f.id).join("\n") !== [...uis.keys()].join("\n")) {
    const next = new Map<string, FieldUI>();
    for (const f of visible) next.set(f.id, uis.get(f.id) ?? fieldUI(f));
    uis = next;
    list.replaceChildren(...[...next.values()].map((u) => u.block));
  }
  const head = document.getElementById("progress");
  if (head) head.replaceChildren(...progressNodes());
}

function helpLink(): HTMLElement {
  const url = step.helpUrl && /^(https:\/\/|\/c\/)/.test(step.helpUrl) ? step.helpUrl : `/c/${encodeURIComponent(st.bankSlug)}/help?topic=${encodeURIComponent(`${def().product}.${step.id}`)}`;
  return h("p", { class: "help-link" }, h("a", { href: url, target: "_blank", rel: "noopener", "aria-label": t("helpFor", { step: L(step.title) }) }, m().help));
}

function alertText(text: string): void {
  const el = document.getElementById("page-alert");
  if (el) el.textContent = text;
}

function setBusy(busy: boolean): void {
  for (const id of ["next", "back"]) {
    const b = document.getElementById(id) as HTMLButtonElement | null;
    if (!b) continue;
    b.disabled = busy;
    b.setAttribute("aria-busy", String(busy));
  }
}

/** The page's own check of every visible field; shows the problems and focuses the first. */
function checkAll(): boolean {
  let first: FieldUI | null = null;
  for (const ui of uis.values()) {
    const f = ui.field;
    let msg: string | null;
    if (f.type === "file") msg = f.required && (ui.read() as string[]).length === 0 ? m().docNeeded : null;
    else msg = problemText(f, ui.read());
    ui.setError(msg);
    if (msg && !first) first = ui;
  }
  if (!first) return true;
  alertText(m().fixErrors);
  first.focus();
  return false;
}

/** Server field errors (`answers.<id>` or `<id>`) on their fields; true when any matched. */
function showServerErrors(e: ApiError): boolean {
  let first: FieldUI | null = null;
  for (const item of e.errors) {
    const id = /^(?:body\.)?(?:answers\.)?([^.]+)$/.exec(item.path)?.[1] ?? "";
    const ui = uis.get(id);
    if (!ui) continue;
    ui.setError(item.message ?? m().errServer);
    first ??= ui;
  }
  first?.focus();
  return first !== null;
}

async function next(): Promise<void> {
  alertText("");
  if (!checkAll()) return;
  setBusy(true);
  try {
    if (!(await saver.flush())) {
      alertText(document.querySelector(".f-invalid") ? m().fixErrors : m().notSaved);
      return;
    }
    if (part?.ready && !(await part.ready())) return;
    const r = await api.complete(st.s, step.id);
    st.completed = r.completedSteps;
    if (step.kind === "review") {
      const out = await api.submit(st.s);
      events.submitted(out.reference);
      return;
    }
    const steps = visibleSteps(def(), st.answers);
    const target = r.next ?? steps.find((s) => !st.completed.includes(s.id))?.id ?? steps[steps.length - 1]?.id;
    if (target) openStep(target);
  } catch (err) {
    const e = err as ApiError;
    if (e.status === 401 || e.status === 409 || e.status === 410) return events.fatal(e);
    const onField = e.status === 400 && showServerErrors(e);
    alertText(onField ? m().fixErrors : e.offline ? m().offline : e.status === 400 ? (e.errors[0]?.message ?? m().fixErrors) : m().errServer);
  } finally {
    setBusy(false);
  }
}

function back(): void {
  const steps = visibleSteps(def(), st.answers);
  const i = steps.findIndex((s) => s.id === step.id);
  const target = steps[i - 1];
  if (!target) return;
  void saver.flush();
  openStep(target.id);
}

function screen(): Node[] {
  const w = where();
  uis = new Map();
  for (const f of visibleFields(step, st.answers)) uis.set(f.id, fieldUI(f));
  const m0 = m();
  part =
    step.kind === "payment"
      ? paymentPart(step, (e) => events.fatal(e))
      : step.kind === "review"
        ? reviewPart(step, (id, field) => openStep(id, field))
        : step.kind === "identity"
          ? identityPart(step, (e) => events.fatal(e), { errServer: m0.errServer, offline: m0.offline })
          : step.kind === "signature"
            ? signaturePart(step, (e) => events.fatal(e), { errServer: m0.errServer, offline: m0.offline, retry: m0.retry, loading: m0.loading })
            : null;
  const backButton = w.n > 1 ? h("button", { type: "button", class: "button button-quiet", id: "back" }, m0.back) : null;
  backButton?.addEventListener("click", back);
  const form = h(
    "form",
    { novalidate: true, class: "step", "aria-labelledby": "title" },
    ...(part?.nodes ?? []),
    h("div", { id: "fields", class: "fields" }, ...[...uis.values()].map((u) => u.block)),
    h("p", { id: "page-alert", class: "page-alert", role: "alert" }),
    h("div", { class: "nav" }, backButton, h("button", { type: "submit", class: "button", id: "next" }, part?.button ?? (step.kind === "review" ? m0.submit : m0.continue))),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void next();
  });
  const help = L(step.help);
  return [
    h("div", { id: "progress", class: "progress-head" }, ...progressNodes()),
    title(L(step.title)),
    help ? h("p", { class: "step-help" }, help) : null,
    helpLink(),
    form,
    h("p", { id: "save-state", class: "save-state muted", role: "status", "aria-live": "polite" }),
  ].filter((n): n is HTMLElement => n !== null);
}

/** Shows a step; `field` is focused (resume, a re-upload link, "Change"), else the title. */
export function openStep(id: string, field?: string | null): void {
  const found = def().steps.find((s) => s.id === id) ?? visibleSteps(def(), st.answers)[0];
  if (!found) return;
  step = found;
  st.stepId = step.id;
  touched.clear();
  show(screen, false);
  const ui = field ? uis.get(field) : undefined;
  if (ui) {
    ui.focus();
    ui.block.scrollIntoView({ block: "center" });
  } else document.getElementById("title")?.focus();
  void api.viewStep(st.s, step.id).catch(() => {});
  saver.position(step.id, ui ? ui.field.id : undefined);
}
