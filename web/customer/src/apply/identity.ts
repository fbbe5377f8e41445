/**
 * The identity step: pick the document, read the tips, "Take a photo of the document" (the back
 * camera) or choose one, upload with progress ("Reading your document…"), then what was read
 * (name, dates, document, masked number) with "Retake". Problems the customer can fix (expired,
 * not accepted, unclear) are said plainly; the bank's own review reasons never are. Then the
 * selfie when the step asks for one. Photos keep 2000 px on the long side (image.ts): enough for OCR.
 */
import type { Step } from "../../../../src/modules/onboarding/flow/types";
import { h } from "../survey/dom";
import { format, type Locale } from "../i18n";
import { ApiError, type ProblemItem } from "./api";
import { IDENTITY_MESSAGES, type IdentityMessages } from "./i18n-identity";
import { downscale } from "./image";
import { locale } from "./shell";
import type { StepPart } from "./step";
import { st } from "./state";

type DocumentType = "passport" | "id_card" | "residence_permit";
type Problem = "expired" | "not_accepted" | "unclear";

export interface IdentityRead {
  step: string;
  documentId: string;
  documentType: DocumentType | null;
  surname: string | null;
  givenNames: string | null;
  birthDate: string | null;
  expiryDate: string | null;
  nationality: string | null;
  documentNumber: string | null;
  problems: Problem[];
  readAt: string;
}

export interface IdentityStatus {
  step: string;
  documents: DocumentType[];
  selfie: boolean;
  maxAttempts: number;
  attemptsLeft: number;
  read: IdentityRead | null;
  selfieDone: boolean;
  canContinue: boolean;
}

const ALL: DocumentType[] = ["passport", "id_card", "residence_permit"];
const mi = (): IdentityMessages => IDENTITY_MESSAGES[locale as Locale];
const ti = (key: keyof IdentityMessages, vars: Record<string, string | number> = {}) => format(mi()[key], Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])));
const BASE = "/api/v1/public/applications/me/identity";

function request<T>(method: string, url: string, body: Blob | null, onProgress?: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = new XMLHttpRequest();
    req.open(method, url);
    req.withCredentials = false;
    req.setRequestHeader("accept", "application/json");
    req.setRequestHeader("authorization", `Bearer ${st.s}`);
    if (body) req.setRequestHeader("content-type", body.type);
    req.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    req.onerror = () => reject(new ApiError(0, "offline"));
    req.onload = () => {
      if (req.status >= 200 && req.status < 300) return resolve(JSON.parse(req.responseText) as T);
      let p: { code?: string; errors?: ProblemItem[] } = {};
      try {
        p = JSON.parse(req.responseText);
      } catch {
        // a proxy's page: the status says enough
      }
      const retry = req.getResponseHeader("retry-after");
      reject(new ApiError(req.status, p.code ?? "internal_error", p.errors ?? [], retry && /^\d+$/.test(retry) ? Number(retry) : null));
    };
    req.send(body);
  });
}

