/**
 * The signature: tabs Draw (signature_pad on a canvas sized to the device's pixel ratio, Clear)
 * and Type (the signer's name, pre-filled, previewed in a handwriting face). A blank pad is refused
 * here before anything is sent (the server refuses one too, and its message is shown). The
 * signer's own text and checkbox fields are listed with their labels; required ones are checked.
 */
import SignaturePad from "signature_pad";
import { h } from "../survey/dom";
import { SignError, type SignatureBody, type SignerField, signApi } from "./api";
import { alertBox, busy, button, heading, type SignCx, sm, sub } from "./context";
import { base64Bytes, fillable, isBlankPad, MAX_SIGNATURE_BYTES, missingFields, stripDataUrl, typedProblem } from "./logic";

type Mode = "draw" | "type";
/** Kept across redraws of the screen (a language switch). */
const kept = { mode: "draw" as Mode, typed: null as string | null, values: {} as Record<string, string | boolean> };

function fitCanvas(canvas: HTMLCanvasElement, pad: SignaturePad): void {
  const ratio = Math.max(window.devicePixelRatio || 1, 1);
  const data = pad.toData();
  canvas.width = Math.floor(canvas.offsetWidth * ratio);
  canvas.height = Math.floor(canvas.offsetHeight * ratio);
  canvas.getContext("2d")?.scale(ratio, ratio);
  pad.clear();
  if (data.length) pad.fromData(data);
}

function blank(canvas: HTMLCanvasElement, pad: SignaturePad): boolean {
  if (pad.isEmpty() || canvas.width === 0 || canvas.height === 0) return true;
  const g = canvas.getContext("2d");
  return !g || isBlankPad(g.getImageData(0, 0, canvas.width, canvas.height).data);
}

