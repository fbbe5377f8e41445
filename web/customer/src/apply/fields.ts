/**
 * One control per field type, with the input types, keyboards (inputmode) and autofill hints a
 * phone needs. Every block: a label (or legend), help text and an error line the controls point at
 * with aria-describedby. Values go out through `hooks`; checking and saving happen in step.ts.
 */
import { countryList } from "../../../../src/modules/checks/account/countries";
import { FIELD_HINTS } from "../../../../src/modules/onboarding/flow/messages";
import type { AddressValue, Field, FlowLocale, Text } from "../../../../src/modules/onboarding/flow/types";
import { h, safeId } from "../survey/dom";
import { locale, m, t } from "./shell";

export interface Hooks {
  text(t: Text | undefined): string;
  value(id: string): unknown;
  currency: string;
  /** While typing (live conditions, live re-check). */
  input(field: Field, raw: unknown): void;
  /** The customer left the control or picked a value: check and save. */
  commit(field: Field, raw: unknown): void;
}

export interface FieldUI {
  field: Field;
  block: HTMLElement;
  read(): unknown;
  focus(): void;
  setError(message: string | null): void;
}

/** Countries in the customer's language, sorted the way it sorts (Intl.DisplayNames, Intl.Collator). */
const countryNames = () => countryList(locale);

/** Autofill hints from what the field is pre-filled with (the same meaning). */
const AUTOCOMPLETE: Record<string, string> = {
  "customer.name": "name",
  "customer.firstName": "given-name",
  "customer.lastName": "family-name",
  "customer.email": "email",
  "customer.phone": "tel",
  "customer.dateOfBirth": "bday",
  "customer.employer": "organization",
};

/** IBAN in groups of four as typed: "IL62 0108 0000 0009 9999 999". */
export const spacedIban = (s: string) =>
  s
    .replace(/[^A-Za-z0-9]/g, "")
    .toUpperCase()
    .replace(/(.{4})/g, "$1 ")
    .trim();

