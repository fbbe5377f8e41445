/**
 * "Confirm it's you": a one-time code to the signer's phone or email (their choice when both are
 * known), typed with one-time-code autofill. Wrong codes say how many attempts are left; a lock
 * says for how long; a resend waits out its countdown. In a sequential envelope whose earlier
 * signers have not signed, it says whom the signer waits for and checks again on request.
 */
import { h } from "../survey/dom";
import { type OtpSent, SignError, signApi } from "./api";
import { alertBox, busy, button, heading, iso, type SignCx, sm, st } from "./context";
import { secondsLeft } from "./logic";

type Channel = "sms" | "email";

/** The code sent on this page (kept across redraws): where, and when a new one may be asked for. */
const sent = new Map<string, { channel: Channel; to: string; resendAt: number }>();
let timer: ReturnType<typeof setInterval> | null = null;

function countdown(cx: Pick<SignCx, "locale">, key: string): void {
  if (timer) clearInterval(timer);
  const tick = () => {
    const s = sent.get(key);
    const resend = document.getElementById("otp-resend") as HTMLButtonElement | null;
    const note = document.getElementById("otp-resend-note");
    if (!s || !resend || !note) {
      if (timer) clearInterval(timer);
      return;
    }
    const left = secondsLeft(s.resendAt, Date.now());
    resend.disabled = left > 0;
    note.textContent = left > 0 ? st(cx, "resendIn", { seconds: left }) : "";
    if (left <= 0 && timer) clearInterval(timer);
  };
  tick();
  timer = setInterval(tick, 1000);
}

function waiting(cx: SignCx): Node[] {
  const m = sm(cx);
  const alert = alertBox("otp-alert");
  const again = button(m.checkAgain, () =>
    void busy(again, async () => {
      try {
        cx.adopt(await signApi.view(cx.token), "otp");
      } catch (e) {
        cx.fail(e, alert);
      }
    }), { id: "otp-check" });
  return [heading(cx, m.otpTitle), h("p", { class: "sign-note", id: "sign-waiting" }, m.notYourTurn, " ", st(cx, "waitingFor", { names: cx.view.waitingFor.map(iso).join(", ") })), alert, h("div", { class: "nav sign-nav" }, again)];
}

/**
 * What the code form needs, whoever asks the code: the signer before signing (otpScreen) or a
 * signer fetching the signed copies (copy.ts). `key` keeps the code sent on this page apart per use.
 */
export interface OtpFlow {
  key: string;
  contact: { sms: string | null; email: string | null };
  /** A code the server says went out already (a reload). */
  otp: { channel: Channel; sentTo: string; resendAfterSeconds: number } | null;
  intro: string;
  request(channel?: Channel): Promise<OtpSent>;
  /** Confirms the code; resolves once the screen moved on. */
  verify(code: string): Promise<void>;
  /** Shows the form again (the code box once a code is sent). */
  redraw(): void;
  fail(e: unknown, alert: HTMLElement | null): void;
}

export function otpScreen(cx: SignCx): Node[] {
  const v = cx.view;
  if (v.waitingFor.length > 0) return waiting(cx);
  return [
    heading(cx, sm(cx).otpTitle),
    ...otpForm(cx, {
      key: cx.token,
      contact: v.signer.contact,
      otp: v.otp,
      intro: sm(cx).otpIntro,
      request: (channel) => signApi.otp(cx.token, channel),
      verify: async (code) => cx.adopt(await signApi.verify(cx.token, code), "read"),
      redraw: () => cx.go("otp"),
      fail: (e, alert) => cx.fail(e, alert),
    }),
  ];
}