const dateText = (iso: string | null) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`)) : "—");

export function identityPart(step: Step, fatal: (e: ApiError) => void, texts: { errServer: string; offline: string }): StepPart {
  const q = `?step=${encodeURIComponent(step.id)}`;
  const settings = (step.settings ?? {}) as { documents?: DocumentType[]; selfie?: boolean };
  const accepted = Array.isArray(settings.documents) && settings.documents.length ? settings.documents.filter((d) => ALL.includes(d)) : ALL;
  let status: IdentityStatus | null = null;
  let busy = false;

  const choice = h(
    "fieldset",
    { class: "f id-choice" },
    h("legend", { class: "f-label" }, mi().chooseDocument),
    h(
      "div",
      { class: "radios" },
      ...accepted.map((d, i) => {
        const id = `id-doc-${d}`;
        return h("label", { class: "radio", for: id }, h("input", { type: "radio", name: "id-doc", id, value: d, checked: i === 0 }), h("span", {}, mi()[d]));
      }),
    ),
  );
  const declared = () => (choice.querySelector<HTMLInputElement>("input:checked")?.value ?? accepted[0]) as DocumentType;
  const tips = h("div", { class: "id-tips" }, h("p", { class: "f-label", id: "id-tips-t" }, mi().tipsTitle), h("ul", { "aria-labelledby": "id-tips-t" }, h("li", {}, mi().tipFlat), h("li", {}, mi().tipWhole), h("li", {}, mi().tipGlare)));
  const live = h("p", { id: "id-status", class: "upload-state", role: "status", "aria-live": "polite" });
  const err = h("p", { id: "id-error", class: "f-error", hidden: true });
  const bar = h("progress", { max: 100, value: 0, hidden: true, "aria-labelledby": "id-status" });
  const result = h("div", { id: "id-result", class: "id-result", hidden: true });
  const selfieBox = h("div", { id: "id-selfie", class: "id-selfie", hidden: true });

  const picker = (id: string, label: string, capture: "environment" | "user" | null, quiet: boolean, send: (file: File) => void) => {
    const input = h("input", { type: "file", id, class: "vh picker", accept: "image/*", capture, "aria-describedby": "id-status id-error" });
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      input.value = "";
      if (file) send(file);
    });
    return h("span", { class: "pick" }, input, h("label", { for: id, class: `button${quiet ? " button-quiet" : ""}` }, label));
  };
  const pickers = h("div", { class: "pickers", id: "id-pickers" }, picker("id-cam", mi().photoDocument, "environment", false, (f) => void sendDocument(f)), picker("id-file", mi().choosePhoto, null, true, (f) => void sendDocument(f)));

  const setError = (message: string | null) => {
    err.textContent = message ?? "";
    err.hidden = !message;
  };

  function failure(e: ApiError): string {
    if (e.status === 422 && e.code === "ocr_unreadable") {
      const left = Number(e.errors[0]?.params?.attemptsLeft ?? 0);
      if (status) status = { ...status, attemptsLeft: left, canContinue: status.canContinue || left === 0 };
      return left > 0 ? ti("unreadable", { n: left }) : mi().unreadableLast;
    }
    if (e.status === 429) return ti("tooMany", { minutes: Math.max(1, Math.ceil((e.retryAfter ?? 60) / 60)) });
    if (e.status === 415) return mi().photoType;
    return e.offline ? texts.offline : texts.errServer;
  }

  function drawRead(read: IdentityRead | null): void {
    result.hidden = !read;
    pickers.hidden = Boolean(read);
    choice.hidden = Boolean(read);
    tips.hidden = Boolean(read);
    if (!read) {
      result.replaceChildren();
      return;
    }
    const row = (label: string, value: string, ltr = false) => h("div", {}, h("dt", {}, label), h("dd", ltr ? { dir: "ltr" } : { dir: "auto" }, value));
    const retake = h("button", { type: "button", class: "button button-quiet", id: "id-retake" }, mi().retake);
    retake.addEventListener("click", () => {
      drawRead(null);
      live.textContent = "";
      (document.getElementById("id-cam") as HTMLInputElement | null)?.focus();
    });
    result.replaceChildren(
      h("h2", { class: "id-read-title", id: "id-read-title" }, mi().readTitle),
      h(
        "dl",
        { class: "id-read", "aria-labelledby": "id-read-title" },
        row(mi().name, [read.givenNames, read.surname].filter(Boolean).join(" ") || "—"),
        row(mi().birthDate, dateText(read.birthDate)),
        row(mi().expiryDate, dateText(read.expiryDate)),
        row(mi().documentType, read.documentType ? mi()[read.documentType] : "—"),
        row(mi().documentNumber, read.documentNumber ?? "—", true),
      ),
      ...read.problems.map((p) => h("p", { class: "f-error id-problem" }, mi()[p])),
      h("p", { class: "muted" }, mi().weCheck),
      retake,
    );
    drawSelfie();
  }

  function drawSelfie(): void {
    const wanted = Boolean(status?.selfie ?? settings.selfie) && Boolean(status?.read);
    selfieBox.hidden = !wanted;
    if (!wanted) {
      selfieBox.replaceChildren();
      return;
    }
    selfieBox.replaceChildren(
      h("h2", { id: "id-selfie-t" }, mi().selfieTitle),
      h("p", { class: "f-help" }, mi().selfieHelp),
      status?.selfieDone ? h("p", { class: "paid" }, mi().selfieDone) : h("div", { class: "pickers" }, picker("id-selfie-cam", mi().takeSelfie, "user", false, (f) => void sendSelfie(f))),
    );
  }

  async function prepare(file: File): Promise<Blob | null> {
    if (!/^image\//.test(file.type)) {
      setError(mi().photoType);
      return null;
    }
    const blob = await downscale(file);
    if (blob.type !== "image/jpeg" && blob.type !== "image/png") {
      setError(mi().photoType);
      return null;
    }
    return blob;
  }

  async function sendDocument(file: File): Promise<void> {
    if (busy) return;
    setError(null);
    const blob = await prepare(file);
    if (!blob) return;
    busy = true;
    live.textContent = mi().reading;
    bar.hidden = false;
    bar.value = 0;
    try {
      const read = await request<IdentityRead>("POST", `${BASE}${q}&type=${declared()}`, blob, (share) => {
        bar.value = Math.round(share * 100);
        if (share >= 1) bar.removeAttribute("value"); // uploaded: now the server reads it
      });
      const base: IdentityStatus = status ?? { step: step.id, documents: accepted, selfie: settings.selfie === true, maxAttempts: 3, attemptsLeft: 3, read: null, selfieDone: false, canContinue: false };
      status = { ...base, read, selfieDone: false, canContinue: !base.selfie };
      // The result's heading takes the focus (and is announced): the status line would only repeat it.
      live.textContent = "";
      drawRead(read);
      document.getElementById("id-read-title")?.setAttribute("tabindex", "-1");
      document.getElementById("id-read-title")?.focus();
    } catch (e) {
      const ae = e as ApiError;
      live.textContent = "";
      if (ae.status === 401 || ae.status === 409) return fatal(ae);
      setError(failure(ae));
    } finally {
      busy = false;
      bar.hidden = true;
    }
  }

  async function sendSelfie(file: File): Promise<void> {
    if (busy) return;
    setError(null);
    const blob = await prepare(file);
    if (!blob) return;
    busy = true;
    live.textContent = mi().selfieSending;
    try {
      const r = await request<{ problems: Problem[] }>("POST", `${BASE}/selfie${q}`, blob);
      if (r.problems.length) {
        live.textContent = "";
        setError(mi()[r.problems[0] as Problem]);
      } else {
        live.textContent = mi().selfieDone;
        if (status) status = { ...status, selfieDone: true, canContinue: true };
        drawSelfie();
      }
    } catch (e) {
      const ae = e as ApiError;
      live.textContent = "";
      if (ae.status === 401 || ae.status === 409) return fatal(ae);
      setError(failure(ae));
    } finally {
      busy = false;
    }
  }

  void request<IdentityStatus>("GET", `${BASE}${q}`, null)
    .then((s) => {
      status = s;
      if (s.read) drawRead(s.read);
    })
    .catch((e: ApiError) => {
      if (e.status === 401) fatal(e);
    });

  async function ready(): Promise<boolean> {
    if (busy) return false;
    if (status?.canContinue) return true;
    const needSelfie = Boolean(status?.read) && Boolean(status?.selfie) && !status?.selfieDone;
    setError(needSelfie ? mi().selfieNeeded : mi().photoNeeded);
    (document.getElementById(needSelfie ? "id-selfie-cam" : "id-cam") as HTMLElement | null)?.focus();
    return false;
  }

  return { nodes: [h("div", { class: "identity" }, choice, tips, pickers, bar, live, err, result, selfieBox)], ready };
}
