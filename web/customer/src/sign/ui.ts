/**
 * The signing UI, shared by the link page (/c/{bank}/sign, main.ts) and the flow's signature
 * step (apply/signature.ts): welcome → electronic-records consent → one-time code → read each
 * document (the server opens them only after the code) → draw or type the signature → done. Decline is offered until the signature.
 * Nothing but the consent's checkbox is possible before consent; the server checks every step too.
 * Errors that end the link (used, expired, closed, unknown) replace the UI with a plain message.
 */
import type { Locale } from "../i18n";
import { h } from "../survey/dom";
import "./sign.css";
import { type CopyView, copyApi, SignError, type SignerView, signApi } from "./api";
import { alertBox, busy, button, heading, iso, type SignCx, sm, st, sub, when } from "./context";
import { type CopyCx, copyScreen } from "./copy";
import { afterConsent, afterUsed, closedStage, type Fatal, fatalOf, reasonProblem, type Stage, stageFor } from "./logic";
import { otpScreen } from "./otp";
import { signScreen } from "./pad";
import { readScreen } from "./reader";

export interface SignOptions {
  token: string;
  level: 1 | 2;
  locale(): Locale;
  /** Every fresh view (the page takes the bank and language from it). */
  onView?(v: SignerView): void;
  /** The signer has signed (on the done screen). */
  onSigned?(v: SignerView): void;
  /** The bank's name when no view came (an unknown link on the link page). */
  bankName?(): string | null;
  /** A used link may be a signed copy's (the link page): ask for the copies (copy.ts). */
  copies?: boolean;
  /** Every fresh copy view. */
  onCopy?(v: CopyView): void;
}

export interface SigningUI {
  root: HTMLElement;
  start(): Promise<void>;
  /** Draws the current screen again (a language switch). */
  redraw(): void;
  view(): SignerView | null;
  /** The signed copies' view, when the link is a copy's. */
  copy(): CopyView | null;
  /** A full-page message without asking the server (no token at all). */
  fatal(f: Fatal): void;
}

type Screen =
  | { kind: "stage"; stage: Stage | "decline"; doc: number }
  | { kind: "fatal"; fatal: Fatal }
  | { kind: "copy"; note: string }
  | { kind: "loading" }
  | { kind: "offline" };

