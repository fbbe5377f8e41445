/** Text, date, consent, statement / call to action, file upload, contact and address questions. */
import type {
  ADDRESS_FIELDS,
  AddressQuestion,
  CONTACT_FIELDS,
  ContactQuestion,
  FileQuestion,
  StatementQuestion,
  TextQuestion,
} from "../../../../src/modules/feedback/definition/types";
import type { QuestionInstance } from "../../../../src/modules/feedback/logic/api";
import { format, type Messages } from "../i18n";
import { h, safeId } from "./dom";
import type { Frame, QContext } from "./frame";

/** Input type, inputmode and autocomplete per text format: the right keyboard on a phone. */
const TEXT_INPUT: Record<Exclude<TextQuestion["format"], "long">, Record<string, string>> = {
  short: { type: "text" },
  email: { type: "email", inputmode: "email", autocomplete: "email", spellcheck: "false" },
  phone: { type: "tel", inputmode: "tel", autocomplete: "tel" },
  number: { type: "text", inputmode: "decimal", autocomplete: "off" },
  url: { type: "url", inputmode: "url", autocomplete: "url", spellcheck: "false" },
};

export function text(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const q = inst.question as TextQuestion;
  const current = cx.value(inst.key);
  const common = {
    id: f.controlId,
    maxlength: q.maxLength,
    placeholder: cx.text(q.placeholder, inst) || null,
    "aria-describedby": f.describedBy,
    "aria-required": inst.required ? "true" : null,
  };
  const control = q.format === "long" ? h("textarea", { ...common, rows: 4 }) : h("input", { ...common, dir: q.format === "short" ? null : "ltr", ...TEXT_INPUT[q.format] });
  control.value = typeof current === "string" ? current : current === undefined || current === null ? "" : String(current);
  const value = () => (control.value.trim() === "" ? null : control.value);
  control.addEventListener("input", () => cx.set(inst.key, value(), true));
  control.addEventListener("change", () => cx.set(inst.key, value()));
  f.body.append(control);
}

export function date(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const q = inst.question as QuestionInstance["question"] & { type: "date" };
  const current = cx.value(inst.key);
  const input = h("input", { type: "date", id: f.controlId, min: q.min, max: q.max, "aria-describedby": f.describedBy, "aria-required": inst.required ? "true" : null });
  input.value = typeof current === "string" ? current : "";
  input.addEventListener("change", () => cx.set(inst.key, input.value || null));
  f.body.append(input);
}

export function consent(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const q = inst.question as QuestionInstance["question"] & { type: "consent" };
  const box = h("input", { type: "checkbox", "aria-describedby": f.describedBy, checked: cx.value(inst.key) === true });
  box.addEventListener("change", () => cx.set(inst.key, box.checked));
  f.body.append(h("label", { class: "opt" }, box, h("span", { class: "opt-text" }, cx.text(q.label, inst))));
}

/** A statement needs no answer; with an https `url` it shows a call-to-action link styled as a button. */
export function statement(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const q = inst.question as StatementQuestion;
  if (q.url && /^https:\/\//i.test(q.url)) {
    const label = cx.text(q.buttonLabel, inst) || cx.m.continue;
    f.body.append(h("a", { class: "button button-link", href: q.url, target: "_blank", rel: "noopener noreferrer" }, label));
  }
}

const sizeText = (bytes: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: "unit", unit: bytes >= 1_048_576 ? "megabyte" : "kilobyte", maximumFractionDigits: 1 }).format(bytes >= 1_048_576 ? bytes / 1_048_576 : bytes / 1024);

/**
 * A file input: the camera on phones when only images are accepted (`capture`), a status line
 * while uploading, the uploaded file's name and a remove button afterwards.
 */
export function file(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const q = inst.question as FileQuestion;
  const imagesOnly = q.accept.every((t) => t.startsWith("image/"));
  const input = h("input", { type: "file", id: f.controlId, accept: q.accept.join(","), capture: imagesOnly ? "environment" : null, "aria-describedby": f.describedBy });
  const status = h("p", { class: "file-status", role: "status" });
  const remove = h("button", { type: "button", class: "button button-quiet", hidden: cx.value(inst.key) == null }, cx.m.fileRemove);
  if (cx.value(inst.key) != null) status.textContent = format(cx.m.uploaded, { name: "✓" });
  remove.addEventListener("click", () => {
    input.value = "";
    status.textContent = "";
    remove.hidden = true;
    cx.set(inst.key, null);
    input.focus();
  });
  input.addEventListener("change", async () => {
    const chosen = input.files?.[0];
    if (!chosen) return;
    status.textContent = cx.m.uploading;
    input.disabled = true;
    const problem = await cx.upload(inst.key, chosen, q);
    input.disabled = false;
    status.textContent = problem ? "" : format(cx.m.uploaded, { name: chosen.name });
    remove.hidden = Boolean(problem);
    if (problem) input.value = "";
  });
  f.body.append(input, status, remove);
}

/** The maximum size shown in a too-large message. */
export const maxSizeText = (q: FileQuestion, locale: string) => sizeText(q.maxBytes, locale);

type FieldSpec = { label: keyof Messages; attrs: Record<string, string> };
const CONTACT: Record<(typeof CONTACT_FIELDS)[number], FieldSpec> = {
  name: { label: "fieldName", attrs: { autocomplete: "name" } },
  email: { label: "fieldEmail", attrs: { type: "email", inputmode: "email", autocomplete: "email", spellcheck: "false", dir: "ltr" } },
  phone: { label: "fieldPhone", attrs: { type: "tel", inputmode: "tel", autocomplete: "tel", dir: "ltr" } },
  company: { label: "fieldCompany", attrs: { autocomplete: "organization" } },
};
const ADDRESS: Record<(typeof ADDRESS_FIELDS)[number], FieldSpec> = {
  line1: { label: "fieldLine1", attrs: { autocomplete: "address-line1" } },
  line2: { label: "fieldLine2", attrs: { autocomplete: "address-line2" } },
  city: { label: "fieldCity", attrs: { autocomplete: "address-level2" } },
  region: { label: "fieldRegion", attrs: { autocomplete: "address-level1" } },
  postalCode: { label: "fieldPostalCode", attrs: { autocomplete: "postal-code" } },
  country: { label: "fieldCountry", attrs: { autocomplete: "country-name" } },
};

/** Contact and address: one labelled input per declared field; the answer holds the filled ones. */
export function fieldSet(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const q = inst.question as ContactQuestion | AddressQuestion;
  const specs: Record<string, FieldSpec> = q.type === "contact" ? CONTACT : ADDRESS;
  const saved = (cx.value(inst.key) ?? {}) as Record<string, string>;
  const answer: Record<string, string> = { ...saved };
  const wrap = h("div", { class: "fields" });
  for (const field of q.fields) {
    const spec = specs[field];
    if (!spec) continue;
    const id = `${f.controlId}-${safeId(field)}`;
    const input = h("input", { type: "text", id, name: field, maxlength: 200, "aria-describedby": f.describedBy, ...spec.attrs });
    input.value = saved[field] ?? "";
    const update = (typing: boolean) => {
      const v = input.value.trim();
      if (v) answer[field] = v;
      else delete answer[field];
      cx.set(inst.key, Object.keys(answer).length ? { ...answer } : null, typing);
    };
    input.addEventListener("input", () => update(true));
    input.addEventListener("change", () => update(false));
    wrap.append(h("div", { class: "field" }, h("label", { for: id }, cx.m[spec.label]), input));
  }
  f.body.append(wrap);
}
