/**
 * One control per field type, with the input types, keyboards (inputmode) and autofill hints a
 * phone needs. Every block: a label (or legend), help text and an error line the controls point at
 * with aria-describedby. Values go out through `hooks`; checking and saving happen in step.ts.
 */
import type { AddressValue, Field, Text } from "../../../../src/modules/onboarding/flow/types";
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

const COUNTRIES =
  "AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW".split(" ");

function countryNames(): [string, string][] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: "region" });
  } catch {
    names = null;
  }
  const list = COUNTRIES.map((c): [string, string] => [c, names?.of(c) ?? c]);
  return list.sort((a, b) => a[1].localeCompare(b[1], locale));
}

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
        email: { type: "email", inputmode: "email", autocomplete: auto ?? "email", spellcheck: "false", autocapitalize: "off" },
        phone: { type: "tel", inputmode: "tel", autocomplete: auto ?? "tel", dir: "ltr" },
        date: { type: "date", autocomplete: auto ?? (field.minAge !== undefined ? "bday" : "off") },
        money: { type: "text", inputmode: "decimal", autocomplete: "off", dir: "ltr" },
        income: { type: "text", inputmode: "decimal", autocomplete: "off", dir: "ltr" },
        iban: { type: "text", autocomplete: "off", spellcheck: "false", autocapitalize: "characters", dir: "ltr", maxlength: 42 },
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
