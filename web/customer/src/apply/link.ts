/**
 * Opening a link: nothing personal is shown before a one-time code. The customer picks SMS or
 * email when both are possible, asks for a code, types it (one-time-code autofill), and gets a
 * session kept in this tab only. Wrong codes say how many attempts are left; a lock says for how
 * long; expired, revoked and unknown links get their own screen.
 */
import { h } from "../survey/dom";
import { type ApiError, api, type LinkInfo } from "./api";
import * as session from "./session";
import { configure, m, message, prefer, show, t, title, setLanguages } from "./shell";

type Channel = "sms" | "email";

export function linkError(e: ApiError, retry: () => void): void {
  if (e.code === "token_expired") message("expiredTitle", "expiredText");
  else if (e.code === "link_revoked") message("revokedTitle", "revokedText");
  else if (e.status === 400 || e.status === 404 || e.code === "token_invalid") message("wrongLinkTitle", "wrongLinkText");
  else if (e.code === "otp_locked") message("lockedTitle", "lockedText", undefined, { minutes: Math.max(1, Math.ceil((e.retryAfter ?? 900) / 60)) });
  else message("title", e.offline ? "offline" : "errServer", { label: m().retry, run: retry });
}

/** The code screens for `token`; resolves through `done` with the kept session. */
export async function verifyLink(token: string, done: (kept: session.Kept) => void): Promise<void> {
  show(() => [h("p", { role: "status", class: "muted" }, m().loading)], false);
  let info: LinkInfo;
  try {
    info = await api.link(token);
  } catch (e) {
    return linkError(e as ApiError, () => void verifyLink(token, done));
  }
  configure({ bank: info.bank.name, signOut: null });
  prefer(info.language);
  setLanguages(info.languages);
  const channels = info.otpChannels.filter((c) => info.destination[c]);
  let channel: Channel = channels[0] ?? "sms";
  let sentTo = "";
  let resendAt = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const alert = (text: string) => {
    const el = document.getElementById("otp-alert");
    if (el) el.textContent = text;
  };

  async function send(): Promise<void> {
    const button = document.getElementById("send") as HTMLButtonElement | null;
    if (button) button.disabled = true;
    try {
      const r = await api.sendCode(token, channels.length > 1 ? channel : undefined);
      sentTo = r.to;
      resendAt = Date.now() + r.resendAfterSeconds * 1000;
      codeScreen();
    } catch (err) {
      const e = err as ApiError;
      if (e.status === 429) {
        // A code went out moments ago (maybe from another tab): let the customer type it.
        if (e.retryAfter) resendAt = Date.now() + e.retryAfter * 1000;
        sentTo ||= info.destination[channel] ?? "";
        return codeScreen(m().waitCode);
      } else if (e.status === 410 || e.status === 423 || e.status === 400) linkError(e, () => void send());
      else alert(e.offline ? m().offline : m().errServer);
    } finally {
      if (button) button.disabled = false;
    }
  }

  function chooseScreen(): void {
    show(() => {
      const form = h("form", { novalidate: true, class: "otp" });
      if (channels.length > 1) {
        const set = h("fieldset", { class: "f" }, h("legend", { class: "f-label" }, m().otpChoose));
        for (const c of channels) {
          const r = h("input", { type: "radio", name: "channel", id: `via-${c}`, value: c, checked: c === channel });
          r.addEventListener("change", () => (channel = c));
          const to = info.destination[c] ?? "";
          set.append(h("label", { class: "radio", for: `via-${c}` }, r, h("span", {}, t(c === "sms" ? "viaSms" : "viaEmail", { to: `\u2066${to}\u2069` }))));
        }
        form.append(set);
      } else if (channels[0]) {
        form.append(h("p", {}, t(channels[0] === "sms" ? "viaSms" : "viaEmail", { to: `\u2066${info.destination[channels[0]] ?? ""}\u2069` })));
      }
      form.append(h("p", { id: "otp-alert", class: "page-alert", role: "alert" }), h("button", { type: "submit", class: "button", id: "send" }, m().sendCode));
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        void send();
      });
      return [title(m().otpTitle), h("p", { class: "lead" }, m().otpIntro), form];
    });
  }

  function countdown(): void {
    if (timer) clearInterval(timer);
    const tick = () => {
      const left = Math.ceil((resendAt - Date.now()) / 1000);
      const resend = document.getElementById("resend") as HTMLButtonElement | null;
      const note = document.getElementById("resend-note");
      if (!resend || !note) {
        if (timer) clearInterval(timer);
        return;
      }
      resend.disabled = left > 0;
      note.textContent = left > 0 ? t("resendIn", { seconds: left }) : "";
      if (left <= 0 && timer) clearInterval(timer);
    };
    tick();
    timer = setInterval(tick, 1000);
  }

  async function verify(code: string): Promise<void> {
    const input = document.getElementById("code") as HTMLInputElement | null;
    const err = document.getElementById("code-e");
    const fail = (text: string) => {
      if (err) {
        err.textContent = text;
        err.hidden = false;
      }
      input?.setAttribute("aria-invalid", "true");
      input?.focus();
      input?.select();
    };
    if (!/^\d{6}$/.test(code)) return fail(m().codeFormat);
    const button = document.getElementById("confirm") as HTMLButtonElement | null;
    if (button) button.disabled = true;
    try {
      const r = await api.verify(token, code);
      const kept = { sessionToken: r.sessionToken, applicationId: r.applicationId };
      session.keep(token, kept);
      if (timer) clearInterval(timer);
      done(kept);
    } catch (e) {
      const ae = e as ApiError;
      if (button) button.disabled = false;
      if (ae.code === "otp_invalid") {
        const left = ae.errors.map((x) => x.params?.attemptsLeft).find((v) => v !== undefined);
        return fail(left !== undefined ? t("wrongCode", { n: left }) : m().wrongCodeAny);
      }
      if (ae.status === 400) return fail(ae.errors[0]?.message ?? m().codeFormat);
      if (ae.status === 410 || ae.status === 423) return linkError(ae, () => void verifyLink(token, done));
      fail(ae.offline ? m().offline : m().errServer);
    }
  }

  function codeScreen(note = ""): void {
    show(() => {
      const input = h("input", {
        type: "text",
        id: "code",
        name: "code",
        inputmode: "numeric",
        autocomplete: "one-time-code",
        pattern: "[0-9]*",
        maxlength: 6,
        dir: "ltr",
        required: true,
        "aria-describedby": "code-e",
      });
      const form = h(
        "form",
        { novalidate: true, class: "otp" },
        h("div", { class: "f" }, h("label", { class: "f-label", for: "code" }, m().codeLabel), input, h("p", { id: "code-e", class: "f-error", hidden: true })),
        h("button", { type: "submit", class: "button", id: "confirm" }, m().confirm),
      );
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        void verify(input.value.replace(/\D/g, ""));
      });
      const resend = h("button", { type: "button", class: "button button-quiet", id: "resend" }, m().resend);
      resend.addEventListener("click", () => void send());
      return [
        title(m().otpTitle),
        h("p", { class: "lead", role: "status" }, t("codeSent", { to: `\u2066${sentTo}\u2069` })),
        form,
        h("div", { class: "resend" }, resend, h("p", { id: "resend-note", class: "muted" }, note)),
        h("p", { id: "otp-alert", class: "page-alert", role: "alert" }),
      ];
    }, "code");
    countdown();
  }

  chooseScreen();
}
