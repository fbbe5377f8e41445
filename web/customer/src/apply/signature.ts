/**
 * The flow's `signature` step: the server makes (or remakes, when the answers changed) the
 * application's envelope and gives the applicant a fresh signing token
 * (POST /public/applications/me/signing?step=…); the signing UI (../sign, its own chunk, loaded
 * only here) runs inside the step with that token. Continue is enabled once signed (the server
 * refuses to complete the step otherwise).
 */
import type { Step } from "../../../../src/modules/onboarding/flow/types";
import type { Locale } from "../i18n";
import { h } from "../survey/dom";
import { ApiError, type ProblemItem } from "./api";
import { locale } from "./shell";
import { st } from "./state";
import type { StepPart } from "./step";

interface SigningStart {
  step: string;
  envelopeId: string;
  /** Null once the applicant has signed. */
  token: string | null;
  status: string;
}

type UI = import("../sign/ui").SigningUI;

/** The step's UI while the customer stays on it (a language switch redraws the step, not the signing). */
let cached: { key: string; ui: UI | null; signed: boolean } | null = null;

/** The signing texts come with the signing chunk: the apply page's own bundle stays small. */
const sm = async () => (await import("../i18n-sign")).SIGN_MESSAGES[locale as Locale];

async function start(stepId: string): Promise<SigningStart> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/public/applications/me/signing?step=${encodeURIComponent(stepId)}`, {
      method: "POST",
      headers: { accept: "application/json", authorization: `Bearer ${st.s}` },
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "offline");
  }
  const text = await res.text();
  if (res.ok) return JSON.parse(text) as SigningStart;
  let p: { code?: string; errors?: ProblemItem[] } = {};
  try {
    p = JSON.parse(text);
  } catch {
    // not JSON: the status says enough
  }
  throw new ApiError(res.status, p.code ?? (res.status >= 500 ? "internal_error" : "bad_request"), p.errors ?? []);
}

const SIGNED = new Set(["signed", "completed"]);

export function signaturePart(step: Step, fatal: (e: ApiError) => void, texts: { errServer: string; offline: string; retry: string; loading: string }): StepPart {
  const key = `${st.view?.id}|${step.id}|${JSON.stringify(st.answers)}`;
  if (cached?.key !== key) cached = { key, ui: null, signed: false };
  const mine = cached;
  const box = h("div", { class: "signature-step", id: "signature-step" });
  const note = h("p", { class: "page-alert", id: "signature-note", role: "status" });

  const allowContinue = () => {
    const next = document.getElementById("next") as HTMLButtonElement | null;
    if (next) next.disabled = !mine.signed;
  };
  const signedNote = async () => {
    const text = (await sm()).stepSigned;
    note.className = "sign-done";
    note.textContent = text;
  };

  async function mount(): Promise<void> {
    if (mine.ui) {
      box.replaceChildren(mine.ui.root);
      mine.ui.redraw();
      return;
    }
    box.replaceChildren(h("p", { class: "muted", role: "status" }, texts.loading));
    try {
      const [begun, mod] = await Promise.all([start(step.id), import("../sign/ui")]);
      if (!begun.token || SIGNED.has(begun.status)) {
        mine.signed = true;
        box.replaceChildren();
        void signedNote();
        allowContinue();
        return;
      }
      mine.ui = mod.signingUI({
        token: begun.token,
        level: 2,
        locale: () => locale as Locale,
        onSigned: () => {
          mine.signed = true;
          void signedNote();
          allowContinue();
        },
      });
      box.replaceChildren(mine.ui.root);
      await mine.ui.start();
    } catch (e) {
      const ae = e instanceof ApiError ? e : new ApiError(0, "offline");
      if (ae.status === 401 || ae.status === 409) return fatal(ae);
      const retry = h("button", { type: "button", class: "button button-quiet", id: "signature-retry" }, texts.retry);
      retry.addEventListener("click", () => void mount());
      box.replaceChildren(h("p", { class: "notice", role: "alert" }, ae.offline ? texts.offline : (ae.errors[0]?.message ?? texts.errServer)), retry);
    }
  }

  queueMicrotask(() => {
    allowContinue();
    if (mine.signed && !mine.ui) void signedNote();
    void mount();
  });

  async function ready(): Promise<boolean> {
    if (mine.signed) return true;
    const text = (await sm()).stepNeedSign;
    note.className = "page-alert";
    note.textContent = text;
    document.getElementById("sign-title")?.focus();
    return false;
  }

  return { nodes: [box, note], ready };
}
