/**
 * A document field: "Take a photo" (the phone's camera) and "Choose a file", images downscaled on
 * the device before upload, upload progress, the documents already sent with Remove, and a rejected
 * one with its reason and "Upload again" (which replaces it on the server).
 */
import type { Field, Text } from "../../../../src/modules/onboarding/flow/types";
import { h, safeId } from "../survey/dom";
import { type ApiError, api, type Doc } from "./api";
import type { FieldUI } from "./fields";
import { downscale, uploadName } from "./image";
import { m, sizeText, t } from "./shell";
import { docsOf, st } from "./state";

const ACCEPT_ALL = ["image/jpeg", "image/png", "application/pdf"];
const DEFAULT_MAX = 10 * 1024 * 1024;

export interface DocContext {
  text(t: Text | undefined): string;
  fatal(e: ApiError): void;
  changed(): void;
}

export function renderDocField(field: Field, cx: DocContext): FieldUI {
  const base = `f-${safeId(field.id)}`;
  const errId = `${base}-e`;
  const helpId = `${base}-h`;
  const accept = field.accept ?? ACCEPT_ALL;
  const maxBytes = field.maxBytes ?? DEFAULT_MAX;
  const maxFiles = field.maxFiles ?? 5;
  const help = [cx.text(field.help), t("fileRules", { size: sizeText(maxBytes) })].filter(Boolean).join(" ");
  const err = h("p", { id: errId, class: "f-error", hidden: true });
  const list = h("ul", { class: "docs" });
  const statusId = `${base}-s`;
  const status = h("p", { id: statusId, class: "upload-state", role: "status", "aria-live": "polite" });
  const bar = h("progress", { max: 100, value: 0, hidden: true, "aria-labelledby": statusId });
  const labelParts: (Node | string)[] = [cx.text(field.label)];
  if (!field.required) labelParts.push(" ", h("span", { class: "opt-mark" }, `(${m().optional})`));

  const picker = (kind: "cam" | "file") => {
    const id = `${base}-${kind}`;
    const attrs =
      kind === "cam"
        ? { type: "file", id, class: "vh picker", accept: "image/*", capture: "environment", "aria-describedby": `${helpId} ${errId}` }
        : { type: "file", id, class: "vh picker", accept: accept.join(","), "aria-describedby": `${helpId} ${errId}` };
    const input = h("input", attrs);
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      input.value = "";
      if (file) void upload(file);
    });
    return h("span", { class: "pick" }, input, h("label", { for: id, class: `button ${kind === "cam" ? "" : "button-quiet"}` }, kind === "cam" ? m().takePhoto : m().chooseFile));
  };
  const pickers = h("div", { class: "pickers" }, picker("cam"), picker("file"));
  const block = h(
    "fieldset",
    { class: "f f-file", id: base, "data-field": field.id },
    h("legend", { class: "f-label" }, ...labelParts),
    h("p", { id: helpId, class: "f-help" }, help),
    list,
    pickers,
    bar,
    status,
    err,
  );

  const setError = (message: string | null) => {
    err.textContent = message ?? "";
    err.hidden = !message;
    block.classList.toggle("f-invalid", Boolean(message));
  };

  /** Which document an upload replaces: the rejected one, if any (the server replaces it). */
  const active = () => docsOf(field.id).filter((d) => d.status !== "rejected");

  function draw(): void {
    const docs = docsOf(field.id);
    list.replaceChildren(...docs.map(item));
    list.hidden = docs.length === 0;
    pickers.hidden = active().length >= maxFiles && !docs.some((d) => d.status === "rejected");
    st.answers[field.id] = active().map((d) => d.id);
  }

  function item(d: Doc): HTMLElement {
    const state = d.status === "rejected" ? t("rejected", { reason: d.rejectReason ?? "" }) : d.status === "accepted" ? m().accepted : m().uploaded;
    const li = h("li", { class: `doc doc-${d.status}` }, h("span", { class: "doc-name", dir: "auto" }, d.fileName), h("span", { class: "doc-state" }, state));
    if (d.status === "rejected") {
      const again = h("button", { type: "button", class: "button button-quiet reupload" }, m().reupload);
      again.addEventListener("click", () => (block.querySelector<HTMLInputElement>(`#${base}-file`) as HTMLInputElement).click());
      li.append(again);
    } else if (d.status === "uploaded") {
      const remove = h("button", { type: "button", class: "link-button" }, m().remove, h("span", { class: "vh" }, ` ${d.fileName}`));
      remove.addEventListener("click", () => void removeDoc(d));
      li.append(remove);
    }
    return li;
  }

  async function removeDoc(d: Doc): Promise<void> {
    try {
      await api.removeDoc(st.s, d.id);
      st.docs = st.docs.filter((x) => x.id !== d.id);
      draw();
      cx.changed();
      block.querySelector<HTMLElement>(".picker")?.focus();
    } catch (e) {
      const ae = e as ApiError;
      if (ae.status === 401 || ae.status === 409) return cx.fatal(ae);
      setError(ae.offline ? m().offline : m().errServer);
    }
  }

  async function upload(file: File): Promise<void> {
    setError(null);
    const type = file.type || (/\.pdf$/i.test(file.name) ? "application/pdf" : "");
    const isImage = /^image\//.test(type);
    if (!accept.includes(type) && !(isImage && accept.some((a) => a.startsWith("image/")))) return setError(m().fileType);
    if (active().length >= maxFiles && !docsOf(field.id).some((d) => d.status === "rejected")) return setError(m().maxFiles);
    status.textContent = t("uploading", { name: file.name });
    const blob = type === "application/pdf" ? new Blob([file], { type }) : await downscale(file);
    if (!accept.includes(blob.type)) {
      status.textContent = "";
      return setError(m().fileType);
    }
    if (blob.size > maxBytes) {
      status.textContent = "";
      return setError(t("fileTooBig", { size: sizeText(maxBytes) }));
    }
    bar.hidden = false;
    bar.value = 0;
    try {
      const doc = await api.upload(st.s, field.id, blob, uploadName(file, blob), (share) => {
        bar.value = Math.round(share * 100);
      });
      // A rejected document of this field is replaced by the new one.
      st.docs = [...st.docs.map((d) => (d.fieldId === field.id && d.status === "rejected" ? { ...d, status: "replaced" as const } : d)), doc];
      status.textContent = `${m().uploaded}: ${doc.fileName}`;
      draw();
      cx.changed();
    } catch (e) {
      const ae = e as ApiError;
      status.textContent = "";
      if (ae.status === 401 || ae.status === 409) return cx.fatal(ae);
      setError(
        ae.status === 413 ? t("fileTooBig", { size: sizeText(maxBytes) }) : ae.status === 415 ? m().fileType : ae.offline ? m().offline : (ae.errors[0]?.message ?? m().uploadFailed),
      );
    } finally {
      bar.hidden = true;
    }
  }

  draw();
  return {
    field,
    block,
    read: () => active().map((d) => d.id),
    focus: () => (block.querySelector<HTMLElement>(".reupload") ?? block.querySelector<HTMLElement>(".picker"))?.focus(),
    setError,
  };
}