/** The code form without its heading: where to send it, then the code box, resend and errors. */
export function otpForm(cx: Pick<SignCx, "locale">, flow: OtpFlow): Node[] {
  const m = sm(cx);
  const contact = flow.contact;
  if (!sent.has(flow.key) && flow.otp) sent.set(flow.key, { channel: flow.otp.channel, to: flow.otp.sentTo, resendAt: Date.now() + flow.otp.resendAfterSeconds * 1000 });
  const channels = (["sms", "email"] as const).filter((c) => contact[c]);
  let channel: Channel = channels[0] ?? "sms";
  const alert = alertBox("otp-alert");

  async function ask(b: HTMLButtonElement | null): Promise<void> {
    await busy(b, async () => {
      alert.textContent = "";
      try {
        const r = await flow.request(channels.length > 1 ? channel : undefined);
        sent.set(flow.key, { channel: r.channel, to: r.sentTo, resendAt: Date.now() + r.resendAfterSeconds * 1000 });
        flow.redraw();
        document.getElementById("otp-code")?.focus();
      } catch (e) {
        const err = e instanceof SignError ? e : new SignError(0, "offline");
        if (err.status === 429) {
          // A code went out moments ago (another tab, a reload): let the signer type it.
          const to = contact[channel] ?? "";
          sent.set(flow.key, { channel, to, resendAt: Date.now() + (err.retryAfter ?? 60) * 1000 });
          flow.redraw();
          const note = document.getElementById("otp-status");
          if (note) note.textContent = m.waitCode;
        } else if (err.code === "otp_locked") alert.textContent = st(cx, "locked", { minutes: Math.max(1, Math.ceil((err.retryAfter ?? 900) / 60)) });
        else flow.fail(err, alert);
      }
    });
  }

  const s = sent.get(flow.key);
  if (!s) {
    const parts: Node[] = [h("p", { class: "lead" }, flow.intro)];
    if (channels.length > 1) {
      const set = h("fieldset", { class: "f" }, h("legend", { class: "f-label" }, m.otpChoose));
      for (const c of channels) {
        const r = h("input", { type: "radio", name: "otp-channel", id: `otp-via-${c}`, value: c, checked: c === channel });
        r.addEventListener("change", () => (channel = c));
        set.append(h("label", { class: "radio", for: `otp-via-${c}` }, r, h("span", {}, st(cx, c === "sms" ? "viaSms" : "viaEmail", { to: `\u2066${contact[c] ?? ""}\u2069` }))));
      }
      parts.push(set);
    } else if (channels[0]) {
      parts.push(h("p", {}, st(cx, channels[0] === "sms" ? "viaSms" : "viaEmail", { to: `\u2066${contact[channels[0]] ?? ""}\u2069` })));
    }
    const send = button(m.sendCode, () => void ask(send), { id: "otp-send" });
    parts.push(alert, h("div", { class: "nav sign-nav" }, send));
    return parts;
  }

  const input = h("input", {
    type: "text",
    id: "otp-code",
    name: "code",
    inputmode: "numeric",
    autocomplete: "one-time-code",
    pattern: "[0-9]*",
    maxlength: 6,
    dir: "ltr",
    required: true,
    "aria-describedby": "otp-code-e",
  });
  const err = h("p", { id: "otp-code-e", class: "f-error", hidden: true });
  const failCode = (text: string) => {
    err.textContent = text;
    err.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.focus();
    input.select();
  };
  const confirm = button(m.confirm, () => void check(), { id: "otp-confirm" });
  async function check(): Promise<void> {
    const code = input.value.replace(/\D/g, "");
    if (!/^\d{6}$/.test(code)) return failCode(m.codeFormat);
    await busy(confirm, async () => {
      try {
        await flow.verify(code);
        if (timer) clearInterval(timer);
        // Used: when a confirmation runs out later, the form starts over with a new code.
        sent.delete(flow.key);
      } catch (e) {
        const ae = e instanceof SignError ? e : new SignError(0, "offline");
        if (ae.code === "otp_invalid") {
          const left = ae.errors.map((x) => x.params?.attemptsLeft).find((x) => x !== undefined);
          return failCode(left !== undefined ? st(cx, "wrongCode", { n: left }) : m.wrongCodeAny);
        }
        if (ae.code === "otp_locked") return failCode(st(cx, "locked", { minutes: Math.max(1, Math.ceil((ae.retryAfter ?? 900) / 60)) }));
        if (ae.status === 400 && !ae.code.startsWith("token") && ae.code !== "envelope_closed") return failCode(ae.errors[0]?.message ?? m.codeFormat);
        flow.fail(ae, alert);
      }
    });
  }
  input.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter") return;
    ev.preventDefault();
    void check();
  });
  input.addEventListener("input", () => {
    if (input.value.replace(/\D/g, "").length === 6) err.hidden = true;
  });
  const resend = button(m.resend, () => void ask(resend), { id: "otp-resend" }, true);
  queueMicrotask(() => countdown(cx, flow.key));
  return [
    h("p", { class: "lead", id: "otp-status", role: "status" }, st(cx, "codeSent", { to: `\u2066${s.to}\u2069` })),
    h("div", { class: "f otp-f" }, h("label", { class: "f-label", for: "otp-code" }, m.codeLabel), input, err),
    h("div", { class: "nav sign-nav" }, confirm),
    h("div", { class: "resend" }, resend, h("p", { id: "otp-resend-note", class: "muted" })),
    alert,
  ];
}
