/**
 * What every question renderer shares: the context it reads and writes through, and the frame
 * around it (a fieldset with its legend for groups, a label for single controls; description,
 * required mark and an error line that controls point at with aria-describedby).
 */
import type { Question, SurveyDefinition, Text } from "../../../../src/modules/feedback/definition/types";
import type { QuestionInstance } from "../../../../src/modules/feedback/logic/api";
import type { Locale, Messages } from "../i18n";
import { h, safeId } from "./dom";

export interface QContext {
  m: Messages;
  locale: Locale;
  def: SurveyDefinition;
  /** Localised and piped text for this question instance. */
  text(t: Text | undefined, inst: QuestionInstance): string;
  value(key: string): unknown;
  /** Records an answer; `typing` debounces the save (text fields), otherwise it is saved soon. */
  set(key: string, value: unknown, typing?: boolean): void;
  /** Uploads a file for `key` and records `{ fileId }`; resolves with an error message or null. */
  upload(key: string, file: File, q: Question & { type: "file" }): Promise<string | null>;
}

export interface Frame {
  block: HTMLElement;
  /** ids for a control's aria-describedby: description (if any) and the error line. */
  describedBy: string;
  errId: string;
  /** Where the controls go. */
  body: HTMLElement;
  /** The id of the question's title element (legend or label). */
  titleId: string;
  /** Single-control questions: the control's id the label points at. */
  controlId: string;
}

/** `group`: a fieldset with a legend; otherwise a div whose title is a <label for=controlId>. */
export function frame(inst: QuestionInstance, cx: QContext, group: boolean): Frame {
  const base = `q-${safeId(inst.key)}`;
  const titleId = `${base}-t`;
  const errId = `${base}-e`;
  const controlId = `${base}-c`;
  const descText = cx.text(inst.question.description, inst);
  const descId = descText ? `${base}-d` : "";
  const title: (Node | string)[] = [h("span", { class: "q-text" }, cx.text(inst.question.text, inst))];
  if (inst.required && inst.question.type !== "statement") title.push(" ", h("span", { class: "q-req" }, cx.m.required));
  const titleEl = group ? h("legend", { id: titleId, class: "q-title" }, ...title) : h("label", { id: titleId, class: "q-title", for: controlId }, ...title);
  const body = h("div", { class: "q-body" });
  const err = h("p", { id: errId, class: "q-error", hidden: true });
  const parts = [titleEl, descText ? h("p", { id: descId, class: "q-desc" }, descText) : null, body, err];
  const block = group
    ? h("fieldset", { class: `q q-${inst.question.type}`, id: base, "data-key": inst.key }, ...parts)
    : h("div", { class: `q q-${inst.question.type}`, id: base, "data-key": inst.key }, ...parts);
  return { block, describedBy: [descId, errId].filter(Boolean).join(" "), errId, body, titleId, controlId };
}

/** Shows (or clears) the question's error: the text, and aria-invalid on its controls. */
export function setError(block: HTMLElement, message: string | null): void {
  const err = block.querySelector<HTMLElement>(".q-error");
  if (!err) return;
  err.textContent = message ?? "";
  err.hidden = !message;
  block.classList.toggle("q-invalid", Boolean(message));
  for (const control of block.querySelectorAll("input, select, textarea")) {
    if (message) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }
}

/** The first control of a question, for focusing it after an error. */
export function firstControl(block: HTMLElement): HTMLElement | null {
  return block.querySelector<HTMLElement>("input:checked, input, select, textarea, button");
}
