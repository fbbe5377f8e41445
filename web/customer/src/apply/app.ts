/**
 * The application after the code: loads it (GET me), then shows its status screen or the flow at
 * the step and field the customer was on (or the one a re-upload or reminder link points at).
 * A session that ends (401) asks for a new code; an application that moved on is loaded again.
 */
import { findField, progress, visibleSteps } from "../../../../src/modules/onboarding/flow/logic";
import { type ApiError, api } from "./api";
import { verifyLink } from "./link";
import * as session from "./session";
import { configure, m, message, prefer, setLanguages } from "./shell";
import { adopt, def, st } from "./state";
import { submittedScreen, statusScreen } from "./status";
import { openStep, startFlow } from "./step";

const EDITABLE = new Set(["created", "in_progress", "abandoned", "info_requested"]);
const saver = startFlow({ fatal, submitted: (ref) => submittedScreen(ref) });

function fatal(e: ApiError): void {
  if (e.status === 401) {
    session.forget(st.linkToken);
    configure({ signOut: null });
    message("endedTitle", "endedText", { label: m().newCode, run: () => void openApplication(st.linkToken, st.bankSlug) });
    return;
  }
  if (e.status === 409) {
    void reload();
    return;
  }
  message("expiredTitle", "expiredText");
}

async function reload(): Promise<void> {
  try {
    enter(await api.me(st.s));
  } catch (e) {
    const ae = e as ApiError;
    if (ae.status === 401) return fatal(ae);
    message("title", ae.offline ? "offline" : "errServer", { label: m().retry, run: () => void reload() });
  }
}

async function signOut(): Promise<void> {
  await saver.flush(true);
  try {
    await api.logout(st.s);
  } catch {
    // signed out here whatever the server says
  }
  session.forget(st.linkToken);
  configure({ signOut: null });
  message("title", "signedOut");
}

const statusEvents = {
  open: (stepId: string, field?: string | null) => openStep(stepId, field),
  review: () => {
    const steps = visibleSteps(def(), st.answers);
    const target = steps.find((s) => !st.completed.includes(s.id)) ?? steps.find((s) => s.kind === "review") ?? steps[steps.length - 1];
    if (target) openStep(target.id);
  },
  fatal,
};

function enter(view: Parameters<typeof adopt>[0]): void {
  adopt(view);
  prefer(view.language);
  setLanguages(view.definition.languages);
  configure({
    bank: view.bank.name,
    signOut: () => void signOut(),
    // The customer's language is the application's while it is theirs to edit (the server refuses
    // changes after submission); afterwards the switch changes only this page.
    onLocale: (l) => {
      if (!EDITABLE.has(st.view.status)) return;
      saver.language = l;
      void saver.flush();
    },
  });
  // A re-upload or reminder link names a field (and maybe its step): open straight on it.
  const focusField = view.focus?.field ?? null;
  const focusStep = view.focus?.step ?? (focusField ? (findField(def(), focusField)?.step.id ?? null) : null);
  const focus = focusStep ? { step: focusStep, field: focusField } : null;
  if (focus && view.status === "info_requested") {
    openStep(focus.step, focus.field);
    return;
  }
  if (statusScreen(statusEvents)) return;
  const steps = visibleSteps(def(), st.answers);
  const visible = (id: string | null | undefined) => (id && steps.some((s) => s.id === id) ? id : null);
  const stepId = visible(focus?.step) ?? visible(view.currentStep) ?? progress(def(), st.answers, st.completed).step?.id ?? steps[steps.length - 1]?.id;
  if (!stepId) {
    message("title", "errServer");
    return;
  }
  openStep(stepId, focus?.field ?? (stepId === view.currentStep ? view.currentField : null));
}

async function withSession(kept: session.Kept): Promise<void> {
  st.s = kept.sessionToken;
  try {
    enter(await api.me(st.s));
  } catch (e) {
    const ae = e as ApiError;
    if (ae.status === 401 || ae.status === 404) {
      session.forget(st.linkToken);
      return void verifyLink(st.linkToken, (k) => void withSession(k));
    }
    message("title", ae.offline ? "offline" : "errServer", { label: m().retry, run: () => void withSession(kept) });
  }
}

/** /c/{bank}/a/{token}: this tab's session if it has one, else the code screens. */
export async function openApplication(linkToken: string, bankSlug: string): Promise<void> {
  st.linkToken = linkToken;
  st.bankSlug = bankSlug;
  const kept = session.load(linkToken);
  if (kept) return withSession(kept);
  return verifyLink(linkToken, (k) => void withSession(k));
}

addEventListener("pagehide", () => {
  if (st.s) void saver.flush(true);
});
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden" && st.s) void saver.flush(true);
});