function fieldBlock(f: SignerField, m: ReturnType<typeof sm>): HTMLElement {
  const id = `sf-${f.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const err = h("p", { id: `${id}-e`, class: "f-error", hidden: true });
  const opt = f.required ? null : h("span", { class: "opt-mark" }, ` ${m.optional}`);
  if (f.kind === "checkbox") {
    const box = h("input", { type: "checkbox", id, checked: kept.values[f.id] === true, "aria-describedby": `${id}-e`, required: f.required });
    box.addEventListener("change", () => {
      kept.values[f.id] = box.checked;
      if (box.checked) err.hidden = true;
    });
    return h("div", { class: "f", "data-field": f.id }, h("label", { class: "check", for: id }, box, h("span", {}, f.label, opt)), err);
  }
  const input = h("input", { type: "text", id, value: typeof kept.values[f.id] === "string" ? (kept.values[f.id] as string) : "", maxlength: 500, "aria-describedby": `${id}-e`, required: f.required, dir: "auto" });
  input.addEventListener("input", () => {
    kept.values[f.id] = input.value;
    if (input.value.trim()) err.hidden = true;
  });
  return h("div", { class: "f", "data-field": f.id }, h("label", { class: "f-label", for: id }, f.label, opt), input, err);
}

export function signScreen(cx: SignCx): Node[] {
  const v = cx.view;
  const m = sm(cx);
  const alert = alertBox("sign-alert");
  kept.typed ??= v.signer.name;

  // Draw
  const canvas = h("canvas", { id: "sign-pad", class: "sign-pad", role: "img", "aria-label": m.drawLabel, "aria-describedby": "sign-pad-help" });
  const pad = new SignaturePad(canvas, { penColor: "#0b1f5c", minWidth: 0.8, maxWidth: 2.6 });
  const clear = button(m.clear, () => {
    pad.clear();
    alert.textContent = "";
  }, { id: "sign-clear" }, true);
  pad.addEventListener("beginStroke", () => {
    alert.textContent = "";
  });
  const drawPanel = h("div", { id: "sign-panel-draw", role: "tabpanel", "aria-labelledby": "sign-tab-draw", class: "sign-panel" }, h("p", { class: "f-label", id: "sign-pad-label" }, m.drawLabel), h("p", { class: "f-help", id: "sign-pad-help" }, m.drawHelp), canvas, h("div", { class: "sign-pad-tools" }, clear));

  // Type
  const typed = h("input", { type: "text", id: "sign-typed", value: kept.typed, maxlength: 100, autocomplete: "name", dir: "auto", "aria-describedby": "sign-typed-e" });
  const preview = h("p", { class: "sign-typed-preview", id: "sign-typed-preview", dir: "auto", "aria-hidden": "true" }, kept.typed);
  const typedErr = h("p", { id: "sign-typed-e", class: "f-error", hidden: true });
  typed.addEventListener("input", () => {
    kept.typed = typed.value;
    preview.textContent = typed.value;
    typedErr.hidden = true;
  });
  const typePanel = h("div", { id: "sign-panel-type", role: "tabpanel", "aria-labelledby": "sign-tab-type", class: "sign-panel" }, h("div", { class: "f" }, h("label", { class: "f-label", for: "sign-typed" }, m.typedLabel), typed, typedErr), h("p", { class: "muted small" }, m.preview), preview);

  // Tabs (arrow keys move between them, as tabs do)
  const tab = (mode: Mode, label: string) => h("button", { type: "button", role: "tab", id: `sign-tab-${mode}`, "aria-controls": `sign-panel-${mode}`, class: "sign-tab" }, label);
  const tabs = { draw: tab("draw", m.draw), type: tab("type", m.type) };
  const select = (mode: Mode, focus = false) => {
    kept.mode = mode;
    for (const k of ["draw", "type"] as const) {
      tabs[k].setAttribute("aria-selected", String(k === mode));
      tabs[k].tabIndex = k === mode ? 0 : -1;
    }
    drawPanel.hidden = mode !== "draw";
    typePanel.hidden = mode !== "type";
    alert.textContent = "";
    if (mode === "draw") requestAnimationFrame(() => fitCanvas(canvas, pad));
    if (focus) tabs[mode].focus();
  };
  for (const k of ["draw", "type"] as const) {
    tabs[k].addEventListener("click", () => select(k));
    tabs[k].addEventListener("keydown", (ev) => {
      if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(ev.key)) return;
      ev.preventDefault();
      select(k === "draw" ? "type" : "draw", true);
    });
  }
  const tablist = h("div", { role: "tablist", class: "sign-tabs", "aria-label": m.signWith }, tabs.draw, tabs.type);
  select(kept.mode);
  const onResize = () => {
    if (!canvas.isConnected) return removeEventListener("resize", onResize);
    if (!drawPanel.hidden) fitCanvas(canvas, pad);
  };
  addEventListener("resize", onResize);

  // The signer's own fields, once each (a field may sit on several documents' pages).
  const seen = new Set<string>();
  const fields = fillable(v.documents.flatMap((d) => d.fields)).filter((f) => !seen.has(f.id) && seen.add(f.id));
  const fieldBox = fields.length ? h("div", { class: "sign-fields" }, sub(cx, m.fieldsTitle), ...fields.map((f) => fieldBlock(f, m))) : null;

  const fieldError = (id: string, text: string): boolean => {
    const block = fieldBox?.querySelector<HTMLElement>(`[data-field="${CSS.escape(id)}"]`);
    const e = block?.querySelector<HTMLElement>(".f-error");
    if (!block || !e) return false;
    e.textContent = text;
    e.hidden = false;
    block.querySelector<HTMLInputElement>("input")?.focus();
    return true;
  };

  function signature(): SignatureBody | null {
    if (kept.mode === "type") {
      const problem = typedProblem(typed.value);
      if (problem) {
        typedErr.textContent = m[problem];
        typedErr.hidden = false;
        typed.focus();
        return null;
      }
      return { kind: "typed", text: typed.value.trim() };
    }
    if (blank(canvas, pad)) {
      alert.textContent = m.blank;
      return null;
    }
    const image = stripDataUrl(pad.toDataURL("image/png"));
    if (base64Bytes(image) > MAX_SIGNATURE_BYTES) {
      alert.textContent = m.tooLarge;
      return null;
    }
    return { kind: "drawn", image };
  }

  function serverProblem(e: SignError): void {
    const item = e.errors[0];
    if (e.status === 413) alert.textContent = m.tooLarge;
    else if (item?.path === "body.signature.image") alert.textContent = item.code === "empty" ? m.blank : item.code === "not_png" ? m.notPng : (item.message ?? m.blank);
    else if (item?.path === "body.signature.text") {
      typedErr.textContent = item.message ?? m.typedLength;
      typedErr.hidden = false;
    } else if (item?.path.startsWith("body.fields.") && fieldError(item.path.slice("body.fields.".length), item.message ?? m.fieldNeeded)) return;
    else cx.fail(e, alert);
  }

  const signButton = button(m.signButton, () => {
    alert.textContent = "";
    const missing = missingFields(fields, kept.values);
    for (const id of missing) fieldError(id, fields.find((f) => f.id === id)?.kind === "checkbox" ? m.boxNeeded : m.fieldNeeded);
    if (missing.length) return;
    const body = signature();
    if (!body) return;
    const values = Object.fromEntries(fields.filter((f) => kept.values[f.id] !== undefined).map((f) => [f.id, kept.values[f.id] as string | boolean]));
    void busy(signButton, async () => {
      signButton.textContent = m.signing;
      try {
        const next = await signApi.sign(cx.token, body, values);
        kept.values = {};
        cx.adopt(next, "done");
      } catch (e) {
        signButton.textContent = m.signButton;
        const err = e instanceof SignError ? e : new SignError(0, "offline");
        if (err.code === "wrong_state" || err.code === "otp_required") {
          cx.adopt(await signApi.view(cx.token).catch(() => v));
          return;
        }
        serverProblem(err);
      }
    });
  }, { id: "sign-submit" });

  const out: (Node | null)[] = [
    heading(cx, m.signTitle),
    h("p", { class: "lead" }, m.signIntro),
    tablist,
    drawPanel,
    typePanel,
    fieldBox,
    h("p", { class: "muted small sign-legal" }, m.signNote),
    alert,
    h("div", { class: "nav sign-nav" }, signButton),
  ];
  return out.filter((n): n is Node => n !== null);
}