export function renderField(field: Field, hooks: Hooks): FieldUI {
  const base = `f-${safeId(field.id)}`;
  const errId = `${base}-e`;
  const helpText = hooks.text(field.help);
  const hints: string[] = [];
  if (field.type === "money" || field.type === "income") hints.push(t("amountIn", { currency: field.currency ?? hooks.currency }) + (field.period ? ` ${field.period === "year" ? m().perYear : m().perMonth}` : ""));
  if (field.type === "iban") hints.push(m().ibanHint);
  if (field.type === "bic" || (field.type === "phone" && field.mobileOnly)) hints.push((FIELD_HINTS[locale as FlowLocale] ?? FIELD_HINTS.en)[field.type === "bic" ? "bic" : "mobile"]);
  const help = [helpText, ...hints].filter(Boolean).join(" ");
  const helpId = help ? `${base}-h` : "";
  const describedBy = [helpId, errId].filter(Boolean).join(" ");
  const group = field.type === "address" || (field.type === "select" && (field.options?.length ?? 0) <= 6);
  const labelParts: (Node | string)[] = [hooks.text(field.label)];
  if (!field.required && field.type !== "checkbox") labelParts.push(" ", h("span", { class: "opt-mark" }, `(${m().optional})`));
  const controlId = `${base}-c`;
  const err = h("p", { id: errId, class: "f-error", hidden: true });
  const body = h("div", { class: "f-body" });
  const top = field.type === "checkbox" ? null : group ? h("legend", { class: "f-label" }, ...labelParts) : h("label", { class: "f-label", for: controlId }, ...labelParts);
  const block = h(group ? "fieldset" : "div", { class: `f f-${field.type}`, id: base, "data-field": field.id }, top, help ? h("p", { id: helpId, class: "f-help" }, help) : null, body, err);
  const v = hooks.value(field.id);
  let read: () => unknown;

  const input = (attrs: Record<string, string | number | boolean | undefined>, value: string) => {
    const el = h("input", { id: controlId, name: field.id, "aria-describedby": describedBy, required: field.required, ...attrs });
    el.value = value;
    el.addEventListener("input", () => hooks.input(field, read()));
    el.addEventListener("change", () => hooks.commit(field, read()));
    return el;
  };

  switch (field.type) {
    case "checkbox": {
      const box = h("input", { type: "checkbox", id: controlId, name: field.id, "aria-describedby": describedBy, checked: v === true });
      box.addEventListener("change", () => hooks.commit(field, box.checked));
      body.append(h("label", { class: "check", for: controlId }, box, h("span", {}, hooks.text(field.label))));
      read = () => box.checked;
      break;
    }
    case "select": {
      const options = field.options ?? [];
      if (group) {
        const list = h("div", { class: "radios" });
        options.forEach((o, i) => {
          const id = `${controlId}-${i}`;
          const r = h("input", { type: "radio", id, name: field.id, value: o.id, checked: v === o.id, "aria-describedby": describedBy });
          r.addEventListener("change", () => hooks.commit(field, read()));
          list.append(h("label", { class: "radio", for: id }, r, h("span", {}, hooks.text(o.label))));
        });
        body.append(list);
        read = () => list.querySelector<HTMLInputElement>("input:checked")?.value ?? null;
      } else {
        const sel = h("select", { id: controlId, name: field.id, "aria-describedby": describedBy }, h("option", { value: "" }, m().choose));
        for (const o of options) sel.append(h("option", { value: o.id, selected: v === o.id }, hooks.text(o.label)));
        sel.addEventListener("change", () => hooks.commit(field, read()));
        body.append(sel);
        read = () => sel.value || null;
      }
      break;
    }
    case "address": {
      const a = (typeof v === "object" && v !== null ? v : {}) as Partial<AddressValue>;
      const part = (key: keyof AddressValue, label: string, auto: string, required: boolean) => {
        const id = `${controlId}-${key}`;
        const el = h("input", { type: "text", id, name: `${field.id}.${key}`, autocomplete: auto, "aria-describedby": describedBy, required });
        el.value = a[key] ?? "";
        el.addEventListener("input", () => hooks.input(field, read()));
        el.addEventListener("change", () => hooks.commit(field, read()));
        return h("div", { class: "sub" }, h("label", { for: id }, label), el);
      };
      const cid = `${controlId}-country`;
      const country = h("select", { id: cid, name: `${field.id}.country`, autocomplete: "country", "aria-describedby": describedBy, required: true }, h("option", { value: "" }, m().choose));
      const current = a.country ?? field.country ?? "";
      for (const [code, name] of countryNames()) country.append(h("option", { value: code, selected: code === current }, name));
      country.addEventListener("change", () => hooks.commit(field, read()));
      body.append(
        part("line1", m().line1, "address-line1", true),
        part("line2", m().line2, "address-line2", false),
        part("city", m().city, "address-level2", true),
        part("postcode", m().postcode, "postal-code", false),
        h("div", { class: "sub" }, h("label", { for: cid }, m().country), country),
      );
      read = () => {
        const val = (k: string) => body.querySelector<HTMLInputElement>(`[name="${field.id}.${k}"]`)?.value.trim() ?? "";
        const out: Record<string, string> = { line1: val("line1"), city: val("city"), postcode: val("postcode"), country: country.value };
        if (val("line2")) out.line2 = val("line2");
        return Object.values(out).every((x) => x === "") ? null : out;
      };
      break;
    }
    case "country": {
      const sel = h("select", { id: controlId, name: field.id, autocomplete: field.prefill === "customer.nationality" ? "off" : "country", "aria-describedby": describedBy }, h("option", { value: "" }, m().choose));
      for (const [code, name] of countryNames()) sel.append(h("option", { value: code, selected: v === code }, name));
      sel.addEventListener("change", () => hooks.commit(field, read()));
      body.append(sel);
      read = () => sel.value || null;
      break;
    }
    case "file":
      // Documents are drawn by documents.ts (uploads, not typed values); this is never reached.
      read = () => hooks.value(field.id);
      break;
    default: {
      const s = typeof v === "string" ? v : "";
      const auto = (field.prefill && AUTOCOMPLETE[field.prefill]) || undefined;
      const attrs: Record<string, Record<string, string | number | boolean | undefined>> = {
        text: { type: "text", autocomplete: auto ?? "off", maxlength: field.maxLength ?? 200 },
        employer: { type: "text", autocomplete: auto ?? "organization", maxlength: field.maxLength ?? 200 },
        national_id: { type: "text", autocomplete: "off", spellcheck: "false", autocapitalize: "characters", maxlength: 30 },
        email: { type: "email", inputmode: "email", autocomplete: auto ?? "email", spellcheck: "false", autocapitalize: "off", dir: "ltr" },
        phone: { type: "tel", inputmode: "tel", autocomplete: auto ?? "tel", dir: "ltr" },
        date: { type: "date", autocomplete: auto ?? (field.minAge !== undefined ? "bday" : "off") },
        money: { type: "text", inputmode: "decimal", autocomplete: "off", dir: "ltr" },
        income: { type: "text", inputmode: "decimal", autocomplete: "off", dir: "ltr" },
        iban: { type: "text", autocomplete: "off", spellcheck: "false", autocapitalize: "characters", dir: "ltr", maxlength: 42 },
        bic: { type: "text", autocomplete: "off", spellcheck: "false", autocapitalize: "characters", dir: "ltr", maxlength: 14 },
      };
      const el = input(attrs[field.type] ?? { type: "text" }, field.type === "iban" ? spacedIban(s) : s);
      if (field.type === "iban") {
        el.addEventListener("input", () => {
          const end = el.selectionStart === el.value.length;
          const spaced = spacedIban(el.value);
          if (spaced !== el.value && end) el.value = spaced;
        });
      }
      if (field.type === "money" || field.type === "income") {
        body.append(h("div", { class: "amount" }, h("span", { class: "currency", "aria-hidden": "true" }, field.currency ?? hooks.currency), el));
      } else body.append(el);
      read = () => el.value;
    }
  }

  return {
    field,
    block,
    read: () => read(),
    focus: () => block.querySelector<HTMLElement>("input:checked, input:not([type=hidden]), select, button")?.focus(),
    setError(message) {
      err.textContent = message ?? "";
      err.hidden = !message;
      block.classList.toggle("f-invalid", Boolean(message));
      for (const c of block.querySelectorAll("input, select")) {
        if (message) c.setAttribute("aria-invalid", "true");
        else c.removeAttribute("aria-invalid");
      }
    },
  };
}

/**
 * Warnings from a save (a disposable email): a line under the field that never blocks. Fields just
 * saved lose their old warning; `warnings` paths are `answers.<field id>`.
 */
export function showWarnings(saved: readonly string[], warnings: ReadonlyArray<{ path: string; message: string }>): void {
  for (const id of saved) document.querySelector(`[data-field="${CSS.escape(id)}"] .f-warning`)?.remove();
  for (const w of warnings) {
    const id = /^answers\.(.+)$/.exec(w.path)?.[1];
    const block = id ? document.querySelector<HTMLElement>(`[data-field="${CSS.escape(id)}"]`) : null;
    if (!block) continue;
    const line = h("p", { class: "f-help f-warning", role: "status" }, `⚠ ${w.message}`);
    const err = block.querySelector(".f-error");
    if (err) block.insertBefore(line, err);
    else block.append(line);
  }
}