export function signingUI(opts: SignOptions): SigningUI {
  const root = h("div", { class: "signing" });
  // Inside the flow's step the UI sits in the step's form: Enter in a field must not submit it.
  root.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && ev.target instanceof HTMLInputElement) ev.preventDefault();
  });
  let view: SignerView | null = null;
  let copy: CopyView | null = null;
  let screen: Screen = { kind: "loading" };
  /** The screen before "decline" (Cancel goes back to it). */
  let before: Screen = screen;
  let started = false;

  const cx: SignCx = {
    token: opts.token,
    get view() {
      return view as SignerView;
    },
    level: opts.level,
    locale: opts.locale,
    go(stage, doc = 0) {
      if (stage === "decline") before = screen;
      else if (stage !== "welcome") started = true;
      show({ kind: "stage", stage, doc });
    },
    adopt(v, next) {
      view = v;
      opts.onView?.(v);
      const closed = closedStage(v);
      if (closed) return show({ kind: "fatal", fatal: closed });
      const stage = v.status === "signed" || v.status === "declined" ? stageFor(v, true) : (next ?? stageFor(v, started));
      cx.go(stage);
    },
    fail(e, alert) {
      const err = e instanceof SignError ? e : new SignError(0, "offline");
      const fatal = fatalOf(err);
      if (fatal) return show({ kind: "fatal", fatal });
      if (alert) alert.textContent = err.offline ? sm(cx).offline : err.status < 500 ? (err.errors[0]?.message ?? err.detail ?? sm(cx).errServer) : sm(cx).errServer;
    },
  };

  const copyCx: CopyCx = {
    token: opts.token,
    get view() {
      return copy as CopyView;
    },
    level: opts.level,
    locale: opts.locale,
    adopt(v, note = "") {
      copy = v;
      opts.onCopy?.(v);
      show({ kind: "copy", note });
    },
    redraw: () => show({ kind: "copy", note: "" }),
    fail: (e, alert) => cx.fail(e, alert),
  };

  const bank = () => view?.bank.name ?? copy?.bank.name ?? opts.bankName?.() ?? sm(cx).theBank;

  function welcome(): Node[] {
    const v = cx.view;
    const m = sm(cx);
    const docs = h("ul", { class: "sign-docs" }, ...v.documents.map((d) => h("li", {}, h("span", { class: "sign-doc-name" }, iso(d.name)), d.pageCount ? h("span", { class: "muted" }, st(cx, "pageCount", { n: d.pageCount })) : null)));
    return [
      heading(cx, m.welcomeTitle),
      h("p", { class: "lead" }, st(cx, "welcomeIntro", { bank: iso(v.bank.name), name: iso(v.signer.name) })),
      docs,
      h("p", { class: "muted" }, st(cx, "expires", { date: when(v.expiresAt, cx.locale()) })),
      v.waitingFor.length ? h("p", { class: "sign-note", id: "sign-waiting" }, st(cx, "waitingFor", { names: v.waitingFor.map(iso).join(", ") })) : null,
      h("div", { class: "nav sign-nav" }, button(m.start, () => cx.go(v.consent.accepted ? afterConsent(v) : "consent"), { id: "sign-start" })),
      declineLink(),
    ].filter((n): n is HTMLElement => n !== null);
  }

  function consent(): Node[] {
    const v = cx.view;
    const m = sm(cx);
    const alert = alertBox("consent-alert");
    const box = h("input", { type: "checkbox", id: "consent-agree", "aria-describedby": "consent-alert" });
    const go = button(m.continue, () => {
      if (!box.checked) {
        alert.textContent = m.consentNeeded;
        box.focus();
        return;
      }
      void busy(go, async () => {
        try {
          const next = await signApi.consent(cx.token, v.consent.version);
          cx.adopt(next, afterConsent(next));
        } catch (e) {
          cx.fail(e, alert);
        }
      });
    }, { id: "consent-continue" });
    box.addEventListener("change", () => {
      if (box.checked) alert.textContent = "";
    });
    return [
      heading(cx, v.consent.title),
      h("div", { class: "consent-text", lang: v.language, dir: "auto", id: "consent-text" }, ...v.consent.sections.flatMap((s) => [sub(cx, s.heading), h("p", {}, s.text)])),
      h("p", { class: "muted small" }, st(cx, "consentVersion", { version: v.consent.version })),
      h("label", { class: "check", for: "consent-agree" }, box, h("span", {}, m.consentAgree)),
      alert,
      h("div", { class: "nav sign-nav" }, go),
      declineLink(),
    ];
  }

  function declineLink(): HTMLElement {
    return h("p", { class: "sign-decline" }, button(sm(cx).decline, () => cx.go("decline"), { id: "sign-decline", class: "link-button" }));
  }

  function decline(): Node[] {
    const m = sm(cx);
    const alert = alertBox("decline-alert");
    const area = h("textarea", { id: "decline-reason", rows: 4, maxlength: 600, "aria-describedby": "decline-help decline-alert" });
    const confirm = button(m.declineConfirm, () => {
      const problem = reasonProblem(area.value);
      if (problem) {
        alert.textContent = m[problem];
        area.setAttribute("aria-invalid", "true");
        area.focus();
        return;
      }
      void busy(confirm, async () => {
        try {
          cx.adopt(await signApi.decline(cx.token, area.value.trim()));
        } catch (e) {
          cx.fail(e, alert);
        }
      });
    }, { id: "decline-confirm" });
    const cancel = button(m.cancel, () => show(before), { id: "decline-cancel" }, true);
    return [
      heading(cx, m.decline),
      h("p", {}, st(cx, "declineText", { bank: iso(bank()) })),
      h("div", { class: "f" }, h("label", { class: "f-label", for: "decline-reason" }, m.declineReason), h("p", { class: "f-help", id: "decline-help" }, m.declineHelp), area),
      alert,
      h("div", { class: "nav sign-nav" }, cancel, confirm),
    ];
  }

  function done(): Node[] {
    const v = cx.view;
    const m = sm(cx);
    if (v.status === "declined") return [heading(cx, m.declinedTitle), h("p", { class: "lead" }, st(cx, "declinedText", { bank: iso(v.bank.name) }))];
    return [heading(cx, m.doneTitle), h("p", { class: "lead sign-done", id: "sign-done" }, v.envelopeStatus === "completed" ? m.completedText : m.doneText)];
  }

  const FATAL: Record<Fatal, [keyof ReturnType<typeof sm>, keyof ReturnType<typeof sm>]> = {
    used: ["usedTitle", "usedText"],
    expired: ["expiredTitle", "expiredText"],
    closed: ["closedTitle", "closedText"],
    invalid: ["invalidTitle", "invalidText"],
    copyExpired: ["copyExpiredTitle", "copyExpiredText"],
  };

  function nodes(s: Screen): Node[] {
    const m = sm(cx);
    switch (s.kind) {
      case "loading":
        return [h("p", { role: "status", class: "muted" }, m.loading)];
      case "offline":
        return [heading(cx, m.pageTitle), h("p", { role: "alert", class: "notice" }, m.offline), button(m.retry, () => void load(), { id: "sign-retry" })];
      case "copy":
        return copyScreen(copyCx, s.note);
      case "fatal": {
        const [title, text] = FATAL[s.fatal];
        return [heading(cx, m[title]), h("p", { class: "notice", "data-fatal": s.fatal }, st(cx, text, { bank: iso(bank()) }))];
      }
      case "stage":
        switch (s.stage) {
          case "welcome":
            return welcome();
          case "consent":
            return consent();
          case "decline":
            return decline();
          case "read":
            return readScreen(cx, s.doc, declineLink);
          case "otp":
            return [...otpScreen(cx), declineLink()];
          case "sign":
            return [...signScreen(cx), declineLink()];
          default:
            return done();
        }
    }
  }

  let drawn = false;
  function show(s: Screen, focus = true): void {
    screen = s;
    root.replaceChildren(...nodes(s));
    root.dataset.screen = s.kind === "stage" ? s.stage : s.kind;
    if (s.kind === "copy") root.dataset.authenticated = String(copy?.authenticated ?? false);
    else delete root.dataset.authenticated;
    if (s.kind === "stage" && (s.stage === "done" || s.stage === "declined") && view?.status === "signed") opts.onSigned?.(view);
    // The first screen of the step leaves the focus on the step's title; every later one takes it.
    if (focus && (drawn || opts.level === 1)) {
      const title = root.querySelector<HTMLElement>("#sign-title");
      title?.focus();
      title?.scrollIntoView({ block: "start" });
    }
    drawn = true;
  }

  async function load(): Promise<void> {
    show({ kind: "loading" }, false);
    try {
      cx.adopt(await signApi.view(opts.token));
    } catch (e) {
      const err = e instanceof SignError ? e : new SignError(0, "offline");
      const fatal = fatalOf(err);
      if (fatal === "used" && opts.copies) return copies();
      show(fatal ? { kind: "fatal", fatal } : { kind: "offline" });
    }
  }

  /** A used link: the signed copies when it is a copy's link, else "already signed" (or why not). */
  async function copies(): Promise<void> {
    try {
      copyCx.adopt(await copyApi.view(opts.token));
    } catch (e) {
      const err = e instanceof SignError ? e : new SignError(0, "offline");
      show(err.offline ? { kind: "offline" } : { kind: "fatal", fatal: afterUsed(err) });
    }
  }

  return { root, start: load, redraw: () => show(screen, false), view: () => view, copy: () => copy, fatal: (f) => show({ kind: "fatal", fatal: f }) };
}
